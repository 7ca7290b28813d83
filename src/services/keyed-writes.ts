/**
 * Writes single cells of existing rows addressed by the row's key (工单编号),
 * never by a position remembered from an earlier read: staff may sort,
 * insert or delete rows and columns between any two calls of an execution.
 * Under the script lock, right before writing, row 1 and the key column are
 * read again; each cell goes to the row that holds its key now. Only the
 * cells that change are written, one range per run of consecutive rows in a
 * column, so a staff column or formula in between is never touched.
 *
 * Order per attempt: re-read the layout, place every cell, set the number
 * formats, re-read the layout, then the values and notes with no other call
 * in between, then read the layout once more. When any re-read differs from
 * the placement, the cells are placed again and written again (a write is a
 * value, so writing it twice changes nothing). A cell whose key is in no row,
 * or in more than one, is not written and is returned: never guessed.
 *
 * What remains: the call boundary right before each value or note write of
 * the burst. A person who moves rows exactly there sends that write (and the
 * burst's later ones) to the old coordinates; the last re-read sees it and
 * our own row is written again where it now is, but the cells of the row that
 * took its place are not restored (their old values were never read).
 */
import { NUMBER_FORMAT, type ColumnKind } from '../sheets/schema';
import { consecutiveRuns, fitCell, type Cell, type Table } from '../sheets/table';

export interface KeyedCell {
  /** The row's key as read ('' for a row without one: written only where nothing moved). */
  key: string;
  /** The row where the key was read. */
  row: number;
  label: string;
  value?: Cell;
  note?: string;
}

/** Beyond this many runs of rows in one column, one span of it is written instead (see writeByKey). */
const MAX_RUNS = 20;

/** Attempts before what still cannot be placed is left to the next run. */
const ATTEMPTS = 3;

