/**
 * The quarterly review on the bundle: a quarter of tickets and the one before
 * it, and the quarterly report's 季度复盘 section a manager reads — completion
 * by channel, accuracy, offline forms entered against 配置's expected count
 * and their entry delay, time to first response per channel and team, a
 * suggestion where a figure is poor, every figure archived in 报表 — and the
 * 复盘 sheet, whose actions the next quarterly report follows up.
 */
import { CONFIG, CUSTOMERS, INTERNAL, REPORTS, RETRO, TICKETS } from '../src/sheets/schema';
import { forgetCachedConfig, setConfigValue } from '../local/drive/config-view';
import { findSheet, getCell, getCellProp, setCell, setCellProp } from '../local/runtime/sheet-data';
import type { Runtime } from '../local/runtime/runtime';
import type { StoredValue } from '../local/runtime/state';
import { addCalendarDay, person, rows, setStatus, submitOne, ticketOwner, world } from './helpers/world';

const at = (local: string) => Date.parse(`${local}+08:00`);
const day = (local: string) => ({ d: at(`${local}T00:00:00`) });

/** Puts a ticket's cells where the quarter before would have left them (the report reads only the sheet). */
function redate(rt: Runtime, ticketNo: string, cells: Record<string, StoredValue>): void {
  const sheet = findSheet(rt.state, TICKETS.name)!;
  const row = rows(rt, TICKETS.name).findIndex((t) => t[TICKETS.col.no] === ticketNo) + 2;
  for (const [label, value] of Object.entries(cells)) setCell(sheet, row, rt.staff.column(TICKETS.name, label), value);
}

let mobile = 0;
const nextPerson = (overrides: Record<string, string> = {}) => {
  mobile++;
  const m = `1390000${String(mobile).padStart(4, '0')}`;
  return person({ name: `客户${mobile}`, mobile: m, email: `c${mobile}@example.com`, ...overrides });
};

/**
 * Q4 2026 (the quarter reviewed): 6 Form tickets answered after 5 working
 * hours, 2 Form submissions refused for a bad mobile, 6 paper forms entered
 * two days after they were filled in (one with no 录入时间); staff correct one
 * customer's mobile in 客户 and one ticket's priority. Q3: 5 Form tickets
 * answered within the hour, 2 paper forms. 复盘 holds Q3's actions.
 */
