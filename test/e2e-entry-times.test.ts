/**
 * 填写日期 and 经办人 of paper and phone forms and imports, and 录入时间 beside
 * them, on the bundle: the sidebar and 导入 take what staff give, a date that
 * cannot be right goes to 待审核 with the reason, deadlines run from entry (a
 * form entered days late is not overdue on arrival), the weekly report
 * measures the wait, and a 工单 sheet of an older version keeps filing.
 */
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCell, getCellProp, lastColumn, setCell } from '../local/runtime/sheet-data';
import { FIELD_LABEL } from '../src/domain/fields';
import { REPORTS, REVIEW, TICKETS } from '../src/sheets/schema';
import { addCalendarDay, person, rows, submitOne, world } from './helpers/world';

const at = (local: string) => Date.parse(`${local}+08:00`);
const STAFF = 'sales1@example.com'; // 张伟 in 配置 › 员工
/** Minutes between a cell's instant and `ms` (each execution takes its own modelled seconds). */
const minutesFrom = (iso: unknown, ms: number) => Math.abs(Date.parse(String(iso)) - ms) / 60_000;
const shanghai = (iso: unknown) => new Date(String(iso)).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

function enter(rt: Runtime, answers: Record<string, unknown>, clientId: string): Record<string, unknown> {
  const r = rt.run('submitManualEntry', [{ answers, clientId }], { user: STAFF });
  if (!r.ok) throw new Error(r.error);
  return r.value as Record<string, unknown>;
}

function ticket(rt: Runtime, no: unknown): Record<string, unknown> {
  return rows(rt, '工单').find((t) => t[TICKETS.col.no] === no)!;
}

describe('the manual-entry sidebar', () => {
  test('offers 填写日期 (now) and 经办人 (the signed-in member, by name, among the staff names)', () => {
    const rt = world();
    const setup = rt.run('manualEntrySetup', [], { user: STAFF }).value as { staff: string[]; me: string; utcOffset: number; now: number };
    // The server's clock, which the sidebar's default 填写日期 and its check follow.
    expect(minutesFrom(new Date(setup.now).toISOString(), at('2026-11-23T10:00:00'))).toBeLessThan(5);
    expect(setup.me).toBe('张伟');
    expect(setup.staff).toContain('张伟');
    expect(setup.staff.every((s) => !s.includes('@') || s.includes('（'))).toBe(true);
    expect(setup.utcOffset).toBe(480);
  });

  test('a paper form entered three days late keeps its own date and collector; its deadline runs from entry, nothing escalates', () => {
    const rt = world();
    addCalendarDay(rt, '2027-01-01');
    const late = enter(rt, person({ submitted_at: '2026/11/20 14:30', handler: '李娜' }), 'draft-late-01');
    const fresh = enter(rt, person({ name: '周八', mobile: '13700000008', email: 'zhou8@example.com' }), 'draft-fresh-01');
    expect([late['outcome'], fresh['outcome']]).toEqual(['accepted', 'accepted']);
    const paper = ticket(rt, late['ticket_no']);
    expect(shanghai(paper[TICKETS.col.submittedAt])).toBe('2026-11-20 14:30');
    expect(minutesFrom(paper[TICKETS.col.enteredAt], at('2026-11-23T10:00:00'))).toBeLessThan(5);
    expect(paper[TICKETS.col.handler]).toBe('李娜');
    // Nothing given: filled in as it was entered, by whoever entered it, shown by name.
    const call = ticket(rt, fresh['ticket_no']);
    expect(call[TICKETS.col.submittedAt]).toBe(call[TICKETS.col.enteredAt]);
    expect(call[TICKETS.col.handler]).toBe('张伟');
    // The same priority, the same deadline: the clock started when each reached the team.
    expect(paper[TICKETS.col.priority]).toBe(call[TICKETS.col.priority]);
    expect(minutesFrom(paper[TICKETS.col.deadline], Date.parse(String(call[TICKETS.col.deadline])))).toBeLessThan(5);
    expect(Date.parse(String(paper[TICKETS.col.deadline]))).toBeGreaterThan(at('2026-11-23T10:00:00'));

    rt.advanceClockTo(at('2026-11-23T13:00:00'));
    const mailed = rt.state.mail.sent.filter((m) => /超时|升级|逾期/.test(m.subject));
    expect(mailed).toEqual([]);
    expect(ticket(rt, late['ticket_no'])[TICKETS.col.reminder]).toBe('');
  });

  test.each([
    ['2026-11-24 09:00', '晚于现在'],
    ['2026-10-01', '早于 30 天前'],
    ['上周五', '不是有效的日期'],
    ['2026-02-30', '不是有效的日期'],
  ])('填写日期 %s is not filed: it waits in 待审核 with the reason (%s)', (value, reason) => {
    const rt = world();
    const r = enter(rt, person({ submitted_at: value }), 'draft-bad-' + value.replace(/\D/g, '').padEnd(8, '0'));
    expect(r['outcome']).toBe('review');
    expect((r['problems'] as string[]).join('\n')).toContain(reason);
    const row = rows(rt, '待审核')[0]!;
    expect(String(row[REVIEW.col.problems])).toContain(`填写日期“${value}”`);
    expect(rows(rt, '工单')).toHaveLength(0);
  });

  test('a 待审核 row of a phone call, corrected, is filed with the call’s date, its collector, and the time it was first entered', () => {
    const rt = world();
    enter(rt, person({ submitted_at: '2026-11-22 16:00', handler: '李娜', mobile: '1380013800' }), 'draft-review-01');
    rt.advanceClockTo(at('2026-11-24T09:30:00'));
    const answers = { ...person({ submitted_at: '2026-11-22 16:00', handler: '李娜' }) };
    const r = rt.run('resubmitReview', [2, answers], { user: 'admin@example.com' });
    expect(r.error).toBeUndefined();
    const filed = rows(rt, '工单')[0]!;
    expect(shanghai(filed[TICKETS.col.submittedAt])).toBe('2026-11-22 16:00');
    expect(minutesFrom(filed[TICKETS.col.enteredAt], at('2026-11-23T10:00:00'))).toBeLessThan(5);
    expect(filed[TICKETS.col.handler]).toBe('李娜');
  });
});

