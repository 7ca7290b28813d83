/**
 * The outbound queue: every message the add-on posts to a remote service —
 * team-chat robots now, SMS next — goes through the hidden 通知队列 sheet.
 * A message is recorded with the work it is about, under the script lock
 * (intake's ticket, the hourly job's escalation), and sent after the lock;
 * the row's 状态 is the truth:
 *
 *   待发送 ──taken under the lock──▶ 发送中 ──answer──▶ 已发送
 *      ▲                                │ retry / rate limited / refused
 *      └────────────────────────────────┘ (the target rests; refused: until the admin acts)
 *
 * Taking rows (and reserving the target's rate window) happens under the
 * lock, so two executions never send one row, nor exceed a target's limit
 * between them. The fetch happens after it. A request the service accepted
 * is recorded at once on a script property of its own, before its rows are
 * marked 已发送 under the lock: a run that stops between the two is settled
 * by the next one from that record, and a 发送中 row without one, older than
 * any execution can be, goes back to 待发送. So a fault at any call neither
 * loses a message nor (short of an execution stopped between the answer and
 * the record) sends it twice.
 *
 * Each channel says how to reach one target (services/channels.ts): its
 * limits, what fits one request (batching several messages), the request,
 * and what a reply means; a channel whose outcomes belong in 历史 (an SMS
 * to a customer) says what to write there, and it is written under the
 * lock with the row's own mark. The queue is the same for all of them.
 */
import {
  IN_FLIGHT_MS, UNCONFIGURED, countFetches, emptyTargetState, fetchesLeft, markUnconfigured, outageReached, planClaims, recoverRow, resumeTarget, rowAfter,
  settleTarget, type RateLimits, type Refusal, type Reply, type TargetState,
} from '../domain/outbound';
import { OUTBOUND_STATE } from '../domain/vocabulary';
import { UserError } from '../i18n/user-error';
import { HISTORY, OUTBOUND, type LabelOf } from '../sheets/schema';
import { cellText, type Cell, type RowFor, type Table } from '../sheets/table';
import type { AppContext } from './context';
import { BusyError, withScriptLock } from './lock';
import { formatDay } from './platform';
import { createSheet } from './setup';
import { columnText, scrubRows } from './scrub';
import {
  allProperties, markOutboundContinueDue, outboundContinueDue, outboundStoreIn, readOutboundStore, recordClaimSent, saveOutboundStore,
  type OutboundStore,
} from './store';
import { NOTIFY_CONTINUE_HANDLER, scheduleOneOff, spendOneOff } from './triggers';

/** A message for a target, as recorded with the work it is about. */
export interface OutboundMessage {
  /** 通知队列.渠道 (OUTBOUND_KIND). */
  kind: string;
  /** The target's name (a robot's 配置 name). */
  target: string;
  /** 通知队列.事件. */
  event: string;
  ticketNo: string;
  /** The channel's payload (a robot's alert as JSON): never a sealed value. */
  body: string;
}

/** How a channel reaches one target. */
export interface OutboundTarget {
  limits: RateLimits;
  /** Whether these bodies go in one request (the service's size limits). */
  fits(bodies: readonly string[]): boolean;
  /** The request, or the reply it already has: a body the service could never take (nothing is fetched). */
  request(bodies: readonly string[], nowMs: number): { url: string; params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions } | { reply: Reply };
  classify(status: number, body: string): Reply;
}

/** A message whose fate is final, for a channel's 历史 rows. */
export interface Settled {
  ticketNo: string;
  event: string;
  body: string;
  outcome: 'sent' | 'undeliverable';
  /** The service's code and words. */
  result: string;
}

export interface OutboundChannel {
  kind: string;
  /** The target named `name`, or null when it cannot be sent to now (no address stored, no 配置 row). */
  target(ctx: AppContext, name: string, props: Readonly<Record<string, string>>): OutboundTarget | null;
  /** Tells the admin, once, that `name` refused or cannot be sent to; whether the mail went. */
  tellAdmin(ctx: AppContext, name: string, refusal: Refusal, waiting: number): boolean;
  /** Tells the admin that `name` has failed `failures` times in a row (no answer, 5xx), the last with `last`. */
  tellOutage(ctx: AppContext, name: string, failures: number, last: string, waiting: number): void;
  /**
   * What the channel records of messages whose fate is final, under the lock
   * with their rows' marks: the 历史 rows it returns (and any count of its
   * own). None: nothing is recorded.
   */
  settled?(ctx: AppContext, settled: readonly Settled[]): RowFor<typeof HISTORY>[];
}