function quarters(): { rt: Runtime; mail: { subject: string; body: string; htmlBody?: string }; q4: string[]; paper: string[] } {
  const rt = world(at('2026-12-28T08:00:00'));
  addCalendarDay(rt, '2027-01-01');
  setConfigValue(rt.state, '报表', '线下录入预计份数', '10');
  forgetCachedConfig(rt.state);

  const q4 = Array.from({ length: 6 }, () => submitOne(rt, nextPerson(), 'form', at('2026-12-28T10:00:00')).ticket_no as string);
  submitOne(rt, nextPerson({ mobile: '123' }), 'form', at('2026-12-28T10:05:00'));
  submitOne(rt, nextPerson({ mobile: '456' }), 'form', at('2026-12-28T10:06:00'));
  const paper = Array.from({ length: 6 }, () => submitOne(rt, nextPerson(), 'manual', at('2026-12-28T10:10:00')).ticket_no as string);
  const q3 = Array.from({ length: 5 }, () => submitOne(rt, nextPerson(), 'form', at('2026-12-28T10:20:00')).ticket_no as string);
  const q3Paper = Array.from({ length: 2 }, () => submitOne(rt, nextPerson(), 'manual', at('2026-12-28T10:30:00')).ticket_no as string);

  rt.advanceClockTo(at('2026-12-28T16:00:00'));
  for (const no of q4) setStatus(rt, no, '已联系客户', ticketOwner(rt, no));
  // The paper forms were filled in on Saturday and entered on Monday; the last one's entry time was not kept.
  paper.forEach((no, i) => redate(rt, no, {
    [TICKETS.col.submittedAt]: { d: at('2026-12-26T10:00:00') },
    [TICKETS.col.enteredAt]: i < 5 ? { d: at('2026-12-28T10:00:00') } : null,
  }));
  // Q3's tickets as Q3 left them: filed (录入时间) when submitted; the paper forms from before 录入时间 was kept.
  q3.forEach((no) => redate(rt, no, {
    [TICKETS.col.submittedAt]: { d: at('2026-09-14T10:00:00') },
    [TICKETS.col.enteredAt]: { d: at('2026-09-14T10:00:00') },
    [TICKETS.col.firstResponseAt]: { d: at('2026-09-14T11:00:00') },
  }));
  q3Paper.forEach((no) => redate(rt, no, { [TICKETS.col.submittedAt]: { d: at('2026-09-15T10:00:00') }, [TICKETS.col.enteredAt]: null }));

  // Staff correct a customer's mobile in 客户, and a ticket's priority.
  const customers = findSheet(rt.state, CUSTOMERS.name)!;
  const firstCustomer = rows(rt, TICKETS.name).find((t) => t[TICKETS.col.no] === q4[0])![TICKETS.col.customerNo];
  const customerRow = rows(rt, CUSTOMERS.name).findIndex((c) => c[CUSTOMERS.col.no] === firstCustomer) + 2;
  expect(getCell(customers, customerRow, rt.staff.column(CUSTOMERS.name, CUSTOMERS.col.no))).toBe(firstCustomer);
  const owner = ticketOwner(rt, q4[0]!);
  expect(rt.staff.type(CUSTOMERS.name, customerRow, rt.staff.column(CUSTOMERS.name, CUSTOMERS.col.mobile), '13912345678', owner).ok).toBe(true);
  const ticketRow = rows(rt, TICKETS.name).findIndex((t) => t[TICKETS.col.no] === q4[1]) + 2;
  expect(rt.staff.type(TICKETS.name, ticketRow, rt.staff.column(TICKETS.name, TICKETS.col.priority), '低', ticketOwner(rt, q4[1]!)).ok).toBe(true);

  // 复盘: what the Q3 review decided, and an older action still open.
  const retro = findSheet(rt.state, RETRO.name)!;
  const col = (label: string) => rt.staff.column(RETRO.name, label);
  const actions: [string, string, string, string, StoredValue, string][] = [
    ['2026-Q2', '电话记录丢失', '电话记录当天录入', '王经理', day('2026-08-31'), '未开始'],
    ['2026-Q2', '表单太长', '删去两项选填', '王经理', day('2026-07-31'), '已完成'],
    ['2026-Q3', '首次响应慢', '调整值班表', '李主管', day('2026-11-30'), '进行中'],
    ['2026-Q3', '选填项少有人填', '补充填写说明', '李主管', day('2026-10-31'), '已完成'],
    ['2026-Q3', '导入重复', '导入前先去重', '张三', day('2027-03-31'), '未开始'],
  ];
  actions.forEach((a, i) => [RETRO.col.quarter, RETRO.col.finding, RETRO.col.action, RETRO.col.owner, RETRO.col.due, RETRO.col.status]
    .forEach((label, j) => setCell(retro, i + 2, col(label), a[j])));

  const sent = rt.state.mail.sent.length;
  rt.advanceClockTo(at('2027-01-01T10:00:00'));
  const mail = rt.state.mail.sent.slice(sent).find((m) => m.subject.includes('季报'));
  if (!mail) throw new Error('no quarterly report');
  return { rt, mail, q4, paper };
}

