/**
 * What the monthly retention job (PIPL) empties, decided over plain records:
 * a closed ticket once it has been closed longer than the retention period;
 * then a customer as old, unless a ticket of theirs is still live; and every
 * other trace of a customer's words: the anonymised tickets' 历史 notes and
 * mail values, their queued mails, reviewers' notes in 历史 as old, 待审核
 * rows received before the cutoff (handled or not: raw data emptied, problems
 * without what was typed), and the personal cells of 导入 rows filed before
 * it. The job reads the sheets, asks here, and blanks what comes back; each
 * answer is the positions in the list given. The figures reports count (types,
 * dates, statuses, ratings, problem kinds) stay.
 */
import type { FieldKey } from './fields';
import { localDay } from './local-time';
import { parseSerial } from './numbering';
import { problemKind } from './report-figures';
import { HISTORY_ACTION, STATUS } from './vocabulary';

const DAY_MS = 86_400_000;

/** A 工单 row as retention sees it. */
export interface RetainedTicket {
  ticketNo: string;
  customerNo: string;
  status: string;
  /** 关闭时间, or 解决时间 for a ticket closed before 关闭时间 was kept. */
  closedMs: number | null;
  anonymised: boolean;
}

/** A 客户 row: a customer without a name has been anonymised already. */
export interface RetainedCustomer {
  customerNo: string;
  lastContactMs: number | null;
  named: boolean;
}

/** A row that may hold a ticket's words (历史 note, queued mail body). */
export interface TicketTrace {
  ticketNo: string;
  text: string;
}

export interface ReviewRecord {
  receivedMs: number | null;
  rawData: string;
  problems: string;
}

/** A 历史 row as retention sees it. */
export interface HistoryRecord {
  ticketNo: string;
  action: string;
  atMs: number | null;
  /** 原值 or 新值 holds something. */
  hasValues: boolean;
  note: string;
}

/** What to blank in a 历史 row: its 原值 and 新值, its 说明, or both. */
export interface HistoryScrub {
  index: number;
  values: boolean;
  note: boolean;
}

/** A 导入 row: its 处理结果, and whether any of its personal cells holds something. */
export interface ImportRecord {
  result: string;
  personal: boolean;
}

/** Anything last touched at or before this instant is past the period. */
export function retentionCutoff(nowMs: number, retentionDays: number): number {
  return nowMs - retentionDays * DAY_MS;
}

function expired(t: RetainedTicket, cutoffMs: number): boolean {
  return t.status === STATUS.closed && t.closedMs !== null && t.closedMs <= cutoffMs;
}

export function ticketsToAnonymise(tickets: readonly RetainedTicket[], cutoffMs: number): number[] {
  return positions(tickets, (t) => !t.anonymised && expired(t, cutoffMs));
}

/**
 * Customers whose last contact is past the cutoff and who have no live
 * ticket (open, or closed within the period); one whose tickets are all
 * anonymised, or being anonymised now, goes too.
 */
export function customersToAnonymise(customers: readonly RetainedCustomer[], tickets: readonly RetainedTicket[], cutoffMs: number): number[] {
  const live = new Set(tickets.filter((t) => !t.anonymised && !expired(t, cutoffMs)).map((t) => t.customerNo));
  return positions(customers, (c) => c.named && c.lastContactMs !== null && c.lastContactMs <= cutoffMs && !live.has(c.customerNo));
}

/**
 * Queued mails of the anonymised tickets that still hold text. A row without
 * a ticket number (the overdue digest) belongs to no ticket, even when a
 * numberless closed row was anonymised.
 */
export function tracesToScrub(rows: readonly TicketTrace[], anonymised: ReadonlySet<string>): number[] {
  return positions(rows, (r) => r.ticketNo !== '' && anonymised.has(r.ticketNo) && r.text !== '');
}

