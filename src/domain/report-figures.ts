/**
 * Report figures: pure functions from the typed records of 工单, 客户 and
 * 待审核 (report-records.ts) to what a weekly, monthly or quarterly summary
 * says about a period and the one before it.
 */
import { isLowRating } from './satisfaction';
import { deadlineFor, type CalendarSettings, type Sla } from './calendar';
import { headlines, suggestions, type Headline, type Suggestion } from './report-headlines';
import { inPeriod, type Period, type ReportPeriods } from './report-periods';
import { topPhrases, type Phrase } from './report-phrases';
import { OPTIONAL_NEED_LABELS, UNKNOWN, type Anomaly, type ReportRecords } from './report-records';
import { countOverdue, overdueAt, worstOverdue, type OverdueCounts, type OverdueKind, type OverdueRules, type OverdueSince } from './overdue';
import { quarterlyReview, type QuarterlyReview } from './quarterly-review';
import { isDone, isPaused } from './vocabulary';
import { entryDelays, type ChannelDelay } from './entry-delay';

const HOUR_MS = 3_600_000;

// ---- Input ---------------------------------------------------------------------------------

export interface ReportSettings {
  calendar: CalendarSettings;
  /** First-response time limit by priority; null when none is configured (no first-response figure). */
  firstResponse: Record<string, Sla> | null;
  /** Staff email → name, for the per-owner figures (emails are never shown). */
  staffNames: Record<string, string>;
  /** Issue-type names and keywords (配置 › 问题类型): the type distribution shows them, the recurring phrases do not. */
  issueTerms?: readonly string[];
  /** Offline submissions expected a quarter, by channel (配置 › 报表), for the quarterly review. */
  expected?: Readonly<Record<string, number | null>>;
}

export interface ReportInput {
  records: ReportRecords;
  periods: ReportPeriods;
  /** The instant of the report (for "currently overdue"). */
  now: number;
  utcOffset: number;
  settings: ReportSettings;
}

// ---- Output --------------------------------------------------------------------------------

export interface Count {
  label: string;
  count: number;
}

export interface Rate {
  /** Numerator and denominator; `rate` is null when nothing was measured. */
  hits: number;
  total: number;
  rate: number | null;
}

export interface Satisfaction {
  /** Ratings counted (1–5). */
  count: number;
  average: number | null;
  /** Number of ratings of 1, 2, 3, 4, 5. */
  distribution: [number, number, number, number, number];
  /** Of the tickets resolved in the period, the share whose customer answered the survey. */
  response: Rate;
  /** The period's survey ratings of 1–2 (domain/satisfaction LOW_RATING_MAX), lowest first. */
  low: { ticketNo: string; score: number; owner: string }[];
}

export interface ChannelCompletion {
  channel: string;
  completion: Rate;
}

export interface OwnerFigures {
  owner: string;
  /** New tickets of the period assigned to this owner. */
  assigned: number;
  /** Tickets resolved in the period. */
  resolved: number;
  /** Of those with a deadline and a resolution time, resolved by the deadline. */
  resolvedInTime: Rate;
  /** Open now (any period), and of those past their deadline. */
  open: number;
  overdue: number;
}

export interface PeriodFigures {
  tickets: number;
  /** Distinct customers with a ticket in the period. */
  customers: number;
  /** Customers whose first contact falls in the period. */
  newCustomers: number;
  /** The period's customers by kind: 新客户 / 老客户 / 战略客户. */
  segments: Count[];
  byChannel: Count[];
  byNeedType: Count[];
  byIndustry: Count[];
  byIssueType: Count[];
  /** New customers by where they came from (来源渠道). */
  bySource: Count[];
  phrases: Phrase[];
  satisfaction: Satisfaction;
  /** First response within its limit, of the period's tickets whose limit has passed or that were answered; null: no data source. */
  firstResponse: Rate | null;
  /** Of the tickets resolved in the period, resolved by their deadline; null when 解决时间 is absent. */
  resolution: Rate | null;
  /** Submissions sent to 待审核, of all submissions in the period. */
  review: Rate;
  /** Most common validation problems of the period's review rows (values left out). */
  problems: Count[];
  /** Accepted tickets flagged 待核实 (warnings), of the period's tickets. */
  toVerify: Rate;
  /** Optional need fields filled, by collection channel. */
  completion: ChannelCompletion[];
  /** Of the tickets resolved in the period, those that waited for their customer (待客户补充) and how long, in working minutes. */
  waited: { tickets: number; minutes: number };
  /** 线下录入时效: 填写日期 → 录入时间 of the period's paper, phone and imported tickets, by channel. */
  entryDelay: ChannelDelay[];
  owners: OwnerFigures[];
}

