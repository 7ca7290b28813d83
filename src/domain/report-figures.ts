/**
 * Report figures: pure functions from one batch read of 工单 (and 客户,
 * 待审核) to what a weekly, monthly or quarterly summary says. Periods are
 * computed in the script zone from an instant and a fixed UTC offset (exact
 * for China, which has no daylight saving time), never with host-zone methods.
 *
 * Sheets are read by header label; a column that is absent (e.g. 解决时间
 * before the follow-up feature is installed) means "no data" for the figures
 * that need it. Rows edited by hand into something unusable are never
 * guessed at: they are listed under 数据异常 with their row numbers, and left
 * out only of the figures they cannot feed.
 */
import { deadlineFor, type CalendarSettings, type Sla } from './calendar';
import { FIELDS } from './fields';
import { localDate, localMidnight, localParts } from './local-time';
import { isDone, isStatus } from './vocabulary';

export type ReportKind = 'weekly' | 'monthly' | 'quarterly';
/** `previous`: the last complete period before the instant (scheduled runs); `toDate`: the period so far. */
export type PeriodMode = 'previous' | 'toDate';

export interface Period {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** Local dates (yyyy-MM-dd) of the first and of the last day covered. */
  from: string;
  to: string;
}

export interface ReportPeriods {
  kind: ReportKind;
  mode: PeriodMode;
  current: Period;
  previous: Period;
  /** Identifies the report, e.g. `weekly:2026-11-16`. */
  key: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Start of the week (Monday 00:00), month or quarter that holds `ms`. */
export function periodStart(kind: ReportKind, ms: number, offset: number): number {
  const p = localParts(ms, offset);
  if (kind === 'weekly') return localMidnight(p.year, p.month, p.day - (p.weekday - 1), offset);
  if (kind === 'monthly') return localMidnight(p.year, p.month, 1, offset);
  return localMidnight(p.year, p.month - ((p.month - 1) % 3), 1, offset);
}

/** The start of the period `n` periods after the one starting at `start` (n may be negative). */
function shiftPeriod(kind: ReportKind, start: number, n: number, offset: number): number {
  if (kind === 'weekly') return start + n * 7 * DAY_MS;
  const p = localParts(start, offset);
  return localMidnight(p.year, p.month + n * (kind === 'monthly' ? 1 : 3), 1, offset);
}

function period(start: number, end: number, offset: number): Period {
  return { start, end, from: localDate(start, offset), to: localDate(Math.max(start, end - 1), offset) };
}

/**
 * The period a report covers and the one it is compared with. `previous`:
 * the last complete week (Monday to Sunday), month or quarter before `at`,
 * and the one before it. `toDate`: from the start of the period holding `at`
 * up to `at`, compared with the same span of the period before.
 */
export function reportPeriods(kind: ReportKind, at: number, offset: number, mode: PeriodMode): ReportPeriods {
  const thisStart = periodStart(kind, at, offset);
  let current: Period;
  let previous: Period;
  if (mode === 'previous') {
    const start = shiftPeriod(kind, thisStart, -1, offset);
    current = period(start, thisStart, offset);
    previous = period(shiftPeriod(kind, start, -1, offset), start, offset);
  } else {
    const prevStart = shiftPeriod(kind, thisStart, -1, offset);
    current = period(thisStart, at, offset);
    previous = period(prevStart, Math.min(prevStart + (at - thisStart), thisStart), offset);
  }
  return { kind, mode, current, previous, key: `${kind}:${current.from}` };
}

/** Whether a scheduled quarterly run at `at` falls on the first day of a quarter (local). */
export function isQuarterStartDay(at: number, offset: number): boolean {
  const p = localParts(at, offset);
  return p.day === 1 && (p.month - 1) % 3 === 0;
}

// ---- Input ---------------------------------------------------------------------------------

/** One sheet as read in one batch: its header row and the rows below it. */
export interface SheetRows {
  headers: readonly string[];
  rows: readonly (readonly unknown[])[];
  /** Sheet row number of rows[0] (2 below a one-line header). */
  firstRow: number;
}

export interface ReportSettings {
  calendar: CalendarSettings;
  /** First-response time limit by priority; null when none is configured (no first-response figure). */
  firstResponse: Record<string, Sla> | null;
  /** Staff email → name, for the per-owner figures (emails are never shown). */
  staffNames: Record<string, string>;
}

export interface ReportInput {
  tickets: SheetRows;
  customers: SheetRows | null;
  review: SheetRows | null;
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

export interface Phrase {
  phrase: string;
  /** Distinct customers who wrote it in the period. */
  customers: number;
  /** Share of the period's customers (0–1). */
  share: number;
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
  /** Of the tickets resolved in the period, the share that were rated. */
  response: Rate;
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
  owners: OwnerFigures[];
}

export interface OverdueTicket {
  ticketNo: string;
  owner: string;
  priority: string;
  deadline: number;
  /** How long past the deadline at the report time, ms. */
  overdueMs: number;
}

export type AnomalyKind =
  | 'blankRow'
  | 'missingTicketNo'
  | 'duplicateTicketNo'
  | 'badSubmittedAt'
  | 'badDeadline'
  | 'badStatus'
  | 'badSatisfaction'
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

export type HeadlineKey =
  | 'tickets'
  | 'newCustomers'
  | 'satisfaction'
  | 'responseRate'
  | 'firstResponse'
  | 'resolution'
  | 'reviewShare'
  | 'toVerify';

export interface Headline {
  key: HeadlineKey;
  unit: 'count' | 'score' | 'rate';
  current: number | null;
  previous: number | null;
  /** count/score: relative change (0.05 = +5%); rate: difference in percentage points; null when not comparable. */
  change: number | null;
  /** Whether a rise is good news (for colouring). */
  higherIsBetter: boolean;
}

export type SuggestionKey =
  | 'reviewHigh'
  | 'completionLow'
  | 'toVerifyHigh'
  | 'firstResponseLow'
  | 'resolutionLow'
  | 'satisfactionLow'
  | 'responseRateLow'
  | 'overdue'
  | 'anomalies';

export interface Suggestion {
  key: SuggestionKey;
  /** The figure that triggered it, already rounded: a percentage, a score or a count. */
  value: number;
  /** What it concerns, when specific (a channel, a problem). */
  subject: string;
}

export interface ReportFigures {
  periods: ReportPeriods;
  current: PeriodFigures;
  previous: PeriodFigures;
  headlines: Headline[];
  /** Open tickets past their deadline now, most overdue first. */
  overdue: OverdueTicket[];
  anomalies: Anomaly[];
  suggestions: Suggestion[];
}

// ---- Reading cells -------------------------------------------------------------------------

const T = {
  ticketNo: '工单编号',
  customerNo: '客户编号',
  needType: '需求类型',
  description: '具体需求描述',
  feedback: '反馈内容',
  satisfaction: '满意度评分',
  issueType: '问题类型',
  priority: '优先级',
  verify: '核实事项',
  owner: '负责人',
  deadline: '截止时间',
  status: '状态',
  channel: '收集渠道',
  submittedAt: '填写日期',
  source: '来源编号',
  firstResponseAt: '首次响应时间',
  resolvedAt: '解决时间',
} as const;

const C = {
  customerNo: '客户编号',
  industry: '所属行业',
  segment: '客户类型标签',
  firstContact: '首次联系',
  source: '来源渠道',
} as const;

const R = { receivedAt: '收到时间', problems: '问题' } as const;

/** The columns a report reads, per sheet: nothing else needs to be transferred. */
export const REPORT_COLUMNS = {
  tickets: [...Object.values(T), ...FIELDS.filter((f) => f.group === 'need' && !f.required).map((f) => f.label)],
  customers: Object.values(C),
  review: Object.values(R),
} as const;

/** Optional need fields, whose completion measures how well a channel collects. */
const OPTIONAL_NEED_LABELS = FIELDS.filter((f) => f.group === 'need' && !f.required).map((f) => f.label);
/** A submission re-filed from the review queue carries this in its source id (see services/review.ts). */
const RESUBMITTED = /#r\d+:/;
const UNKNOWN = '未填写';

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function isBlank(v: unknown): boolean {
  return v === '' || v === null || v === undefined;
}

function text(v: unknown): string {
  if (isBlank(v)) return '';
  return typeof v === 'string' ? v.trim() : String(v);
}

type Instant = number | null | 'bad';

/**
 * A date cell: a Date, or text typed as `yyyy-MM-dd[ HH:mm[:ss]]` (also with
 * `/`) read in the script zone. Blank → null; anything else → 'bad'.
 */
function instant(v: unknown, offset: number): Instant {
  if (isBlank(v)) return null;
  if (isDate(v)) {
    const ms = v.getTime();
    return Number.isNaN(ms) ? 'bad' : ms;
  }
  if (typeof v !== 'string') return 'bad';
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v.trim());
  if (!m) return 'bad';
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return 'bad';
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offset * MINUTE_MS;
  return new Date(ms + offset * MINUTE_MS).getUTCDate() === d ? ms : 'bad';
}

/** A 1–5 rating; blank → null. */
function rating(v: unknown): number | null | 'bad' {
  if (isBlank(v)) return null;
  const n = typeof v === 'number' ? v : /^\s*[1-5]\s*$/.test(String(v)) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : 'bad';
}

/** Column index by label, -1 when absent. */
function columns<K extends string>(headers: readonly string[], labels: Record<K, string>): Record<K, number> {
  const out = {} as Record<K, number>;
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const label = String(h).trim();
    if (label !== '' && !index.has(label)) index.set(label, i);
  });
  for (const k of Object.keys(labels) as K[]) out[k] = index.get(labels[k]) ?? -1;
  return out;
}

