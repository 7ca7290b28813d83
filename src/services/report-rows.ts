/**
 * The rows a report reads: only the columns the figures use from 工单, 客户
 * and 待审核, by header label, turned into the domain's typed records
 * (domain/report-records.ts).
 *
 * A column that is absent (e.g. 解决时间 before the follow-up feature is
 * installed) means "no data" for the figures that need it. Rows edited by hand
 * into something unusable are never guessed at: they are listed under 数据异常
 * with their row numbers, and left out only of the figures they cannot feed.
 */
import { isDate } from '../domain/normalise';
import { validRating } from '../domain/satisfaction';
import {
  OPTIONAL_NEED_LABELS,
  UNKNOWN,
  type Anomaly,
  type AnomalyKind,
  type Correction,
  type Customer,
  type RetroAction,
  type ReportRecords,
  type ReviewRow,
  type Ticket,
} from '../domain/report-records';
import { HISTORY_ACTION, SYSTEM_ACTOR, TO_VERIFY_TAG, isDone, isStatus } from '../domain/vocabulary';
import { clockStart } from '../domain/entry-delay';
import { UserError } from '../i18n/user-error';
import { CUSTOMERS, HISTORY, INTERNAL, RETRO, REVIEW, SHEET, TICKETS } from '../sheets/schema';
import { cellText } from '../sheets/table';

// ---- The columns read, by label ------------------------------------------------------------

const T = TICKETS.col;
const TICKET_LABELS = {
  ticketNo: T.no,
  customerNo: T.customerNo,
  needType: T.needType,
  description: T.needDescription,
  feedback: T.feedback,
  satisfaction: T.satisfaction,
  surveyRating: T.surveyRating,
  surveyFeedback: T.surveyFeedback,
  issueType: T.issueType,
  priority: T.priority,
  verify: T.toVerify,
  tags: T.tags,
  owner: T.owner,
  team: T.team,
  deadline: T.deadline,
  status: T.status,
  channel: T.channel,
  submittedAt: T.submittedAt,
  enteredAt: T.enteredAt,
  source: T.source,
  firstResponseAt: T.firstResponseAt,
  resolvedAt: T.resolvedAt,
  pausedMinutes: T.pausedMinutes,
} as const;

const CUSTOMER_LABELS = {
  customerNo: CUSTOMERS.col.no,
  industry: CUSTOMERS.col.industry,
  segment: CUSTOMERS.col.segment,
  firstContact: CUSTOMERS.col.firstContact,
  source: CUSTOMERS.col.sourceChannel,
  mergedInto: CUSTOMERS.col.mergedInto,
} as const;

const REVIEW_LABELS = { receivedAt: REVIEW.col.receivedAt, channel: REVIEW.col.channel, problems: REVIEW.col.problems } as const;

const HISTORY_LABELS = { at: HISTORY.col.at, ticketNo: HISTORY.col.ticketNo, actor: HISTORY.col.actor, action: HISTORY.col.action, source: INTERNAL.source } as const;

const RETRO_LABELS = {
  quarter: RETRO.col.quarter, finding: RETRO.col.finding, action: RETRO.col.action, owner: RETRO.col.owner, due: RETRO.col.due, status: RETRO.col.status,
} as const;

/** The columns a report reads, per sheet: nothing else needs to be transferred. */
export const REPORT_COLUMNS = {
  tickets: [...Object.values(TICKET_LABELS), ...OPTIONAL_NEED_LABELS],
  customers: Object.values(CUSTOMER_LABELS),
  review: Object.values(REVIEW_LABELS),
  history: Object.values(HISTORY_LABELS),
  retro: Object.values(RETRO_LABELS),
} as const;

// ---- Reading the sheets --------------------------------------------------------------------

/** One sheet as read in one batch: its header row and the rows below it. */
export interface SheetRows {
  headers: readonly string[];
  rows: readonly (readonly unknown[])[];
  /** Sheet row number of rows[0] (2 below a one-line header). */
  firstRow: number;
}