/** Rows taken for one request, to send after the lock. */
export interface Claim {
  /** 批次: names the request; its success is recorded under it. */
  id: string;
  kind: string;
  target: string;
  rows: { id: string; row?: number; attempts: number; ticketNo: string; event: string }[];
  bodies: string[];
  /** The target had no failure, backoff or refusal when taken: a success then changes nothing but the rows. */
  clean: boolean;
}

export interface OutboundReport {
  sent: number;
  failed: number;
  waiting: number;
}

/**
 * The add-on's own cap on notification fetches a day, well inside UrlFetchApp's
 * 20,000 (consumer) / 100,000 (Workspace) calls a day per user, which other
 * scripts of the same account share; past it messages wait for the next day.
 */
export const DAILY_FETCH_CAP = 10_000;
/** Requests a submission sends right after its lock (the rest wait for a later run). */
const INTAKE_REQUESTS = 3;
/** Requests one queue run makes at most. */
const RUN_REQUESTS = 40;
/** No fetch is started this long after the execution began (a fetch may take a minute; the limit is 6). */
const SEND_UNTIL_MS = 4 * 60_000;
/** A continuation is scheduled for rows due within this; later ones are the hourly job's. */
const CONTINUE_WITHIN_MS = 15 * 60_000;
/** Settled rows at the top of the queue that make a run delete them (the mail queue does the same). */
const PRUNE_AT = 200;
/** How long an outcome waits for the lock before leaving its rows to be settled by the next run. */
const SETTLE_WAIT_MS = 10_000;
/**
 * How long outcomes that only 历史 is waiting for (all sent, each recorded)
 * wait for the lock: briefly, so a burst of submissions is not held up by
 * their SMS's 短信已发送 rows; busy, the next run writes them from the records.
 */
const SETTLE_BRIEF_MS = 500;

const targetKey = (kind: string, name: string) => `${kind}:${name}`;

function ms(v: Cell | undefined): number | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}

function copyStore(s: OutboundStore): OutboundStore {
  return { targets: { ...s.targets }, day: { ...s.day }, sent: new Map(s.sent) };
}

/** 通知队列, made (hidden) where an older workbook or a first robot lacks it. */
function queueTable(ctx: AppContext, fromCache: boolean): Table<LabelOf<typeof OUTBOUND>> {
  const open = () => (fromCache ? ctx.tableFromCache(OUTBOUND) : ctx.table(OUTBOUND));
  try {
    return open();
  } catch (err) {
    if (!(err instanceof UserError) || err.key !== 'sheet.missing') throw err;
    createSheet(ctx.ss, OUTBOUND, ctx.t).hideSheet();
    return open();
  }
}

/** The row of a message taken now for request `claim`, or left waiting until `nextAt`. */
function messageRow(m: OutboundMessage, id: string, at: Date, taken: { claim: string } | { nextAt: number }): RowFor<typeof OUTBOUND> {
  const claimed = 'claim' in taken;
  return {
    [OUTBOUND.col.id]: id,
    [OUTBOUND.col.queuedAt]: at,
    [OUTBOUND.col.kind]: m.kind,
    [OUTBOUND.col.target]: m.target,
    [OUTBOUND.col.event]: m.event,
    [OUTBOUND.col.ticketNo]: m.ticketNo,
    [OUTBOUND.col.body]: m.body,
    [OUTBOUND.col.state]: claimed ? OUTBOUND_STATE.sending : OUTBOUND_STATE.pending,
    [OUTBOUND.col.attempts]: 0,
    [OUTBOUND.col.nextAt]: claimed ? at : new Date(taken.nextAt),
    [OUTBOUND.col.claimedAt]: claimed ? at : '',
    [OUTBOUND.col.claim]: claimed ? taken.claim : '',
    [OUTBOUND.col.sentAt]: '',
    [OUTBOUND.col.result]: '',
  };
}

interface Planned<R> {
  claims: { rows: R[]; id: string; key: string; kind: string; target: string; clean: boolean }[];
  /** The earliest moment a row left waiting may go (for the continuation). */
  nextDue: number | null;
}

/**
 * Plans every target's due rows (oldest first) under the target's state,
 * updating `after`: claims within `budget` requests, unset targets marked
 * and refusals told once.
 */
