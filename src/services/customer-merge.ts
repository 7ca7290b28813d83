/**
 * 客户管理 › 合并客户: two records of one customer (a second record made
 * before a correction, a customer who wrote from another mobile) become one.
 * Under the script lock the sheets are read once (both 客户 rows, three
 * columns of 工单, 历史's rows about this merge), domain/customer-merge decides, and
 * the writes follow in an order a stopped run can be resumed from:
 *
 * 1. 历史: the record-level entry (what was filled, what differed) and one
 *    row per ticket to move — each only if an earlier run did not write it;
 * 2. 客户: the kept row combined, its blind index holding both customers'
 *    identifiers; then the other marked 合并至 and cleared to its number (its
 *    details now live on the kept row or in 历史: kept twice, a correction or
 *    a deletion request would miss the copy);
 * 3. 工单: the other's tickets carry the kept number.
 *
 * The plan is the same however far an earlier run got (domain/customer-merge),
 * so running the merge again after a fault, or by mistake, finishes it and
 * counts or logs nothing twice.
 * Who may merge: anyone who may edit 客户 (it is not protected; a merge
 * reveals nothing sealed and shows only what 客户 shows); 历史 names them.
 */
import { indexTokens, mergeRefusal, planMerge, type MergePlan, type MergeRecord, type MergeRefusal, type MergeTicket } from '../domain/customer-merge';
import { validRating } from '../domain/satisfaction';
import { FIELDS, fieldLabel, type FieldKey } from '../domain/fields';
import { normaliseText } from '../domain/normalise';
import { HISTORY_ACTION } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { CUSTOMERS, HISTORY, INTERNAL, TICKETS } from '../sheets/schema';
import { cellText, type Cell, type Row, type RowFor } from '../sheets/table';
import { settlePatch } from './books';
import type { AppContext } from './context';
import { customerCells, customerUpdateRow, recordedValues } from './customer-changes';
import { writeByKey } from './keyed-writes';
import { keysFrom, type Keys } from './keys';
import { withScriptLock } from './lock';
import { formatDateTime } from './platform';
import { readState } from './store';

/** One record as the confirmation shows it: the cells of 客户 as staff see them (sealed ones masked there). */
export interface MergeSide {
  customerNo: string;
  fields: { label: string; value: string }[];
}

export interface MergePreview {
  first: MergeSide;
  second: MergeSide;
}

export interface MergeDone {
  keptNo: string;
  otherNo: string;
  /** The tickets that now carry the kept number. */
  moved: string[];
  /** Labels of the fields filled from the other record. */
  filled: string[];
  /** Labels of the fields where the records differed (the kept value stayed). */
  differed: string[];
  /** The records had been merged by an earlier run: this one finished it. */
  resumed: boolean;
  /** What happened, in the Config's language. */
  message: string;
}

const SEALED: ReadonlySet<string> = new Set(FIELDS.filter((f) => f.sensitive).map((f) => f.key));

/** The visible columns of 客户 the confirmation shows, in sheet order (the number heads each side). */
const SHOWN = CUSTOMERS.columns.filter((c) => !c.hidden && c.label !== CUSTOMERS.col.no && c.label !== CUSTOMERS.col.mergedInto).map((c) => c.label);

/** A customer number as typed: trimmed, upper case; anything else is refused. */
function customerNumber(raw: unknown): string {
  const n = normaliseText(String(raw ?? '')).toUpperCase();
  if (!/^C\d{11,}$/.test(n)) throw new UserError('merge.badNumber', { value: n });
  return n;
}

/** Two customer numbers from one line as staff type it ("C… C…", comma or 、 between). */
export function mergePair(text: unknown): [string, string] {
  const parts = String(text ?? '').split(/[\s,，、;；]+/).filter((p) => p !== '');
  if (parts.length !== 2) throw new UserError('merge.needTwo');
  return [customerNumber(parts[0]), customerNumber(parts[1])];
}