/** The report's sheets as read; 客户 and 待审核 are null when absent, 历史 and 复盘 when absent or not needed. */
export interface ReportSheets {
  tickets: SheetRows;
  customers: SheetRows | null;
  review: SheetRows | null;
  history?: SheetRows | null;
  retro?: SheetRows | null;
}

/** Unwanted columns between two wanted ones that are cheaper to read through than to skip with a call. */
const COLUMN_GAP = 2;

/**
 * The records of a report, from one read of each sheet (throws when 工单 is
 * missing). `review`: the quarterly review's sheets too (历史, 复盘), which the
 * other reports do not need.
 */
export function readReportRecords(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, utcOffset: number, review = false): ReportRecords {
  const tickets = readSheet(ss, SHEET.tickets, REPORT_COLUMNS.tickets);
  if (!tickets) throw new UserError('sheet.missing', { sheet: SHEET.tickets });
  return reportRecords(
    {
      tickets,
      customers: readSheet(ss, SHEET.customers, REPORT_COLUMNS.customers),
      review: readSheet(ss, SHEET.review, REPORT_COLUMNS.review),
      ...(review ? { history: readSheet(ss, SHEET.history, REPORT_COLUMNS.history), retro: readSheet(ss, SHEET.retro, REPORT_COLUMNS.retro) } : {}),
    },
    utcOffset,
  );
}

/**
 * The report's columns of a sheet (REPORT_COLUMNS), with the header row:
 * one read per group of nearby columns instead of the whole sheet, since a
 * report at 100,000 rows is mostly cells transferred. Null when the sheet does
 * not exist; a missing column reads as absent (the figures count it so).
 */
function readSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string, labels: readonly string[]): SheetRows | null {
  const sheet = ss.getSheetByName(name);
  if (!sheet) return null;
  const header = sheet.getRange('1:1').getValues()[0]!.map((h) => String(h).trim());
  const wanted = [...new Set(labels.map((l) => header.indexOf(l)).filter((i) => i >= 0))].sort((a, b) => a - b);
  const n = sheet.getLastRow() - 1;
  const rows: unknown[][] = Array.from({ length: Math.max(0, n) }, () => []);
  const headers: string[] = [];
  for (const [lo, hi] of columnGroups(wanted)) {
    const block = n > 0 ? sheet.getRange(2, lo + 1, n, hi - lo + 1).getValues() : [];
    for (let c = lo; c <= hi; c++) {
      if (!wanted.includes(c)) continue;
      headers.push(header[c]!);
      block.forEach((r, i) => rows[i]!.push(r[c - lo]));
    }
  }
  return { headers, rows, firstRow: 2 };
}

/** Sorted column indexes grouped so that gaps of up to COLUMN_GAP unwanted columns are read through. */
function columnGroups(cols: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const c of cols) {
    const last = out[out.length - 1];
    if (last && c - last[1] <= COLUMN_GAP + 1) last[1] = c;
    else out.push([c, c]);
  }
  return out;
}

// ---- Cells to records ----------------------------------------------------------------------

const MINUTE_MS = 60_000;
/** A submission re-filed from the review queue carries this in its source id (see services/review.ts). */
const RESUBMITTED = /#r\d+:/;

