/** Emulated MultipleChoiceItem: a question answered with one of its choices. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { ChoiceQuestion, type ChoiceMethods } from './choice-question';
import type { CommonMethods } from './item-base';

export class MultipleChoiceItemEmu
  extends ChoiceQuestion
  implements Emulates<GoogleAppsScript.Forms.MultipleChoiceItem, CommonMethods | ChoiceMethods>
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'MultipleChoiceItem');
  }
}
