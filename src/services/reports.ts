/**
 * Weekly, monthly and quarterly reports: one batch read of 工单, 客户 and
 * 待审核 (report-rows.ts) and of the reveal audit (script properties), the
 * figures computed by domain/report-figures and report-audit,
 * the mail rendered by domain/report-email and sent to the Config recipients,
 * and every figure archived in the 报表 sheet (one batch write). Service
 * calls do not depend on the number of rows. A scheduled report whose run
 * failed is made by the hourly job (catchUpReports), once.
 */
import { localMidnight } from '../domain/local-time';
import { archiveFigures, figureNumberFormat } from '../domain/report-archive';
import { revealAudit } from '../domain/report-audit';
import { smsFigures, type SmsFigures } from '../domain/report-sms';
import { workbookUsage } from './capacity';
import { renderReportMail } from '../domain/report-email';
import { holidayWarning } from './holiday-data';
import { computeReport } from '../domain/report-figures';
import type { RenderedMail } from '../domain/email';
import { isQuarterStartDay, isSettled, owedReport, REPORT_KINDS, reportPeriods, type ReportKind, type ReportPeriods } from '../domain/report-periods';
import { CHANNEL } from '../domain/vocabulary';
import { REPORTS, TICKETS } from '../sheets/schema';
import type { Table } from '../sheets/table';
import type { AppContext } from './context';
import { withScriptLock } from './lock';
import { keepReportChart } from './report-chart';
import { readReportRecords } from './report-rows';
import { deliver } from './mail-queue';
import { allProperties, readReportMarkers, readRevealAudit, readSmsDays, type ReportMarkers } from './store';

export type ReportOutcome = 'sent' | 'queued' | 'noRecipients' | 'mailFailed' | 'disabled' | 'alreadySent' | 'notQuarterStart';

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

function skipped(kind: ReportKind, outcome: ReportOutcome, message: string): ReportResult {
  return { kind, outcome, from: '', to: '', recipients: 0, archivedRows: 0, tickets: 0, anomalyRows: 0, message };
}

/**
 * A time-driven run: the last complete week, month or quarter. Does nothing
 * when Config switches the report off, on a day that does not start a quarter
 * (quarterly), or when that period is settled already (a trigger that fires
 * twice, or a later run that made it).
 */
export function runScheduledReport(ctx: AppContext, kind: ReportKind): ReportResult {
  if (!ctx.config.reports[kind]) return skipped(kind, 'disabled', ctx.t('report.disabled', { kind: ctx.t(`report.kind.${kind}`), key: SWITCH_KEY[kind] }));
  const offset = ctx.utcOffset;
  if (kind === 'quarterly' && !isQuarterStartDay(ctx.now.getTime(), offset)) return skipped(kind, 'notQuarterStart', ctx.t('report.notQuarterStart'));
  return withScriptLock(() => settle(ctx, readReportMarkers(), reportPeriods(kind, ctx.now.getTime(), offset, 'previous'), offset));
}

/**
 * Hourly: the reports whose scheduled run is over and did not settle its
 * period (the lock was busy, a call failed, the trigger never fired), made
 * and handed to the mail now, once. The markers are read again under the lock.
 */
export function catchUpReports(ctx: AppContext): ReportResult[] {
  const offset = ctx.utcOffset;
  const now = ctx.now.getTime();
  const owed = (markers: ReportMarkers) => REPORT_KINDS.filter((k) => ctx.config.reports[k]).map((k) => owedReport(k, now, offset, markers.settled(k))).filter((p) => p !== null);
  if (owed(readReportMarkers()).length === 0) return [];
  return withScriptLock(() => {
    const markers = readReportMarkers();
    return owed(markers).map((periods) => settle(ctx, markers, periods, offset));
  });
}

/**
 * Makes a scheduled report and settles its period (call under the lock). The
 * period is marked settled after the figures are archived and before the mail
 * is handed over: a run that stops after the mark never leads to a second
 * mail, and the mail itself cannot be lost to the quota or a failed send,
 * since `deliver` then queues it and the hourly job sends it once.
 */
function settle(ctx: AppContext, markers: ReportMarkers, periods: ReportPeriods, offset: number): ReportResult {
  const { kind, key, current: { from, to } } = periods;
  const kindText = ctx.t(`report.kind.${kind}`);
  if (isSettled(key, markers.settled(kind))) return { ...skipped(kind, 'alreadySent', ctx.t('report.alreadySent', { kind: kindText, from, to })), from, to };
  const report = makeReport(ctx, periods, offset);
  markers.markSettled(kind, key);
  if (!report.to) return report.result('noRecipients');
  const delivered = deliver(ctx, { ticketNo: '', to: report.to, mail: report.mail });
  return report.result(delivered);
}

/** On demand (menu, CLI): the period so far, compared with the same span of the previous one. Always sends. */
export function runReportNow(ctx: AppContext, kind: ReportKind): ReportResult {
  const offset = ctx.utcOffset;
  const report = makeReport(ctx, reportPeriods(kind, ctx.now.getTime(), offset, 'toDate'), offset);
  if (!report.to) return report.result('noRecipients');
  try {
    MailApp.sendEmail({ to: report.to, subject: report.mail.subject, body: report.mail.text, htmlBody: report.mail.html, name: ctx.config.mail.senderName });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    console.error(`report ${report.key}: ${error}`);
    return report.result('mailFailed', error);
  }
  return report.result('sent');
}

