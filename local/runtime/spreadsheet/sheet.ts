/**
 * Emulated Sheet: its size, rows and columns inserted, deleted or moved with
 * everything their cells hold, sort, frozen rows and columns, hidden columns,
 * column widths, conditional format rules, protection, charts, and the
 * ranges it hands out.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { SheetState } from '../state';
import {
  a1Notation,
  deleteColumns,
  deleteRows,
  getCellProp,
  insertColumns,
  insertRows,
  lastColumn,
  lastRow,
  moveColumns,
  parseA1,
  rectOfA1,
  sortRect,
  storeScriptValue,
  writeParsed,
  type GridRect,
} from '../sheet-data';
import { givenArgs, signatureError } from '../utilities';
import { ConditionalFormatRuleEmu } from './conditional-format-rule';
import { EmbeddedChartBuilderEmu } from './embedded-chart-builder';
import { EmbeddedChartEmu } from './embedded-chart';
import { fail, own } from './exceptions';
import { ProtectionEmu, protectionsOf } from './protection';
import { checkRect, RangeEmu } from './range';
import { checkNewSheetName } from './sheet-names';
import { TextFinderEmu } from './text-finder';
import type { UiRecord } from './ui-record';
import { googleText } from '../google-errors';
import { checkCellsAdded } from '../limits';

const DEFAULT_COLUMN_WIDTH = 100;

export class SheetEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.Sheet,
      | 'getName'
      | 'getSheetId'
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
      | 'deleteColumns'
      | 'moveColumns'
      | 'sort'
      | 'setFrozenRows'
      | 'setFrozenColumns'
      | 'getFrozenColumns'
      | 'hideSheet'
      | 'protect'
      | 'getProtections'
      | 'createTextFinder'
      | 'setColumnWidth'
      | 'setColumnWidths'
      | 'getColumnWidth'
      | 'hideColumn'
      | 'hideColumns'
      | 'showColumns'
      | 'unhideColumn'
      | 'isColumnHiddenByUser'
      | 'getConditionalFormatRules'
      | 'setConditionalFormatRules'
      | 'clearConditionalFormatRules'
      | 'newChart'
      | 'insertChart'
      | 'getCharts'
      | 'removeChart'
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
    if (!s) return fail(this.env, googleText(this.env, 'sheetDeleted'));
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

  /**
   * "Returns the ID of the sheet represented by this object … a unique number
   * to the spreadsheet" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetid):
   * the gid in the sheet's URL; it stays the same when the sheet is renamed or moved.
   */
  getSheetId(): number {
    this.m('getSheetId');
    return this.sheetState().sheetId;
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
    const args = givenArgs(a, column, numRows, numColumns);
    if (args.length === 1 && typeof a === 'string') return rangeFromA1(this.env, this.ui, this.sheetState(), a);
    if (args.length < 2 || !args.every((x) => typeof x === 'number')) throw signatureError(this.env, 'SpreadsheetApp.Sheet.getRange', args);
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
    if (!Array.isArray(rowContents)) throw signatureError(this.env, 'SpreadsheetApp.Sheet.appendRow', [rowContents]);
    const s = this.sheetState();
    const row = lastRow(s) + 1;
    checkCellsAdded(this.env, Math.max(0, row - s.maxRows) * s.maxColumns + Math.max(0, rowContents.length - s.maxColumns) * Math.max(row, s.maxRows));
    if (row > s.maxRows) insertRows(s, s.maxRows + 1, row - s.maxRows, s.maxRows);
    if (rowContents.length > s.maxColumns) insertColumns(s, s.maxColumns + 1, rowContents.length - s.maxColumns, 0);
    rowContents.forEach((v, i) => writeParsed(s, row, i + 1, storeScriptValue(v, getCellProp(s, row, i + 1, 'fmt'), this.env.state.spreadsheet)));
    this.env.meter.cellsWritten(rowContents.length);
    return this;
  }

  private checkRowPosition(position: number): SheetState {
    const s = this.sheetState();
    if (!(position >= 1 && position <= s.maxRows)) fail(this.env, googleText(this.env, 'rowsOutOfBounds'));
    return s;
  }

  private checkColumnPosition(position: number): SheetState {
    const s = this.sheetState();
    if (!(position >= 1 && position <= s.maxColumns)) fail(this.env, googleText(this.env, 'columnsOutOfBounds'));
    return s;
  }

  private checkCount(howMany: number): number {
    const n = Number(howMany);
    if (!(n >= 1)) fail(this.env, 'The number of rows or columns to insert or delete must be at least 1.');
    return n;
  }

  /** The rows about to be inserted, refused when they would take the spreadsheet past its cell limit. */
  private newRows(s: SheetState, howMany: number): number {
    const n = this.checkCount(howMany);
    checkCellsAdded(this.env, n * s.maxColumns);
    return n;
  }

  private newColumns(s: SheetState, howMany: number): number {
    const n = this.checkCount(howMany);
    checkCellsAdded(this.env, n * s.maxRows);
    return n;
  }

  insertRowAfter(afterPosition: number): SheetEmu {
    this.m('insertRowAfter');
    const s = this.checkRowPosition(afterPosition);
    insertRows(s, afterPosition + 1, this.newRows(s, 1), afterPosition);
    return this;
  }

  insertRowBefore(beforePosition: number): SheetEmu {
    this.m('insertRowBefore');
    const s = this.checkRowPosition(beforePosition);
    insertRows(s, beforePosition, this.newRows(s, 1), beforePosition);
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): SheetEmu {
    this.m('insertRowsAfter');
    const s = this.checkRowPosition(afterPosition);
    insertRows(s, afterPosition + 1, this.newRows(s, howMany), afterPosition);
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): SheetEmu {
    this.m('insertRowsBefore');
    const s = this.checkRowPosition(beforePosition);
    insertRows(s, beforePosition, this.newRows(s, howMany), beforePosition);
    return this;
  }

  private removeRows(rowPosition: number, howMany: number): void {
    const s = this.sheetState();
    const n = this.checkCount(howMany);
    if (!(rowPosition >= 1 && rowPosition + n - 1 <= s.maxRows)) fail(this.env, googleText(this.env, 'rowsOutOfBounds'));
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
    insertColumns(s, afterPosition + 1, this.newColumns(s, 1), afterPosition);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): SheetEmu {
    this.m('insertColumnsAfter');
    const s = this.checkColumnPosition(afterPosition);
    insertColumns(s, afterPosition + 1, this.newColumns(s, howMany), afterPosition);
    return this;
  }

  private removeColumns(columnPosition: number, howMany: number): void {
    const s = this.sheetState();
    const n = this.checkCount(howMany);
    if (!(columnPosition >= 1 && columnPosition + n - 1 <= s.maxColumns)) fail(this.env, googleText(this.env, 'columnsOutOfBounds'));
    if (s.maxColumns - n <= s.frozenColumns) fail(this.env, 'Sorry, it is not possible to delete all non-frozen columns.');
    deleteColumns(s, columnPosition, n);
  }

  deleteColumn(columnPosition: number): SheetEmu {
    this.m('deleteColumn');
    this.removeColumns(columnPosition, 1);
    return this;
  }

  /** Apps Script reference, Sheet.deleteColumns(columnPosition, howMany): the same bounds as deleteColumn, for a run of columns. */
  deleteColumns(columnPosition: number, howMany: number): void {
    this.m('deleteColumns');
    this.removeColumns(columnPosition, howMany);
  }

  /** Moves the columns the range spans so they sit before (original) column destinationIndex. */
  moveColumns(columnSpec: GoogleAppsScript.Spreadsheet.Range | RangeEmu, destinationIndex: number): void {
    this.m('moveColumns');
    const spec = own(this.env, columnSpec, RangeEmu, 'columnSpec');
    const s = this.sheetState();
    if (spec.sheetId !== s.sheetId) fail(this.env, 'The range must be on this sheet.');
    const dest = Number(destinationIndex);
    if (!(dest >= 1 && dest <= s.maxColumns + 1)) fail(this.env, googleText(this.env, 'columnsOutOfBounds'));
    moveColumns(s, spec.rect.column, spec.rect.numColumns, dest);
  }

  /** Sorts the rows below the frozen rows by a column; blanks last. */
  sort(columnPosition: number, ascending?: boolean): SheetEmu {
    this.m('sort');
    const s = this.sheetState();
    const column = Number(columnPosition);
    if (!(column >= 1 && column <= s.maxColumns)) fail(this.env, googleText(this.env, 'columnsOutOfBounds'));
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
    if (!(n >= 0 && n < s.maxRows)) fail(this.env, googleText(this.env, 'rowsOutOfBounds'));
    s.frozenRows = n;
  }

  /**
   * Freezes the first `columns` columns (0: none). The frozen area must leave
   * a visible column after it: the Sheets API refuses "You can't freeze all
   * visible rows on the sheet." for rows, and the same for columns.
   */
  setFrozenColumns(columns: number): void {
    this.m('setFrozenColumns');
    const s = this.sheetState();
    const n = Number(columns);
    if (!(Number.isInteger(n) && n >= 0 && n <= s.maxColumns)) fail(this.env, googleText(this.env, 'columnsOutOfBounds'));
    const hidden = new Set(s.hiddenColumns ?? []);
    let visibleAfter = false;
    for (let c = n + 1; c <= s.maxColumns && !visibleAfter; c++) visibleAfter = !hidden.has(c);
    if (!visibleAfter) fail(this.env, "You can't freeze all visible columns on the sheet.");
    s.frozenColumns = n;
  }

  getFrozenColumns(): number {
    this.m('getFrozenColumns');
    return this.sheetState().frozenColumns;
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

  /** Apps Script reference, Sheet.setColumnWidths(startColumn, numColumns, width): "Sets the width of the given columns in pixels." */
  setColumnWidths(startColumn: number, numColumns: number, width: number): SheetEmu {
    this.m('setColumnWidths');
    const [first, n] = this.columnSpan(startColumn, numColumns);
    const s = this.sheetState();
    for (let c = first; c < first + n; c++) s.columnWidths[String(c)] = Number(width);
    return this;
  }

  getColumnWidth(columnPosition: number): number {
    this.m('getColumnWidth');
    return this.checkColumnPosition(columnPosition).columnWidths[String(columnPosition)] ?? DEFAULT_COLUMN_WIDTH;
  }

  /** Columns [first, first + n) of the sheet, or Apps Script's out-of-bounds error (whole numbers only). */
  private columnSpan(columnIndex: unknown, numColumns: unknown): [number, number] {
    const s = this.sheetState();
    const first = Number(columnIndex);
    const n = Number(numColumns);
    if (!(Number.isInteger(first) && Number.isInteger(n) && first >= 1 && n >= 1 && first + n - 1 <= s.maxColumns)) {
      fail(this.env, googleText(this.env, 'columnsOutOfBounds'));
    }
    return [first, n];
  }

  /** The columns a range spans; it must be on this sheet. */
  private columnsOf(range: unknown, what: string): [number, number] {
    const r = own(this.env, range, RangeEmu, what);
    if (r.sheetId !== this.sheetState().sheetId) fail(this.env, 'The range must be on this sheet.');
    return [r.rect.column, r.rect.numColumns];
  }

  private setHidden([first, n]: [number, number], hidden: boolean): void {
    const s = this.sheetState();
    const set = new Set(s.hiddenColumns ?? []);
    for (let c = first; c < first + n; c++) {
      if (hidden) set.add(c);
      else set.delete(c);
    }
    if (set.size > 0) s.hiddenColumns = [...set].sort((a, b) => a - b);
    else delete s.hiddenColumns;
  }

  /** Apps Script reference, Sheet.hideColumn(column): "Hides the column or columns in the given range." */
  hideColumn(column: GoogleAppsScript.Spreadsheet.Range | RangeEmu): void {
    this.m('hideColumn');
    this.setHidden(this.columnsOf(column, 'column'), true);
  }

  /** Apps Script reference, Sheet.hideColumns: "Hides one or more consecutive columns starting at the given index. Use 1-index for this method." */
  hideColumns(columnIndex: number, numColumns?: number): void {
    this.m('hideColumns');
    this.setHidden(this.columnSpan(columnIndex, numColumns ?? 1), true);
  }

  /** Apps Script reference, Sheet.showColumns: "Unhides one or more consecutive columns starting at the given index." */
  showColumns(columnIndex: number, numColumns?: number): void {
    this.m('showColumns');
    this.setHidden(this.columnSpan(columnIndex, numColumns ?? 1), false);
  }

  /** Apps Script reference, Sheet.unhideColumn(column): "Unhides the column in the given range." (every column it spans). */
  unhideColumn(column: GoogleAppsScript.Spreadsheet.Range | RangeEmu): void {
    this.m('unhideColumn');
    this.setHidden(this.columnsOf(column, 'column'), false);
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    this.m('isColumnHiddenByUser');
    const s = this.checkColumnPosition(columnPosition);
    return (s.hiddenColumns ?? []).includes(Number(columnPosition));
  }

  getConditionalFormatRules(): ConditionalFormatRuleEmu[] {
    this.m('getConditionalFormatRules');
    const s = this.sheetState();
    return (s.conditionalFormats ?? []).map(
      (rule) =>
        new ConditionalFormatRuleEmu(this.env, this.ui, {
          sheetId: s.sheetId,
          ranges: rule.ranges.map((ref) => rectOfA1(parseA1(ref)!, s.maxRows, s.maxColumns)),
          criteria: rule.criteria,
          values: rule.values.slice(),
          format: { ...rule.format },
        }),
    );
  }

  /**
   * Apps Script reference, Sheet.setConditionalFormatRules: "Replaces all
   * currently existing conditional format rules in the sheet with the input
   * rules. Rules are evaluated in their input order." A rule must have ranges,
   * on this sheet (the Sheets API's AddConditionalFormatRuleRequest needs them;
   * the refusals' wording is the emulator's own).
   */
  setConditionalFormatRules(rules: (GoogleAppsScript.Spreadsheet.ConditionalFormatRule | ConditionalFormatRuleEmu)[]): void {
    this.m('setConditionalFormatRules');
    if (!Array.isArray(rules)) throw signatureError(this.env, 'SpreadsheetApp.Sheet.setConditionalFormatRules', givenArgs(rules));
    const s = this.sheetState();
    const stored = rules.map((r) => {
      const { draft } = own(this.env, r, ConditionalFormatRuleEmu, 'rules');
      if (draft.ranges.length === 0) fail(this.env, 'A conditional format rule needs at least one range (setRanges).');
      if (draft.sheetId !== s.sheetId) fail(this.env, 'The ranges of a conditional format rule must be on the sheet it is set on.');
      return { ranges: draft.ranges.map(a1Notation), criteria: draft.criteria!, values: draft.values.slice(), format: { ...draft.format } };
    });
    if (stored.length > 0) s.conditionalFormats = stored;
    else delete s.conditionalFormats;
  }

  /** Apps Script reference: "Equivalent to calling setConditionalFormatRules(rules) with an empty array as input." */
  clearConditionalFormatRules(): void {
    this.m('clearConditionalFormatRules');
    delete this.sheetState().conditionalFormats;
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
    return (this.sheetState().charts ?? []).map((c) => new EmbeddedChartEmu(c, this.env));
  }

  /**
   * "Removes a chart from the parent sheet"
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#removeChart(EmbeddedChart));
   * a chart that is not on this sheet (any more) is refused.
   */
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart | EmbeddedChartEmu): void {
    this.m('removeChart');
    const s = this.sheetState();
    const i = chart instanceof EmbeddedChartEmu ? (s.charts ?? []).findIndex((c) => c.chartId === chart.state.chartId) : -1;
    if (i < 0) return fail(this.env, 'Invalid argument: chart');
    s.charts!.splice(i, 1);
  }
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
