/**
 * A typed table over one sheet: columns are found by header label on every
 * execution, so sorting, reordering and inserting columns by staff never
 * sends a write to the wrong place. Reads and writes are whole ranges; the
 * number of service calls per operation does not depend on the row count.
 */
import { TRUNCATED_MARK } from '../domain/vocabulary';
import { UserError } from '../i18n/user-error';
import { NUMBER_FORMAT, type ColumnKind, type LabelOf, type SheetSpec } from './schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Row 1's labels, trimmed, blanks past the last label dropped (2 calls). */
function readHeaderRow(sheet: Sheet): string[] {
  const headers = sheet.getRange('1:1').getValues()[0]!.map((h) => String(h).trim());
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return headers;
}

/** A column's letters in A1 notation (1 → A, 27 → AA). */
function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
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
    /** The header row came from a cache, unchecked: the caller checks it before it trusts a read or a write. */
    private cached: boolean,
    /** Told of the header row each time it is read and differs from what the table held. */
    private readonly onLayout: (headers: readonly string[]) => void,
  ) {
    this.follow(headers);
  }

  /** Whether the header row is still the cached one, not yet read from the sheet in this execution. */
  get fromCache(): boolean {
    return this.cached;
  }

  /** Header labels as last read, by 0-based column. */
  get headers(): readonly string[] {
    return this.cols;
  }

  /**
   * Opens a sheet by name and reads its header row (the whole row 1, blanks
   * past the last label dropped), or takes `cachedHeaders` unread: the caller
   * checks them (`layoutMoved`) before trusting a read or a write. A renamed
   * sheet or a deleted header is a UserError: staff can fix it.
   */
  static open<S extends SheetSpec>(ss: Spreadsheet, spec: S, opts: { cachedHeaders?: readonly string[]; onLayout?: (headers: readonly string[]) => void } = {}): Table<LabelOf<S>> {
    const sheet = ss.getSheetByName(spec.name);
    if (!sheet) throw new UserError('sheet.missing', { sheet: spec.name });
    const onLayout = opts.onLayout ?? (() => undefined);
    if (opts.cachedHeaders) {
      const table = new Table<LabelOf<S>>(sheet, spec, [...opts.cachedHeaders], true, onLayout);
      // A cached row that lacks a column says nothing: the sheet's own row decides.
      if (spec.columns.every((c) => table.index.has(c.label))) return table;
      table.layoutMoved();
      table.checkColumns();
      return table;
    }
    const headers = readHeaderRow(sheet);
    onLayout(headers);
    const table = new Table<LabelOf<S>>(sheet, spec, headers, false, onLayout);
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
    const missing = this.spec.columns.filter((c) => !this.index.has(c.label));
    if (missing.length === 0) return;
    const lost = missing.filter((c) => !this.spec.appendsColumns && !c.addedLater).map((c) => c.label);
    if (lost.length) throw new UserError('sheet.columnsMissing', { sheet: this.spec.name, columns: lost.join('、') });
    this.appendHeaders(missing.map((c) => c.label));
  }

  /** Writes the labels after the last header (2–4 calls, once per workbook and version), growing the grid when it must. */
  private appendHeaders(labels: string[]): void {
    const at = this.cols.length + 1;
    const needed = at + labels.length - 1;
    const max = this.sheet.getMaxColumns();
    if (needed > max) this.sheet.insertColumnsAfter(max, needed - max);
    this.sheet.getRange(1, at, 1, labels.length).setValues([labels]);
    const headers = [...this.cols, ...labels];
    this.follow(headers);
    this.onLayout(headers);
  }

  /**
   * Reads row 1 again (2 calls). Staff may insert, delete or move columns
   * while an execution runs, between any two of its calls; when they did,
   * the table follows the new layout and says so: whatever was searched or
   * read by column before may have looked at the wrong column.
   */
  layoutMoved(): boolean {
    const now = readHeaderRow(this.sheet);
    this.cached = false;
    if (now.length === this.cols.length && now.every((h, i) => h === this.cols[i])) return false;
    this.follow(now);
    this.onLayout(now);
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
    // The last row is read fresh, with its content: a colleague inserting a row above it in the one
    // call before the write pushes it into the rows written, and the check after the write finds out.
    let last = this.lastRowFresh();
    let lastBefore: Row | null = null;
    // The last row is read with the one below it: a row inserted above it between the two calls shows as
    // content below, and the last row is found and read again. (Rows deleted in that call leave a blank
    // row between ours and the rest: nothing is lost.)
    for (let attempt = 1; last >= 2 && this.spec.key; attempt++) {
      const [row, below] = this.lastRowAndBelow(last);
      lastBefore = row;
      if (!below || attempt >= 3) break;
      last = this.lastRowFresh();
    }
    const first = last + 1;
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
    // After columns moved, the last row as read may be mislabelled; and a colleague acts once at a time.
    const moved = this.layoutMoved();
    if (moved) this.rewriteRows(first, rows);
    else if (lastBefore && this.overwroteLastRow(last, lastBefore)) {
      // It was written over: its cells go back (a colleague's own columns in it were not touched), ours follow it.
      this.writeSpans(first, [lastBefore as RowOf<L>]);
      this.writeSpans(first + 1, rows);
      this.lastRowCache = needed + 1;
      return first + 1;
    }
    this.lastRowCache = needed;
    return first;
  }

  /** The row `last` and, when it holds anything, the row below it (null at the sheet's end, or blank). */
  private lastRowAndBelow(last: number): [Row, Row | null] {
    let range: GoogleAppsScript.Spreadsheet.Range;
    try {
      range = this.sheet.getRange(last, 1, 2, this.width);
    } catch {
      // Refused before any read: the last row is the sheet's last, so nothing can be below it.
      return [this.readRows([last]).get(last)!, null];
    }
    const [row, below] = range.getValues().map((v) => this.toRow(v));
    return [row!, Object.values(below!).some((v) => cellText(v) !== '') ? below! : null];
  }

  /**
   * Whether the row that was last before an append is gone, its key found
   * nowhere (a search, no cells read): a row inserted above it just before
   * the write moved it into the first row written. Sorting or deleting rows
   * moves it without losing it. Sheets without a key column (历史) are not
   * checked: there, that one call is a window in which a row can be lost.
   */
  private overwroteLastRow(last: number, before: Row): boolean {
    const key = cellText(before[this.spec.key!]);
    if (key === '' || last < 2) return false;
    const gone = () => this.findRows(this.spec.key as L, key).length === 0;
    // Not found may mean the key column moved under the search: then it is searched again where it is.
    return gone() && (!this.layoutMoved() || gone());
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
    if (needle === '' || (this.lastRowCache !== null && this.lastRowCache < 2)) return [];
    // The column from row 2 down ('C2:C'): a search needs no last row first, so none is asked for.
    const letter = columnLetter(this.column(label));
    let finder = this.sheet.getRange(`${letter}2:${letter}`).createTextFinder(needle).matchCase(true);
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
   * Whether a column still reads as it did (the last row found again, the
   * column read again): rows sorted, inserted or deleted between reads of
   * different columns would have paired one row's cells with another's.
   */
  stillReads(label: L, before: readonly Cell[]): boolean {
    const rowsBefore = this.lastRowCache;
    if (this.lastRowFresh() !== rowsBefore) return false;
    const now = this.readColumns([label]).get(label)!;
    return now.length === before.length && now.every((v, i) => sameCell(v, toCellValue(before[i]!)));
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
   * Writes cells of existing rows, each row named by its key: `patches` maps
   * the row number last seen to the cells to write, the key column among them
   * with the row's key. Staff may sort, insert or delete rows and columns
   * between any two calls, so the rows are read again first (a row that moved
   * is found again by its key; one that is gone is reported, never guessed),
   * only the cells whose value changes are written, and the rows are checked
   * after the write: cells a column move sent astray get back what they held,
   * and a row is written again where it now is. A colleague moving rows in
   * the one call between the check and the write sends the cells onto another
   * row, whose old values were never read: it is reported (`displaced`) for
   * the caller to recompute.
   */
  patch(key: L, patches: ReadonlyMap<number, RowOf<L>>): PatchReport {
    const report: PatchReport = { written: 0, missing: [], displaced: [] };
    let pending = [...patches.values()];
    for (let attempt = 0; attempt < PATCH_ATTEMPTS && pending.length > 0; attempt++) {
      this.layoutMoved();
      const placed = this.place(key, pending, report, attempt === 0 ? patches : null);
      const writes = placed.map((p) => ({ ...p, cells: this.changedCells(p.current, p.values), layout: [...this.cols] }));
      this.writeRowsOfCells(writes);
      report.written += writes.reduce((n, w) => n + w.cells.length, 0);
      // Checked after the write: the layout, then each written row's key.
      const layoutMoved = this.layoutMoved();
      const written = writes.filter((w) => w.cells.length > 0);
      const keysNow = this.readCells(written.map((w) => w.row), this.column(key));
      pending = [];
      for (const w of written) {
        if (cellText(keysNow.get(w.row)) !== w.key) {
          // The rows moved after the check: either after the write too (ours is right, elsewhere),
          // or between the check and the write, and the cells landed on the row now here.
          if (!this.holds(key, w)) {
            report.displaced.push({ key: cellText(keysNow.get(w.row)), labels: w.cells.map((c) => this.labelAt(c.column, w.layout)) });
            pending.push(w.values);
          }
        } else if (layoutMoved) {
          // Same row, columns moved: each cell written at an old position gets back what its column held.
          this.restoreCells(w.row, w.cells.map((c) => c.column), w.current);
          pending.push(w.values);
        }
      }
    }
    if (pending.length > 0) report.missing.push(...pending.map((v) => cellText((v as Row)[key])));
    return report;
  }

  /** Finds each patch's row by its key: where it was last seen, or by a search when it moved (reads the rows once). */
  private place(key: L, patches: readonly RowOf<L>[], report: PatchReport, seen: ReadonlyMap<number, RowOf<L>> | null): Placed<L>[] {
    const want = patches.map((values) => ({ values, key: cellText((values as Row)[key]) }));
    const hint = new Map<RowOf<L>, number>();
    if (seen) for (const [row, values] of seen) hint.set(values, row);
    const guesses = want.map((w) => hint.get(w.values) ?? 0).filter((r) => r >= 2);
    const read = this.readRowsNear(guesses);
    const out: Placed<L>[] = [];
    for (const w of want) {
      let row = hint.get(w.values) ?? 0;
      let current = read.get(row);
      if (!current || cellText(current[key]) !== w.key) {
        const found = w.key === '' ? [] : this.findRows(key, w.key);
        if (found.length !== 1) {
          report.missing.push(w.key);
          continue;
        }
        row = found[0]!;
        current = this.readRows([row]).get(row)!;
      }
      out.push({ row, key: w.key, values: w.values, current });
    }
    return out;
  }

  /** Rows by number, reading blocks of rows close together at once, far-apart rows alone. */
  private readRowsNear(rowNumbers: readonly number[]): Map<number, Row> {
    const out = new Map<number, Row>();
    const last = this.lastRowFresh();
    const sorted = [...new Set(rowNumbers)].filter((r) => r <= last).sort((a, b) => a - b);
    for (const [lo, hi] of clusters(sorted, PATCH_MERGE_GAP)) {
      for (const [r, v] of this.readRows(sorted.filter((r) => r >= lo && r <= hi))) out.set(r, v);
    }
    return out;
  }

  private lastRowFresh(): number {
    this.lastRowCache = this.sheet.getLastRow();
    return this.lastRowCache;
  }

  /** The cells of `values` whose value differs from the row as read, with their 1-based columns. */
  private changedCells(current: Row, values: RowOf<L>): Cell1[] {
    const kinds = new Map(this.spec.columns.map((c) => [c.label, c.kind] as const));
    const out: Cell1[] = [];
    for (const [label, raw] of Object.entries(values as Row)) {
      const value = toCellValue(raw);
      if (sameCell(current[label], value)) continue;
      out.push({ column: this.column(label as L), value, kind: kinds.get(label) });
    }
    return out.sort((a, b) => a.column - b.column);
  }

  /**
   * Writes cells of rows: rows next to each other with the same columns (a
   * batch's mails marked sent) in one range per run of adjacent columns, any
   * other row on its own.
   */
  private writeRowsOfCells(writes: readonly { row: number; cells: readonly Cell1[] }[]): void {
    const shape = (cells: readonly Cell1[]) => cells.map((c) => `${c.column}:${c.kind ?? 'text'}`).join(',');
    const sorted = writes.filter((w) => w.cells.length > 0).sort((a, b) => a.row - b.row);
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j]!.row === sorted[j - 1]!.row + 1 && shape(sorted[j]!.cells) === shape(sorted[i]!.cells)) j++;
      const block = sorted.slice(i, j);
      const columns = block[0]!.cells;
      for (const run of consecutiveRuns(columns.map((c, k) => ({ ...c, k })), (c) => c.column)) {
        this.sheet
          .getRange(block[0]!.row, run[0]!.column, block.length, run.length)
          .setNumberFormats(block.map(() => run.map((c) => NUMBER_FORMAT[c.kind ?? 'text'])))
          .setValues(block.map((w) => run.map((c) => w.cells[c.k]!.value)));
      }
      i = j;
    }
  }

  /** The label of a column in a layout as it was. */
  private labelAt(column: number, layout: readonly string[]): string {
    return layout[column - 1] ?? '';
  }

  /** Whether the row with this key (found again) holds the cells written: the write reached it. */
  private holds(key: L, w: Placed<L> & { cells: Cell1[]; layout: string[] }): boolean {
    const found = this.findRows(key, w.key);
    if (found.length !== 1) return false;
    const now = this.readRows(found).get(found[0]!)!;
    return w.cells.every((c) => sameCell(now[this.labelAt(c.column, w.layout)], c.value));
  }

  /**
   * Puts back the cells written at positions that, after a colleague moved
   * columns, belong to other columns: each gets what its column held as read
   * just before the write (a newly inserted column held nothing).
   */
  private restoreCells(row: number, columns: readonly number[], before: Row): void {
    const back = columns.map((column) => {
      const label = this.cols[column - 1] ?? '';
      return { column, value: label !== '' && label in before ? before[label]! : '', kind: undefined };
    });
    for (const run of consecutiveRuns(back, (c) => c.column)) {
      // Values only: the cells keep whatever format they had.
      this.sheet.getRange(row, run[0]!.column, 1, run.length).setValues([run.map((c) => c.value)]);
    }
  }

  /** One column's cells in the given rows (one read per block of close rows). */
  private readCells(rowNumbers: readonly number[], column: number): Map<number, Cell> {
    const out = new Map<number, Cell>();
    const sorted = [...new Set(rowNumbers)].sort((a, b) => a - b);
    for (const [lo, hi] of clusters(sorted, PATCH_MERGE_GAP)) {
      const values = this.sheet.getRange(lo, column, hi - lo + 1, 1).getValues();
      for (const r of sorted) if (r >= lo && r <= hi) out.set(r, values[r - lo]![0] as Cell);
    }
    return out;
  }

  /**
   * Every data row, as records keyed by label: the header row and the data in
   * one read, so what a colleague inserted, deleted or moved before it is
   * seen as it is (a remembered last row or layout would miss a row).
   */
  readAll(): { row: number; values: Row }[] {
    let values = this.sheet.getDataRange().getValues();
    // A range keeps the size it had when made: rows inserted or deleted between making and reading it
    // would drop the last row or repeat one. Its height is checked against the sheet's last row.
    for (let attempt = 1; attempt < 3 && this.sheet.getLastRow() !== values.length; attempt++) values = this.sheet.getDataRange().getValues();
    this.follow((values[0] ?? []).map((h) => String(h).trim()));
    this.checkColumns();
    this.lastRowCache = values.length;
    return values.slice(1).map((v, i) => ({ row: i + 2, values: this.toRow(v) }));
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

/** A patch that cannot be placed is retried this often (each time re-read, re-found, re-checked). */
const PATCH_ATTEMPTS = 3;

export interface PatchReport {
  /** Cells written. */
  written: number;
  /** Keys of rows not found (deleted, or the key twice): nothing was written for them. */
  missing: string[];
  /**
   * Rows a write landed on because a colleague moved rows in the one call
   * between the check and the write, with the columns that got our values:
   * what they held is not known, so the caller recomputes them.
   */
  displaced: { key: string; labels: string[] }[];
}

interface Placed<L extends string> {
  row: number;
  key: string;
  values: RowOf<L>;
  current: Row;
}

interface Cell1 {
  column: number;
  value: Cell;
  kind: ColumnKind | undefined;
}

function sameCell(a: Cell | undefined, b: Cell): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a === 'number' || typeof b === 'number') return String(a ?? '') !== '' && Number(a) === Number(b);
  return cellText(a) === cellText(b);
}

/** Items grouped into runs whose positions follow one another (1, 2, 3 | 5), in order of position. */
export function consecutiveRuns<T>(items: readonly T[], at: (item: T) => number): T[][] {
  const out: T[][] = [];
  for (const item of [...items].sort((a, b) => at(a) - at(b))) {
    const last = out[out.length - 1];
    if (last && at(item) === at(last[last.length - 1]!) + 1) last.push(item);
    else out.push([item]);
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