interface Read {
  row: number;
  values: Row;
  record: MergeRecord;
}

function readRecord(ctx: AppContext, number: string, keys: Keys): Read {
  const customers = ctx.table(CUSTOMERS);
  const found = customers.findRows(CUSTOMERS.col.no, number);
  if (found.length !== 1) throw new UserError('merge.unknown', { customer: number });
  const row = found[0]!;
  const values = customers.readRows(found).get(row)!;
  const ms = (v: Cell | undefined) => (v instanceof Date ? v.getTime() : undefined);
  const index = cellText(values[INTERNAL.matchIndex]);
  return {
    row,
    values,
    record: {
      customerNo: number,
      values: recordedValues(values, number, keys),
      segment: cellText(values[CUSTOMERS.col.segment]),
      firstContactMs: ms(values[CUSTOMERS.col.firstContact]),
      lastContactMs: ms(values[CUSTOMERS.col.lastContact]),
      consent: { version: cellText(values[CUSTOMERS.col.consentVersion]), atMs: ms(values[CUSTOMERS.col.consentAt]), channel: cellText(values[CUSTOMERS.col.consentChannel]) },
      tokens: indexTokens(index),
      mergedInto: cellText(values[CUSTOMERS.col.mergedInto]),
      // As a deletion request or retention leaves it: no name and nothing to match by.
      erased: cellText(values[CUSTOMERS.col.name]) === '' && index === '',
    },
  };
}

function refusal(r: MergeRefusal): UserError {
  if (r.reason === 'same') return new UserError('merge.same', { customer: r.customerNo });
  if (r.reason === 'merged') return new UserError('merge.alreadyMerged', { customer: r.customerNo, into: r.into });
  return new UserError('merge.erased', { customer: r.customerNo });
}

/** Both records side by side, as 客户 shows them, for staff to choose which number to keep; a pair that cannot be merged is refused now. */
export function previewMerge(ctx: AppContext, first: string, second: string): MergePreview {
  const keys = keysFrom(readState().all);
  const [a, b] = [readRecord(ctx, customerNumber(first), keys), readRecord(ctx, customerNumber(second), keys)];
  // Either may be kept: refused only when neither way would go.
  const refused = mergeRefusal(a.record, b.record);
  if (refused && mergeRefusal(b.record, a.record)) throw refusal(refused);
  const side = (r: Read): MergeSide => ({
    customerNo: r.record.customerNo,
    fields: SHOWN.map((label) => {
      const v = r.values[label];
      return { label, value: v instanceof Date ? formatDateTime(v, ctx.timeZone) : cellText(v) };
    }),
  });
  return { first: side(a), second: side(b) };
}

