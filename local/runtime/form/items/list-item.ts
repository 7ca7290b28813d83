/** Emulated ListItem: a question answered with one choice from a drop-down list. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { signatureError } from '../../utilities';
import type { ItemResponseEmu } from '../item-response';
import { ChoiceQuestion, type ChoiceMethods } from './choice-question';
import type { CommonMethods } from './item-base';

export class ListItemEmu extends ChoiceQuestion implements Emulates<GoogleAppsScript.Forms.ListItem, CommonMethods | ChoiceMethods | 'createResponse'> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'ListItem');
  }

  createResponse(response: string): ItemResponseEmu {
    this.meter('createResponse');
    if (typeof response !== 'string') throw signatureError(this.env, 'ListItem.createResponse', [response]);
    return this.choiceResponse('ListItem.createResponse', [response], response);
  }
}