interface MadeReport {
  key: string;
  /** The Config recipients, comma-separated; '' when there are none. */
  to: string;
  mail: RenderedMail;
  /** What to tell the person who asked, once the mail's fate is known. */
  result(outcome: 'sent' | 'queued' | 'noRecipients' | 'mailFailed', error?: string): ReportResult;
}

/**
 * Computes the figures, renders the mail and archives every figure in 报表
 * (archived first: the figures are kept whatever becomes of the mail).
 * `offset`: the script zone's UTC offset, read once per execution (each read is a service call).
 */
function makeReport(ctx: AppContext, periods: ReportPeriods, offset: number): MadeReport {
  const { config } = ctx;
  const staffNames = Object.fromEntries(config.staff.map((s) => [s.email.toLowerCase(), s.name]));
  const figures = computeReport({
    records: readReportRecords(ctx.ss, offset, periods.kind === 'quarterly'),
    periods,
    now: ctx.now.getTime(),
    utcOffset: offset,
    settings: {
      calendar: config.calendar,
      firstResponse: config.followUp.firstResponse,
      staffNames,
      issueTerms: config.issueTypes.flatMap((r) => [r.type, ...r.keywords]),
      expected: { [CHANNEL.manual]: config.reports.expected.manual, [CHANNEL.import]: config.reports.expected.import },
    },
  });
  // The reveal audit and the SMS counts both live in script properties: read once.
  const props = allProperties();
  const mail = renderReportMail({
    figures,
    companyName: config.companyName,
    generatedAt: ctx.now.getTime(),
    utcOffset: offset,
    locale: config.locale,
    stampColumns: { firstResponse: TICKETS.col.firstResponseAt, resolution: TICKETS.col.resolvedAt },
    audit: revealAudit(readRevealAudit(props), periods.current.from, periods.current.to, staffNames),
    sms: reportSms(props, config.sms.provider !== 'none', periods.current.from, periods.current.to),
    capacity: workbookUsage(ctx.ss),
    holidays: holidayWarning(ctx),
  });

  const kindText = ctx.t(`report.kind.${periods.kind}`);
  const { from, to } = periods.current;
  const rows = archiveFigures(figures).map((f) => ({
    [REPORTS.col.id]: periods.key,
    [REPORTS.col.report]: kindText,
    [REPORTS.col.periodStart]: dayCell(from, offset),
    [REPORTS.col.periodEnd]: dayCell(to, offset),
    [REPORTS.col.group]: f.group,
    [REPORTS.col.figure]: f.name,
    [REPORTS.col.current]: f.current,
    [REPORTS.col.previous]: f.previous,
    [REPORTS.col.unit]: f.unit,
    [REPORTS.col.generatedAt]: ctx.now,
  }));
  const archive = ctx.table(REPORTS);
  showFigures(archive, archive.append(rows), rows.map((r) => String(r[REPORTS.col.unit])));
  keepReportChart(ctx, archive.sheet);

  const base = {
    kind: periods.kind,
    from,
    to,
    recipients: config.reportRecipients.length,
    archivedRows: rows.length,
    tickets: figures.current.tickets,
    anomalyRows: figures.anomalies.reduce((n, a) => n + a.rows.length, 0),
  };
  const said = { kind: kindText, from, to };
  const messages = {
    sent: () => ctx.t('report.done', { ...said, count: base.recipients, rows: rows.length }),
    queued: () => ctx.t('report.queued', said),
    noRecipients: () => ctx.t('report.noRecipients', said),
    mailFailed: (error: string) => ctx.t('report.mailFailed', { ...said, error }),
  };
  return {
    key: periods.key,
    to: config.reportRecipients.join(','),
    mail,
    result: (outcome, error = '') => ({ ...base, outcome, message: messages[outcome](error) }),
  };
}

/** The period's SMS, or null when SMS is off and the period sent none (no section then). */
function reportSms(props: Readonly<Record<string, string>>, on: boolean, from: string, to: string): SmsFigures | null {
  const figures = smsFigures(readSmsDays(props), from, to);
  return on || figures.sent + figures.capped > 0 ? figures : null;
}

/** A local date (yyyy-MM-dd) as the Date of its midnight in the script zone: Sheets shows it as that date. */
function dayCell(day: string, utcOffset: number): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(localMidnight(y, m, d, utcOffset));
}

/** 本期 and 上期 of the rows just archived get their figure's number format: one call per run of rows that share one. */
function showFigures(archive: Table, first: number, units: readonly string[]): void {
  const current = archive.column(REPORTS.col.current);
  const previous = archive.column(REPORTS.col.previous);
  const adjacent = Math.abs(current - previous) === 1;
  for (let i = 0; i < units.length; ) {
    const format = figureNumberFormat(units[i]!);
    let end = i + 1;
    while (end < units.length && figureNumberFormat(units[end]!) === format) end++;
    if (adjacent) archive.sheet.getRange(first + i, Math.min(current, previous), end - i, 2).setNumberFormat(format);
    else for (const col of [current, previous]) archive.sheet.getRange(first + i, col, end - i, 1).setNumberFormat(format);
    i = end;
  }
}
