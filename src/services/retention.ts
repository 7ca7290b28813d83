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
import type { Cell, Row, RowFor } from '../sheets/table';
import type { AppContext } from './context';
import { writeRuns } from './escalation';
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
    const expired = ticketsToAnonymise(ticketRecords, cutoff);
    if (expired.length) {
      for (const label of [...TICKET_PERSONAL, INTERNAL.anonymised]) {
        writeRuns(tickets, label, new Map(expired.map((i) => [ticketRows[i]!.row, label === INTERNAL.anonymised ? DONE : ''])), ticketRows);
      }
    }
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
    if (forgotten.length) {
      for (const label of CUSTOMER_PERSONAL) writeRuns(customers, label, new Map(forgotten.map((i) => [customerRows[i]!.row, ''])), customerRows);
    }
    report.customers = forgotten.length;
    report.traces = scrubTraces(ctx, anonymised, cutoff);
    if (history.length) ctx.table(HISTORY).append(history);
    return report;
  });
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
