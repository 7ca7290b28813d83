/**
 * What the monthly retention job (PIPL) empties, decided over plain records:
 * a closed ticket once it has been closed longer than the retention period;
 * then a customer as old, unless a ticket of theirs is still live; and the
 * traces of anonymised tickets (历史 notes, queued mails) and handled 待审核
 * rows received before the cutoff. The job reads the sheets, asks here, and
 * blanks what comes back; each answer is the positions in the list given.
 */
import { REVIEW_STATE, STATUS } from './vocabulary';

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
  state: string;
  rawData: string;
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
 * 历史 notes or queued mails of the anonymised tickets that still hold text.
 * A row without a ticket number (a reveal log, the overdue digest) belongs to
 * no ticket, even when a numberless closed row was anonymised.
 */
export function tracesToScrub(rows: readonly TicketTrace[], anonymised: ReadonlySet<string>): number[] {
  return positions(rows, (r) => r.ticketNo !== '' && anonymised.has(r.ticketNo) && r.text !== '');
}

/** Handled 待审核 rows received by the cutoff; a pending one is kept until staff deal with it. */
export function reviewRowsToScrub(rows: readonly ReviewRecord[], cutoffMs: number): number[] {
  return positions(rows, (r) => r.receivedMs !== null && r.receivedMs <= cutoffMs && r.state !== REVIEW_STATE.pending && r.rawData !== '');
}

function positions<T>(list: readonly T[], pick: (x: T) => boolean): number[] {
  const out: number[] = [];
  list.forEach((x, i) => {
    if (pick(x)) out.push(i);
  });
  return out;
}
