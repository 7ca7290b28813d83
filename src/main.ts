/**
 * Apps Script entry points. Each one is listed in entry-points.json, from
 * which the build declares a top-level function; no logic lives here. Each
 * loads the execution's context once (withContext) and passes it down; its
 * user errors leave rendered in the Config's 通用 / 语言.
 */
import { inviteRefresh, type RefreshReport } from './services/refresh';
import { translator } from './i18n/messages';
import { UserError } from './i18n/user-error';
import { followChange } from './services/workbook-cache';
import { configLocale, rendered, withContext } from './services/context';
import { handleEdit } from './services/edits';
import { continueDeferredIntake, handleFormSubmit, sweepFormResponses, type FormOutcome, type SweepReport } from './services/form-intake';
import { continueImport, importRows, resumeStalledImport, type ImportReport } from './services/import-intake';
import type { IntakeOutcome } from './services/intake';
import { submitManualEntry as submitManual, type ManualEntry, type ManualEntryReply } from './services/manual-intake';
import { catchUpReports, runReportNow, runScheduledReport, type ReportResult } from './services/reports';
import { resubmitReviewRow, voidReviewRow, type ConsentInput } from './services/review';
import { runSelfCheck as selfCheck, type SelfCheckReport } from './services/self-check';
import { runSetup, type SetupSummary } from './services/setup';
import { answerWebhook } from './services/webhook-intake';
import { runEscalation, runOverdueDigest, type DigestReport, type EscalationReport } from './services/escalation';
import { continueRetention, runRetention, type RetentionReport } from './services/retention';
import { handleSurveySubmit, sweepSurveyResponses, type SurveyResult } from './services/survey';
import { revealSensitive as revealCustomer, type RevealResult } from './services/reveal';
import { accessSettings as ownerAccess, saveAccessSettings as saveOwnerAccess } from './services/access';
import type { AccessSettings } from './contracts/access';
import { openAccessDialog } from './ui/access-dialog';
import { openRobotsDialog } from './ui/robots-dialog';
import { CHANNELS } from './services/channels';
import { continueOutbound, deliverOutbound, type OutboundReport } from './services/outbound';
import { robotAction, robotSettings as ownerRobots, saveRobot } from './services/robot-settings';
import type { RobotSettings } from './contracts/robots';
import { openSmsDialog } from './ui/sms-dialog';
import { saveSms, smsAction, smsSettings as ownerSms } from './services/sms-settings';
import type { SmsSettings } from './contracts/sms';
import { openPersonalRequestsDialog } from './ui/personal-requests-dialog';
import { correctPerson, erasePerson, exportPerson, findPerson, personalRequestsSetup as requestsSetup } from './services/personal-requests';
import type { PersonFound, PersonalExport, PersonalRequestsSetup, RequestDone } from './contracts/personal-requests';
import { manualEntryForm, reviewQueue, type ManualEntryForm, type ReviewQueue } from './services/staff-ui';
import { findCustomerForEntry } from './services/customer-lookup';
import { confirmOwnTicketChanges, ownTickets, setOwnTicketStatus } from './services/own-tickets';
import type { ConfirmedChanges, FoundCustomer, OwnTickets } from './contracts/sidebars';
import { afterSetup, ask, buildMenu, mergeFromMenu, revealFromMenu, tell } from './ui/menu';
import { mergeCustomers as mergeRecords, type MergeDone } from './services/customer-merge';
import { actingStaff } from './services/platform';
import { describeSelfCheck, describeSetup, describeImport } from './ui/reports';
import { openSetupHelp } from './ui/setup-help';
import { openFormToolsDialog } from './ui/form-tools-dialog';
import { disableFormTool as disableTool, formToolSettings as toolSettings, renewFormToolToken as renewToken, saveWjxSignKey as saveSignKey } from './services/form-tool-settings';
import type { FormToolSettings } from './contracts/form-tools';
import { openManualEntrySidebar, openOwnTicketsSidebar, openReviewQueueSidebar } from './ui/sidebars';

/** The menu in the Config's language, read cheaply; zh-CN when onOpen may not read the sheet (see configLocale). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(configLocale());
}

export function onInstall(_e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenu(configLocale());
}

/** 客户管理 › 初始化/修复 (and `cli init`). */
export function setup(): SetupSummary | null {
  return rendered(() => {
    let summary: SetupSummary;
    try {
      summary = runSetup({ confirmNewKeys: (t) => ask(t('keys.replaceTitle'), t('keys.replaceQuestion')) });
    } catch (err) {
      // Not the owner (or not known): said in a dialog, as plainly as the summary would be.
      if (!(err instanceof UserError) || (err.key !== 'setup.notOwner' && err.key !== 'setup.unknownUser')) throw err;
      const locale = configLocale();
      tell(translator(locale)('setup.refusedTitle'), err.render(locale));
      return null;
    }
    tell(translator(summary.locale)('setup.doneTitle'), describeSetup(summary));
    return summary;
  });
}

