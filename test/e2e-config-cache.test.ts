/**
 * 配置 kept in the script cache, on the shipped bundle: an execution that
 * finds it there reads no 配置 row, and whatever changes 配置 — an admin's
 * edit, a renamed sheet, a deleted row, setup — is seen by the very next
 * execution. A change no trigger sees lasts ten minutes at most.
 */
import { CONFIG } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, setCell } from '../local/runtime/sheet-data';
import { T0, person, rows, submitOne, world } from './helpers/world';

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
