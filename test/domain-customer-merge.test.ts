/** planMerge: what two records of one customer become, decided without a sheet. */
import fc from 'fast-check';
import { movedIndex, planMerge, type MergePlan, type MergeRecord, type MergeTicket } from '../src/domain/customer-merge';

const record = (over: Partial<MergeRecord> = {}): MergeRecord => ({
  customerNo: 'C20261123001',
  values: { name: '王小明', mobile: '13800138000' },
  segment: '新客户',
  firstContactMs: 1000,
  lastContactMs: 1000,
  consent: { version: 'v1', atMs: 1000, channel: '在线表单' },
  tokens: ['m1'],
  mergedInto: '',
  erased: false,
  ...over,
});
const OTHER = 'C20261124001';

const plan = (kept: MergeRecord, other: MergeRecord, tickets: MergeTicket[] = []): MergePlan => {
  const p = planMerge(kept, other, tickets);
  if ('reason' in p) throw new Error(`refused: ${p.reason}`);
  return p;
};

describe('planMerge', () => {
  test('the kept values win, blanks are filled from the other, differing ones are named (a sealed one without its value)', () => {
    const p = plan(
      record({ values: { name: '王小明', mobile: '13800138000', address: '北京' } }),
      record({ customerNo: OTHER, values: { name: '王小明', mobile: '13900139000', email: 'x@example.com', address: '上海', position: '经理' } }),
    );
    expect(p.kept!.fill).toEqual({ email: 'x@example.com', position: '经理' });
    expect(p.conflicts).toEqual([{ key: 'mobile', other: '13900139000' }, { key: 'address', other: '' }]);
  });

  test('earlier first contact, later last contact, the more recent consent, 战略客户 wins, both identifiers match', () => {
    const p = plan(
      record({ firstContactMs: 5000, lastContactMs: 6000, consent: { version: 'v1', atMs: 5000, channel: '在线表单' } }),
      record({ customerNo: OTHER, segment: '战略客户', firstContactMs: 2000, lastContactMs: 3000, consent: { version: 'v2', atMs: 9000, channel: '线下录入' }, tokens: ['m2', 'm1'] }),
    );
    expect(p.kept).toMatchObject({ firstContactMs: 2000, lastContactMs: 6000, consentFrom: 'other', segment: '战略客户', tokens: ['m1', 'm2'] });
  });

  test('refuses itself, a record merged elsewhere and an erased one; a merge already made plans only the tickets left', () => {
    expect(planMerge(record(), record(), [])).toEqual({ reason: 'same', customerNo: 'C20261123001' });
    expect(planMerge(record(), record({ customerNo: OTHER, mergedInto: 'C20261125001' }), [])).toMatchObject({ reason: 'merged', customerNo: OTHER, into: 'C20261125001' });
    expect(planMerge(record({ mergedInto: OTHER }), record({ customerNo: OTHER }), [])).toMatchObject({ reason: 'merged', customerNo: 'C20261123001' });
    expect(planMerge(record(), record({ customerNo: OTHER, erased: true }), [])).toMatchObject({ reason: 'erased', customerNo: OTHER });
    const resumed = planMerge(record(), record({ customerNo: OTHER, mergedInto: 'C20261123001', values: {}, tokens: [] }), [
      { ticketNo: 'T1', customerNo: OTHER, rating: 4 }, { ticketNo: 'T2', customerNo: 'C20261123001', rating: 5 }, { ticketNo: 'T3', customerNo: 'C20261125001', rating: 1 },
    ]);
    expect(resumed).toMatchObject({ resumed: true, moved: ['T1'], conflicts: [], kept: { fill: {}, ticketCount: 2, ratingSum: 9, ratingCount: 2, avgRating: 4.5, segment: '老客户' } });
  });

  const ms = fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: undefined });
  const side = (customerNo: string) => fc.record({
    firstContactMs: ms, lastContactMs: ms, consentAt: ms,
    segment: fc.constantFrom('新客户', '老客户', '战略客户', ''),
    tokens: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
    values: fc.record({ name: fc.constantFrom('', '王小明', '王晓明'), email: fc.constantFrom('', 'x@example.com'), address: fc.constantFrom('', '北京', '上海') }),
  }).map(({ consentAt, ...r }) => record({ ...r, customerNo, consent: { version: 'v1', atMs: consentAt, channel: '在线表单' } }));
  const KEPT = 'C20261123001';
  const ticketsArb = fc.uniqueArray(fc.record({
    ticketNo: fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5', 'T6'),
    customerNo: fc.constantFrom(KEPT, OTHER, 'C20261125001'),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  }), { selector: (t) => t.ticketNo });

  /** The records and tickets as the writes of `p` leave them (`otherWritten`: the other row was marked and cleared). */
  const applied = (p: MergePlan, kept: MergeRecord, other: MergeRecord, tickets: MergeTicket[], otherWritten: boolean) => {
    const k = p.kept;
    const keptAfter = record({
      customerNo: kept.customerNo, values: { ...kept.values, ...k.fill }, segment: k.segment, firstContactMs: k.firstContactMs, lastContactMs: k.lastContactMs,
      consent: k.consentFrom === 'other' ? other.consent : kept.consent, tokens: k.tokens,
    });
    const otherAfter = otherWritten ? record({ customerNo: other.customerNo, values: {}, segment: '', firstContactMs: undefined, lastContactMs: undefined, consent: { version: '', channel: '' }, tokens: [], mergedInto: kept.customerNo }) : other;
    return { keptAfter, otherAfter, ticketsAfter: tickets.map((t) => (t.customerNo === other.customerNo ? { ...t, customerNo: kept.customerNo } : t)) };
  };

  test('property: no ticket is lost or moved twice, counts are the tickets\' once, 战略客户 is never lost, no token is dropped', () => {
    fc.assert(fc.property(side(KEPT), side(OTHER), ticketsArb, (kept, other, tickets) => {
      const p = plan(kept, other, tickets);
      const mine = tickets.filter((t) => t.customerNo !== 'C20261125001');
      expect(new Set(p.moved)).toEqual(new Set(tickets.filter((t) => t.customerNo === OTHER).map((t) => t.ticketNo)));
      expect(p.kept.ticketCount).toBe(mine.length);
      const rated = mine.flatMap((t) => (t.rating === null ? [] : [t.rating]));
      expect([p.kept.ratingSum, p.kept.ratingCount]).toEqual([rated.reduce((a, b) => a + b, 0), rated.length]);
      if (kept.segment === '战略客户' || other.segment === '战略客户') expect(p.kept.segment).toBe('战略客户');
      for (const t of [...kept.tokens, ...other.tokens]) expect(p.kept.tokens).toContain(t);
      const firsts = [kept.firstContactMs, other.firstContactMs].filter((x): x is number => x !== undefined);
      expect(p.kept.firstContactMs).toBe(firsts.length ? Math.min(...firsts) : undefined);
      // Planned again after a run that stopped anywhere (kept row written or not, other marked or not, tickets moved or not),
      // the kept record comes out the same: nothing counted twice, nothing more to fill.
      for (const otherWritten of [false, true]) {
        for (const ticketsMoved of [false, true]) {
          const after = applied(p, kept, other, tickets, otherWritten);
          const again = plan(after.keptAfter, after.otherAfter, ticketsMoved ? after.ticketsAfter : tickets);
          // (The consent record kept is the same one, now on the kept row.)
          const consent = (q: MergePlan, k: MergeRecord, o: MergeRecord) => (q.kept.consentFrom === 'other' ? o : k).consent;
          expect(consent(again, after.keptAfter, after.otherAfter)).toEqual(consent(p, kept, other));
          expect({ ...again.kept, fill: {}, consentFrom: '' }).toEqual({ ...p.kept, fill: {}, consentFrom: '' });
          expect(again.kept.fill).toEqual({});
          expect(again.moved).toEqual(ticketsMoved ? [] : p.moved);
        }
      }
    }));
  });
});

describe('movedIndex', () => {
  test('a replaced identifier stops matching; identifiers a merge brought in keep matching', () => {
    expect(movedIndex('m1 e1 m2', ['m1', 'e1'], ['m9', 'e1'])).toBe('m9 e1 m2');
    expect(movedIndex('', [], ['m1'])).toBe('m1');
  });
});