/** Merges `otherNo` into `keptNo` (see the file comment); `actor` is who, for 历史. */
export function mergeCustomers(ctx: AppContext, keptNo: string, otherNo: string, actor: string): MergeDone {
  const keptNumber = customerNumber(keptNo);
  const otherNumber = customerNumber(otherNo);
  return withScriptLock(() => {
    const keys = keysFrom(readState().all);
    const kept = readRecord(ctx, keptNumber, keys);
    const other = keptNumber === otherNumber ? kept : readRecord(ctx, otherNumber, keys);
    // Both customers' tickets, from one read of three columns (no search per customer).
    const tickets = ctx.table(TICKETS);
    const cols = tickets.readColumns([TICKETS.col.no, TICKETS.col.customerNo, TICKETS.col.surveyRating]);
    const found: (MergeTicket & { row: number })[] = [];
    cols.get(TICKETS.col.customerNo)!.forEach((c, i) => {
      const customerNo = cellText(c);
      const ticketNo = cellText(cols.get(TICKETS.col.no)![i]);
      if (ticketNo === '' || (customerNo !== keptNumber && customerNo !== otherNumber)) return;
      found.push({ ticketNo, customerNo, rating: validRating(cols.get(TICKETS.col.surveyRating)![i]), row: i + 2 });
    });
    const plan = planMerge(kept.record, other.record, found);
    if ('reason' in plan) throw refusal(plan);

    // 1. 历史, what an earlier run of this merge did not write (its rows name the other number as 原值).
    const history = ctx.table(HISTORY);
    const logged = [...history.readRows(history.findRows(HISTORY.col.oldValue, otherNumber)).values()]
      .filter((h) => cellText(h[HISTORY.col.newValue]) === keptNumber);
    const recordLogged = logged.some((h) => cellText(h[HISTORY.col.action]) === HISTORY_ACTION.customerMerged);
    const ticketsLogged = new Set(logged.filter((h) => cellText(h[HISTORY.col.action]) === HISTORY_ACTION.ticketMerged).map((h) => cellText(h[HISTORY.col.ticketNo])));
    history.append([
      ...(recordLogged ? [] : recordRows(ctx, plan, actor)),
      ...plan.moved.filter((no) => !ticketsLogged.has(no)).map((no) => ticketRow(ctx, plan, no, actor)),
    ]);

    // 2. 客户, one row after the other: the kept one combined (planned again, it comes out the same), then the other
    // marked, then cleared — a run stopped between them leaves a state the next run plans from to the same end.
    const customers = ctx.table(CUSTOMERS);
    const write = (row: number, cells: RowFor<typeof CUSTOMERS>) => settlePatch(ctx, customers.patch(CUSTOMERS.col.no, new Map([[row, cells]])));
    write(kept.row, keptCells(plan, kept, other, keys));
    if (!plan.resumed) write(other.row, { [CUSTOMERS.col.no]: otherNumber, [CUSTOMERS.col.mergedInto]: keptNumber });
    write(other.row, mergedCells(plan));

    // 3. 工单: the other's tickets follow (a row a colleague deleted meanwhile is simply gone).
    const cells = found.filter((t) => t.customerNo === otherNumber).map((t) => ({ key: t.ticketNo, row: t.row, label: TICKETS.col.customerNo, value: keptNumber }));
    const unplaced = new Set(writeByKey(tickets, TICKETS.col.no, cells).map((c) => c.key));
    if (unplaced.size) throw new UserError('merge.ticketsLeft', { kept: keptNumber, other: otherNumber, tickets: [...unplaced].join(listSeparator(ctx.locale)) });

    const label = (k: FieldKey) => fieldLabel(k, ctx.locale);
    const done = {
      keptNo: keptNumber,
      otherNo: otherNumber,
      moved: plan.moved,
      filled: Object.keys(plan.kept.fill).map((k) => label(k as FieldKey)),
      differed: plan.conflicts.map((c) => label(c.key)),
      resumed: plan.resumed,
    };
    return { ...done, message: doneMessage(ctx, done) };
  });
}

function doneMessage(ctx: AppContext, d: Omit<MergeDone, 'message'>): string {
  const sep = listSeparator(ctx.locale);
  const list = (l: readonly string[]) => (l.length ? l.join(sep) : ctx.t('merge.none'));
  const lines = [
    ctx.t(d.resumed ? 'merge.doneResumed' : 'merge.done', { kept: d.keptNo, other: d.otherNo }),
    ctx.t('merge.doneTickets', { kept: d.keptNo, count: d.moved.length, tickets: list(d.moved) }),
  ];
  if (d.filled.length || d.differed.length || !d.resumed) lines.push(ctx.t('merge.doneFilled', { fields: list(d.filled) }), ctx.t('merge.doneDiffered', { kept: d.keptNo, fields: list(d.differed) }));
  lines.push(ctx.t('merge.doneMatching', { kept: d.keptNo, other: d.otherNo }));
  return lines.join('\n');
}

