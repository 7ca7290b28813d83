/**
 * The outbound queue's decisions, for any channel that posts a message to a
 * remote service — team-chat robots now, SMS next: how long a target rests
 * after a failure, how many requests it may take now under its documented
 * rate limit, which waiting messages go together in one request, what a
 * reply means for the target and its rows, and what a row left half-done by
 * a stopped execution is. Pure: services/outbound.ts reads the 通知队列 sheet
 * and the targets' state, calls these, then writes and fetches.
 *
 * A target is one thing a channel sends to (a robot by its 配置 name). Its
 * state is kept across executions (script properties): the start times of
 * its requests in the current window, its consecutive failures and the time
 * before which nothing is tried, and whether it refused (bad key, bad
 * signature, keyword not found) — then nothing more goes to it until the
 * admin fixes it or purges its messages, and the admin is told once.
 */

/**
 * What a reply means: sent; try again later; wait out the platform's limit;
 * stop and tell the admin; or not to this recipient (the service is well,
 * the message alone cannot go: an SMS to a blocked number).
 */
export type ReplyKind = 'ok' | 'retry' | 'rateLimited' | 'refused' | 'undeliverable';

export interface Reply {
  kind: ReplyKind;
  /** The service's code ('0' when sent), `http <status>`, or `fetch` when no answer came. */
  code: string;
  /** The service's own words, for the admin. */
  message: string;
  /** rateLimited: how long the service holds further requests back. */
  retryAfterMs?: number;
}

/** Requests a target accepts: per minute, and per second where the service says so. */
export interface RateLimits {
  perMinute: number;
  perSecond?: number;
}

export interface Refusal {
  code: string;
  message: string;
  at: number;
  /** The admin was told (once per refusal). */
  told: boolean;
}

export interface TargetState {
  /** Start times (ms) of the requests made within the last window, oldest first. */
  sends: number[];
  /** Transient failures in a row (5xx, timeout, no answer), for the backoff. */
  failures: number;
  /** No request before this (ms; 0: none): a backoff or the service's throttle. */
  retryAt: number;
  /** The service refused, or the target cannot be sent to (not set up): nothing goes until the admin acts. */
  refused: Refusal | null;
}

/** The rate window: the documented limits are per minute. */
export const RATE_WINDOW_MS = 60_000;
/** The first retry after a transient failure, doubling each time up to an hour. */
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
/**
 * An execution lasts at most 6 minutes (Apps Script's limit): a row taken
 * for sending longer ago than this belongs to an execution that stopped.
 */
export const IN_FLIGHT_MS = 7 * 60_000;
/** Due messages for one target from this many on go in batches (one request listing several). */
export const BATCH_FROM = 4;
/** At most this many messages in one request. */
export const MAX_BATCH = 25;
/**
 * Transient failures in a row after which the admin is told, once per
 * outage (backoff 1+2+4+…+60 minutes: about two hours of trying). Whatever
 * the cause — the service down, the network, or the owner not having granted
 * script.external_request after an update (a fetch then fails every time, in
 * words the product must not read) — nothing is lost, but someone should look.
 */
export const OUTAGE_TELL_AT = 8;

/** Whether this reply took the target's failures to OUTAGE_TELL_AT (told once; a success resets the count). */
export function outageReached(before: TargetState, after: TargetState): boolean {
  return before.failures < OUTAGE_TELL_AT && after.failures >= OUTAGE_TELL_AT;
}

/** The refusal code of a target that cannot be sent to: no address stored, or its 配置 row gone. */
export const UNCONFIGURED = 'unconfigured';

export function emptyTargetState(): TargetState {
  return { sends: [], failures: 0, retryAt: 0, refused: null };
}

/** How long to wait after the `failures`th transient failure in a row: 1, 2, 4 … minutes, at most an hour. */
export function backoffMs(failures: number): number {
  if (!(failures > 0)) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(Math.floor(failures) - 1, 30));
}

/** The sends still inside the window ending at `now`. */
export function inWindow(sends: readonly number[], now: number, windowMs = RATE_WINDOW_MS): number[] {
  return sends.filter((t) => t > now - windowMs && t <= now);
}

/** Requests the target may start now under its limits. */
export function freeSlots(state: TargetState, limits: RateLimits, now: number): number {
  const minute = limits.perMinute - inWindow(state.sends, now).length;
  const second = limits.perSecond === undefined ? Infinity : limits.perSecond - inWindow(state.sends, now, 1000).length;
  return Math.max(0, Math.min(minute, second));
}