function isBlank(v: unknown): boolean {
  return v === '' || v === null || v === undefined;
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
  return isBlank(v) ? null : (validRating(v) ?? 'bad');
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

/** The typed records of the report's sheets; never throws on bad rows. */
export function reportRecords(sheets: ReportSheets, utcOffset: number): ReportRecords {
  const anomalies = new Anomalies();
  const { tickets, hasFirstResponse, hasResolvedAt } = readTickets(sheets.tickets, utcOffset, anomalies);
  const customers = readCustomers(sheets.customers, utcOffset, anomalies);
  const review = readReview(sheets.review, utcOffset, anomalies);
  if (sheets.customers) {
    tickets.forEach((tk) => {
      if (!customers.has(tk.customer)) anomalies.add(SHEET.tickets, 'unknownCustomer', tk.row, false);
    });
  }
  const corrections = readCorrections(sheets.history ?? null, utcOffset);
  const retro = readRetro(sheets.retro ?? null, utcOffset);
  return { tickets, customers, review, hasFirstResponse, hasResolvedAt, corrections, retro, anomalies: anomalies.list() };
}

function readTickets(sheet: SheetRows, offset: number, anomalies: Anomalies): { tickets: Ticket[]; hasFirstResponse: boolean; hasResolvedAt: boolean } {
  const col = columns(sheet.headers, TICKET_LABELS);
  const optional = OPTIONAL_NEED_LABELS.map((l) => sheet.headers.indexOf(l)).filter((i) => i >= 0);
  const name = SHEET.tickets;
  const seen = new Set<string>();
  const tickets: Ticket[] = [];
  sheet.rows.forEach((r, i) => {
    const row = sheet.firstRow + i;
    if (r.every(isBlank)) return anomalies.add(name, 'blankRow', row, true);
    const no = cellText(cell(r, col.ticketNo));
    if (no === '') return anomalies.add(name, 'missingTicketNo', row, true);
    if (seen.has(no)) return anomalies.add(name, 'duplicateTicketNo', row, true);
    seen.add(no);
    const filledAt = instant(cell(r, col.submittedAt), offset);
    if (filledAt === null || filledAt === 'bad') return anomalies.add(name, 'badSubmittedAt', row, true);
    // Blank on rows filed before 录入时间 existed (their 填写日期 was the entry); a hand-typed bad one is read as blank.
    const entered = instant(cell(r, col.enteredAt), offset);
    const enteredAt = typeof entered === 'number' ? entered : null;
    const channel = cellText(cell(r, col.channel)) || UNKNOWN;

    const deadline = instant(cell(r, col.deadline), offset);
    if (deadline === null || deadline === 'bad') anomalies.add(name, 'badDeadline', row, false);
    const rawStatus = cellText(cell(r, col.status));
    const status = isStatus(rawStatus) ? rawStatus : '';
    if (status === '') anomalies.add(name, 'badStatus', row, false);
    const sat = rating(cell(r, col.satisfaction));
    if (sat === 'bad') anomalies.add(name, 'badSatisfaction', row, false);
    const survey = rating(cell(r, col.surveyRating));
    if (survey === 'bad') anomalies.add(name, 'badSurveyRating', row, false);
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
      customer: cellText(cell(r, col.customerNo)),
      needType: cellText(cell(r, col.needType)) || UNKNOWN,
      issueType: cellText(cell(r, col.issueType)) || UNKNOWN,
      channel,
      priority: cellText(cell(r, col.priority)),
      owner: cellText(cell(r, col.owner)) || UNKNOWN,
      team: cellText(cell(r, col.team)) || UNKNOWN,
      status,
      submittedAt: clockStart(channel, filledAt, enteredAt)!,
      filledAt,
      enteredAt,
      deadline: typeof deadline === 'number' ? deadline : null,
      firstResponseAt: typeof first === 'number' ? first : null,
      resolvedAt,
      satisfaction: typeof sat === 'number' ? sat : null,
      surveyRating: typeof survey === 'number' ? survey : null,
      // Absent on a workbook whose 工单 never had a pause: nothing was paused.
      pausedMinutes: col.pausedMinutes < 0 ? 0 : Math.max(0, Number(r[col.pausedMinutes]) || 0),
      text: [col.description, col.feedback, col.surveyFeedback].map((c) => cellText(cell(r, c))).join('\n'),
      // The 待核实 tag as well: retention empties 核实事项 (it may quote what was typed), the tag stays for the figure.
      toVerify: cellText(cell(r, col.verify)) !== '' || cellText(cell(r, col.tags)).split(/[、,，\s]+/).includes(TO_VERIFY_TAG),
      resubmitted: RESUBMITTED.test(cellText(cell(r, col.source))),
      optionalFilled: filled,
    });
  });
  return { tickets, hasFirstResponse: col.firstResponseAt >= 0, hasResolvedAt: col.resolvedAt >= 0 };
}

