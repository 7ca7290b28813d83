/**
 * Report figures from a fixed data set, checked against values computed by
 * hand; period boundaries in Asia/Shanghai (npm test runs with the host in
 * America/Los_Angeles); empty periods; bad rows; the report switches in Config.
 */
import { cellUsage } from '../src/domain/capacity';
import { defaultConfig, defaultConfigRows, parseConfig } from '../src/domain/config';
import { chartSeries, type ArchivedFigure } from '../src/domain/report-chart';
import type { Sla } from '../src/domain/calendar';
import { renderReportMail } from '../src/domain/report-email';
import { computeReport, type ReportInput } from '../src/domain/report-figures';
import { isQuarterStartDay, reportPeriods } from '../src/domain/report-periods';
import * as fc from 'fast-check';
import { holds, PHRASE_MIN_CUSTOMERS, STOP_WORDS, topPhrases } from '../src/domain/report-phrases';
import { reportRecords, type ReportSheets, type SheetRows } from '../src/services/report-rows';
import { CUSTOMERS, INTERNAL, REVIEW, TICKETS } from '../src/sheets/schema';

const SH = 480;
const at = (local: string) => Date.parse(`${local}+08:00`);
const d = (local: string) => new Date(at(local));

function sheet(labels: readonly string[], records: (Record<string, unknown> | null)[]): SheetRows {
  return {
    headers: labels,
    rows: records.map((r) => labels.map((l) => (r === null ? '' : (r[l] ?? '')))),
    firstRow: 2,
  };
}

// The follow-up stamps are part of TICKETS; the 'missing column' case below takes them out.
const STAMPS: string[] = [TICKETS.col.firstResponseAt, TICKETS.col.resolvedAt];
const STAMP_COLUMNS = { firstResponse: TICKETS.col.firstResponseAt, resolution: TICKETS.col.resolvedAt };
const NO_AUDIT = { revealed: 0, refused: 0, people: [] };
const ROOMY = cellUsage([{ rows: 1000, columns: 40 }]);
const TICKET_LABELS = [...TICKETS.columns.map((c) => c.label).filter((l) => !STAMPS.includes(l)), ...STAMPS];
const FIRST_RESPONSE: Record<string, Sla> = { 高: { amount: 24, unit: 'h' }, 中: { amount: 1, unit: 'wd' }, 低: { amount: 2, unit: 'wd' } };
const STAFF = { 'sales1@example.com': '张伟', 'sales2@example.com': '李娜', 'support1@example.com': '王强' };

/** Monday 2026-11-23 09:00: the weekly report covers 11-16..11-22, compared with 11-09..11-15. */
const NOW = at('2026-11-23T09:00:00');

