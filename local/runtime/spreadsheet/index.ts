/**
 * Emulated SpreadsheetApp: the bound spreadsheet, its sheets and ranges, text
 * finders, data validation, conditional formats, protections and the Ui, one
 * class per file.
 * Objects hold only ids and coordinates and read `env.state` on every call, so
 * the state stays the truth (a Sheet object survives a rename; a deleted sheet
 * gives an error).
 *
 * This module lists every class the bundle can be handed: the runtime and the
 * tests import from here, and the bench times each exported *Emu class.
 */
export { BooleanConditionEmu } from './boolean-condition';
export { ConditionalFormatRuleBuilderEmu } from './conditional-format-rule-builder';
export { ConditionalFormatRuleEmu } from './conditional-format-rule';
export { DataValidationBuilderEmu } from './data-validation-builder';
export { DataValidationEmu } from './data-validation';
export { EmbeddedChartBuilderEmu } from './embedded-chart-builder';
export { EmbeddedChartEmu } from './embedded-chart';
export { MenuEmu } from './menu';
export { PromptResponseEmu } from './prompt-response';
export { ProtectionEmu } from './protection';
export { RangeEmu } from './range';
export { SheetEmu } from './sheet';
export { SpreadsheetAppEmu } from './spreadsheet-app';
export { SpreadsheetEmu } from './spreadsheet';
export { TextFinderEmu } from './text-finder';
export { UiEmu } from './ui';
export { UserEmu } from './user';
