/**
 * Emulated SpreadsheetApp: the bound spreadsheet, its sheets and ranges, text
 * finders, data validation, protections and the Ui. Objects hold only ids and
 * coordinates and read `env.state` on every call, so the state stays the truth
 * (a Sheet object survives a rename; a deleted sheet gives an error).
 *
 * Formulas are stored ({f}) but never evaluated: getValues() returns '' for
 * them and getFormulas() their source.
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import type { ChartState, DataValidationState, ProtectionState, SheetState, StoredValue } from './state';
import { newSheetState } from './state';
import { stringEnum } from './utilities';
import {
  a1Notation,
  deleteColumns,
  deleteRows,
  displayValue,
  getCell,
  getCellProp,
  insertColumns,
  insertRows,
  internRule,
  isBlankValue,
  isDateValue,
  isFormulaValue,
  lastColumn,
  lastRow,
  moveColumns,
  parseA1,
  rectOfA1,
  setCellProp,
  sortRect,
  storeScriptValue,
  writeParsed,
  type GridRect,
  type SortKey,
} from './sheet-data';

type SS = typeof GoogleAppsScript.Spreadsheet;
type UiButton = GoogleAppsScript.Base.Button;
type UiButtonSet = GoogleAppsScript.Base.ButtonSet;

const DataValidationCriteria = stringEnum<SS['DataValidationCriteria']>([
  'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER', 'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO', 'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS', 'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE', 'CUSTOM_FORMULA', 'CHECKBOX',
]);
const ProtectionType = stringEnum<SS['ProtectionType']>(['RANGE', 'SHEET']);
const Button = stringEnum<typeof GoogleAppsScript.Base.Button>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
const ButtonSet = stringEnum<typeof GoogleAppsScript.Base.ButtonSet>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

const DEFAULT_COLUMN_WIDTH = 100;

/** Throws an Apps Script exception in the bundle's realm. */
function fail(env: Env, message: string): never {
  throw env.meter.error(`Exception: ${message}`);
}

/** Unwraps an object the bundle got from us (a Sheet, Range, rule …). */
function own<T>(env: Env, x: unknown, cls: abstract new (...args: never[]) => T, what: string): T {
  if (x instanceof cls) return x;
  return fail(env, `Invalid argument: ${what}`);
}

function toBundleValue(env: Env, v: StoredValue): unknown {
  if (v === null || isFormulaValue(v)) return '';
  if (isDateValue(v)) return env.realm.newDate(v.d);
  return v;
}

// ---------------------------------------------------------------- host-side Ui record

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; entries: MenuEntry[] };

export type ButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';

/** What the Ui showed, for tests and the CLI; never part of the RuntimeState. */
export interface UiRecord {
  menus: { caption: string; addon: boolean; entries: MenuEntry[] }[];
  sidebar: { html: string; title: string } | null;
  dialog: { html: string; title: string; modal: boolean } | null;
  alerts: { title: string; prompt: string; buttons: string; answer: ButtonName }[];
  prompts: { title: string; prompt: string; buttons: string; answer: ButtonName; text: string }[];
  toasts: { message: string; title: string; at: number }[];
  /** Scripted answers consumed by alert()/prompt() in order; without one, the first button (OK or YES) and ''. */
  answers: { button: ButtonName; text?: string }[];
}

function newUiRecord(): UiRecord {
  return { menus: [], sidebar: null, dialog: null, alerts: [], prompts: [], toasts: [], answers: [] };
}

// ---------------------------------------------------------------- SpreadsheetApp

export class SpreadsheetAppEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.SpreadsheetApp,
      'getActiveSpreadsheet' | 'getUi' | 'flush' | 'newDataValidation'
    >
{
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
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
}

function activeSheetState(env: Env): SheetState {
  const ss = env.state.spreadsheet;
  const sheet = ss.sheets.find((s) => s.sheetId === ss.activeSheetId) ?? ss.sheets[0];
  if (!sheet) return fail(env, 'The spreadsheet has no sheets.');
  return sheet;
}

function sheetNameTaken(env: Env, name: string, except: number | null): boolean {
  const lower = name.toLowerCase();
  return env.state.spreadsheet.sheets.some((s) => s.sheetId !== except && s.name.toLowerCase() === lower);
}

function checkNewSheetName(env: Env, name: string, except: number | null): void {
  if (name.trim() === '') fail(env, 'Sheet names cannot be empty.');
  if (sheetNameTaken(env, name, except)) fail(env, `A sheet with the name "${name}" already exists. Please enter another name.`);
}

// ---------------------------------------------------------------- Spreadsheet