export function onFormSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): FormOutcome {
  return withContext((ctx) => handleFormSubmit(ctx, e));
}

/** The installable edit trigger (named so that it never also runs as the simple onEdit). */
export function onSheetEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  rendered(() => handleEdit(e));
}

/** The installable change trigger: rows, columns or sheets changed. */
export function onSheetChange(e: GoogleAppsScript.Events.SheetsOnChange): void {
  followChange(e?.changeType);
}

export function doPost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(answerWebhook(e))).setMimeType(ContentService.MimeType.JSON);
}

/** Time-driven: processes Form responses that a failed or dropped trigger missed, and continues an import whose continuation was lost. */
export function sweepSubmissions(): SweepReport & { ratings: number; importResumed: boolean } {
  return withContext((ctx) => ({ importResumed: resumeStalledImport(), ...sweepFormResponses(ctx), ratings: sweepSurveyResponses(ctx) }));
}

/** 客户管理 › 自检: run after deploying; results in the 自检 sheet, a summary in a dialog. */
export function runSelfCheck(): SelfCheckReport | null {
  return withContext((ctx) => afterSetup(ctx, () => {
    const report = selfCheck(ctx);
    tell(ctx.t('selfCheck.doneTitle'), describeSelfCheck(report, ctx));
    return report;
  }), { configMayBeMissing: true });
}

/** 客户管理 › 导入表格数据. */
export function importFromSheet(): ImportReport | null {
  return withContext((ctx) => afterSetup(ctx, () => {
    const report = importRows(ctx);
    tell(ctx.t('import.doneTitle'), describeImport(report, ctx.t));
    return report;
  }));
}

/** One-off time-driven: files the Form responses that submissions left in a burst (a busy lock). */
export function intakeContinue(): SweepReport {
  return withContext(continueDeferredIntake);
}

/** One-off time-driven: continues an import that reached its time budget. */
export function importContinue(): ImportReport {
  return withContext(continueImport);
}

/** Server function of the manual-entry sidebar. */
export function submitManualEntry(entry: ManualEntry): ManualEntryReply {
  return withContext((ctx) => submitManual(ctx, entry));
}

/**
 * Review queue: resubmit a 待审核 row, as stored or with the reviewer's corrected answers. The
 * sidebar sends the item's key, so the click acts on the item shown even after staff sorted 待审核,
 * and for a customer who did not consent, how consent was obtained (`{ way, note }`).
 */
export function resubmitReview(row: number, answers?: Record<string, unknown> | null, key?: string, consent?: ConsentInput | null): IntakeOutcome {
  return withContext((ctx) => resubmitReviewRow(ctx, Number(row), plainObject(answers), reviewKey(key), plainObject(consent)));
}

