/**
 * 查看敏感信息: 联系地址 and 证件号码 of one customer in plain, for staff that
 * 配置 marks 可查看敏感信息 only; every reveal is logged in 历史 (who, when,
 * which record). Everyone else gets a plain refusal, also logged.
 */
import { actingStaff } from './platform';
import { HISTORY_ACTION } from '../domain/vocabulary';
import { CUSTOMERS, HISTORY, INTERNAL } from '../sheets/schema';
import type { AppContext } from './context';
import { customerPlace, keysFrom, unseal } from './keys';
import { UserError } from '../i18n/user-error';
import type { FieldKey } from '../domain/fields';
import { readState } from './store';

export type RevealResult =
  | { ok: true; customer_no: string; address: string; id_number: string }
  | { ok: false; message: string };

export function revealSensitive(ctx: AppContext, customerNo: string): RevealResult {
  const who = actingStaff();
  const number = String(customerNo ?? '').trim();
  const allowed = ctx.config.staff.some((s) => s.canReveal && s.email.toLowerCase() === who.toLowerCase());
  const history = ctx.table(HISTORY);
  if (!allowed) {
    history.append([{ [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: who, [HISTORY.col.action]: HISTORY_ACTION.revealRefused, [HISTORY.col.oldValue]: number, [HISTORY.col.newValue]: '', [HISTORY.col.note]: '' }]);
    return { ok: false, message: ctx.t('ui.reveal.refused') };
  }
  const customers = ctx.table(CUSTOMERS);
  const found = /^[\w-]{1,40}$/.test(number) ? customers.findRows(CUSTOMERS.col.no, number) : [];
  if (found.length !== 1) return { ok: false, message: ctx.t('ui.reveal.notFound', { number }) };
  const row = customers.readRows(found).get(found[0]!)!;
  const keys = keysFrom(readState().all);
  // A sealed cell copied from another customer's row or field does not open here: refused, logged, nothing shown.
  const open = (sealed: unknown, field: FieldKey) => (typeof sealed === 'string' && sealed !== '' ? unseal(sealed, keys, customerPlace(number, field)) : '');
  let opened: { address: string; id_number: string };
  try {
    opened = { address: open(row[INTERNAL.addressSealed], 'address'), id_number: open(row[INTERNAL.idNumberSealed], 'id_number') };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    history.append([{ [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: who, [HISTORY.col.action]: HISTORY_ACTION.revealRefused, [HISTORY.col.oldValue]: number, [HISTORY.col.newValue]: '', [HISTORY.col.note]: err.render(ctx.locale) }]);
    return { ok: false, message: err.render(ctx.locale) };
  }
  history.append([{ [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: who, [HISTORY.col.action]: HISTORY_ACTION.revealed, [HISTORY.col.oldValue]: number, [HISTORY.col.newValue]: '', [HISTORY.col.note]: ctx.t('ui.reveal.fields') }]);
  return { ok: true, customer_no: number, ...opened };
}
