/**
 * The outbound queue's pure decisions: the backoff after failures, each
 * target's rate window, which due rows go in which request (batching when
 * many wait), what a reply means for the target and its rows, and what a row
 * a stopped run left half-done is. fast-check runs them against many
 * schedules of arrivals, replies and runs: no window ever holds more requests
 * than the service allows, no row is sent twice within a plan, none is
 * dropped, and a row taken by a stopped run is never lost.
 */
import fc from 'fast-check';
import {
  BACKOFF_MAX_MS, IN_FLIGHT_MS, OUTAGE_TELL_AT, RATE_WINDOW_MS, UNCONFIGURED, backoffMs, countFetches, emptyTargetState, fetchesLeft, freeSlots, inWindow,
  markUnconfigured, nextSlotAt, outageReached, parseTargetState, planClaims, recoverRow, resumeTarget, rowAfter, serialiseTargetState, settleTarget,
  type RateLimits, type Reply, type TargetState,
} from '../src/domain/outbound';
import { ROBOT_RATE_LIMITS } from '../src/domain/robot-replies';

const T = Date.parse('2026-11-23T10:00:00+08:00');
const DING: RateLimits = ROBOT_RATE_LIMITS.dingtalk;
const FEISHU: RateLimits = ROBOT_RATE_LIMITS.feishu;
const ok: Reply = { kind: 'ok', code: '0', message: 'ok' };
const retry: Reply = { kind: 'retry', code: 'http 503', message: '' };
const all = () => true;

describe('backoff', () => {
  test('1, 2, 4 … minutes after each failure in a row, never more than an hour; none before a failure', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffMs(n) / 60_000)).toEqual([0, 1, 2, 4, 8, 16, 32, 60, 60]);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (n) => backoffMs(n) <= BACKOFF_MAX_MS && backoffMs(n + 1) >= backoffMs(n)));
  });

  test('a transient failure rests the target for its backoff; a success ends it; a refusal stops it until resumed', () => {
    let s = emptyTargetState();
    s = settleTarget(s, retry, T);
    expect(s).toMatchObject({ failures: 1, retryAt: T + 60_000 });
    s = settleTarget(s, retry, T + 60_000);
    expect(s).toMatchObject({ failures: 2, retryAt: T + 3 * 60_000 });
    expect(planClaims({ rows: ['a'], state: s, limits: DING, now: T + 2 * 60_000, maxRequests: 5, fits: all })).toMatchObject({ groups: [], blocked: 'backoff', retryAt: T + 3 * 60_000 });
    s = settleTarget(s, ok, T + 3 * 60_000);
    expect(s).toMatchObject({ failures: 0, retryAt: 0, refused: null });
    s = settleTarget(s, { kind: 'refused', code: '310000', message: 'sign not match' }, T);
    expect(planClaims({ rows: ['a'], state: s, limits: DING, now: T + 99 * 3600_000, maxRequests: 5, fits: all })).toMatchObject({ groups: [], blocked: 'refused', retryAt: null });
    expect(planClaims({ rows: ['a'], state: resumeTarget(s), limits: DING, now: T, maxRequests: 5, fits: all }).groups).toEqual([['a']]);
  });

  test('rate limited: the platform\'s hold (钉钉: 10 minutes) is waited out, without counting as a failure', () => {
    const s = settleTarget(emptyTargetState(), { kind: 'rateLimited', code: '130101', message: '', retryAfterMs: ROBOT_RATE_LIMITS.dingtalk.throttleMs }, T);
    expect(s).toMatchObject({ failures: 0, retryAt: T + 10 * 60_000 });
  });
});