/** An object the client sent, or nothing (null, an array or a primitive). */
function plainObject<T extends object>(v: T | null | undefined): T | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** Review queue: void a 待审核 row with a reason (the item's key as for resubmitReview). */
export function voidReview(row: number, reason: string, key?: string): void {
  withContext((ctx) => voidReviewRow(ctx, Number(row), reason, reviewKey(key)));
}

/** A review item's key as the client sent it; none (the CLI, a script) means the row number as the sheet is now. */
function reviewKey(key: unknown): string | undefined {
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/** Time-driven, Monday 09:00: last week's report. */
export function reportWeekly(): ReportResult {
  return withContext((ctx) => runScheduledReport(ctx, 'weekly'));
}

/** Time-driven, the 1st at 09:00: last month's report. */
export function reportMonthly(): ReportResult {
  return withContext((ctx) => runScheduledReport(ctx, 'monthly'));
}

/** Time-driven, the 1st at 09:00: last quarter's report, on the first day of a quarter only. */
export function reportQuarterly(): ReportResult {
  return withContext((ctx) => runScheduledReport(ctx, 'quarterly'));
}

/** 客户管理 › 立即生成周报: this week so far, sent now. */
export function reportWeeklyNow(): ReportResult | null {
  return withContext((ctx) => afterSetup(ctx, () => {
    const result = runReportNow(ctx, 'weekly');
    tell(ctx.t('report.doneTitle'), result.message);
    return result;
  }));
}

/** Any report on demand (CLI, sidebars): `weekly`, `monthly` or `quarterly`, the period so far. */
export function reportNow(kind: string): ReportResult {
  return withContext((ctx) => {
    if (kind !== 'weekly' && kind !== 'monthly' && kind !== 'quarterly') throw new UserError('report.badKind', { kind: String(kind) });
    return runReportNow(ctx, kind);
  });
}

/** The survey Form's submit trigger: a rating lands on its (signed) ticket. */
export function onSurveySubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): SurveyResult {
  return withContext((ctx) => handleSurveySubmit(ctx, e));
}

/**
 * Time-driven, hourly: queued mail, overdue reminders and escalation, the scheduled reports a failed run left
 * unsent, and in the day the 定期更新 mails (last: a failure there holds up nothing else).
 */
export function followUpHourly(): EscalationReport & { reports: ReportResult[]; notifications: OutboundReport; refresh: RefreshReport | null } {
  return withContext((ctx) => {
    const done = { ...runEscalation(ctx), reports: catchUpReports(ctx) };
    return { ...done, notifications: deliverOutbound(ctx, CHANNELS), refresh: inviteRefresh(ctx) };
  });
}

/** One-off time-driven: the robot messages a run left for a rate window or a short backoff. */
export function notifyContinue(): OutboundReport {
  return withContext((ctx) => continueOutbound(ctx, CHANNELS));
}

/** 客户管理 › 群机器人设置: the owner's dialog; anyone else is told who the owner is. */
export function showRobotSettings(): void {
  withContext((ctx) => afterSetup(ctx, () => openRobotsDialog(ctx)));
}

/** 群机器人设置 dialog: the robots of 配置 › 通知, their state and what waits, for the owner only. */
export function robotSettings(): RobotSettings {
  return withContext(ownerRobots);
}

/** 群机器人设置 dialog: the owner stores a robot's webhook address and secret (blank: keep), checked first. */
export function saveRobotSettings(name: string, url: string, secret: string): RobotSettings {
  return withContext((ctx) => saveRobot(ctx, name, url, secret));
}

/** 群机器人设置 dialog: resume, purge, forget or test one robot (the owner only). */
export function robotSettingsAction(name: string, action: string): RobotSettings {
  return withContext((ctx) => robotAction(ctx, name, action));
}

/** 客户管理 › 短信设置: the owner's dialog for the SMS provider's key pair; anyone else is told who the owner is. */
export function showSmsSettings(): void {
  withContext((ctx) => afterSetup(ctx, () => openSmsDialog(ctx)));
}

/** 短信设置 dialog: what 配置 › 短信 says, today's count, the provider's state and what waits, for the owner only. */
export function smsSettings(): SmsSettings {
  return withContext(ownerSms);
}

/** 短信设置 dialog: the owner stores the key pair of the provider 配置 names (blank: keep), checked first. */
export function saveSmsSettings(provider: string, id: string, secret: string): SmsSettings {
  return withContext((ctx) => saveSms(ctx, provider, id, secret));
}

/** 短信设置 dialog: resume, purge or forget (the owner only). */
export function smsSettingsAction(provider: string, action: string): SmsSettings {
  return withContext((ctx) => smsAction(ctx, provider, action));
}

/** Time-driven, Monday 09:00: the overdue digest. */
export function overdueDigest(): DigestReport {
  return withContext(runOverdueDigest);
}

/** Time-driven, the 1st at 03:00: anonymise tickets closed longer than the retention period. */
export function retentionMonthly(): RetentionReport {
  return withContext(runRetention);
}

/** One-off, a minute after a retention run that left a backlog: the next batch. */
export function retentionContinue(): RetentionReport {
  return withContext(continueRetention);
}

/** 客户管理 › 新建客户记录: the manual-entry sidebar. */
export function showManualEntry(): void {
  withContext((ctx) => afterSetup(ctx, () => openManualEntrySidebar(ctx.t)));
}

/** Manual-entry sidebar: the option lists and consent sentence from 配置. */
export function manualEntrySetup(): ManualEntryForm {
  return withContext(manualEntryForm);
}

/** 客户管理 › 待审核队列: the review sidebar. */
export function showReviewQueue(): void {
  withContext((ctx) => afterSetup(ctx, () => openReviewQueueSidebar(ctx.t)));
}

/** Review sidebar: the open 待审核 rows and what the field form needs from 配置. */
export function reviewQueueSetup(): ReviewQueue {
  return withContext(reviewQueue);
}

/** 客户管理 › 我的工单: the signed-in staff member's open tickets. */
export function showMyTickets(): void {
  withContext((ctx) => afterSetup(ctx, () => openOwnTicketsSidebar(ctx.t)));
}

/** 客户管理 › 设置说明: what setup does and where everything is changed. */
export function showSetupHelp(): void {
  withContext((ctx) => openSetupHelp(ctx));
}

/** 我的工单 sidebar: the list, nearest deadline first. */
export function myTickets(): OwnTickets {
  return withContext(ownTickets);
}

/** 我的工单 sidebar: a status change, handled as an edit in the sheet; returns the refreshed list. */
export function setMyTicketStatus(ticketNo: string, status: string, note: string): OwnTickets {
  return withContext((ctx) => setOwnTicketStatus(ctx, ticketNo, status, note));
}

/** 我的工单 sidebar: 确认更新, the ticket's pending customer changes applied to the record; returns the refreshed list. */
export function confirmMyTicketChanges(ticketNo: string): ConfirmedChanges {
  return withContext((ctx) => confirmOwnTicketChanges(ctx, ticketNo));
}

/** Manual-entry sidebar: a returning customer by mobile, email or customer number (no sensitive fields). */
export function lookupCustomer(query: string): FoundCustomer | null {
  return withContext((ctx) => findCustomerForEntry(ctx, query));
}

/** 客户管理 › 查看敏感信息. */
export function showReveal(): RevealResult | null {
  return withContext((ctx) => afterSetup(ctx, () => revealFromMenu(ctx)));
}

/** 联系地址/证件号码 of one customer, for staff on the owner's list; logged in 历史. */
export function revealSensitive(customerNo: string): RevealResult {
  return withContext((ctx) => revealCustomer(ctx, customerNo));
}

/** 客户管理 › 合并客户: two records of one customer become the one staff keep. */
export function showMergeCustomers(): MergeDone | null {
  return withContext((ctx) => afterSetup(ctx, () => mergeFromMenu(ctx, actingStaff())));
}

/** 合并客户 without the dialog (CLI, scripts): `otherNo` merged into `keptNo`; running it again finishes a stopped merge. */
export function mergeCustomers(keptNo: string, otherNo: string): MergeDone {
  return withContext((ctx) => mergeRecords(ctx, keptNo, otherNo, actingStaff()));
}

/** 客户管理 › 敏感信息查看权限: the owner's dialog; anyone else is told who the owner is. */
export function showAccessSettings(): void {
  withContext((ctx) => afterSetup(ctx, () => openAccessDialog(ctx)));
}

/** Access dialog: who may reveal and who may edit 配置, for the owner only. */
export function accessSettings(): AccessSettings {
  return withContext(ownerAccess);
}

/** Access dialog: the owner saves both lists (one address a line); anyone else is refused. */
export function saveAccessSettings(reveal: string, admins: string): AccessSettings {
  return withContext((ctx) => saveOwnerAccess(ctx, reveal, admins));
}

/** 客户管理 › 表单工具推送: the owner's dialog for the 金数据 / 问卷星 / 腾讯问卷 push URLs; anyone else is told who the owner is. */
export function showFormToolPushes(): void {
  withContext((ctx) => afterSetup(ctx, () => openFormToolsDialog(ctx)));
}

/** 表单工具推送 dialog: each tool's state and push URL, for the owner only. */
export function formToolSettings(): FormToolSettings {
  return withContext(toolSettings);
}

/** 表单工具推送 dialog: switches a tool's pushes on, or replaces its token (owner only). */
export function renewFormToolToken(tool: string): FormToolSettings {
  return withContext((ctx) => renewToken(ctx, tool));
}

/** 表单工具推送 dialog: switches a tool's pushes off (owner only). */
export function disableFormTool(tool: string): FormToolSettings {
  return withContext((ctx) => disableTool(ctx, tool));
}

/** 表单工具推送 dialog: 问卷星's 推送密钥; blank clears it (owner only). */
export function saveWjxSignKey(key: string): FormToolSettings {
  return withContext((ctx) => saveSignKey(ctx, key));
}

/** 客户管理 › 个人信息请求: a customer's copy, correction or deletion, for staff on the reveal list. */
export function showPersonalRequests(): void {
  withContext((ctx) => afterSetup(ctx, () => openPersonalRequestsDialog(ctx)));
}

/** 个人信息请求 dialog: its language and the fields a correction may change; refused without the right. */
export function personalRequestsSetup(): PersonalRequestsSetup {
  return withContext(requestsSetup);
}

/** 个人信息请求 dialog: the customer a number, mobile or email names. */
export function findPersonalData(query: string): PersonFound {
  return withContext((ctx) => findPerson(ctx, query));
}

/** 个人信息请求 dialog: everything held about the customer, as tables and CSV (logged as a reveal). */
export function exportPersonalData(customerNo: string): PersonalExport {
  return withContext((ctx) => exportPerson(ctx, customerNo));
}

/** 个人信息请求 dialog: one field of the customer's record corrected (checked, sealed, re-indexed, logged). */
export function correctPersonalData(customerNo: string, field: string, value: string, note: string): RequestDone {
  return withContext((ctx) => correctPerson(ctx, customerNo, field, value, note));
}

/** 个人信息请求 dialog: the customer's personal data deleted everywhere, once the number is typed again. */
export function erasePersonalData(customerNo: string, typed: string, note: string): RequestDone {
  return withContext((ctx) => erasePerson(ctx, customerNo, typed, note));
}
