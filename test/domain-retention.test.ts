import {
  customersToAnonymise, historyToScrub, importRowsToScrub, retentionCutoff, reviewRowsToScrub, scrubbedProblems, ticketsToAnonymise, tracesToScrub,
  type HistoryRecord, type RetainedCustomer, type RetainedTicket,
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
  test("only the anonymised tickets' queued mails that still hold text", () => {
    const rows = [
      { ticketNo: 'T1', text: '已电话联系王小明' },
      { ticketNo: 'T2', text: '另一位客户' },
      { ticketNo: 'T1', text: '' },
      { ticketNo: 'T1', text: '上门地址已确认' },
    ];
    expect(tracesToScrub(rows, new Set(['T1']))).toEqual([0, 3]);
    expect(tracesToScrub(rows, new Set())).toEqual([]);
  });

  test('mails without a ticket number (the overdue digest) are kept even if a numberless row was closed', () => {
    const anonymised = new Set(['', 'T1']);
    const rows = [{ ticketNo: '', text: '超时工单周报' }, { ticketNo: 'T1', text: '已电话联系' }];
    expect(tracesToScrub(rows, anonymised)).toEqual([1]);
  });
});

describe('reviewRowsToScrub', () => {
  test('rows received by the cutoff, pending or handled, that still hold words; recent, undated or already empty rows stay', () => {
    const rows = [
      { receivedMs: cutoff, rawData: '{"姓名":"赵六"}', problems: '手机号格式不正确：应为11位中国大陆手机号' },
      { receivedMs: cutoff - DAY, rawData: '{}', problems: '' },
      { receivedMs: cutoff + 1, rawData: '{}', problems: '' },
      { receivedMs: null, rawData: '{}', problems: '' },
      { receivedMs: cutoff - DAY, rawData: '', problems: '所属行业的选项“…”无效' },
      { receivedMs: cutoff - DAY, rawData: '', problems: '所属行业的选项“赵六的公司”无效' },
    ];
    expect(reviewRowsToScrub(rows, cutoff)).toEqual([0, 1, 5]);
  });

  test('problems keep their kind, not what was typed', () => {
    expect(scrubbedProblems('所属行业的选项“赵六的公司”无效\n姓名/企业名称填写了两次且内容不同：“赵六”与“赵 六”'))
      .toBe('所属行业的选项“…”无效\n姓名/企业名称填写了两次且内容不同：“…”与“…”');
  });
});

describe('historyToScrub', () => {
  const row = (over: Partial<HistoryRecord> = {}): HistoryRecord => ({ ticketNo: 'T1', action: '状态变更', atMs: cutoff + DAY, hasValues: true, note: '已电话联系王小明', ...over });

  test("an anonymised ticket's notes go, but for the anonymisation's own; its statuses stay, the addresses its mails went to go", () => {
    const rows = [
      row(), row({ action: '邮件已排队', note: '' }), row({ ticketNo: 'T2' }), row({ action: '排队邮件已发送', note: '客户服务中心：王小明' }),
      row({ action: '个人信息已匿名化', hasValues: false, note: '已关闭超过保留期（7天），个人信息已清除' }),
    ];
    expect(historyToScrub(rows, new Set(['T1']), cutoff)).toEqual([
      { index: 0, values: false, note: true },
      { index: 1, values: true, note: false },
      { index: 3, values: true, note: true },
    ]);
  });

  test("reviewers' notes without a ticket go once as old as the cutoff; other numberless rows stay", () => {
    const rows = [
      row({ ticketNo: '', action: '作废待审核记录', atMs: cutoff, note: '赵六电话撤回' }),
      row({ ticketNo: '', action: '记录同意方式', atMs: cutoff - DAY, note: '电话口头同意：赵六本人' }),
      row({ ticketNo: '', action: '作废待审核记录', atMs: cutoff + 1, note: '赵六电话撤回' }),
      row({ ticketNo: '', action: '查看敏感信息', atMs: cutoff - DAY, note: '联系地址、证件号码' }),
    ];
    expect(historyToScrub(rows, new Set(['', 'T1']), cutoff)).toEqual([{ index: 0, values: false, note: true }, { index: 1, values: false, note: true }]);
  });
});

describe('importRowsToScrub', () => {
  const offset = 480;
  test('rows filed as a ticket of a day up to the cutoff day, with personal cells left', () => {
    const day = (ms: number) => new Date(ms + offset * 60_000).toISOString().slice(0, 10).replace(/-/g, '');
    const rows = [
      { result: `已受理：工单 T${day(cutoff)}001（客户 C${day(cutoff)}001）`, personal: true },
      { result: `已受理：工单 T${day(cutoff + DAY)}001（客户 C${day(cutoff)}001）`, personal: true },
      { result: `重复，已受理为工单 T${day(cutoff - DAY)}002`, personal: true },
      { result: `已受理：工单 T${day(cutoff - DAY)}003`, personal: false },
      { result: '待审核（第3行）：手机号格式不正确', personal: true },
      { result: '', personal: true },
    ];
    expect(importRowsToScrub(rows, cutoff, offset)).toEqual([0, 2]);
  });
});