export interface OverdueTicket {
  ticketNo: string;
  owner: string;
  priority: string;
  /** 截止时间, when the ticket has one. */
  deadline: number | null;
  /** Each way it is late (超过处理时限 and/or 首次响应超时), in that order. */
  kinds: OverdueKind[];
  /** How long past the due time it has missed longest, at the report time, ms. */
  overdueMs: number;
}

export interface ReportFigures {
  periods: ReportPeriods;
  current: PeriodFigures;
  previous: PeriodFigures;
  headlines: Headline[];
  /** Open tickets overdue now (domain/overdue.ts: past the deadline and/or the first-response limit), most overdue first. */
  overdue: OverdueTicket[];
  /** Of those, how many are past the deadline and how many await a first response past its limit. */
  overdueCounts: OverdueCounts;
  /** Tickets waiting for their customer now (待客户补充): their clock is stopped, so they are in no overdue figure. */
  waitingNow: number;
  anomalies: Anomaly[];
  suggestions: Suggestion[];
  /** The quarterly review (季度复盘): quarterly reports only, else null. */
  review: QuarterlyReview | null;
}

// ---- Figures -------------------------------------------------------------------------------

function rate(hits: number, total: number): Rate {
  return { hits, total, rate: total > 0 ? hits / total : null };
}

class Tally {
  private readonly counts = new Map<string, number>();

  add(label: string, n = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + n);
  }

  /** Most frequent first; ties in first-seen order (or by `order` when given). */
  list(order?: readonly string[]): Count[] {
    const out = [...this.counts].map(([label, count]) => ({ label, count }));
    const rank = (l: string) => (order ? (order.indexOf(l) + 1 || order.length + 1) : 0);
    return out.sort((a, b) => (order ? rank(a.label) - rank(b.label) : 0) || b.count - a.count);
  }
}

/** Replaces what a customer typed inside “…” with …, so problem lines group together and carry no personal data. */
export function problemKind(line: string): string {
  return line.replace(/“[^”]*”/g, '“…”').replace(/"[^"]*"/g, '"…"');
}

/** A staff member's name for an owner cell (an email or a team name); emails never leave this function. */
export function ownerName(owner: string, names: Record<string, string>): string {
  const key = owner.toLowerCase();
  if (names[key]) return names[key];
  return owner.includes('@') ? owner.slice(0, owner.indexOf('@')) : owner;
}

/** The shared overdue rules; no first-response limit when 工单 has no 首次响应时间 column. */
function overdueRules(input: ReportInput): OverdueRules {
  const { settings, records, utcOffset } = input;
  return { calendar: settings.calendar, firstResponse: records.hasFirstResponse ? settings.firstResponse : null, utcOffset };
}

/** How each ticket is overdue now; rows whose status cannot be read (数据异常) are not counted as open. */
function overdueNow(input: ReportInput): Map<ReportRecords['tickets'][number], OverdueSince> {
  const rules = overdueRules(input);
  const out = new Map<ReportRecords['tickets'][number], OverdueSince>();
  for (const tk of input.records.tickets) {
    if (tk.status === '') continue;
    const timing = { status: tk.status, priority: tk.priority, submittedMs: tk.submittedAt, deadlineMs: tk.deadline, firstResponseMs: tk.firstResponseAt };
    out.set(tk, overdueAt(timing, input.now, rules));
  }
  return out;
}