export class SpreadsheetEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.Spreadsheet,
      | 'getId'
      | 'getSheetByName'
      | 'getSheets'
      | 'getActiveSheet'
      | 'insertSheet'
      | 'deleteSheet'
      | 'setSpreadsheetTimeZone'
      | 'toast'
      | 'getProtections'
      | 'createTextFinder'
    >
{
  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Spreadsheet.${method}`);
  }

  private sheetObject(s: SheetState): SheetEmu {
    return new SheetEmu(this.env, this.ui, s.sheetId);
  }

  getId(): string {
    this.m('getId');
    return this.env.state.spreadsheet.id;
  }

  getSheetByName(name: string): SheetEmu | null {
    this.m('getSheetByName');
    const s = this.env.state.spreadsheet.sheets.find((x) => x.name === String(name));
    return s ? this.sheetObject(s) : null;
  }

  getSheets(): SheetEmu[] {
    this.m('getSheets');
    return this.env.state.spreadsheet.sheets.map((s) => this.sheetObject(s));
  }

  getActiveSheet(): SheetEmu {
    this.m('getActiveSheet');
    return this.sheetObject(activeSheetState(this.env));
  }

  /** insertSheet([name], [index], [options]); the new sheet (1000 × 26) becomes the active sheet. */
  insertSheet(
    a?: string | number | { template?: GoogleAppsScript.Spreadsheet.Sheet },
    b?: number | { template?: GoogleAppsScript.Spreadsheet.Sheet },
    c?: { template?: GoogleAppsScript.Spreadsheet.Sheet },
  ): SheetEmu {
    this.m('insertSheet');
    const ss = this.env.state.spreadsheet;
    const args = [a, b, c].filter((x) => x !== undefined);
    const name = typeof args[0] === 'string' ? args.shift() as string : null;
    const index = typeof args[0] === 'number' ? (args.shift() as number) : null;
    if (args.some((o) => typeof o === 'object' && o !== null && (o as { template?: unknown }).template !== undefined)) {
      fail(this.env, 'insertSheet with a template is not emulated.');
    }
    let sheetName = name;
    if (sheetName === null) {
      let n = ss.sheets.length + 1;
      while (sheetNameTaken(this.env, `Sheet${n}`, null)) n++;
      sheetName = `Sheet${n}`;
    }
    checkNewSheetName(this.env, sheetName, null);
    const state = newSheetState(ss.nextSheetId++, sheetName);
    const activeIndex = ss.sheets.findIndex((s) => s.sheetId === ss.activeSheetId);
    const at = index !== null ? Math.max(0, Math.min(index, ss.sheets.length)) : activeIndex >= 0 ? activeIndex + 1 : ss.sheets.length;
    ss.sheets.splice(at, 0, state);
    ss.activeSheetId = state.sheetId;
    return this.sheetObject(state);
  }

  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet | SheetEmu): void {
    this.m('deleteSheet');
    const target = own(this.env, sheet, SheetEmu, 'sheet').sheetState();
    const ss = this.env.state.spreadsheet;
    if (!ss.sheets.some((s) => s !== target && !s.hidden)) {
      fail(this.env, 'A spreadsheet must contain at least one visible sheet. You can’t remove all the visible sheets in a document.');
    }
    ss.sheets = ss.sheets.filter((s) => s !== target);
    if (ss.activeSheetId === target.sheetId) ss.activeSheetId = ss.sheets[0]!.sheetId;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.m('setSpreadsheetTimeZone');
    this.env.state.spreadsheet.timeZone = String(timezone);
  }

  toast(msg: string, title?: string, _timeoutSeconds?: number | null): void {
    this.m('toast');
    this.ui.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title), at: this.env.now() });
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionEmu[] {
    this.m('getProtections');
    return this.env.state.spreadsheet.sheets.flatMap((s) => protectionsOf(this.env, this.ui, s, type));
  }

  createTextFinder(findText: string): TextFinderEmu {
    this.m('createTextFinder');
    return new TextFinderEmu(this.env, this.ui, { kind: 'spreadsheet' }, String(findText));
  }
}

function protectionsOf(env: Env, ui: UiRecord, sheet: SheetState, type: unknown): ProtectionEmu[] {
  const wantSheet = String(type) === 'SHEET';
  return sheet.protections.filter((p) => (p.row === 0) === wantSheet).map((p) => new ProtectionEmu(env, ui, sheet.sheetId, p));
}

function rangeFromA1(env: Env, ui: UiRecord, sheet: SheetState, notation: string): RangeEmu {
  const a1 = parseA1(notation);
  if (!a1) return fail(env, 'Range not found');
  let target = sheet;
  if (a1.sheetName !== null) {
    const named = env.state.spreadsheet.sheets.find((s) => s.name === a1.sheetName);
    if (!named) return fail(env, 'Range not found');
    target = named;
  }
  const rect = rectOfA1(a1, target.maxRows, target.maxColumns);
  checkRect(env, target, rect);
  return new RangeEmu(env, ui, target.sheetId, rect);
}

function checkRect(env: Env, sheet: SheetState, rect: GridRect): void {
  const { row, column, numRows, numColumns } = rect;
  if (![row, column, numRows, numColumns].every((n) => Number.isFinite(n))) fail(env, 'Invalid argument: coordinates must be numbers.');
  if (numRows < 1) fail(env, 'The number of rows in the range must be at least 1.');
  if (numColumns < 1) fail(env, 'The number of columns in the range must be at least 1.');
  if (row < 1) fail(env, 'The starting row of the range is too small.');
  if (column < 1) fail(env, 'The starting column of the range is too small.');
  if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) {
    fail(env, 'The coordinates of the range are outside the dimensions of the sheet.');
  }
}

// ---------------------------------------------------------------- Sheet

export class SheetEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.Sheet,
      | 'getName'
      | 'setName'
      | 'getIndex'
      | 'getRange'
      | 'getDataRange'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getMaxRows'
      | 'getMaxColumns'
      | 'appendRow'
      | 'insertRowAfter'
      | 'insertRowBefore'
      | 'insertRowsAfter'
      | 'insertRowsBefore'
      | 'deleteRow'
      | 'deleteRows'
      | 'insertColumnAfter'
      | 'insertColumnsAfter'
      | 'deleteColumn'
      | 'moveColumns'
      | 'sort'
      | 'setFrozenRows'
      | 'hideSheet'
      | 'protect'
      | 'getProtections'
      | 'createTextFinder'
      | 'setColumnWidth'
      | 'getColumnWidth'
      | 'hideColumns'
      | 'newChart'
      | 'insertChart'
      | 'getCharts'
    >
{
  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
    readonly sheetId: number,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Sheet.${method}`);
  }

  /** The sheet's state now (host side); throws when the sheet was deleted. */
  sheetState(): SheetState {
    const s = this.env.state.spreadsheet.sheets.find((x) => x.sheetId === this.sheetId);
    if (!s) return fail(this.env, 'The sheet you are trying to access has been deleted.');
    return s;
  }

  private range(rect: GridRect): RangeEmu {
    checkRect(this.env, this.sheetState(), rect);
    return new RangeEmu(this.env, this.ui, this.sheetId, rect);
  }

  getName(): string {
    this.m('getName');
    return this.sheetState().name;
  }

  setName(name: string): SheetEmu {
    this.m('setName');
    const s = this.sheetState();
    checkNewSheetName(this.env, String(name), s.sheetId);
    s.name = String(name);
    return this;
  }

  getIndex(): number {
    this.m('getIndex');
    return this.env.state.spreadsheet.sheets.indexOf(this.sheetState()) + 1;
  }

  /** getRange(row, column[, numRows[, numColumns]]) or getRange('A1:C3'). */
  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): RangeEmu {
    this.m('getRange');
    if (typeof a === 'string') return rangeFromA1(this.env, this.ui, this.sheetState(), a);
    return this.range({ row: Number(a), column: Number(column), numRows: numRows === undefined ? 1 : Number(numRows), numColumns: numColumns === undefined ? 1 : Number(numColumns) });
  }

  getDataRange(): RangeEmu {
    this.m('getDataRange');
    const s = this.sheetState();
    return this.range({ row: 1, column: 1, numRows: Math.max(1, lastRow(s)), numColumns: Math.max(1, lastColumn(s)) });
  }

  getLastRow(): number {
    this.m('getLastRow');
    return lastRow(this.sheetState());
  }

  getLastColumn(): number {
    this.m('getLastColumn');
    return lastColumn(this.sheetState());
  }

  getMaxRows(): number {
    this.m('getMaxRows');
    return this.sheetState().maxRows;
  }

  getMaxColumns(): number {
    this.m('getMaxColumns');
    return this.sheetState().maxColumns;
  }

  /** Writes the values (parsed as typed input) in the row after the last row with content, growing the sheet when full. */
  appendRow(rowContents: unknown[]): SheetEmu {
    this.m('appendRow');
    if (!Array.isArray(rowContents)) fail(this.env, 'The parameters do not match the method signature for SpreadsheetApp.Sheet.appendRow.');
    const s = this.sheetState();
    const row = lastRow(s) + 1;
    if (row > s.maxRows) insertRows(s, s.maxRows + 1, row - s.maxRows, s.maxRows);
    if (rowContents.length > s.maxColumns) insertColumns(s, s.maxColumns + 1, rowContents.length - s.maxColumns, 0);
    const tz = this.env.state.spreadsheet.timeZone;
    rowContents.forEach((v, i) => writeParsed(s, row, i + 1, storeScriptValue(v, getCellProp(s, row, i + 1, 'fmt'), tz)));
    this.env.meter.cellsWritten(rowContents.length);
    return this;
  }

  private checkRowPosition(position: number): SheetState {
    const s = this.sheetState();
    if (!(position >= 1 && position <= s.maxRows)) fail(this.env, 'Those rows are out of bounds.');
    return s;
  }

  private checkColumnPosition(position: number): SheetState {
    const s = this.sheetState();
    if (!(position >= 1 && position <= s.maxColumns)) fail(this.env, 'Those columns are out of bounds.');
    return s;
  }

  private checkCount(howMany: number): number {
    const n = Number(howMany);
    if (!(n >= 1)) fail(this.env, 'The number of rows or columns to insert or delete must be at least 1.');
    return n;
  }

  insertRowAfter(afterPosition: number): SheetEmu {
    this.m('insertRowAfter');
    const s = this.checkRowPosition(afterPosition);
    insertRows(s, afterPosition + 1, 1, afterPosition);
    return this;
  }

  insertRowBefore(beforePosition: number): SheetEmu {
    this.m('insertRowBefore');
    const s = this.checkRowPosition(beforePosition);
    insertRows(s, beforePosition, 1, beforePosition);
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): SheetEmu {
    this.m('insertRowsAfter');
    const s = this.checkRowPosition(afterPosition);
    insertRows(s, afterPosition + 1, this.checkCount(howMany), afterPosition);
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): SheetEmu {
    this.m('insertRowsBefore');
    const s = this.checkRowPosition(beforePosition);
    insertRows(s, beforePosition, this.checkCount(howMany), beforePosition);
    return this;
  }

  private removeRows(rowPosition: number, howMany: number): void {
    const s = this.sheetState();
    const n = this.checkCount(howMany);
    if (!(rowPosition >= 1 && rowPosition + n - 1 <= s.maxRows)) fail(this.env, 'Those rows are out of bounds.');
    if (s.maxRows - n <= s.frozenRows) fail(this.env, 'Sorry, it is not possible to delete all non-frozen rows.');
    deleteRows(s, rowPosition, n);
  }

  deleteRow(rowPosition: number): SheetEmu {
    this.m('deleteRow');
    this.removeRows(rowPosition, 1);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.m('deleteRows');
    this.removeRows(rowPosition, howMany);
  }

  insertColumnAfter(afterPosition: number): SheetEmu {
    this.m('insertColumnAfter');
    const s = this.checkColumnPosition(afterPosition);
    insertColumns(s, afterPosition + 1, 1, afterPosition);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): SheetEmu {
    this.m('insertColumnsAfter');
    const s = this.checkColumnPosition(afterPosition);
    insertColumns(s, afterPosition + 1, this.checkCount(howMany), afterPosition);
    return this;
  }

  private removeColumns(columnPosition: number, howMany: number): void {
    const s = this.sheetState();
    const n = this.checkCount(howMany);
    if (!(columnPosition >= 1 && columnPosition + n - 1 <= s.maxColumns)) fail(this.env, 'Those columns are out of bounds.');
    if (s.maxColumns - n <= s.frozenColumns) fail(this.env, 'Sorry, it is not possible to delete all non-frozen columns.');
    deleteColumns(s, columnPosition, n);
  }

  deleteColumn(columnPosition: number): SheetEmu {
    this.m('deleteColumn');
    this.removeColumns(columnPosition, 1);
    return this;
  }

  /** Moves the columns the range spans so they sit before (original) column destinationIndex. */
  moveColumns(columnSpec: GoogleAppsScript.Spreadsheet.Range | RangeEmu, destinationIndex: number): void {
    this.m('moveColumns');
    const spec = own(this.env, columnSpec, RangeEmu, 'columnSpec');
    const s = this.sheetState();
    if (spec.sheetId !== s.sheetId) fail(this.env, 'The range must be on this sheet.');
    const dest = Number(destinationIndex);
    if (!(dest >= 1 && dest <= s.maxColumns + 1)) fail(this.env, 'Those columns are out of bounds.');
    moveColumns(s, spec.rect.column, spec.rect.numColumns, dest);
  }

  /** Sorts the rows below the frozen rows by a column; blanks last. */
  sort(columnPosition: number, ascending?: boolean): SheetEmu {
    this.m('sort');
    const s = this.sheetState();
    const column = Number(columnPosition);
    if (!(column >= 1 && column <= s.maxColumns)) fail(this.env, 'Those columns are out of bounds.');
    const first = s.frozenRows + 1;
    const last = lastRow(s);
    if (last > first) {
      sortRect(s, { row: first, column: 1, numRows: last - first + 1, numColumns: s.maxColumns }, [{ column, ascending: ascending !== false }], this.env.state.spreadsheet.locale);
    }
    return this;
  }

  setFrozenRows(rows: number): void {
    this.m('setFrozenRows');
    const s = this.sheetState();
    const n = Number(rows);
    if (!(n >= 0 && n < s.maxRows)) fail(this.env, 'Those rows are out of bounds.');
    s.frozenRows = n;
  }

  hideSheet(): SheetEmu {
    this.m('hideSheet');
    const s = this.sheetState();
    if (!this.env.state.spreadsheet.sheets.some((x) => x !== s && !x.hidden)) fail(this.env, 'You can’t hide all the sheets in a document.');
    s.hidden = true;
    return this;
  }

  /** The sheet's protection (the existing one if the sheet is protected already). */
  protect(): ProtectionEmu {
    this.m('protect');
    const s = this.sheetState();
    let p = s.protections.find((x) => x.row === 0);
    if (!p) {
      p = { row: 0, column: 0, numRows: 0, numColumns: 0, description: '', editors: [], warningOnly: false };
      s.protections.push(p);
    }
    return new ProtectionEmu(this.env, this.ui, s.sheetId, p);
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionEmu[] {
    this.m('getProtections');
    return protectionsOf(this.env, this.ui, this.sheetState(), type);
  }

  createTextFinder(findText: string): TextFinderEmu {
    this.m('createTextFinder');
    return new TextFinderEmu(this.env, this.ui, { kind: 'sheet', sheetId: this.sheetState().sheetId }, String(findText));
  }

  setColumnWidth(columnPosition: number, width: number): SheetEmu {
    this.m('setColumnWidth');
    this.checkColumnPosition(columnPosition).columnWidths[String(columnPosition)] = Number(width);
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    this.m('getColumnWidth');
    return this.checkColumnPosition(columnPosition).columnWidths[String(columnPosition)] ?? DEFAULT_COLUMN_WIDTH;
  }

  /** Accepted, not stored (the state has no hidden-column field). */
  hideColumns(columnIndex: number, numColumns?: number): void {
    this.m('hideColumns');
    this.checkColumnPosition(columnIndex + (numColumns ?? 1) - 1);
  }

  newChart(): EmbeddedChartBuilderEmu {
    this.m('newChart');
    this.sheetState();
    return new EmbeddedChartBuilderEmu(this.env, this.sheetId);
  }

  /** Stores a built chart; its ranges must be on this sheet (Apps Script charts may span sheets: not emulated). */
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart | EmbeddedChartEmu): void {
    this.m('insertChart');
    const s = this.sheetState();
    if (!(chart instanceof EmbeddedChartEmu)) return fail(this.env, 'Invalid argument: chart');
    const charts = (s.charts ??= []);
    const chartId = charts.reduce((max, c) => Math.max(max, c.chartId), 0) + 1;
    charts.push({ ...chart.state, chartId });
  }

  getCharts(): EmbeddedChartEmu[] {
    this.m('getCharts');
    return (this.sheetState().charts ?? []).map((c) => new EmbeddedChartEmu(c));
  }
}