function readCustomers(sheet: SheetRows | null, offset: number, anomalies: Anomalies): Map<string, Customer> {
  const out = new Map<string, Customer>();
  if (!sheet) return out;
  const col = columns(sheet.headers, CUSTOMER_LABELS);
  const name = SHEET.customers;
  sheet.rows.forEach((r, i) => {
    const row = sheet.firstRow + i;
    if (r.every(isBlank)) return anomalies.add(name, 'blankRow', row, true);
    const no = cellText(cell(r, col.customerNo));
    if (no === '') return anomalies.add(name, 'missingCustomerNo', row, true);
    // A record merged into another (合并客户) is that customer, counted once, on the kept row.
    if (cellText(cell(r, col.mergedInto)) !== '') return;
    const first = instant(cell(r, col.firstContact), offset);
    if (first === null || first === 'bad') anomalies.add(name, 'badFirstContact', row, false);
    out.set(no, {
      industry: cellText(cell(r, col.industry)) || UNKNOWN,
      strategic: cellText(cell(r, col.segment)) === '战略客户',
      firstContact: typeof first === 'number' ? first : null,
      source: cellText(cell(r, col.source)) || UNKNOWN,
    });
  });
  return out;
}

function readReview(sheet: SheetRows | null, offset: number, anomalies: Anomalies): ReviewRow[] {
  if (!sheet) return [];
  const col = columns(sheet.headers, REVIEW_LABELS);
  const out: ReviewRow[] = [];
  sheet.rows.forEach((r, i) => {
    const row = sheet.firstRow + i;
    if (r.every(isBlank)) return anomalies.add(SHEET.review, 'blankRow', row, true);
    const at = instant(cell(r, col.receivedAt), offset);
    if (at === null || at === 'bad') return anomalies.add(SHEET.review, 'badReceivedAt', row, true);
    // Lines in full-width brackets are notes about the row (e.g. personal data dropped), not problems.
    const problems = cellText(cell(r, col.problems)).split('\n').map((p) => p.trim()).filter((p) => p !== '' && !/^（.*）$/.test(p));
    out.push({ receivedAt: at, channel: cellText(cell(r, col.channel)) || UNKNOWN, problems });
  });
  return out;
}

/**
 * Staff corrections in 历史: 优先级变更 of a ticket, and 客户资料已更新 with no
 * ticket (an edit of 客户 or a correction on request; with a ticket it is the
 * customer's own new answers confirmed). The add-on's own rows are not staff's.
 */
function readCorrections(sheet: SheetRows | null, offset: number): Correction[] {
  if (!sheet) return [];
  const col = columns(sheet.headers, HISTORY_LABELS);
  const out: Correction[] = [];
  for (const r of sheet.rows) {
    const action = cellText(cell(r, col.action));
    const at = instant(cell(r, col.at), offset);
    if (typeof at !== 'number' || cellText(cell(r, col.actor)) === SYSTEM_ACTOR) continue;
    const ticketNo = cellText(cell(r, col.ticketNo));
    if (action === HISTORY_ACTION.priorityChanged && ticketNo !== '') out.push({ at, ticketNo, customer: '' });
    else if (action === HISTORY_ACTION.customerUpdated && ticketNo === '') out.push({ at, ticketNo: '', customer: cellText(cell(r, col.source)) });
  }
  return out;
}

/** The rows of 复盘 that say anything; a 期限 that is not a date reads as none (the edit trigger refuses one). */
function readRetro(sheet: SheetRows | null, offset: number): RetroAction[] {
  if (!sheet) return [];
  const col = columns(sheet.headers, RETRO_LABELS);
  const out: RetroAction[] = [];
  sheet.rows.forEach((r, i) => {
    if (r.every(isBlank)) return;
    const due = instant(cell(r, col.due), offset);
    out.push({
      row: sheet.firstRow + i,
      quarter: cellText(cell(r, col.quarter)),
      finding: cellText(cell(r, col.finding)),
      action: cellText(cell(r, col.action)),
      owner: cellText(cell(r, col.owner)),
      due: typeof due === 'number' ? due : null,
      status: cellText(cell(r, col.status)),
    });
  });
  return out;
}
