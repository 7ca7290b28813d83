/**
 * A typed table over one sheet: columns are found by header label on every
 * execution, so sorting, reordering and inserting columns by staff never
 * sends a write to the wrong place. Reads and writes are whole ranges; the
 * number of service calls per operation does not depend on the row count.
 */
import { TRUNCATED_MARK } from '../domain/vocabulary';
import { UserError } from '../i18n/user-error';
import { NUMBER_FORMAT, type LabelOf, type SheetSpec } from './schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Row 1's labels, trimmed, blanks past the last label dropped (2 calls). */
function readHeaderRow(sheet: Sheet): string[] {
  const headers = sheet.getRange('1:1').getValues()[0]!.map((h) => String(h).trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return headers;
}

export type Cell = string | number | boolean | Date;
export type Row = Record<string, Cell>;

/** Cells to write into a sheet whose labels are `L`: a key that is not one of its columns does not compile. */
export type RowOf<L extends string> = { [K in L]?: Cell };

/** Cells to write into the sheet `S` (e.g. `RowFor<typeof HISTORY>`). */
export type RowFor<S extends SheetSpec> = RowOf<LabelOf<S>>;

/** A cell as trimmed text: blank for nothing, ISO 8601 for a date (never the host's Date.toString). */
export function cellText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

export interface FindOptions {
  regex?: boolean;
  partial?: boolean;
}

export class Table<L extends string = string> {
  private lastRowCache: number | null = null;
  private readonly index = new Map<string, number>();
  /** Header labels as last read, by 0-based column. */
  private cols: string[] = [];

  private constructor(
    readonly sheet: Sheet,
    readonly spec: SheetSpec,
    headers: string[],
  ) {
    this.follow(headers);
  }

  /** Header labels as last read, by 0-based column. */
  get headers(): readonly string[] {
    return this.cols;
  }

  /** Opens a sheet by name and reads its header row (3 calls: the whole row 1, blanks past the last label dropped). */
  /** A renamed sheet or a deleted header is a UserError: staff can fix it. */
  static open<S extends SheetSpec>(ss: Spreadsheet, spec: S): Table<LabelOf<S>> {
    const sheet = ss.getSheetByName(spec.name);
    if (!sheet) throw new UserError('sheet.missing', { sheet: spec.name });
    const table = new Table<LabelOf<S>>(sheet, spec, readHeaderRow(sheet));
    table.checkColumns();
    return table;
  }

  private follow(headers: string[]): void {
    this.cols = headers;
    this.index.clear();
    headers.forEach((h, i) => {
      if (h !== '' && !this.index.has(h)) this.index.set(h, i + 1);
    });
  }

  private checkColumns(): void {
    const missing = this.spec.columns.filter((c) => !this.index.has(c.label)).map((c) => c.label);
    if (missing.length) throw new UserError('sheet.columnsMissing', { sheet: this.spec.name, columns: missing.join('、') });
  }

  /**
   * Reads row 1 again (2 calls). Staff may insert, delete or move columns
   * while an execution runs, between any two of its calls; when they did,
   * the table follows the new layout and says so.
   */
  private layoutMoved(): boolean {
    const now = readHeaderRow(this.sheet);
    if (now.length === this.cols.length && now.every((h, i) => h === this.cols[i])) return false;
    this.follow(now);
    this.checkColumns();
    return true;
  }

  /** 1-based column of a header label. */
  column(label: L): number {
    const c = this.index.get(label);
    if (c === undefined) throw new UserError('sheet.columnsMissing', { sheet: this.spec.name, columns: label });
    return c;
  }

  has(label: L): boolean {
    return this.index.has(label);
  }

  get width(): number {
    return this.headers.length;
  }

  lastRow(): number {
    if (this.lastRowCache === null) this.lastRowCache = this.sheet.getLastRow();
    return this.lastRowCache;
  }

  /** Number of data rows below the header. */
  dataRowCount(): number {
    return Math.max(0, this.lastRow() - 1);
  }

  /**
   * Appends rows after the last row with content, in one write per run of
   * known columns (one run unless staff inserted columns in between). Text
   * columns get the plain-text format in the same batch, so Sheets never
   * evaluates what a customer typed. Returns the first new row number.
   */
  append(rows: readonly RowOf<L>[]): number {
    if (rows.length === 0) return this.lastRow() + 1;
    const first = this.lastRow() + 1;
    const needed = first + rows.length - 1;
    try {
      this.writeSpans(first, rows);
    } catch (err) {
      // Only a full sheet is fixed here: grow it by at least 100 rows and write again. Asking for
      // the sheet's size first would cost a call on every append; getRange refuses before any write.
      const max = this.sheet.getMaxRows();
      if (needed <= max) throw err;
      this.sheet.insertRowsAfter(max, Math.max(needed - max, 100));
      this.writeSpans(first, rows);
    }
    // Columns staff inserted, deleted or moved since row 1 was read may have sent the write to the
    // wrong columns: the new rows are written again, whole, under the layout as it is now.
    if (this.layoutMoved()) this.rewriteRows(first, rows);
    this.lastRowCache = needed;
    return first;
  }

  /** Writes rows whole across the current columns: ours from `rows`, every other column blank (its format kept). */
  private rewriteRows(first: number, rows: readonly RowOf<L>[]): void {
    const kinds = new Map(this.spec.columns.map((c) => [c.label, c.kind] as const));
    const range = this.sheet.getRange(first, 1, rows.length, this.cols.length);
    const own = range.getNumberFormats();
    const values = rows.map((r) => this.cols.map((h) => (kinds.has(h) ? toCellValue((r as Row)[h]) : '')));
    const formats = rows.map((_, i) => this.cols.map((h, c) => {
      const kind = kinds.get(h);
      return kind ? NUMBER_FORMAT[kind] : own[i]![c]!;
    }));
    range.setNumberFormats(formats).setValues(values);
  }

  /** Deletes `count` data rows from the top (row 2 on): rows below move up by `count`. */
  deleteLeadingRows(count: number): void {
    if (count <= 0) return;
    this.sheet.deleteRows(2, count);
    if (this.lastRowCache !== null) this.lastRowCache -= count;
  }

  /** Writes the given columns of one existing row (one write per contiguous run). */
  update(row: number, values: RowOf<L>): void {
    this.writeSpans(row, [values], Object.keys(values) as L[]);
  }

  /**
   * Rows whose cell in `label` equals `needle` (a server-side search: no
   * cells read). With `regex`, `needle` is a regular expression that must
   * match the whole cell, unless `partial` lets it match anywhere in it.
   */
  findRows(label: L, needle: string, opts: FindOptions = {}): number[] {
    return this.find(label, needle, opts).map((r) => r.getRow());
  }

  /** The matching cells' values (one read per match: for searches expected to match little). */
  findValues(label: L, needle: string, opts: FindOptions = {}): Cell[] {
    return this.find(label, needle, opts).map((r) => r.getValue() as Cell);
  }

  private find(label: L, needle: string, opts: FindOptions): GoogleAppsScript.Spreadsheet.Range[] {
    const last = this.lastRow();
    if (last < 2 || needle === '') return [];
    let finder = this.sheet.getRange(2, this.column(label), last - 1, 1).createTextFinder(needle).matchCase(true);
    if (opts.regex) finder = finder.useRegularExpression(true);
    if (!opts.partial) finder = finder.matchEntireCell(true);
    return finder.findAll();
  }

  /** Reads whole rows by number: one read of the block that spans them. */
  readRows(rowNumbers: readonly number[]): Map<number, Row> {
    const out = new Map<number, Row>();
    if (rowNumbers.length === 0 || this.width === 0) return out;
    const lo = Math.min(...rowNumbers);
    const hi = Math.max(...rowNumbers);
    const values = this.sheet.getRange(lo, 1, hi - lo + 1, this.width).getValues();
    for (const r of rowNumbers) out.set(r, this.toRow(values[r - lo]!));
    return out;
  }

  /**
   * Whole columns of the data rows, by label: one read per contiguous run of
   * the asked columns (a batch job's lookups, instead of a search per row).
   */
  readColumns(labels: readonly L[]): Map<L, Cell[]> {
    const out = new Map<L, Cell[]>();
    const n = this.dataRowCount();
    const cols = [...new Set(labels.map((l) => this.column(l)))].sort((a, b) => a - b);
    for (const [start, end] of runs(cols)) {
      const values = n > 0 ? this.sheet.getRange(2, start, n, end - start + 1).getValues() : [];
      for (let c = start; c <= end; c++) {
        const label = this.headers[c - 1]! as L;
        if (labels.includes(label)) out.set(label, values.map((v) => v[c - start] as Cell));
      }
    }
    return out;
  }

  /**
   * Writes the given cells of many existing rows. Rows close together are
   * patched as one block (read, change, write back: four calls) rather than
   * one write each: a call costs as much as moving thousands of cells. Only
   * the columns between the leftmost and rightmost written label are touched.
   */
  patchRows(updates: ReadonlyMap<number, RowOf<L>>): void {
    if (updates.size === 0) return;
    const labels = [...new Set([...updates.values()].flatMap((r) => Object.keys(r)))] as L[];
    const cols = labels.map((l) => this.column(l));
    const left = Math.min(...cols);
    const right = Math.max(...cols);
    const span = this.headers.slice(left - 1, right);
    const kinds = new Map(this.spec.columns.map((c) => [c.label, c.kind] as const));
    const rows = [...updates.keys()].sort((a, b) => a - b);
    for (const [lo, hi] of clusters(rows, PATCH_MERGE_GAP)) {
      const range = this.sheet.getRange(lo, left, hi - lo + 1, span.length);
      const values = range.getValues() as Cell[][];
      for (let r = lo; r <= hi; r++) {
        const patch = updates.get(r);
        if (!patch) continue;
        span.forEach((h, i) => {
          if (h in patch) values[r - lo]![i] = toCellValue((patch as Row)[h]);
        });
      }
      // Formats with the values: our text cells stay plain text, so a patched value is never
      // evaluated; a column staff inserted in between keeps its own formats.
      const own = span.some((h) => !kinds.has(h)) ? range.getNumberFormats() : null;
      const formats = values.map((_, i) => span.map((h, c) => {
        const kind = kinds.get(h);
        return kind ? NUMBER_FORMAT[kind] : own![i]![c]!;
      }));
      range.setNumberFormats(formats).setValues(values);
    }
  }

  /** Every data row, as records keyed by label (one read). */
  readAll(): { row: number; values: Row }[] {
    const n = this.dataRowCount();
    if (n === 0 || this.width === 0) return [];
    const values = this.sheet.getRange(2, 1, n, this.width).getValues();
    return values.map((v, i) => ({ row: i + 2, values: this.toRow(v) }));
  }

  private toRow(values: readonly unknown[]): Row {
    const row: Row = {};
    this.headers.forEach((h, i) => {
      if (h !== '' && !(h in row)) row[h] = values[i] as Cell;
    });
    return row;
  }

  /** Writes `rows` starting at `firstRow`, over the spec's columns (or `only`), one range per contiguous run. */
  private writeSpans(firstRow: number, rows: readonly RowOf<L>[], only?: readonly L[]): void {
    const labels = only ?? this.spec.columns.map((c) => c.label as L);
    const kinds = new Map(this.spec.columns.map((c) => [c.label, c.kind] as const));
    const cols = labels.map((l) => this.column(l)).sort((a, b) => a - b);
    for (const [start, end] of runs(cols)) {
      const span = this.headers.slice(start - 1, end);
      const values = rows.map((r) => span.map((h) => toCellValue((r as Row)[h])));
      const formats = rows.map(() => span.map((h) => NUMBER_FORMAT[kinds.get(h) ?? 'text']));
      this.sheet.getRange(firstRow, start, rows.length, span.length).setNumberFormats(formats).setValues(values);
    }
  }
}

/**
 * Sheets refuses a whole write when one cell would hold more than 50,000
 * characters (Google's "Files you can store in Google Drive": Sheets). A text
 * that long is cut, and says so, rather than failing the batch it is in.
 */
export const MAX_CELL_CHARS = 50_000;

export function fitCell(text: string): string {
  return text.length <= MAX_CELL_CHARS ? text : text.slice(0, MAX_CELL_CHARS - TRUNCATED_MARK.length) + TRUNCATED_MARK;
}

function toCellValue(v: Cell | undefined): Cell {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? fitCell(v) : v;
}

/**
 * Rows further apart than this are written separately: between them, moving
 * the cells of the gap would cost more than a call (about 50 ms against about
 * 0.01 ms per cell, for some twenty columns).
 */
const PATCH_MERGE_GAP = 200;

/** Sorted row numbers grouped into [first, last] blocks whose inner gaps are at most `gap` rows. */
function clusters(rows: readonly number[], gap: number): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && r - last[1] <= gap) last[1] = r;
    else out.push([r, r]);
  }
  return out;
}

/** Contiguous runs of sorted column numbers: [1,2,3,5] → [[1,3],[5,5]]. */
function runs(cols: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const c of cols) {
    const last = out[out.length - 1];
    if (last && c === last[1] + 1) last[1] = c;
    else if (!last || c > last[1]) out.push([c, c]);
  }
  return out;
}
