/**
 * Weekly, monthly and quarterly reports: one batch read of 工单, 客户 and
 * 待审核 (report-rows.ts), the figures computed by domain/report-figures,
 * the mail rendered by domain/report-email and sent to the Config recipients,
 * and every figure archived in the 报表 sheet (one batch write). Service
 * calls do not depend on the number of rows.
 */
import { localMidnight } from '../domain/local-time';
import { archiveFigures } from '../domain/report-archive';
import { renderReportMail } from '../domain/report-email';
import { computeReport } from '../domain/report-figures';
import { isQuarterStartDay, reportPeriods, type ReportKind, type ReportPeriods } from '../domain/report-periods';
import { REPORTS, TICKETS } from '../sheets/schema';
import type { AppContext } from './context';
import { withScriptLock } from './lock';
import { readReportRecords } from './report-rows';
import { readReportMarker } from './store';

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

/** `offset`: the script zone's UTC offset, read once per execution (each read is a service call). */
function makeReport(ctx: AppContext, periods: ReportPeriods, offset: number): ReportResult {
  const { config } = ctx;
  const figures = computeReport({
    records: readReportRecords(ctx.ss, offset),
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
    stampColumns: { firstResponse: TICKETS.col.firstResponseAt, resolution: TICKETS.col.resolvedAt },
  });

  // Archive first: the figures are kept even when the mail cannot go out.
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
  return new Date(localMidnight(y, m, d, utcOffset));
}
