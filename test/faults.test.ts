/**
 * The fault suite, on the shipped bundle: triggers fired twice or dropped, a
 * service call failing at each point of a submission, the lock timing out,
 * mail over quota, two executions interleaved, staff rearranging the sheets.
 * After recovery every submission exists exactly once and no row is half written.
 */
import { CUSTOMERS, HISTORY, MAIL_QUEUE, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, insertColumns, lastColumn, lastRow, moveColumns, sortRect } from '../local/runtime/sheet-data';
import { integrity } from './helpers/integrity';
import { T0, nestAt, person, rows, submit, submitOne, world } from './helpers/world';

const DAY = 86_400_000;
const someone = (i: number) => person({ name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}`, email: `c${i}@example.com` });

function sweep(rt: Runtime): void {
  const r = rt.run('sweepSubmissions');
  expect(r.error).toBeUndefined();
}

describe('triggers', () => {
  test('every submission trigger fired twice: no duplicate customer or ticket', () => {
    const rt = world();
    rt.faults.duplicate.add('ON_FORM_SUBMIT');
    const out = submit(rt, [1, 2, 3, 4, 5, 6].map(someone));
    expect(out.map((o) => o.outcome)).toEqual(Array(6).fill('accepted'));
    const check = integrity(rt);
    expect(check).toEqual({ customers: 6, tickets: 6, problems: [] });
  });

  test('10% of triggers dropped: the sweep files every one of them, and a second sweep nothing', () => {
    const rt = world();
    rt.faults.dropWhen = (type, n) => type === 'ON_FORM_SUBMIT' && n % 10 === 0;
    const out = submit(rt, Array.from({ length: 20 }, (_, i) => someone(i)));
    expect(out.filter((o) => o.outcome === 'pending')).toHaveLength(2);
    expect(integrity(rt).tickets).toBe(18);
    sweep(rt);
    expect(integrity(rt)).toEqual({ customers: 20, tickets: 20, problems: [] });
    sweep(rt);
    expect(integrity(rt).tickets).toBe(20);
  });
});

describe('a service call fails in the middle of a submission', () => {
  // The calls of one steady-state submission, from the meter: each Spreadsheet, Lock and Properties call in turn.
  const probe = world();
  submitOne(probe, someone(1));
  const before = probe.meter.snapshot();
  submitOne(probe, someone(2));
  const after = probe.meter.snapshot();
  const points: [string, number][] = [];
  for (const [method, n] of Object.entries(after.calls)) {
    const d = n - (before.calls[method] ?? 0);
    if (d > 0 && /^(SpreadsheetApp|Spreadsheet|Sheet|Range|TextFinder|Lock|LockService|Properties|PropertiesService)\./.test(method)) {
      for (let nth = 1; nth <= d; nth++) points.push([method, nth]);
    }
  }

  test('the submission makes a known set of calls to fail at', () => {
    expect(points.length).toBeGreaterThan(10);
  });

  test.each(points)('%s #%i fails: after the sweep the submission exists once, no half-written row', (method, nth) => {
    const rt = world();
    submitOne(rt, someone(1));
    rt.faults.failCall(method, nth);
    const out = submitOne(rt, someone(2));
    sweep(rt);
    rt.faults.clear();
    sweep(rt);
    const check = integrity(rt);
    expect(check.problems).toEqual([]);
    expect([check.customers, check.tickets]).toEqual([2, 2]);
    expect(['accepted', 'failed']).toContain(out.outcome);
  });
});

describe('the lock', () => {
  test('times out: the form submission is not lost (deferred, the sweep files it) and manual entry says so plainly', () => {
    const rt = world();
    rt.faults.lockTimeout = true;
    const form = submitOne(rt, someone(1));
    expect(form.outcome).toBe('deferred');
    const manual = submitOne(rt, someone(2), 'manual');
    expect(manual.outcome).toBe('failed');
    expect(String(manual['error'])).toBe('系统正忙（另一项提交正在处理），请稍后重试；表单提交会由定时任务自动补处理');
    expect(integrity(rt).tickets).toBe(0);
    rt.faults.lockTimeout = false;
    sweep(rt);
    expect(integrity(rt)).toEqual({ customers: 1, tickets: 1, problems: [] });
  });
});

describe('interleaved executions', () => {
  // A second submission of the same new customer runs nested at each call of the first (its own execution).
  const probe = world();
  submitOne(probe, someone(1));
  const before = probe.meter.snapshot();
  submitOne(probe, someone(2));
  const methods = Object.keys(diffCalls(before.calls, probe.meter.snapshot().calls)).filter((m) => /^(Range|Sheet|Spreadsheet|TextFinder|Lock|Properties)\./.test(m));

  test.each(methods)('same new customer submitted during %s of another: one customer number', (method) => {
    const rt = world();
    submitOne(rt, someone(1));
    let nested: unknown = null;
    nestAt(rt, method, 1, () => {
      nested = submitOne(rt, someone(9));
    });
    submitOne(rt, someone(9));
    expect(nested).not.toBeNull();
    sweep(rt);
    const check = integrity(rt);
    expect(check.problems).toEqual([]);
    expect([check.customers, check.tickets]).toEqual([2, 3]);
    const nos = new Set(rows(rt, '工单').filter((t) => t['姓名/企业名称'] === '客户9').map((t) => t[TICKETS.col.customerNo]));
    expect(nos.size).toBe(1);
  });
});

function diffCalls(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(b)) if (v - (a[k] ?? 0) > 0) out[k] = v - (a[k] ?? 0);
  return out;
}

describe('mail over quota', () => {
  test('quota 0: mails are queued; when the quota is back each is sent exactly once', () => {
    const rt = world();
    rt.useUpMailQuota();
    submit(rt, [someone(1), someone(2)]);
    expect(rt.state.mail.sent).toHaveLength(0);
    const queued = rows(rt, '邮件队列').map((q) => `${String(q[MAIL_QUEUE.col.to])}|${String(q[MAIL_QUEUE.col.subject])}`);
    // The assignment of each; the acknowledgements' share of a spent quota is nil: held, and said on each ticket.
    expect(queued).toHaveLength(2);
    expect(rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '确认邮件未发送')).toHaveLength(2);
    // 24 hours after its first use the quota is back; the hourly job sends the queue (and, by then, overdue reminders).
    const sentOnce = (): string[] => rt.state.mail.sent.map((m) => `${m.to}|${m.subject}`).filter((m) => queued.includes(m));
    rt.advanceClockTo(T0 + DAY + 3 * 3600_000);
    expect(sentOnce().sort()).toEqual([...queued].sort());
    rt.advanceClockTo(T0 + 2 * DAY);
    expect(sentOnce().sort()).toEqual([...queued].sort());
    expect(rows(rt, '邮件队列').every((q) => q[MAIL_QUEUE.col.state] !== '待发送')).toBe(true);
  });
});

describe('staff rearrange the sheets between submissions', () => {
  test('sorted rows, reordered and inserted columns: later writes land in the right row and column', () => {
    const rt = world();
    submit(rt, [1, 2, 3, 4].map(someone));
    const tickets = findSheet(rt.state, '工单')!;
    const customers = findSheet(rt.state, '客户')!;
    // Sort 工单 by name descending, 客户 by mobile descending; move 状态 to column 1; insert a staff column in both.
    sortRect(tickets, { row: 2, column: 1, numRows: lastRow(tickets) - 1, numColumns: lastColumn(tickets) }, [{ column: rt.staff.column('工单', '姓名/企业名称'), ascending: false }], 'zh_CN');
    sortRect(customers, { row: 2, column: 1, numRows: lastRow(customers) - 1, numColumns: lastColumn(customers) }, [{ column: rt.staff.column('客户', '手机号'), ascending: false }], 'zh_CN');
    moveColumns(tickets, rt.staff.column('工单', TICKETS.col.status), 1, 1);
    insertColumns(tickets, 3, 1, 0);
    insertColumns(customers, 2, 1, 0);
    moveColumns(customers, rt.staff.column('客户', CUSTOMERS.col.ticketCount), 1, 1);
    // A returning customer, a new one, and a status change on a moved row.
    expect(submitOne(rt, someone(2)).outcome).toBe('accepted');
    expect(submitOne(rt, someone(5)).outcome).toBe('accepted');
    const ticketRows = rows(rt, '工单');
    const target = ticketRows.findIndex((t) => t['姓名/企业名称'] === '客户3');
    const edit = rt.editCell('工单', target + 2, rt.staff.column('工单', TICKETS.col.status), '已联系客户', rt.state.owner);
    expect(edit.ok).toBe(true);
    const check = integrity(rt);
    expect(check.problems).toEqual([]);
    expect([check.customers, check.tickets]).toEqual([5, 6]);
    const c2 = rows(rt, '客户').find((c) => c['姓名/企业名称'] === '客户2')!;
    expect(c2[CUSTOMERS.col.ticketCount]).toBe(2);
    expect(c2['手机号']).toBe('13900000002');
    const mine = rows(rt, '工单').filter((t) => t[TICKETS.col.customerNo] === c2[TICKETS.col.customerNo]);
    expect(mine).toHaveLength(2);
    expect(rows(rt, '工单').find((t) => t['姓名/企业名称'] === '客户3')![TICKETS.col.status]).toBe('已联系客户');
    const history = rows(rt, '历史').filter((h) => h[HISTORY.col.newValue] === '已联系客户');
    expect(history.map((h) => h[HISTORY.col.ticketNo])).toEqual([ticketRows[target]![TICKETS.col.no]]);
    // The inserted columns stay empty: nothing was written into them.
    expect(rows(rt, '工单').every((t) => t[''] === '' || t[''] === undefined)).toBe(true);
  });
});