const cell = (row: readonly unknown[], col: number): unknown => (col < 0 ? '' : row[col]);

class Anomalies {
  private readonly found = new Map<string, Anomaly>();

  add(sheet: string, kind: AnomalyKind, row: number, excluded: boolean): void {
    const key = `${sheet}|${kind}`;
    let a = this.found.get(key);
    if (!a) {
      a = { sheet, kind, rows: [], excluded };
      this.found.set(key, a);
    }
    a.rows.push(row);
  }

  list(): Anomaly[] {
    return [...this.found.values()];
  }
}

interface Ticket {
  row: number;
  no: string;
  customer: string;
  needType: string;
  issueType: string;
  channel: string;
  priority: string;
  owner: string;
  /** Known status, or '' when the cell holds something else. */
  status: string;
  submittedAt: number;
  deadline: number | null;
  firstResponseAt: number | null;
  /** When resolved: the time, or 'unknown' (done status without 解决时间). */
  resolvedAt: number | 'unknown' | null;
  satisfaction: number | null;
  text: string;
  toVerify: boolean;
  resubmitted: boolean;
  optionalFilled: number;
}

interface Customer {
  industry: string;
  strategic: boolean;
  firstContact: number | null;
  source: string;
}

function readTickets(sheet: SheetRows, offset: number, anomalies: Anomalies): { tickets: Ticket[]; hasFirstResponse: boolean; hasResolvedAt: boolean } {
  const col = columns(sheet.headers, T);
  const optional = OPTIONAL_NEED_LABELS.map((l) => sheet.headers.indexOf(l)).filter((i) => i >= 0);
  const name = '工单';
  const seen = new Set<string>();
  const tickets: Ticket[] = [];
  sheet.rows.forEach((r, i) => {
    const row = sheet.firstRow + i;
    if (r.every(isBlank)) return anomalies.add(name, 'blankRow', row, true);
    const no = text(cell(r, col.ticketNo));
    if (no === '') return anomalies.add(name, 'missingTicketNo', row, true);
    if (seen.has(no)) return anomalies.add(name, 'duplicateTicketNo', row, true);
    seen.add(no);
    const submittedAt = instant(cell(r, col.submittedAt), offset);
    if (submittedAt === null || submittedAt === 'bad') return anomalies.add(name, 'badSubmittedAt', row, true);

    const deadline = instant(cell(r, col.deadline), offset);
    if (deadline === null || deadline === 'bad') anomalies.add(name, 'badDeadline', row, false);
    const rawStatus = text(cell(r, col.status));
    const status = isStatus(rawStatus) ? rawStatus : '';
    if (status === '') anomalies.add(name, 'badStatus', row, false);
    const sat = rating(cell(r, col.satisfaction));
    if (sat === 'bad') anomalies.add(name, 'badSatisfaction', row, false);
    const first = col.firstResponseAt < 0 ? null : instant(r[col.firstResponseAt], offset);
    if (first === 'bad') anomalies.add(name, 'badFirstResponse', row, false);
    let resolvedAt: Ticket['resolvedAt'] = null;
    if (col.resolvedAt >= 0) {
      const at = instant(r[col.resolvedAt], offset);
      if (at === 'bad') anomalies.add(name, 'badResolvedAt', row, false);
      else resolvedAt = at;
    }
    if (resolvedAt === null && isDone(status) && col.resolvedAt < 0) resolvedAt = 'unknown';

    let filled = 0;
    for (const c of optional) if (!isBlank(r[c])) filled++;
    tickets.push({
      row,
      no,
      customer: text(cell(r, col.customerNo)),
      needType: text(cell(r, col.needType)) || UNKNOWN,
      issueType: text(cell(r, col.issueType)) || UNKNOWN,
      channel: text(cell(r, col.channel)) || UNKNOWN,
      priority: text(cell(r, col.priority)),
      owner: text(cell(r, col.owner)) || UNKNOWN,
      status,
      submittedAt,
      deadline: typeof deadline === 'number' ? deadline : null,
      firstResponseAt: typeof first === 'number' ? first : null,
      resolvedAt,
      satisfaction: typeof sat === 'number' ? sat : null,
      text: `${text(cell(r, col.description))}\n${text(cell(r, col.feedback))}`,
      toVerify: text(cell(r, col.verify)) !== '',
      resubmitted: RESUBMITTED.test(text(cell(r, col.source))),
      optionalFilled: filled,
    });
  });
  return { tickets, hasFirstResponse: col.firstResponseAt >= 0, hasResolvedAt: col.resolvedAt >= 0 };
}

