/**
 * 客户管理 › 设置说明: a small dialog on what setup does and where everything
 * is changed, with this workbook's Form link when setup has run. Every value
 * is escaped; the text comes from the message catalogue.
 */
import { escapeHtml } from '../domain/escape';
import type { Translate } from '../i18n/messages';
import { intakeFormUrl } from '../services/staff-ui';

const STEPS = ['ui.help.step1', 'ui.help.step2', 'ui.help.step3', 'ui.help.step4', 'ui.help.step5'] as const;

export function setupHelpHtml(formUrl: string, t: Translate): string {
  const items = STEPS.map((k) => `<li>${escapeHtml(t(k))}</li>`).join('');
  const form = formUrl
    ? `<p>${escapeHtml(t('ui.help.formLink'))}<br><a href="${escapeHtml(formUrl)}" target="_blank" rel="noopener">${escapeHtml(formUrl)}</a></p>`
    : `<p><strong>${escapeHtml(t('menu.needsSetup'))}</strong></p>`;
  return (
    '<div style="font-family:Arial,sans-serif;font-size:13px;line-height:1.5;color:#222">' +
    `<ol style="padding-left:18px">${items}</ol>${form}</div>`
  );
}

export function openSetupHelp(t: Translate): void {
  const html = HtmlService.createHtmlOutput(setupHelpHtml(intakeFormUrl(), t)).setWidth(480).setHeight(440);
  SpreadsheetApp.getUi().showModalDialog(html, t('ui.help.title'));
}
