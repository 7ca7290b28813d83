/**
 * A customer's rights over what is held about them (PIPL Art. 45 copy,
 * Art. 46 correction, Art. 47 deletion), decided over plain records: which
 * rows of the other sheets are theirs, and what of them a deletion empties.
 * The 个人信息请求 service reads the sheets, asks here, and exports or blanks
 * what comes back; each answer is positions in the list given.
 */
import { historyToScrub, positions, type HistoryRecord, type HistoryScrub } from './retention';
import { originOf } from './review';
import { HISTORY_ACTION } from './vocabulary';

/** Who a request is about: the customer number, their identifiers and their tickets. */
export interface Person {
  customerNo: string;
  /** Normalised as intake stores them; '' when the record has none. */
  mobile: string;
  email: string;
  idNumber: string;
  ticketNos: ReadonlySet<string>;
  /** The source ids their tickets were filed under. */
  ticketSources: ReadonlySet<string>;
}

/** A 待审核 or 导入 row as a request sees it: where it came from and the identifiers it gives (normalised). */
export interface AnswerRecord {
  /** 待审核: its source id; 导入: ''. */
  source: string;
  /** 导入: a ticket number its 处理结果 names; ''. */
  ticketNo: string;
  mobile: string;
  email: string;
  idNumber: string;
}

/**
 * Rows that are the person's: filed as one of their tickets (or resubmitted
 * from review as one), or giving one of their identifiers — a submission
 * still waiting in 待审核 is theirs as much as a filed one. An identifier the
 * record lacks matches nothing.
 */
export function rowsOfPerson(rows: readonly AnswerRecord[], p: Person): number[] {
  const origins = new Set([...p.ticketSources].map(originOf));
  const same = (a: string, b: string) => a !== '' && a === b;
  return positions(rows, (r) =>
    (r.ticketNo !== '' && p.ticketNos.has(r.ticketNo)) ||
    (r.source !== '' && (p.ticketSources.has(r.source) || origins.has(r.source))) ||
    same(r.mobile, p.mobile) || same(r.email.toLowerCase(), p.email.toLowerCase()) || same(r.idNumber.toUpperCase(), p.idNumber.toUpperCase()));
}

/** A 历史 row as a request sees it: retention's view, and what its hidden 来源编号 names. */
export interface PersonHistoryRecord extends HistoryRecord {
  source: string;
}

/** Actions whose row about a customer record (no ticket) holds what it was changed from and to. */
const RECORD_VALUES: ReadonlySet<string> = new Set([HISTORY_ACTION.customerUpdated]);
/** Actions of a reviewer about a 待审核 row, whose 说明 may say something about the customer. */
const REVIEWER_NOTES: ReadonlySet<string> = new Set([HISTORY_ACTION.voided, HISTORY_ACTION.consentRecorded]);

/**
 * The 历史 rows that say something about the person (for their export): rows
 * of their tickets, rows about their customer record (来源编号 is the
 * customer number) and reviewers' rows about their 待审核 rows (来源编号
 * starts with the row's key).
 */
export function historyOfPerson(rows: readonly PersonHistoryRecord[], p: Person, reviewKeys: readonly string[]): number[] {
  return positions(rows, (r) => ofPerson(r, p, reviewKeys));
}

function ofPerson(r: PersonHistoryRecord, p: Person, reviewKeys: readonly string[]): boolean {
  if (r.ticketNo !== '') return p.ticketNos.has(r.ticketNo);
  return r.source === p.customerNo || (REVIEWER_NOTES.has(r.action) && reviewKeys.some((k) => k !== '' && r.source.startsWith(k)));
}

/**
 * What a deletion empties in 历史: what retention empties of an anonymised
 * ticket (its notes, the addresses its mails went to), the old and new values
 * of the customer record's changes, and reviewers' notes about their 待审核
 * rows. Who did what and when stays (the audit), and so do the rows recording
 * a reveal, an export or the deletion itself, which hold no personal detail.
 */
export function personHistoryToScrub(rows: readonly PersonHistoryRecord[], p: Person, reviewKeys: readonly string[]): HistoryScrub[] {
  const ofTickets = new Map(historyToScrub(rows, p.ticketNos, -Infinity).map((h) => [h.index, h]));
  const out: HistoryScrub[] = [];
  rows.forEach((r, index) => {
    const found = ofTickets.get(index);
    if (found) {
      out.push(found);
      return;
    }
    if (r.ticketNo !== '' || !ofPerson(r, p, reviewKeys)) return;
    const values = RECORD_VALUES.has(r.action) && r.hasValues;
    const note = (RECORD_VALUES.has(r.action) || REVIEWER_NOTES.has(r.action)) && r.note !== '';
    if (values || note) out.push({ index, values, note });
  });
  return out;
}

/** What an export is saved as: the customer number and the day it was made. */
export function exportFileName(customerNo: string, day: string): string {
  return `个人信息_${customerNo}_${day.replace(/-/g, '')}.csv`;
}
