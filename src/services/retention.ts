/**
 * Data retention (PIPL): when Config 跟进 / 个人信息保留期 is set, a monthly job
 * anonymises tickets closed for longer than that — the figures stay (type,
 * priority, dates, status, rating), the personal fields are blanked — and then
 * customers whose last contact is as old and who have no other live ticket.
 * Each anonymised ticket is logged in 历史; its traces elsewhere (历史 notes,
 * queued mails) and handled 待审核 rows as old are emptied too. One read per
 * sheet, one write per run of changed rows.
 */
import { HISTORY_ACTION, REVIEW_STATE, STATUS, SYSTEM_ACTOR } from '../domain/vocabulary';
import { CUSTOMERS, HISTORY, INTERNAL, MAIL_QUEUE, REVIEW, TICKETS, type SheetSpec } from '../sheets/schema';
import type { Cell, Row } from '../sheets/table';
import type { AppContext } from './context';
import { writeRuns } from './escalation';
import { withScriptLock } from './lock';

const TICKET_PERSONAL = [TICKETS.col.name, TICKETS.col.needDescription, TICKETS.col.feedback, TICKETS.col.progressNote, TICKETS.col.toVerify, TICKETS.col.notes] as const;
const CUSTOMER_PERSONAL = [
  CUSTOMERS.col.name, CUSTOMERS.col.gender, CUSTOMERS.col.age, CUSTOMERS.col.position, CUSTOMERS.col.mobile, CUSTOMERS.col.landline, CUSTOMERS.col.email, CUSTOMERS.col.address, CUSTOMERS.col.idNumber, CUSTOMERS.col.referrer,
  INTERNAL.matchIndex, INTERNAL.addressSealed, INTERNAL.idNumberSealed,
] as const;
const DONE = '是';
const DAY_MS = 86_400_000;

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
    const cutoff = ctx.now.getTime() - days * DAY_MS;
    const tickets = ctx.table(TICKETS);
    const ticketWrites = new Map<string, Map<number, Cell>>();
    const history: Row[] = [];
    const live = new Set<string>();
    const anonymised = new Set<string>();
    const ticketRows = tickets.readAll();
    for (const { row, values } of ticketRows) {
      const ticketNo = String(values[TICKETS.col.no] ?? '');
      const customer = String(values[TICKETS.col.customerNo] ?? '');
      if (values[INTERNAL.anonymised] === DONE) continue;
      const closedAt = ms(values[INTERNAL.closedAt]) ?? ms(values[TICKETS.col.resolvedAt]);
      if (values[TICKETS.col.status] !== STATUS.closed || closedAt === null || closedAt > cutoff) {
        live.add(customer);
        continue;
      }
      for (const label of [...TICKET_PERSONAL, INTERNAL.anonymised]) {
        const m = ticketWrites.get(label) ?? new Map<number, Cell>();
        m.set(row, label === INTERNAL.anonymised ? DONE : '');
        ticketWrites.set(label, m);
      }
      anonymised.add(ticketNo);
      history.push({
        [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: ticketNo, [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.action]: HISTORY_ACTION.anonymised,
        [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: ctx.t('history.anonymisedNote', { days }),
      });
      report.tickets += 1;
    }
    for (const [label, cells] of ticketWrites) writeRuns(tickets, label, cells, ticketRows);

    const customers = ctx.table(CUSTOMERS);
    const customerWrites = new Map<string, Map<number, Cell>>();
    const customerRows = customers.readAll();
    for (const { row, values } of customerRows) {
      const no = String(values[CUSTOMERS.col.no] ?? '');
      const last = ms(values[CUSTOMERS.col.lastContact]);
      if (live.has(no) || last === null || last > cutoff || String(values[CUSTOMERS.col.name] ?? '') === '') continue;
      for (const label of CUSTOMER_PERSONAL) {
        const m = customerWrites.get(label) ?? new Map<number, Cell>();
        m.set(row, '');
        customerWrites.set(label, m);
      }
      report.customers += 1;
    }
    for (const [label, cells] of customerWrites) writeRuns(customers, label, cells, customerRows);
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
  const scrub = (spec: SheetSpec, keys: string[], pick: (cols: Map<string, Cell[]>, i: number) => boolean, blank: Row): void => {
    const table = ctx.table(spec);
    const cols = table.readColumns(keys);
    const n = cols.get(keys[0]!)!.length;
    const updates = new Map<number, Row>();
    for (let i = 0; i < n; i++) if (pick(cols, i)) updates.set(i + 2, blank);
    table.patchRows(updates);
    scrubbed += updates.size;
  };
  if (tickets.size > 0) {
    scrub(HISTORY, [HISTORY.col.ticketNo, HISTORY.col.note], (c, i) => tickets.has(String(c.get(HISTORY.col.ticketNo)![i])) && c.get(HISTORY.col.note)![i] !== '', { [HISTORY.col.note]: '' });
    scrub(MAIL_QUEUE, [MAIL_QUEUE.col.ticketNo, MAIL_QUEUE.col.body], (c, i) => tickets.has(String(c.get(MAIL_QUEUE.col.ticketNo)![i])) && c.get(MAIL_QUEUE.col.body)![i] !== '', {
      [MAIL_QUEUE.col.to]: '', [MAIL_QUEUE.col.subject]: '', [MAIL_QUEUE.col.body]: '', [MAIL_QUEUE.col.html]: '',
    });
  }
  const pending = REVIEW_STATE.pending;
  scrub(REVIEW, [REVIEW.col.receivedAt, REVIEW.col.state, REVIEW.col.rawData], (c, i) => {
    const at = ms(c.get(REVIEW.col.receivedAt)![i]);
    return at !== null && at <= cutoff && c.get(REVIEW.col.state)![i] !== pending && c.get(REVIEW.col.rawData)![i] !== '';
  }, { [REVIEW.col.rawData]: '' });
  return scrubbed;
}
