/**
 * Reports end to end on the bundle: setup makes the 报表 sheet with a chart and
 * the three triggers; a report mail is structured, escaped and free of
 * customer data; every figure is archived; rows broken by hand are listed
 * under 数据异常 with their row numbers; scheduled runs happen once per period.
 */
import { CONFIG, REPORT_CHART_DATA, REPORTS, TICKETS } from '../src/sheets/schema';
import { setConfigValue } from '../local/drive/config-view';
import { findSheet, getCell, getCellProp, setCell } from '../local/runtime/sheet-data';
import type { Runtime } from '../local/runtime/runtime';
import { formulaCells, person, rows, setStatus, submitOne, world } from './helpers/world';

const at = (local: string) => Date.parse(`${local}+08:00`);

interface Result {
  outcome: string;
  from: string;
  to: string;
  archivedRows: number;
  tickets: number;
  anomalyRows: number;
}

function run(rt: Runtime, handler: string, args: unknown[] = []): Result {
  const r = rt.run(handler, args);
  if (!r.ok) throw new Error(`${handler} failed: ${r.error}`);
  return r.value as Result;
}

const lastMail = (rt: Runtime) => rt.state.mail.sent[rt.state.mail.sent.length - 1]!;

/** A week of submissions from hostile and ordinary customers (Monday 2026-11-23 on). */
function week(): Runtime {
  const rt = world(at('2026-11-23T08:00:00'));
  submitOne(rt, person({
    name: '<script>alert("x")</script>王小明',
    need_description: '<img src=x onerror=alert(1)>登录卡顿，页面打不开',
    satisfaction: '5',
  }), 'form', at('2026-11-23T10:00:00'));
  submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com', need_description: '手机上登录卡顿，等很久' }), 'form', at('2026-11-24T10:00:00'));
  submitOne(rt, person({ name: '赵六', mobile: '13700137000', email: 'zhao6@example.com', industry: '零售', need_description: '希望了解企业版的价格和报价方式' }), 'manual', at('2026-11-24T11:00:00'));
  submitOne(rt, person({ name: '钱七', mobile: '123', email: 'qian7@example.com' }), 'form', at('2026-11-24T12:00:00'));
  return rt;
}

describe('setup', () => {
  test('adds the 报表 sheet with a trend chart and the three report triggers', () => {
    const rt = world();
    const sheet = findSheet(rt.state, '报表')!;
    expect(sheet).toBeDefined();
    expect(getCell(sheet, 1, 1)).toBe(REPORTS.col.id);
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts![0]).toMatchObject({ type: 'LINE', options: { title: expect.stringContaining('报表趋势') } });
    const triggers = rt.state.triggers.map((tr) => [tr.handler, tr.clock?.kind, tr.clock?.hour, tr.clock?.weekDay ?? tr.clock?.monthDay]);
    expect(triggers).toEqual(expect.arrayContaining([
      ['reportWeekly', 'weekly', 9, 1],
      ['reportMonthly', 'monthly', 9, 1],
      ['reportQuarterly', 'monthly', 9, 1],
    ]));
    // Setup run again adds no second chart.
    expect(rt.run('setup').ok).toBe(true);
    expect(findSheet(rt.state, '报表')!.charts).toHaveLength(1);
  });
});

