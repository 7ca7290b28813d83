/** Opens the staff sidebars: src/ui/NAME.html, with its client script inlined by the build. */
import type { Translate } from '../i18n/messages';

export function openManualEntrySidebar(t: Translate): void {
  const html = HtmlService.createHtmlOutputFromFile('manual-entry').setTitle(t('ui.manual.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

export function openReviewQueueSidebar(t: Translate): void {
  const html = HtmlService.createHtmlOutputFromFile('review-queue').setTitle(t('ui.review.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

export function openOwnTicketsSidebar(t: Translate): void {
  const html = HtmlService.createHtmlOutputFromFile('tickets').setTitle(t('ui.tickets.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}