// ---------------------------------------------------------------- Range

export class RangeEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.Range,
      | 'getA1Notation'
      | 'getRow'
      | 'getColumn'
      | 'getNumRows'
      | 'getNumColumns'
      | 'getLastRow'
      | 'getLastColumn'
      | 'getSheet'
      | 'offset'
      | 'getCell'
      | 'isBlank'
      | 'getValue'
      | 'getValues'
      | 'setValue'
      | 'setValues'
      | 'getDisplayValue'
      | 'getDisplayValues'
      | 'getFormulas'
      | 'getNumberFormat'
      | 'getNumberFormats'
      | 'setNumberFormat'
      | 'setNumberFormats'
      | 'getNote'
      | 'getNotes'
      | 'setNote'
      | 'setNotes'
      | 'getDataValidation'
      | 'setDataValidation'
      | 'createTextFinder'
      | 'protect'
      | 'sort'
      | 'setFontWeight'
    >
{
  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
    readonly sheetId: number,
    readonly rect: GridRect,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Range.${method}`);
  }

  private sheetState(): SheetState {
    const s = this.env.state.spreadsheet.sheets.find((x) => x.sheetId === this.sheetId);
    if (!s) return fail(this.env, 'The sheet you are trying to access has been deleted.');
    return s;
  }

  private get size(): number {
    return this.rect.numRows * this.rect.numColumns;
  }

  private get tz(): string {
    return this.env.state.spreadsheet.timeZone;
  }

  /** Calls fn for every cell, row by row, collecting a 2-D array. */
  private grid<T>(fn: (s: SheetState, row: number, column: number) => T): T[][] {
    const s = this.sheetState();
    const out: T[][] = [];
    for (let r = 0; r < this.rect.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.rect.numColumns; c++) line.push(fn(s, this.rect.row + r, this.rect.column + c));
      out.push(line);
    }
    return out;
  }

  /** Checks a 2-D argument against the range's shape with Apps Script's messages. */
  private checkShape(data: unknown): unknown[][] {
    if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) {
      return fail(this.env, 'The parameters do not match the method signature: expected a 2-D array.');
    }
    const rows = data as unknown[][];
    if (rows.length !== this.rect.numRows) {
      fail(this.env, `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this.rect.numRows}.`);
    }
    for (const row of rows) {
      if (row.length !== this.rect.numColumns) {
        fail(this.env, `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.rect.numColumns}.`);
      }
    }
    return rows;
  }

  private each(fn: (s: SheetState, row: number, column: number, i: number, j: number) => void): void {
    const s = this.sheetState();
    for (let i = 0; i < this.rect.numRows; i++) {
      for (let j = 0; j < this.rect.numColumns; j++) fn(s, this.rect.row + i, this.rect.column + j, i, j);
    }
  }

  private sub(rect: GridRect): RangeEmu {
    checkRect(this.env, this.sheetState(), rect);
    return new RangeEmu(this.env, this.ui, this.sheetId, rect);
  }

  getA1Notation(): string {
    this.m('getA1Notation');
    return a1Notation(this.rect);
  }

  getRow(): number {
    this.m('getRow');
    return this.rect.row;
  }

  getColumn(): number {
    this.m('getColumn');
    return this.rect.column;
  }

  getNumRows(): number {
    this.m('getNumRows');
    return this.rect.numRows;
  }

  getNumColumns(): number {
    this.m('getNumColumns');
    return this.rect.numColumns;
  }

  getLastRow(): number {
    this.m('getLastRow');
    return this.rect.row + this.rect.numRows - 1;
  }

  getLastColumn(): number {
    this.m('getLastColumn');
    return this.rect.column + this.rect.numColumns - 1;
  }

  getSheet(): SheetEmu {
    this.m('getSheet');
    return new SheetEmu(this.env, this.ui, this.sheetState().sheetId);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): RangeEmu {
    this.m('offset');
    return this.sub({
      row: this.rect.row + Number(rowOffset),
      column: this.rect.column + Number(columnOffset),
      numRows: numRows === undefined ? this.rect.numRows : Number(numRows),
      numColumns: numColumns === undefined ? this.rect.numColumns : Number(numColumns),
    });
  }

  /** A cell of this range, 1-based relative to its top-left corner. */
  getCell(row: number, column: number): RangeEmu {
    this.m('getCell');
    if (!(row >= 1 && row <= this.rect.numRows && column >= 1 && column <= this.rect.numColumns)) {
      fail(this.env, 'The coordinates of the range are outside the dimensions of the sheet.');
    }
    return this.sub({ row: this.rect.row + row - 1, column: this.rect.column + column - 1, numRows: 1, numColumns: 1 });
  }

  isBlank(): boolean {
    this.m('isBlank');
    return this.grid((s, r, c) => isBlankValue(getCell(s, r, c))).every((line) => line.every(Boolean));
  }

  getValue(): unknown {
    this.m('getValue');
    this.env.meter.cellsRead(1);
    return toBundleValue(this.env, getCell(this.sheetState(), this.rect.row, this.rect.column));
  }

  getValues(): unknown[][] {
    this.m('getValues');
    this.env.meter.cellsRead(this.size);
    return this.grid((s, r, c) => toBundleValue(this.env, getCell(s, r, c)));
  }

  /** Sets every cell of the range to the value (strings parsed as typed input). */
  setValue(value: unknown): RangeEmu {
    this.m('setValue');
    if (Array.isArray(value)) fail(this.env, 'The parameters do not match the method signature for SpreadsheetApp.Range.setValue: use setValues for arrays.');
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c) => writeParsed(s, r, c, storeScriptValue(value, getCellProp(s, r, c, 'fmt'), this.tz)));
    return this;
  }

  setValues(values: unknown[][]): RangeEmu {
    this.m('setValues');
    const rows = this.checkShape(values);
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c, i, j) => writeParsed(s, r, c, storeScriptValue(rows[i]![j], getCellProp(s, r, c, 'fmt'), this.tz)));
    return this;
  }

  getDisplayValue(): string {
    this.m('getDisplayValue');
    this.env.meter.cellsRead(1);
    const s = this.sheetState();
    return displayValue(getCell(s, this.rect.row, this.rect.column), getCellProp(s, this.rect.row, this.rect.column, 'fmt'), this.tz);
  }

  getDisplayValues(): string[][] {
    this.m('getDisplayValues');
    this.env.meter.cellsRead(this.size);
    return this.grid((s, r, c) => displayValue(getCell(s, r, c), getCellProp(s, r, c, 'fmt'), this.tz));
  }

  getFormulas(): string[][] {
    this.m('getFormulas');
    this.env.meter.cellsRead(this.size);
    return this.grid((s, r, c) => {
      const v = getCell(s, r, c);
      return isFormulaValue(v) ? v.f : '';
    });
  }

  getNumberFormat(): string {
    this.m('getNumberFormat');
    this.env.meter.cellsRead(1);
    return getCellProp(this.sheetState(), this.rect.row, this.rect.column, 'fmt') ?? 'General';
  }

  getNumberFormats(): string[][] {
    this.m('getNumberFormats');
    this.env.meter.cellsRead(this.size);
    return this.grid((s, r, c) => getCellProp(s, r, c, 'fmt') ?? 'General');
  }

  setNumberFormat(numberFormat: string): RangeEmu {
    this.m('setNumberFormat');
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c) => setCellProp(s, r, c, 'fmt', storedFormat(numberFormat)));
    return this;
  }

  setNumberFormats(numberFormats: string[][]): RangeEmu {
    this.m('setNumberFormats');
    const rows = this.checkShape(numberFormats);
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c, i, j) => setCellProp(s, r, c, 'fmt', storedFormat(rows[i]![j])));
    return this;
  }

  getNote(): string {
    this.m('getNote');
    this.env.meter.cellsRead(1);
    return getCellProp(this.sheetState(), this.rect.row, this.rect.column, 'note') ?? '';
  }

  getNotes(): string[][] {
    this.m('getNotes');
    this.env.meter.cellsRead(this.size);
    return this.grid((s, r, c) => getCellProp(s, r, c, 'note') ?? '');
  }

  setNote(note: string | null): RangeEmu {
    this.m('setNote');
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c) => setCellProp(s, r, c, 'note', note === null || note === undefined || note === '' ? null : String(note)));
    return this;
  }

  setNotes(notes: (string | null)[][]): RangeEmu {
    this.m('setNotes');
    const rows = this.checkShape(notes);
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c, i, j) => {
      const n = rows[i]![j];
      setCellProp(s, r, c, 'note', n === null || n === undefined || n === '' ? null : String(n));
    });
    return this;
  }

  private ruleAt(s: SheetState, r: number, c: number): DataValidationEmu | null {
    const i = getCellProp(s, r, c, 'dv');
    const rule = i === null ? undefined : s.rules[i];
    return rule ? new DataValidationEmu(this.env, { ...rule }) : null;
  }

  getDataValidation(): DataValidationEmu | null {
    this.m('getDataValidation');
    this.env.meter.cellsRead(1);
    return this.ruleAt(this.sheetState(), this.rect.row, this.rect.column);
  }

  private ruleIndex(s: SheetState, rule: unknown): number | null {
    if (rule === null || rule === undefined) return null;
    return internRule(s, own(this.env, rule, DataValidationEmu, 'rule').rule);
  }

  setDataValidation(rule: GoogleAppsScript.Spreadsheet.DataValidation | DataValidationEmu | null): RangeEmu {
    this.m('setDataValidation');
    const s = this.sheetState();
    const index = this.ruleIndex(s, rule);
    this.env.meter.cellsWritten(this.size);
    this.each((sh, r, c) => setCellProp(sh, r, c, 'dv', index));
    return this;
  }

  createTextFinder(findText: string): TextFinderEmu {
    this.m('createTextFinder');
    return new TextFinderEmu(this.env, this.ui, { kind: 'range', sheetId: this.sheetState().sheetId, rect: this.rect }, String(findText));
  }

  protect(): ProtectionEmu {
    this.m('protect');
    const s = this.sheetState();
    const p: ProtectionState = { ...this.rect, description: '', editors: [], warningOnly: false };
    s.protections.push(p);
    return new ProtectionEmu(this.env, this.ui, s.sheetId, p);
  }

  /** sort(column | {column, ascending} | [...]): columns are sheet columns inside the range; blanks last. */
  sort(sortSpecObj: unknown): RangeEmu {
    this.m('sort');
    const specs = Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj];
    const keys: SortKey[] = specs.map((spec) => {
      if (typeof spec === 'number') return { column: spec, ascending: true };
      if (typeof spec === 'object' && spec !== null && typeof (spec as { column?: unknown }).column === 'number') {
        const o = spec as { column: number; ascending?: unknown };
        return { column: o.column, ascending: o.ascending !== false };
      }
      return fail(this.env, 'Invalid sort specification: use a column number or {column, ascending}.');
    });
    const last = this.rect.column + this.rect.numColumns - 1;
    for (const k of keys) {
      if (!(k.column >= this.rect.column && k.column <= last)) fail(this.env, `The column to sort by (${k.column}) must be within the range ${a1Notation(this.rect)}.`);
    }
    sortRect(this.sheetState(), this.rect, keys, this.env.state.spreadsheet.locale);
    return this;
  }

  /** Cosmetic: accepted and counted, not stored. */
  setFontWeight(_fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): RangeEmu {
    this.m('setFontWeight');
    this.sheetState();
    return this;
  }
}

function storedFormat(format: unknown): string | null {
  const f = format === null || format === undefined ? '' : String(format);
  return f === '' || f === 'General' ? null : f;
}

// ---------------------------------------------------------------- TextFinder

type FinderScope = { kind: 'spreadsheet' } | { kind: 'sheet'; sheetId: number } | { kind: 'range'; sheetId: number; rect: GridRect };

interface CellPos {
  sheetId: number;
  row: number;
  column: number;
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class TextFinderEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.TextFinder,
      | 'matchCase'
      | 'matchEntireCell'
      | 'useRegularExpression'
      | 'matchFormulaText'
      | 'ignoreDiacritics'
      | 'startFrom'
      | 'findNext'
      | 'findPrevious'
      | 'findAll'
    >
{
  private opts = { matchCase: false, entireCell: false, regex: false, formulaText: false, ignoreDiacritics: false };
  private current: CellPos | null = null;

  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
    private readonly scope: FinderScope,
    private readonly text: string,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `TextFinder.${method}`);
  }

  matchCase(matchCase: boolean): TextFinderEmu {
    this.m('matchCase');
    this.opts.matchCase = !!matchCase;
    return this;
  }

  matchEntireCell(matchEntireCell: boolean): TextFinderEmu {
    this.m('matchEntireCell');
    this.opts.entireCell = !!matchEntireCell;
    return this;
  }

  useRegularExpression(useRegEx: boolean): TextFinderEmu {
    this.m('useRegularExpression');
    this.opts.regex = !!useRegEx;
    return this;
  }

  matchFormulaText(matchFormulaText: boolean): TextFinderEmu {
    this.m('matchFormulaText');
    this.opts.formulaText = !!matchFormulaText;
    return this;
  }

  ignoreDiacritics(ignoreDiacritics: boolean): TextFinderEmu {
    this.m('ignoreDiacritics');
    this.opts.ignoreDiacritics = !!ignoreDiacritics;
    return this;
  }

  /** The search continues after the top-left cell of the range. */
  startFrom(startRange: GoogleAppsScript.Spreadsheet.Range | RangeEmu): TextFinderEmu {
    this.m('startFrom');
    const r = own(this.env, startRange, RangeEmu, 'startRange');
    this.current = { sheetId: r.sheetId, row: r.rect.row, column: r.rect.column };
    return this;
  }

  findNext(): RangeEmu | null {
    this.m('findNext');
    const all = this.matches();
    const at = this.current;
    const next = at ? all.find((p) => this.order(p, at) > 0) : all[0];
    if (!next) return null;
    this.current = next;
    return this.rangeAt(next);
  }

  findPrevious(): RangeEmu | null {
    this.m('findPrevious');
    const at = this.current;
    if (!at) return null;
    const prev = this.matches().filter((p) => this.order(p, at) < 0).pop();
    if (!prev) return null;
    this.current = prev;
    return this.rangeAt(prev);
  }

  findAll(): RangeEmu[] {
    this.m('findAll');
    return this.matches().map((p) => this.rangeAt(p));
  }

  private pattern(): RegExp {
    const raw = this.opts.ignoreDiacritics && !this.opts.regex ? stripDiacritics(this.text) : this.text;
    const body = this.opts.regex ? raw : escapeRegExp(raw);
    const source = this.opts.entireCell ? `^(?:${body})$` : body;
    const flags = `${this.opts.matchCase ? '' : 'i'}u`;
    try {
      return new RegExp(source, flags);
    } catch {
      return fail(this.env, `Invalid regular expression: ${this.text}`);
    }
  }

  private sheetOrder(sheetId: number): number {
    return this.env.state.spreadsheet.sheets.findIndex((s) => s.sheetId === sheetId);
  }

  private order(a: CellPos, b: CellPos): number {
    return this.sheetOrder(a.sheetId) - this.sheetOrder(b.sheetId) || a.row - b.row || a.column - b.column;
  }

  private searchText(s: SheetState, row: number, column: number): string {
    const v = getCell(s, row, column);
    const text = this.opts.formulaText && isFormulaValue(v) ? v.f : displayValue(v, getCellProp(s, row, column, 'fmt'), this.env.state.spreadsheet.timeZone);
    return this.opts.ignoreDiacritics ? stripDiacritics(text) : text;
  }

  /** Every matching cell in scope, sheet by sheet, row by row, then column. */
  private matches(): CellPos[] {
    const sheets = this.env.state.spreadsheet.sheets;
    const scopeSheets = this.scope.kind === 'spreadsheet' ? sheets : sheets.filter((s) => s.sheetId === (this.scope as { sheetId: number }).sheetId);
    if (this.scope.kind !== 'spreadsheet' && scopeSheets.length === 0) return fail(this.env, 'The sheet you are trying to access has been deleted.');
    const re = this.pattern();
    const out: CellPos[] = [];
    for (const s of scopeSheets) {
      const rect = this.scope.kind === 'range' ? this.scope.rect : { row: 1, column: 1, numRows: lastRow(s), numColumns: lastColumn(s) };
      const lastR = Math.min(rect.row + rect.numRows - 1, lastRow(s));
      const lastC = Math.min(rect.column + rect.numColumns - 1, lastColumn(s));
      for (let r = rect.row; r <= lastR; r++) {
        if (!s.rows[r - 1]) continue;
        for (let c = rect.column; c <= lastC; c++) {
          const text = this.searchText(s, r, c);
          if (text !== '' && re.test(text)) out.push({ sheetId: s.sheetId, row: r, column: c });
        }
      }
    }
    return out;
  }

  private rangeAt(p: CellPos): RangeEmu {
    return new RangeEmu(this.env, this.ui, p.sheetId, { row: p.row, column: p.column, numRows: 1, numColumns: 1 });
  }
}

// ---------------------------------------------------------------- Data validation

function criteriaValuesOf(rule: DataValidationState): unknown[] {
  switch (rule.kind) {
    case 'list':
      return [(rule.values ?? []).slice(), true];
    case 'checkbox':
      return [];
    case 'number':
      return [rule.min, rule.max];
  }
}

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

export class DataValidationEmu
  implements
    Emulates<GoogleAppsScript.Spreadsheet.DataValidation, 'getCriteriaValues' | 'getAllowInvalid'>
{
  constructor(
    private readonly env: Env,
    /** Host side: the rule as stored. */
    readonly rule: DataValidationState,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `DataValidation.${method}`);
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

// ---------------------------------------------------------------- Protection and users

export class UserEmu implements Emulates<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    private readonly env: Env,
    private readonly email: string,
  ) {}

  getEmail(): string {
    this.env.meter.call('Spreadsheet', 'User.getEmail');
    return this.email;
  }
}

function emailOf(env: Env, x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof UserEmu) return x.getEmail();
  if (typeof x === 'object' && x !== null && typeof (x as { getEmail?: unknown }).getEmail === 'function') {
    return String((x as { getEmail: () => unknown }).getEmail());
  }
  return fail(env, 'Invalid argument: expected an email address or a User.');
}

export class ProtectionEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.Protection,
      | 'setDescription'
      | 'getDescription'
      | 'setWarningOnly'
      | 'addEditor'
      | 'getEditors'
      | 'remove'
      | 'getRange'
      | 'getProtectionType'
    >
{
  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
    private readonly sheetId: number,
    private readonly protection: ProtectionState,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Protection.${method}`);
  }

  /** The protection as stored now; throws when it (or its sheet) was removed. */
  private p(): ProtectionState {
    const s = this.env.state.spreadsheet.sheets.find((x) => x.sheetId === this.sheetId);
    if (!s || !s.protections.includes(this.protection)) return fail(this.env, 'The protection has been removed.');
    return this.protection;
  }

  setDescription(description: string): ProtectionEmu {
    this.m('setDescription');
    this.p().description = String(description);
    return this;
  }

  getDescription(): string {
    this.m('getDescription');
    return this.p().description;
  }

  setWarningOnly(warningOnly: boolean): ProtectionEmu {
    this.m('setWarningOnly');
    this.p().warningOnly = !!warningOnly;
    return this;
  }

  private add(emails: string[]): void {
    const p = this.p();
    for (const e of emails) if (!p.editors.some((x) => x.toLowerCase() === e.toLowerCase())) p.editors.push(e);
  }

  addEditor(emailOrUser: string | GoogleAppsScript.Base.User): ProtectionEmu {
    this.m('addEditor');
    this.add([emailOf(this.env, emailOrUser)]);
    return this;
  }

  /** The owner and the listed editors. */
  getEditors(): UserEmu[] {
    this.m('getEditors');
    const owner = this.env.state.owner;
    const others = this.p().editors.filter((e) => e.toLowerCase() !== owner.toLowerCase());
    return [owner, ...others].map((e) => new UserEmu(this.env, e));
  }

  remove(): void {
    this.m('remove');
    const p = this.p();
    const s = this.env.state.spreadsheet.sheets.find((x) => x.sheetId === this.sheetId)!;
    s.protections = s.protections.filter((x) => x !== p);
  }

  getRange(): RangeEmu {
    this.m('getRange');
    const p = this.p();
    const s = this.env.state.spreadsheet.sheets.find((x) => x.sheetId === this.sheetId)!;
    const rect = p.row === 0 ? { row: 1, column: 1, numRows: s.maxRows, numColumns: s.maxColumns } : { row: p.row, column: p.column, numRows: p.numRows, numColumns: p.numColumns };
    return new RangeEmu(this.env, this.ui, this.sheetId, rect);
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    this.m('getProtectionType');
    return this.p().row === 0 ? ProtectionType.SHEET : ProtectionType.RANGE;
  }
}