function planTargets<R extends { body: string }>(
  ctx: AppContext,
  channels: readonly OutboundChannel[],
  byTarget: ReadonlyMap<string, { kind: string; target: string; rows: R[]; waiting: number }>,
  props: Readonly<Record<string, string>>,
  after: OutboundStore,
  budget: number,
  now: number,
): Planned<R> {
  const out: Planned<R> = { claims: [], nextDue: null };
  let left = budget;
  for (const [key, { kind, target, rows, waiting }] of byTarget) {
    const channel = channels.find((c) => c.kind === kind);
    const reach = channel ? channel.target(ctx, target, props) : null;
    let state: TargetState = after.targets[key] ?? emptyTargetState();
    // Set up since it was marked: it is tried at once.
    if (reach && state.refused?.code === UNCONFIGURED) state = resumeTarget(state);
    if (!reach) state = markUnconfigured(state, now);
    if (state.refused && !state.refused.told && channel && waiting > 0) {
      state = { ...state, refused: { ...state.refused, told: channel.tellAdmin(ctx, target, state.refused, waiting) } };
    }
    const plan = planClaims({ rows, state, limits: reach?.limits ?? null, now, maxRequests: left, fits: (g) => reach!.fits(g.map((r) => r.body)) });
    after.targets[key] = plan.state;
    const clean = state.failures === 0 && state.retryAt <= now && !state.refused;
    for (const rows of plan.groups) out.claims.push({ rows, id: Utilities.getUuid(), key, kind, target, clean });
    left -= plan.groups.length;
    if (plan.retryAt !== null) out.nextDue = Math.min(out.nextDue ?? Infinity, plan.retryAt);
  }
  return out;
}

/** A one-off run for rows due soon, unless one is pending already. */
function continueAt(due: number | null): void {
  if (due === null) return;
  const now = Date.now();
  const delay = Math.max(60_000, due - now);
  if (delay > CONTINUE_WITHIN_MS) return;
  const pending = outboundContinueDue();
  // A pending run not long overdue will come (an older mark is a run that was lost).
  if (pending !== null && pending > now - CONTINUE_WITHIN_MS && pending <= now + delay) return;
  scheduleOneOff(NOTIFY_CONTINUE_HANDLER, delay);
  markOutboundContinueDue(now + delay);
}

/**
 * Records messages with the work they are about (call under the script lock,
 * `props` as read in it). Those whose target is free are taken at once for
 * sending after the lock (the returned claims, at most `maxRequests`: pass
 * them to `sendClaims`); the rest wait as 待发送 for a continuation or the
 * hourly job (`maxRequests` 0: a job that delivers the queue itself later).
 */
export function recordOutbound(
  ctx: AppContext, channels: readonly OutboundChannel[], messages: readonly OutboundMessage[], props: Readonly<Record<string, string>>, maxRequests = INTAKE_REQUESTS,
): Claim[] {
  if (messages.length === 0) return [];
  const before = outboundStoreIn(props);
  const after = copyStore(before);
  const now = Date.now();
  const today = formatDay(new Date(now), ctx.timeZone);
  const batch = Utilities.getUuid();
  const items = messages.map((m, i) => ({ ...m, id: `${batch}-${i + 1}` }));
  const byTarget = new Map<string, { kind: string; target: string; rows: typeof items; waiting: number }>();
  for (const m of items) {
    const key = targetKey(m.kind, m.target);
    const entry = byTarget.get(key) ?? { kind: m.kind, target: m.target, rows: [], waiting: 0 };
    entry.rows.push(m);
    entry.waiting += 1;
    byTarget.set(key, entry);
  }
  const budget = Math.min(maxRequests, fetchesLeft(before.day, today, DAILY_FETCH_CAP));
  const plan = planTargets(ctx, channels, byTarget, props, after, budget, now);
  const claimOf = new Map<string, string>();
  for (const c of plan.claims) for (const r of c.rows) claimOf.set(r.id, c.id);
  const at = new Date(now);
  const rows = items.map((m) => {
    const claim = claimOf.get(m.id);
    return messageRow(m, m.id, at, claim ? { claim } : { nextAt: plan.nextDue ?? now });
  });
  const first = queueTable(ctx, true).append(rows);
  const rowOf = new Map(items.map((m, i) => [m.id, first + i]));
  after.day = countFetches(before.day, today, plan.claims.length);
  saveOutboundStore(before, after, now);
  continueAt(plan.nextDue);
  return plan.claims.map((c) => ({
    id: c.id, kind: c.kind, target: c.target, clean: c.clean,
    rows: c.rows.map((r) => ({ id: r.id, row: rowOf.get(r.id), attempts: 0, ticketNo: r.ticketNo, event: r.event })),
    bodies: c.rows.map((r) => r.body),
  }));
}

interface Outcome {
  claim: Claim;
  reply: Reply;
  at: number;
}

