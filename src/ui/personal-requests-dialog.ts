/**
 * 客户管理 › 个人信息请求: the dialog (src/ui/personal-requests.html). Its
 * server functions check the reveal right on every call, so the dialog
 * itself opens for anyone and shows the refusal.
 */
import type { AppContext } from '../services/context';

export function openPersonalRequestsDialog(ctx: AppContext): void {
  const html = HtmlService.createHtmlOutputFromFile('personal-requests').setWidth(760).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(html, ctx.t('pipl.title'));
}
