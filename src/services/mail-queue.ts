/**
 * Every mail of the add-on goes out through `deliver`: sent now, or — when
 * the daily quota is used up — queued in the hidden 邮件队列 sheet (no size
 * limit, unlike a script property) and sent by the hourly job, exactly once:
 * a queued mail is marked 已发送 right after its send, under the script lock.
 */
import type { RenderedMail } from '../domain/email';
import { HISTORY_ACTION, MAIL_QUEUE_STATE, SYSTEM_ACTOR } from '../domain/vocabulary';
import { HISTORY, MAIL_QUEUE } from '../sheets/schema';
import { MAX_CELL_CHARS, cellText, type RowFor } from '../sheets/table';
import type { AppContext } from './context';
import { BusyError, withScriptLock } from './lock';

export interface OutgoingMail {
  ticketNo: string;
  to: string;
  mail: RenderedMail;
  /** Where a reply goes (a customer's mail: a staff mailbox); none for staff mail. */
  replyTo?: string;
  /** An owner's new-ticket notice for the hourly digest: recorded 待汇总, never sent on its own. */
  held?: boolean;
}

export type Delivery = 'sent' | 'queued';

/**
 * Mails one job run sends at most; the rest wait in the queue for the next
 * hourly run. A send takes a good fraction of a second in Apps Script, and a
 * run must end well inside its 6 minutes.
 */
const MAX_SENDS_PER_RUN = 100;
/**
 * Recipients the owner may still mail today, per execution: read once with
 * MailApp.getRemainingDailyQuota() and counted down. Never inferred from a
 * failed send: service errors come in the owner's language.
 */
const quotaLeft = new WeakMap<AppContext, number>();

export function remainingQuota(ctx: AppContext): number {
  let left = quotaLeft.get(ctx);
  if (left === undefined) {
    left = MailApp.getRemainingDailyQuota();
    quotaLeft.set(ctx, left);
  }
  return left;
}

function recipientsOf(m: OutgoingMail): number {
  return m.to.split(',').filter((x) => x.trim() !== '').length;
}
/** An execution lasts at most 6 minutes (Apps Script's limit), a mail recorded by one is sent within it. */
const IN_FLIGHT_MS = 7 * 60 * 1000;
/** Sent rows at the top of the queue that make the hourly job delete them. */
const PRUNE_AT = 200;
const PENDING = MAIL_QUEUE_STATE.pending;
const SENT = MAIL_QUEUE_STATE.sent;
/** Rows done with: sent, cancelled, or sent within a digest. */
const SETTLED: ReadonlySet<string> = new Set([SENT, MAIL_QUEUE_STATE.cancelled, MAIL_QUEUE_STATE.summarised]);

function send(ctx: AppContext, m: OutgoingMail): void {
  // replyTo: MailApp's advanced parameter (https://developers.google.com/apps-script/reference/mail/mail-app#sendemailmessage).
  MailApp.sendEmail({
    to: m.to, subject: m.mail.subject, body: m.mail.text, ...(m.mail.html ? { htmlBody: m.mail.html } : {}), name: ctx.config.mail.senderName,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
  });
}

