/**
 * Emulated BooleanCondition: the criteria and the formatting of a conditional
 * format rule (ConditionalFormatRule.getBooleanCondition()); and the
 * BooleanCriteria enum that SpreadsheetApp exposes.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { ConditionalCriteriaName, ConditionalFormatState } from '../state';
import { stringEnum } from '../utilities';

export const BooleanCriteria = stringEnum<typeof GoogleAppsScript.Spreadsheet.BooleanCriteria>([
  'CELL_EMPTY', 'CELL_NOT_EMPTY', 'DATE_AFTER', 'DATE_BEFORE', 'DATE_EQUAL_TO', 'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE', 'DATE_EQUAL_TO_RELATIVE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH', 'CUSTOM_FORMULA',
]);

export class BooleanConditionEmu
  implements Emulates<GoogleAppsScript.Spreadsheet.BooleanCondition, 'getCriteriaType' | 'getCriteriaValues' | 'getBackground' | 'getFontColor' | 'getBold'>
{
  constructor(
    private readonly env: Env,
    private readonly criteria: ConditionalCriteriaName,
    private readonly values: readonly string[],
    private readonly format: ConditionalFormatState['format'],
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `BooleanCondition.${method}`);
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    this.m('getCriteriaType');
    return BooleanCriteria[this.criteria];
  }

  /** The values as given: a custom formula keeps its '=' (live-verified assertion of a peer emulator: ['=A1>10']). */
  getCriteriaValues(): unknown[] {
    this.m('getCriteriaValues');
    return this.values.slice();
  }

  getBackground(): string | null {
    this.m('getBackground');
    return this.format.background ?? null;
  }

  getFontColor(): string | null {
    this.m('getFontColor');
    return this.format.fontColor ?? null;
  }

  getBold(): boolean | null {
    this.m('getBold');
    return this.format.bold ?? null;
  }
}
