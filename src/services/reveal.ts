/**
 * 查看敏感信息: 联系地址 and 证件号码 of one customer in plain, for staff that
 * 配置 marks 可查看敏感信息 only; every reveal is logged in 历史 (who, when,
 * which record). Everyone else gets a plain refusal, also logged.
 */
import { HISTORY_ACTION } from '../domain/vocabulary';
import { t } from '../i18n/messages';
import { CUSTOMERS, HISTORY, INTERNAL } from '../sheets/schema';
import { AppContext } from './context';
import { keysFrom, unseal } from './keys';
import { currentStaff } from './manual-intake';
import { readState } from './store';

export type RevealResult =
  | { ok: true; customer_no: string; address: string; id_number: string }
  | { ok: false; message: string };

export function revealSensitive(customerNo: string): RevealResult {
  const ctx = AppContext.load();
  const who = currentStaff();
  const number = String(customerNo ?? '').trim();
  const allowed = ctx.config.staff.some((s) => s.canReveal && s.email.toLowerCase() === who.toLowerCase());
  const history = ctx.table(HISTORY);
  if (!allowed) {
    history.append([{ 时间: ctx.now, 工单编号: '', 操作人: who, 动作: HISTORY_ACTION.revealRefused, 原值: number, 新值: '', 说明: '' }]);
    return { ok: false, message: t('ui.reveal.refused') };
  }
  const customers = ctx.table(CUSTOMERS);
  const found = /^[\w-]{1,40}$/.test(number) ? customers.findRows('客户编号', number) : [];
  if (found.length !== 1) return { ok: false, message: t('ui.reveal.notFound', { number }) };
  const row = customers.readRows(found).get(found[0]!)!;
  const keys = keysFrom(readState().all);
  const open = (sealed: unknown) => (typeof sealed === 'string' && sealed !== '' ? unseal(sealed, keys) : '');
  history.append([{ 时间: ctx.now, 工单编号: '', 操作人: who, 动作: HISTORY_ACTION.revealed, 原值: number, 新值: '', 说明: t('ui.reveal.fields') }]);
  return { ok: true, customer_no: number, address: open(row[INTERNAL.addressSealed]), id_number: open(row[INTERNAL.idNumberSealed]) };
}
