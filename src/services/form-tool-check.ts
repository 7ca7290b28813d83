/**
 * 自检 › 表单工具推送: whether the pushes switched on can reach the add-on
 * (the script deployed as a web app), and, said plainly, what no check here
 * can see: whether each tool follows the 302 redirect Apps Script answers a
 * POST with (the push is filed before the redirect; the tools publish nothing
 * on it), which only the tool's own push log shows.
 */
import { FORM_TOOLS, FORM_TOOL_NAMES } from '../domain/form-tool-push';
import { parseFormToolSecrets } from '../domain/form-tool-secrets';
import { SELF_CHECK_RESULT } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import type { AppContext } from './context';
import { webAppUrl } from './form-tool-settings';
import type { Verdict } from './self-check';
import { storedFormToolSecrets } from './store';

/** Null when no tool's push is on: then there is nothing to check, and no row. */
export function formToolPushCheck(ctx: AppContext): Verdict | null {
  const secrets = parseFormToolSecrets(storedFormToolSecrets());
  const on = FORM_TOOLS.filter((tool) => secrets[tool]).map((tool) => FORM_TOOL_NAMES[tool]);
  if (on.length === 0) return null;
  const tools = on.join(listSeparator(ctx.locale));
  const url = webAppUrl();
  if (!url) return { result: SELF_CHECK_RESULT.fail, detail: ctx.t('selfCheck.formToolPushNotDeployed', { tools }), fix: ctx.t('selfCheck.fix.formToolPushNotDeployed') };
  return { result: SELF_CHECK_RESULT.pass, detail: ctx.t('selfCheck.formToolPushOk', { tools, url }), fix: ctx.t('selfCheck.fix.formToolPushRedirects') };
}
