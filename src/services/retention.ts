/**
 * Data retention (PIPL): when Config 跟进 / 个人信息保留期 is set, a monthly job
 * anonymises tickets closed for longer than that — the figures stay (type,
 * priority, dates, status, rating), the personal fields are blanked — and then
 * customers whose last contact is as old and who have no other live ticket.
 * Each anonymised ticket is logged in 历史; its traces elsewhere (历史 notes
 * and mail addresses, queued mails, its Form response) are emptied too, and so
 * is what holds a customer's words as old: reviewers' notes in 历史, 待审核
 * rows (pending ones too) and their Form responses, the personal cells of
 * filed 导入 rows. One read per sheet, one write per run of changed rows.
 */
import { FIELD_LABEL } from '../domain/fields';
import { formResponseOf } from '../domain/form-responses';
import {
  IMPORT_PERSONAL, customersToAnonymise, historyToScrub, importRowsToScrub, retentionCutoff, reviewRowsToScrub, scrubbedProblems, ticketsToAnonymise, tracesToScrub,
  type TicketTrace,
} from '../domain/retention';
import { HISTORY_ACTION, SURVEY_CHANNEL, SYSTEM_ACTOR } from '../domain/vocabulary';
import { CUSTOMERS, HISTORY, IMPORT, INTERNAL, MAIL_QUEUE, REVIEW, TICKETS, type SheetSpec } from '../sheets/schema';
import { scrubOutbound } from './outbound';
import { cellText, type Cell, type Row, type RowFor } from '../sheets/table';
import type { AppContext } from './context';
import { writeByKey } from './keyed-writes';
import { withScriptLock } from './lock';
import { RETENTION_CONTINUE_HANDLER, scheduleOneOff, spendOneOff } from './triggers';
import { ANONYMISED, FormResponses, blankByKey, emptiedMail, cellMs as ms, columnText as text, restoreMisplaced, scrubRows } from './scrub';

/** A ticket's cells that hold the customer's words (its pending customer changes too). */
export const TICKET_PERSONAL = [TICKETS.col.name, TICKETS.col.needDescription, TICKETS.col.feedback, TICKETS.col.surveyFeedback, TICKETS.col.progressNote, TICKETS.col.toVerify, TICKETS.col.notes, INTERNAL.pendingChanges] as const;
/** A customer's cells that say who they are and how to reach them (the blind index and the sealed fields too). */
export const CUSTOMER_PERSONAL = [
  CUSTOMERS.col.name, CUSTOMERS.col.gender, CUSTOMERS.col.age, CUSTOMERS.col.position, CUSTOMERS.col.mobile, CUSTOMERS.col.landline, CUSTOMERS.col.email, CUSTOMERS.col.address, CUSTOMERS.col.idNumber, CUSTOMERS.col.referrer,
  INTERNAL.matchIndex, INTERNAL.addressSealed, INTERNAL.idNumberSealed,
] as const;

export interface RetentionReport {
  retentionDays: number | null;
  /** More was due than one run empties: a continuation run is scheduled. */
  unfinished: boolean;
  tickets: number;
  customers: number;
  /** 历史 rows, queued mails, 待审核 rows and 导入 rows emptied of personal words (this run). */
  traces: number;
  /** Form responses deleted (of anonymised tickets and emptied 待审核 rows). */
  formResponses: number;
}

/**
 * Tickets (and customers) one run anonymises at most: their blanks are a few
 * cells each, and committing tens of thousands of cells would take a run past
 * Apps Script's 6 minutes (the bench's 100k-ticket world with a 90-day period
 * did). The rest follow in continuation runs a minute apart.
 */
const RETENTION_BATCH = 1_000;
/** Rows of 历史, 待审核, 邮件队列 and 导入 one run empties at most (scattered rows are a write each). */
const SCRUB_BATCH = 500;
const CONTINUE_AFTER_MS = 60_000;