describe('the quarterly report reviews the quarter', () => {
  const { rt, mail, q4 } = quarters();
  const text = mail.body;

  test('a 季度复盘 section beside the previous quarter', () => {
    expect(mail.subject).toBe('示例科技有限公司季报：2026-10-01 至 2026-12-31');
    expect(mail.htmlBody).toContain('>季度复盘</h3>');
    expect(text).toContain('本季度 2026-Q4，对比上季度 2026-Q3。');
  });

  test('表单完成率 by channel: required fields first time, optional fields answered', () => {
    // 6 accepted of 8 Form submissions; Q3's 5 of 5.
    expect(text).toMatch(/在线表单 \| 75% \| 100% \| \d+(\.\d)?% \| \d+(\.\d)?%/);
    expect(text).toContain('“在线表单”只有 75% 的提交一次通过必填项校验：精简表单或补充填写说明。');
  });

  test('信息准确率: filed without review, corrected by staff later', () => {
    // 2 of the 6 Form tickets were corrected (a customer's mobile, a priority); Q3 none.
    expect(text).toMatch(/在线表单 \| 100% \| 100% \| 33\.3% \| 0%/);
    expect(text).toContain('“在线表单”有 33% 的工单受理后被员工更正：检查录入核对流程，必要时培训经办人。');
    const team = String(rows(rt, TICKETS.name).find((t) => t[TICKETS.col.no] === q4[0])![INTERNAL.team]);
    expect(text).toContain(`团队 | 免审核 | 上季度 | 员工更正 | 上季度`);
    expect(text).toMatch(new RegExp(`${team} \\| \\d+(\\.\\d)?% \\|`));
  });

  test('线下表单回收率: entered against the expected count, and the delay to entry; a blank 录入时间 is unknown', () => {
    expect(text).toContain('线下录入 | 6/10 | 60% | 20% | 48.0 小时');
    expect(text).toContain('线下录入：1 张工单没有录入时间（该列启用前录入），不计入录入延迟。');
    expect(text).toContain('“线下录入”本季度只录入了预计份数的 60%：跟进未交回的纸质表单和电话记录，约定每日录入。');
    expect(text).toContain('“线下录入”从填写到录入的中位数为 48 小时：纸质和电话记录应在 24 小时内整理录入。');
  });

  test('问题分配延迟 in working hours, median and 90th percentile, Q3 beside it', () => {
    expect(text).toContain('在线表单 | 5.0 小时 | 5.0 小时 | 1.0 小时 | 0');
    expect(text).toContain('“在线表单”从受理到首次响应的中位数为 5 个工作小时：检查路由规则和值班安排。');
  });

  test('the previous quarter\'s 复盘 actions with their status, overdue open ones flagged', () => {
    expect(text).toContain('4 项行动：已完成 1，进行中 1，未开始 2，已取消 0；逾期未完成 2 项。');
    expect(text).toContain('[2026-Q3] 调整值班表（负责人 李主管，期限 2026-11-30）：进行中，已逾期');
    expect(text).toContain('[2026-Q2] 电话记录当天录入（负责人 王经理，期限 2026-08-31）：未开始，已逾期');
    expect(text).toContain('[2026-Q3] 导入前先去重（负责人 张三，期限 2027-03-31）：未开始');
    expect(text).toContain('[2026-Q3] 补充填写说明（负责人 李主管，期限 2026-10-31）：已完成');
    expect(text).not.toContain('删去两项选填');
    expect(text).toContain('本次复盘决定的行动请记在复盘表中（季度填 2026-Q4）');
  });

  test('every review figure is archived in 报表, a row per channel and team, hours and shares as numbers', () => {
    const archived = rows(rt, REPORTS.name).filter((r) => r[REPORTS.col.id] === 'quarterly:2026-10-01');
    const figure = (group: string, name: string) => archived.find((r) => r[REPORTS.col.group] === group && r[REPORTS.col.figure] === name);
    expect(figure('必填一次通过率', '在线表单')).toMatchObject({ [REPORTS.col.current]: 75, [REPORTS.col.previous]: 100, [REPORTS.col.unit]: '%' });
    expect(figure('必填一次通过率', '合计')).toMatchObject({ [REPORTS.col.current]: expect.any(Number) });
    expect(figure('员工更正率', '在线表单')).toMatchObject({ [REPORTS.col.current]: 33.33, [REPORTS.col.previous]: 0 });
    expect(figure('分配延迟中位数', '在线表单')).toMatchObject({ [REPORTS.col.current]: 5, [REPORTS.col.previous]: 1, [REPORTS.col.unit]: '小时' });
    expect(figure('线下表单回收率', '线下录入')).toMatchObject({ [REPORTS.col.current]: 60, [REPORTS.col.previous]: 20 });
    expect(figure('录入延迟中位数', '线下录入')).toMatchObject({ [REPORTS.col.current]: 48, [REPORTS.col.previous]: '' });
    // 导入 states no expected count: no recovery rate, never 0.
    expect(figure('线下表单回收率', '导入')).toMatchObject({ [REPORTS.col.current]: '', [REPORTS.col.previous]: '' });
    expect(figure('复盘行动', '逾期未完成')).toMatchObject({ [REPORTS.col.current]: 2 });
    expect(archived.some((r) => String(r[REPORTS.col.group]).endsWith('·团队'))).toBe(true);
    const sheet = findSheet(rt.state, REPORTS.name)!;
    const all = rows(rt, REPORTS.name);
    const row = all.findIndex((r) => r[REPORTS.col.id] === 'quarterly:2026-10-01' && r[REPORTS.col.group] === '分配延迟中位数') + 2;
    expect(getCellProp(sheet, row, rt.staff.column(REPORTS.name, REPORTS.col.current), 'fmt')).toBe('0.0');
  });

  test('weekly and monthly reports carry no 季度复盘', () => {
    const monthly = rt.state.mail.sent.find((m) => m.subject.includes('月报：2026-12-01'))!;
    expect(monthly.body).not.toContain('【季度复盘】');
  });
});