describe('the 导入 sheet', () => {
  test('takes 填写日期 in the forms staff paste, and 经办人; a date that is no date goes to 待审核, never replaced by now', () => {
    const rt = world();
    const lines = submitOne(rt, person({ name: '甲', mobile: '13900000001', email: 'a@example.com', 填写日期: '2026-11-20', 经办人: '王芳' }), 'import');
    expect(lines.outcome).toBe('accepted');
    const more = [
      person({ name: '乙', mobile: '13900000002', email: 'b@example.com', 填写日期: '2026/11/20 14:30' }),
      person({ name: '丙', mobile: '13900000003', email: 'c@example.com', 填写日期: '2026年11月21日' }),
      person({ name: '丁', mobile: '13900000004', email: 'd@example.com', 填写日期: '2026-13-01' }),
    ];
    const outcomes = more.map((r) => submitOne(rt, r, 'import').outcome);
    expect(outcomes).toEqual(['accepted', 'accepted', 'review']);
    const byName = (n: string) => rows(rt, '工单').find((t) => t['姓名/企业名称'] === n)!;
    expect(shanghai(byName('甲')[TICKETS.col.submittedAt])).toBe('2026-11-20 00:00');
    expect(byName('甲')[TICKETS.col.handler]).toBe('王芳');
    expect(shanghai(byName('乙')[TICKETS.col.submittedAt])).toBe('2026-11-20 14:30');
    expect(String(byName('乙')[TICKETS.col.handler])).toMatch(/^导入（/);
    expect(shanghai(byName('丙')[TICKETS.col.submittedAt])).toBe('2026-11-21 00:00');
    expect(minutesFrom(byName('丙')[TICKETS.col.enteredAt], at('2026-11-23T10:00:00'))).toBeLessThan(5);
    const waiting = rows(rt, '待审核');
    expect(waiting).toHaveLength(1);
    expect(String(waiting[0]![REVIEW.col.problems])).toContain('填写日期“2026-13-01”不是有效的日期');
  });

  test('a Sheets date cell under 填写日期 is read as the date and time it shows', () => {
    const rt = world();
    const sheet = findSheet(rt.state, '导入')!;
    const headers = Array.from({ length: lastColumn(sheet) }, (_, i) => String(getCell(sheet, 1, i + 1)));
    const record = person({ name: '戊', mobile: '13900000005', email: 'e@example.com' });
    for (const [k, v] of Object.entries(record)) {
      const label = FIELD_LABEL[k as keyof typeof FIELD_LABEL];
      setCell(sheet, 2, headers.indexOf(label) + 1, String(v));
    }
    setCell(sheet, 2, headers.indexOf('填写日期') + 1, { d: at('2026-11-19T09:15:00') });
    const r = rt.run('importFromSheet', [], { user: STAFF });
    expect(r.error).toBeUndefined();
    expect(r.value).toMatchObject({ accepted: 1 });
    expect(shanghai(rows(rt, '工单')[0]![TICKETS.col.submittedAt])).toBe('2026-11-19 09:15');
  });
});

