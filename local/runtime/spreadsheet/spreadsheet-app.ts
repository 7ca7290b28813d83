/**
 * Emulated SpreadsheetApp, the service's entry point: the bound spreadsheet,
 * its Ui, new data-validation and conditional format rules, and the enums the
 * bundle reads from it.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import { BooleanCriteria } from './boolean-condition';
import { ConditionalFormatRuleBuilderEmu } from './conditional-format-rule-builder';
import { DataValidationBuilderEmu } from './data-validation-builder';
import { DataValidationCriteria } from './data-validation';
import { ProtectionType } from './protection';
import { WrapStrategy } from './range';
import { RecalculationInterval, SpreadsheetEmu } from './spreadsheet';
import { UiEmu } from './ui';
import { newUiRecord, type UiRecord } from './ui-record';

export class SpreadsheetAppEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      'getActiveSpreadsheet' | 'getUi' | 'flush' | 'newDataValidation' | 'newConditionalFormatRule'
    >
{
  readonly BooleanCriteria = BooleanCriteria;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly RecalculationInterval = RecalculationInterval;
  readonly WrapStrategy = WrapStrategy;
  /** Host side: what the Ui showed. */
  readonly ui: UiRecord = newUiRecord();

  constructor(private readonly env: Env) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `SpreadsheetApp.${method}`);
  }

  getActiveSpreadsheet(): SpreadsheetEmu {
    this.m('getActiveSpreadsheet');
    return new SpreadsheetEmu(this.env, this.ui);
  }

  getUi(): UiEmu {
    this.m('getUi');
    return new UiEmu(this.env, this.ui);
  }

  flush(): void {
    this.m('flush');
  }

  newDataValidation(): DataValidationBuilderEmu {
    this.m('newDataValidation');
    return new DataValidationBuilderEmu(this.env);
  }

  newConditionalFormatRule(): ConditionalFormatRuleBuilderEmu {
    this.m('newConditionalFormatRule');
    return new ConditionalFormatRuleBuilderEmu(this.env, this.ui);
  }
}
