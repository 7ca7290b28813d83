/** 定期更新's choice of whom to ask: the rules a customer would notice, as properties. */
import fc from 'fast-check';
import { planRefresh, type RefreshCandidate } from '../src/domain/refresh';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T10:00:00+08:00');
const Q4 = Date.parse('2026-10-01T00:00:00+08:00');
const rules = { nowMs: NOW, utcOffset: 480, intervalDays: 180, cap: 20 };

const candidate = (over: Partial<RefreshCandidate> = {}): RefreshCandidate => ({
  customerNo: 'C20260302001', email: 'a@example.com', consented: true, retired: false,
  lastContactMs: NOW - 30 * DAY, firstContactMs: NOW - 300 * DAY, verifiedMs: NOW - 200 * DAY, invitedMs: null, ...over,
});

const arbCandidate = fc.record({
  customerNo: fc.integer({ min: 1, max: 999 }).map((n) => `C20260101${String(n).padStart(3, '0')}`),
  email: fc.constantFrom('', 'x@example.com'),
  consented: fc.boolean(),
  retired: fc.boolean(),
  lastContactMs: fc.option(fc.integer({ min: NOW - 800 * DAY, max: NOW })),
  firstContactMs: fc.option(fc.integer({ min: NOW - 800 * DAY, max: NOW })),
  verifiedMs: fc.option(fc.integer({ min: NOW - 800 * DAY, max: NOW })),
  invitedMs: fc.option(fc.integer({ min: NOW - 400 * DAY, max: NOW })),
});

describe('planRefresh', () => {
  test('asks a customer unconfirmed for longer than the interval, in touch within a year', () => {
    expect(planRefresh([candidate()], rules).invite).toEqual(['C20260302001']);
    expect(planRefresh([candidate({ verifiedMs: NOW - 100 * DAY })], rules).invite).toEqual([]);
    // Never confirmed by themselves: counted from when they were first met.
    expect(planRefresh([candidate({ verifiedMs: null })], rules).invite).toEqual(['C20260302001']);
    expect(planRefresh([candidate({ lastContactMs: NOW - 400 * DAY })], rules).invite).toEqual([]);
  });

  test('once a quarter: asked last quarter, asked again; asked this quarter, not', () => {
    expect(planRefresh([candidate({ invitedMs: Q4 - DAY })], rules).invite).toHaveLength(1);
    expect(planRefresh([candidate({ invitedMs: Q4 + DAY })], rules).invite).toEqual([]);
  });

  test('0 days switches it off', () => {
    expect(planRefresh([candidate()], { ...rules, intervalDays: 0 })).toEqual({ invite: [], deferred: 0, noEmail: 0 });
  });

  test('never more than the cap, never anyone who cannot or must not be asked, the longest unconfirmed first', () => {
    fc.assert(fc.property(fc.array(arbCandidate, { maxLength: 40 }), fc.integer({ min: 0, max: 10 }), (drawn, cap) => {
      const list = drawn.map((c, i) => ({ ...c, customerNo: `C20260101${String(i + 1).padStart(3, '0')}` }));
      const plan = planRefresh(list, { ...rules, cap });
      const since = (c: RefreshCandidate) => c.verifiedMs ?? c.firstContactMs;
      const eligible = list.filter((c) => c.consented && !c.retired && (c.invitedMs === null || c.invitedMs < Q4) &&
        c.lastContactMs !== null && c.lastContactMs >= NOW - 365 * DAY && since(c) !== null && since(c)! < NOW - 180 * DAY);
      const mailable = eligible.filter((c) => c.email !== '');
      expect(plan.invite.length).toBe(Math.min(cap, mailable.length));
      expect(plan.deferred).toBe(mailable.length - plan.invite.length);
      expect(plan.noEmail).toBe(eligible.length - mailable.length);
      const asked = plan.invite.map((no) => list.find((c) => c.customerNo === no)!);
      expect(asked.every((c) => mailable.includes(c))).toBe(true);
      const ages = asked.map((c) => since(c)!);
      expect(ages).toEqual([...ages].sort((a, b) => a - b));
      // Whoever was left for later was confirmed no longer ago than anyone asked now.
      const left = mailable.filter((c) => !plan.invite.includes(c.customerNo));
      if (asked.length) expect(left.every((c) => since(c)! >= Math.max(...ages))).toBe(true);
    }));
  });
});
