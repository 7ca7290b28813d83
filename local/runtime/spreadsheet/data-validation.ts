/**
 * Emulated DataValidation: a built rule, as Range.setDataValidation() stores
 * it and Range.getDataValidation() reads it back; and the
 * DataValidationCriteria enum that SpreadsheetApp exposes.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { DataValidationState } from '../state';
import { stringEnum } from '../utilities';

export const DataValidationCriteria = stringEnum<typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria>([
  'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX',
]);

function criteriaValuesOf(rule: DataValidationState): unknown[] {
  switch (rule.kind) {
    case 'list':
      return [(rule.values ?? []).slice(), true];
    case 'checkbox':
      return [];
    case 'number':
      return [rule.min, rule.max];
    case 'date':
      return [];
  }
}

export function criteriaTypeOf(rule: DataValidationState): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
  switch (rule.kind) {
    case 'list':
      return DataValidationCriteria.VALUE_IN_LIST;
    case 'checkbox':
      return DataValidationCriteria.CHECKBOX;
    case 'number':
      return DataValidationCriteria.NUMBER_BETWEEN;
    case 'date':
      return DataValidationCriteria.DATE_IS_VALID_DATE;
  }
}

export class DataValidationEmu
  implements
    Emulates<GoogleAppsScript.Spreadsheet.DataValidation, 'getCriteriaType' | 'getCriteriaValues' | 'getAllowInvalid'>
{
  constructor(
    private readonly env: Env,
    /** Host side: the rule as stored. */
    readonly rule: DataValidationState,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `DataValidation.${method}`);
  }

  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    this.m('getCriteriaType');
    return criteriaTypeOf(this.rule);
  }

  getCriteriaValues(): unknown[] {
    this.m('getCriteriaValues');
    return criteriaValuesOf(this.rule);
  }

  getAllowInvalid(): boolean {
    this.m('getAllowInvalid');
    return this.rule.allowInvalid;
  }
}
