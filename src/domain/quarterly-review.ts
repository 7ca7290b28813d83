/**
 * The quarterly review (季度复盘): how well each channel and team collects and
 * handles submissions, beside the previous quarter, with a suggestion where a
 * figure is poor, and the status of the actions earlier reviews decided (复盘).
 *
 * - 表单完成率: of a channel's submissions, the share that passed every check on
 *   arrival (the rest went to 待审核), and the mean share of the optional need
 *   fields answered.
 * - 信息准确率: of the tickets, the share filed without any review (neither
 *   re-filed from 待审核 nor flagged 待核实), and the share staff corrected later
 *   (优先级变更 of the ticket, or its customer's record edited after it came in).
 * - 线下表单回收率: offline submissions entered against 配置's expected count,
 *   and the clock hours from 填写日期 to 录入时间 (a blank 录入时间 is unknown).
 * - 问题分配延迟: working hours from entry to 首次响应时间 (stamped at the first
 *   status change), median and 90th percentile; tickets still waiting apart.
 */
import { workingMinutesBetween, type CalendarSettings } from './calendar';
import { localParts } from './local-time';
import { inPeriod, type Period } from './report-periods';
import { OPTIONAL_NEED_LABELS, UNKNOWN, type Correction, type ReportRecords, type RetroAction, type Ticket } from './report-records';
import { CHANNEL, isRetroOpen } from './vocabulary';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The channels of paper and phone forms and of lists from elsewhere: entered by staff after the customer filled them in. */
const OFFLINE_CHANNELS: readonly string[] = [CHANNEL.manual, CHANNEL.import];

/** Below (or above) these a figure gets a suggestion; judged on at least `minCases`. */
export const REVIEW_THRESHOLDS = {
  required: 0.8,
  optional: 0.5,
  direct: 0.8,
  corrected: 0.1,
  recovery: 0.9,
  /** 口头记录 24 小时内整理成文字. */
  entryHours: 24,
  assignWorkingHours: 4,
  minCases: 5,
} as const;

export interface Share {
  hits: number;
  total: number;
  /** Null when nothing was measured. */
  rate: number | null;
}

