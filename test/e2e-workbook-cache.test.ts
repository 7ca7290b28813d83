/**
 * 配置 and the header rows kept in the script cache, on the shipped bundle:
 * an execution that finds them there reads no 配置 row and no header row
 * before the lock, and whatever changes them — an admin's edit, a renamed
 * sheet, a deleted row, an inserted column, setup — is seen by the very
 * next execution. A 配置 change no trigger sees lasts ten minutes at most; a
 * column change no trigger sees is caught under the lock, and no write goes
 * to a wrong column.
 */
import { CONFIG, CUSTOMERS, HISTORY, MAIL_QUEUE, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, setCell } from '../local/runtime/sheet-data';
import { T0, person, rows, setStatus, submitOne, ticketOwner, world } from './helpers/world';

const MINUTE = 60_000;

function configRow(rt: Runtime, group: string, key: string): number {
  return rows(rt, CONFIG.name).findIndex((r) => r[CONFIG.col.group] === group && r[CONFIG.col.key] === key) + 2;
}

/** The subject of the last acknowledgement mailed to `to`. */
function ackSubject(rt: Runtime, to: string): string {
  return rt.state.mail.sent.filter((m) => m.to === to).at(-1)?.subject ?? '';
}

/** Calls that read a sheet's whole data range (配置's read) while `fn` runs. */
function configReads(rt: Runtime, fn: () => void): number {
  const before = rt.meter.snapshot().calls['Sheet.getDataRange'] ?? 0;
  fn();
  return (rt.meter.snapshot().calls['Sheet.getDataRange'] ?? 0) - before;
}

describe('配置 in the script cache', () => {
  test('a second submission reads no 配置 row; the admin typing a new company name is in the very next mail', () => {
    const rt = world();
    expect(submitOne(rt, person({ email: 'a@example.com', mobile: '13800138001' })).outcome).toBe('accepted');
    expect(configReads(rt, () => expect(submitOne(rt, person({ email: 'b@example.com', mobile: '13800138002' })).outcome).toBe('accepted'))).toBe(0);
    expect(ackSubject(rt, 'b@example.com')).toContain('示例科技有限公司');

    const r = rt.staff.type(CONFIG.name, configRow(rt, '通用', '公司名称'), rt.staff.column(CONFIG.name, CONFIG.col.value), '青松咨询有限公司', rt.state.owner);
    expect(r.ok && r.runs.every((x) => x.ok)).toBe(true);
    expect(submitOne(rt, person({ email: 'c@example.com', mobile: '13800138003' })).outcome).toBe('accepted');
    expect(ackSubject(rt, 'c@example.com')).toContain('青松咨询有限公司');
  });

  test('a deleted 配置 row and a renamed 配置 sheet are seen at once, through the change trigger', () => {
    const rt = world();
    const r = rt.staff.type(CONFIG.name, configRow(rt, '通用', '公司名称'), rt.staff.column(CONFIG.name, CONFIG.col.value), '青松咨询有限公司', rt.state.owner);
    expect(r.ok).toBe(true);
    submitOne(rt, person({ email: 'a@example.com', mobile: '13800138001' }));
    expect(ackSubject(rt, 'a@example.com')).toContain('青松咨询有限公司');
    // Its row deleted, the company name is the default again.
    rt.staff.deleteRow(CONFIG.name, configRow(rt, '通用', '公司名称'));
    submitOne(rt, person({ email: 'b@example.com', mobile: '13800138002' }));
    expect(ackSubject(rt, 'b@example.com')).toContain('示例科技有限公司');
    rt.staff.renameSheet(CONFIG.name, '配置（旧）');
    const out = submitOne(rt, person({ email: 'c@example.com', mobile: '13800138003' }));
    expect(out.outcome).toBe('failed');
    expect(String(out['error'])).toContain('配置');
  });

  test('setup forgets it; a write no trigger sees (another script, the API) lasts ten minutes at most', () => {
    const rt = world();
    submitOne(rt, person({ email: 'a@example.com', mobile: '13800138001' }));
    const sheet = findSheet(rt.state, CONFIG.name)!;
    const row = configRow(rt, '通用', '公司名称');
    const col = rt.staff.column(CONFIG.name, CONFIG.col.value);
    setCell(sheet, row, col, '青松咨询有限公司');
    submitOne(rt, person({ email: 'b@example.com', mobile: '13800138002' }), 'form', T0 + MINUTE);
    expect(ackSubject(rt, 'b@example.com')).toContain('示例科技有限公司');
    submitOne(rt, person({ email: 'c@example.com', mobile: '13800138003' }), 'form', T0 + 11 * MINUTE);
    expect(ackSubject(rt, 'c@example.com')).toContain('青松咨询有限公司');

    setCell(sheet, row, col, '白杨贸易有限公司');
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    submitOne(rt, person({ email: 'd@example.com', mobile: '13800138004' }), 'form', T0 + 12 * MINUTE);
    expect(ackSubject(rt, 'd@example.com')).toContain('白杨贸易有限公司');
  });

  test('a cache that fails is no failure: the submission reads the sheet', () => {
    const rt = world();
    rt.faults.failCall('Cache.get', 1, { times: 5 });
    rt.faults.failCall('Cache.put', 1, { times: 5 });
    expect(submitOne(rt, person({ email: 'a@example.com', mobile: '13800138001' })).outcome).toBe('accepted');
    expect(ackSubject(rt, 'a@example.com')).toContain('示例科技有限公司');
  });
});