const TICKET_ROWS: (Record<string, unknown> | null)[] = [
  // row 2
  { [TICKETS.col.no]: 'T1', [TICKETS.col.customerNo]: 'C1', 收集渠道: '在线表单', 需求类型: '售后支持', [TICKETS.col.issueType]: '功能缺陷', [TICKETS.col.priority]: '高', [TICKETS.col.owner]: 'sales1@example.com',
    填写日期: d('2026-11-16T10:00:00'), [TICKETS.col.deadline]: d('2026-11-17T10:00:00'), [TICKETS.col.status]: '问题已解决', [TICKETS.col.firstResponseAt]: d('2026-11-16T11:00:00'),
    [TICKETS.col.resolvedAt]: d('2026-11-17T09:00:00'), [TICKETS.col.surveyRating]: 5, 具体需求描述: '登录卡顿，页面打不开', 预算范围: '1-5万' },
  // row 3
  { [TICKETS.col.no]: 'T2', [TICKETS.col.customerNo]: 'C2', 收集渠道: '在线表单', 需求类型: '技术支持', [TICKETS.col.issueType]: '功能缺陷', [TICKETS.col.priority]: '中', [TICKETS.col.owner]: 'support1@example.com',
    填写日期: d('2026-11-17T10:00:00'), [TICKETS.col.deadline]: d('2026-11-20T18:00:00'), [TICKETS.col.status]: '已关闭', [TICKETS.col.firstResponseAt]: d('2026-11-19T10:00:00'),
    [TICKETS.col.resolvedAt]: d('2026-11-21T10:00:00'), [TICKETS.col.surveyRating]: 4, 具体需求描述: '登录卡顿严重' },
  // row 4
  { [TICKETS.col.no]: 'T3', [TICKETS.col.customerNo]: 'C3', 收集渠道: '线下录入', 需求类型: '产品咨询', [TICKETS.col.issueType]: '操作疑问', [TICKETS.col.priority]: '低', [TICKETS.col.owner]: 'sales2@example.com',
    填写日期: d('2026-11-18T14:00:00'), [TICKETS.col.deadline]: d('2026-11-25T14:00:00'), [TICKETS.col.status]: '新建', 具体需求描述: '登录卡顿怎么处理',
    [TICKETS.col.toVerify]: '需求不具体', 预算范围: '1万以下', 期望响应时间: '1周内' },
  // row 5: re-filed from the review queue; overdue now
  { [TICKETS.col.no]: 'T4', [TICKETS.col.customerNo]: 'C1', 收集渠道: '线下录入', 需求类型: '合作洽谈', [TICKETS.col.issueType]: '其他', [TICKETS.col.priority]: '高', [TICKETS.col.owner]: 'sales1@example.com',
    填写日期: d('2026-11-20T09:00:00'), [TICKETS.col.deadline]: d('2026-11-21T09:00:00'), [TICKETS.col.status]: '方案已提交', [TICKETS.col.firstResponseAt]: d('2026-11-20T10:00:00'),
    具体需求描述: '希望合作推广', [INTERNAL.source]: 'form:abc#r3:1a2b3c4d',
    当前使用的产品版本: 'v2', 预算范围: '5-10万', 期望响应时间: '24小时内', 期望合作方式: '长期合作' },
  // row 6: the previous week
  { [TICKETS.col.no]: 'T5', [TICKETS.col.customerNo]: 'C4', 收集渠道: '在线表单', 需求类型: '售后支持', [TICKETS.col.issueType]: '功能缺陷', [TICKETS.col.priority]: '中', [TICKETS.col.owner]: 'support1@example.com',
    填写日期: d('2026-11-10T10:00:00'), [TICKETS.col.deadline]: d('2026-11-13T10:00:00'), [TICKETS.col.status]: '问题已解决', [TICKETS.col.firstResponseAt]: d('2026-11-10T12:00:00'),
    [TICKETS.col.resolvedAt]: d('2026-11-12T10:00:00'), [TICKETS.col.surveyRating]: 4, 具体需求描述: '报表导出失败' },
  // row 7: cleared by hand
  null,
  // row 8: date deleted
  { [TICKETS.col.no]: 'T6', [TICKETS.col.customerNo]: 'C1', 收集渠道: '在线表单', 需求类型: '其他', [TICKETS.col.issueType]: '其他', [TICKETS.col.priority]: '低', [TICKETS.col.status]: '新建', 填写日期: '' },
  // row 9: text in the number column, free text in 状态
  { [TICKETS.col.no]: 'T7', [TICKETS.col.customerNo]: 'C2', 收集渠道: '接口', 需求类型: '技术支持', [TICKETS.col.issueType]: '功能缺陷', [TICKETS.col.priority]: '中', [TICKETS.col.owner]: 'support1@example.com',
    填写日期: d('2026-11-19T10:00:00'), [TICKETS.col.deadline]: d('2026-11-22T10:00:00'), [TICKETS.col.status]: '搞定了', 满意度评分: 'abc', 具体需求描述: '接口返回慢' },
];

const CUSTOMER_ROWS = [
  { [CUSTOMERS.col.no]: 'C1', 所属行业: '制造业', [CUSTOMERS.col.segment]: '老客户', [CUSTOMERS.col.firstContact]: d('2026-11-16T10:00:00'), 来源渠道: '官网' },
  { [CUSTOMERS.col.no]: 'C2', 所属行业: '零售', [CUSTOMERS.col.segment]: '老客户', [CUSTOMERS.col.firstContact]: d('2026-10-01T10:00:00'), 来源渠道: '展会' },
  { [CUSTOMERS.col.no]: 'C3', 所属行业: '金融', [CUSTOMERS.col.segment]: '战略客户', [CUSTOMERS.col.firstContact]: d('2026-11-18T14:00:00'), 来源渠道: '展会' },
  { [CUSTOMERS.col.no]: 'C4', 所属行业: '教育', [CUSTOMERS.col.segment]: '新客户', [CUSTOMERS.col.firstContact]: d('2026-11-10T10:00:00'), 来源渠道: '' },
];

