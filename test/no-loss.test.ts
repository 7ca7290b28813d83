/**
 * The no-loss suite, on the shipped bundle: for each way of filing work and
 * each service call it makes, that call fails (or a person acts just before
 * it), the work is retried as it would be in production, and the integrity
 * checker proves nothing lost, nothing doubled, no half-written row and every
 * customer's 工单数 and 客户类型标签 true to the tickets on file.
 */
import type { Runtime } from '../local/runtime/runtime';
import type { RuntimeState } from '../local/runtime/state';
import { startRuntime } from '../local/cli/session';
import { findSheet, getCell } from '../local/runtime/sheet-data';
import { CONFIG, CUSTOMERS, TICKETS } from '../src/sheets/schema';
import { integrity } from './helpers/integrity';
import { T0, ownerEmail, person, rows, setStatus, submit, submitOne, world } from './helpers/world';

const DAY = 86_400_000;

const someone = (i: number) => person({ name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}`, email: `c${i}@example.com` });

/** The calls an action makes to the given services (Spreadsheet, Lock and Properties unless said), each as [method, nth]. */
function callPoints(rt: Runtime, act: () => void, services = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|TextFinder|Lock|LockService|Properties|PropertiesService)\./): [string, number][] {
  const before = rt.meter.snapshot().calls;
  act();
  const after = rt.meter.snapshot().calls;
  const points: [string, number][] = [];
  for (const [method, n] of Object.entries(after)) {
    if (!services.test(method)) continue;
    for (let nth = 1; nth <= n - (before[method] ?? 0); nth++) points.push([method, nth]);
  }
  return points;
}

describe('an import retried after a failure at any call', () => {
  // A known customer comes back, a new one twice in the same batch, and one more new one.
  const batch = () => [someone(2), { ...someone(2), need_description: '上次的电脑还需要加装内存条，请报价' }, someone(1), someone(3)];
  const base = (() => {
    const rt = world();
    submitOne(rt, someone(1), 'manual');
    return rt.state;
  })();
  const prepare = () => startRuntime(structuredClone(base));
  const probe = prepare();
  const points = callPoints(probe, () => submit(probe, batch(), 'import'));

  test('the import makes a known set of calls to fail at', () => {
    expect(points.length).toBeGreaterThan(20);
  });

  test.each(points)('%s #%i fails, the import is run again: every row filed once, counts true', (method, nth) => {
    const rt = prepare();
    rt.faults.failCall(method, nth);
    submit(rt, batch(), 'import');
    rt.faults.clear();
    const again = rt.run('importFromSheet', [], { user: rt.state.owner });
    expect(again.error).toBeUndefined();
    const check = integrity(rt);
    expect(check.problems).toEqual([]);
    expect([check.customers, check.tickets]).toEqual([3, 5]);
  });
});

describe('retention while a colleague sorts or inserts rows', () => {
  // Two closed tickets old enough to anonymise, two open ones that must keep every word.
  const base: RuntimeState = (() => {
    const rt = world();
    const nos = [1, 2, 3, 4].map((i) => String(submitOne(rt, someone(i)).ticket_no));
    for (const no of [nos[0]!, nos[2]!]) {
      setStatus(rt, no, '问题已解决', rt.state.owner);
      setStatus(rt, no, '已关闭', rt.state.owner);
    }
    rt.advanceClockTo(T0 + 10 * DAY);
    const config = findSheet(rt.state, '配置')!;
    const row = Array.from({ length: config.rows.length }, (_, i) => i + 1).find((r) => getCell(config, r, rt.staff.column('配置', CONFIG.col.key)) === '个人信息保留期')!;
    rt.editCell('配置', row, rt.staff.column('配置', CONFIG.col.value), '7天', rt.state.owner);
    return rt.state;
  })();
  const fresh = (): Runtime => startRuntime(structuredClone(base));
  const calls = (() => {
    const rt = fresh();
    const before = rt.meter.snapshot().totalCalls;
    expect(rt.run('retentionMonthly').ok).toBe(true);
    return rt.meter.snapshot().totalCalls - before;
  })();
  // A sort in 工单 at every call; an inserted row at every second (calls come in pairs: a range, then its
  // read or write); 客户 (the same code on the other sheet) at every fourth.
  const actions: [string, (rt: Runtime) => void, number][] = [
    ['sorts 工单 by name, Z to A', (rt) => rt.staff.sortSheet('工单', '姓名/企业名称', false), 1],
    ['inserts a row at 2 of 工单', (rt) => rt.staff.insertRow('工单', 2), 2],
    ['sorts 客户 by name, Z to A', (rt) => rt.staff.sortSheet('客户', '姓名/企业名称', false), 4],
  ];
  const cases = actions.flatMap(([name, act, every]) => Array.from({ length: calls }, (_, i) => [name, i + 1, act] as const).filter(([, k]) => k % every === 0 || every === 1));

  test.each(cases)('%s before call %i: only the closed tickets and their customers lose their words', (_name, k, act) => {
    const rt = fresh();
    rt.meter.onCall('*', k, () => act(rt));
    expect(rt.run('retentionMonthly').ok).toBe(true);
    // A run that could not place a row leaves it to the next one; the next month's run finishes the work.
    expect(rt.run('retentionMonthly').ok).toBe(true);
    const named = (sheet: string) => rows(rt, sheet).filter((r) => r[TICKETS.col.no] !== '' || r[TICKETS.col.customerNo] !== '').map((r) => String(r['姓名/企业名称'])).sort();
    expect(named('工单')).toEqual(['', '', '客户2', '客户4']);
    expect(named('客户')).toEqual(['', '', '客户2', '客户4']);
    const open = rows(rt, '工单').filter((t) => t['姓名/企业名称'] !== '' );
    expect(open.every((t) => t[TICKETS.col.status] === '新建' && t[TICKETS.col.anonymised] !== '是')).toBe(true);
  });
});

describe('a Form submission whose run fails at any call, mail included', () => {
  const probe = world();
  submitOne(probe, someone(1));
  const points = callPoints(probe, () => submitOne(probe, someone(2)), /^(MailApp|Lock|LockService)\./);

  test.each(points)('%s #%i fails: once the hourly jobs ran, the ticket is filed once and each mail sent once', (method, nth) => {
    const rt = world();
    submitOne(rt, someone(1));
    rt.faults.failCall(method, nth);
    submitOne(rt, someone(2));
    rt.faults.clear();
    // The hourly sweep files what the trigger could not; the follow-up job sends what is recorded and unsent.
    rt.advanceClockTo(rt.state.clock + 2 * 3600_000);
    const check = integrity(rt);
    expect(check.problems).toEqual([]);
    expect([check.customers, check.tickets]).toEqual([2, 2]);
    const ticket = rows(rt, '工单').find((t) => t['姓名/企业名称'] === '客户2')!;
    const about = rt.state.mail.sent.filter((m) => `${m.subject}\n${m.body}`.includes(String(ticket[TICKETS.col.no])));
    expect(about.map((m) => m.to).sort()).toEqual([ownerEmail(rt, ticket[TICKETS.col.owner]), 'c2@example.com'].sort());
  });
});

describe('an import while a colleague sorts or inserts rows and columns', () => {
  // Four customers on file; the import brings one back (twice) and two new ones.
  const base: RuntimeState = (() => {
    const rt = world();
    submit(rt, [1, 2, 3, 4].map(someone), 'manual');
    return rt.state;
  })();
  const fresh = (): Runtime => startRuntime(structuredClone(base));
  const batch = () => [someone(2), { ...someone(2), need_description: '上次的电脑还需要加装内存条，请报价' }, someone(5), someone(6)];
  const calls = (() => {
    const rt = fresh();
    const before = rt.meter.snapshot().totalCalls;
    submit(rt, batch(), 'import');
    return rt.meter.snapshot().totalCalls - before;
  })();
  // Every second call: the import's calls come in pairs (a range, then its read or write).
  const actions: [string, (rt: Runtime) => void][] = [
    ['sorts 客户 by name, Z to A', (rt) => rt.staff.sortSheet('客户', '姓名/企业名称', false)],
    ['inserts a row at 2 of 客户', (rt) => rt.staff.insertRow('客户', 2)],
    ['inserts a column at C of 客户', (rt) => rt.staff.insertColumn('客户', 3)],
  ];
  const cases = actions.flatMap(([name, act]) => Array.from({ length: calls }, (_, i) => [name, i + 1, act] as const).filter(([, k]) => k % 2 === 0));

  test.each(cases)('%s before call %i: every row filed once, under the right customer, counts true', (_name, k, act) => {
    const rt = fresh();
    rt.meter.onCall('*', k, () => act(rt));
    submit(rt, batch(), 'import');
    // A run that stopped (a lookup made stale) is run again, as staff would.
    expect(rt.run('importFromSheet', [], { user: rt.state.owner }).ok).toBe(true);
    const check = integrity(rt);
    expect(check.problems).toEqual([]);
    expect([check.customers, check.tickets]).toEqual([6, 8]);
    const c2 = rows(rt, '客户').find((c) => c['姓名/企业名称'] === '客户2')!;
    expect([c2['手机号'], c2[CUSTOMERS.col.ticketCount]]).toEqual(['13900000002', 3]);
    expect(rows(rt, '客户').every((c) => c[''] === '' || c[''] === undefined)).toBe(true);
  });
});
