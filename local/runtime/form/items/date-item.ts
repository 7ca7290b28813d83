/** Emulated DateItem: a date question. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import type { CommonMethods } from './item-base';
import { QuestionItem } from './question-item';

export class DateItemEmu extends QuestionItem implements Emulates<GoogleAppsScript.Forms.DateItem, CommonMethods | 'setRequired' | 'isRequired'> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'DateItem');
  }
}