const REVIEW_ROWS = [
  { [REVIEW.col.receivedAt]: d('2026-11-18T10:00:00'), [REVIEW.col.problems]: '手机号格式不正确：应为11位中国大陆手机号\n年龄应为1到120之间的整数，当前为“<b>abc</b>”' },
  { [REVIEW.col.receivedAt]: d('2026-11-19T10:00:00'), [REVIEW.col.problems]: '手机号格式不正确：应为11位中国大陆手机号\n（未同意个人信息处理：个人信息未保存）' },
  { [REVIEW.col.receivedAt]: '', [REVIEW.col.problems]: '电子邮箱格式不正确' },
  { [REVIEW.col.receivedAt]: d('2026-11-11T10:00:00'), [REVIEW.col.problems]: '电子邮箱格式不正确' },
];

/** The fixed data set read as the report reads its sheets; any sheet or setting may be replaced. */
function input(overrides: Partial<ReportSheets & Omit<ReportInput, 'records'>> = {}): ReportInput {
  const {
    tickets = sheet(TICKET_LABELS, TICKET_ROWS),
    customers = sheet(CUSTOMERS.columns.map((c) => c.label), CUSTOMER_ROWS),
    review = sheet(REVIEW.columns.map((c) => c.label), REVIEW_ROWS),
    ...rest
  } = overrides;
  return {
    records: reportRecords({ tickets, customers, review }, SH),
    periods: reportPeriods('weekly', NOW, SH, 'previous'),
    now: NOW,
    utcOffset: SH,
    settings: { calendar: defaultConfig().calendar, firstResponse: FIRST_RESPONSE, staffNames: STAFF },
    ...rest,
  };
}