function periodFigures(p: Period, records: ReportRecords, input: ReportInput, late: Map<ReportRecords['tickets'][number], OverdueSince>): PeriodFigures {
  const { settings, utcOffset, now } = input;
  const { tickets, customers, review } = records;
  const mine = tickets.filter((tk) => inPeriod(tk.submittedAt, p));
  const byChannel = new Tally();
  const byNeed = new Tally();
  const byIndustry = new Tally();
  const byIssue = new Tally();
  const active = new Set<string>();
  const completion = new Map<string, { filled: number; total: number }>();
  let toVerify = 0;
  let fresh = 0;
  for (const tk of mine) {
    byChannel.add(tk.channel);
    byNeed.add(tk.needType);
    byIssue.add(tk.issueType);
    byIndustry.add(customers.get(tk.customer)?.industry ?? UNKNOWN);
    active.add(tk.customer || `#${tk.row}`);
    if (tk.toVerify) toVerify++;
    if (!tk.resubmitted) fresh++;
    const c = completion.get(tk.channel) ?? { filled: 0, total: 0 };
    c.filled += tk.optionalFilled;
    c.total += OPTIONAL_NEED_LABELS.length;
    completion.set(tk.channel, c);
  }

  const segments = new Tally();
  for (const no of active) {
    const c = customers.get(no);
    if (c?.strategic) segments.add('战略客户');
    else if (c && c.firstContact !== null && c.firstContact >= p.start) segments.add('新客户');
    else if (c && c.firstContact !== null) segments.add('老客户');
    else segments.add(UNKNOWN);
  }
  let newCustomers = 0;
  const bySource = new Tally();
  for (const c of customers.values()) {
    if (c.firstContact !== null && inPeriod(c.firstContact, p)) {
      newCustomers++;
      bySource.add(c.source);
    }
  }

  // Satisfaction: every rating counts, in its own period. One given with the submission belongs to the
  // period the ticket was submitted in; a survey rating to the period it was resolved in (its submission
  // period when it has no resolution time, e.g. reopened since).
  const distribution: Satisfaction['distribution'] = [0, 0, 0, 0, 0];
  let ratingSum = 0;
  let ratings = 0;
  const count = (r: number): void => {
    distribution[r - 1]++;
    ratingSum += r;
    ratings++;
  };
  let resolvedHere = 0;
  let resolvedRated = 0;
  const resolution = { hits: 0, total: 0 };
  const owners = new Map<string, OwnerFigures>();
  const owner = (name: string): OwnerFigures => {
    let o = owners.get(name);
    if (!o) owners.set(name, (o = { owner: name, assigned: 0, resolved: 0, resolvedInTime: rate(0, 0), open: 0, overdue: 0 }));
    return o;
  };
  const low: Satisfaction['low'] = [];
  const waited = { tickets: 0, minutes: 0 };
  for (const tk of tickets) {
    const resolvedAt = tk.resolvedAt === 'unknown' ? tk.submittedAt : tk.resolvedAt;
    const resolvedInPeriod = resolvedAt !== null && inPeriod(resolvedAt, p);
    if (tk.satisfaction !== null && inPeriod(tk.submittedAt, p)) count(tk.satisfaction);
    if (tk.surveyRating !== null && (resolvedInPeriod || (resolvedAt === null && inPeriod(tk.submittedAt, p)))) {
      count(tk.surveyRating);
      if (isLowRating(tk.surveyRating)) low.push({ ticketNo: tk.no, score: tk.surveyRating, owner: ownerName(tk.owner, settings.staffNames) });
    }
    if (resolvedInPeriod) {
      resolvedHere++;
      if (tk.pausedMinutes > 0) {
        waited.tickets++;
        waited.minutes += tk.pausedMinutes;
      }
      if (tk.surveyRating !== null) resolvedRated++;
      const o = owner(ownerName(tk.owner, settings.staffNames));
      o.resolved++;
      if (typeof tk.resolvedAt === 'number' && tk.deadline !== null) {
        const inTime = tk.resolvedAt <= tk.deadline ? 1 : 0;
        resolution.total++;
        resolution.hits += inTime;
        o.resolvedInTime = rate(o.resolvedInTime.hits + inTime, o.resolvedInTime.total + 1);
      }
    }
  }
  for (const tk of mine) owner(ownerName(tk.owner, settings.staffNames)).assigned++;
  for (const tk of tickets) {
    if (tk.status === '' || isDone(tk.status)) continue;
    const o = owner(ownerName(tk.owner, settings.staffNames));
    o.open++;
    const since = late.get(tk);
    if (since && (since.deadline !== undefined || since.firstResponse !== undefined)) o.overdue++;
  }

  let firstResponse: Rate | null = null;
  if (records.hasFirstResponse && settings.firstResponse) {
    let hits = 0;
    let total = 0;
    for (const tk of mine) {
      const sla = settings.firstResponse[tk.priority];
      if (!sla) continue;
      const due = deadlineFor(tk.submittedAt, sla, settings.calendar, utcOffset);
      if (tk.firstResponseAt !== null) {
        total++;
        if (tk.firstResponseAt <= due) hits++;
      } else if (due < Math.min(now, p.end)) {
        total++;
      }
    }
    firstResponse = rate(hits, total);
  }

  const reviewRows = review.filter((r) => inPeriod(r.receivedAt, p));
  const problems = new Tally();
  for (const r of reviewRows) for (const line of r.problems) problems.add(problemKind(line));

  return {
    tickets: mine.length,
    customers: active.size,
    newCustomers,
    segments: segments.list(['新客户', '老客户', '战略客户', UNKNOWN]),
    byChannel: byChannel.list(),
    byNeedType: byNeed.list(),
    byIndustry: byIndustry.list(),
    byIssueType: byIssue.list(),
    bySource: bySource.list(),
    phrases: topPhrases(mine.map((tk) => ({ key: tk.customer || `#${tk.row}`, text: tk.text })), { exclude: settings.issueTerms ?? [] }),
    satisfaction: {
      count: ratings,
      average: ratings > 0 ? ratingSum / ratings : null,
      distribution,
      response: rate(resolvedRated, resolvedHere),
      low: low.sort((a, b) => a.score - b.score || (a.ticketNo < b.ticketNo ? -1 : 1)),
    },
    firstResponse,
    resolution: records.hasResolvedAt ? rate(resolution.hits, resolution.total) : null,
    review: rate(reviewRows.length, reviewRows.length + fresh),
    problems: problems.list().slice(0, 5),
    toVerify: rate(toVerify, mine.length),
    completion: [...completion].map(([channel, c]) => ({ channel, completion: rate(c.filled, c.total) })),
    waited,
    entryDelay: entryDelays(mine.flatMap((tk) => (tk.enteredAt === null ? [] : [{ ticketNo: tk.no, channel: tk.channel, filledMs: tk.filledAt, enteredMs: tk.enteredAt }]))),
    owners: [...owners.values()]
      .filter((o) => o.assigned + o.resolved + o.open > 0)
      .sort((a, b) => b.assigned - a.assigned || b.open - a.open || (a.owner < b.owner ? -1 : 1)),
  };
}

