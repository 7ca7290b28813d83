/** Emulated ParagraphTextValidationBuilder (FormApp.createParagraphTextValidation()): the shared rules only. */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import { ValidationBuilderBase } from './validation-builder';

export class ParagraphTextValidationBuilderEmu
  extends ValidationBuilderBase
  implements
    Emulates<
      GoogleAppsScript.Forms.ParagraphTextValidationBuilder,
      'requireTextMatchesPattern' | 'requireTextLengthLessThanOrEqualTo' | 'requireTextLengthGreaterThanOrEqualTo' | 'setHelpText' | 'build'
    >
{
  constructor(env: Env) {
    super(env, 'ParagraphTextValidationBuilder', true);
  }
}