// ---------------------------------------------------------------- Ui

function htmlOf(output: GoogleAppsScript.HTML.HtmlOutput): { html: string; title: string } {
  return { html: output.getContent(), title: output.getTitle() };
}

export class UiEmu
  implements
    Emulates<
      GoogleAppsScript.Base.Ui,
      'alert' | 'prompt' | 'createMenu' | 'showSidebar' | 'showModalDialog'
    >
{
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly env: Env,
    private readonly record: UiRecord,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Ui.${method}`);
  }

  /** (prompt) | (prompt, buttons) | (title, prompt, buttons) */
  private dialogArgs(a: string, b?: string | UiButtonSet, c?: UiButtonSet): { title: string; prompt: string; buttons: string } {
    if (c !== undefined) return { title: String(a), prompt: String(b), buttons: String(c) };
    if (b !== undefined) return { title: '', prompt: String(a), buttons: String(b) };
    return { title: '', prompt: String(a), buttons: 'OK' };
  }

  private answer(buttons: string): { button: ButtonName; text: string } {
    const scripted = this.record.answers.shift();
    if (scripted) return { button: scripted.button, text: scripted.text ?? '' };
    return { button: buttons.startsWith('YES') ? 'YES' : 'OK', text: '' };
  }

  alert(a: string, b?: string | UiButtonSet, c?: UiButtonSet): UiButton {
    this.m('alert');
    const args = this.dialogArgs(a, b, c);
    const { button } = this.answer(args.buttons);
    this.record.alerts.push({ ...args, answer: button });
    return Button[button];
  }

  prompt(a: string, b?: string | UiButtonSet, c?: UiButtonSet): PromptResponseEmu {
    this.m('prompt');
    const args = this.dialogArgs(a, b, c);
    const { button, text } = this.answer(args.buttons);
    this.record.prompts.push({ ...args, answer: button, text });
    return new PromptResponseEmu(this.env, text, Button[button]);
  }

  createMenu(caption: string): MenuEmu {
    this.m('createMenu');
    return new MenuEmu(this.env, this.record, String(caption));
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.m('showSidebar');
    this.record.sidebar = htmlOf(userInterface);
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.m('showModalDialog');
    this.record.dialog = { html: htmlOf(userInterface).html, title: String(title), modal: true };
  }
}

export class PromptResponseEmu implements Emulates<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'> {
  constructor(
    private readonly env: Env,
    private readonly text: string,
    private readonly button: UiButton,
  ) {}

  getResponseText(): string {
    this.env.meter.call('Spreadsheet', 'PromptResponse.getResponseText');
    return this.text;
  }

  getSelectedButton(): UiButton {
    this.env.meter.call('Spreadsheet', 'PromptResponse.getSelectedButton');
    return this.button;
  }
}

export class MenuEmu implements Emulates<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  /** Host side: the entries so far. */
  readonly entries: MenuEntry[] = [];

  constructor(
    private readonly env: Env,
    private readonly record: UiRecord,
    readonly caption: string,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Menu.${method}`);
  }

  addItem(caption: string, functionName: string): MenuEmu {
    this.m('addItem');
    this.entries.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): MenuEmu {
    this.m('addSeparator');
    this.entries.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: GoogleAppsScript.Base.Menu | MenuEmu): MenuEmu {
    this.m('addSubMenu');
    const sub = own(this.env, menu, MenuEmu, 'menu');
    this.entries.push({ kind: 'submenu', caption: sub.caption, entries: sub.entries.slice() });
    return this;
  }

  /** Adds (or replaces) the menu in the spreadsheet's menu bar (a menu of createMenu: never the add-on's own). */
  addToUi(): void {
    this.m('addToUi');
    const menu = { caption: this.caption, addon: false, entries: this.entries.slice() };
    const i = this.record.menus.findIndex((x) => x.caption === menu.caption && x.addon === menu.addon);
    if (i >= 0) this.record.menus[i] = menu;
    else this.record.menus.push(menu);
  }
}