describe('a weekly report on demand', () => {
  const rt = week();
  rt.advanceClockTo(at('2026-11-25T10:00:00'));
  const sentBefore = rt.state.mail.sent.length;
  const result = run(rt, 'reportNow', ['weekly']);
  const mail = lastMail(rt);

  test('is sent to the Config recipients with both parts', () => {
    expect(result).toMatchObject({ outcome: 'sent', from: '2026-11-23', to: '2026-11-25', tickets: 3 });
    expect(rt.state.mail.sent.length).toBe(sentBefore + 1);
    expect(mail.to).toBe('manager@example.com');
    expect(mail.subject).toBe('示例科技有限公司周报：2026-11-23 至 2026-11-25');
    expect(mail.body).toContain('【概览】');
    expect(mail.htmlBody).toMatch(/^<!DOCTYPE html>/);
  });

  test('has the sections managers read, figures in tables and CSS bars', () => {
    for (const title of ['概览', '要点', '客户构成', '工单分布', '高频问题', '满意度', '时限达成', '负责人工作量', '收集质量', '建议', '数据异常']) {
      expect(mail.htmlBody).toContain(`>${title}</h3>`);
    }
    expect(mail.htmlBody).toMatch(/<td width="\d+%" bgcolor="#1a73e8"/);
    expect(mail.htmlBody).not.toMatch(/<style|class=|<script|<img/);
    // Two customers wrote 登录卡顿: fewer than three, not yet a recurring phrase.
    expect(mail.body).toContain('没有 3 位以上客户共同提到的短语');
    expect(mail.body).not.toContain('“登录卡顿”');
    expect(mail.body).toContain('转入待审核：1 / 4 份提交（25%）');
  });

  test('escapes what customers typed and names no customer', () => {
    expect(mail.htmlBody).not.toContain('onerror=alert');
    for (const personal of ['王小明', '李四', '赵六', '钱七', '13800138000', 'xiaoming@example.com', 'lisi@example.com']) {
      expect(mail.htmlBody).not.toContain(personal);
      expect(mail.body).not.toContain(personal);
    }
  });

  test('archives one row per figure in 报表, as numbers, blank for no data', () => {
    const archived = rows(rt, '报表').filter((r) => r[REPORTS.col.id] === 'weekly:2026-11-23');
    expect(archived).toHaveLength(result.archivedRows);
    const figure = (group: string, name: string) => archived.find((r) => r[REPORTS.col.group] === group && r[REPORTS.col.figure] === name)!;
    expect(figure('概览', '工单数')).toMatchObject({ [REPORTS.col.report]: '周报', [REPORTS.col.periodStart]: '2026-11-23T00:00:00+08:00', [REPORTS.col.periodEnd]: '2026-11-25T00:00:00+08:00', [REPORTS.col.current]: 3, [REPORTS.col.previous]: 0, [REPORTS.col.unit]: '张' });
    expect(figure('概览', '平均满意度')[REPORTS.col.current]).toBe(5);
    expect(figure('概览', '按时解决率')[REPORTS.col.current]).toBe('');
    expect(figure('概览', '转入待审核比例')[REPORTS.col.current]).toBe(25);
    // Shown as 3 张, 5.00 分 and 25.0 %, not 3.00 张: each row's number format follows its unit.
    const sheet = findSheet(rt.state, '报表')!;
    const all = rows(rt, '报表');
    const formatOf = (group: string, name: string) => getCellProp(sheet, all.findIndex((r) => r[REPORTS.col.id] === 'weekly:2026-11-23' && r[REPORTS.col.group] === group && r[REPORTS.col.figure] === name) + 2, rt.staff.column('报表', REPORTS.col.current), 'fmt');
    expect([formatOf('概览', '工单数'), formatOf('概览', '平均满意度'), formatOf('概览', '转入待审核比例')]).toEqual(['0', '0.00', '0.0']);
    expect(formulaCells(rt)).toEqual([]);
  });
});

describe('rows broken by hand', () => {
  test('are counted under 数据异常 with their row numbers; totals leave them out, never crash', () => {
    const rt = week();
    const tickets = findSheet(rt.state, '工单')!;
    setCell(tickets, 2, rt.staff.column('工单', '填写日期'), null); // blank date
    setCell(tickets, 3, rt.staff.column('工单', '满意度评分'), '非常好'); // text in a number column
    tickets.rows[4] = { v: [] }; // row 5 cleared
    rt.advanceClockTo(at('2026-11-25T10:00:00'));
    // An unknown status (a paste past the dropdown) made since the hourly job last caught up edits, which reverts it.
    setCell(tickets, 4, rt.staff.column('工单', TICKETS.col.status), '搞定了');
    const result = run(rt, 'reportNow', ['weekly']);
    expect(result).toMatchObject({ outcome: 'sent', tickets: 2, anomalyRows: 3 });
    const text = lastMail(rt).body;
    expect(text).toContain('工单表 填写日期为空或无法识别：1 行（第 2 行）；这些行未计入任何统计');
    expect(text).toContain('工单表 满意度评分不是 1–5 的整数：1 行（第 3 行）；这些行只在相关指标中未计入');
    expect(text).toContain('工单表 状态不在选项中：1 行（第 4 行）');
    expect(text).not.toMatch(/NaN|undefined/);
  });
});