describe('report figures of a fixed data set (hand-computed)', () => {
  const f = computeReport(input());
  const c = f.current;

  test('counts tickets, customers and their kinds in the period', () => {
    expect(f.periods.current).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(c.tickets).toBe(5); // T1 T2 T3 T4 T7 (T6 has no date, T5 is last week)
    expect(f.previous.tickets).toBe(1);
    expect(c.customers).toBe(3);
    expect(c.newCustomers).toBe(2); // C1, C3
    expect(f.previous.newCustomers).toBe(1); // C4
    expect(c.segments).toEqual([
      { label: '新客户', count: 1 },
      { label: '老客户', count: 1 },
      { label: '战略客户', count: 1 },
    ]);
    expect(c.byChannel).toEqual([
      { label: '在线表单', count: 2 },
      { label: '线下录入', count: 2 },
      { label: '接口', count: 1 },
    ]);
    expect(c.byIndustry).toEqual([
      { label: '制造业', count: 2 },
      { label: '零售', count: 2 },
      { label: '金融', count: 1 },
    ]);
    expect(c.byIssueType[0]).toEqual({ label: '功能缺陷', count: 3 });
    expect(c.bySource).toEqual([
      { label: '官网', count: 1 },
      { label: '展会', count: 1 },
    ]);
  });

  test('satisfaction: average, distribution, response rate and change', () => {
    expect(c.satisfaction).toEqual({
      count: 2,
      average: 4.5,
      distribution: [0, 0, 0, 1, 1],
      response: { hits: 2, total: 2, rate: 1 },
      // Ratings of 4 and 5: none low.
      low: [],
    });
    const h = f.headlines.find((x) => x.key === 'satisfaction')!;
    expect(h.previous).toBe(4);
    expect(h.change).toBeCloseTo(0.125);
  });

  test('a rating given with the form counts in the submission period, a survey rating in the resolution period', () => {
    // T5 of the week before, rated 2 with the form and 5 in the survey after its resolution this week.
    const rows = TICKET_ROWS.map((r) => (r?.[TICKETS.col.no] === 'T5' ? { ...r, 满意度评分: 2, [TICKETS.col.resolvedAt]: d('2026-11-18T10:00:00'), [TICKETS.col.surveyRating]: 5 } : r));
    const g = computeReport(input({ tickets: sheet(TICKET_LABELS, rows) }));
    expect(g.previous.satisfaction).toMatchObject({ count: 1, average: 2 });
    expect(g.current.satisfaction).toMatchObject({ count: 3, distribution: [0, 0, 0, 1, 2], response: { hits: 3, total: 3, rate: 1 } });
  });

  test('deadline compliance and the overdue list', () => {
    // T1 and T4 answered in time; T2 late; T3 and T7 never answered and past their limit.
    expect(c.firstResponse).toEqual({ hits: 2, total: 5, rate: 0.4 });
    expect(c.resolution).toEqual({ hits: 1, total: 2, rate: 0.5 });
    expect(f.previous.resolution).toEqual({ hits: 1, total: 1, rate: 1 });
    // Overdue now, one definition (domain/overdue.ts): T4 past its deadline; T3 never answered past its
    // first-response limit (2 working days from Wednesday 14:00) though its deadline is still ahead.
    expect(f.overdue).toEqual([
      { ticketNo: 'T3', owner: '李娜', priority: '低', deadline: at('2026-11-25T14:00:00'), kinds: ['firstResponse'], overdueMs: at('2026-11-23T09:00:00') - at('2026-11-20T14:00:00') },
      { ticketNo: 'T4', owner: '张伟', priority: '高', deadline: at('2026-11-21T09:00:00'), kinds: ['deadline'], overdueMs: 48 * 3_600_000 },
    ]);
    expect(f.overdueCounts).toEqual({ deadline: 1, firstResponse: 1, any: 2 });
  });

  test('workload per owner, by staff name', () => {
    expect(c.owners).toEqual([
      { owner: '张伟', assigned: 2, resolved: 1, resolvedInTime: { hits: 1, total: 1, rate: 1 }, open: 1, overdue: 1 },
      { owner: '王强', assigned: 2, resolved: 1, resolvedInTime: { hits: 0, total: 1, rate: 0 }, open: 0, overdue: 0 },
      { owner: '李娜', assigned: 1, resolved: 0, resolvedInTime: { hits: 0, total: 0, rate: null }, open: 1, overdue: 1 },
    ]);
  });

  test('collection quality: review share, problems without values, completion by channel', () => {
    // 2 review rows; 4 fresh tickets (T4 was re-filed from the queue).
    expect(c.review).toEqual({ hits: 2, total: 6, rate: 2 / 6 });
    expect(c.problems).toEqual([
      { label: '手机号格式不正确：应为11位中国大陆手机号', count: 2 },
      { label: '年龄应为1到120之间的整数，当前为“…”', count: 1 },
    ]);
    expect(c.toVerify).toEqual({ hits: 1, total: 5, rate: 0.2 });
    expect(c.completion).toEqual([
      { channel: '在线表单', completion: { hits: 1, total: 8, rate: 0.125 } },
      { channel: '线下录入', completion: { hits: 6, total: 8, rate: 0.75 } },
      { channel: '接口', completion: { hits: 0, total: 4, rate: 0 } },
    ]);
    // Completion is judged on at least 10 optional answers per channel: none has that many here.
    expect(f.suggestions.map((s) => s.key)).toEqual(['reviewHigh', 'toVerifyHigh', 'firstResponseLow', 'overdue', 'anomalies']);
  });

  test('recurring phrases: customers who wrote it, share of the period’s tickets', () => {
    expect(c.phrases).toEqual([{ phrase: '登录卡顿', customers: 3, tickets: 3, share: 0.6 }]);
  });

  test('bad rows are counted under 数据异常 with their row numbers, never guessed', () => {
    expect(f.anomalies).toEqual(
      expect.arrayContaining([
        { sheet: '工单', kind: 'blankRow', rows: [7], excluded: true },
        { sheet: '工单', kind: 'badSubmittedAt', rows: [8], excluded: true },
        { sheet: '工单', kind: 'badSatisfaction', rows: [9], excluded: false },
        { sheet: '工单', kind: 'badStatus', rows: [9], excluded: false },
        { sheet: '待审核', kind: 'badReceivedAt', rows: [4], excluded: true },
      ]),
    );
    expect(f.anomalies).toHaveLength(5);
  });
});