/** The record-level entry, and one 客户资料已更新 row per field filled from the other record. */
function recordRows(ctx: AppContext, plan: MergePlan, actor: string): RowFor<typeof HISTORY>[] {
  const sep = listSeparator(ctx.locale);
  const differed = plan.conflicts.map((c) => (c.other === ''
    ? ctx.t('merge.differedSealed', { field: fieldLabel(c.key, ctx.locale), customer: plan.otherNo })
    : ctx.t('merge.differed', { field: fieldLabel(c.key, ctx.locale), customer: plan.otherNo, value: c.other })));
  const k = plan.kept;
  const note = ctx.t('merge.historyNote', {
    kept: plan.keptNo, other: plan.otherNo, tickets: plan.moved.length, count: k.ticketCount,
    differed: differed.length ? differed.join(sep) : ctx.t('merge.none'),
  });
  const filledNote = ctx.t('merge.filledNote', { other: plan.otherNo });
  return [
    {
      [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: actor, [HISTORY.col.action]: HISTORY_ACTION.customerMerged,
      [HISTORY.col.oldValue]: plan.otherNo, [HISTORY.col.newValue]: plan.keptNo, [HISTORY.col.note]: note,
      // About the kept customer: a deletion request for them finds it (the note may name the other's details).
      [INTERNAL.source]: plan.keptNo,
    },
    ...Object.entries(k.fill).map(([key, value]) => customerUpdateRow(ctx, {
      customerNo: plan.keptNo, ticketNo: '', actor, field: fieldLabel(key as FieldKey, ctx.locale), oldValue: '',
      newValue: SEALED.has(key) ? '' : value!, note: filledNote, sealed: SEALED.has(key),
    })),
  ];
}

function ticketRow(ctx: AppContext, plan: MergePlan, ticketNo: string, actor: string): RowFor<typeof HISTORY> {
  return {
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: ticketNo, [HISTORY.col.actor]: actor, [HISTORY.col.action]: HISTORY_ACTION.ticketMerged,
    [HISTORY.col.oldValue]: plan.otherNo, [HISTORY.col.newValue]: plan.keptNo,
    [HISTORY.col.note]: ctx.t('merge.ticketNote', { kept: plan.keptNo, other: plan.otherNo }),
  };
}

/** The kept row combined: fields filled (sealed ones sealed for it), counts, contacts, ratings, consent, tag and the joint blind index. */
function keptCells(plan: MergePlan, kept: Read, other: Read, keys: Keys): RowFor<typeof CUSTOMERS> {
  const k = plan.kept;
  const date = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms));
  const consent = k.consentFrom === 'other' ? other.values : kept.values;
  return {
    ...customerCells(k.fill, plan.keptNo, keys),
    [CUSTOMERS.col.no]: plan.keptNo,
    [CUSTOMERS.col.segment]: k.segment,
    [CUSTOMERS.col.firstContact]: date(k.firstContactMs),
    [CUSTOMERS.col.lastContact]: date(k.lastContactMs),
    [CUSTOMERS.col.ticketCount]: k.ticketCount,
    [INTERNAL.ratingSum]: k.ratingSum,
    [INTERNAL.ratingCount]: k.ratingCount,
    [CUSTOMERS.col.avgRating]: k.avgRating ?? '',
    [CUSTOMERS.col.consentVersion]: consent[CUSTOMERS.col.consentVersion] ?? '',
    [CUSTOMERS.col.consentAt]: consent[CUSTOMERS.col.consentAt] ?? '',
    [CUSTOMERS.col.consentChannel]: consent[CUSTOMERS.col.consentChannel] ?? '',
    [INTERNAL.matchIndex]: k.tokens.join(' '),
  };
}

/** The merged row: its number and where it went; every other cell of the add-on's is cleared. */
function mergedCells(plan: MergePlan): RowFor<typeof CUSTOMERS> {
  const row: Row = Object.fromEntries(CUSTOMERS.columns.map((c) => [c.label, '']));
  return { ...row, [CUSTOMERS.col.no]: plan.otherNo, [CUSTOMERS.col.mergedInto]: plan.keptNo };
}
