/**
 * Data retention (PIPL): when Config 跟进 / 个人信息保留期 is set, a monthly job
 * anonymises tickets closed for longer than that — the figures stay (type,
 * priority, dates, status, rating), the personal fields are blanked — and then
 * customers whose last contact is as old and who have no other live ticket.
 * Each anonymised ticket is logged in 历史; its traces elsewhere (历史 notes,
 * queued mails) and handled 待审核 rows as old are emptied too. One read per
 * sheet, one write per run of changed rows.
 */
import { HISTORY_ACTION, SYSTEM_ACTOR } from '../domain/vocabulary';
import { customersToAnonymise, retentionCutoff, reviewRowsToScrub, ticketsToAnonymise, tracesToScrub, type TicketTrace } from '../domain/retention';
import { CUSTOMERS, HISTORY, INTERNAL, MAIL_QUEUE, REVIEW, TICKETS, type SheetSpec } from '../sheets/schema';
import { cellText, type Cell, type Row, type RowFor, type Table } from '../sheets/table';
import type { AppContext } from './context';
import { writeByKey, type KeyedCell } from './keyed-writes';
import { withScriptLock } from './lock';

const TICKET_PERSONAL = [TICKETS.col.name, TICKETS.col.needDescription, TICKETS.col.feedback, TICKETS.col.surveyFeedback, TICKETS.col.progressNote, TICKETS.col.toVerify, TICKETS.col.notes] as const;
const CUSTOMER_PERSONAL = [
  CUSTOMERS.col.name, CUSTOMERS.col.gender, CUSTOMERS.col.age, CUSTOMERS.col.position, CUSTOMERS.col.mobile, CUSTOMERS.col.landline, CUSTOMERS.col.email, CUSTOMERS.col.address, CUSTOMERS.col.idNumber, CUSTOMERS.col.referrer,
  INTERNAL.matchIndex, INTERNAL.addressSealed, INTERNAL.idNumberSealed,
] as const;
const DONE = '是';

export interface RetentionReport {
  retentionDays: number | null;
  tickets: number;
  customers: number;
  /** 历史 notes, queued mails and handled 待审核 rows emptied of personal words. */
  traces: number;
}

function ms(v: Cell | undefined): number | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null;
}

