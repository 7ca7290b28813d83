/**
 * 客户管理 › 表单工具推送: the owner's dialog (src/ui/form-tools.html).
 * Anyone else is told who the owner is instead of getting a dialog that
 * would only fail; the dialog's server functions check again whoever calls them.
 */
import { UserError } from '../i18n/user-error';
import type { AppContext } from '../services/context';
import { formToolSettings } from '../services/form-tool-settings';
import { tell } from './menu';

export function openFormToolsDialog(ctx: AppContext): void {
  try {
    formToolSettings(ctx);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    tell(ctx.t('formTools.dialog.title'), err.render(ctx.locale));
    return;
  }
  const html = HtmlService.createHtmlOutputFromFile('form-tools').setWidth(560).setHeight(620);
  SpreadsheetApp.getUi().showModalDialog(html, ctx.t('formTools.dialog.title'));
}
