import { defaultConfig } from '../src/domain/config';
import { decideFiling, type FilingInput } from '../src/domain/filing';
import type { Submission } from '../src/domain/validate';
import { SEGMENT } from '../src/domain/vocabulary';

// Monday 2026-11-23 10:00 in Shanghai.
const MONDAY_10 = Date.parse('2026-11-23T10:00:00+08:00');
const OFFSET = 480;

function submission(over: Partial<Submission> = {}): Submission {
  return {
    customer_kind: '个人', name: '王小明', industry: '制造业', mobile: '13800138000', need_type: '产品咨询',
    need_description: '想了解企业版的价格和部署方式', time_requirement: '一周内', consent: true, ...over,
  };
}

function input(over: Partial<FilingInput> = {}): FilingInput {
  return {
    submission: submission(), receivedMs: MONDAY_10, utcOffset: OFFSET, match: null,
    counters: { C20261123: 0, T20261123: 0 }, rotation: {}, config: defaultConfig(), ...over,
  };
}

describe('decideFiling', () => {
  test('a new customer gets the next customer and ticket numbers of the local day, and the counters move on', () => {
    const d = decideFiling(input({ counters: { C20261123: 4, T20261123: 9 } }));
    expect(d).toMatchObject({ customerNo: 'C20261123005', ticketNo: 'T20261123010', segment: SEGMENT.new, ticketCount: 1 });
    expect(d.counters).toMatchObject({ C20261123: 5, T20261123: 10 });
  });

  test('a returning customer keeps its number, counts one more ticket and is tagged 老客户', () => {
    const match = { customerNo: 'C20261101003', segment: SEGMENT.new, filedTickets: 2 };
    const d = decideFiling(input({ match }));
    expect(d).toMatchObject({ customerNo: 'C20261101003', ticketNo: 'T20261123001', segment: SEGMENT.returning, customerSegment: SEGMENT.returning, ticketCount: 3 });
    expect(d.counters['C20261123']).toBe(0);
  });

  test('a customer row without a ticket on file (a failed earlier attempt) is not a returning customer and gets its first ticket', () => {
    const match = { customerNo: 'C20261123001', segment: SEGMENT.returning, filedTickets: 0 };
    const d = decideFiling(input({ match }));
    expect(d).toMatchObject({ segment: SEGMENT.new, customerSegment: SEGMENT.new, ticketCount: 1, customerNo: 'C20261123001' });
    expect(d.counters['C20261123']).toBe(0);
  });

  test('a strategic customer stays strategic on the customer row and raises the priority', () => {
    const match = { customerNo: 'C20261101003', segment: SEGMENT.strategic, filedTickets: 5 };
    const config = { ...defaultConfig(), strategicCustomers: ['王小明'] };
    const d = decideFiling(input({ match, config }));
    expect(d.segment).toBe(SEGMENT.strategic);
    expect(d.customerSegment).toBe(SEGMENT.strategic);
  });

  test('strategic is sticky: made strategic by budget and size once, a later ticket without those answers keeps the tag and the raise', () => {
    const match = { customerNo: 'C20261101003', segment: SEGMENT.strategic, filedTickets: 2 };
    const plain = submission({ expected_response: '3个工作日内' });
    const d = decideFiling(input({ match, submission: plain }));
    expect(d.segment).toBe(SEGMENT.strategic);
    expect(d.customerSegment).toBe(SEGMENT.strategic);
    const asReturning = decideFiling(input({ match: { ...match, segment: SEGMENT.returning }, submission: plain }));
    expect(asReturning.segment).toBe(SEGMENT.returning);
    // The strategic customer's ticket is one level above the same ticket from a returning one.
    expect(d.priority).not.toBe(asReturning.priority);
  });

  test('routing rotates through the team and the deadline is in working time', () => {
    const first = decideFiling(input({ submission: submission({ need_type: '售后支持', need_description: '打印机需要安排上门维修服务' }) }));
    const second = decideFiling(input({ rotation: first.rotation, submission: submission({ need_type: '售后支持', need_description: '打印机需要安排上门维修服务' }) }));
    expect(first.owner).not.toBe(second.owner);
    expect(first.team).toBe(second.team);
    expect(first.deadlineMs).toBeGreaterThan(MONDAY_10);
  });

  test('after midnight local time the numbers are the next day\'s, whatever the UTC date', () => {
    const d = decideFiling(input({ receivedMs: Date.parse('2026-11-24T00:30:00+08:00'), counters: { C20261124: 0, T20261124: 0 } }));
    expect(d.ticketNo).toBe('T20261124001');
  });
});
