/**
 * Apps Script entry points. Each one is listed in entry-points.json, from
 * which the build declares a top-level function; no logic lives here.
 */
import { t } from './i18n/messages';
import { handleEdit } from './services/edits';
import { handleFormSubmit, sweepFormResponses, type SweepReport } from './services/form-intake';
import { continueImport, importRows, type ImportReport } from './services/import-intake';
import type { IntakeOutcome } from './services/intake';
import { submitManualEntry as submitManual, type ManualEntry } from './services/manual-intake';
import { runReportNow, runScheduledReport, type ReportResult } from './services/reports';
import { resubmitReviewRow, voidReviewRow } from './services/review';
import { runSetup, type SetupSummary } from './services/setup';
import { handleWebhook } from './services/webhook-intake';
import { runEscalation, runOverdueDigest, type DigestReport, type EscalationReport } from './services/escalation';
import { runRetention, type RetentionReport } from './services/retention';
import { handleSurveySubmit, sweepSurveyResponses, type SurveyResult } from './services/survey';
import { revealSensitive as revealCustomer, type RevealResult } from './services/reveal';
import { manualEntryForm, reviewQueue, type ManualEntryForm, type ReviewQueue } from './services/staff-ui';
import { findCustomerForEntry } from './services/customer-lookup';
import { ownTickets, setOwnTicketStatus } from './services/own-tickets';
import type { FoundCustomer, OwnTickets } from './contracts/sidebars';
import { afterSetup, buildMenu, revealFromMenu, tell } from './ui/menu';
import { describeSetup, describeImport } from './ui/reports';
import { openSetupHelp } from './ui/setup-help';
import { openManualEntrySidebar, openOwnTicketsSidebar, openReviewQueueSidebar } from './ui/sidebars';

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

export function onInstall(_e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenu();
}

/** 客户管理 › 初始化/修复 (and `cli init`). */
export function setup(): SetupSummary {
  const summary = runSetup();
  tell(t('setup.doneTitle'), describeSetup(summary));
  return summary;
}

export function onFormSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): IntakeOutcome {
  return handleFormSubmit(e);
}

export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleEdit(e);
}

export function doPost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(handleWebhook(e))).setMimeType(ContentService.MimeType.JSON);
}

/** Time-driven: processes Form responses that a failed or dropped trigger missed. */
export function sweepSubmissions(): SweepReport & { ratings: number } {
  return { ...sweepFormResponses(), ratings: sweepSurveyResponses() };
}

/** 客户管理 › 导入表格数据. */
export function importFromSheet(): ImportReport | null {
  return afterSetup(() => {
    const report = importRows();
    tell(t('import.doneTitle'), describeImport(report));
    return report;
  });
}

/** One-off time-driven: continues an import that reached its time budget. */
export function importContinue(): ImportReport {
  return continueImport();
}

/** Server function of the manual-entry sidebar. */
export function submitManualEntry(entry: ManualEntry): IntakeOutcome {
  return submitManual(entry);
}

/** Review queue: resubmit a 待审核 row, as stored or with the reviewer's corrected answers. */
export function resubmitReview(row: number, answers?: Record<string, unknown>): IntakeOutcome {
  return resubmitReviewRow(Number(row), answers && typeof answers === 'object' && !Array.isArray(answers) ? answers : undefined);
}

/** Review queue: void a 待审核 row with a reason. */
export function voidReview(row: number, reason: string): void {
  voidReviewRow(Number(row), reason);
}

/** Time-driven, Monday 09:00: last week's report. */
export function reportWeekly(): ReportResult {
  return runScheduledReport('weekly');
}

/** Time-driven, the 1st at 09:00: last month's report. */
export function reportMonthly(): ReportResult {
  return runScheduledReport('monthly');
}

/** Time-driven, the 1st at 09:00: last quarter's report, on the first day of a quarter only. */
export function reportQuarterly(): ReportResult {
  return runScheduledReport('quarterly');
}

/** 客户管理 › 立即生成周报: this week so far, sent now. */
export function reportWeeklyNow(): ReportResult | null {
  return afterSetup(() => {
    const result = runReportNow('weekly');
    tell(t('report.doneTitle'), result.message);
    return result;
  });
}

/** Any report on demand (CLI, sidebars): `weekly`, `monthly` or `quarterly`, the period so far. */
export function reportNow(kind: string): ReportResult {
  if (kind !== 'weekly' && kind !== 'monthly' && kind !== 'quarterly') throw new Error(t('report.badKind', { kind: String(kind) }));
  return runReportNow(kind);
}

/** The survey Form's submit trigger: a rating lands on its (signed) ticket. */
export function onSurveySubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): SurveyResult {
  return handleSurveySubmit(e);
}

/** Time-driven, hourly: queued mail, overdue reminders and escalation. */
export function followUpHourly(): EscalationReport {
  return runEscalation();
}

/** Time-driven, Monday 09:00: the overdue digest. */
export function overdueDigest(): DigestReport {
  return runOverdueDigest();
}

/** Time-driven, the 1st at 03:00: anonymise tickets closed longer than the retention period. */
export function retentionMonthly(): RetentionReport {
  return runRetention();
}

/** 客户管理 › 新建客户记录: the manual-entry sidebar. */
export function showManualEntry(): void {
  afterSetup(openManualEntrySidebar);
}

/** Manual-entry sidebar: the option lists and consent sentence from 配置. */
export function manualEntrySetup(): ManualEntryForm {
  return manualEntryForm();
}

/** 客户管理 › 待审核队列: the review sidebar. */
export function showReviewQueue(): void {
  afterSetup(openReviewQueueSidebar);
}

/** Review sidebar: the open 待审核 rows and what the field form needs from 配置. */
export function reviewQueueSetup(): ReviewQueue {
  return reviewQueue();
}

/** 客户管理 › 我的工单: the signed-in staff member's open tickets. */
export function showMyTickets(): void {
  afterSetup(openOwnTicketsSidebar);
}

/** 客户管理 › 设置说明: what setup does and where everything is changed. */
export function showSetupHelp(): void {
  openSetupHelp();
}

/** 我的工单 sidebar: the list, nearest deadline first. */
export function myTickets(): OwnTickets {
  return ownTickets();
}

/** 我的工单 sidebar: a status change, handled as an edit in the sheet; returns the refreshed list. */
export function setMyTicketStatus(ticketNo: string, status: string, note: string): OwnTickets {
  return setOwnTicketStatus(ticketNo, status, note);
}

/** Manual-entry sidebar: a returning customer by mobile, email or customer number (no sensitive fields). */
export function lookupCustomer(query: string): FoundCustomer | null {
  return findCustomerForEntry(query);
}

/** 客户管理 › 查看敏感信息. */
export function showReveal(): RevealResult | null {
  return afterSetup(revealFromMenu);
}

/** 联系地址/证件号码 of one customer, for staff allowed by 配置; logged in 历史. */
export function revealSensitive(customerNo: string): RevealResult {
  return revealCustomer(customerNo);
}