/** 历史 actions whose 原值/新值 hold a customer's details (the mail actions record the address written to; a confirmed change, the details). */
const PERSONAL_VALUES: ReadonlySet<string> = new Set([HISTORY_ACTION.mailFailed, HISTORY_ACTION.mailQueued, HISTORY_ACTION.queuedSent, HISTORY_ACTION.customerUpdated]);
/** 历史 actions without a ticket whose 说明 a reviewer wrote about a customer (why voided, how consent was obtained). */
const REVIEWER_NOTES: ReadonlySet<string> = new Set([HISTORY_ACTION.voided, HISTORY_ACTION.consentRecorded]);

/**
 * The 历史 rows to empty: every 说明 of an anonymised ticket (survey
 * feedback, progress notes, mail subjects) and the addresses its mail rows
 * name; and reviewers' notes about a submission that never became a ticket,
 * once as old as the cutoff. 动作, 时间 and the statuses stay: they are the
 * figures, and so does the note saying when it was anonymised. A row
 * without a ticket number is never an anonymised ticket's.
 */
export function historyToScrub(rows: readonly HistoryRecord[], anonymised: ReadonlySet<string>, cutoffMs: number): HistoryScrub[] {
  const out: HistoryScrub[] = [];
  rows.forEach((r, index) => {
    const ofTicket = r.ticketNo !== '' && anonymised.has(r.ticketNo);
    const oldNote = r.ticketNo === '' && REVIEWER_NOTES.has(r.action) && r.atMs !== null && r.atMs <= cutoffMs;
    const values = ofTicket && r.hasValues && PERSONAL_VALUES.has(r.action);
    // The anonymisation's own note (which period) is the record that it happened.
    const note = (ofTicket || oldNote) && r.note !== '' && r.action !== HISTORY_ACTION.anonymised;
    if (values || note) out.push({ index, values, note });
  });
  return out;
}

/** Problem lines without what the customer typed (the kinds reports count stay the same). */
export function scrubbedProblems(problems: string): string {
  return problems.split('\n').map(problemKind).join('\n');
}

/**
 * 待审核 rows received by the cutoff that still hold a customer's words:
 * handled or still pending (a row nobody dealt with is kept no longer than a
 * filed ticket), its raw data emptied and its problems reduced to their kinds.
 */
export function reviewRowsToScrub(rows: readonly ReviewRecord[], cutoffMs: number): number[] {
  return positions(rows, (r) => r.receivedMs !== null && r.receivedMs <= cutoffMs && (r.rawData !== '' || scrubbedProblems(r.problems) !== r.problems));
}

/** The answers of a 导入 row that are a person's (the rest are what reports count). */
export const IMPORT_PERSONAL: readonly FieldKey[] = [
  'name', 'gender', 'age', 'position', 'mobile', 'landline', 'email', 'address', 'id_number', 'referrer', 'need_description', 'feedback', 'notes',
];

/** The ticket number a 导入 row's 处理结果 names ('' when none). */
export function ticketInResult(result: string): string {
  return /T\d{11,}/.exec(result)?.[0] ?? '';
}

/**
 * 导入 rows filed as a ticket (or found to be one already) on a day at or
 * before the cutoff's: the ticket number in 处理结果 says the day (numbers
 * are given on the day received). Rows not filed yet, or sent to 待审核 (whose
 * row retention empties), are left as they are.
 */
export function importRowsToScrub(rows: readonly ImportRecord[], cutoffMs: number, utcOffsetMinutes: number): number[] {
  const cutoffDay = localDay(cutoffMs, utcOffsetMinutes);
  return positions(rows, (r) => {
    if (!r.personal) return false;
    const serial = parseSerial(ticketInResult(r.result));
    return serial !== null && serial.prefix === 'T' && serial.day <= cutoffDay;
  });
}

/** The positions in `list` of the items `pick` chooses. */
export function positions<T>(list: readonly T[], pick: (x: T) => boolean): number[] {
  const out: number[] = [];
  list.forEach((x, i) => {
    if (pick(x)) out.push(i);
  });
  return out;
}
