/**
 * Emulated DataValidationBuilder: what SpreadsheetApp.newDataValidation()
 * starts, for value lists, number ranges and dates; build() gives the rule.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { DataValidationState } from '../state';
import { criteriaTypeOf, DataValidationEmu } from './data-validation';
import { givenArgs, signatureError } from '../utilities';
import { fail } from './exceptions';

export class DataValidationBuilderEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.DataValidationBuilder,
      | 'requireValueInList'
      | 'requireNumberBetween'
      | 'requireDate'
      | 'setAllowInvalid'
      | 'setHelpText'
      | 'build'
    >
{
  private rule: DataValidationState = { kind: 'list', values: [], allowInvalid: true };
  /** A new builder has no criteria until a require… call. */
  private hasCriteria = false;

  constructor(private readonly env: Env) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `DataValidationBuilder.${method}`);
  }

  private setCriteria(next: Omit<DataValidationState, 'allowInvalid' | 'helpText'>): DataValidationBuilderEmu {
    const { allowInvalid, helpText } = this.rule;
    this.rule = { ...next, allowInvalid, ...(helpText !== undefined ? { helpText } : {}) };
    this.hasCriteria = true;
    return this;
  }

  requireValueInList(values: string[], _showDropdown?: boolean): DataValidationBuilderEmu {
    this.m('requireValueInList');
    if (!Array.isArray(values)) throw signatureError(this.env, 'SpreadsheetApp.DataValidationBuilder.requireValueInList', givenArgs(values, _showDropdown));
    return this.setCriteria({ kind: 'list', values: values.map((v) => String(v)) });
  }

  requireNumberBetween(start: number, end: number): DataValidationBuilderEmu {
    this.m('requireNumberBetween');
    // The bounds keep the order given: getCriteriaValues() of between(70, 20) is [70, 20].
    return this.setCriteria({ kind: 'number', min: Number(start), max: Number(end) });
  }

  /** "Sets the data validation rule to require a date" (DataValidationBuilder.requireDate()): criteria DATE_IS_VALID_DATE. */
  requireDate(): DataValidationBuilderEmu {
    this.m('requireDate');
    return this.setCriteria({ kind: 'date' });
  }

  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilderEmu {
    this.m('setAllowInvalid');
    this.rule = { ...this.rule, allowInvalid: !!allowInvalidData };
    return this;
  }

  setHelpText(helpText: string): DataValidationBuilderEmu {
    this.m('setHelpText');
    this.rule = { ...this.rule, helpText: String(helpText) };
    return this;
  }

  /** Null until a require… call gives the builder its criteria (the typings say never null, so it is not in Emulates). */
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria | null {
    this.m('getCriteriaType');
    return this.hasCriteria ? criteriaTypeOf(this.rule) : null;
  }

  build(): DataValidationEmu {
    this.m('build');
    // The wording of Google's refusal is not confirmed.
    if (!this.hasCriteria) fail(this.env, 'You must specify the criteria for the data validation rule.');
    return new DataValidationEmu(this.env, { ...this.rule, values: this.rule.values?.slice() });
  }
}
