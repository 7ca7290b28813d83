/**
 * People act between any two service calls of a submission: a colleague
 * sorts 工单 or 客户, inserts a row or a column in either, moves 状态, or
 * types a status on another ticket, while a returning customer's Form
 * response is being filed. Whatever the moment, the response
 * is filed once, under the right customer, in the right columns, and the
 * colleague's change stands.
 */
import { CUSTOMERS, HISTORY, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import type { RuntimeState } from '../local/runtime/state';
import { startRuntime } from '../local/cli/session';
import { integrity } from './helpers/integrity';
import { person, rows, submit, submitOne, world } from './helpers/world';

const someone = (i: number) => person({ name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}`, email: `c${i}@example.com` });

/** Setup and four customers; 客户2 comes back in each case (any sort moves its row). */
const base: RuntimeState = (() => {
  const rt = world();
  submit(rt, [1, 2, 3, 4].map(someone));
  return rt.state;
})();

const fresh = (): Runtime => startRuntime(structuredClone(base));

/** The number of service calls the returning submission makes, undisturbed. */
const CALLS = (() => {
  const rt = fresh();
  const before = rt.meter.snapshot().totalCalls;
  submitOne(rt, someone(2));
  return rt.meter.snapshot().totalCalls - before;
})();

interface Action {
  name: string;
  act(rt: Runtime): void;
  /** Every k when true; every fifth call otherwise (the same code paths, a quarter of the time). */
  everyCall: boolean;
  check?(rt: Runtime): void;
}

const ticketRowOf = (rt: Runtime, name: string): number => rows(rt, '工单').findIndex((t) => t['姓名/企业名称'] === name) + 2;

const ACTIONS: Action[] = [
  { name: 'sorts 工单 by name, Z to A', everyCall: true, act: (rt) => rt.staff.sortSheet('工单', '姓名/企业名称', false) },
  { name: 'sorts 客户 by mobile, descending', everyCall: true, act: (rt) => rt.staff.sortSheet('客户', '手机号', false) },
  { name: 'inserts a column at B of 工单', everyCall: true, act: (rt) => rt.staff.insertColumn('工单', 2) },
  { name: 'inserts a column at C of 客户', everyCall: true, act: (rt) => rt.staff.insertColumn('客户', 3) },
  { name: 'inserts a row at 2 of 客户', everyCall: true, act: (rt) => rt.staff.insertRow('客户', 2) },
  { name: 'inserts a row at 2 of 工单', everyCall: false, act: (rt) => rt.staff.insertRow('工单', 2) },
  { name: 'moves 状态 to column A of 工单', everyCall: false, act: (rt) => rt.staff.moveColumn('工单', rt.staff.column('工单', TICKETS.col.status), 1) },
  {
    name: "types 已联系客户 on 客户1's ticket",
    everyCall: false,
    act: (rt) => {
      const edit = rt.staff.type('工单', ticketRowOf(rt, '客户1'), rt.staff.column('工单', TICKETS.col.status), '已联系客户', rt.state.owner);
      expect(edit.ok).toBe(true);
    },
    check: (rt) => {
      const first = rows(rt, '工单').find((t) => t['姓名/企业名称'] === '客户1')!;
      expect(first[TICKETS.col.status]).toBe('已联系客户');
      // Its edit trigger ran after the submission: recorded once.
      const history = rows(rt, '历史').filter((h) => h[HISTORY.col.ticketNo] === first[TICKETS.col.no] && h[HISTORY.col.newValue] === '已联系客户');
      expect(history).toHaveLength(1);
    },
  },
];

test('the undisturbed submission makes a known number of calls to act between', () => {
  expect(CALLS).toBeGreaterThan(50);
});

describe.each(ACTIONS)('a colleague $name during the submission', (action) => {
  const moments = Array.from({ length: CALLS }, (_, i) => i + 1).filter((k) => action.everyCall || k % 5 === 1);
  test.each(moments)('before call %i: filed once, under the right customer, the change kept', (k) => {
    const rt = fresh();
    let acted = false;
    rt.meter.onCall('*', k, () => {
      action.act(rt);
      acted = true;
    });
    submitOne(rt, someone(2));
    expect(acted).toBe(true);
    // The hourly sweep files anything the trigger could not (none expected, but it must not double either).
    expect(rt.run('sweepSubmissions').ok).toBe(true);
    const check = integrity(rt);
    expect(check.problems).toEqual([]);
    expect([check.customers, check.tickets]).toEqual([4, 5]);
    const customer = rows(rt, '客户').find((c) => c['姓名/企业名称'] === '客户2')!;
    expect(customer['手机号']).toBe('13900000002');
    expect(customer[CUSTOMERS.col.ticketCount]).toBe(2);
    const theirs = rows(rt, '工单').filter((t) => t[TICKETS.col.customerNo] === customer[TICKETS.col.customerNo]);
    expect(theirs.map((t) => t['姓名/企业名称'])).toEqual(['客户2', '客户2']);
    // Nothing was written into a column a colleague inserted.
    expect(rows(rt, '工单').every((t) => t[''] === '' || t[''] === undefined)).toBe(true);
    expect(rows(rt, '客户').every((c) => c[''] === '' || c[''] === undefined)).toBe(true);
    action.check?.(rt);
  });
});