/** Durations in hours: how many, their median and 90th percentile (null when none). */
export interface Spread {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface SliceFigures {
  tickets: number;
  /** Submissions accepted on arrival, of those plus the 待审核 rows; null for a team (a 待审核 row has none). */
  required: Share | null;
  /** Mean share of the optional need fields answered, of the tickets; null without tickets. */
  optional: number | null;
  direct: Share;
  corrected: Share;
  /** Working hours to the first response, of the tickets answered. */
  assignDelay: Spread;
  /** Tickets not answered yet. */
  waiting: number;
}

export interface Slice {
  key: string;
  figures: SliceFigures;
}

export interface OfflineFigures {
  channel: string;
  /** Submissions entered (tickets and 待审核 rows) with a 填写日期 in the quarter. */
  entered: number;
  /** 配置's expected count for a quarter; null when it states none. */
  expected: number | null;
  /** entered / expected (may pass 1); null without an expected count. */
  recovery: number | null;
  /** Clock hours from 填写日期 to 录入时间, of the tickets with both. */
  entryDelay: Spread;
  /** Tickets whose 录入时间 is blank (entered before it was kept). */
  unknownEntry: number;
}

export interface QuarterFigures {
  overall: SliceFigures;
  byChannel: Slice[];
  byTeam: Slice[];
  offline: OfflineFigures[];
}

export type ReviewSuggestionKey = 'requiredLow' | 'optionalLow' | 'directLow' | 'correctedHigh' | 'recoveryLow' | 'entrySlow' | 'assignSlow';

export interface ReviewSuggestion {
  key: ReviewSuggestionKey;
  /** The channel or team it concerns. */
  subject: string;
  /** The figure, rounded: a percentage or hours. */
  value: number;
}

export interface ActionStatus extends RetroAction {
  /** Still open (未开始/进行中) after its 期限's day. */
  overdue: boolean;
}

export interface QuarterlyReview {
  /** The quarter reviewed and the one before, as 复盘.季度 writes them (2026-Q4). */
  quarter: string;
  previousQuarter: string;
  current: QuarterFigures;
  previous: QuarterFigures;
  suggestions: ReviewSuggestion[];
  /** The previous quarter's actions, and older ones still open; overdue first. */
  actions: ActionStatus[];
}

export interface ReviewInput {
  records: ReportRecords;
  current: Period;
  previous: Period;
  now: number;
  utcOffset: number;
  calendar: CalendarSettings;
  /** 配置 › 报表 expected submissions a quarter, by offline channel; null when not stated. */
  expected: Readonly<Record<string, number | null>>;
}

// ---- Shares and percentiles ----------------------------------------------------------------

function share(hits: number, total: number): Share {
  return { hits, total, rate: total > 0 ? hits / total : null };
}

/**
 * The p-quantile (0 < p ≤ 1) by nearest rank: the smallest value at or
 * below which at least p of the values lie; null for no values.
 */
export function quantile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** The median: the middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function spread(values: readonly number[]): Spread {
  return { count: values.length, median: median(values), p90: quantile(values, 0.9) };
}

// ---- Figures -------------------------------------------------------------------------------

/** 复盘.季度 of the quarter holding `ms`: 2026-Q4. */
export function quarterKey(ms: number, utcOffset: number): string {
  const p = localParts(ms, utcOffset);
  return `${p.year}-Q${Math.floor((p.month - 1) / 3) + 1}`;
}

interface Context {
  input: ReviewInput;
  corrected: (tk: Ticket) => boolean;
}

function sliceFigures(tickets: readonly Ticket[], reviewRows: number | null, cx: Context): SliceFigures {
  const { calendar, utcOffset } = cx.input;
  let fresh = 0;
  let direct = 0;
  let corrected = 0;
  let filled = 0;
  let waiting = 0;
  const delays: number[] = [];
  for (const tk of tickets) {
    if (!tk.resubmitted) fresh++;
    if (!tk.resubmitted && !tk.toVerify) direct++;
    if (cx.corrected(tk)) corrected++;
    filled += tk.optionalFilled;
    const start = tk.enteredAt ?? tk.submittedAt;
    if (tk.firstResponseAt === null) waiting++;
    else delays.push(Math.max(0, workingMinutesBetween(start, tk.firstResponseAt, calendar, utcOffset)) / 60);
  }
  const optionalTotal = tickets.length * OPTIONAL_NEED_LABELS.length;
  return {
    tickets: tickets.length,
    required: reviewRows === null ? null : share(fresh, fresh + reviewRows),
    optional: optionalTotal > 0 ? filled / optionalTotal : null,
    direct: share(direct, tickets.length),
    corrected: share(corrected, tickets.length),
    assignDelay: spread(delays),
    waiting,
  };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/** Whether staff corrected a ticket, or its customer's record, after it came in. */
function correctedBy(corrections: readonly Correction[]): (tk: Ticket) => boolean {
  const tickets = new Set(corrections.filter((c) => c.ticketNo !== '').map((c) => c.ticketNo));
  const customers = new Map<string, number>();
  for (const c of corrections) if (c.customer !== '') customers.set(c.customer, Math.max(customers.get(c.customer) ?? -Infinity, c.at));
  return (tk) => tickets.has(tk.no) || (tk.customer !== '' && (customers.get(tk.customer) ?? -Infinity) >= tk.submittedAt);
}

function quarterFigures(p: Period, cx: Context): QuarterFigures {
  const { records, expected } = cx.input;
  const tickets = records.tickets.filter((tk) => inPeriod(tk.submittedAt, p));
  const review = records.review.filter((r) => inPeriod(r.receivedAt, p));
  const reviewByChannel = groupBy(review, (r) => r.channel);
  const byChannel = groupBy(tickets, (tk) => tk.channel);
  for (const ch of reviewByChannel.keys()) if (!byChannel.has(ch)) byChannel.set(ch, []);
  const offline = OFFLINE_CHANNELS.map((channel): OfflineFigures => {
    const mine = byChannel.get(channel) ?? [];
    const entered = mine.filter((tk) => !tk.resubmitted).length + (reviewByChannel.get(channel)?.length ?? 0);
    const want = expected[channel] ?? null;
    const delays = mine.filter((tk) => tk.enteredAt !== null).map((tk) => Math.max(0, tk.enteredAt! - tk.filledAt) / HOUR_MS);
    return {
      channel,
      entered,
      expected: want,
      recovery: want !== null && want > 0 ? entered / want : null,
      entryDelay: spread(delays),
      unknownEntry: mine.length - delays.length,
    };
  });
  return {
    overall: sliceFigures(tickets, review.length, cx),
    byChannel: [...byChannel].sort((a, b) => b[1].length - a[1].length).map(([key, list]) => ({ key, figures: sliceFigures(list, reviewByChannel.get(key)?.length ?? 0, cx) })),
    byTeam: [...groupBy(tickets, (tk) => tk.team || UNKNOWN)].sort((a, b) => b[1].length - a[1].length).map(([key, list]) => ({ key, figures: sliceFigures(list, null, cx) })),
    offline,
  };
}

const pct = (r: number) => Math.round(r * 100);
const hours = (h: number) => Math.round(h * 10) / 10;

/** One line per figure past its threshold, per channel and per team, judged on enough cases. */
function reviewSuggestions(q: QuarterFigures): ReviewSuggestion[] {
  const T = REVIEW_THRESHOLDS;
  const out: ReviewSuggestion[] = [];
  const judge = (s: Slice, channel: boolean) => {
    const f = s.figures;
    const subject = s.key;
    if (channel && f.required && f.required.rate !== null && f.required.total >= T.minCases && f.required.rate < T.required) {
      out.push({ key: 'requiredLow', subject, value: pct(f.required.rate) });
    }
    if (channel && f.optional !== null && f.tickets >= T.minCases && f.optional < T.optional) out.push({ key: 'optionalLow', subject, value: pct(f.optional) });
    if (f.direct.rate !== null && f.direct.total >= T.minCases && f.direct.rate < T.direct) out.push({ key: 'directLow', subject, value: pct(f.direct.rate) });
    if (f.corrected.rate !== null && f.corrected.total >= T.minCases && f.corrected.rate > T.corrected) {
      out.push({ key: 'correctedHigh', subject, value: pct(f.corrected.rate) });
    }
    const d = f.assignDelay;
    if (d.median !== null && d.count >= T.minCases && d.median > T.assignWorkingHours) out.push({ key: 'assignSlow', subject, value: hours(d.median) });
  };
  for (const s of q.byChannel) judge(s, true);
  for (const s of q.byTeam) judge(s, false);
  for (const o of q.offline) {
    if (o.recovery !== null && o.expected! >= T.minCases && o.recovery < T.recovery) out.push({ key: 'recoveryLow', subject: o.channel, value: pct(o.recovery) });
    const d = o.entryDelay;
    if (d.median !== null && d.count >= T.minCases && d.median > T.entryHours) out.push({ key: 'entrySlow', subject: o.channel, value: hours(d.median) });
  }
  return out;
}

/**
 * The 复盘 actions the report follows up: every action of the previous
 * quarter, and older ones still open. Overdue: open after its 期限's day.
 */
export function actionsToFollow(actions: readonly RetroAction[], quarter: string, previousQuarter: string, now: number): ActionStatus[] {
  return actions
    .filter((a) => a.quarter === previousQuarter || (a.quarter !== '' && a.quarter < quarter && isRetroOpen(a.status)))
    .map((a) => ({ ...a, overdue: isRetroOpen(a.status) && a.due !== null && now >= a.due + DAY_MS }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due ?? Infinity) - (b.due ?? Infinity) || a.row - b.row);
}

/** The quarterly review of a quarterly report's two periods. */
export function quarterlyReview(input: ReviewInput): QuarterlyReview {
  const cx: Context = { input, corrected: correctedBy(input.records.corrections) };
  const current = quarterFigures(input.current, cx);
  const quarter = quarterKey(input.current.start, input.utcOffset);
  const previousQuarter = quarterKey(input.previous.start, input.utcOffset);
  return {
    quarter,
    previousQuarter,
    current,
    previous: quarterFigures(input.previous, cx),
    suggestions: reviewSuggestions(current),
    actions: actionsToFollow(input.records.retro, quarter, previousQuarter, input.now),
  };
}
