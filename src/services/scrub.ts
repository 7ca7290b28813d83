/**
 * Emptying personal cells where they are, for the two jobs that do it: the
 * monthly retention run (by age) and a customer's deletion request (by
 * person). Each decides elsewhere what goes; here the cells are written by
 * key, what a colleague's sort sent astray is put back, and the Form
 * responses gathered on the way are deleted.
 */
import type { ResponseForm, ResponseRef } from '../domain/form-responses';
import { MAIL_QUEUE_STATE } from '../domain/vocabulary';
import { MAIL_QUEUE, type SheetSpec } from '../sheets/schema';
import { cellText, type Cell, type Row, type Table } from '../sheets/table';
import type { AppContext } from './context';
import { deleteFormResponses } from './form-intake';
import { writeByKey, type KeyedCell } from './keyed-writes';

/** 工单.已匿名 once a ticket's personal cells are blank. */
export const ANONYMISED = '是';

/** The Form responses to delete, per Form, and the earliest time any was submitted (where the one read of responses starts). */
export class FormResponses {
  private readonly ids: Record<ResponseForm, Set<string>> = { intake: new Set(), survey: new Set() };
  private readonly since: Record<ResponseForm, number> = { intake: Infinity, survey: Infinity };

  /** `submittedMs` null: not known, every response is read. */
  add(ref: ResponseRef | null, submittedMs: number | null): void {
    if (!ref) return;
    this.ids[ref.form].add(ref.id);
    this.since[ref.form] = Math.min(this.since[ref.form], submittedMs ?? 0);
  }

  delete(): number {
    return (['intake', 'survey'] as const).reduce((n, form) => n + deleteFormResponses(form, this.ids[form], this.since[form]), 0);
  }
}

/** Blanks the given columns of rows named by key; returns the keys of rows any cell of which could not be placed. */
export function blankByKey(table: Table, keyLabel: string, rows: readonly { key: string; row: number }[], labels: readonly string[], values: Row = {}): Set<string> {
  const cells: KeyedCell[] = rows.flatMap((r) => labels.map((label) => ({ ...r, label, value: values[label] ?? '' })));
  return new Set(writeByKey(table, keyLabel, cells).map((c) => c.key));
}

/**
 * The one call before each write is a moment in which a colleague sorting or
 * inserting rows sends the blanks (or the 已匿名 mark) onto another row. The
 * job read every row first, so it checks afterwards (one read): a row it did
 * not mean to touch whose cells now hold what it wrote gets back what it held.
 */
export function restoreMisplaced(table: Table, keyLabel: string, before: readonly { row: number; values: Row }[], meant: ReadonlySet<string>, labels: readonly string[], written: ReadonlySet<string> = new Set([ANONYMISED])): void {
  const was = new Map(before.map((r) => [cellText(r.values[keyLabel]), r.values] as const));
  for (let attempt = 0; attempt < 3; attempt++) {
    const back: KeyedCell[] = [];
    for (const { row, values } of table.readAll()) {
      const key = cellText(values[keyLabel]);
      const old = was.get(key);
      if (key === '' || meant.has(key) || !old) continue;
      for (const label of labels) {
        const now = cellText(values[label]);
        if ((now === '' || written.has(now)) && now !== cellText(old[label])) back.push({ key, row, label, value: old[label] ?? '' });
      }
    }
    if (back.length === 0) return;
    writeByKey(table, keyLabel, back);
  }
}

/**
 * Empties cells of the rows `pick` chooses from the columns `labels` (read
 * once): its answer maps a position in the columns to the cells to write.
 * Each row is named by the first column (ticket number, source id, queue
 * id): one that moved meanwhile is found again, or left for the next run.
 * At most `limit` rows are written (the first ones); `left` says how many
 * chosen rows wait for another run.
 */
export function scrubRows(ctx: AppContext, spec: SheetSpec, labels: readonly string[], pick: (cols: Map<string, Cell[]>) => Map<number, Row>, limit = Infinity): { written: number; left: number } {
  const table = ctx.table(spec);
  const cols = table.readColumns(labels);
  const keyOf = cols.get(labels[0]!)!;
  const picked = [...pick(cols)];
  const updates = new Map(picked.slice(0, limit).map(([i, blank]) => [i + 2, { ...blank, [labels[0]!]: keyOf[i]! }]));
  table.patch(labels[0]!, updates);
  return { written: updates.size, left: picked.length - updates.size };
}

/** A queued mail emptied of its recipient and words; one still waiting would go to nobody, so it is cancelled, never sent. */
export function emptiedMail(state: string): Row {
  const blank: Row = { [MAIL_QUEUE.col.to]: '', [MAIL_QUEUE.col.subject]: '', [MAIL_QUEUE.col.body]: '', [MAIL_QUEUE.col.html]: '' };
  return state === MAIL_QUEUE_STATE.pending || state === MAIL_QUEUE_STATE.held ? { ...blank, [MAIL_QUEUE.col.state]: MAIL_QUEUE_STATE.cancelled } : blank;
}

/** A cell of a column read by scrubRows, as text. */
export function columnText(cols: Map<string, Cell[]>, label: string, i: number): string {
  return cellText(cols.get(label)![i]);
}

/** A date cell's instant, or null. */
export function cellMs(v: Cell | undefined): number | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null;
}