/**
 * Sends claimed requests (after the lock), in order; a target that fails is
 * not tried again in this run. Each accepted request is recorded at once,
 * then every outcome is settled under the lock. Never throws: whatever could
 * not be settled now is settled by the next run.
 */
export function sendClaims(ctx: AppContext, channels: readonly OutboundChannel[], claims: readonly Claim[], props?: Readonly<Record<string, string>>): OutboundReport {
  const report: OutboundReport = { sent: 0, failed: 0, waiting: 0 };
  if (claims.length === 0) return report;
  const known = props ?? allProperties();
  const outcomes: Outcome[] = [];
  const unsent: Claim[] = [];
  const failed = new Set<string>();
  const reached = new Map<string, OutboundTarget | null>();
  const recorded = new Set<string>();
  for (const claim of claims) {
    const key = targetKey(claim.kind, claim.target);
    if (failed.has(key) || Date.now() - ctx.now.getTime() > SEND_UNTIL_MS) {
      unsent.push(claim);
      continue;
    }
    if (!reached.has(key)) reached.set(key, channels.find((c) => c.kind === claim.kind)?.target(ctx, claim.target, known) ?? null);
    const reach = reached.get(key)!;
    if (!reach) {
      failed.add(key);
      unsent.push(claim);
      continue;
    }
    let reply: Reply;
    try {
      const made = reach.request(claim.bodies, Date.now());
      if ('reply' in made) reply = made.reply;
      else {
        const response = UrlFetchApp.fetch(made.url, made.params);
        reply = reach.classify(response.getResponseCode(), response.getContentText());
      }
    } catch (err) {
      // No answer (DNS, timeout, a dropped connection, the day's quota): transient, whatever its wording.
      reply = { kind: 'retry', code: 'fetch', message: errorText(err) };
    }
    if (reply.kind === 'ok') {
      try {
        recordClaimSent(claim.id, Date.now());
        recorded.add(claim.id);
      } catch (err) {
        // The row's own mark, under the lock below, still says it went.
        console.error(`outbound: the sent record of ${claim.id} failed: ${errorText(err)}`);
      }
      report.sent += claim.rows.length;
    } else if (reply.kind === 'undeliverable') {
      // Final for its recipient, the target well: no record (a stopped run asks once more and hears the same).
      report.failed += claim.rows.length;
    } else {
      failed.add(key);
      report.failed += claim.rows.length;
    }
    outcomes.push({ claim, reply, at: Date.now() });
  }
  report.waiting = unsent.reduce((n, c) => n + c.rows.length, 0);
  // All went to targets that were well: the sent records say so, and the next run marks the rows 已发送 from
  // them (under its lock, with everything else) — a submission need not take the lock again for it.
  const sentClean = unsent.length === 0 && outcomes.every((o) => o.reply.kind === 'ok' && o.claim.clean) && recorded.size === outcomes.length;
  // A channel that writes 历史 settles now, so the customer's record says what happened when it happened —
  // unless the lock is busy: then the next run writes it from the records.
  const forHistory = outcomes.some((o) => channels.find((c) => c.kind === o.claim.kind)?.settled);
  if (!sentClean) settle(ctx, channels, outcomes, unsent, SETTLE_WAIT_MS);
  else if (forHistory) settle(ctx, channels, outcomes, unsent, SETTLE_BRIEF_MS);
  return report;
}