describe('scheduled reports', () => {
  test('Monday between 09:00 and 10:00 sends last week once; a second firing sends nothing', () => {
    const rt = week();
    rt.advanceClockTo(at('2026-11-30T10:00:00')); // the 09:00 trigger runs within that hour
    const weekly = rt.state.mail.sent.filter((m) => m.subject.includes('周报'));
    expect(weekly.map((m) => m.subject)).toContain('示例科技有限公司周报：2026-11-23 至 2026-11-29');
    const again = run(rt, 'reportWeekly');
    expect(again.outcome).toBe('alreadySent');
    expect(rt.state.mail.sent.filter((m) => m.subject.includes('周报'))).toHaveLength(weekly.length);
  });

  test('the quarterly trigger acts on the first day of a quarter only; a switch turns a report off', () => {
    const rt = week();
    rt.advanceClockTo(at('2026-12-01T10:00:00'));
    expect(rt.state.mail.sent.some((m) => m.subject.includes('月报：2026-11-01 至 2026-11-30'))).toBe(true);
    expect(rt.state.mail.sent.some((m) => m.subject.includes('季报'))).toBe(false);
    expect(run(rt, 'reportQuarterly').outcome).toBe('notQuarterStart');
    setConfigValue(rt.state, '报表', '周报', '否');
    expect(run(rt, 'reportWeekly').outcome).toBe('disabled');

    const newYear = world(at('2026-12-31T20:00:00'));
    newYear.advanceClockTo(at('2027-01-01T10:00:00'));
    expect(newYear.state.mail.sent.map((m) => m.subject)).toEqual(expect.arrayContaining([
      '示例科技有限公司季报：2026-10-01 至 2026-12-31',
      '示例科技有限公司月报：2026-12-01 至 2026-12-31',
    ]));
  });
});

describe('one definition of overdue', () => {
  test('at one instant the weekly report and the supervisors\' digest give the same two counts', () => {
    const rt = world(at('2026-11-23T08:00:00'));
    const file = (name: string, mobile: string, when: string, expected: string) =>
      submitOne(rt, person({ name, mobile, email: `${mobile}@example.com`, expected_response: expected }), 'form', at(when)).ticket_no as string;
    // 高: deadline and first response 24 h; 中: 3 / 1 working days; 低: 5 / 2 working days.
    const answeredLate = file('甲', '13900000001', '2026-11-23T09:00:00', '24小时内'); // answered, deadline passed
    const untouched = file('乙', '13900000002', '2026-11-23T09:30:00', '24小时内'); // both
    const lowAnswered = file('丙', '13900000003', '2026-11-23T10:00:00', '1周内'); // neither
    file('丁', '13900000004', '2026-11-23T10:30:00', '1周内'); // first response only (due Wednesday)
    const resolved = file('己', '13900000006', '2026-11-23T11:00:00', '24小时内'); // resolved: neither
    rt.advanceClockTo(at('2026-11-23T15:00:00'));
    setStatus(rt, answeredLate, '已联系客户', 'sales1@example.com');
    setStatus(rt, lowAnswered, '已联系客户', 'sales1@example.com');
    setStatus(rt, resolved, '问题已解决', 'sales1@example.com');
    file('戊', '13900000005', '2026-11-24T09:00:00', '3个工作日内'); // first response only (due Wednesday)
    rt.advanceClockTo(at('2026-11-26T09:30:00'));
    file('庚', '13900000007', '2026-11-26T09:30:00', '24小时内'); // new: neither

    const sent = rt.state.mail.sent.length;
    const digest = rt.run('overdueDigest');
    expect(digest.ok).toBe(true);
    expect(digest.value).toMatchObject({ overdue: 4, deadline: 2, firstResponse: 3 });
    run(rt, 'reportNow', ['weekly']);
    const [digestMail, reportMail] = rt.state.mail.sent.slice(sent);
    expect(digestMail!.subject).toContain('超时工单');
    expect(digestMail!.body).toContain('以下 4 张工单已超时');
    expect(digestMail!.body).toContain('其中超过处理时限 2 张 · 首次响应超时 3 张');
    expect(reportMail!.subject).toContain('周报');
    expect(reportMail!.body).toContain('当前超时工单（4 张）');
    expect(reportMail!.body).toContain('超过处理时限 2 张 · 首次响应超时 3 张');
    expect(reportMail!.body).toContain('超过处理时限 = 已过截止时间仍未解决');
    for (const no of [answeredLate, untouched]) expect(digestMail!.body).toContain(no);
    expect(digestMail!.body).not.toContain(lowAnswered);
    // The report just made is the last one archived (the Monday run archived last week's before).
    const archived = rows(rt, '报表').reverse();
    const figure = (name: string) => archived.find((r) => r[REPORTS.col.figure] === name)?.[REPORTS.col.current];
    expect([figure('当前超时工单'), figure('超过处理时限'), figure('首次响应超时')]).toEqual([4, 2, 3]);
  });
});

