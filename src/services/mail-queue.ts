/**
 * Every mail of the add-on goes out through `deliver`: sent now, or — when
 * the daily quota is used up — queued in the hidden 邮件队列 sheet (no size
 * limit, unlike a script property) and sent by the hourly job, exactly once:
 * a queued mail is marked 已发送 right after its send, under the script lock.
 */
import type { RenderedMail } from '../domain/email';
import { HISTORY_ACTION, MAIL_QUEUE_STATE, SYSTEM_ACTOR } from '../domain/vocabulary';
import { HISTORY, MAIL_QUEUE } from '../sheets/schema';
import type { RowFor } from '../sheets/table';
import type { AppContext } from './context';

export interface OutgoingMail {
  ticketNo: string;
  to: string;
  mail: RenderedMail;
}

export type Delivery = 'sent' | 'queued' | 'failed';

const QUOTA_ERROR = /too many times for one day: email/i;
/**
 * Mails one job run sends at most; the rest wait in the queue for the next
 * hourly run. A send takes a good fraction of a second in Apps Script, and a
 * run must end well inside its 6 minutes.
 */
const MAX_SENDS_PER_RUN = 100;
/** Contexts (executions) that already hit the quota: further mails are queued without trying. */
const exhausted = new WeakSet<AppContext>();
/** Sent rows at the top of the queue that make the hourly job delete them. */
const PRUNE_AT = 200;
const PENDING = MAIL_QUEUE_STATE.pending;
const SENT = MAIL_QUEUE_STATE.sent;

function send(ctx: AppContext, m: OutgoingMail): void {
  MailApp.sendEmail({ to: m.to, subject: m.mail.subject, body: m.mail.text, htmlBody: m.mail.html, name: ctx.config.mail.senderName });
}

function historyRow(ctx: AppContext, ticketNo: string, action: string, value: string, note: string): RowFor<typeof HISTORY> {
  return { [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: ticketNo, [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.action]: action, [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: value, [HISTORY.col.note]: note };
}

/** Sends one mail, or queues it when the quota is exhausted; any other failure is recorded in 历史. */
export function deliver(ctx: AppContext, m: OutgoingMail): Delivery {
  const history = ctx.table(HISTORY);
  if (!exhausted.has(ctx)) {
    try {
      send(ctx, m);
      return 'sent';
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!QUOTA_ERROR.test(message)) {
        history.append([historyRow(ctx, m.ticketNo, HISTORY_ACTION.mailFailed, m.to, message)]);
        return 'failed';
      }
      exhausted.add(ctx);
    }
  }
  enqueue(ctx, [m]);
  history.append([historyRow(ctx, m.ticketNo, HISTORY_ACTION.mailQueued, m.to, ctx.t('history.mailQueuedNote', { to: m.to }))]);
  return 'queued';
}

/**
 * Sends many mails (a job's): as many as the remaining daily quota allows,
 * the rest queued in one write, with one 历史 write for them all.
 */
export function deliverAll(ctx: AppContext, mails: readonly OutgoingMail[]): { sent: number; queued: number } {
  if (mails.length === 0) return { sent: 0, queued: 0 };
  let remaining = exhausted.has(ctx) ? 0 : Math.min(MailApp.getRemainingDailyQuota(), MAX_SENDS_PER_RUN);
  const later: OutgoingMail[] = [];
  let sent = 0;
  for (const m of mails) {
    const recipients = m.to.split(',').length;
    if (recipients > remaining) {
      later.push(m);
      continue;
    }
    if (deliver(ctx, m) === 'sent') {
      sent += 1;
      remaining -= recipients;
    } else if (exhausted.has(ctx)) {
      remaining = 0;
    }
  }
  if (later.length) {
    exhausted.add(ctx);
    enqueue(ctx, later);
    ctx.table(HISTORY).append(later.map((m) => historyRow(ctx, m.ticketNo, HISTORY_ACTION.mailQueued, m.to, ctx.t('history.mailQueuedNote', { to: m.to }))));
  }
  return { sent, queued: later.length };
}

function enqueue(ctx: AppContext, mails: readonly OutgoingMail[]): void {
  const batch = Utilities.getUuid();
  ctx.table(MAIL_QUEUE).append(
    mails.map((m, i) => ({
      [MAIL_QUEUE.col.id]: `${batch}-${i + 1}`,
      [MAIL_QUEUE.col.queuedAt]: ctx.now,
      [MAIL_QUEUE.col.ticketNo]: m.ticketNo,
      [MAIL_QUEUE.col.to]: m.to,
      [MAIL_QUEUE.col.subject]: m.mail.subject,
      [MAIL_QUEUE.col.body]: m.mail.text,
      [MAIL_QUEUE.col.html]: m.mail.html,
      [MAIL_QUEUE.col.state]: PENDING,
      [MAIL_QUEUE.col.sentAt]: '',
    })),
  );
}

export interface QueueReport {
  sent: number;
  pending: number;
}

/**
 * Sends queued mail in order until the quota runs out again or MAX_SENDS_PER_RUN are sent (one read of the
 * queue; one write per mail sent, right after it, so a mail is never sent twice).
 * Call under the script lock.
 */
export function flushMailQueue(ctx: AppContext): QueueReport {
  const queue = ctx.table(MAIL_QUEUE);
  let all = queue.readAll();
  // Sent mail is on record in 历史: once enough has piled up at the top, it leaves the queue, so
  // the hourly read stays small. Only the leading run goes, in one call; rows below move up.
  const done = all.findIndex((r) => r.values[MAIL_QUEUE.col.state] !== SENT);
  const leading = done < 0 ? all.length : done;
  if (leading >= PRUNE_AT) {
    queue.deleteLeadingRows(leading);
    all = all.slice(leading).map((r) => ({ row: r.row - leading, values: r.values }));
  }
  const pending = all.filter((r) => r.values[MAIL_QUEUE.col.state] === PENDING);
  const report: QueueReport = { sent: 0, pending: pending.length };
  if (pending.length === 0) return report;
  const history: RowFor<typeof HISTORY>[] = [];
  for (const { row, values } of pending.slice(0, MAX_SENDS_PER_RUN)) {
    const m: OutgoingMail = {
      ticketNo: String(values[MAIL_QUEUE.col.ticketNo]),
      to: String(values[MAIL_QUEUE.col.to]),
      mail: { subject: String(values[MAIL_QUEUE.col.subject]), text: String(values[MAIL_QUEUE.col.body]), html: String(values[MAIL_QUEUE.col.html]) },
    };
    try {
      send(ctx, m);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (QUOTA_ERROR.test(message)) break;
      // A mail that can never go (bad address) leaves the queue, recorded in 历史.
      queue.update(row, { [MAIL_QUEUE.col.state]: SENT, [MAIL_QUEUE.col.sentAt]: ctx.now });
      history.push(historyRow(ctx, m.ticketNo, HISTORY_ACTION.mailFailed, m.to, message));
      report.pending -= 1;
      continue;
    }
    queue.update(row, { [MAIL_QUEUE.col.state]: SENT, [MAIL_QUEUE.col.sentAt]: ctx.now });
    history.push(historyRow(ctx, m.ticketNo, HISTORY_ACTION.queuedSent, m.to, m.mail.subject));
    report.sent += 1;
    report.pending -= 1;
  }
  if (history.length) ctx.table(HISTORY).append(history);
  return report;
}