describe('the rate window', () => {
  test('20 a minute for 钉钉: the 21st waits until the first leaves the window', () => {
    const s: TargetState = { ...emptyTargetState(), sends: Array.from({ length: 20 }, (_, i) => T + i * 1000) };
    const now = T + 30_000;
    expect(freeSlots(s, DING, now)).toBe(0);
    expect(nextSlotAt(s, DING, now)).toBe(T + RATE_WINDOW_MS);
    expect(freeSlots(s, DING, T + RATE_WINDOW_MS)).toBe(1);
    expect(planClaims({ rows: ['x'], state: s, limits: DING, now, maxRequests: 5, fits: all })).toMatchObject({ groups: [], blocked: 'rate', retryAt: T + RATE_WINDOW_MS });
  });

  test('飞书 also 5 a second', () => {
    const s: TargetState = { ...emptyTargetState(), sends: [T, T, T, T, T] };
    expect(freeSlots(s, FEISHU, T + 500)).toBe(0);
    expect(nextSlotAt(s, FEISHU, T + 500)).toBe(T + 1000);
  });

  test('whatever arrives when and however the runs fall, no 60 s window holds more requests than the limit', () => {
    const limits = [DING, FEISHU, ROBOT_RATE_LIMITS.wecom];
    fc.assert(fc.property(
      fc.constantFrom(...limits),
      fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 90_000 }), arrivals: fc.integer({ min: 0, max: 30 }), budget: fc.integer({ min: 0, max: 40 }) }), { minLength: 1, maxLength: 40 }),
      (lim, runs) => {
        let now = T;
        let state = emptyTargetState();
        const waiting: number[] = [];
        let next = 0;
        const starts: number[] = [];
        const sent = new Set<number>();
        for (const run of runs) {
          now += run.gapMs;
          for (let i = 0; i < run.arrivals; i++) waiting.push(next++);
          const plan = planClaims({ rows: waiting, state, limits: lim, now, maxRequests: run.budget, fits: (g) => g.length <= 10 });
          state = plan.state;
          for (const g of plan.groups) {
            starts.push(now);
            for (const r of g) {
              // Never the same row twice.
              if (sent.has(r)) return false;
              sent.add(r);
              waiting.splice(waiting.indexOf(r), 1);
            }
            state = settleTarget(state, ok, now);
          }
          if (plan.groups.length > run.budget) return false;
        }
        // Every request start: the window ending there holds at most perMinute (and perSecond) requests.
        return starts.every((t) => inWindow(starts, t).length <= lim.perMinute && (lim.perSecond === undefined || inWindow(starts, t, 1000).length <= lim.perSecond))
          && sent.size + waiting.length === next;
      },
    ), { numRuns: 300 });
  });
});

describe('batching', () => {
  test('a few due rows go one request each; many are packed in order into as few requests as fit', () => {
    const state = emptyTargetState();
    expect(planClaims({ rows: ['a', 'b', 'c'], state, limits: DING, now: T, maxRequests: 5, fits: all }).groups).toEqual([['a'], ['b'], ['c']]);
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(planClaims({ rows: many, state, limits: DING, now: T, maxRequests: 3, fits: all }).groups).toEqual([many]);
    // At most 8 fit one message: three requests, in order.
    const packed = planClaims({ rows: many, state, limits: DING, now: T, maxRequests: 5, fits: (g) => g.length <= 8 });
    expect(packed.groups).toEqual([many.slice(0, 8), many.slice(8, 16), many.slice(16)]);
  });

  test('whatever fits, every group fits (or is one row), keeps the rows\' order, and the rest wait with a time to try', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 20 }),
      (n, size, budget, used) => {
        const rows = Array.from({ length: n }, (_, i) => i);
        const state: TargetState = { ...emptyTargetState(), sends: Array.from({ length: used }, () => T - 1000) };
        const plan = planClaims({ rows, state, limits: DING, now: T, maxRequests: budget, fits: (g) => g.length <= size });
        const flat = plan.groups.flat();
        const inOrder = flat.every((r, i) => r === i);
        const fitting = plan.groups.every((g) => g.length <= size || g.length === 1);
        const slots = Math.min(budget, DING.perMinute - used);
        const within = plan.groups.length <= Math.max(0, slots);
        const rest = flat.length === n ? plan.retryAt === null && plan.blocked === null : plan.retryAt !== null && plan.retryAt >= T;
        return inOrder && fitting && within && rest;
      },
    ), { numRuns: 500 });
  });

  test('a target that cannot be sent to takes nothing and is marked once, for one word to the admin', () => {
    const plan = planClaims({ rows: ['a'], state: emptyTargetState(), limits: null, now: T, maxRequests: 5, fits: all });
    expect(plan).toMatchObject({ groups: [], blocked: 'unconfigured', retryAt: null });
    const marked = markUnconfigured(emptyTargetState(), T);
    expect(marked.refused).toEqual({ code: UNCONFIGURED, message: '', at: T, told: false });
    expect(markUnconfigured({ ...marked, refused: { ...marked.refused!, told: true } }, T + 1).refused!.told).toBe(true);
  });
});