// ---------------------------------------------------------------- Charts

/**
 * Embedded charts, kept minimally (type, ranges, options, anchor) so setup can
 * add one and tests can see it. Nothing is drawn; the workbook export skips them.
 */
export class EmbeddedChartBuilderEmu
  implements
    Emulates<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, 'addRange' | 'asLineChart' | 'setOption' | 'setPosition' | 'build'>
{
  private readonly state: Omit<ChartState, 'chartId'> = {
    type: 'LINE',
    ranges: [],
    options: {},
    anchor: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
  };

  constructor(
    private readonly env: Env,
    private readonly sheetId: number,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `EmbeddedChartBuilder.${method}`);
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range | RangeEmu): EmbeddedChartBuilderEmu {
    this.m('addRange');
    if (!(range instanceof RangeEmu) || range.sheetId !== this.sheetId) return fail(this.env, 'Invalid argument: range');
    this.state.ranges.push({ ...range.rect });
    return this;
  }

  asLineChart(): EmbeddedChartBuilderEmu {
    this.m('asLineChart');
    this.state.type = 'LINE';
    return this;
  }

  setOption(option: string, value: unknown): EmbeddedChartBuilderEmu {
    this.m('setOption');
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') this.state.options[String(option)] = value;
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilderEmu {
    this.m('setPosition');
    this.state.anchor = { row: Number(anchorRowPos), column: Number(anchorColPos), offsetX: Number(offsetX), offsetY: Number(offsetY) };
    return this;
  }

  build(): EmbeddedChartEmu {
    this.m('build');
    if (this.state.ranges.length === 0) return fail(this.env, 'The chart has no data. Please add a range.');
    return new EmbeddedChartEmu({ ...structuredClone(this.state), chartId: 0 });
  }
}

/**
 * What EmbeddedChartBuilder.build() returns and Sheet.getCharts() lists: the
 * chart as stored, for Sheet.insertChart. The add-on calls none of its methods,
 * so none is emulated.
 */
export class EmbeddedChartEmu {
  constructor(readonly state: ChartState) {}
}
