import {
  customersToAnonymise, retentionCutoff, reviewRowsToScrub, ticketsToAnonymise, tracesToScrub,
  type RetainedCustomer, type RetainedTicket,
} from '../src/domain/retention';

const at = (iso: string) => Date.parse(iso + '+08:00');
const DAY = 86_400_000;
const cutoff = retentionCutoff(at('2026-12-01T03:00:00'), 180);

const ticket = (over: Partial<RetainedTicket> = {}): RetainedTicket => ({
  ticketNo: 'T20260501001', customerNo: 'C0001', status: '已关闭', closedMs: cutoff - DAY, anonymised: false, ...over,
});
const customer = (over: Partial<RetainedCustomer> = {}): RetainedCustomer => ({
  customerNo: 'C0001', lastContactMs: cutoff - DAY, named: true, ...over,
});

describe('retentionCutoff', () => {
  test('is the retention period in whole days before now', () => {
    expect(retentionCutoff(at('2026-12-01T03:00:00'), 7)).toBe(at('2026-11-24T03:00:00'));
  });
});

describe('ticketsToAnonymise', () => {
  test('closed exactly at the cutoff goes; a millisecond later stays', () => {
    expect(ticketsToAnonymise([ticket({ closedMs: cutoff }), ticket({ closedMs: cutoff + 1 })], cutoff)).toEqual([0]);
  });

  test('only closed tickets: resolved long ago, or open, keep their data', () => {
    const rows = [ticket({ status: '问题已解决' }), ticket({ status: '新建', closedMs: null }), ticket({ status: '已联系客户' }), ticket()];
    expect(ticketsToAnonymise(rows, cutoff)).toEqual([3]);
  });

  test('a closed ticket without a closing date, or one already anonymised, is left alone', () => {
    expect(ticketsToAnonymise([ticket({ closedMs: null }), ticket({ anonymised: true }), ticket()], cutoff)).toEqual([2]);
  });
});

describe('customersToAnonymise', () => {
  test('a customer with a live ticket is kept, however old the last contact', () => {
    const tickets = [ticket(), ticket({ ticketNo: 'T20261120001', status: '新建', closedMs: null })];
    expect(customersToAnonymise([customer({ lastContactMs: cutoff - 400 * DAY })], tickets, cutoff)).toEqual([]);
  });

  test('a ticket closed within the period keeps its customer too', () => {
    expect(customersToAnonymise([customer()], [ticket({ closedMs: cutoff + DAY })], cutoff)).toEqual([]);
  });

  test('a customer whose tickets are all past the period goes', () => {
    expect(customersToAnonymise([customer()], [ticket(), ticket({ ticketNo: 'T20260401001' })], cutoff)).toEqual([0]);
  });

  test('a ticket anonymised under a shorter period no longer keeps its customer', () => {
    const earlier = ticket({ anonymised: true, closedMs: cutoff + 30 * DAY });
    expect(customersToAnonymise([customer()], [earlier], cutoff)).toEqual([0]);
  });

  test('recent contact, no contact date, or already without a name: kept', () => {
    const customers = [
      customer({ customerNo: 'C1', lastContactMs: cutoff + 1 }),
      customer({ customerNo: 'C2', lastContactMs: cutoff }),
      customer({ customerNo: 'C3', lastContactMs: null }),
      customer({ customerNo: 'C4', named: false }),
      customer({ customerNo: 'C5' }),
    ];
    expect(customersToAnonymise(customers, [], cutoff)).toEqual([1, 4]);
  });

  test("another customer's live ticket does not protect this one", () => {
    const tickets = [ticket({ customerNo: 'C0002', status: '新建', closedMs: null }), ticket()];
    expect(customersToAnonymise([customer(), customer({ customerNo: 'C0002' })], tickets, cutoff)).toEqual([0]);
  });
});

describe('tracesToScrub', () => {
  test("only the anonymised tickets' rows that still hold text", () => {
    const rows = [
      { ticketNo: 'T1', text: '已电话联系王小明' },
      { ticketNo: 'T2', text: '另一位客户' },
      { ticketNo: 'T1', text: '' },
      { ticketNo: 'T1', text: '上门地址已确认' },
    ];
    expect(tracesToScrub(rows, new Set(['T1']))).toEqual([0, 3]);
    expect(tracesToScrub(rows, new Set())).toEqual([]);
  });

  test('rows without a ticket number (reveal log, overdue digest) are kept even if a numberless row was closed', () => {
    const anonymised = new Set(['', 'T1']);
    const rows = [{ ticketNo: '', text: '超时工单周报' }, { ticketNo: 'T1', text: '已电话联系' }];
    expect(tracesToScrub(rows, anonymised)).toEqual([1]);
  });
});

describe('reviewRowsToScrub', () => {
  test('handled rows received by the cutoff; pending, recent, undated or already empty rows stay', () => {
    const rows = [
      { receivedMs: cutoff, state: '已作废', rawData: '{"姓名":"赵六"}' },
      { receivedMs: cutoff - DAY, state: '已重新提交', rawData: '{}' },
      { receivedMs: cutoff - DAY, state: '待处理', rawData: '{}' },
      { receivedMs: cutoff + 1, state: '已作废', rawData: '{}' },
      { receivedMs: null, state: '已作废', rawData: '{}' },
      { receivedMs: cutoff - DAY, state: '已作废', rawData: '' },
    ];
    expect(reviewRowsToScrub(rows, cutoff)).toEqual([0, 1]);
  });
});