describe('topPhrases', () => {
  test('finds the phrase three customers in ten wrote, not its fragments; share is of the tickets', () => {
    const docs = [
      { key: 'C1', text: '最近登录卡顿' },
      { key: 'C2', text: '登录卡顿很严重' },
      { key: 'C3', text: '手机上一直登录卡顿' },
      { key: 'C3', text: '登录卡顿又出现了' }, // the same customer twice counts once
      ...['C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10'].map((key, i) => ({ key, text: ['报价', '发票', '培训', '合同', '续费', '发货', '安装'][i]! })),
    ];
    expect(topPhrases(docs)).toEqual([{ phrase: '登录卡顿', customers: 3, tickets: 4, share: 4 / 11 }]);
  });

  test('a sentence several customers wrote word for word comes out whole, not as overlapping pieces', () => {
    const docs = ['a', 'b', 'c'].map((key) => ({ key, text: '导出报表时页面一直转圈' }));
    expect(topPhrases(docs)).toEqual([{ phrase: '导出报表时页面一直转圈', customers: 3, tickets: 3, share: 1 }]);
  });

  test('ignores phrases fewer than three customers wrote, generic words and issue-type terms', () => {
    expect(topPhrases([{ key: 'a', text: '我们希望需要' }, { key: 'b', text: '我们希望需要' }, { key: 'c', text: '我们希望需要' }])).toEqual([]);
    expect(topPhrases(['a', 'b'].map((key) => ({ key, text: '发票抬头开错了' })))).toEqual([]);
    expect(topPhrases(['a', 'b', 'c'].map((key) => ({ key, text: '系统问题，请确认功能' })))).toEqual([]);
    expect(topPhrases(['a', 'b', 'c'].map((key) => ({ key, text: '闪退，闪退' })), { exclude: ['功能缺陷', '闪退'] })).toEqual([]);
  });

  test('Latin text gives whole words, never pieces of one', () => {
    const docs = [
      { key: 'a', text: 'The VPN cannot connect' },
      { key: 'b', text: 'vpn keeps dropping, please help' },
      { key: 'c', text: 'VPN 连接很慢' },
      { key: 'd', text: 'vpnclient crashed' },
    ];
    expect(topPhrases(docs)).toEqual([{ phrase: 'vpn', customers: 3, tickets: 3, share: 0.75 }]);
  });

  test('links, addresses and codes three customers pasted are no phrase; the words around them still count', () => {
    const docs = ['a', 'b', 'c'].map((key, i) => ({
      key,
      text: `Printer offline again https://docs.google.com/forms/d/e/1FAIpQLSf${i}x/viewform T2026112300${i} err_connection_reset_while_uploading ops${i}@example.com 0123456789ab`,
    }));
    const shown = topPhrases(docs).map((p) => p.phrase);
    expect(shown).toEqual(['printer offline again']);
  });

  test('twenty tickets as customers write them', () => {
    const docs = [
      ['C01', '登录失败，提示密码错误，但密码是对的'],
      ['C02', '手机App登录失败，一直转圈'],
      ['C03', '今天早上登录失败了，请尽快处理'],
      ['C04', '员工反映登录失败，影响打卡'],
      ['C05', '无法登录后台，系统提示账号已锁定'],
      ['C06', '无法登录，麻烦确认一下账号状态'],
      ['C07', '新来的同事无法登录系统'],
      ['C08', '导出报表的时候系统报错'],
      ['C09', '月底导出报表很慢，要等十几分钟'],
      ['C10', '导出报表后数字对不上'],
      ['C11', '发票抬头开错了，需要重开'],
      ['C12', '发票一直没有收到'],
      ['C13', '想咨询一下企业版的价格'],
      ['C14', '希望增加微信通知功能'],
      ['C15', '打印机连接不上'],
      ['C01', '登录失败又出现了'],
      ['C08', '导出报表还是报错'],
      ['C05', '账号已锁定，无法登录'],
      ['C16', '打印机连接不上，驱动装不上'],
      ['C17', '仓库的打印机连接不上WiFi'],
    ].map(([key, text]) => ({ key: key!, text: text! }));
    const issueTerms = defaultConfig().issueTypes.flatMap((r) => [r.type, ...r.keywords]);
    expect(topPhrases(docs, { exclude: issueTerms })).toEqual([
      { phrase: '登录失败', customers: 4, tickets: 5, share: 0.25 },
      { phrase: '打印机连接不上', customers: 3, tickets: 3, share: 0.15 },
      { phrase: '导出报表', customers: 3, tickets: 4, share: 0.2 },
      { phrase: '无法登录', customers: 3, tickets: 4, share: 0.2 },
    ]);
  });
});

