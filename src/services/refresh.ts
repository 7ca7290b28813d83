/**
 * 定期更新, run by the hourly job: from 09:00 to 18:00, customers due for a
 * refresh (domain/refresh.ts) are mailed their pre-filled Form, at most
 * 配置 › 定期更新 › 每日最多发送 a day. The mail asks for 需求类型 资料更新:
 * an answer that changes nothing is closed as it is filed, one that changes
 * something waits on its ticket for staff to confirm (确认更新). 核实邀请时间
 * records the mail on the customer, so nobody is asked twice in a quarter
 * whatever the job's runs; the day's marker spares the 客户 read once the
 * day's work is done.
 */
import { renderRefreshRequest } from '../domain/email';
import { localDay, localParts } from '../domain/local-time';
import { planRefresh, type RefreshCandidate } from '../domain/refresh';
import { isMailAddress } from '../domain/validate';
import { HISTORY_ACTION, NEED_REFRESH } from '../domain/vocabulary';
import { CUSTOMERS, HISTORY, INTERNAL } from '../sheets/schema';
import { cellText, type Cell, type RowFor } from '../sheets/table';
import type { AppContext } from './context';
import { writeByKey, type KeyedCell } from './keyed-writes';
import { withScriptLock } from './lock';
import { historyRow, recordMails, sendRecorded, type OutgoingMail } from './mail-queue';
import { customerReplyTo } from './notify';
import { prefiller } from './prefill';
import { markRefreshDone, refreshDoneOn } from './store';

export interface RefreshReport {
  invited: number;
  /** Due, left for the next days by the daily cap. */
  deferred: number;
  /** Due, with no address on record. */
  noEmail: number;
}

/** Local hours in which the mails go out: customers are not written to at night. */
const FIRST_HOUR = 9;
const LAST_HOUR = 18;

const ms = (v: Cell | undefined): number | null => (v instanceof Date ? v.getTime() : null);

export function inviteRefresh(ctx: AppContext): RefreshReport | null {
  const { intervalDays, dailyCap } = ctx.config.refresh;
  if (intervalDays <= 0) return null;
  const now = ctx.now.getTime();
  const hour = localParts(now, ctx.utcOffset).hour;
  if (hour < FIRST_HOUR || hour >= LAST_HOUR) return null;
  const today = localDay(now, ctx.utcOffset);
  if (refreshDoneOn(today)) return null;
  const { report, outbox, finished } = withScriptLock(() => {
    const customers = ctx.table(CUSTOMERS);
    const all = customers.readAll();
    const invitedToday = all.filter(({ values }) => {
      const at = ms(values[INTERNAL.refreshInvitedAt]);
      return at !== null && localDay(at, ctx.utcOffset) === today;
    }).length;
    const candidates: RefreshCandidate[] = all.map(({ values }) => ({
      customerNo: cellText(values[CUSTOMERS.col.no]),
      email: isMailAddress(cellText(values[CUSTOMERS.col.email])) ? cellText(values[CUSTOMERS.col.email]) : '',
      consented: cellText(values[CUSTOMERS.col.consentVersion]) !== '',
      // Merged into another record, or erased at the customer's request (name and match index gone).
      retired: cellText(values[CUSTOMERS.col.mergedInto]) !== '' || (cellText(values[CUSTOMERS.col.name]) === '' && cellText(values[INTERNAL.matchIndex]) === ''),
      lastContactMs: ms(values[CUSTOMERS.col.lastContact]),
      firstContactMs: ms(values[CUSTOMERS.col.firstContact]),
      verifiedMs: ms(values[CUSTOMERS.col.verifiedAt]),
      invitedMs: ms(values[INTERNAL.refreshInvitedAt]),
    }));
    const plan = planRefresh(candidates, { nowMs: now, utcOffset: ctx.utcOffset, intervalDays, cap: dailyCap - invitedToday });
    const byNo = new Map(all.map((r) => [cellText(r.values[CUSTOMERS.col.no]), r]));
    const link = prefiller();
    const mails: OutgoingMail[] = [];
    const cells: KeyedCell[] = [];
    const history: RowFor<typeof HISTORY>[] = [];
    for (const customerNo of plan.invite) {
      const { row, values } = byNo.get(customerNo)!;
      const formUrl = link(values, '', NEED_REFRESH);
      // No intake Form (deleted): nothing to send; the next day tries again.
      if (formUrl === '') break;
      const to = cellText(values[CUSTOMERS.col.email]);
      const replyTo = customerReplyTo(ctx, '', '');
      mails.push({
        ticketNo: customerNo,
        to,
        ...(replyTo ? { replyTo } : {}),
        mail: renderRefreshRequest({
          companyName: ctx.config.companyName,
          customerName: cellText(values[CUSTOMERS.col.name]),
          customerNo,
          formUrl,
          replyable: replyTo !== '',
          locale: ctx.config.locale,
        }),
      });
      cells.push({ key: customerNo, row, label: INTERNAL.refreshInvitedAt, value: ctx.now });
      history.push({ ...historyRow(ctx, '', HISTORY_ACTION.refreshInvited, customerNo, ctx.t('history.refreshInvitedNote')), [INTERNAL.source]: customerNo });
    }
    // A customer whose cell could not be placed (rows moved) is neither mailed nor logged: the next run asks again.
    const unplaced = new Set(writeByKey(customers, CUSTOMERS.col.no, cells).map((c) => c.key));
    const placed = history.filter((h) => !unplaced.has(String(h[INTERNAL.source])));
    if (placed.length) ctx.table(HISTORY).append(placed);
    const recorded = recordMails(ctx, mails.filter((m) => !unplaced.has(m.ticketNo)));
    const invited = mails.length - unplaced.size;
    return {
      report: { invited, deferred: plan.deferred, noEmail: plan.noEmail },
      outbox: recorded,
      // Everyone due was asked (or the day's cap is reached, the rest deferred): no further 客户 read today.
      finished: invited === plan.invite.length,
    };
  });
  if (finished) markRefreshDone(today);
  sendRecorded(ctx, outbox);
  return report;
}