/** Every figure of a report, from the records of one read of each sheet. */
export function computeReport(input: ReportInput): ReportFigures {
  const { periods, records } = input;
  const late = overdueNow(input);
  const current = periodFigures(periods.current, records, input, late);
  const previous = periodFigures(periods.previous, records, input, late);
  const overdue: OverdueTicket[] = [];
  for (const [tk, since] of late) {
    const worst = worstOverdue(since, input.now);
    if (!worst) continue;
    overdue.push({
      ticketNo: tk.no,
      owner: ownerName(tk.owner, input.settings.staffNames),
      priority: tk.priority,
      deadline: tk.deadline,
      kinds: (['deadline', 'firstResponse'] as const).filter((k) => since[k] !== undefined),
      overdueMs: worst.overdueMs,
    });
  }
  overdue.sort((a, b) => b.overdueMs - a.overdueMs || (a.ticketNo < b.ticketNo ? -1 : 1));
  const overdueCounts = countOverdue([...late.values()]);
  return {
    periods,
    current,
    previous,
    headlines: headlines(current, previous),
    overdue,
    overdueCounts,
    waitingNow: records.tickets.filter((tk) => isPaused(tk.status)).length,
    anomalies: records.anomalies,
    suggestions: suggestions(current, overdue.length, records.anomalies),
    review: periods.kind === 'quarterly'
      ? quarterlyReview({
        records, current: periods.current, previous: periods.previous, now: input.now, utcOffset: input.utcOffset,
        calendar: input.settings.calendar, expected: input.settings.expected ?? {},
      })
      : null,
  };
}

/** Hours (rounded down) an overdue ticket is late by. */
export function overdueHours(ms: number): number {
  return Math.floor(ms / HOUR_MS);
}