function readCustomers(sheet: SheetRows | null, offset: number, anomalies: Anomalies): Map<string, Customer> {
  const out = new Map<string, Customer>();
  if (!sheet) return out;
  const col = columns(sheet.headers, C);
  const name = '客户';
  sheet.rows.forEach((r, i) => {
    const row = sheet.firstRow + i;
    if (r.every(isBlank)) return anomalies.add(name, 'blankRow', row, true);
    const no = text(cell(r, col.customerNo));
    if (no === '') return anomalies.add(name, 'missingCustomerNo', row, true);
    const first = instant(cell(r, col.firstContact), offset);
    if (first === null || first === 'bad') anomalies.add(name, 'badFirstContact', row, false);
    out.set(no, {
      industry: text(cell(r, col.industry)) || UNKNOWN,
      strategic: text(cell(r, col.segment)) === '战略客户',
      firstContact: typeof first === 'number' ? first : null,
      source: text(cell(r, col.source)) || UNKNOWN,
    });
  });
  return out;
}

interface ReviewRow {
  receivedAt: number;
  problems: string[];
}

function readReview(sheet: SheetRows | null, offset: number, anomalies: Anomalies): ReviewRow[] {
  if (!sheet) return [];
  const col = columns(sheet.headers, R);
  const out: ReviewRow[] = [];
  sheet.rows.forEach((r, i) => {
    const row = sheet.firstRow + i;
    if (r.every(isBlank)) return anomalies.add('待审核', 'blankRow', row, true);
    const at = instant(cell(r, col.receivedAt), offset);
    if (at === null || at === 'bad') return anomalies.add('待审核', 'badReceivedAt', row, true);
    // Lines in full-width brackets are notes about the row (e.g. personal data dropped), not problems.
    const problems = text(cell(r, col.problems)).split('\n').map((p) => p.trim()).filter((p) => p !== '' && !/^（.*）$/.test(p));
    out.push({ receivedAt: at, problems });
  });
  return out;
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

const inPeriod = (ms: number, p: Period) => ms >= p.start && ms < p.end;

/** Replaces what a customer typed inside “…” with …, so problem lines group together and carry no personal data. */
export function problemKind(line: string): string {
  return line.replace(/“[^”]*”/g, '“…”').replace(/"[^"]*"/g, '"…"');
}

/** Words too common to be a recurring issue on their own. */
const STOP_PHRASES: ReadonlySet<string> = new Set([
  '我们', '你们', '他们', '希望', '需要', '问题', '可以', '一下', '没有', '什么', '怎么', '如何', '公司', '产品',
  '客户', '谢谢', '请问', '现在', '目前', '已经', '进行', '使用', '了解', '一个', '这个', '那个', '还是', '如果',
  '因为', '所以', '但是', '情况', '时候', '能否', '是否', '感谢', '您好', '你好', '具体', '相关', '方面', '比较',
  '增加', '提供', '咨询', '处理', '合作', '功能', '一直', '最近', '非常', '不能', '无法',
]);
/** Characters a phrase does not start or end with (particles, pronouns). */
const EDGE_STOP = new Set('的了是我你他她它们很在和与及也就都吗呢吧啊呀哦请您把被让这那个些有又还而或及其对于从到'.split(''));
const PHRASE_MIN = 2;
const PHRASE_MAX = 6;
const PHRASE_TEXT_CAP = 400;
const PHRASE_TOP = 5;
/** Joins of overlapping pieces tried per report (each scans the period's texts once). */
const PHRASE_MERGES = 50;
/** A shorter phrase inside a longer one is dropped when the longer one covers this share of its customers. */
const PHRASE_COVER = 0.75;

/**
 * The most frequent phrases in the period's descriptions and feedback: CJK
 * runs cut into 2–6 character n-grams, counted once per customer, kept when
 * at least two customers wrote them and they are more than common words; a
 * fragment is dropped when a longer phrase holding it, or a better-ranked
 * phrase overlapping it, covers most of its customers (登录卡 in 登录卡顿).
 */
export function topPhrases(docs: readonly { key: string; text: string }[], customers: number, top = PHRASE_TOP): Phrase[] {
  const perKey = new Map<string, Set<string>>();
  const texts = new Map<string, string>();
  for (const d of docs) {
    let grams = perKey.get(d.key);
    if (!grams) perKey.set(d.key, (grams = new Set()));
    const text = d.text.slice(0, PHRASE_TEXT_CAP).normalize('NFKC');
    texts.set(d.key, (texts.get(d.key) ?? '') + '\n' + text);
    const runs = text.match(/[\u4e00-\u9fff]{2,}/g) ?? [];
    for (const run of runs) {
      for (let n = PHRASE_MIN; n <= PHRASE_MAX; n++) {
        for (let i = 0; i + n <= run.length; i++) grams.add(run.slice(i, i + n));
      }
    }
  }
  const counts = new Map<string, number>();
  for (const grams of perKey.values()) for (const g of grams) counts.set(g, (counts.get(g) ?? 0) + 1);
  const candidates = [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[0].length - a[0].length || b[1] - a[1]);
  const kept: [string, number][] = [];
  for (const [g, n] of candidates) {
    if (kept.some(([h, m]) => h.length > g.length && h.includes(g) && m >= PHRASE_COVER * n)) continue;
    kept.push([g, n]);
  }
  const meaningful = kept
    .filter(([g]) => !EDGE_STOP.has(g[0]) && !EDGE_STOP.has(g[g.length - 1]) && !onlyCommonWords(g))
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  const writtenBy = (phrase: string) => {
    let n = 0;
    for (const text of texts.values()) if (text.includes(phrase)) n++;
    return n;
  };
  const chosen: [string, number][] = [];
  let merges = 0;
  for (const [g, n] of meaningful) {
    if (chosen.length === top) break;
    if (chosen.some(([h, m]) => h.includes(g) && m >= PHRASE_COVER * n)) continue;
    const i = chosen.findIndex(([h, m]) => overlaps(g, h) && m >= PHRASE_COVER * n);
    if (i < 0) {
      chosen.push([g, n]);
      continue;
    }
    // Pieces of one longer sentence that several customers wrote: join them when the whole is as common.
    const [h, m] = chosen[i]!;
    if (m !== n || merges >= PHRASE_MERGES) continue;
    merges++;
    const whole = join(h, g);
    if (whole !== null && writtenBy(whole) === m) chosen[i] = [whole, m];
  }
  return chosen.map(([phrase, n]) => ({ phrase, customers: n, share: customers > 0 ? n / customers : 0 }));
}

/** Whether a phrase is made of common words and particles only (希望需要). */
function onlyCommonWords(g: string): boolean {
  let rest = g;
  for (const w of STOP_PHRASES) if (rest.includes(w)) rest = rest.split(w).join('');
  let kept = 0;
  for (const ch of rest) if (!EDGE_STOP.has(ch)) kept++;
  return kept < 2;
}

/** `a` and `b` joined on their longest overlap (either order), or null. */
function join(a: string, b: string): string | null {
  for (let k = Math.min(a.length, b.length) - 1; k >= 2; k--) {
    if (a.endsWith(b.slice(0, k))) return a + b.slice(k);
    if (b.endsWith(a.slice(0, k))) return b + a.slice(k);
  }
  return null;
}

/** Whether two phrases run into each other (one ends with at least two characters the other starts with). */
function overlaps(a: string, b: string): boolean {
  for (let k = 2; k < Math.min(a.length, b.length); k++) {
    if (a.endsWith(b.slice(0, k)) || b.endsWith(a.slice(0, k))) return true;
  }
  return false;
}

/** A staff member's name for an owner cell (an email or a team name); emails never leave this function. */
function ownerName(owner: string, names: Record<string, string>): string {
  const key = owner.toLowerCase();
  if (names[key]) return names[key];
  return owner.includes('@') ? owner.slice(0, owner.indexOf('@')) : owner;
}

function periodFigures(
  p: Period,
  tickets: readonly Ticket[],
  customers: ReadonlyMap<string, Customer>,
  review: readonly ReviewRow[],
  input: ReportInput,
  sources: { hasFirstResponse: boolean; hasResolvedAt: boolean },
): PeriodFigures {
  const { settings, utcOffset, now } = input;
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

  // Satisfaction: ratings of tickets resolved in the period, and of open tickets submitted in it (a rating given with the form).
  const distribution: Satisfaction['distribution'] = [0, 0, 0, 0, 0];
  let ratingSum = 0;
  let ratings = 0;
  let resolvedHere = 0;
  let resolvedRated = 0;
  const resolution = { hits: 0, total: 0 };
  const owners = new Map<string, OwnerFigures>();
  const owner = (name: string): OwnerFigures => {
    let o = owners.get(name);
    if (!o) owners.set(name, (o = { owner: name, assigned: 0, resolved: 0, resolvedInTime: rate(0, 0), open: 0, overdue: 0 }));
    return o;
  };
  for (const tk of tickets) {
    const resolvedAt = tk.resolvedAt === 'unknown' ? tk.submittedAt : tk.resolvedAt;
    const resolvedInPeriod = resolvedAt !== null && inPeriod(resolvedAt, p);
    const ratedHere = resolvedInPeriod || (resolvedAt === null && inPeriod(tk.submittedAt, p));
    if (tk.satisfaction !== null && ratedHere) {
      distribution[tk.satisfaction - 1]++;
      ratingSum += tk.satisfaction;
      ratings++;
    }
    if (resolvedInPeriod) {
      resolvedHere++;
      if (tk.satisfaction !== null) resolvedRated++;
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
    if (tk.deadline !== null && tk.deadline < now) o.overdue++;
  }

  let firstResponse: Rate | null = null;
  if (sources.hasFirstResponse && settings.firstResponse) {
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
    phrases: topPhrases(mine.map((tk) => ({ key: tk.customer || `#${tk.row}`, text: tk.text })), active.size),
    satisfaction: {
      count: ratings,
      average: ratings > 0 ? ratingSum / ratings : null,
      distribution,
      response: rate(resolvedRated, resolvedHere),
    },
    firstResponse,
    resolution: sources.hasResolvedAt ? rate(resolution.hits, resolution.total) : null,
    review: rate(reviewRows.length, reviewRows.length + fresh),
    problems: problems.list().slice(0, 5),
    toVerify: rate(toVerify, mine.length),
    completion: [...completion].map(([channel, c]) => ({ channel, completion: rate(c.filled, c.total) })),
    owners: [...owners.values()]
      .filter((o) => o.assigned + o.resolved + o.open > 0)
      .sort((a, b) => b.assigned - a.assigned || b.open - a.open || (a.owner < b.owner ? -1 : 1)),
  };
}

function headline(key: HeadlineKey, unit: Headline['unit'], current: number | null, previous: number | null, higherIsBetter = true): Headline {
  let change: number | null = null;
  if (current !== null && previous !== null) {
    if (unit === 'rate') change = (current - previous) * 100;
    else if (previous > 0) change = (current - previous) / previous;
  }
  return { key, unit, current, previous, change, higherIsBetter };
}

function headlines(c: PeriodFigures, p: PeriodFigures): Headline[] {
  return [
    headline('tickets', 'count', c.tickets, p.tickets),
    headline('newCustomers', 'count', c.newCustomers, p.newCustomers),
    headline('satisfaction', 'score', c.satisfaction.average, p.satisfaction.average),
    headline('responseRate', 'rate', c.satisfaction.response.rate, p.satisfaction.response.rate),
    headline('firstResponse', 'rate', c.firstResponse?.rate ?? null, p.firstResponse?.rate ?? null),
    headline('resolution', 'rate', c.resolution?.rate ?? null, p.resolution?.rate ?? null),
    headline('reviewShare', 'rate', c.review.rate, p.review.rate, false),
    headline('toVerify', 'rate', c.toVerify.rate, p.toVerify.rate, false),
  ];
}

/** Thresholds below (or above) which a figure gets a one-line suggestion. */
export const THRESHOLDS = {
  reviewShare: 0.2,
  completion: 0.5,
  toVerify: 0.15,
  firstResponse: 0.8,
  resolution: 0.8,
  satisfaction: 3.5,
  responseRate: 0.3,
  /** Rates are judged only on at least this many cases. */
  minCases: 5,
} as const;

const pct = (r: number) => Math.round(r * 100);

function suggestions(c: PeriodFigures, overdue: number, anomalies: readonly Anomaly[]): Suggestion[] {
  const out: Suggestion[] = [];
  const enough = (r: Rate | null): r is Rate & { rate: number } => r !== null && r.rate !== null && r.total >= THRESHOLDS.minCases;
  if (enough(c.review) && c.review.rate > THRESHOLDS.reviewShare) {
    out.push({ key: 'reviewHigh', value: pct(c.review.rate), subject: c.problems[0]?.label ?? '' });
  }
  for (const ch of c.completion) {
    const r = ch.completion;
    if (r.rate !== null && r.total >= THRESHOLDS.minCases * OPTIONAL_NEED_LABELS.length / 2 && r.rate < THRESHOLDS.completion) {
      out.push({ key: 'completionLow', value: pct(r.rate), subject: ch.channel });
    }
  }
  if (enough(c.toVerify) && c.toVerify.rate > THRESHOLDS.toVerify) out.push({ key: 'toVerifyHigh', value: pct(c.toVerify.rate), subject: '' });
  if (enough(c.firstResponse) && c.firstResponse.rate < THRESHOLDS.firstResponse) {
    out.push({ key: 'firstResponseLow', value: pct(c.firstResponse.rate), subject: '' });
  }
  if (enough(c.resolution) && c.resolution.rate < THRESHOLDS.resolution) {
    out.push({ key: 'resolutionLow', value: pct(c.resolution.rate), subject: '' });
  }
  const s = c.satisfaction;
  if (s.average !== null && s.count >= THRESHOLDS.minCases && s.average < THRESHOLDS.satisfaction) {
    out.push({ key: 'satisfactionLow', value: Math.round(s.average * 10) / 10, subject: '' });
  }
  if (enough(s.response) && s.response.rate < THRESHOLDS.responseRate) {
    out.push({ key: 'responseRateLow', value: pct(s.response.rate), subject: '' });
  }
  if (overdue > 0) out.push({ key: 'overdue', value: overdue, subject: '' });
  const bad = anomalies.reduce((n, a) => n + a.rows.length, 0);
  if (bad > 0) out.push({ key: 'anomalies', value: bad, subject: '' });
  return out;
}

/** Every figure of a report, from one read of each sheet. Never throws on bad rows. */
export function computeReport(input: ReportInput): ReportFigures {
  const anomalies = new Anomalies();
  const { tickets, ...sources } = readTickets(input.tickets, input.utcOffset, anomalies);
  const customers = readCustomers(input.customers, input.utcOffset, anomalies);
  const review = readReview(input.review, input.utcOffset, anomalies);
  if (input.customers) {
    tickets.forEach((tk) => {
      if (!customers.has(tk.customer)) anomalies.add('工单', 'unknownCustomer', tk.row, false);
    });
  }
  const { periods } = input;
  const current = periodFigures(periods.current, tickets, customers, review, input, sources);
  const previous = periodFigures(periods.previous, tickets, customers, review, input, sources);
  const overdue = tickets
    .filter((tk) => tk.status !== '' && !isDone(tk.status) && tk.deadline !== null && tk.deadline < input.now)
    .map((tk) => ({
      ticketNo: tk.no,
      owner: ownerName(tk.owner, input.settings.staffNames),
      priority: tk.priority,
      deadline: tk.deadline!,
      overdueMs: input.now - tk.deadline!,
    }))
    .sort((a, b) => b.overdueMs - a.overdueMs || (a.ticketNo < b.ticketNo ? -1 : 1));
  const list = anomalies.list();
  return {
    periods,
    current,
    previous,
    headlines: headlines(current, previous),
    overdue,
    anomalies: list,
    suggestions: suggestions(current, overdue.length, list),
  };
}

/** Hours (rounded down) an overdue ticket is late by. */
export function overdueHours(ms: number): number {
  return Math.floor(ms / HOUR_MS);
}

// ---- Archive -------------------------------------------------------------------------------

export interface ArchiveFigure {
  group: string;
  name: string;
  /** Blank when there was nothing to measure. */
  current: number | '';
  previous: number | '';
  unit: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const asPercent = (r: number | null): number | '' => (r === null ? '' : round2(r * 100));

/**
 * One row per figure, so trends can be charted in Sheets: group, name, this
 * period, the previous period, unit. Rates are percentages; blanks mean "no
 * data", never 0. Labels are the zh-CN names the 报表 sheet shows.
 */
export function archiveFigures(f: ReportFigures): ArchiveFigure[] {
  const c = f.current;
  const p = f.previous;
  const rows: ArchiveFigure[] = [];
  const add = (group: string, name: string, cur: number | '' | null, prev: number | '' | null, unit: string) =>
    rows.push({ group, name, current: cur === null ? '' : cur, previous: prev === null ? '' : prev, unit });
  const counts = (group: string, pick: (x: PeriodFigures) => Count[]) => {
    const prev = new Map(pick(p).map((x) => [x.label, x.count]));
    for (const x of pick(c)) add(group, x.label, x.count, prev.get(x.label) ?? 0, '张');
  };
  add('概览', '工单数', c.tickets, p.tickets, '张');
  add('概览', '客户数', c.customers, p.customers, '位');
  add('概览', '新增客户', c.newCustomers, p.newCustomers, '位');
  add('概览', '平均满意度', c.satisfaction.average === null ? '' : round2(c.satisfaction.average),
    p.satisfaction.average === null ? '' : round2(p.satisfaction.average), '分');
  add('概览', '满意度回复率', asPercent(c.satisfaction.response.rate), asPercent(p.satisfaction.response.rate), '%');
  add('概览', '首次响应及时率', asPercent(c.firstResponse?.rate ?? null), asPercent(p.firstResponse?.rate ?? null), '%');
  add('概览', '按时解决率', asPercent(c.resolution?.rate ?? null), asPercent(p.resolution?.rate ?? null), '%');
  add('概览', '当前超时工单', f.overdue.length, '', '张');
  add('概览', '转入待审核比例', asPercent(c.review.rate), asPercent(p.review.rate), '%');
  add('概览', '待核实比例', asPercent(c.toVerify.rate), asPercent(p.toVerify.rate), '%');
  add('概览', '数据异常行', f.anomalies.reduce((n, a) => n + a.rows.length, 0), '', '行');
  const prevSeg = new Map(p.segments.map((x) => [x.label, x.count]));
  for (const x of c.segments) add('客户构成', x.label, x.count, prevSeg.get(x.label) ?? 0, '位');
  counts('收集渠道', (x) => x.byChannel);
  counts('需求类型', (x) => x.byNeedType);
  counts('所属行业', (x) => x.byIndustry);
  counts('问题类型', (x) => x.byIssueType);
  c.satisfaction.distribution.forEach((n, i) => add('满意度分布', `${i + 1}分`, n, p.satisfaction.distribution[i], '个'));
  for (const ph of c.phrases) add('高频问题', ph.phrase, round2(ph.share * 100), '', '%');
  for (const ch of c.completion) {
    const prev = p.completion.find((x) => x.channel === ch.channel);
    add('选填项完成率', ch.channel, asPercent(ch.completion.rate), asPercent(prev?.completion.rate ?? null), '%');
  }
  for (const o of c.owners) add('负责人', o.owner, o.assigned, p.owners.find((x) => x.owner === o.owner)?.assigned ?? 0, '张');
  return rows;
}