describe('topPhrases: properties', () => {
  const PIECES = ['登录', '失败', '无法', '页面', '卡顿', '导出', '报表', '很慢', '打印', '发票', '系统', '问题', '的', '了', '，', ' ', 'vpn', 'excel', 'export'];
  const fold = (t: string) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const docsArb = fc.array(
    fc.record({ key: fc.constantFrom('C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7'), text: fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((p) => p.join('')) }),
    { maxLength: 24 },
  );
  const excludeArb = fc.subarray(['失败', '卡顿', '功能缺陷', 'excel']);
  const customersOf = (docs: readonly { key: string; text: string }[], phrase: string) => new Set(docs.filter((d) => holds(fold(d.text), phrase)).map((d) => d.key));
  const within = (p: string, q: string) => q.length > p.length && (/^[a-z0-9]/.test(p) ? holds(q, p) : q.includes(p));

  test('each phrase: at least three customers, counted right, share of the tickets; no stop word, no issue-type term', () => {
    fc.assert(fc.property(docsArb, excludeArb, (docs, exclude) => {
      const shown = topPhrases(docs, { exclude });
      expect(shown.length).toBeLessThanOrEqual(5);
      expect(new Set(shown.map((p) => p.phrase)).size).toBe(shown.length);
      for (const p of shown) {
        expect(p.customers).toBeGreaterThanOrEqual(PHRASE_MIN_CUSTOMERS);
        expect(p.customers).toBe(customersOf(docs, p.phrase).size);
        const tickets = docs.filter((d) => holds(fold(d.text), p.phrase)).length;
        expect(p).toMatchObject({ tickets, share: tickets / docs.length });
        expect(STOP_WORDS.has(p.phrase)).toBe(false);
        expect(exclude).not.toContain(p.phrase);
      }
    }), { numRuns: 300 });
  });

  test('a phrase held by longer shown ones is shown only for three customers of its own', () => {
    fc.assert(fc.property(docsArb, excludeArb, (docs, exclude) => {
      const shown = topPhrases(docs, { exclude });
      for (const p of shown) {
        const longer = shown.filter((q) => within(p.phrase, q.phrase));
        const covered = new Set(longer.flatMap((q) => [...customersOf(docs, q.phrase)]));
        const own = [...customersOf(docs, p.phrase)].filter((k) => !covered.has(k));
        expect(own.length).toBeGreaterThanOrEqual(PHRASE_MIN_CUSTOMERS);
      }
    }), { numRuns: 300 });
  });

  test('登录失败 and 无法登录 may both show, 登录 beside them not', () => {
    const docs = [
      ...['a', 'b', 'c'].map((key) => ({ key, text: '登录失败' })),
      ...['d', 'e', 'f'].map((key) => ({ key, text: '无法登录' })),
      ...['g', 'h'].map((key) => ({ key, text: '登录' })),
    ];
    expect(topPhrases(docs).map((p) => p.phrase)).toEqual(['无法登录', '登录失败']);
    // Three customers who wrote 登录 alone make it a phrase of its own.
    expect(topPhrases([...docs, { key: 'i', text: '登录' }]).map((p) => p.phrase)).toEqual(['登录', '无法登录', '登录失败']);
  });
});

