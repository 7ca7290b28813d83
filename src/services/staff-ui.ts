/** Server side of the staff sidebars: what the manual-entry form needs from 配置, and opening the sidebar. */
import { t } from '../i18n/messages';
import { AppContext } from './context';

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