/** Writes the outcomes (rows by 编号, targets' states) under the lock; busy or failing, the next run settles them. */
function settle(ctx: AppContext, channels: readonly OutboundChannel[], outcomes: readonly Outcome[], unsent: readonly Claim[], waitMs: number): void {
  try {
    withScriptLock(() => {
      const before = readOutboundStore();
      const after = copyStore(before);
      const patches = new Map<number, RowFor<typeof OUTBOUND>>();
      const table = queueTable(ctx, false);
      let guess = -1;
      const put = (r: Claim['rows'][number], cells: RowFor<typeof OUTBOUND>) => patches.set(r.row ?? guess--, { [OUTBOUND.col.id]: r.id, ...cells });
      const waiting = new Map<string, number>();
      const final = new Map<string, Settled[]>();
      const outages = new Map<string, { failures: number; last: string }>();
      for (const { claim, reply, at } of outcomes) {
        const key = targetKey(claim.kind, claim.target);
        const prior = after.targets[key] ?? emptyTargetState();
        const state = settleTarget(prior, reply, at);
        after.targets[key] = state;
        const said = `${reply.code} ${reply.message}`.trim().slice(0, 300);
        if (outageReached(prior, state)) outages.set(key, { failures: state.failures, last: said });
        const result = reply.kind === 'ok' ? reply.code : said;
        for (const r of claim.rows) {
          const next = rowAfter(reply, r.attempts, state, at);
          put(r, next.state !== 'pending'
            // Sent (or refused for its recipient alone): the queue keeps no copy of its text.
            ? { [OUTBOUND.col.state]: next.state === 'sent' ? OUTBOUND_STATE.sent : OUTBOUND_STATE.undeliverable, [OUTBOUND.col.sentAt]: new Date(at), [OUTBOUND.col.body]: '', [OUTBOUND.col.attempts]: next.attempts, [OUTBOUND.col.result]: result }
            : { [OUTBOUND.col.state]: OUTBOUND_STATE.pending, [OUTBOUND.col.nextAt]: new Date(next.nextAt), [OUTBOUND.col.claimedAt]: '', [OUTBOUND.col.claim]: '', [OUTBOUND.col.attempts]: next.attempts, [OUTBOUND.col.result]: result });
          if (next.state !== 'pending') addSettled(final, claim.kind, { ticketNo: r.ticketNo, event: r.event, body: claim.bodies[claim.rows.indexOf(r)] ?? '', outcome: next.state, result });
        }
        if (reply.kind === 'ok') after.sent.delete(claim.id);
        else if (reply.kind !== 'undeliverable') waiting.set(key, (waiting.get(key) ?? 0) + claim.rows.length);
      }
      for (const claim of unsent) {
        for (const r of claim.rows) put(r, { [OUTBOUND.col.state]: OUTBOUND_STATE.pending, [OUTBOUND.col.nextAt]: ctx.now, [OUTBOUND.col.claimedAt]: '', [OUTBOUND.col.claim]: '' });
        const key = targetKey(claim.kind, claim.target);
        waiting.set(key, (waiting.get(key) ?? 0) + claim.rows.length);
      }
      // Refused just now: the admin hears of it once (the next runs send nothing to it until the admin acts).
      let nextDue: number | null = null;
      for (const [key, n] of waiting) {
        const state = after.targets[key] ?? emptyTargetState();
        const [kind, ...name] = key.split(':');
        if (state.refused && !state.refused.told) {
          const channel = channels.find((c) => c.kind === kind);
          if (channel) after.targets[key] = { ...state, refused: { ...state.refused, told: channel.tellAdmin(ctx, name.join(':'), state.refused, n) } };
        } else if (!state.refused) nextDue = Math.min(nextDue ?? Infinity, Math.max(state.retryAt, Date.now()));
      }
      // Failing for hours: nothing is lost, but the admin hears of it once (a success starts the count again).
      for (const [key, o] of outages) {
        const [kind, ...name] = key.split(':');
        channels.find((c) => c.kind === kind)?.tellOutage(ctx, name.join(':'), o.failures, o.last, waiting.get(key) ?? 0);
      }
      table.patch(OUTBOUND.col.id, withRows(table, patches));
      writeHistory(ctx, channels, final);
      saveOutboundStore(before, after, Date.now());
      continueAt(nextDue);
    }, waitMs);
  } catch (err) {
    // The rows stay 发送中: the next run after IN_FLIGHT_MS settles them (sent ones from their record).
    console.error(`outbound: outcomes not settled now: ${errorText(err)}`);
    if (err instanceof BusyError || !(err instanceof UserError)) {
      try {
        continueAt(Date.now() + IN_FLIGHT_MS + 60_000);
      } catch {
        // The hourly job settles them.
      }
    }
  }
}

/** A message settled now, gathered by channel for `writeHistory`. */
function addSettled(final: Map<string, Settled[]>, kind: string, settled: Settled): void {
  const list = final.get(kind) ?? [];
  list.push(settled);
  final.set(kind, list);
}

/** The channels' 历史 rows for messages settled now, in one append. */
function writeHistory(ctx: AppContext, channels: readonly OutboundChannel[], final: ReadonlyMap<string, readonly Settled[]>): void {
  const rows = [...final].flatMap(([kind, settled]) => channels.find((c) => c.kind === kind)?.settled?.(ctx, settled) ?? []);
  if (rows.length) ctx.table(HISTORY).append(rows);
}

/** Patches whose row is unknown (negative placeholders) found by 编号 first. */
function withRows(table: Table<LabelOf<typeof OUTBOUND>>, patches: Map<number, RowFor<typeof OUTBOUND>>): Map<number, RowFor<typeof OUTBOUND>> {
  const out = new Map<number, RowFor<typeof OUTBOUND>>();
  for (const [row, cells] of patches) {
    if (row >= 2) {
      out.set(row, cells);
      continue;
    }
    const found = table.findRows(OUTBOUND.col.id, String(cells[OUTBOUND.col.id]))[0];
    if (found !== undefined) out.set(found, cells);
  }
  return out;
}