describe('录入时间 for the Form', () => {
  test('is when the add-on filed the response; 填写日期 is when the customer sent it', () => {
    const rt = world();
    const r = submitOne(rt, person(), 'form', at('2026-11-23T11:00:00'));
    expect(r.outcome).toBe('accepted');
    const t = rows(rt, '工单')[0]!;
    expect(shanghai(t[TICKETS.col.enteredAt])).toBe('2026-11-23 11:00');
    expect(t[TICKETS.col.handler]).toBe('线上表单');
  });
});

describe('an older workbook, its 工单 without 录入时间', () => {
  test('files the next submission (the column is added at the end), and 初始化/修复 formats it', () => {
    const rt = world();
    submitOne(rt, person(), 'manual');
    const sheet = findSheet(rt.state, '工单')!;
    const col = Array.from({ length: lastColumn(sheet) }, (_, i) => getCell(sheet, 1, i + 1)).indexOf(TICKETS.col.enteredAt) + 1;
    expect(col).toBeGreaterThan(0);
    // As the previous version left it: no such column.
    rt.staff.deleteColumn('工单', col);
    expect(Object.keys(rows(rt, '工单')[0]!)).not.toContain(TICKETS.col.enteredAt);

    const next = submitOne(rt, person({ name: '周八', mobile: '13700000008', email: 'zhou8@example.com' }), 'manual', at('2026-11-23T10:30:00'));
    expect(next.outcome).toBe('accepted');
    const tickets = rows(rt, '工单');
    expect(tickets).toHaveLength(2);
    expect(tickets[0]![TICKETS.col.enteredAt]).toBe('');
    expect(shanghai(tickets[1]![TICKETS.col.enteredAt])).toBe('2026-11-23 10:30');
    const headers = Array.from({ length: lastColumn(sheet) }, (_, i) => getCell(sheet, 1, i + 1));
    expect(headers[headers.length - 1]).toBe(TICKETS.col.enteredAt);

    const repaired = rt.run('setup');
    expect(repaired.error).toBeUndefined();
    expect(rows(rt, '工单')).toHaveLength(2);
    const entered = rt.staff.column('工单', TICKETS.col.enteredAt);
    expect(getCellProp(sheet, 4, entered, 'fmt')).toBe('yyyy-MM-dd HH:mm');
  });
});

describe('the weekly report', () => {
  test('measures 线下录入时效 per offline channel: count, median wait, share within 24 h, the slowest', () => {
    const rt = world(at('2026-11-23T08:00:00'));
    enter(rt, person({ submitted_at: '2026-11-23 07:00' }), 'draft-week-001');
    rt.advanceClockTo(at('2026-11-25T10:00:00'));
    enter(rt, person({ name: '周八', mobile: '13700000008', email: 'zhou8@example.com', submitted_at: '2026-11-22 10:00' }), 'draft-week-002');
    submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com' }), 'form');
    rt.advanceClockTo(at('2026-11-30T10:00:00'));
    const mail = rt.state.mail.sent.find((m) => m.subject.includes('周报：2026-11-23'))!;
    expect(mail).toBeDefined();
    const text = mail.body;
    expect(text).toContain('线下录入时效（填写日期 → 录入时间）');
    const line = text.split('\n').find((l) => /^线下录入 \| \d+ \| /.test(l));
    // Two entries: 1 h and 3 d waits; the lower middle is 1 h; one of two within 24 h; the slowest first.
    expect(line).toMatch(/^线下录入 \| 2 \| 1 小时 \| 50(\.0)?% \| T\d+ 3 天 0 小时、T\d+ 1 小时$/);
    expect(text).not.toMatch(/^在线表单 \| \d+ \| /m);
    const archive = rows(rt, '报表').filter((r) => r[REPORTS.col.group] === '线下录入时效');
    expect(archive.map((r) => [r[REPORTS.col.figure], r[REPORTS.col.current], r[REPORTS.col.unit]])).toEqual([
      ['线下录入·录入', 2, '张'],
      ['线下录入·中位等待', expect.closeTo(1, 0), '小时'],
      ['线下录入·24小时内录入', 50, '%'],
    ]);
  });
});
