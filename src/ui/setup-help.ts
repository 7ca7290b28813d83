/**
 * 客户管理 › 设置说明: a small dialog on what setup does and where everything
 * is changed, with this workbook's Form link when setup has run, a printable
 * QR code of that link, and the form tools' push URLs — for the owner only,
 * since each carries its token. Every value is escaped; the text comes from
 * the message catalogue.
 */
import { escapeHtml } from '../domain/escape';
import { formQr } from '../domain/form-qr';
import type { Translate } from '../i18n/messages';
import type { FormToolSettings } from '../contracts/form-tools';
import type { AppContext } from '../services/context';
import { formToolSettingsIfOwner } from '../services/form-tool-settings';
import { intakeFormUrl } from '../services/staff-ui';
import { setupOwner } from '../services/store';

const STEPS = ['ui.help.step1', 'ui.help.step2', 'ui.help.step3', 'ui.help.step4', 'ui.help.step5'] as const;

export interface SetupHelp {
  /** The intake Form's published link; '' before setup (or with the Form deleted). */
  formUrl: string;
  companyName: string;
  /** The push settings when the owner is asking; null for anyone else. */
  push: FormToolSettings | null;
  /** Who to ask for the push URLs; null before setup. */
  owner: string | null;
}

// Printing shows the QR block alone, on a page of its own.
const STYLE = '<style>'
  + '.help{font-family:Arial,sans-serif;font-size:13px;line-height:1.5;color:#222}'
  + '.qr-print{border:1px solid #ccc;padding:12px;margin:8px 0;text-align:center;break-inside:avoid}'
  + '.qr-print svg{width:220px;height:220px;display:block;margin:0 auto}'
  + '.qr-company{font-size:16px;font-weight:bold;margin-bottom:6px}'
  + '.qr-link{font-family:monospace;font-size:11px;word-break:break-all;margin-top:6px}'
  + '.push-url{font-family:monospace;font-size:11px;word-break:break-all;background:#f5f5f5;padding:4px}'
  + '@media print{body *{visibility:hidden}.qr-print,.qr-print *{visibility:visible}'
  + '.qr-print{position:absolute;left:0;top:0;width:100%;border:0}.qr-print svg{width:9cm;height:9cm}.no-print{display:none}}'
  + '</style>';

/** The block a person prints for an event: company, QR code, the link as text for those who type it. */
export function qrBlockHtml(formUrl: string, companyName: string, t: Translate): string {
  const qr = formQr(formUrl);
  return '<div class="qr-print">'
    + `<div class="qr-company">${escapeHtml(companyName)}</div>`
    + `<div>${escapeHtml(t('ui.help.qrCaption'))}</div>`
    + qr.svg
    + `<div class="qr-link">${escapeHtml(formUrl)}</div>`
    + '</div>';
}

function pushHtml(help: SetupHelp, t: Translate): string {
  if (!help.owner) return '';
  const title = `<h3 style="font-size:13px;margin:12px 0 4px">${escapeHtml(t('ui.help.pushTitle'))}</h3>`;
  if (!help.push) return `${title}<p>${escapeHtml(t('ui.help.pushAskOwner', { owner: help.owner }))}</p>`;
  const lines = help.push.tools.map((tool) => {
    if (!tool.enabled) return `<p>${escapeHtml(t('ui.help.pushOff', { tool: tool.name }))}</p>`;
    if (!tool.pushUrl) return '';
    return `<p>${escapeHtml(t('ui.help.pushUrl', { tool: tool.name }))}<br><span class="push-url">${escapeHtml(tool.pushUrl)}</span></p>`;
  });
  const anyOn = help.push.tools.some((tool) => tool.enabled);
  const notDeployed = help.push.webAppUrl === null && anyOn ? `<p><strong>${escapeHtml(t('ui.help.pushNotDeployed'))}</strong></p>` : '';
  return `${title}${notDeployed}${lines.join('')}<p style="color:#777">${escapeHtml(t('ui.help.pushManage'))}</p>`;
}

export function setupHelpHtml(help: SetupHelp, t: Translate): string {
  const items = STEPS.map((k) => `<li>${escapeHtml(t(k))}</li>`).join('');
  const form = help.formUrl
    ? `<p>${escapeHtml(t('ui.help.formLink'))}<br><a href="${escapeHtml(help.formUrl)}" target="_blank" rel="noopener">${escapeHtml(help.formUrl)}</a></p>`
      + `<h3 style="font-size:13px;margin:12px 0 4px">${escapeHtml(t('ui.help.qrTitle'))}</h3>`
      + qrBlockHtml(help.formUrl, help.companyName, t)
      + `<p class="no-print"><button onclick="window.print()">${escapeHtml(t('ui.help.print'))}</button></p>`
    : `<p><strong>${escapeHtml(t('menu.needsSetup'))}</strong></p>`;
  return `${STYLE}<div class="help"><ol style="padding-left:18px">${items}</ol>${form}${pushHtml(help, t)}</div>`;
}

export function openSetupHelp(ctx: AppContext): void {
  const help: SetupHelp = {
    formUrl: intakeFormUrl(),
    companyName: ctx.config.companyName,
    push: formToolSettingsIfOwner(ctx),
    owner: setupOwner(),
  };
  const html = HtmlService.createHtmlOutput(setupHelpHtml(help, ctx.t)).setWidth(520).setHeight(600);
  SpreadsheetApp.getUi().showModalDialog(html, ctx.t('ui.help.title'));
}
