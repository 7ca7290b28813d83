/** Emulated CheckboxItem: a question answered with any number of its choices, so its answer is a string[]. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { signatureError } from '../../utilities';
import type { ItemResponseEmu } from '../item-response';
import { ChoiceQuestion, type ChoiceMethods } from './choice-question';
import type { CommonMethods } from './item-base';

export class CheckboxItemEmu
  extends ChoiceQuestion
  implements Emulates<GoogleAppsScript.Forms.CheckboxItem, CommonMethods | ChoiceMethods | 'createResponse'>
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'CheckboxItem');
  }

  createResponse(responses: string[]): ItemResponseEmu {
    this.meter('createResponse');
    if (!Array.isArray(responses)) throw signatureError(this.env, 'CheckboxItem.createResponse', [responses]);
    return this.choiceResponse('CheckboxItem.createResponse', responses.map(String), responses.map(String));
  }
}