describe('header rows in the script cache', () => {
  const ticketOf = (rt: Runtime, no: string) => rows(rt, TICKETS.name).find((t) => t[TICKETS.col.no] === no)!;
  const customerOf = (rt: Runtime, no: string) => rows(rt, CUSTOMERS.name).find((c) => c[CUSTOMERS.col.no] === no)!;

  /** Files one submission and checks its rows read right under their headers. */
  function filedRight(rt: Runtime, n: number): string {
    const out = submitOne(rt, person({ name: `客户${n}`, email: `c${n}@example.com`, mobile: `1380013800${n}` }));
    expect(out.outcome).toBe('accepted');
    const ticket = ticketOf(rt, String(out['ticket_no']));
    expect(ticket).toMatchObject({ [TICKETS.col.name]: `客户${n}`, [TICKETS.col.status]: '新建', [TICKETS.col.customerNo]: out['customer_no'] });
    expect(customerOf(rt, String(out['customer_no']))).toMatchObject({ [CUSTOMERS.col.name]: `客户${n}`, [CUSTOMERS.col.email]: `c${n}@example.com` });
    return String(out['ticket_no']);
  }

  /** Header reads (row 1) by the execution `fn` runs. */
  function headerReads(rt: Runtime, fn: () => void): number {
    let n = 0;
    rt.meter.tracer = (e) => {
      if (e.method === 'Range.getValues') n += 1;
    };
    fn();
    rt.meter.tracer = null;
    return n;
  }

  test('a second submission reads no header row before the lock', () => {
    const rt = world();
    filedRight(rt, 1);
    const warm = headerReads(rt, () => filedRight(rt, 2));
    rt.state.cache = Object.fromEntries(Object.entries(rt.state.cache).filter(([k]) => !k.includes('layout.')));
    const cold = headerReads(rt, () => filedRight(rt, 3));
    // The five sheets intake opens before the lock; the checks under the lock remain.
    expect(cold - warm).toBe(5);
  });

  test('a column inserted between two submissions: the change trigger forgets the layouts, every cell lands under its header', () => {
    const rt = world();
    filedRight(rt, 1);
    rt.staff.insertColumn(TICKETS.name, 3);
    rt.staff.insertColumn(CUSTOMERS.name, 2);
    rt.staff.moveColumn(HISTORY.name, 1, 4);
    filedRight(rt, 2);
    expect(rows(rt, HISTORY.name).every((h) => h[HISTORY.col.ticketNo] !== '' && String(h[HISTORY.col.at]).startsWith('2026-'))).toBe(true);
  });

  test('the same when the change trigger never ran: found under the lock, written right, and cached as it is now', () => {
    const rt = world();
    filedRight(rt, 1);
    rt.faults.dropWhen = (type) => type === 'ON_CHANGE';
    rt.staff.insertColumn(TICKETS.name, 3);
    rt.staff.insertColumn(MAIL_QUEUE.name, 2);
    rt.faults.dropWhen = null;
    const second = filedRight(rt, 2);
    const third = headerReads(rt, () => filedRight(rt, 3));
    expect(headerReads(rt, () => filedRight(rt, 4))).toBe(third);
    // An edit with the stale layout is taken at once, not left for the hourly job.
    filedRight(rt, 5);
    rt.faults.dropWhen = (type) => type === 'ON_CHANGE';
    rt.staff.insertColumn(TICKETS.name, 1);
    rt.faults.dropWhen = null;
    const staff = ticketOwner(rt, second);
    setStatus(rt, second, '已联系客户', staff);
    const edited = ticketOf(rt, second);
    expect(edited[TICKETS.col.status]).toBe('已联系客户');
    expect(String(edited[TICKETS.col.firstResponseAt])).toMatch(/^2026-/);
    expect(rows(rt, HISTORY.name).some((h) => h[HISTORY.col.ticketNo] === second && h[HISTORY.col.newValue] === '已联系客户')).toBe(true);
  });

  test('a header typed over forgets the cached rows', () => {
    const rt = world();
    filedRight(rt, 1);
    expect(Object.keys(rt.state.cache).some((k) => k.includes('layout.'))).toBe(true);
    rt.staff.type(TICKETS.name, 1, rt.staff.column(TICKETS.name, TICKETS.col.notes), TICKETS.col.notes, rt.state.owner);
    expect(Object.keys(rt.state.cache).some((k) => k.includes('layout.'))).toBe(false);
  });
});