/** Time-driven, monthly. */
export function runRetention(ctx: AppContext): RetentionReport {
  return withScriptLock(() => {
    const days = ctx.config.followUp.retentionDays;
    const report: RetentionReport = { retentionDays: days, tickets: 0, customers: 0, traces: 0 };
    if (days === null) return report;
    const cutoff = retentionCutoff(ctx.now.getTime(), days);
    const tickets = ctx.table(TICKETS);
    const ticketRows = tickets.readAll();
    const ticketRecords = ticketRows.map(({ values }) => ({
      ticketNo: String(values[TICKETS.col.no] ?? ''),
      customerNo: String(values[TICKETS.col.customerNo] ?? ''),
      status: String(values[TICKETS.col.status] ?? ''),
      closedMs: ms(values[INTERNAL.closedAt]) ?? ms(values[TICKETS.col.resolvedAt]),
      anonymised: values[INTERNAL.anonymised] === DONE,
    }));
    const found = ticketsToAnonymise(ticketRecords, cutoff);
    // Rows are written by 工单编号: one staff moved meanwhile is found again, one that cannot be placed is left
    // for next month. It is marked 已匿名 only once all its personal cells are blank.
    const left = blankByKey(tickets, TICKETS.col.no, found.map((i) => ({ key: ticketRecords[i]!.ticketNo, row: ticketRows[i]!.row })), TICKET_PERSONAL);
    const expired = found.filter((i) => !left.has(ticketRecords[i]!.ticketNo));
    writeByKey(tickets, TICKETS.col.no, expired.map((i) => ({ key: ticketRecords[i]!.ticketNo, row: ticketRows[i]!.row, label: INTERNAL.anonymised, value: DONE })));
    restoreMisplaced(tickets, TICKETS.col.no, ticketRows, new Set(found.map((i) => ticketRecords[i]!.ticketNo)), [...TICKET_PERSONAL, INTERNAL.anonymised]);
    const anonymised = new Set(expired.map((i) => ticketRecords[i]!.ticketNo));
    const history: RowFor<typeof HISTORY>[] = expired.map((i) => ({
      [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: ticketRecords[i]!.ticketNo, [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.action]: HISTORY_ACTION.anonymised,
      [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: ctx.t('history.anonymisedNote', { days }),
    }));
    report.tickets = expired.length;

    const customers = ctx.table(CUSTOMERS);
    const customerRows = customers.readAll();
    const forgotten = customersToAnonymise(
      customerRows.map(({ values }) => ({
        customerNo: String(values[CUSTOMERS.col.no] ?? ''),
        lastContactMs: ms(values[CUSTOMERS.col.lastContact]),
        named: String(values[CUSTOMERS.col.name] ?? '') !== '',
      })),
      ticketRecords,
      cutoff,
    );
    const unplaced = blankByKey(customers, CUSTOMERS.col.no, forgotten.map((i) => ({ key: String(customerRows[i]!.values[CUSTOMERS.col.no]), row: customerRows[i]!.row })), CUSTOMER_PERSONAL);
    restoreMisplaced(customers, CUSTOMERS.col.no, customerRows, new Set(forgotten.map((i) => String(customerRows[i]!.values[CUSTOMERS.col.no]))), CUSTOMER_PERSONAL);
    report.customers = forgotten.length - unplaced.size;
    report.traces = scrubTraces(ctx, anonymised, cutoff);
    if (history.length) ctx.table(HISTORY).append(history);
    return report;
  });
}

/** Blanks the given columns of rows named by key; returns the keys of rows any cell of which could not be placed. */
function blankByKey(table: Table, keyLabel: string, rows: readonly { key: string; row: number }[], labels: readonly string[]): Set<string> {
  const cells: KeyedCell[] = rows.flatMap((r) => labels.map((label) => ({ ...r, label, value: '' })));
  return new Set(writeByKey(table, keyLabel, cells).map((c) => c.key));
}

/**
 * The one call before each write is a moment in which a colleague sorting or
 * inserting rows sends the blanks (or the 已匿名 mark) onto another row. The
 * job read every row first, so it checks afterwards (one read): a row it did
 * not mean to touch whose cells now hold what it wrote gets back what it held.
 */
function restoreMisplaced(table: Table, keyLabel: string, before: readonly { row: number; values: Row }[], meant: ReadonlySet<string>, labels: readonly string[]): void {
  const was = new Map(before.map((r) => [cellText(r.values[keyLabel]), r.values] as const));
  for (let attempt = 0; attempt < 3; attempt++) {
    const back: KeyedCell[] = [];
    for (const { row, values } of table.readAll()) {
      const key = cellText(values[keyLabel]);
      const old = was.get(key);
      if (key === '' || meant.has(key) || !old) continue;
      for (const label of labels) {
        const now = cellText(values[label]);
        if ((now === '' || now === DONE) && now !== cellText(old[label])) back.push({ key, row, label, value: old[label] ?? '' });
      }
    }
    if (back.length === 0) return;
    writeByKey(table, keyLabel, back);
  }
}

/**
 * What else holds a customer's words: the 说明 of the anonymised tickets'
 * 历史 rows (survey feedback, progress notes), their mails still in the
 * queue sheet, and the raw answers of handled 待审核 rows received before the
 * cutoff. One read of the needed columns per sheet, one patch of nearby rows.
 */
function scrubTraces(ctx: AppContext, tickets: ReadonlySet<string>, cutoff: number): number {
  let scrubbed = 0;
  // Each row is named by its first read column (ticket number or source id): one that moved meanwhile is found
  // again, or left for the next run, whose condition picks it up again.
  const scrub = (spec: SheetSpec, keys: string[], pick: (cols: Map<string, Cell[]>) => number[], blank: Row): void => {
    const table = ctx.table(spec);
    const cols = table.readColumns(keys);
    const keyOf = cols.get(keys[0]!)!;
    const updates = new Map(pick(cols).map((i) => [i + 2, { ...blank, [keys[0]!]: keyOf[i]! }]));
    table.patch(keys[0]!, updates);
    scrubbed += updates.size;
  };
  // A ticket's rows of a sheet, with the column that holds its words.
  const traces = (cols: Map<string, Cell[]>, ticketNo: string, text: string): TicketTrace[] =>
    cols.get(ticketNo)!.map((no, i) => ({ ticketNo: String(no), text: String(cols.get(text)![i]) }));
  if (tickets.size > 0) {
    scrub(HISTORY, [HISTORY.col.ticketNo, HISTORY.col.note], (c) => tracesToScrub(traces(c, HISTORY.col.ticketNo, HISTORY.col.note), tickets), { [HISTORY.col.note]: '' });
    scrub(MAIL_QUEUE, [MAIL_QUEUE.col.ticketNo, MAIL_QUEUE.col.body], (c) => tracesToScrub(traces(c, MAIL_QUEUE.col.ticketNo, MAIL_QUEUE.col.body), tickets), {
      [MAIL_QUEUE.col.to]: '', [MAIL_QUEUE.col.subject]: '', [MAIL_QUEUE.col.body]: '', [MAIL_QUEUE.col.html]: '',
    });
  }
  scrub(REVIEW, [INTERNAL.source, REVIEW.col.receivedAt, REVIEW.col.state, REVIEW.col.rawData], (c) => reviewRowsToScrub(
    c.get(REVIEW.col.receivedAt)!.map((at, i) => ({ receivedMs: ms(at), state: String(c.get(REVIEW.col.state)![i]), rawData: String(c.get(REVIEW.col.rawData)![i]) })),
    cutoff,
  ), { [REVIEW.col.rawData]: '' });
  return scrubbed;
}
