/**
 * 客户管理 › 短信设置: the owner's dialog (src/ui/sms.html). Anyone else is
 * told who the owner is instead of getting a dialog that would only fail;
 * the dialog's server functions check again whoever calls them.
 */
import { UserError } from '../i18n/user-error';
import type { AppContext } from '../services/context';
import { smsSettings } from '../services/sms-settings';
import { tell } from './menu';

export function openSmsDialog(ctx: AppContext): void {
  try {
    smsSettings(ctx);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    tell(ctx.t('sms.dialog.title'), err.render(ctx.locale));
    return;
  }
  const html = HtmlService.createHtmlOutputFromFile('sms').setWidth(640).setHeight(620);
  SpreadsheetApp.getUi().showModalDialog(html, ctx.t('sms.dialog.title'));
}