interface Layout {
  headers: string[];
  /** Keys of the rows from `first`, as they stand. */
  first: number;
  keys: string[];
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function column(headers: readonly string[], label: string): number {
  return headers.indexOf(label) + 1;
}

/** Row 1 and the key cells of rows lo..hi (4 calls). */
function readLayout(sheet: Sheet, keyLabel: string, lo: number, hi: number): Layout {
  const headers = sheet.getRange('1:1').getValues()[0]!.map((h) => String(h).trim());
  const keyCol = column(headers, keyLabel);
  if (keyCol === 0 || hi < lo) return { headers, first: lo, keys: [] };
  const keys = sheet.getRange(lo, keyCol, hi - lo + 1, 1).getValues().map((r) => String(r[0]).trim());
  return { headers, first: lo, keys };
}

/** The layout as the table and the caller last read it: its headers, and each wanted row holding its key. */
function knownLayout(table: Table, wanted: readonly { key: string; row: number }[]): Layout {
  const first = Math.min(...wanted.map((w) => w.row));
  const keys: string[] = [];
  for (const w of wanted) keys[w.row - first] = w.key;
  return { headers: [...table.headers], first, keys };
}

function keyAt(layout: Layout, row: number): string | undefined {
  return layout.keys[row - layout.first];
}

function sameHeaders(a: readonly string[], b: readonly string[]): boolean {
  const trim = (h: readonly string[]) => {
    let n = h.length;
    while (n > 0 && h[n - 1] === '') n--;
    return h.slice(0, n);
  };
  const x = trim(a);
  const y = trim(b);
  return x.length === y.length && x.every((h, i) => h === y[i]);
}

/**
 * Whether row 1 still reads as the table read it (2 calls). Rows read after
 * columns moved would be taken under the wrong labels: a caller that finds
 * them moved decides nothing on what it read and leaves the work to a later run.
 */
export function headersStand(table: Table): boolean {
  return sameHeaders(table.sheet.getRange('1:1').getValues()[0]!.map((h) => String(h).trim()), table.headers);
}

/** A cell's row: by its key, or by its read position for a row without one. */
const idOf = (c: { key: string; row: number }) => (c.key === '' ? `@${c.row}` : c.key);
const keyOf = (id: string) => (id.startsWith('@') ? '' : id);

/**
 * Where each row is now: its read position while its key is still there, else
 * the one row holding its key (3 calls more). A row without a key keeps its
 * position only when nothing moved.
 */
function place(sheet: Sheet, keyLabel: string, layout: Layout, wanted: readonly { key: string; row: number }[], nothingMoved: boolean): Map<string, number> {
  const at = new Map<string, number>();
  const lost: string[] = [];
  for (const w of wanted) {
    if (w.key === '') {
      if (nothingMoved) at.set(idOf(w), w.row);
    } else if (keyAt(layout, w.row) === w.key) at.set(w.key, w.row);
    else lost.push(w.key);
  }
  const keyCol = column(layout.headers, keyLabel);
  const last = lost.length === 0 || keyCol === 0 ? 0 : sheet.getLastRow();
  if (last < 2) return at;
  const found = new Map<string, number[]>();
  sheet.getRange(2, keyCol, last - 1, 1).getValues().forEach((r, i) => {
    const k = String(r[0]).trim();
    const rows = found.get(k) ?? [];
    rows.push(i + 2);
    found.set(k, rows);
  });
  for (const key of lost) {
    const rows = found.get(key) ?? [];
    if (rows.length === 1) at.set(key, rows[0]!);
  }
  return at;
}

interface Planned {
  range: GoogleAppsScript.Spreadsheet.Range;
  values?: Cell[][];
  notes?: string[][];
}

/**
 * Writes `cells` (call under the script lock). Returns the cells it could not
 * place; the caller leaves them to a later run.
 */
export function writeByKey(table: Table, keyLabel: string, cells: readonly KeyedCell[], opts: { fresh?: boolean } = {}): KeyedCell[] {
  if (cells.length === 0) return [];
  const sheet = table.sheet;
  const kinds = new Map<string, ColumnKind>(table.spec.columns.map((c) => [c.label, c.kind]));
  const wanted = [...new Map(cells.map((c) => [idOf(c), { key: c.key, row: c.row }])).values()];
  const span = (rows: readonly number[]): [number, number] => rows.reduce<[number, number]>(([l, h], r) => [Math.min(l, r), Math.max(h, r)], [Infinity, -Infinity]);
  // Fresh: the caller read these rows and row 1 just now, under the lock (an edit): that is the layout, read once.
  let layout = opts.fresh ? knownLayout(table, wanted) : readLayout(sheet, keyLabel, ...span(wanted.map((w) => w.row)));
  let moved = !sameHeaders(layout.headers, table.headers) || wanted.some((w) => keyAt(layout, w.row) !== w.key);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const headers = layout.headers;
    const rows = place(sheet, keyLabel, layout, wanted, !moved);
    const unplaced: KeyedCell[] = [];
    const targets = new Map<string, number>(); // id → row, of the cells placed
    const byColumn = new Map<number, { row: number; cell: KeyedCell }[]>();
    for (const c of cells) {
      const row = rows.get(idOf(c));
      const col = column(headers, c.label);
      if (row === undefined || col === 0) {
        unplaced.push(c);
        continue;
      }
      targets.set(idOf(c), row);
      const list = byColumn.get(col) ?? [];
      list.push({ row, cell: c });
      byColumn.set(col, list);
    }
    if (unplaced.length === cells.length) return unplaced;
    // Ranges and number formats first, so nothing but the writes comes after the check.
    const planned: Planned[] = [];
    for (const [col, list] of byColumn) {
      const format = NUMBER_FORMAT[kinds.get(headers[col - 1]!) ?? 'text'];
      const valued = list.filter((x) => x.cell.value !== undefined);
      const runs = consecutiveRuns(valued, (x) => x.row);
      if (runs.length > MAX_RUNS) {
        // Scattered over many rows (the hourly job's reminders): one span of the column, read and written
        // back with ours in it, costs three calls instead of three a row. The rows between are this
        // column's cells as just read; one of them a person edits in the one call before the write is lost.
        const [first, last] = span(valued.map((x) => x.row));
        const range = sheet.getRange(first, col, last - first + 1, 1);
        const values = range.getValues() as Cell[][];
        for (const x of valued) values[x.row - first] = [toCell(x.cell.value!)];
        range.setNumberFormats(values.map(() => [format]));
        planned.push({ range, values });
      } else for (const run of runs) {
        const range = sheet.getRange(run[0]!.row, col, run.length, 1);
        range.setNumberFormats(run.map(() => [format]));
        planned.push({ range, values: run.map((x) => [toCell(x.cell.value!)]) });
      }
      for (const run of consecutiveRuns(list.filter((x) => x.cell.note !== undefined), (x) => x.row)) {
        planned.push({ range: sheet.getRange(run[0]!.row, col, run.length, 1), notes: run.map((x) => [x.cell.note!]) });
      }
    }
    const stands = (l: Layout) => sameHeaders(l.headers, headers) && [...targets].every(([id, row]) => keyAt(l, row) === keyOf(id));
    const [lo, hi] = span([...targets.values()]);
    layout = readLayout(sheet, keyLabel, lo, hi);
    moved = true;
    if (!stands(layout)) continue;
    for (const p of planned) {
      if (p.values) p.range.setValues(p.values);
      else p.range.setNotes(p.notes!);
    }
    layout = readLayout(sheet, keyLabel, lo, hi);
    if (stands(layout)) return unplaced;
  }
  return [...cells];
}

function toCell(v: Cell): Cell {
  return typeof v === 'string' ? fitCell(v) : v;
}
