/**
 * 客户管理 › 群机器人设置: the owner's dialog (src/ui/robots.html). Anyone else
 * is told who the owner is instead of getting a dialog that would only fail;
 * the dialog's server functions check again whoever calls them.
 */
import { UserError } from '../i18n/user-error';
import type { AppContext } from '../services/context';
import { robotSettings } from '../services/robot-settings';
import { tell } from './menu';

export function openRobotsDialog(ctx: AppContext): void {
  try {
    robotSettings(ctx);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    tell(ctx.t('robots.dialog.title'), err.render(ctx.locale));
    return;
  }
  const html = HtmlService.createHtmlOutputFromFile('robots').setWidth(640).setHeight(600);
  SpreadsheetApp.getUi().showModalDialog(html, ctx.t('robots.dialog.title'));
}
