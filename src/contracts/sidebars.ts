/**
 * What the sidebars and their server functions exchange (types only: both
 * sides import them, nothing of this file is bundled). It sits outside ui/
 * and services/ because the browser code may not import the server's layers.
 */
import type { Locale } from '../i18n/messages';

/**
 * What every sidebar's setup call returns: the Config's 通用 / 语言, in which
 * the sidebar renders all its text, the problems it computes itself included.
 */
export interface SidebarSetup {
  locale: Locale;
}

/** What the field form needs from 配置 (the client validates against the same lists). */
export interface FormSetup extends SidebarSetup {
  /** Option lists by field key, as 配置 has them. */
  options: Record<string, string[]>;
  /** Every field to fill in (the contract's and those 配置 › 字段 marks 必填). */
  required: string[];
  consentText: string;
  /** The company's privacy notice (https, checked when 配置 was read); '' when none. */
  privacyUrl: string;
  /** The 经办人 dropdown: staff as the 负责人 dropdown names them (配置 › 员工 and team members). */
  staff: string[];
  /** The signed-in staff member as that dropdown names them: 经办人 of a new manual entry. */
  me: string;
  /** Minutes east of UTC of the script zone, in which 填写日期 is typed. */
  utcOffset: number;
  /** The server's clock as the sidebar opens (ms): 填写日期 defaults to and is checked by it, not by a computer's clock that may be off. */
  now: number;
}

/** A 待审核 row as the review sidebar shows it. */
export interface ReviewItem {
  /** The row when the sidebar loaded: staff may sort or delete rows since. */
  row: number;
  /** What names the row wherever it moves: the server acts on this item or refuses. */
  key: string;
  receivedAt: string;
  channel: string;
  /** The problems as the pipeline wrote them, one per line. */
  problems: string;
  /** The raw answers by field key, without the sealed sensitive ones. */
  answers: Record<string, unknown>;
  /** Sensitive fields kept encrypted (left empty, they stay as they are). */
  sealed: string[];
  /** The customer consented with the submission; if not, a resubmission must record how consent was obtained. */
  consented: boolean;
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
  /** The customer's 手机, 座机, 邮箱 ('' each when the record has none; never a sealed field). */
  contact: { mobile: string; landline: string; email: string };
  /** Opens the spreadsheet at the ticket's row as read for this list ('' when there is none). */
  link: string;
  /**
   * Customer details the submission gave that differ from the record, waiting
   * for 确认更新 (sensitive ones masked); empty fields when they cannot be
   * opened here; absent when there are none.
   */
  pending?: { fields: { label: string; value: string }[] };
}

export interface OwnTickets extends SidebarSetup {
  me: string;
  statuses: readonly string[];
  tickets: OwnTicket[];
}

/** The reply to 确认更新: the refreshed list and the fields the customer record got. */
export interface ConfirmedChanges {
  list: OwnTickets;
  fields: string[];
}

/** A returning customer found for manual entry. */
export interface FoundCustomer {
  customerNo: string;
  /** Non-sensitive customer fields by field key. */
  answers: Record<string, string>;
}