describe('rows', () => {
  test('a row waits after any reply but ok, never dropped: until the retry time, or (refused) until the admin acts', () => {
    fc.assert(fc.property(fc.constantFrom<Reply['kind']>('ok', 'retry', 'rateLimited', 'refused'), fc.integer({ min: 0, max: 50 }), (kind, attempts) => {
      const reply: Reply = { kind, code: 'x', message: '', retryAfterMs: 600_000 };
      const target = settleTarget(emptyTargetState(), reply, T);
      const after = rowAfter(reply, attempts, target, T);
      return after.attempts === attempts + 1 && (kind === 'ok' ? after.state === 'sent' : after.state === 'pending' && after.nextAt >= T);
    }));
  });

  test('a row a stopped run left 发送中: sent when its success was recorded, given back once no run can still hold it', () => {
    expect(recoverRow(T, true, T + 1)).toBe('sent');
    expect(recoverRow(T, false, T + IN_FLIGHT_MS - 1)).toBe('inFlight');
    expect(recoverRow(T, false, T + IN_FLIGHT_MS + 1)).toBe('pending');
    expect(recoverRow(null, false, T)).toBe('pending');
  });
});

describe('kept between executions', () => {
  test('a state reads back as it was written, its window trimmed; anything unreadable reads as empty', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: T - 120_000, max: T }), { maxLength: 30 }), fc.nat(9), fc.integer({ min: 0, max: T + 3600_000 }), fc.option(fc.record({ code: fc.string(), message: fc.string(), at: fc.nat(), told: fc.boolean() }), { nil: null }),
      (sends, failures, retryAt, refused) => {
        const s: TargetState = { sends: [...sends].sort((a, b) => a - b), failures, retryAt, refused };
        expect(parseTargetState(serialiseTargetState(s, T))).toEqual({ ...s, sends: inWindow(s.sends, T) });
      },
    ));
    for (const junk of [undefined, '', 'null', '{', '[1,2]', '{"sends":"x","failures":-3}']) expect(parseTargetState(junk)).toEqual(emptyTargetState());
  });

  test('the day\'s own cap counts fetches per local day', () => {
    const day = countFetches({ day: '', count: 0 }, '2026-11-23', 3);
    expect(day).toEqual({ day: '2026-11-23', count: 3 });
    expect(fetchesLeft(day, '2026-11-23', 10)).toBe(7);
    expect(fetchesLeft(day, '2026-11-24', 10)).toBe(10);
    expect(countFetches(day, '2026-11-24', 1)).toEqual({ day: '2026-11-24', count: 1 });
  });
});

describe('a long outage', () => {
  test('is reached once, at the OUTAGE_TELL_AT-th transient failure in a row; a success starts the count again; a refusal or an undeliverable number is no outage', () => {
    const retry: Reply = { kind: 'retry', code: 'fetch', message: 'DNS error' };
    let state = emptyTargetState();
    const reached: number[] = [];
    for (let i = 1; i <= OUTAGE_TELL_AT + 5; i++) {
      const next = settleTarget(state, retry, i * 60_000);
      if (outageReached(state, next)) reached.push(i);
      state = next;
    }
    expect(reached).toEqual([OUTAGE_TELL_AT]);
    const ok = settleTarget(state, { kind: 'ok', code: '0', message: '' }, 0);
    expect(ok.failures).toBe(0);
    for (const kind of ['refused', 'undeliverable', 'rateLimited'] as const) {
      const seven = { ...emptyTargetState(), failures: OUTAGE_TELL_AT - 1 };
      expect(outageReached(seven, settleTarget(seven, { kind, code: 'x', message: '' }, 0))).toBe(false);
    }
  });
});