/** A 历史 row of what the add-on did by itself about a ticket (操作人 系统, no old value). */
export function historyRow(ctx: AppContext, ticketNo: string, action: string, value: string, note: string): RowFor<typeof HISTORY> {
  return { [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: ticketNo, [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.action]: action, [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: value, [HISTORY.col.note]: note };
}

/**
 * Sends one mail when today's quota covers its recipients, else queues it.
 * A send that fails, whatever its wording, is queued too and retried by the
 * hourly job: a mail is never dropped, and the failure is in 历史.
 */
export function deliver(ctx: AppContext, m: OutgoingMail): Delivery {
  return deliverAll(ctx, [m]).sent === 1 ? 'sent' : 'queued';
}

/**
 * Sends many mails (a job's, under the script lock): as many as the remaining
 * daily quota allows, the rest queued in one write, with one 历史 write for
 * them all.
 */
export function deliverAll(ctx: AppContext, mails: readonly OutgoingMail[], history: readonly RowFor<typeof HISTORY>[] = []): { sent: number; queued: number } {
  const { sent, held } = sendWhatFits(ctx, mails);
  hold(ctx, held, history);
  return { sent: sent.length, queued: held.length };
}

/**
 * The same, after the lock was released (an edit's mail): sending never
 * holds up other executions, and only what must be written — mails to queue,
 * `history` — takes the lock again, briefly. A mail that could not go out
 * exists nowhere else, so that lock is waited for long (HOLD_WAIT_MS, inside
 * the execution's 6 minutes); still busy, the execution fails and says so.
 */
export function deliverAfterLock(ctx: AppContext, mails: readonly OutgoingMail[], history: readonly RowFor<typeof HISTORY>[] = []): void {
  const { held } = sendWhatFits(ctx, mails);
  if (held.length || history.length) withScriptLock(() => hold(ctx, held, history), HOLD_WAIT_MS);
}

/** How long a mail that could not be sent after the lock waits for the lock to be queued. */
const HOLD_WAIT_MS = 4 * 60 * 1000;

interface Held {
  mail: OutgoingMail;
  /** Why it waits: 历史's row about it. */
  history: RowFor<typeof HISTORY>;
}

/** Sends in order while the run's share and today's quota last; a failed send and everything past the quota are held. */
function sendWhatFits<M extends OutgoingMail>(ctx: AppContext, mails: readonly M[]): { sent: M[]; held: Held[] } {
  const held: Held[] = [];
  const sent: M[] = [];
  let full = false;
  for (const m of mails) {
    const needed = recipientsOf(m);
    full ||= sent.length >= MAX_SENDS_PER_RUN || needed > remainingQuota(ctx);
    if (full) {
      held.push({ mail: m, history: historyRow(ctx, m.ticketNo, HISTORY_ACTION.mailQueued, m.to, ctx.t('history.mailQueuedNote', { to: m.to })) });
      continue;
    }
    try {
      send(ctx, m);
      quotaLeft.set(ctx, remainingQuota(ctx) - needed);
      sent.push(m);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      held.push({ mail: m, history: historyRow(ctx, m.ticketNo, HISTORY_ACTION.mailFailed, m.to, ctx.t('history.mailRetryNote', { error: message })) });
    }
  }
  return { sent, held };
}

/** Queues the held mails in one write and records them with `history` in one more (call under the script lock). */
function hold(ctx: AppContext, held: readonly Held[], history: readonly RowFor<typeof HISTORY>[]): void {
  if (held.length) recordMails(ctx, held.map((h) => h.mail));
  const rows = [...history, ...held.map((h) => h.history)];
  if (rows.length) ctx.table(HISTORY).append(rows);
}

/** Mails written to 邮件队列 as 待发送 (or 待汇总) rows in one append, each with the row it went to (call under the script lock). */
export function recordMails(ctx: AppContext, mails: readonly OutgoingMail[]): RecordedMail[] {
  const { rows, recorded } = queueRows(mails);
  if (rows.length === 0) return [];
  const first = ctx.table(MAIL_QUEUE).append(rows);
  return recorded.map((m, i) => ({ ...m, row: first + i }));
}

/** A mail recorded in 邮件队列 before it is sent, by its row's 编号. */
export interface RecordedMail extends OutgoingMail {
  id: string;
  /** The queue row it was written to, when known (found again by 编号 if it moved). */
  row?: number;
}

/**
 * Mails as 待发送 rows of 邮件队列, to be written with the work they are
 * about (intake's ticket, under the lock) and sent afterwards by
 * `sendRecorded`; a run that stops in between leaves them to the hourly job.
 */
export function queueRows(mails: readonly OutgoingMail[]): { rows: RowFor<typeof MAIL_QUEUE>[]; recorded: RecordedMail[] } {
  const batch = Utilities.getUuid();
  const recorded = mails.map((m, i) => ({ ...m, id: `${batch}-${i + 1}` }));
  // The real moment (not the execution's start): the hourly job leaves rows younger than one execution alone.
  const at = new Date();
  return {
    recorded,
    rows: recorded.map((m) => ({
      [MAIL_QUEUE.col.id]: m.id,
      [MAIL_QUEUE.col.queuedAt]: at,
      [MAIL_QUEUE.col.ticketNo]: m.ticketNo,
      [MAIL_QUEUE.col.to]: m.to,
      [MAIL_QUEUE.col.subject]: m.mail.subject,
      [MAIL_QUEUE.col.body]: m.mail.text,
      // HTML too long for a cell would arrive broken once cut: such a mail is sent later as its plain text.
      [MAIL_QUEUE.col.html]: m.mail.html.length <= MAX_CELL_CHARS ? m.mail.html : '',
      [MAIL_QUEUE.col.state]: m.held ? MAIL_QUEUE_STATE.held : PENDING,
      [MAIL_QUEUE.col.sentAt]: '',
      [MAIL_QUEUE.col.replyTo]: m.replyTo ?? '',
    })),
  };
}

/**
 * Sends mails recorded in 邮件队列 (after the lock is released): each sent one
 * is marked 已发送 (one patch for them all); one over quota or failing stays
 * 待发送 for the hourly job, the reason in 历史.
 */
export function sendRecorded(ctx: AppContext, recorded: readonly RecordedMail[]): void {
  // A notice held for the digest waits for the hourly job.
  const mails = recorded.filter((m) => !m.held);
  if (mails.length === 0) return;
  const { sent, held } = sendWhatFits(ctx, mails);
  if (sent.length) markSent(ctx, sent);
  if (held.length === 0) return;
  // They wait in the queue already; 历史 says why, written under the lock like every append.
  try {
    withScriptLock(() => ctx.table(HISTORY).append(held.map((h) => h.history)));
  } catch (err) {
    if (!(err instanceof BusyError)) throw err;
    // Busy: the note is lost, not the mail (its row is 待发送 for the hourly job).
  }
}

/** Marks queue rows 已发送 by 编号 (found where they are: the hourly job prunes the top of the queue). */
function markSent(ctx: AppContext, mails: readonly RecordedMail[]): void {
  const queue = ctx.table(MAIL_QUEUE);
  const updates = new Map<number, RowFor<typeof MAIL_QUEUE>>();
  for (const { id, row: written } of mails) {
    // Where it was written; patch checks the row's 编号 there and searches for it when it moved.
    const row = written ?? queue.findRows(MAIL_QUEUE.col.id, id)[0];
    if (row !== undefined) updates.set(row, { [MAIL_QUEUE.col.id]: id, [MAIL_QUEUE.col.state]: SENT, [MAIL_QUEUE.col.sentAt]: new Date() });
  }
  queue.patch(MAIL_QUEUE.col.id, updates);
}

export interface QueueReport {
  sent: number;
  pending: number;
}

/** An owner's new-ticket notice waiting in the queue for the hourly digest. */
export interface HeldNotice {
  row: number;
  id: string;
  ticketNo: string;
  to: string;
}

/**
 * Sends queued mail in order until the quota runs out again or MAX_SENDS_PER_RUN are sent (one read of the
 * queue; one write per mail sent, right after it, so a mail is never sent twice), and returns the notices
 * held for the digest. Call under the script lock.
 */
export function flushMailQueue(ctx: AppContext): { report: QueueReport; held: HeldNotice[] } {
  const queue = ctx.table(MAIL_QUEUE);
  let all = queue.readAll();
  // Sent (or cancelled) mail is on record in 历史: once enough has piled up at the top, it leaves the queue, so
  // the hourly read stays small. Only the leading run goes, in one call; rows below move up.
  const done = all.findIndex((r) => !SETTLED.has(String(r.values[MAIL_QUEUE.col.state])));
  const leading = done < 0 ? all.length : done;
  if (leading >= PRUNE_AT) {
    queue.deleteLeadingRows(leading);
    all = all.slice(leading).map((r) => ({ row: r.row - leading, values: r.values }));
  }
  // A row younger than one execution may be one an intake run is sending right now (recorded with its
  // ticket, sent after the lock): it is left to the next run, so nothing is sent twice.
  const settled = Date.now() - IN_FLIGHT_MS;
  const pending = all.filter((r) => r.values[MAIL_QUEUE.col.state] === PENDING && !(r.values[MAIL_QUEUE.col.queuedAt] instanceof Date && (r.values[MAIL_QUEUE.col.queuedAt] as Date).getTime() > settled));
  const held = all
    .filter((r) => r.values[MAIL_QUEUE.col.state] === MAIL_QUEUE_STATE.held)
    .map(({ row, values }) => ({ row, id: String(values[MAIL_QUEUE.col.id]), ticketNo: String(values[MAIL_QUEUE.col.ticketNo]), to: String(values[MAIL_QUEUE.col.to]) }));
  const report: QueueReport = { sent: 0, pending: pending.length };
  if (pending.length === 0) return { report, held };
  const history: RowFor<typeof HISTORY>[] = [];
  for (const { row, values } of pending.slice(0, MAX_SENDS_PER_RUN)) {
    const m: OutgoingMail = {
      ticketNo: String(values[MAIL_QUEUE.col.ticketNo]),
      to: String(values[MAIL_QUEUE.col.to]),
      replyTo: cellText(values[MAIL_QUEUE.col.replyTo]),
      mail: { subject: String(values[MAIL_QUEUE.col.subject]), text: String(values[MAIL_QUEUE.col.body]), html: String(values[MAIL_QUEUE.col.html]) },
    };
    const needed = recipientsOf(m);
    if (needed > remainingQuota(ctx)) break;
    try {
      send(ctx, m);
      quotaLeft.set(ctx, remainingQuota(ctx) - needed);
    } catch (err) {
      // Never marked sent: it stays queued for the next run, whatever the error says.
      const message = err instanceof Error ? err.message : String(err);
      history.push(historyRow(ctx, m.ticketNo, HISTORY_ACTION.mailFailed, m.to, ctx.t('history.mailRetryNote', { error: message })));
      continue;
    }
    queue.patch(MAIL_QUEUE.col.id, new Map([[row, { [MAIL_QUEUE.col.id]: String(values[MAIL_QUEUE.col.id]), [MAIL_QUEUE.col.state]: SENT, [MAIL_QUEUE.col.sentAt]: ctx.now }]]));
    history.push(historyRow(ctx, m.ticketNo, HISTORY_ACTION.queuedSent, m.to, m.mail.subject));
    report.sent += 1;
    report.pending -= 1;
  }
  if (history.length) ctx.table(HISTORY).append(history);
  return { report, held };
}

/**
 * The held notices went out in a digest: marked 已汇总 (one write; call under
 * the script lock, after the digest is recorded, so a run that stops in
 * between sends a second digest rather than none).
 */
export function markSummarised(ctx: AppContext, held: readonly HeldNotice[]): void {
  if (held.length === 0) return;
  const updates = new Map(held.map((h) => [h.row, { [MAIL_QUEUE.col.id]: h.id, [MAIL_QUEUE.col.state]: MAIL_QUEUE_STATE.summarised, [MAIL_QUEUE.col.sentAt]: ctx.now }] as const));
  ctx.table(MAIL_QUEUE).patch(MAIL_QUEUE.col.id, updates);
}