describe('periods in Asia/Shanghai, whatever the host zone', () => {
  test('monthly on 1 April covers March, compared with February', () => {
    const p = reportPeriods('monthly', at('2026-04-01T09:00:00'), SH, 'previous');
    expect(p.current).toEqual({ start: at('2026-03-01T00:00:00'), end: at('2026-04-01T00:00:00'), from: '2026-03-01', to: '2026-03-31' });
    expect(p.previous).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(p.key).toBe('monthly:2026-03-01');
  });

  test('quarterly on 1 April (still 31 March in UTC and on the host) covers Q1', () => {
    const run = Date.parse('2026-03-31T17:30:00Z'); // 01:30 on 1 April in Shanghai
    expect(isQuarterStartDay(run, SH)).toBe(true);
    expect(isQuarterStartDay(at('2026-05-01T09:00:00'), SH)).toBe(false);
    const p = reportPeriods('quarterly', run, SH, 'previous');
    expect(p.current).toMatchObject({ from: '2026-01-01', to: '2026-03-31' });
    expect(p.previous).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
  });

  test('weekly on Monday 00:30 (Sunday in UTC) covers the week just ended', () => {
    const p = reportPeriods('weekly', at('2026-11-23T00:30:00'), SH, 'previous');
    expect(p.current).toMatchObject({ from: '2026-11-16', to: '2026-11-22' });
    expect(p.current.end).toBe(at('2026-11-23T00:00:00'));
  });

  test('to date: the month so far against the same span of the previous, clipped to its length', () => {
    const p = reportPeriods('monthly', at('2026-03-31T10:00:00'), SH, 'toDate');
    expect(p.current).toEqual({ start: at('2026-03-01T00:00:00'), end: at('2026-03-31T10:00:00'), from: '2026-03-01', to: '2026-03-31' });
    expect(p.previous).toEqual({ start: at('2026-02-01T00:00:00'), end: at('2026-03-01T00:00:00'), from: '2026-02-01', to: '2026-02-28' });
  });

  test('a ticket at 23:59 on 31 March is in the March report; one at 00:00 on 1 April is not', () => {
    const tickets = sheet(TICKET_LABELS, [
      { [TICKETS.col.no]: 'A', [TICKETS.col.customerNo]: 'C', 填写日期: d('2026-03-31T23:59:00'), [TICKETS.col.deadline]: d('2026-04-02T10:00:00'), [TICKETS.col.status]: '新建' },
      { [TICKETS.col.no]: 'B', [TICKETS.col.customerNo]: 'C', 填写日期: d('2026-04-01T00:00:00'), [TICKETS.col.deadline]: d('2026-04-02T10:00:00'), [TICKETS.col.status]: '新建' },
      { [TICKETS.col.no]: 'C', [TICKETS.col.customerNo]: 'C', 填写日期: '2026-03-01 00:00', [TICKETS.col.deadline]: d('2026-04-02T10:00:00'), [TICKETS.col.status]: '新建' },
    ]);
    const f = computeReport(input({ tickets, customers: null, review: null, periods: reportPeriods('monthly', at('2026-04-01T09:00:00'), SH, 'previous') }));
    expect(f.current.tickets).toBe(2); // A, and C typed as text in the script zone
    expect(f.anomalies).toEqual([]);
  });
});

describe('an empty period', () => {
  const empty = input({
    tickets: sheet(TICKET_LABELS, []),
    customers: sheet(CUSTOMERS.columns.map((c) => c.label), []),
    review: null,
  });
  const f = computeReport(empty);

  test('gives "no data" (null), never NaN', () => {
    expect(f.current.tickets).toBe(0);
    expect(f.current.satisfaction.average).toBeNull();
    expect(f.current.review.rate).toBeNull();
    expect(f.current.firstResponse).toEqual({ hits: 0, total: 0, rate: null });
    for (const h of f.headlines) {
      expect(Number.isNaN(h.current)).toBe(false);
      expect(h.change === null || Number.isFinite(h.change)).toBe(true);
    }
  });

  test('renders a clear 无数据 report', () => {
    const mail = renderReportMail({ figures: f, companyName: '示例公司', generatedAt: NOW, utcOffset: SH, locale: 'zh-CN', stampColumns: STAMP_COLUMNS, audit: NO_AUDIT, sms: null, capacity: ROOMY, holidays: null });
    expect(mail.text).toContain('本期无数据');
    expect(mail.html).toContain('本期无数据');
    expect(mail.text + mail.html).not.toMatch(/NaN|undefined|Infinity/);
  });

  test('a missing 解决时间 column means no data for that figure, said so', () => {
    const noColumn = computeReport(input({ tickets: sheet(TICKETS.columns.map((c) => c.label).filter((l) => !STAMPS.includes(l)), TICKET_ROWS) }));
    expect(noColumn.current.resolution).toBeNull();
    expect(noColumn.current.firstResponse).toBeNull();
    const mail = renderReportMail({ figures: noColumn, companyName: '示例公司', generatedAt: NOW, utcOffset: SH, locale: 'zh-CN', stampColumns: STAMP_COLUMNS, audit: NO_AUDIT, sms: null, capacity: ROOMY, holidays: null });
    expect(mail.text).toContain('工单表中没有“解决时间”列');
  });
});

