/**
 * What the sidebars and their server functions exchange (types only: both
 * sides import them, nothing of this file is bundled). It sits outside ui/
 * and services/ because the browser code may not import the server's layers.
 */

/** A 待审核 row as the review sidebar shows it. */
export interface ReviewItem {
  row: number;
  receivedAt: string;
  channel: string;
  /** The problems as the pipeline wrote them, one per line. */
  problems: string;
  /** The raw answers by field key, without the sealed sensitive ones. */
  answers: Record<string, unknown>;
  /** Sensitive fields kept encrypted (left empty, they stay as they are). */
  sealed: string[];
}

/** One open ticket in 我的工单. */
export interface OwnTicket {
  ticketNo: string;
  customer: string;
  needType: string;
  priority: string;
  status: string;
  /** 截止时间 in the script time zone ('' when none). */
  deadline: string;
  reminder: string;
  summary: string;
}

export interface OwnTickets {
  me: string;
  statuses: readonly string[];
  tickets: OwnTicket[];
}

/** A returning customer found for manual entry. */
export interface FoundCustomer {
  customerNo: string;
  /** Non-sensitive customer fields by field key. */
  answers: Record<string, string>;
}
