/**
 * What both text-validation builders share: the pattern and maximum-length
 * rules, the help text, and build().
 */
import type { Env } from '../env';
import { TextValidationEmu, type ValidationRule } from './text-validation';

export abstract class ValidationBuilderBase {
  protected rule: Omit<ValidationRule, 'helpText'> | null = null;
  private helpText = '';

  constructor(
    protected readonly env: Env,
    private readonly className: string,
    private readonly paragraph: boolean,
  ) {}

  requireTextMatchesPattern(pattern: string): this {
    return this.set('requireTextMatchesPattern', { kind: 'regex', pattern: String(pattern) });
  }

  requireTextLengthLessThanOrEqualTo(number: number): this {
    return this.set('requireTextLengthLessThanOrEqualTo', { kind: 'maxLength', value: Number(number) });
  }

  /** A minimum length (Apps Script reference, ParagraphTextValidationBuilder / TextValidationBuilder.requireTextLengthGreaterThanOrEqualTo). */
  requireTextLengthGreaterThanOrEqualTo(number: number): this {
    return this.set('requireTextLengthGreaterThanOrEqualTo', { kind: 'minLength', value: Number(number) });
  }

  setHelpText(text: string): this {
    this.env.meter.call('Form', `${this.className}.setHelpText`);
    this.helpText = String(text);
    return this;
  }

  build(): TextValidationEmu {
    this.env.meter.call('Form', `${this.className}.build`);
    if (!this.rule) throw this.env.meter.error('Exception: The validation has no rule: call a require… method before build().');
    return new TextValidationEmu({ ...this.rule, helpText: this.helpText }, this.paragraph);
  }

  /** A validation holds one rule: the last one set wins. */
  protected set(method: string, rule: Omit<ValidationRule, 'helpText'>): this {
    this.env.meter.call('Form', `${this.className}.${method}`);
    this.rule = rule;
    return this;
  }
}
