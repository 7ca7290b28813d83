/**
 * Pure operations on the stored sheets (no metering, no bundle realm): A1
 * notation, reading and writing cells with Sheets' input parsing, row and
 * column structure changes, sorting, display formats in the spreadsheet's
 * time zone, and what a user's edit in the Sheets UI is allowed to do.
 * Used by the emulated SpreadsheetApp and by host code (CLI, xlsx export).
 *
 * Coordinates are 1-based unless a name ends in 0.
 */
import { formatDate, fromZoned, zoneOffsetMinutes } from './date-format';
import type {
  DataValidationState,
  ProtectionState,
  RowState,
  RuntimeState,
  SheetState,
  StoredValue,
  VerticalAlignmentName,
  WrapStrategyName,
} from './state';

export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** The per-cell attributes kept beside the value, and what each holds. */
export interface CellProps {
  fmt: string;
  note: string;
  dv: number;
  wrap: WrapStrategyName;
  valign: VerticalAlignmentName;
}
export type CellProp = keyof CellProps;
const CELL_PROPS: readonly CellProp[] = ['fmt', 'note', 'dv', 'wrap', 'valign'];
/** What a row or column inserted next to another takes from it: its formats and validations, not its notes. */
const INHERITED_PROPS: readonly CellProp[] = ['fmt', 'dv', 'wrap', 'valign'];
/** Every per-cell array of a row: the values and the attributes. */
const ROW_ARRAYS: readonly ('v' | CellProp)[] = ['v', ...CELL_PROPS];

/** Everything a cell holds; moved as one by sort and moveColumns. */
export type CellContent = { v: StoredValue } & { [P in CellProp]: CellProps[P] | null };

// ---------------------------------------------------------------- A1 notation

export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface ParsedA1 {
  /** The sheet named before '!', if any (quotes removed). */
  sheetName: string | null;
  /** Null bounds stand for "to the sheet's edge" ('A:C', '2:5'). */
  row: number | null;
  column: number | null;
  lastRow: number | null;
  lastColumn: number | null;
}

const CELL_REF = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses 'B2', 'A1:C3', 'A:C', '2:5', 'A5:A', "Sheet1!A1", "'My sheet'!A1:B2"; null when invalid. */
export function parseA1(notation: string): ParsedA1 | null {
  let ref = notation.trim();
  let sheetName: string | null = null;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = ref.slice(0, bang);
    if (/^'.*'$/.test(sheetName)) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  const parts = ref.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return null;
  const refs = parts.map((p) => CELL_REF.exec(p));
  if (refs.some((m) => !m || (!m[1] && !m[2]))) return null;
  const [a, b] = refs.map((m) => ({ col: m![1] ? columnNumber(m![1]) : null, row: m![2] ? Number(m![2]) : null }));
  if (!a) return null;
  if (!b) {
    if (a.col === null || a.row === null || a.row < 1) return null;
    return { sheetName, row: a.row, column: a.col, lastRow: a.row, lastColumn: a.col };
  }
  // A cell then a column ('A5:C'): the columns from that row onward ("Sheet1!A5:A refers to all the cells
  // of the first column of Sheet 1, from row 5 onward": the Sheets API's A1 notation, which getRange shares).
  const fromRow = a.col !== null && a.row !== null && b.col !== null && b.row === null;
  // Otherwise both ends must be the same kind: cells, whole columns or whole rows.
  if (!fromRow && ((a.col === null) !== (b.col === null) || (a.row === null) !== (b.row === null))) return null;
  const order = (x: number | null, y: number | null): [number | null, number | null] =>
    x !== null && y !== null && y < x ? [y, x] : [x, y];
  const [row, lastRow] = order(a.row, b.row);
  const [column, lastColumn] = order(a.col, b.col);
  if (row !== null && row < 1) return null;
  return { sheetName, row, column, lastRow, lastColumn };
}