describe('the 复盘 sheet', () => {
  test('setup makes it with dropdowns for 状态 and 负责人 and a date rule for 期限; repair adds it to an older workbook', () => {
    const rt = world();
    const sheet = findSheet(rt.state, RETRO.name)!;
    expect(RETRO.columns.map((_, i) => getCell(sheet, 1, i + 1))).toEqual(RETRO.columns.map((c) => c.label));
    const col = (label: string) => rt.staff.column(RETRO.name, label);
    expect(rt.staff.type(RETRO.name, 2, col(RETRO.col.status), '搞定了', 'sales1@example.com').ok).toBe(false);
    expect(rt.staff.type(RETRO.name, 2, col(RETRO.col.status), '进行中', 'sales1@example.com').ok).toBe(true);
    expect(rt.staff.type(RETRO.name, 2, col(RETRO.col.due), '下个月', 'sales1@example.com').ok).toBe(false);

    rt.state.spreadsheet.sheets = rt.state.spreadsheet.sheets.filter((s) => s.name !== RETRO.name);
    expect(rt.run('setup').ok).toBe(true);
    expect(findSheet(rt.state, RETRO.name)).toBeDefined();
  });

  test('with the dropdown removed, a 状态 or 期限 that is not one is put back with a note saying why', () => {
    const rt = world();
    const sheet = findSheet(rt.state, RETRO.name)!;
    const col = (label: string) => rt.staff.column(RETRO.name, label);
    expect(rt.staff.type(RETRO.name, 2, col(RETRO.col.status), '进行中', 'sales1@example.com').ok).toBe(true);
    expect(rt.staff.type(RETRO.name, 2, col(RETRO.col.due), '2027-03-31', 'sales1@example.com').ok).toBe(true);
    for (const label of [RETRO.col.status, RETRO.col.due]) setCellProp(sheet, 2, col(label), 'dv', null);
    for (const [label, typed] of [[RETRO.col.status, '搞定了'], [RETRO.col.due, '下个月']] as const) {
      const r = rt.staff.type(RETRO.name, 2, col(label), typed, 'sales1@example.com');
      expect(r.ok).toBe(true);
      if (r.ok) for (const run of r.runs) expect(run.ok).toBe(true);
    }
    const back = rows(rt, RETRO.name)[0]!;
    expect(back[RETRO.col.status]).toBe('进行中');
    expect(back[RETRO.col.due]).toBe('2027-03-31T00:00:00+08:00');
    const note = (label: string) => String(getCellProp(sheet, 2, col(label), 'note') ?? '');
    expect(note(RETRO.col.status)).toContain('“搞定了”不是可选的状态，已恢复原值。可选：未开始、进行中、已完成、已取消');
    expect(note(RETRO.col.due)).toContain('“下个月”不是日期');
    // A good value typed afterwards takes the note away.
    expect(rt.staff.type(RETRO.name, 2, col(RETRO.col.status), '已完成', 'sales1@example.com').ok).toBe(true);
    expect(note(RETRO.col.status)).toBe('');
  });

  test('配置 › 报表 › 线下录入预计份数 typed by hand is checked at once: a note says what is accepted, a good value takes it away', () => {
    const rt = world();
    const sheet = findSheet(rt.state, CONFIG.name)!;
    const value = rt.staff.column(CONFIG.name, CONFIG.col.value);
    const row = rows(rt, CONFIG.name).findIndex((r) => r[CONFIG.col.group] === '报表' && r[CONFIG.col.key] === '线下录入预计份数') + 2;
    expect(String(getCell(sheet, row, rt.staff.column(CONFIG.name, CONFIG.col.note)))).toContain('线下表单回收率');
    const type = (v: string) => {
      const r = rt.staff.type(CONFIG.name, row, value, v, rt.state.owner);
      if (!r.ok) throw new Error(r.message);
      for (const run of r.runs) if (!run.ok) throw new Error(run.error);
    };
    type('一百份');
    expect(String(getCellProp(sheet, row, value, 'note') ?? '')).toContain('“一百份”应为 1 到 100000 之间的整数，或留空');
    type('120');
    expect(getCellProp(sheet, row, value, 'note') ?? '').toBe('');
  });

  test('under en the section and the notes read in English', () => {
    const rt = world(at('2026-12-28T08:00:00'));
    addCalendarDay(rt, '2027-01-01');
    setConfigValue(rt.state, '通用', '语言', 'en');
    forgetCachedConfig(rt.state);
    submitOne(rt, nextPerson(), 'form', at('2026-12-28T10:00:00'));
    const r = rt.run('reportNow', ['quarterly']);
    expect(r.ok).toBe(true);
    const body = rt.state.mail.sent[rt.state.mail.sent.length - 1]!.body;
    expect(body).toContain('Quarterly review');
    expect(body).toContain('Form completion by channel');
    expect(body).toContain('Time to first response (working hours)');
    expect(body).toContain('Record the actions this review decides in the 复盘 sheet (季度 2026-Q4)');
    const retro = findSheet(rt.state, RETRO.name)!;
    const status = rt.staff.column(RETRO.name, RETRO.col.status);
    setCellProp(retro, 2, status, 'dv', null);
    expect(rt.staff.type(RETRO.name, 2, status, 'done!', 'sales1@example.com').ok).toBe(true);
    expect(getCellProp(retro, 2, status, 'note')).toBe('"done!" is not a status; the old value is back. Choose one of: 未开始, 进行中, 已完成, 已取消');
  });
});