describe('the 报表 chart', () => {
  const configRow = (rt: Runtime, key: string) => rows(rt, CONFIG.name).findIndex((r) => r[CONFIG.col.group] === '报表' && r[CONFIG.col.key] === key) + 2;
  const typeConfig = (rt: Runtime, key: string, value: string) => {
    const r = rt.staff.type(CONFIG.name, configRow(rt, key), 3, value, rt.state.owner);
    if (!r.ok) throw new Error(r.message);
    for (const x of r.runs) if (!x.ok) throw new Error(x.error);
  };
  const charts = (rt: Runtime) => findSheet(rt.state, '报表')!.charts ?? [];
  /** The chart's data block as staff see it: 期间开始 → value, by the block's own header. */
  const block = (rt: Runtime) => {
    const sheet = findSheet(rt.state, '报表')!;
    const col = Array.from({ length: 30 }, (_, c) => getCell(sheet, 1, c + 1)).indexOf(REPORT_CHART_DATA.period) + 1;
    if (col === 0) return [];
    const out: unknown[][] = [];
    for (let r = 1; getCell(sheet, r, col) !== null; r++) out.push([getCell(sheet, r, col), getCell(sheet, r, col + 1)]);
    return out;
  };

  test('plots one figure per week, the one 配置 › 报表 › 图表指标 names, checked when typed; 无 takes it away', () => {
    const rt = world(at('2026-11-23T08:00:00'));
    // Setup: one chart of 新工单数 (the default), over the block beside the table.
    expect(charts(rt)).toHaveLength(1);
    expect(charts(rt)[0]!.options.title).toContain('报表趋势：新工单数（周报');
    const col = rt.staff.column('报表', REPORT_CHART_DATA.period);
    expect(col).toBe(REPORTS.columns.length + 2);
    expect(charts(rt)[0]!.ranges).toEqual([{ row: 1, column: col, numRows: findSheet(rt.state, '报表')!.maxRows, numColumns: 2 }]);

    for (const [i, day] of ['2026-11-23T10:00:00', '2026-11-24T10:00:00', '2026-11-25T10:00:00', '2026-12-01T10:00:00'].entries()) {
      submitOne(rt, person({ name: `客户${i}`, mobile: `1390000100${i}`, email: `c${i}@example.com` }), 'form', at(day));
    }
    rt.advanceClockTo(at('2026-12-07T10:00:00')); // weekly reports of 11-16, 11-23 and 11-30; the monthly one of November
    expect(block(rt)).toEqual([
      [REPORT_CHART_DATA.period, '新工单数（周报）'],
      [{ d: at('2026-11-16T00:00:00') }, 0],
      [{ d: at('2026-11-23T00:00:00') }, 3],
      [{ d: at('2026-11-30T00:00:00') }, 1],
    ]);
    expect(charts(rt)).toHaveLength(1);

    typeConfig(rt, '图表指标', '销售额');
    const note = getCellProp(findSheet(rt.state, CONFIG.name)!, configRow(rt, '图表指标'), 3, 'note') ?? '';
    expect(note).toContain('“销售额”不是可选的图表指标');
    expect(note).toContain('按时解决率');
    typeConfig(rt, '图表指标', '平均满意度');
    expect(getCellProp(findSheet(rt.state, CONFIG.name)!, configRow(rt, '图表指标'), 3, 'note') ?? '').toBe('');
    run(rt, 'reportNow', ['weekly']);
    expect(charts(rt)).toHaveLength(1);
    expect(charts(rt)[0]!.options.title).toContain('报表趋势：平均满意度（周报');
    expect(block(rt)[0]).toEqual([REPORT_CHART_DATA.period, '平均满意度（周报）']);
    expect(block(rt)).toHaveLength(5); // the three weeks and this week so far

    typeConfig(rt, '图表指标', '无');
    run(rt, 'reportNow', ['weekly']);
    expect(charts(rt)).toEqual([]);
    expect(block(rt)).toEqual([]);
    typeConfig(rt, '图表指标', '按时解决率');
    expect(rt.run('setup').ok).toBe(true);
    expect(charts(rt).map((c) => c.options.title)).toEqual([expect.stringContaining('报表趋势：按时解决率（周报')]);
    expect(rt.run('setup').ok).toBe(true);
    expect(charts(rt)).toHaveLength(1);
  });
});
