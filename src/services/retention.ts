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
import { formResponseOf, type ResponseForm, type ResponseRef } from '../domain/form-responses';
import {
  IMPORT_PERSONAL, customersToAnonymise, historyToScrub, importRowsToScrub, retentionCutoff, reviewRowsToScrub, scrubbedProblems, ticketsToAnonymise, tracesToScrub,
  type TicketTrace,
} from '../domain/retention';
import { HISTORY_ACTION, SURVEY_CHANNEL, SYSTEM_ACTOR } from '../domain/vocabulary';
import { CUSTOMERS, HISTORY, IMPORT, INTERNAL, MAIL_QUEUE, REVIEW, TICKETS, type SheetSpec } from '../sheets/schema';
import { cellText, type Cell, type Row, type RowFor, type Table } from '../sheets/table';
import type { AppContext } from './context';
import { deleteFormResponses } from './form-intake';
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
  /** 历史 rows, queued mails, 待审核 rows and 导入 rows emptied of personal words. */
  traces: number;
  /** Form responses deleted (of anonymised tickets and emptied 待审核 rows). */
  formResponses: number;
}

function ms(v: Cell | undefined): number | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null;
}

/** Time-driven, monthly. */
export function runRetention(ctx: AppContext): RetentionReport {
  return withScriptLock(() => {
    const days = ctx.config.followUp.retentionDays;
    const report: RetentionReport = { retentionDays: days, tickets: 0, customers: 0, traces: 0, formResponses: 0 };
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
      formResponse: formResponseOf(cellText(values[TICKETS.col.channel]), cellText(values[INTERNAL.source])),
      submittedMs: ms(values[TICKETS.col.submittedAt]),
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
    const responses = new FormResponses();
    // Anonymised now or in an earlier run: what was added since, or kept by an earlier version, goes too.
    const gone = new Set(ticketRecords.filter((t) => t.ticketNo !== '' && (t.anonymised || anonymised.has(t.ticketNo))).map((t) => t.ticketNo));
    ticketRecords.forEach((t) => {
      if (gone.has(t.ticketNo)) responses.add(t.formResponse, t.submittedMs);
    });
    report.traces = scrubTraces(ctx, gone, cutoff, responses);
    if (history.length) ctx.table(HISTORY).append(history);
    report.traces += scrubImports(ctx, cutoff);
    report.formResponses = responses.delete();
    return report;
  });
}

/** The Form responses to delete, per Form, and the earliest time any was submitted (where the one read of responses starts). */
class FormResponses {
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
 * What else holds a customer's words: the anonymised tickets' 历史 rows
 * (notes, the addresses mails went to) and reviewers' notes as old as the
 * cutoff, their mails still in the queue sheet, and the 待审核 rows received
 * before the cutoff, whose Form responses go too. One read of the needed
 * columns per sheet, one patch of nearby rows.
 */
function scrubTraces(ctx: AppContext, tickets: ReadonlySet<string>, cutoff: number, responses: FormResponses): number {
  let scrubbed = 0;
  // Each row is named by its first read column (ticket number or source id): one that moved meanwhile is found
  // again, or left for the next run, whose condition picks it up again.
  const scrub = (spec: SheetSpec, keys: string[], pick: (cols: Map<string, Cell[]>) => Map<number, Row>): void => {
    const table = ctx.table(spec);
    const cols = table.readColumns(keys);
    const keyOf = cols.get(keys[0]!)!;
    const updates = new Map([...pick(cols)].map(([i, blank]) => [i + 2, { ...blank, [keys[0]!]: keyOf[i]! }]));
    table.patch(keys[0]!, updates);
    scrubbed += updates.size;
  };
  const text = (cols: Map<string, Cell[]>, label: string, i: number): string => cellText(cols.get(label)![i]);
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
    scrub(MAIL_QUEUE, [MAIL_QUEUE.col.ticketNo, MAIL_QUEUE.col.body], (c) => {
      const traces: TicketTrace[] = c.get(MAIL_QUEUE.col.ticketNo)!.map((no, i) => ({ ticketNo: cellText(no), text: text(c, MAIL_QUEUE.col.body, i) }));
      const blank = { [MAIL_QUEUE.col.to]: '', [MAIL_QUEUE.col.subject]: '', [MAIL_QUEUE.col.body]: '', [MAIL_QUEUE.col.html]: '' };
      return new Map(tracesToScrub(traces, tickets).map((i) => [i, blank]));
    });
  }
  scrub(REVIEW, [INTERNAL.source, REVIEW.col.receivedAt, REVIEW.col.channel, REVIEW.col.rawData, REVIEW.col.problems], (c) => {
    const received = c.get(REVIEW.col.receivedAt)!.map(ms);
    const picked = reviewRowsToScrub(received.map((at, i) => ({ receivedMs: at, rawData: text(c, REVIEW.col.rawData, i), problems: text(c, REVIEW.col.problems, i) })), cutoff);
    for (const i of picked) responses.add(formResponseOf(text(c, REVIEW.col.channel, i), text(c, INTERNAL.source, i)), received[i]!);
    return new Map(picked.map((i) => [i, { [REVIEW.col.rawData]: '', [REVIEW.col.problems]: scrubbedProblems(text(c, REVIEW.col.problems, i)) }]));
  });
  return scrubbed;
}

/**
 * The personal cells of 导入 rows filed before the cutoff (named by their
 * 处理结果, which holds the ticket number: a row whose result is not unique
 * stays for the next run).
 */
function scrubImports(ctx: AppContext, cutoff: number): number {
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
  table.patch(IMPORT.col.result, new Map(picked.map((i) => [i + 2, { ...blank, [IMPORT.col.result]: results[i]! }])));
  return picked.length;
}
