/**
 * What the report figures are computed from: 工单, 客户 and 待审核 rows as
 * typed records, and the rows that could not be read (数据异常). Reading the
 * sheets into these is services/report-rows.ts; rows edited by hand into
 * something unusable are never guessed at, only listed with their row numbers.
 */
import { FIELDS } from './fields';

/** The label a blank category (channel, need type, industry, …) is counted under. */
export const UNKNOWN = '未填写';

/** Optional need fields, whose completion measures how well a channel collects. */
export const OPTIONAL_NEED_LABELS: readonly string[] = FIELDS.filter((f) => f.group === 'need' && !f.required).map((f) => f.label);

export interface Ticket {
  /** Sheet row number. */
  row: number;
  no: string;
  customer: string;
  needType: string;
  issueType: string;
  channel: string;
  priority: string;
  owner: string;
  /** 负责团队 (hidden), UNKNOWN when blank. */
  team: string;
  /** Known status, or '' when the cell holds something else. */
  status: string;
  /** When the deadline clock started (domain/entry-delay clockStart): the period a ticket counts in. */
  submittedAt: number;
  /** 填写日期: when the customer filled the form or called. */
  filledAt: number;
  /** 录入时间; null on rows filed before it was recorded. */
  enteredAt: number | null;
  deadline: number | null;
  firstResponseAt: number | null;
  /** When resolved: the time, or 'unknown' (done status without 解决时间). */
  resolvedAt: number | 'unknown' | null;
  /** The rating given with the submission (满意度评分). */
  satisfaction: number | null;
  /** The satisfaction survey's rating (调查评分), the later answer when there were two. */
  surveyRating: number | null;
  /** Working minutes spent waiting for the customer (待客户补充), pauses ended so far; 0 when none. */
  pausedMinutes: number;
  /** Description, feedback and survey feedback, for the recurring phrases. */
  text: string;
  toVerify: boolean;
  /** Re-filed from the review queue (not a fresh submission). */
  resubmitted: boolean;
  /** How many of OPTIONAL_NEED_LABELS are filled. */
  optionalFilled: number;
}

export interface Customer {
  industry: string;
  strategic: boolean;
  firstContact: number | null;
  source: string;
}

export interface ReviewRow {
  receivedAt: number;
  /** 收集渠道, UNKNOWN when blank. */
  channel: string;
  /** Validation problems, one per line. */
  problems: string[];
}

/** A correction staff made after filing (历史): a ticket's 优先级, or a customer's record edited in 客户. */
export interface Correction {
  at: number;
  /** The ticket corrected, or '' when the customer record was. */
  ticketNo: string;
  /** The customer whose record was corrected, or ''. */
  customer: string;
}

/** A row of 复盘: an action decided in a quarterly review. */
export interface RetroAction {
  row: number;
  /** The quarter reviewed, e.g. 2026-Q4 (as typed; '' when blank). */
  quarter: string;
  finding: string;
  action: string;
  owner: string;
  /** 期限, epoch ms of the day's start; null when blank or unreadable. */
  due: number | null;
  status: string;
}

export type AnomalyKind =
  | 'blankRow'
  | 'missingTicketNo'
  | 'duplicateTicketNo'
  | 'badSubmittedAt'
  | 'badDeadline'
  | 'badStatus'
  | 'badSatisfaction'
  | 'badSurveyRating'
  | 'badFirstResponse'
  | 'badResolvedAt'
  | 'unknownCustomer'
  | 'missingCustomerNo'
  | 'badFirstContact'
  | 'badReceivedAt';

export interface Anomaly {
  sheet: string;
  kind: AnomalyKind;
  /** Sheet row numbers, ascending. */
  rows: number[];
  /** Whether these rows are left out of every figure (else only of the figure they cannot feed). */
  excluded: boolean;
}

export interface ReportRecords {
  tickets: Ticket[];
  /** By customer number; empty when 客户 is absent. */
  customers: ReadonlyMap<string, Customer>;
  review: ReviewRow[];
  /** Whether 工单 has 首次响应时间 / 解决时间: an absent column means "no data" for the figure that needs it. */
  hasFirstResponse: boolean;
  hasResolvedAt: boolean;
  /** Read for the quarterly review only (历史 and 复盘); empty otherwise. */
  corrections: Correction[];
  retro: RetroAction[];
  anomalies: Anomaly[];
}