/** When the next request may start: now if a slot is free, else when the oldest send in the window leaves it. */
export function nextSlotAt(state: TargetState, limits: RateLimits, now: number): number {
  if (freeSlots(state, limits, now) > 0) return now;
  const minute = inWindow(state.sends, now);
  const candidates: number[] = [];
  if (minute.length >= limits.perMinute) candidates.push(minute[minute.length - limits.perMinute]! + RATE_WINDOW_MS);
  const second = limits.perSecond === undefined ? [] : inWindow(state.sends, now, 1000);
  if (limits.perSecond !== undefined && second.length >= limits.perSecond) candidates.push(second[second.length - limits.perSecond]! + 1000);
  return Math.max(now + 1, ...candidates);
}

/** Why a target's due rows are not all taken now. */
export type Blocked = 'unconfigured' | 'refused' | 'backoff' | 'rate' | 'budget';

export interface ClaimInput<R> {
  /** Due rows for one target, oldest first. */
  rows: readonly R[];
  state: TargetState;
  /** Null: the target cannot be sent to (no address, no 配置 row). */
  limits: RateLimits | null;
  now: number;
  /** Requests this run may still make. */
  maxRequests: number;
  /** Whether these rows fit one request (the channel's size limits); one row alone always goes. */
  fits: (group: readonly R[]) => boolean;
  batchFrom?: number;
  maxBatch?: number;
}

export interface ClaimPlan<R> {
  /** One request each, in order; every row at most once. */
  groups: R[][];
  /** The state with those requests counted in the window. */
  state: TargetState;
  /** Why rows were left (none left: null). */
  blocked: Blocked | null;
  /** When the rows left may be tried (null: only after the admin acts). */
  retryAt: number | null;
}

/**
 * Which due rows go now, and in which requests. Nothing goes to a refused
 * or unset target, nor during its backoff. Otherwise as many requests as
 * its window and the run allow; when more rows are due than that, or
 * `batchFrom` or more, they are packed in order into requests as large as
 * fit (one message listing several beats many), the rest left for later.
 */
export function planClaims<R>(input: ClaimInput<R>): ClaimPlan<R> {
  const { rows, state, limits, now } = input;
  const none = (blocked: Blocked, retryAt: number | null): ClaimPlan<R> => ({ groups: [], state, blocked: rows.length ? blocked : null, retryAt: rows.length ? retryAt : null });
  if (rows.length === 0) return none('rate', null);
  if (!limits) return none('unconfigured', null);
  if (state.refused) return none('refused', null);
  if (state.retryAt > now) return none('backoff', state.retryAt);
  const byRate = freeSlots(state, limits, now);
  const slots = Math.min(byRate, Math.max(0, Math.floor(input.maxRequests)));
  if (slots <= 0) return none(byRate <= 0 ? 'rate' : 'budget', byRate <= 0 ? nextSlotAt(state, limits, now) : now);
  const batchFrom = input.batchFrom ?? BATCH_FROM;
  const maxBatch = Math.max(1, input.maxBatch ?? MAX_BATCH);
  const groups: R[][] = [];
  if (rows.length <= slots && rows.length < batchFrom) {
    for (const r of rows) groups.push([r]);
  } else {
    let current: R[] = [];
    for (const r of rows) {
      if (current.length > 0 && current.length < maxBatch && input.fits([...current, r])) {
        current.push(r);
        continue;
      }
      if (current.length > 0) groups.push(current);
      if (groups.length >= slots) {
        current = [];
        break;
      }
      current = [r];
    }
    if (current.length > 0 && groups.length < slots) groups.push(current);
  }
  const next: TargetState = { ...state, sends: [...inWindow(state.sends, now), ...groups.map(() => now)] };
  const taken = groups.reduce((n, g) => n + g.length, 0);
  if (taken === rows.length) return { groups, state: next, blocked: null, retryAt: null };
  const rateLeft = freeSlots(next, limits, now) <= 0;
  return { groups, state: next, blocked: rateLeft ? 'rate' : 'budget', retryAt: rateLeft ? nextSlotAt(next, limits, now) : now };
}

