/**
 * Emulated DataValidationBuilder: what SpreadsheetApp.newDataValidation()
 * starts, for value lists and number ranges; build() gives the rule.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { DataValidationState } from '../state';
import { DataValidationEmu } from './data-validation';
import { fail } from './exceptions';

export class DataValidationBuilderEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.DataValidationBuilder,
      | 'requireValueInList'
      | 'requireNumberBetween'
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
    if (!Array.isArray(values)) fail(this.env, 'The parameters do not match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.');
    return this.setCriteria({ kind: 'list', values: values.map((v) => String(v)) });
  }

  requireNumberBetween(start: number, end: number): DataValidationBuilderEmu {
    this.m('requireNumberBetween');
    return this.setCriteria({ kind: 'number', min: Math.min(Number(start), Number(end)), max: Math.max(Number(start), Number(end)) });
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

  build(): DataValidationEmu {
    this.m('build');
    if (!this.hasCriteria) fail(this.env, 'You must specify the criteria for the data validation rule.');
    return new DataValidationEmu(this.env, { ...this.rule, values: this.rule.values?.slice() });
  }
}