/**
 * A run of the queue (the hourly job, a continuation, the owner's dialog):
 * under the lock, settles rows a stopped run left 发送中, prunes what is
 * done, and takes every target's due rows within its rate (batching when
 * many wait); sends them after the lock. Nothing happens, and no call is
 * made but one, while the workbook has no queue.
 */
export function deliverOutbound(ctx: AppContext, channels: readonly OutboundChannel[]): OutboundReport {
  const report: OutboundReport = { sent: 0, failed: 0, waiting: 0 };
  // No queue, nothing to send. A queue whose channels were all switched off since is still read:
  // what waits in it goes to targets no longer set up, and the admin is told so (once), not left to guess.
  if (!ctx.ss.getSheetByName(OUTBOUND.name)) return report;
  let taken: { claims: Claim[]; props: Record<string, string>; waiting: number };
  try {
    taken = withScriptLock(() => takeDue(ctx, channels));
  } catch (err) {
    if (!(err instanceof BusyError)) throw err;
    // Busy: the next run takes them.
    return report;
  }
  const sent = sendClaims(ctx, channels, taken.claims, taken.props);
  return { sent: sent.sent, failed: sent.failed, waiting: taken.waiting + sent.failed + sent.waiting };
}

/** The locked part of a run: recovery, pruning, claims (rows marked 发送中, targets' windows reserved). */
function takeDue(ctx: AppContext, channels: readonly OutboundChannel[]): { claims: Claim[]; props: Record<string, string>; waiting: number } {
  const props = allProperties();
  const before = outboundStoreIn(props);
  const after = copyStore(before);
  const table = queueTable(ctx, false);
  let all = table.readAll();
  const settled = (v: Cell | undefined) => v === OUTBOUND_STATE.sent || v === OUTBOUND_STATE.purged || v === OUTBOUND_STATE.undeliverable;
  const done = all.findIndex((r) => !settled(r.values[OUTBOUND.col.state]));
  const leading = done < 0 ? all.length : done;
  if (leading >= PRUNE_AT) {
    table.deleteLeadingRows(leading);
    all = all.slice(leading).map((r) => ({ row: r.row - leading, values: r.values }));
  }
  const now = Date.now();
  const patches = new Map<number, RowFor<typeof OUTBOUND>>();
  type Due = { id: string; row: number; body: string; attempts: number; queuedAt: number; ticketNo: string; event: string };
  const final = new Map<string, Settled[]>();
  const byTarget = new Map<string, { kind: string; target: string; rows: Due[]; waiting: number }>();
  for (const { row, values } of all) {
    const state = values[OUTBOUND.col.state];
    const id = cellText(values[OUTBOUND.col.id]);
    if (id === '') continue;
    let nextAt = ms(values[OUTBOUND.col.nextAt]) ?? 0;
    if (state === OUTBOUND_STATE.sending) {
      const claim = cellText(values[OUTBOUND.col.claim]);
      const fate = recoverRow(ms(values[OUTBOUND.col.claimedAt]), claim !== '' && before.sent.has(claim), now);
      if (fate === 'inFlight') continue;
      if (fate === 'sent') {
        // Its request was answered (the record says when); a run that stopped before marking the row leaves this to do.
        patches.set(row, { [OUTBOUND.col.id]: id, [OUTBOUND.col.state]: OUTBOUND_STATE.sent, [OUTBOUND.col.sentAt]: new Date(before.sent.get(claim) || now), [OUTBOUND.col.body]: '', [OUTBOUND.col.result]: '0' });
        after.sent.delete(claim);
        addSettled(final, cellText(values[OUTBOUND.col.kind]), {
          ticketNo: cellText(values[OUTBOUND.col.ticketNo]), event: cellText(values[OUTBOUND.col.event]), body: cellText(values[OUTBOUND.col.body]), outcome: 'sent', result: '0',
        });
        continue;
      }
      patches.set(row, { [OUTBOUND.col.id]: id, [OUTBOUND.col.state]: OUTBOUND_STATE.pending, [OUTBOUND.col.claimedAt]: '', [OUTBOUND.col.claim]: '' });
      nextAt = 0;
    } else if (state !== OUTBOUND_STATE.pending) continue;
    const kind = cellText(values[OUTBOUND.col.kind]);
    const target = cellText(values[OUTBOUND.col.target]);
    const key = targetKey(kind, target);
    const entry = byTarget.get(key) ?? { kind, target, rows: [], waiting: 0 };
    entry.waiting += 1;
    if (nextAt <= now) {
      entry.rows.push({
        id, row, body: cellText(values[OUTBOUND.col.body]), attempts: Number(values[OUTBOUND.col.attempts]) || 0, queuedAt: ms(values[OUTBOUND.col.queuedAt]) ?? 0,
        ticketNo: cellText(values[OUTBOUND.col.ticketNo]), event: cellText(values[OUTBOUND.col.event]),
      });
    }
    byTarget.set(key, entry);
  }
  for (const e of byTarget.values()) e.rows.sort((a, b) => a.queuedAt - b.queuedAt);
  // Sent records whose rows are gone (purged, pruned) are no longer needed.
  const live = new Set(all.map((r) => cellText(r.values[OUTBOUND.col.claim])).filter(Boolean));
  for (const id of before.sent.keys()) if (!live.has(id)) after.sent.delete(id);
  const today = formatDay(new Date(now), ctx.timeZone);
  const budget = Math.min(RUN_REQUESTS, fetchesLeft(before.day, today, DAILY_FETCH_CAP));
  const plan = planTargets(ctx, channels, byTarget, props, after, budget, now);
  const at = new Date(now);
  for (const c of plan.claims) {
    for (const r of c.rows) patches.set(r.row, { [OUTBOUND.col.id]: r.id, [OUTBOUND.col.state]: OUTBOUND_STATE.sending, [OUTBOUND.col.claimedAt]: at, [OUTBOUND.col.claim]: c.id });
  }
  // Rows taken for a request go out only if the sheet says so: one that cannot be placed is left for the next run.
  const placed = table.patch(OUTBOUND.col.id, patches);
  const missing = new Set(placed.missing);
  writeHistory(ctx, channels, final);
  after.day = countFetches(before.day, today, plan.claims.length);
  saveOutboundStore(before, after, now);
  const later = [...byTarget.values()].reduce((n, e) => n + e.waiting, 0) - plan.claims.reduce((n, c) => n + c.rows.length, 0);
  // Rows due later than now are the next runs' (a continuation when soon).
  const dueLater = Math.min(...all.filter((r) => r.values[OUTBOUND.col.state] === OUTBOUND_STATE.pending).map((r) => ms(r.values[OUTBOUND.col.nextAt]) ?? now).filter((t) => t > now), plan.nextDue ?? Infinity);
  continueAt(Number.isFinite(dueLater) ? dueLater : null);
  const claims = plan.claims
    .filter((c) => c.rows.every((r) => !missing.has(r.id)))
    .map((c) => ({ id: c.id, kind: c.kind, target: c.target, clean: c.clean, rows: c.rows.map((r) => ({ id: r.id, row: r.row, attempts: r.attempts, ticketNo: r.ticketNo, event: r.event })), bodies: c.rows.map((r) => r.body) }));
  return { claims, props, waiting: later };
}