describe('the report mail of the fixed data set', () => {
  const mail = renderReportMail({ figures: computeReport(input()), companyName: '示例公司', generatedAt: NOW, utcOffset: SH, locale: 'zh-CN', stampColumns: STAMP_COLUMNS, audit: NO_AUDIT, sms: null, capacity: ROOMY, holidays: null });

  test('says what changed in plain sentences', () => {
    expect(mail.subject).toBe('示例公司周报：2026-11-16 至 2026-11-22');
    expect(mail.text).toContain('本周满意度较上周提升 13%（4.5 分）');
    expect(mail.text).toContain('“登录卡顿”：3 位客户提到，占工单 60%');
    expect(mail.text).toContain('工单表 满意度评分不是 1–5 的整数：1 行（第 9 行）');
  });

  test('escapes what customers typed', () => {
    expect(mail.html).not.toContain('<b>abc</b>');
  });

  test('warns once the workbook holds 70% of Google Sheets\' 10 million cells, and not before', () => {
    expect(mail.text).not.toContain('单元格');
    const full = renderReportMail({ figures: computeReport(input()), companyName: '示例公司', generatedAt: NOW, utcOffset: SH, locale: 'zh-CN', stampColumns: STAMP_COLUMNS, audit: NO_AUDIT, sms: null, capacity: cellUsage([{ rows: 200_000, columns: 35 }]), holidays: null });
    expect(full.text).toContain('表格已用 7,000,000 个单元格，占 Google 表格上限（1000 万）的 70%');
    expect(cellUsage([{ rows: 199_999, columns: 35 }]).warn).toBe(false);
  });
});

describe('Config: report switches', () => {
  test('default on; 否 switches one off; a bad value keeps the default and says where', () => {
    const noCounts = { expected: { manual: null, import: null } };
    expect(defaultConfig().reports).toEqual({ weekly: true, monthly: true, quarterly: true, chart: '新工单数', ...noCounts });
    const { config, errors } = parseConfig([
      ['报表', '收件人', 'boss@example.com'],
      ['报表', '周报', '否'],
      ['报表', '季报', '也许'],
    ]);
    expect(config.reportRecipients).toEqual(['boss@example.com']);
    expect(config.reports).toEqual({ weekly: false, monthly: true, quarterly: true, chart: '新工单数', ...noCounts });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.row).toBe(4);
  });

  test('图表指标: one of the listed figures or 无; anything else keeps 新工单数 and lists what is allowed', () => {
    expect(parseConfig([['报表', '图表指标', ' 按时解决率 ']]).config.reports.chart).toBe('按时解决率');
    expect(parseConfig([['报表', '图表指标', '无']]).config.reports.chart).toBe('无');
    const { config, errors } = parseConfig([['报表', '图表指标', '销售额']]);
    expect(config.reports.chart).toBe('新工单数');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('“销售额”不是可选的图表指标，可选：新工单数、新增客户、平均满意度');
    expect(defaultConfigRows().find((r) => r[1] === '图表指标')).toEqual(['报表', '图表指标', '新工单数', expect.stringContaining('无 = 不要图表')]);
  });
});

describe('the 报表 chart series', () => {
  const row = (id: string, start: string, current: number | '', generated: string, figure = '工单数'): ArchivedFigure =>
    ({ id, group: '概览', figure, periodStart: at(start), current, generatedAt: at(generated) });
  test('one point per period of the finest kind archived, the last run of a period counting, oldest first', () => {
    const rows = [
      row('weekly:2026-11-23', '2026-11-23T00:00:00', 2, '2026-11-25T10:00:00'), // on demand, the week so far
      row('weekly:2026-11-16', '2026-11-16T00:00:00', 5, '2026-11-23T09:00:00'),
      row('monthly:2026-11-01', '2026-11-01T00:00:00', 30, '2026-12-01T09:00:00'),
      row('weekly:2026-11-23', '2026-11-23T00:00:00', 7, '2026-11-30T09:00:00'), // the scheduled run replaces it
      row('weekly:2026-11-30', '2026-11-30T00:00:00', '', '2026-12-07T09:00:00'),
      row('weekly:2026-11-30', '2026-11-30T00:00:00', 9, '2026-12-07T09:00:00', '新增客户'),
    ];
    expect(chartSeries(rows, '工单数')).toEqual({ kind: 'weekly', points: [[at('2026-11-16T00:00:00'), 5], [at('2026-11-23T00:00:00'), 7], [at('2026-11-30T00:00:00'), '']] });
    expect(chartSeries(rows.filter((r) => !r.id.startsWith('weekly')), '工单数')).toEqual({ kind: 'monthly', points: [[at('2026-11-01T00:00:00'), 30]] });
    expect(chartSeries([], '工单数')).toBeNull();
  });
});
