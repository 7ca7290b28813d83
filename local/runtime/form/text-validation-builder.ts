/**
 * Emulated TextValidationBuilder (FormApp.createTextValidation()): the shared
 * rules, plus email and number range.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import { ValidationBuilderBase } from './validation-builder';

export class TextValidationBuilderEmu
  extends ValidationBuilderBase
  implements
    Emulates<
      GoogleAppsScript.Forms.TextValidationBuilder,
      | 'requireTextMatchesPattern'
      | 'requireTextIsEmail'
      | 'requireTextLengthLessThanOrEqualTo'
      | 'requireTextLengthGreaterThanOrEqualTo'
      | 'requireNumberBetween'
      | 'setHelpText'
      | 'build'
    >
{
  constructor(env: Env) {
    super(env, 'TextValidationBuilder', false);
  }

  requireTextIsEmail(): this {
    return this.set('requireTextIsEmail', { kind: 'email' });
  }

  requireNumberBetween(start: number, end: number): this {
    return this.set('requireNumberBetween', { kind: 'number', min: Number(start), max: Number(end) });
  }
}