/**
 * The owner's dialog: what waits for one target (pending, or taken by a run
 * that stopped), and marks them 已清除 when `purge` — they are never sent,
 * and their text is emptied. Returns each row's ticket and event (for 历史).
 * Call under the script lock.
 */
export function waitingFor(ctx: AppContext, kind: string, target: string, purge: boolean): { ticketNo: string; event: string }[] {
  if (!ctx.ss.getSheetByName(OUTBOUND.name)) return [];
  const table = queueTable(ctx, false);
  const now = Date.now();
  const rows = table.readAll().filter(({ values }) => cellText(values[OUTBOUND.col.kind]) === kind && cellText(values[OUTBOUND.col.target]) === target
    && (values[OUTBOUND.col.state] === OUTBOUND_STATE.pending
      || (values[OUTBOUND.col.state] === OUTBOUND_STATE.sending && recoverRow(ms(values[OUTBOUND.col.claimedAt]), false, now) === 'pending')));
  if (purge && rows.length) {
    table.patch(OUTBOUND.col.id, new Map(rows.map(({ row, values }) => [row, {
      [OUTBOUND.col.id]: cellText(values[OUTBOUND.col.id]), [OUTBOUND.col.state]: OUTBOUND_STATE.purged, [OUTBOUND.col.body]: '', [OUTBOUND.col.claim]: '', [OUTBOUND.col.claimedAt]: '',
    }])));
  }
  return rows.map(({ values }) => ({ ticketNo: cellText(values[OUTBOUND.col.ticketNo]), event: cellText(values[OUTBOUND.col.event]) }));
}

