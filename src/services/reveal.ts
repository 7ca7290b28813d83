/**
 * 查看敏感信息: 联系地址 and 证件号码 of one customer in plain, for the staff
 * the owner lists (客户管理 › 敏感信息查看权限, kept in script properties; a
 * 配置 edit grants nothing); every reveal is logged in 历史 (who, when, which
 * record) and counted where no editor can change it, for the reports' audit
 * line. Everyone else gets a plain refusal, also logged and counted.
 */
import { listed } from '../domain/access';
import { currentAccess } from './access';
import { actingStaff, formatDay } from './platform';
import { HISTORY_ACTION, type HistoryAction } from '../domain/vocabulary';
import { HISTORY, INTERNAL } from '../sheets/schema';
import type { AppContext } from './context';
import { keptCustomer } from './customer-lookup';
import { customerPlace, keysFrom, unseal } from './keys';
import { UserError } from '../i18n/user-error';
import type { FieldKey } from '../domain/fields';
import { withScriptLock } from './lock';
import { countReveal, readState } from './store';

export type RevealResult =
  | { ok: true; customer_no: string; address: string; id_number: string }
  | { ok: false; message: string };

export function revealSensitive(ctx: AppContext, customerNo: string): RevealResult {
  const who = actingStaff();
  const number = String(customerNo ?? '').trim();
  const allowed = mayReveal(ctx, who);
  const refuse = (note: string, message: string): RevealResult => {
    recordReveal(ctx, who, number, false, HISTORY_ACTION.revealRefused, note);
    return { ok: false, message };
  };
  if (!allowed) return refuse('', ctx.t('ui.reveal.refused'));
  // A merged record's number reveals the record it was merged into, and says which.
  const kept = /^[\w-]{1,40}$/.test(number) ? keptCustomer(ctx, number) : undefined;
  if (!kept) return { ok: false, message: ctx.t('ui.reveal.notFound', { number }) };
  const { values: row, customerNo: shown } = kept;
  const keys = keysFrom(readState().all);
  // A sealed cell copied from another customer's row or field does not open here: refused, logged, nothing shown.
  const open = (sealed: unknown, field: FieldKey) => (typeof sealed === 'string' && sealed !== '' ? unseal(sealed, keys, customerPlace(shown, field)) : '');
  let opened: { address: string; id_number: string };
  try {
    opened = { address: open(row[INTERNAL.addressSealed], 'address'), id_number: open(row[INTERNAL.idNumberSealed], 'id_number') };
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return refuse(err.render(ctx.locale), err.render(ctx.locale));
  }
  recordReveal(ctx, who, shown, true, HISTORY_ACTION.revealed, ctx.t('ui.reveal.fields'));
  return { ok: true, customer_no: shown, ...opened };
}

/**
 * A reveal (or a refused one) of a customer's record: counted where no editor
 * can change it (under the script lock: two at once must both count) and
 * logged in 历史 under the customer number (原值 as typed, 来源编号 for a
 * deletion request to find).
 */
export function recordReveal(ctx: AppContext, who: string, customerNo: string, revealed: boolean, action: HistoryAction, note: string): void {
  withScriptLock(() => countReveal(formatDay(ctx.now, ctx.timeZone), who, revealed));
  ctx.table(HISTORY).append([{
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: who, [HISTORY.col.action]: action,
    [HISTORY.col.oldValue]: customerNo, [HISTORY.col.newValue]: '', [HISTORY.col.note]: note, [INTERNAL.source]: customerNo,
  }]);
}

/** Whether `email` may reveal: on the owner's list (access.ts); a blank never is. */
export function mayReveal(ctx: AppContext, email: string): boolean {
  return listed(currentAccess(ctx).reveal, email);
}