/** Time-driven, monthly. */
export function runRetention(ctx: AppContext): RetentionReport {
  return withScriptLock(() => {
    const days = ctx.config.followUp.retentionDays;
    const report: RetentionReport = { retentionDays: days, unfinished: false, tickets: 0, customers: 0, traces: 0, formResponses: 0 };
    if (days === null) return report;
    const cutoff = retentionCutoff(ctx.now.getTime(), days);
    const tickets = ctx.table(TICKETS);
    const ticketRows = tickets.readAll();
    const ticketRecords = ticketRows.map(({ values }) => ({
      ticketNo: String(values[TICKETS.col.no] ?? ''),
      customerNo: String(values[TICKETS.col.customerNo] ?? ''),
      status: String(values[TICKETS.col.status] ?? ''),
      closedMs: ms(values[INTERNAL.closedAt]) ?? ms(values[TICKETS.col.resolvedAt]),
      anonymised: values[INTERNAL.anonymised] === ANONYMISED,
      formResponse: formResponseOf(cellText(values[TICKETS.col.channel]), cellText(values[INTERNAL.source])),
      submittedMs: ms(values[TICKETS.col.submittedAt]),
    }));
    const due = ticketsToAnonymise(ticketRecords, cutoff);
    // Writes are what a run cannot afford in bulk (each cell is committed): a backlog goes a batch a run.
    const found = due.slice(0, RETENTION_BATCH);
    report.unfinished = due.length > found.length;
    // Rows are written by 工单编号: one staff moved meanwhile is found again, one that cannot be placed is left
    // for next month. It is marked 已匿名 only once all its personal cells are blank.
    const left = blankByKey(tickets, TICKETS.col.no, found.map((i) => ({ key: ticketRecords[i]!.ticketNo, row: ticketRows[i]!.row })), TICKET_PERSONAL);
    const expired = found.filter((i) => !left.has(ticketRecords[i]!.ticketNo));
    writeByKey(tickets, TICKETS.col.no, expired.map((i) => ({ key: ticketRecords[i]!.ticketNo, row: ticketRows[i]!.row, label: INTERNAL.anonymised, value: ANONYMISED })));
    restoreMisplaced(tickets, TICKETS.col.no, ticketRows, new Set(found.map((i) => ticketRecords[i]!.ticketNo)), [...TICKET_PERSONAL, INTERNAL.anonymised]);
    const anonymised = new Set(expired.map((i) => ticketRecords[i]!.ticketNo));
    const history: RowFor<typeof HISTORY>[] = expired.map((i) => ({
      [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: ticketRecords[i]!.ticketNo, [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.action]: HISTORY_ACTION.anonymised,
      [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: ctx.t('history.anonymisedNote', { days }),
    }));
    report.tickets = expired.length;

    const customers = ctx.table(CUSTOMERS);
    const customerRows = customers.readAll();
    const forgottenDue = customersToAnonymise(
      customerRows.map(({ values }) => ({
        customerNo: String(values[CUSTOMERS.col.no] ?? ''),
        lastContactMs: ms(values[CUSTOMERS.col.lastContact]),
        named: String(values[CUSTOMERS.col.name] ?? '') !== '',
      })),
      ticketRecords,
      cutoff,
    );
    const forgotten = forgottenDue.slice(0, RETENTION_BATCH);
    report.unfinished ||= forgottenDue.length > forgotten.length;
    const unplaced = blankByKey(customers, CUSTOMERS.col.no, forgotten.map((i) => ({ key: String(customerRows[i]!.values[CUSTOMERS.col.no]), row: customerRows[i]!.row })), CUSTOMER_PERSONAL);
    restoreMisplaced(customers, CUSTOMERS.col.no, customerRows, new Set(forgotten.map((i) => String(customerRows[i]!.values[CUSTOMERS.col.no]))), CUSTOMER_PERSONAL);
    report.customers = forgotten.length - unplaced.size;
    const responses = new FormResponses();
    // Anonymised now or in an earlier run: what was added since, or kept by an earlier version, goes too.
    const gone = new Set(ticketRecords.filter((t) => t.ticketNo !== '' && (t.anonymised || anonymised.has(t.ticketNo))).map((t) => t.ticketNo));
    ticketRecords.forEach((t) => {
      if (gone.has(t.ticketNo)) responses.add(t.formResponse, t.submittedMs);
    });
    const traces = scrubTraces(ctx, gone, cutoff, responses);
    if (history.length) ctx.table(HISTORY).append(history);
    const imports = scrubImports(ctx, cutoff);
    report.traces = traces.written + imports.written;
    report.unfinished ||= traces.left + imports.left > 0;
    report.formResponses = responses.delete();
    if (report.unfinished) scheduleOneOff(RETENTION_CONTINUE_HANDLER, CONTINUE_AFTER_MS);
    return report;
  });
}

/** The continuation of a run that left a backlog: its trigger is spent first; it schedules the next if more is left. */
export function continueRetention(ctx: AppContext): RetentionReport {
  spendOneOff(RETENTION_CONTINUE_HANDLER);
  return runRetention(ctx);
}

/**
 * What else holds a customer's words: the anonymised tickets' 历史 rows
 * (notes, the addresses mails went to) and reviewers' notes as old as the
 * cutoff, their mails still in the queue sheet, and the 待审核 rows received
 * before the cutoff, whose Form responses go too. One read of the needed
 * columns per sheet, one patch of nearby rows.
 */
function scrubTraces(ctx: AppContext, tickets: ReadonlySet<string>, cutoff: number, responses: FormResponses): { written: number; left: number } {
  const scrubbed = { written: 0, left: 0 };
  const scrub = (spec: SheetSpec, keys: string[], pick: (cols: Map<string, Cell[]>) => Map<number, Row>): void => {
    const done = scrubRows(ctx, spec, keys, pick, SCRUB_BATCH);
    scrubbed.written += done.written;
    scrubbed.left += done.left;
  };
  scrub(HISTORY, [HISTORY.col.ticketNo, HISTORY.col.at, HISTORY.col.action, HISTORY.col.oldValue, HISTORY.col.newValue, HISTORY.col.note, INTERNAL.source], (c) => {
    // A rating's 历史 row names the survey response it came from (the answer is taken when received: when is not kept).
    c.get(HISTORY.col.ticketNo)!.forEach((no, i) => {
      if (cellText(no) !== '' && tickets.has(cellText(no)) && text(c, HISTORY.col.action, i) === HISTORY_ACTION.survey) responses.add(formResponseOf(SURVEY_CHANNEL, text(c, INTERNAL.source, i)), null);
    });
    const rows = c.get(HISTORY.col.ticketNo)!.map((no, i) => ({
      ticketNo: cellText(no),
      action: text(c, HISTORY.col.action, i),
      atMs: ms(c.get(HISTORY.col.at)![i]),
      hasValues: text(c, HISTORY.col.oldValue, i) !== '' || text(c, HISTORY.col.newValue, i) !== '',
      note: text(c, HISTORY.col.note, i),
    }));
    return new Map(historyToScrub(rows, tickets, cutoff).map((h) => [h.index, {
      ...(h.values ? { [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '' } : {}),
      ...(h.note ? { [HISTORY.col.note]: '' } : {}),
    }]));
  });
  if (tickets.size > 0) {
    scrub(MAIL_QUEUE, [MAIL_QUEUE.col.id, MAIL_QUEUE.col.ticketNo, MAIL_QUEUE.col.body, MAIL_QUEUE.col.state], (c) => {
      const traces: TicketTrace[] = c.get(MAIL_QUEUE.col.ticketNo)!.map((no, i) => ({ ticketNo: cellText(no), text: text(c, MAIL_QUEUE.col.body, i) }));
      return new Map(tracesToScrub(traces, tickets).map((i) => [i, emptiedMail(text(c, MAIL_QUEUE.col.state, i))]));
    });
    // Team-chat messages about them still waiting in 通知队列 (a sent one's text is gone already).
    const notices = scrubOutbound(ctx, (no) => tickets.has(no), SCRUB_BATCH);
    scrubbed.written += notices.written;
    scrubbed.left += notices.left;
  }
  scrub(REVIEW, [INTERNAL.source, REVIEW.col.receivedAt, REVIEW.col.channel, REVIEW.col.rawData, REVIEW.col.answers, REVIEW.col.problems], (c) => {
    const received = c.get(REVIEW.col.receivedAt)!.map(ms);
    const picked = reviewRowsToScrub(received.map((at, i) => ({ receivedMs: at, rawData: text(c, REVIEW.col.rawData, i), problems: text(c, REVIEW.col.problems, i) })), cutoff);
    for (const i of picked) responses.add(formResponseOf(text(c, REVIEW.col.channel, i), text(c, INTERNAL.source, i)), received[i]!);
    return new Map(picked.map((i) => [i, { [REVIEW.col.rawData]: '', [REVIEW.col.answers]: '', [REVIEW.col.problems]: scrubbedProblems(text(c, REVIEW.col.problems, i)) }]));
  });
  return scrubbed;
}

/**
 * The personal cells of 导入 rows filed before the cutoff (named by their
 * 处理结果, which holds the ticket number: a row whose result is not unique
 * stays for the next run).
 */
function scrubImports(ctx: AppContext, cutoff: number): { written: number; left: number } {
  // Its field columns are typed as text labels (the sheet is built from the field list): opened as a plain sheet.
  const table = ctx.table<SheetSpec>(IMPORT);
  const personal = IMPORT_PERSONAL.map((k) => FIELD_LABEL[k]);
  const cols = table.readColumns([IMPORT.col.result, ...personal]);
  const results = cols.get(IMPORT.col.result)!;
  const picked = importRowsToScrub(
    results.map((r, i) => ({ result: cellText(r), personal: personal.some((label) => cellText(cols.get(label)![i]) !== '') })),
    cutoff,
    ctx.utcOffset,
  );
  const blank = Object.fromEntries(personal.map((label) => [label, '']));
  const now = picked.slice(0, SCRUB_BATCH);
  table.patch(IMPORT.col.result, new Map(now.map((i) => [i + 2, { ...blank, [IMPORT.col.result]: results[i]! }])));
  return { written: now.length, left: picked.length - now.length };
}