/** The latest message of a target the service answered (sent, or not deliverable to its recipient). */
export interface Answered {
  ticketNo: string;
  event: string;
  state: string;
  at: Date;
  result: string;
}

/**
 * The queue as the owner's dialogs show it, in one read (no lock): rows
 * waiting by target key, and each target's latest answered message.
 */
export function queueOverview(ctx: AppContext, props: Readonly<Record<string, string>>): { waiting: Map<string, number>; lastAnswered: Map<string, Answered> } {
  const waiting = new Map<string, number>();
  const lastAnswered = new Map<string, Answered>();
  if (!ctx.ss.getSheetByName(OUTBOUND.name)) return { waiting, lastAnswered };
  const sent = outboundStoreIn(props).sent;
  for (const { values } of queueTable(ctx, false).readAll()) {
    const state = values[OUTBOUND.col.state];
    const key = targetKey(cellText(values[OUTBOUND.col.kind]), cellText(values[OUTBOUND.col.target]));
    const at = values[OUTBOUND.col.sentAt];
    // Rows are in the order they were queued: a later answered row replaces an earlier one.
    if ((state === OUTBOUND_STATE.sent || state === OUTBOUND_STATE.undeliverable) && at instanceof Date) {
      lastAnswered.set(key, { ticketNo: cellText(values[OUTBOUND.col.ticketNo]), event: cellText(values[OUTBOUND.col.event]), state: String(state), at, result: cellText(values[OUTBOUND.col.result]) });
    }
    if (state !== OUTBOUND_STATE.pending && state !== OUTBOUND_STATE.sending) continue;
    // Sent, its row not marked yet (the next run marks it).
    if (state === OUTBOUND_STATE.sending && sent.has(cellText(values[OUTBOUND.col.claim]))) continue;
    waiting.set(key, (waiting.get(key) ?? 0) + 1);
  }
  return { waiting, lastAnswered };
}

/** Waiting rows by target key, for the dialog's overview (no lock: a count). */
export function waitingCounts(ctx: AppContext, props: Readonly<Record<string, string>>): Map<string, number> {
  return queueOverview(ctx, props).waiting;
}

/** A target's state as stored (the dialog shows it; `resume` and a new address clear it). Call under the script lock to change it. */
export function targetState(kind: string, target: string, props: Readonly<Record<string, string>>): TargetState {
  return outboundStoreIn(props).targets[targetKey(kind, target)] ?? emptyTargetState();
}

/** The owner fixed a target (a new address or secret, or 恢复发送): its backoff and refusal are cleared. Call under the script lock. */
export function resumeOutboundTarget(kind: string, target: string): void {
  const before = readOutboundStore();
  const after = copyStore(before);
  const key = targetKey(kind, target);
  after.targets[key] = resumeTarget(after.targets[key] ?? emptyTargetState());
  saveOutboundStore(before, after, Date.now());
}

/** One-off: the rows a run left waiting for the rate window or a short backoff. */
export function continueOutbound(ctx: AppContext, channels: readonly OutboundChannel[]): OutboundReport {
  spendOneOff(NOTIFY_CONTINUE_HANDLER);
  markOutboundContinueDue(null);
  return deliverOutbound(ctx, channels);
}

/**
 * Empties the 内容 of the queue's rows `pick` chooses by their 工单编号 (a
 * customer's data deleted at their request, or past 个人信息保留期): a row
 * still waiting is purged — it would go with no text — and never sent. No
 * call without the sheet. Returns the rows emptied.
 */
export function scrubOutbound(ctx: AppContext, pick: (ticketNo: string) => boolean, limit = Infinity): { written: number; left: number } {
  if (!ctx.ss.getSheetByName(OUTBOUND.name)) return { written: 0, left: 0 };
  return scrubRows(ctx, OUTBOUND, [OUTBOUND.col.id, OUTBOUND.col.ticketNo, OUTBOUND.col.body, OUTBOUND.col.state], (c) => new Map(
    c.get(OUTBOUND.col.ticketNo)!.flatMap((no, i) => {
      if (!pick(cellText(no)) || columnText(c, OUTBOUND.col.body, i) === '') return [];
      const waiting = [OUTBOUND_STATE.pending, OUTBOUND_STATE.sending].includes(columnText(c, OUTBOUND.col.state, i) as never);
      return [[i, { [OUTBOUND.col.body]: '', ...(waiting ? { [OUTBOUND.col.state]: OUTBOUND_STATE.purged, [OUTBOUND.col.claim]: '' } : {}) }] as const];
    }),
  ), limit);
}
