/**
 * Emulated Range: a rectangle of one sheet, its values, formulas, display
 * values, number formats, notes, validations, wrapping and vertical
 * alignment, and its protection, sort and text search; plus the bounds check
 * every new range passes; and the WrapStrategy enum.
 *
 * Formulas are stored ({f}) but never evaluated: getValues() returns '' for
 * them and getFormulas() their source.
 *
 * Range hands out its Sheet, a TextFinder and a Protection, each of which hands
 * out ranges (and a Sheet's chart builder takes them), so these modules import
 * one another; each uses the others only inside methods, so the order the
 * modules load in does not matter.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { ProtectionState, SheetState, StoredValue, VerticalAlignmentName, WrapStrategyName } from '../state';
import {
  a1Notation,
  canEditProtection,
  displayValue,
  getCell,
  getCellProp,
  internRule,
  isBlankValue,
  isDateValue,
  isFormulaValue,
  MAX_CELL_CHARS,
  setCellProp,
  sortRect,
  storeScriptValue,
  writeParsed,
  type CellProps,
  type GridRect,
  type SortKey,
} from '../sheet-data';
import { DataValidationEmu } from './data-validation';
import { fail, own } from './exceptions';
import { ProtectionEmu } from './protection';
import { SheetEmu } from './sheet';
import { givenArgs, signatureError, stringEnum } from '../utilities';
import { TextFinderEmu } from './text-finder';
import type { UiRecord } from './ui-record';
import { googleError, googleText } from '../google-errors';

export const WrapStrategy = stringEnum<typeof GoogleAppsScript.Spreadsheet.WrapStrategy>(['WRAP', 'OVERFLOW', 'CLIP']);
const VERTICAL_ALIGNMENTS: readonly string[] = ['top', 'middle', 'bottom'];

/** Apps Script's checks on a new range: numeric coordinates, at least one row and column, inside the sheet. */
export function checkRect(env: Env, sheet: SheetState, rect: GridRect): void {
  const { row, column, numRows, numColumns } = rect;
  if (![row, column, numRows, numColumns].every((n) => Number.isFinite(n))) fail(env, 'Invalid argument: coordinates must be numbers.');
  if (numRows < 1) fail(env, googleText(env, 'rangeNoRows'));
  if (numColumns < 1) fail(env, googleText(env, 'rangeNoColumns'));
  if (row < 1) fail(env, googleText(env, 'rangeRowTooSmall'));
  if (column < 1) fail(env, googleText(env, 'rangeColumnTooSmall'));
  if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns) {
    fail(env, googleText(env, 'rangeOutside'));
  }
}

function toBundleValue(env: Env, v: StoredValue): unknown {
  if (v === null || isFormulaValue(v)) return '';
  if (isDateValue(v)) return env.realm.newDate(v.d);
  return v;
}