/** The target after a reply to one of its requests at `now`. */
export function settleTarget(state: TargetState, reply: Reply, now: number): TargetState {
  switch (reply.kind) {
    case 'ok':
    case 'undeliverable':
      return { ...state, failures: 0, retryAt: 0, refused: null };
    case 'retry': {
      const failures = state.failures + 1;
      return { ...state, failures, retryAt: now + backoffMs(failures) };
    }
    case 'rateLimited':
      return { ...state, retryAt: Math.max(state.retryAt, now + Math.max(1000, reply.retryAfterMs ?? RATE_WINDOW_MS)) };
    case 'refused':
      return { ...state, refused: { code: reply.code, message: reply.message, at: now, told: false } };
  }
}

/** A target that cannot be sent to: marked once (the admin is then told once), kept as it is after. */
export function markUnconfigured(state: TargetState, now: number): TargetState {
  if (state.refused) return state;
  return { ...state, refused: { code: UNCONFIGURED, message: '', at: now, told: false } };
}

/** The admin fixed the target (a new address or secret, or 恢复发送): it is tried at once. */
export function resumeTarget(state: TargetState): TargetState {
  return { ...state, failures: 0, retryAt: 0, refused: null };
}

export type RowState = 'pending' | 'sent' | 'undeliverable';

export interface RowAfter {
  state: RowState;
  /** Attempts made for the row so far. */
  attempts: number;
  /** When it is due again (pending). */
  nextAt: number;
}

/**
 * A row after the reply to the request it went in: sent, not deliverable to
 * its recipient (final, said in 历史), or waiting again — until the target's
 * retry time, or (refused) until the admin acts. Nothing is ever dropped
 * here: only the admin purges.
 */
export function rowAfter(reply: Reply, attempts: number, target: TargetState, now: number): RowAfter {
  if (reply.kind === 'ok') return { state: 'sent', attempts: attempts + 1, nextAt: now };
  if (reply.kind === 'undeliverable') return { state: 'undeliverable', attempts: attempts + 1, nextAt: now };
  return { state: 'pending', attempts: attempts + 1, nextAt: Math.max(now, target.retryAt) };
}

/**
 * A row taken for sending at `claimedAt` by an execution that may have
 * stopped: sent when its request's success was recorded; given back to the
 * queue once no execution can still be sending it; otherwise left alone.
 * (An execution stopped between the service's answer and both of its
 * records is sent again: at least once, never lost.)
 */
export function recoverRow(claimedAt: number | null, sentRecorded: boolean, now: number): 'sent' | 'pending' | 'inFlight' {
  if (sentRecorded) return 'sent';
  if (claimedAt === null || now - claimedAt > IN_FLIGHT_MS) return 'pending';
  return 'inFlight';
}

/** Fetches counted against the day's own cap (UrlFetchApp's daily quota is the account's, shared with other scripts). */
export interface FetchDay {
  day: string;
  count: number;
}

/** Requests still allowed today under `cap`. */
export function fetchesLeft(day: FetchDay, today: string, cap: number): number {
  return Math.max(0, cap - (day.day === today ? day.count : 0));
}

/** The day's count after `n` more requests. */
export function countFetches(day: FetchDay, today: string, n: number): FetchDay {
  return { day: today, count: (day.day === today ? day.count : 0) + n };
}

/** A stored state as read back (unknown JSON): anything unreadable is an empty state, never a throw. */
export function parseTargetState(text: string | undefined): TargetState {
  if (!text) return emptyTargetState();
  try {
    const v = JSON.parse(text) as Partial<TargetState> | null;
    if (!v || typeof v !== 'object') return emptyTargetState();
    const r = v.refused;
    return {
      sends: Array.isArray(v.sends) ? v.sends.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)) : [],
      failures: typeof v.failures === 'number' && v.failures > 0 ? Math.floor(v.failures) : 0,
      retryAt: typeof v.retryAt === 'number' && Number.isFinite(v.retryAt) ? v.retryAt : 0,
      refused: r && typeof r === 'object' && typeof r.code === 'string'
        ? { code: r.code, message: typeof r.message === 'string' ? r.message : '', at: Number(r.at) || 0, told: r.told === true }
        : null,
    };
  } catch {
    return emptyTargetState();
  }
}

/** The state as stored: the window trimmed to what still counts at `now`. */
export function serialiseTargetState(state: TargetState, now: number): string {
  return JSON.stringify({ ...state, sends: inWindow(state.sends, now) });
}
