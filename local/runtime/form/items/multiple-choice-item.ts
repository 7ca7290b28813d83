/**
 * Emulated MultipleChoiceItem: a question answered with one of its choices,
 * which may each lead to a page (createChoice(value, navigationItem) and
 * createChoice(value, navigationType), Apps Script reference,
 * https://developers.google.com/apps-script/reference/forms/multiple-choice-item).
 */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import type { ItemResponseEmu } from '../item-response';
import { ChoiceEmu } from './choice';
import { ChoiceQuestion, type ChoiceMethods } from './choice-question';
import type { CommonMethods } from './item-base';
import { navigationOf } from './navigation';
import { signatureError } from '../../utilities';

export class MultipleChoiceItemEmu
  extends ChoiceQuestion
  implements Emulates<GoogleAppsScript.Forms.MultipleChoiceItem, CommonMethods | ChoiceMethods | 'createResponse'>
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'MultipleChoiceItem');
  }

  createResponse(response: string): ItemResponseEmu {
    this.meter('createResponse');
    if (typeof response !== 'string') throw signatureError(this.env, 'MultipleChoiceItem.createResponse', [response]);
    return this.choiceResponse('MultipleChoiceItem.createResponse', [response], response);
  }

  override createChoice(value: string, ...rest: unknown[]): ChoiceEmu {
    if (rest.length === 0) return super.createChoice(value);
    this.meter('createChoice');
    const args = [value, ...rest];
    // Quizzes (createChoice(value, isCorrect)) are not modelled: refused rather than half-done.
    if (rest.length > 1 || typeof rest[0] === 'boolean') throw signatureError(this.env, 'MultipleChoiceItem.createChoice', args);
    return new ChoiceEmu(this.env, String(value), this.formId, navigationOf(this.env, 'MultipleChoiceItem.createChoice', this.formId, rest[0], args));
  }
}