function checkCellLength(env: Env, value: unknown): void {
  if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
    fail(env, `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
}

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
      | 'getFormula'
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
      | 'setWrap'
      | 'setWraps'
      | 'setWrapStrategy'
      | 'setWrapStrategies'
      | 'getWrap'
      | 'getWraps'
      | 'getWrapStrategy'
      | 'getWrapStrategies'
      | 'setVerticalAlignment'
      | 'getVerticalAlignment'
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
    if (!s) return fail(this.env, googleText(this.env, 'sheetDeleted'));
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
  private checkShape(method: string, data: unknown): unknown[][] {
    if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) throw signatureError(this.env, `SpreadsheetApp.Range.${method}`, [data]);
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
      fail(this.env, googleText(this.env, 'rangeOutside'));
    }
    return this.sub({ row: this.rect.row + row - 1, column: this.rect.column + column - 1, numRows: 1, numColumns: 1 });
  }

  isBlank(): boolean {
    this.m('isBlank');
    return this.grid((s, r, c) => isBlankValue(getCell(s, r, c))).every((line) => line.every(Boolean));
  }

  /**
   * A script edits as its effective user: a protection (not warning-only)
   * over any cell of the range that they may not edit refuses the whole
   * change, in the owner's language.
   */
  private checkEditable(): void {
    const s = this.sheetState();
    const r = this.rect;
    const user = this.env.execution.effectiveUser;
    const blocked = s.protections.some(
      (p) =>
        !p.warningOnly &&
        (p.row === 0 || (p.row < r.row + r.numRows && r.row < p.row + p.numRows && p.column < r.column + r.numColumns && r.column < p.column + p.numColumns)) &&
        !canEditProtection(this.env.state, p, user),
    );
    if (blocked) throw googleError(this.env, 'protectedCell');
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
    this.checkEditable();
    if (Array.isArray(value)) throw signatureError(this.env, 'SpreadsheetApp.Range.setValue', [value]);
    checkCellLength(this.env, value);
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c) => writeParsed(s, r, c, storeScriptValue(value, getCellProp(s, r, c, 'fmt'), this.env.state.spreadsheet)));
    return this;
  }

  setValues(values: unknown[][]): RangeEmu {
    this.m('setValues');
    this.checkEditable();
    const rows = this.checkShape('setValues', values);
    // Nothing is written when one cell is too long: the whole call fails.
    for (const row of rows) for (const v of row) checkCellLength(this.env, v);
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c, i, j) => writeParsed(s, r, c, storeScriptValue(rows[i]![j], getCellProp(s, r, c, 'fmt'), this.env.state.spreadsheet)));
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

  /** The top-left cell's formula; '' when it holds a value (a plain-text '=1+1' included). */
  getFormula(): string {
    this.m('getFormula');
    this.env.meter.cellsRead(1);
    const v = getCell(this.sheetState(), this.rect.row, this.rect.column);
    return isFormulaValue(v) ? v.f : '';
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
    this.checkEditable();
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c) => setCellProp(s, r, c, 'fmt', storedFormat(numberFormat)));
    return this;
  }

  setNumberFormats(numberFormats: string[][]): RangeEmu {
    this.m('setNumberFormats');
    this.checkEditable();
    const rows = this.checkShape('setNumberFormats', numberFormats);
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
    this.checkEditable();
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c) => setCellProp(s, r, c, 'note', note === null || note === undefined || note === '' ? null : String(note)));
    return this;
  }

  setNotes(notes: (string | null)[][]): RangeEmu {
    this.m('setNotes');
    this.checkEditable();
    const rows = this.checkShape('setNotes', notes);
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
    this.checkEditable();
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
    this.checkEditable();
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

  /** Writes one attribute of every cell, from fn(i, j) (row and column within the range). */
  private setEach<P extends 'wrap' | 'valign'>(prop: P, fn: (i: number, j: number) => CellProps[P] | null): void {
    this.checkEditable();
    this.env.meter.cellsWritten(this.size);
    this.each((s, r, c, i, j) => setCellProp(s, r, c, prop, fn(i, j)));
  }

  private wrapFlag(method: string, value: unknown): WrapStrategyName {
    if (typeof value !== 'boolean') throw signatureError(this.env, `SpreadsheetApp.Range.${method}`, givenArgs(value));
    return value ? 'WRAP' : 'OVERFLOW';
  }

  private strategy(method: string, value: unknown): WrapStrategyName {
    if (value !== 'WRAP' && value !== 'OVERFLOW' && value !== 'CLIP') throw signatureError(this.env, `SpreadsheetApp.Range.${method}`, givenArgs(value));
    return value;
  }

  /** setWrap(true) is WRAP, setWrap(false) OVERFLOW (live-verified assertion of a peer emulator: setWraps([[true, false]]) reads back WRAP, OVERFLOW). */
  setWrap(isWrapEnabled: boolean): RangeEmu {
    this.m('setWrap');
    const strategy = this.wrapFlag('setWrap', isWrapEnabled);
    this.setEach('wrap', () => strategy);
    return this;
  }

  setWraps(isWrapEnabled: boolean[][]): RangeEmu {
    this.m('setWraps');
    const rows = this.checkShape('setWraps', isWrapEnabled);
    const strategies = rows.map((row) => row.map((v) => this.wrapFlag('setWraps', v)));
    this.setEach('wrap', (i, j) => strategies[i]![j]!);
    return this;
  }

  setWrapStrategy(strategy: GoogleAppsScript.Spreadsheet.WrapStrategy): RangeEmu {
    this.m('setWrapStrategy');
    const value = this.strategy('setWrapStrategy', strategy);
    this.setEach('wrap', () => value);
    return this;
  }

  setWrapStrategies(strategies: GoogleAppsScript.Spreadsheet.WrapStrategy[][]): RangeEmu {
    this.m('setWrapStrategies');
    const rows = this.checkShape('setWrapStrategies', strategies).map((row) => row.map((v) => this.strategy('setWrapStrategies', v)));
    this.setEach('wrap', (i, j) => rows[i]![j]!);
    return this;
  }

  /**
   * A cell never given a strategy reads getWrap() true but getWrapStrategy()
   * OVERFLOW; OVERFLOW and CLIP set by a script read false (live-verified
   * assertions of a peer emulator; the reference of Range.setWrap calls wrap
   * "the default").
   */
  private static wraps(strategy: WrapStrategyName | null): boolean {
    return strategy === null || strategy === 'WRAP';
  }

  getWrap(): boolean {
    this.m('getWrap');
    this.env.meter.cellsRead(1);
    return RangeEmu.wraps(getCellProp(this.sheetState(), this.rect.row, this.rect.column, 'wrap'));
  }

  getWraps(): boolean[][] {
    this.m('getWraps');
    this.env.meter.cellsRead(this.size);
    return this.grid((s, r, c) => RangeEmu.wraps(getCellProp(s, r, c, 'wrap')));
  }

  getWrapStrategy(): GoogleAppsScript.Spreadsheet.WrapStrategy {
    this.m('getWrapStrategy');
    this.env.meter.cellsRead(1);
    return WrapStrategy[getCellProp(this.sheetState(), this.rect.row, this.rect.column, 'wrap') ?? 'OVERFLOW'];
  }

  getWrapStrategies(): GoogleAppsScript.Spreadsheet.WrapStrategy[][] {
    this.m('getWrapStrategies');
    this.env.meter.cellsRead(this.size);
    return this.grid((s, r, c) => WrapStrategy[getCellProp(s, r, c, 'wrap') ?? 'OVERFLOW']);
  }

  /** 'top', 'middle' or 'bottom' (any case), or null for the default (bottom); anything else is refused (wording not confirmed). */
  setVerticalAlignment(alignment: 'top' | 'middle' | 'bottom' | null): RangeEmu {
    this.m('setVerticalAlignment');
    const value = alignment === null ? null : String(alignment).toLowerCase();
    if (value !== null && !VERTICAL_ALIGNMENTS.includes(value)) fail(this.env, `Invalid argument: alignment (${String(alignment)})`);
    this.setEach('valign', () => value as VerticalAlignmentName | null);
    return this;
  }

  /** A new sheet's cells are bottom-aligned (live-verified assertion of a peer emulator). */
  getVerticalAlignment(): string {
    this.m('getVerticalAlignment');
    this.env.meter.cellsRead(1);
    return getCellProp(this.sheetState(), this.rect.row, this.rect.column, 'valign') ?? 'bottom';
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
