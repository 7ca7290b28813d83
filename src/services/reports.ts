/**
 * Weekly, monthly and quarterly reports: one batch read of 工单, 客户 and
 * 待审核, the figures computed by domain/report-figures, the mail rendered by
 * domain/report-email and sent to the Config recipients, and every figure
 * archived in the 报表 sheet (one batch write). Service calls do not depend
 * on the number of rows.
 */
import {
  archiveFigures,
  computeReport,
  isQuarterStartDay,
  REPORT_COLUMNS,
  reportPeriods,
  type ReportKind,
  type ReportPeriods,
  type SheetRows,
} from '../domain/report-figures';
import { renderReportMail } from '../domain/report-email';
import { CUSTOMERS, REPORTS, REVIEW, TICKETS } from '../sheets/schema';
import { UserError } from '../i18n/user-error';
import type { AppContext } from './context';
import { withScriptLock } from './lock';
import { readReportMarker } from './store';

/** Unwanted columns between two wanted ones that are cheaper to read through than to skip with a call. */
const COLUMN_GAP = 2;

export type ReportOutcome = 'sent' | 'noRecipients' | 'mailFailed' | 'disabled' | 'alreadySent' | 'notQuarterStart';

export interface ReportResult {
  kind: ReportKind;
  outcome: ReportOutcome;
  /** The period covered (local dates), when the report was made. */
  from: string;
  to: string;
  recipients: number;
  archivedRows: number;
  tickets: number;
  anomalyRows: number;
  /** A plain sentence for the person who asked (alert, CLI). */
  message: string;
}

const SWITCH_KEY: Record<ReportKind, string> = { weekly: '周报', monthly: '月报', quarterly: '季报' };

/**
 * A time-driven run: the last complete week, month or quarter. Does nothing
 * when Config switches the report off, on a day that does not start a quarter
 * (quarterly), or when that period's report was made already (a trigger that
 * fires twice).
 */
export function runScheduledReport(ctx: AppContext, kind: ReportKind): ReportResult {
  const kindText = ctx.t(`report.kind.${kind}`);
  const skipped = (outcome: ReportOutcome, message: string): ReportResult =>
    ({ kind, outcome, from: '', to: '', recipients: 0, archivedRows: 0, tickets: 0, anomalyRows: 0, message });
  if (!ctx.config.reports[kind]) return skipped('disabled', ctx.t('report.disabled', { kind: kindText, key: SWITCH_KEY[kind] }));
  const offset = ctx.utcOffset;
  if (kind === 'quarterly' && !isQuarterStartDay(ctx.now.getTime(), offset)) return skipped('notQuarterStart', ctx.t('report.notQuarterStart'));
  const periods = reportPeriods(kind, ctx.now.getTime(), offset, 'previous');
  return withScriptLock(() => {
    const marker = readReportMarker(kind);
    if (marker.lastSent === periods.key) {
      const { from, to } = periods.current;
      return { ...skipped('alreadySent', ctx.t('report.alreadySent', { kind: kindText, from, to })), from, to };
    }
    const result = makeReport(ctx, periods, offset);
    marker.markSent(periods.key);
    return result;
  });
}

/** On demand (menu, CLI): the period so far, compared with the same span of the previous one. Always sends. */
export function runReportNow(ctx: AppContext, kind: ReportKind): ReportResult {
  const offset = ctx.utcOffset;
  return makeReport(ctx, reportPeriods(kind, ctx.now.getTime(), offset, 'toDate'), offset);
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

/** `offset`: the script zone's UTC offset, read once per execution (each read is a service call). */
function makeReport(ctx: AppContext, periods: ReportPeriods, offset: number): ReportResult {
  const { config } = ctx;
  const tickets = readSheet(ctx.ss, TICKETS.name, REPORT_COLUMNS.tickets);
  if (!tickets) throw new UserError('sheet.missing', { sheet: TICKETS.name });
  const figures = computeReport({
    tickets,
    customers: readSheet(ctx.ss, CUSTOMERS.name, REPORT_COLUMNS.customers),
    review: readSheet(ctx.ss, REVIEW.name, REPORT_COLUMNS.review),
    periods,
    now: ctx.now.getTime(),
    utcOffset: offset,
    settings: {
      calendar: config.calendar,
      firstResponse: config.followUp.firstResponse,
      staffNames: Object.fromEntries(config.staff.map((s) => [s.email.toLowerCase(), s.name])),
    },
  });
  const mail = renderReportMail({
    figures,
    companyName: config.companyName,
    generatedAt: ctx.now.getTime(),
    utcOffset: offset,
    locale: config.locale,
  });

  // Archive first: the figures are kept even when the mail cannot go out.
  const kindText = ctx.t(`report.kind.${periods.kind}`);
  const { from, to } = periods.current;
  const rows = archiveFigures(figures).map((f) => ({
    报表编号: periods.key,
    报表: kindText,
    期间开始: dayCell(from, offset),
    期间结束: dayCell(to, offset),
    分组: f.group,
    指标: f.name,
    本期: f.current,
    上期: f.previous,
    单位: f.unit,
    生成时间: ctx.now,
  }));
  ctx.table(REPORTS).append(rows);

  const base = {
    kind: periods.kind,
    from,
    to,
    recipients: config.reportRecipients.length,
    archivedRows: rows.length,
    tickets: figures.current.tickets,
    anomalyRows: figures.anomalies.reduce((n, a) => n + a.rows.length, 0),
  };
  if (config.reportRecipients.length === 0) {
    return { ...base, outcome: 'noRecipients', message: ctx.t('report.noRecipients', { kind: kindText, from, to }) };
  }
  try {
    MailApp.sendEmail({
      to: config.reportRecipients.join(','),
      subject: mail.subject,
      body: mail.text,
      htmlBody: mail.html,
      name: config.mail.senderName,
    });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    console.error(`report ${periods.key}: ${error}`);
    return { ...base, outcome: 'mailFailed', message: ctx.t('report.mailFailed', { kind: kindText, from, to, error }) };
  }
  return { ...base, outcome: 'sent', message: ctx.t('report.done', { kind: kindText, from, to, count: base.recipients, rows: rows.length }) };
}

/** A local date (yyyy-MM-dd) as the Date of its midnight in the script zone: Sheets shows it as that date. */
function dayCell(day: string, utcOffset: number): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - utcOffset * 60_000);
}
