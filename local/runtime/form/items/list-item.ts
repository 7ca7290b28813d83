/** Emulated ListItem: a question answered with one choice from a drop-down list. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { ChoiceQuestion, type ChoiceMethods } from './choice-question';
import type { CommonMethods } from './item-base';

export class ListItemEmu extends ChoiceQuestion implements Emulates<GoogleAppsScript.Forms.ListItem, CommonMethods | ChoiceMethods> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'ListItem');
  }
}
