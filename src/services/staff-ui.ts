/** Server side of the staff sidebars: what their forms need from 配置, and opening them. */
import { t } from '../i18n/messages';
import { AppContext } from './context';
import { PROP } from './keys';
import { pendingReviewItems } from './review';
import type { ReviewItem } from '../contracts/sidebars';
import { setupHelpHtml } from '../ui/setup-help';

export interface ManualEntryForm {
  /** Option lists by field key, as 配置 has them (the client validates against the same lists). */
  options: Record<string, string[]>;
  consentText: string;
}

export function manualEntryForm(): ManualEntryForm {
  const ctx = AppContext.load();
  return { options: ctx.config.options, consentText: ctx.config.consentText };
}

/** Opens the manual-entry sidebar (src/ui/manual-entry.html, with its client script inlined by the build). */
export function openManualEntrySidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('manual-entry').setTitle(t('ui.manual.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

export interface ReviewQueue extends ManualEntryForm {
  items: ReviewItem[];
}

export function reviewQueue(): ReviewQueue {
  return { ...manualEntryForm(), items: pendingReviewItems() };
}

/** Opens the review-queue sidebar (src/ui/review-queue.html). */
export function openReviewQueueSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('review-queue').setTitle(t('ui.review.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The 设置说明 dialog, with this workbook's Form link once setup has run. */
export function openSetupHelp(): void {
  const id = PropertiesService.getScriptProperties().getProperty(PROP.formId);
  let url = '';
  if (id) {
    try {
      url = FormApp.openById(id).getPublishedUrl();
    } catch {
      // The Form was deleted: the dialog says to run setup again.
    }
  }
  const html = HtmlService.createHtmlOutput(setupHelpHtml(url)).setWidth(480).setHeight(440);
  SpreadsheetApp.getUi().showModalDialog(html, t('ui.help.title'));
}
