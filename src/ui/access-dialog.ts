/**
 * 客户管理 › 敏感信息查看权限: the owner's dialog (src/ui/access.html). Anyone
 * else is told who the owner is instead of getting a dialog that would only
 * fail; the dialog's server functions check again whoever calls them.
 */
import { UserError } from '../i18n/user-error';
import { accessSettings } from '../services/access';
import type { AppContext } from '../services/context';
import { tell } from './menu';

export function openAccessDialog(ctx: AppContext): void {
  try {
    accessSettings(ctx);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    tell(ctx.t('access.title'), err.render(ctx.locale));
    return;
  }
  const html = HtmlService.createHtmlOutputFromFile('access').setWidth(520).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, ctx.t('access.title'));
}