/** A1 notation of a rectangle, 'B2' for one cell, 'A1:C3' otherwise. */
export function a1Notation(rect: GridRect): string {
  const first = `${columnLetter(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return first;
  return `${first}:${columnLetter(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/** The rectangle a parsed A1 reference covers on a sheet of the given size. */
export function rectOfA1(a1: ParsedA1, maxRows: number, maxColumns: number): GridRect {
  const row = a1.row ?? 1;
  const column = a1.column ?? 1;
  return {
    row,
    column,
    numRows: (a1.lastRow ?? maxRows) - row + 1,
    numColumns: (a1.lastColumn ?? maxColumns) - column + 1,
  };
}

// ---------------------------------------------------------------- cells

export function findSheet(state: RuntimeState, name: string): SheetState | null {
  return state.spreadsheet.sheets.find((s) => s.name === name) ?? null;
}

export function isBlankValue(v: StoredValue | undefined): boolean {
  return v === null || v === undefined || v === '';
}

export function isDateValue(v: StoredValue): v is { d: number } {
  return typeof v === 'object' && v !== null && 'd' in v;
}

export function isFormulaValue(v: StoredValue): v is { f: string } {
  return typeof v === 'object' && v !== null && 'f' in v;
}

export function getCell(sheet: SheetState, row: number, column: number): StoredValue {
  return sheet.rows[row - 1]?.v[column - 1] ?? null;
}

export function getCellProp<P extends CellProp>(sheet: SheetState, row: number, column: number, prop: P): CellProps[P] | null {
  return (sheet.rows[row - 1]?.[prop]?.[column - 1] ?? null) as CellProps[P] | null;
}

function ensureRow(sheet: SheetState, row: number): RowState {
  while (sheet.rows.length < row) sheet.rows.push(null);
  let r = sheet.rows[row - 1];
  if (!r) {
    r = { v: [] };
    sheet.rows[row - 1] = r;
  }
  return r;
}

function setAt<T>(arr: (T | null)[], index0: number, value: T | null): void {
  while (arr.length < index0) arr.push(null);
  arr[index0] = value;
}

function trimTrailing<T>(arr: (T | null | undefined)[]): void {
  while (arr.length && (arr[arr.length - 1] === null || arr[arr.length - 1] === undefined)) arr.pop();
}

/** Drops trailing blanks and empty attribute arrays so the state stays compact. */
function normalizeRow(sheet: SheetState, row: number): void {
  const r = sheet.rows[row - 1];
  if (!r) return;
  for (let i = 0; i < r.v.length; i++) if (r.v[i] === undefined || r.v[i] === '') r.v[i] = null;
  trimTrailing(r.v);
  for (const p of CELL_PROPS) {
    const arr = r[p] as unknown[] | undefined;
    if (!arr) continue;
    trimTrailing(arr);
    if (arr.length === 0) delete r[p];
  }
  if (r.v.length === 0 && !CELL_PROPS.some((p) => r[p])) sheet.rows[row - 1] = null;
  trimTrailing(sheet.rows);
}

export function setCell(sheet: SheetState, row: number, column: number, value: StoredValue): void {
  if (isBlankValue(value) && !sheet.rows[row - 1]) return;
  setAt(ensureRow(sheet, row).v, column - 1, isBlankValue(value) ? null : value);
  normalizeRow(sheet, row);
}

export function setCellProp<P extends CellProp>(sheet: SheetState, row: number, column: number, prop: P, value: CellProps[P] | null): void {
  if (value === null && !sheet.rows[row - 1]) return;
  const r = ensureRow(sheet, row);
  const arr = (r[prop] ?? []) as (CellProps[P] | null)[];
  setAt(arr, column - 1, value);
  Object.assign(r, { [prop]: arr });
  normalizeRow(sheet, row);
}

export function getContent(sheet: SheetState, row: number, column: number): CellContent {
  return {
    v: getCell(sheet, row, column),
    fmt: getCellProp(sheet, row, column, 'fmt'),
    note: getCellProp(sheet, row, column, 'note'),
    dv: getCellProp(sheet, row, column, 'dv'),
    wrap: getCellProp(sheet, row, column, 'wrap'),
    valign: getCellProp(sheet, row, column, 'valign'),
  };
}

export function setContent(sheet: SheetState, row: number, column: number, c: CellContent): void {
  setCell(sheet, row, column, c.v);
  for (const p of CELL_PROPS) setCellProp(sheet, row, column, p, c[p]);
}

/** Last row with a value (0 when the sheet is empty). */
export function lastRow(sheet: SheetState): number {
  for (let i = sheet.rows.length - 1; i >= 0; i--) {
    const r = sheet.rows[i];
    if (r && r.v.some((v) => !isBlankValue(v))) return i + 1;
  }
  return 0;
}

/** Last column with a value (0 when the sheet is empty). */
export function lastColumn(sheet: SheetState): number {
  let last = 0;
  for (const r of sheet.rows) {
    if (!r) continue;
    for (let i = r.v.length - 1; i >= last; i--) {
      if (!isBlankValue(r.v[i])) {
        last = i + 1;
        break;
      }
    }
  }
  return last;
}

/** The stored values from A1 to the last row and column with content. */
export function readGrid(sheet: SheetState): StoredValue[][] {
  const rows = lastRow(sheet);
  const cols = lastColumn(sheet);
  const out: StoredValue[][] = [];
  for (let r = 1; r <= rows; r++) {
    const line: StoredValue[] = [];
    for (let c = 1; c <= cols; c++) line.push(getCell(sheet, r, c));
    out.push(line);
  }
  return out;
}

// ---------------------------------------------------------------- input parsing

export const PLAIN_TEXT = '@';
/** Sheets holds at most 50,000 characters in one cell (Google Drive help, "Files you can store in Google Drive": Sheets). */
export const MAX_CELL_CHARS = 50_000;
/** Sheets keeps 15 significant digits of a typed number (see the README's row on number precision). */
const SIGNIFICANT_DIGITS = 15;
/** A plain number, or digits grouped by thousands ('1,234.5'). */
const NUMBER_TEXT = /^([+-]?)(\d+\.?\d*|\.\d+|\d{1,3}(?:,\d{3})+(?:\.\d*)?)(e[+-]?\d+)?$/i;
const TIME_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** The parts of the spreadsheet that decide how typed text is read. */
export interface InputSettings {
  timeZone: string;
  locale: string;
}

/** How one locale writes dates and amounts: the date patterns it reads (groups year, month, day; an optional time follows) and the formats typed values get. */
interface LocaleInput {
  patterns: { re: RegExp; order: [year: number, month: number, day: number] }[];
  dateFormat: string;
  /** The currency symbols a typed amount may start with, and the format it gets. */
  currency: string[];
  currencyFormat: string;
}

const TIME_TAIL = '(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?';
const ISO_DATE = { re: new RegExp(`^(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})${TIME_TAIL}$`), order: [1, 3, 4] as [number, number, number] };
const LOCALES: Record<string, LocaleInput> = {
  zh_CN: {
    patterns: [ISO_DATE, { re: new RegExp(`^(\\d{4})年(\\d{1,2})月(\\d{1,2})日${TIME_TAIL}$`), order: [1, 2, 3] }],
    dateFormat: 'yyyy-MM-dd',
    currency: ['¥', '￥'],
    currencyFormat: '"¥"#,##0.00',
  },
  en_US: {
    patterns: [ISO_DATE, { re: new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME_TAIL}$`), order: [3, 1, 2] }],
    dateFormat: 'M/d/yyyy',
    currency: ['$'],
    currencyFormat: '"$"#,##0.00',
  },
};

export interface ParsedInput {
  value: StoredValue;
  /** A number format Sheets gives the cell for what was typed (dates, percentages, grouped numbers), when it has none. */
  format?: string;
}

/**
 * What Sheets stores for text typed or pasted into a cell (or written with
 * setValue): formulas, quote-prefixed text, numbers (15 significant digits,
 * grouped, percentages, the locale's currency), booleans, dates and times in
 * the spreadsheet's locale and time zone; verbatim text in a plain-text ('@')
 * cell.
 */
export function parseInput(input: string, format: string | null, settings: InputSettings): ParsedInput {
  if (input === '') return { value: null };
  if (format === PLAIN_TEXT) return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1) === '' ? null : input.slice(1) };
  if (input.startsWith('=') && input.length > 1) return { value: { f: input } };
  const rules = LOCALES[settings.locale] ?? LOCALES.zh_CN!;
  const number = parseNumberText(input, rules);
  if (number) return format ? { value: number.value } : number;
  if ((input.startsWith('+') || input.startsWith('-')) && input.length > 1) return { value: { f: `=${input}` } };
  const upper = input.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
  const date = parseDateText(input, rules, settings.timeZone);
  if (date) return format ? { value: date.value } : date;
  return { value: input };
}

/** A number as Sheets reads it, or null: digits past the 15th significant one become zeros. */
function parseNumberText(input: string, rules: LocaleInput): ParsedInput | null {
  let text = input;
  let format: string | undefined;
  const symbol = rules.currency.find((c) => text.startsWith(c) || text.startsWith(`-${c}`));
  if (symbol) {
    text = text.replace(symbol, '');
    format = rules.currencyFormat;
  }
  const percent = !symbol && text.endsWith('%');
  if (percent) text = text.slice(0, -1);
  const m = NUMBER_TEXT.exec(text);
  if (!m) return null;
  const grouped = m[2]!.includes(',');
  const n = Number(`${m[1]}${keepSignificant(m[2]!.replace(/,/g, ''))}${m[3] ?? ''}`);
  if (!Number.isFinite(n)) return null;
  if (percent) {
    const decimals = m[2]!.split('.')[1]?.length ?? 0;
    return { value: n / 100, format: decimals ? '0.00%' : '0%' };
  }
  if (grouped && !format) format = '#,##0';
  return format ? { value: n, format } : { value: n };
}

function keepSignificant(digits: string): string {
  let seen = 0;
  return digits.replace(/\d/g, (d) => {
    if (seen === 0 && d === '0') return d;
    seen += 1;
    return seen > SIGNIFICANT_DIGITS ? '0' : d;
  });
}

function parseDateText(input: string, rules: LocaleInput, timeZone: string): ParsedInput | null {
  const time = TIME_TEXT.exec(input);
  // A time alone is that time on Sheets' day 0, 1899-12-30.
  if (time) return dateValue([1899, 12, 30], time.slice(1, 4), timeZone, time[3] === undefined ? 'HH:mm' : 'HH:mm:ss');
  for (const { re, order } of rules.patterns) {
    const m = re.exec(input);
    if (!m) continue;
    const tail = m.slice(-3);
    const day = order.map((i) => Number(m[i])) as [number, number, number];
    const format = tail[0] === undefined ? rules.dateFormat : `${rules.dateFormat} ${tail[2] === undefined ? 'HH:mm' : 'HH:mm:ss'}`;
    return dateValue(day, tail, timeZone, format);
  }
  return null;
}

/** A date (and time of day) that exists, as an instant in the zone; null for '2026-02-30' or '25:00'. */
function dateValue([year, month, day]: [number, number, number], time: (string | undefined)[], timeZone: string, format: string): ParsedInput | null {
  const [hour, minute, second] = time.map((t) => Number(t ?? '0')) as [number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return { value: { d: fromZoned({ year, month, day, hour, minute, second }, timeZone) }, format };
}

/** True for a Date of any realm. */
export function isDateObject(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** What a script's setValue stores for a JavaScript value. */
export function storeScriptValue(v: unknown, format: string | null, settings: InputSettings): ParsedInput {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'number') return { value: Number.isFinite(v) ? v : String(v) };
  if (typeof v === 'boolean') return { value: v };
  if (typeof v === 'string') return parseInput(v, format, settings);
  if (isDateObject(v)) {
    const ms = v.getTime();
    return { value: Number.isNaN(ms) ? String(v) : { d: ms } };
  }
  return parseInput(String(v), format, settings);
}

/** Writes a parsed input into a cell, giving the cell the detected format if it has none. */
export function writeParsed(sheet: SheetState, row: number, column: number, parsed: ParsedInput): void {
  setCell(sheet, row, column, parsed.value);
  if (parsed.format && getCellProp(sheet, row, column, 'fmt') === null) setCellProp(sheet, row, column, 'fmt', parsed.format);
}

// ---------------------------------------------------------------- display

export const DEFAULT_DATE_TIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';
/** '0', '#,##0.00', '0.0%', '"¥"#,##0.00': an optional quoted prefix (a currency), grouping, decimals, percent. */
const NUMBER_FORMAT = /^(?:"([^"]*)")?(#,##)?0(?:\.(0+))?(%)?$/;
const DAY_MS = 86_400_000;
/** Sheets' serial day 0 (1899-12-30) as a UTC wall-time epoch. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

function isDateFormat(format: string): boolean {
  return /[yMdHhms]/.test(format.replace(/'[^']*'/g, '').replace(/"[^"]*"/g, '')) && !NUMBER_FORMAT.test(format);
}

function formatNumber(n: number, format: string | null): string {
  const m = format ? NUMBER_FORMAT.exec(format) : null;
  if (!m) return String(n);
  const decimals = m[3]?.length ?? 0;
  const scaled = m[4] ? n * 100 : n;
  let text = Math.abs(scaled).toFixed(decimals);
  if (m[2]) {
    const [int, frac] = text.split('.') as [string, string | undefined];
    text = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const negative = scaled < 0 && /[1-9]/.test(text);
  return `${negative ? '-' : ''}${m[1] ?? ''}${text}${m[4] ?? ''}`;
}

/** The date serial number Sheets shows for an instant under a number format. */
function dateSerial(ms: number, timeZone: string): number {
  return (ms + zoneOffsetMinutes(ms, timeZone) * 60_000 - SERIAL_EPOCH) / DAY_MS;
}

/** The text Sheets shows for a stored value under a number format, in the spreadsheet's time zone. */
export function displayValue(value: StoredValue, format: string | null | undefined, timeZone: string): string {
  const fmt = format ?? null;
  if (value === null) return '';
  // Formulas are not evaluated locally: they show nothing.
  if (isFormulaValue(value)) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDateValue(value)) {
    if (fmt && isDateFormat(fmt)) return formatDate(value.d, timeZone, fmt);
    if (fmt && NUMBER_FORMAT.test(fmt)) return formatNumber(dateSerial(value.d, timeZone), fmt);
    return formatDate(value.d, timeZone, DEFAULT_DATE_TIME_FORMAT);
  }
  if (fmt && isDateFormat(fmt)) {
    const wall = SERIAL_EPOCH + value * DAY_MS;
    return formatDate(wall, 'UTC', fmt);
  }
  return fmt === PLAIN_TEXT ? String(value) : formatNumber(value, fmt);
}

/** A stored value as JSON for `show --json`: dates as ISO 8601 with the zone's offset, formulas as source. */
export function toIsoValue(value: StoredValue, timeZone: string): string | number | boolean {
  if (value === null) return '';
  if (isDateValue(value)) return formatDate(value.d, timeZone, "yyyy-MM-dd'T'HH:mm:ssXXX");
  if (isFormulaValue(value)) return value.f;
  return value;
}

// ---------------------------------------------------------------- structure

function shiftSpan(start: number, count: number, at: number, delta: number): [number, number] {
  // A span [start, start+count) and an insertion (delta > 0) before `at` or a deletion (delta < 0) of [at, at-delta).
  const end = start + count;
  if (delta > 0) {
    if (at <= start) return [start + delta, count];
    if (at < end) return [start, count + delta];
    return [start, count];
  }
  const delEnd = at - delta;
  const keepBefore = Math.max(0, Math.min(end, at) - start);
  const keepAfter = Math.max(0, end - Math.max(start, delEnd));
  const newStart = start < at ? start : Math.max(at, start + delta);
  return [newStart, keepBefore + keepAfter];
}

function shiftProtections(sheet: SheetState, dim: 'row' | 'column', at: number, delta: number): void {
  const countKey = dim === 'row' ? 'numRows' : 'numColumns';
  sheet.protections = sheet.protections.filter((p: ProtectionState) => {
    if (p.row === 0) return true;
    const [start, count] = shiftSpan(p[dim], p[countKey], at, delta);
    p[dim] = start;
    p[countKey] = count;
    return count > 0;
  });
}

/**
 * Rewrites each conditional format rule's ranges through `fn` (a range may
 * become several, or none); a rule left without ranges is gone, as in Sheets
 * when the cells it formatted are deleted.
 */
function mapRuleRects(sheet: SheetState, fn: (rect: GridRect) => GridRect[]): void {
  if (!sheet.conditionalFormats) return;
  sheet.conditionalFormats = sheet.conditionalFormats.filter((rule) => {
    rule.ranges = rule.ranges.flatMap((ref) => fn(rectOfA1(parseA1(ref)!, sheet.maxRows, sheet.maxColumns)).map(a1Notation));
    return rule.ranges.length > 0;
  });
  if (sheet.conditionalFormats.length === 0) delete sheet.conditionalFormats;
}

/** Shifts protected ranges and conditional format ranges for rows or columns inserted (delta > 0) or deleted before `at`. */
function shiftRanges(sheet: SheetState, dim: 'row' | 'column', at: number, delta: number): void {
  shiftProtections(sheet, dim, at, delta);
  const countKey = dim === 'row' ? 'numRows' : 'numColumns';
  mapRuleRects(sheet, (rect) => {
    const [start, count] = shiftSpan(rect[dim], rect[countKey], at, delta);
    return count > 0 ? [{ ...rect, [dim]: start, [countKey]: count }] : [];
  });
}

function copyArray<T>(arr: T[] | undefined): T[] | undefined {
  return arr && arr.length ? arr.slice() : undefined;
}

/** Inserts `count` rows before row `at`; they take formats and validations from row `inheritFrom` (0 = none). */
export function insertRows(sheet: SheetState, at: number, count: number, inheritFrom: number): void {
  const model = inheritFrom > 0 ? sheet.rows[inheritFrom - 1] : null;
  const fresh = (): RowState | null => {
    const r: RowState = { v: [] };
    for (const p of INHERITED_PROPS) {
      const arr = copyArray(model?.[p] as unknown[] | undefined);
      if (arr) Object.assign(r, { [p]: arr });
    }
    return INHERITED_PROPS.some((p) => r[p]) ? r : null;
  };
  const added = Array.from({ length: count }, fresh);
  if (at - 1 <= sheet.rows.length) sheet.rows.splice(at - 1, 0, ...added);
  else if (added.some((r) => r)) {
    while (sheet.rows.length < at - 1) sheet.rows.push(null);
    sheet.rows.push(...added);
  }
  trimTrailing(sheet.rows);
  sheet.maxRows += count;
  shiftRanges(sheet, 'row', at, count);
}

export function deleteRows(sheet: SheetState, at: number, count: number): void {
  sheet.rows.splice(at - 1, count);
  trimTrailing(sheet.rows);
  sheet.maxRows -= count;
  if (sheet.frozenRows >= at) sheet.frozenRows = Math.max(at - 1, sheet.frozenRows - count);
  shiftRanges(sheet, 'row', at, -count);
}

function eachRowArray(sheet: SheetState, fn: (arr: unknown[], prop: 'v' | CellProp) => void): void {
  for (const r of sheet.rows) {
    if (!r) continue;
    for (const p of ROW_ARRAYS) {
      const arr = r[p];
      if (arr) fn(arr, p);
    }
  }
}

function normalizeAllRows(sheet: SheetState): void {
  for (let i = sheet.rows.length; i >= 1; i--) normalizeRow(sheet, i);
}

/**
 * Moves what is kept per column — widths and hidden columns — to where `map`
 * sends each column (null: the column was deleted). Columns inserted start
 * visible at the default width.
 */
function remapColumns(sheet: SheetState, map: (column: number) => number | null): void {
  const widths: Record<string, number> = {};
  for (const [k, w] of Object.entries(sheet.columnWidths)) {
    const to = map(Number(k));
    if (to !== null) widths[String(to)] = w;
  }
  sheet.columnWidths = widths;
  if (!sheet.hiddenColumns) return;
  const hidden = sheet.hiddenColumns.map(map).filter((c): c is number => c !== null);
  if (hidden.length > 0) sheet.hiddenColumns = hidden.sort((a, b) => a - b);
  else delete sheet.hiddenColumns;
}

/** Inserts `count` columns before column `at`; they take formats and validations from column `inheritFrom` (0 = none). */
export function insertColumns(sheet: SheetState, at: number, count: number, inheritFrom: number): void {
  eachRowArray(sheet, (arr, p) => {
    const model = inheritFrom > 0 && INHERITED_PROPS.includes(p as CellProp) ? (arr[inheritFrom - 1] ?? null) : null;
    if (model === null && arr.length < at) return;
    while (arr.length < at - 1) arr.push(null);
    arr.splice(at - 1, 0, ...Array.from({ length: count }, () => model));
  });
  normalizeAllRows(sheet);
  sheet.maxColumns += count;
  remapColumns(sheet, (c) => (c >= at ? c + count : c));
  shiftRanges(sheet, 'column', at, count);
}

export function deleteColumns(sheet: SheetState, at: number, count: number): void {
  eachRowArray(sheet, (arr) => {
    arr.splice(at - 1, count);
  });
  normalizeAllRows(sheet);
  sheet.maxColumns -= count;
  if (sheet.frozenColumns >= at) sheet.frozenColumns = Math.max(at - 1, sheet.frozenColumns - count);
  remapColumns(sheet, (c) => (c < at ? c : c < at + count ? null : c - count));
  shiftRanges(sheet, 'column', at, -count);
}

/**
 * Moves columns [from, from+count) so they sit before original column `dest`
 * (Sheet.moveColumns semantics), with everything the cells hold, their widths
 * and hidden state; a conditional format range over moved columns follows
 * them, split where they no longer sit side by side.
 */
export function moveColumns(sheet: SheetState, from: number, count: number, dest: number): void {
  if (dest >= from && dest <= from + count) return;
  const order = Array.from({ length: sheet.maxColumns }, (_, i) => i + 1);
  const block = order.splice(from - 1, count);
  const insertAt = dest > from ? dest - 1 - count : dest - 1;
  order.splice(insertAt, 0, ...block);
  // order[newIndex0] = old column number
  const span = Math.max(from + count, dest);
  const lo = Math.min(from, dest);
  eachRowArray(sheet, (arr) => {
    const old = arr.slice();
    for (let c = lo; c < span; c++) setAt(arr, c - 1, old[order[c - 1]! - 1] ?? null);
  });
  normalizeAllRows(sheet);
  const newIndexOf = new Map(order.map((oldCol, i) => [oldCol, i + 1]));
  const moved = (c: number): number => newIndexOf.get(c) ?? c;
  remapColumns(sheet, moved);
  mapRuleRects(sheet, (rect) => {
    const columns = Array.from({ length: rect.numColumns }, (_, i) => moved(rect.column + i)).sort((a, b) => a - b);
    const runs: GridRect[] = [];
    for (const c of columns) {
      const last = runs[runs.length - 1];
      if (last && last.column + last.numColumns === c) last.numColumns += 1;
      else runs.push({ ...rect, column: c, numColumns: 1 });
    }
    return runs;
  });
}

// ---------------------------------------------------------------- sort

export interface SortKey {
  /** Absolute (sheet) column number. */
  column: number;
  ascending: boolean;
}

function typeRank(v: StoredValue): number {
  if (typeof v === 'number' || isDateValue(v)) return 0;
  if (typeof v === 'boolean') return 2;
  return 1;
}

function sortNumber(v: StoredValue): number {
  if (typeof v === 'number') return v;
  if (isDateValue(v)) return v.d;
  return 0;
}

function sortText(v: StoredValue): string {
  if (typeof v === 'string') return v;
  if (isFormulaValue(v)) return v.f;
  return '';
}

/** Sheets' ordering of two values for a sort key; blanks always last. */
export function compareForSort(a: StoredValue, b: StoredValue, ascending: boolean, collator: Intl.Collator): number {
  const aBlank = isBlankValue(a);
  const bBlank = isBlankValue(b);
  if (aBlank || bBlank) return aBlank === bBlank ? 0 : aBlank ? 1 : -1;
  let d = typeRank(a) - typeRank(b);
  if (d === 0) {
    if (typeRank(a) === 0) d = sortNumber(a) - sortNumber(b);
    else if (typeof a === 'boolean') d = Number(a) - Number(b);
    else d = collator.compare(sortText(a), sortText(b));
  }
  return ascending ? d : -d;
}

/** Sorts the rows of `rect` (only its columns move) by the keys; stable. */
export function sortRect(sheet: SheetState, rect: GridRect, keys: SortKey[], locale: string): void {
  const collator = new Intl.Collator(locale.replace('_', '-'), { sensitivity: 'base', numeric: true });
  const lines: CellContent[][] = [];
  for (let r = rect.row; r < rect.row + rect.numRows; r++) {
    const line: CellContent[] = [];
    for (let c = rect.column; c < rect.column + rect.numColumns; c++) line.push(getContent(sheet, r, c));
    lines.push(line);
  }
  const sorted = lines
    .map((line, i) => ({ line, i }))
    .sort((x, y) => {
      for (const k of keys) {
        const col = k.column - rect.column;
        const d = compareForSort(x.line[col]!.v, y.line[col]!.v, k.ascending, collator);
        if (d !== 0) return d;
      }
      return x.i - y.i;
    });
  sorted.forEach(({ line }, i) => line.forEach((cell, j) => setContent(sheet, rect.row + i, rect.column + j, cell)));
}

// ---------------------------------------------------------------- validation and protection

export function sameRule(a: DataValidationState, b: DataValidationState): boolean {
  return JSON.stringify(normalizeRule(a)) === JSON.stringify(normalizeRule(b));
}

function normalizeRule(r: DataValidationState): DataValidationState {
  const out: DataValidationState = { kind: r.kind, allowInvalid: r.allowInvalid };
  if (r.values !== undefined) out.values = r.values;
  if (r.min !== undefined) out.min = r.min;
  if (r.max !== undefined) out.max = r.max;
  if (r.helpText !== undefined && r.helpText !== '') out.helpText = r.helpText;
  return out;
}

/** The index of an equal rule in the sheet, adding it when new. */
export function internRule(sheet: SheetState, rule: DataValidationState): number {
  const i = sheet.rules.findIndex((r) => sameRule(r, rule));
  if (i >= 0) return i;
  sheet.rules.push(normalizeRule(rule));
  return sheet.rules.length - 1;
}

/** Whether a stored value satisfies a rule (blank always does). */
export function satisfiesRule(rule: DataValidationState, value: StoredValue, format: string | null, timeZone: string): boolean {
  if (isBlankValue(value)) return true;
  switch (rule.kind) {
    case 'list':
      return (rule.values ?? []).includes(displayValue(value, format, timeZone));
    case 'checkbox':
      return typeof value === 'boolean';
    case 'number': {
      const [low, high] = numberBounds(rule);
      return typeof value === 'number' && value >= low && value <= high;
    }
    case 'date':
      // What Sheets read as a date is stored as one; text that did not parse stays text.
      return typeof value === 'object' && value !== null && 'd' in value;
  }
}

/** A number rule's bounds, smaller first: between(70, 20) checks 20 to 70. */
function numberBounds(rule: DataValidationState): [number, number] {
  const a = rule.min ?? -Infinity;
  const b = rule.max ?? Infinity;
  return a <= b ? [a, b] : [b, a];
}

function ruleMessage(rule: DataValidationState): string {
  if (rule.helpText) return rule.helpText;
  switch (rule.kind) {
    case 'list':
      return `输入的值必须是指定列表中的项：${(rule.values ?? []).join('、')}`;
    case 'checkbox':
      return '输入的值必须是复选框的值（TRUE 或 FALSE）';
    case 'number':
      return `输入的值必须是介于 ${numberBounds(rule).join(' 和 ')} 之间的数字`;
    case 'date':
      return '输入的值必须是有效日期';
  }
}

export function protectionCovers(p: ProtectionState, row: number, column: number): boolean {
  if (p.row === 0) return true;
  return row >= p.row && row < p.row + p.numRows && column >= p.column && column < p.column + p.numColumns;
}

/** Whether `user` may edit a protected area: the owner, listed editors and, when domain editing is on, the owner's Workspace domain may. */
export function canEditProtection(state: RuntimeState, p: ProtectionState, user: string): boolean {
  const u = user.toLowerCase();
  const domain = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const sameDomain = p.domainEdit === true && state.accounts === 'workspace' && u !== '' && domain(u) === domain(state.owner);
  return u === state.owner.toLowerCase() || p.editors.some((e) => e.toLowerCase() === u) || sameDomain;
}

export type UserEditResult =
  | { ok: true; oldValue: StoredValue; newValue: StoredValue }
  | { ok: false; reason: 'protected' | 'invalid' | 'tooLong'; message: string };

/**
 * What typing `input` into a cell in the Sheets UI does: refused when a
 * protection (not warning-only) covers the cell and `user` may not edit it, or
 * when the cell's validation rejects the input and invalid data is not allowed,
 * or when the text is longer than a cell holds; otherwise stored as Sheets
 * parses typed text.
 */
export function userEdit(state: RuntimeState, sheetName: string, row: number, column: number, input: string, user: string): UserEditResult {
  const sheet = findSheet(state, sheetName);
  if (!sheet) throw new Error(`No sheet named "${sheetName}".`);
  if (!(row >= 1 && row <= sheet.maxRows && column >= 1 && column <= sheet.maxColumns)) {
    throw new Error(`Cell (${row}, ${column}) is outside sheet "${sheetName}" (${sheet.maxRows} × ${sheet.maxColumns}).`);
  }
  const blocking = sheet.protections.find((p) => protectionCovers(p, row, column) && !p.warningOnly && !canEditProtection(state, p, user));
  if (blocking) {
    return { ok: false, reason: 'protected', message: '您正在尝试编辑受保护的单元格或对象。如需修改，请联系电子表格所有者取消保护。' };
  }
  if (input.length > MAX_CELL_CHARS) {
    // Sheets' wording in zh-CN, not confirmed offline.
    return { ok: false, reason: 'tooLong', message: `单元格中的文字超出了 ${MAX_CELL_CHARS} 个字符的上限。` };
  }
  const timeZone = state.spreadsheet.timeZone;
  const format = getCellProp(sheet, row, column, 'fmt');
  const parsed = parseInput(input, format, state.spreadsheet);
  const ruleIndex = getCellProp(sheet, row, column, 'dv');
  const rule = ruleIndex === null ? undefined : sheet.rules[ruleIndex];
  if (rule && !rule.allowInvalid && !satisfiesRule(rule, parsed.value, parsed.format ?? format, timeZone)) {
    return { ok: false, reason: 'invalid', message: ruleMessage(rule) };
  }
  const oldValue = getCell(sheet, row, column);
  writeParsed(sheet, row, column, parsed);
  return { ok: true, oldValue, newValue: getCell(sheet, row, column) };
}
