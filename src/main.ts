/**
 * Apps Script entry points. Each one is listed in entry-points.json, from
 * which the build declares a top-level function; no logic lives here.
 */
import { t } from './i18n/messages';
import { handleEdit } from './services/edits';
import { handleFormSubmit, sweepFormResponses, type SweepReport } from './services/form-intake';
import { importRows, type ImportReport } from './services/import-intake';
import type { IntakeOutcome } from './services/intake';
import { submitManualEntry as submitManual, type ManualEntry } from './services/manual-intake';
import { resubmitReviewRow, voidReviewRow } from './services/review';
import { runSetup, type SetupSummary } from './services/setup';
import { handleWebhook } from './services/webhook-intake';
import { buildMenu, tell } from './ui/menu';
import { describeSetup, describeImport } from './ui/reports';

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
export function sweepSubmissions(): SweepReport {
  return sweepFormResponses();
}

/** 客户管理 › 导入表格数据. */
export function importFromSheet(): ImportReport {
  const report = importRows();
  tell(t('import.doneTitle'), describeImport(report));
  return report;
}

/** Server function of the manual-entry sidebar. */
export function submitManualEntry(entry: ManualEntry): IntakeOutcome {
  return submitManual(entry);
}

/** Review queue: resubmit a corrected 待审核 row. */
export function resubmitReview(row: number): IntakeOutcome {
  return resubmitReviewRow(Number(row));
}

/** Review queue: void a 待审核 row with a reason. */
export function voidReview(row: number, reason: string): void {
  voidReviewRow(Number(row), reason);
}
