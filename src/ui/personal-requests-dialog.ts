/**
 * 客户管理 › 个人信息请求: the dialog (src/ui/personal-requests.html) in
 * which staff handle a customer's request to see, correct or delete their
 * personal data. No right is checked here: the dialog's setup call refuses
 * whoever may not use it, and the dialog shows that refusal.
 */
import type { AppContext } from '../services/context';

export function openPersonalRequestsDialog(ctx: AppContext): void {
  const html = HtmlService.createHtmlOutputFromFile('personal-requests').setWidth(760).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(html, ctx.t('pipl.title'));
}
