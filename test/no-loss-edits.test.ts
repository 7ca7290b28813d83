/**
 * Staff edits in 工单 are applied exactly once, on the bundle: an edit trigger
 * fired twice records and mails once; a dropped trigger or a busy lock is
 * caught up by the hourly job before it decides escalations; people
 * rearranging 工单 at any call of an edit or of the hourly job never send a
 * field to another ticket's row; staff's own formula columns survive both.
 */
import { HISTORY, TICKETS } from '../src/sheets/schema';
import { SYSTEM_ACTOR } from '../src/domain/vocabulary';
import type { Runtime } from '../local/runtime/runtime';
import type { RuntimeState } from '../local/runtime/state';
import { isDeepStrictEqual } from 'node:util';
import { startRuntime } from '../local/cli/session';
import { findSheet, getCell, getCellProp, setCellProp } from '../local/runtime/sheet-data';
import { person, rows, setStatus, submitOne, ticketOwner, world } from './helpers/world';

const at = (iso: string) => Date.parse(iso + '+08:00');
const SALES = 'sales1@example.com';
const MONDAY = at('2026-11-23T10:00:00');
/** 中 priority: first response within 1 working day, resolution within 3. */
const someone = (i: number) => person({ name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}`, email: `c${i}@example.com`, expected_response: '3个工作日内' });

const ticket = (rt: Runtime, no: string) => rows(rt, '工单').find((t) => t[TICKETS.col.no] === no)!;
const rowOf = (rt: Runtime, no: string) => rows(rt, '工单').findIndex((t) => t[TICKETS.col.no] === no) + 2;
const history = (rt: Runtime, no: string, action?: string) =>
  rows(rt, '历史').filter((h) => h[HISTORY.col.ticketNo] === no && (action === undefined || h[HISTORY.col.action] === action));
const mailsTo = (rt: Runtime, to: string, subjectPart = '') => rt.state.mail.sent.filter((m) => m.to.split(', ').includes(to) && m.subject.includes(subjectPart));

/** Staff types into a cell of a ticket's row; the edit itself must be accepted (its trigger may fail). */
function type(rt: Runtime, no: string, label: string, value: string): void {
  const r = rt.staff.type('工单', rowOf(rt, no), rt.staff.column('工单', label), value, SALES);
  if (!r.ok) throw new Error(r.message);
}

describe('a status change is applied exactly once', () => {
  test('the edit trigger fired twice: one 历史 row, one customer mail', () => {
    const rt = world(MONDAY);
    const no = submitOne(rt, someone(1)).ticket_no as string;
    rt.faults.duplicate.add('ON_EDIT');
    setStatus(rt, no, '已联系客户', SALES, '已电话联系');
    expect(history(rt, no, '状态变更')).toHaveLength(1);
    expect(mailsTo(rt, 'c1@example.com', '已联系客户')).toHaveLength(1);
  });

  test('an owner change whose trigger fires twice: one 历史 row, one mail to the new owner', () => {
    const rt = world(MONDAY);
    const no = submitOne(rt, someone(1)).ticket_no as string;
    rt.faults.duplicate.add('ON_EDIT');
    type(rt, no, TICKETS.col.owner, '王强'); // support1@example.com
    type(rt, no, TICKETS.col.owner, '刘洋'); // support2@example.com
    expect(history(rt, no, '更换负责人').map((h) => h[HISTORY.col.newValue])).toEqual(['王强', '刘洋']);
    expect(mailsTo(rt, 'support2@example.com', no)).toHaveLength(1);
  });

  test.each([
    ['dropped', (rt: Runtime) => (rt.faults.dropWhen = (t) => t === 'ON_EDIT')],
    ['refused for a busy lock', (rt: Runtime) => (rt.faults.lockTimeout = true)],
  ])('its trigger %s: the hourly job records it once, mails the customer and does not escalate the ticket', (_, fault) => {
    const rt = world(MONDAY);
    const no = submitOne(rt, someone(1)).ticket_no as string;
    const owner = ticketOwner(rt, no);
    type(rt, no, TICKETS.col.progressNote, '已电话联系');
    fault(rt);
    type(rt, no, TICKETS.col.status, '已联系客户');
    rt.faults.clear();
    expect(history(rt, no, '状态变更')).toHaveLength(0);
    rt.advanceClockTo(at('2026-11-23T11:30:00'));
    expect(history(rt, no, '状态变更')).toEqual([
      expect.objectContaining({ [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.oldValue]: '新建', [HISTORY.col.newValue]: '已联系客户', [HISTORY.col.note]: expect.stringContaining('已电话联系') }),
    ]);
    expect(String(history(rt, no, '状态变更')[0]![HISTORY.col.note])).toContain('补记');
    // Stamped by the hourly run that caught the change up: in the 11:00 hour, at the minute Apps Script picked for it.
    expect(ticket(rt, no)[TICKETS.col.firstResponseAt]).toMatch(/^2026-11-23T11:[0-2]\d/);
    expect(mailsTo(rt, 'c1@example.com', '已联系客户')).toHaveLength(1);
    // Past the first-response limit (Tuesday 10:00), before the deadline: the ticket was handled.
    rt.advanceClockTo(at('2026-11-24T12:30:00'));
    expect(ticket(rt, no)[TICKETS.col.reminder]).toBe('');
    expect(mailsTo(rt, owner, '【超时】')).toHaveLength(0);
    expect(history(rt, no, '状态变更')).toHaveLength(1);
    expect(mailsTo(rt, 'c1@example.com', '已联系客户')).toHaveLength(1);
  });

  test('a value outside the list whose trigger was dropped: the hourly job puts the old status back with a note', () => {
    const rt = world(MONDAY);
    const no = submitOne(rt, someone(1)).ticket_no as string;
    setStatus(rt, no, '已联系客户', SALES);
    const statusCol = rt.staff.column('工单', TICKETS.col.status);
    setCellProp(findSheet(rt.state, '工单')!, rowOf(rt, no), statusCol, 'dv', null);
    rt.faults.dropWhen = (t) => t === 'ON_EDIT';
    type(rt, no, TICKETS.col.status, '搞定了');
    rt.faults.clear();
    rt.advanceClockTo(at('2026-11-23T11:30:00'));
    expect(ticket(rt, no)[TICKETS.col.status]).toBe('已联系客户');
    expect(String(getCellProp(findSheet(rt.state, '工单')!, rowOf(rt, no), statusCol, 'note'))).toContain('搞定了');
    expect(history(rt, no, '状态变更')).toHaveLength(1);
  });

  test('an owner change whose trigger was dropped: recorded by the hourly job, the new owner mailed once', () => {
    const rt = world(MONDAY);
    const no = submitOne(rt, someone(1)).ticket_no as string;
    type(rt, no, TICKETS.col.owner, '王强'); // support1@example.com
    rt.faults.dropWhen = (t) => t === 'ON_EDIT';
    type(rt, no, TICKETS.col.owner, '刘洋'); // support2@example.com
    rt.faults.clear();
    rt.advanceClockTo(at('2026-11-23T12:30:00'));
    expect(history(rt, no, '更换负责人').map((h) => [h[HISTORY.col.oldValue], h[HISTORY.col.newValue]])).toEqual([
      [expect.any(String), '王强'],
      ['王强', '刘洋'],
    ]);
    expect(history(rt, no, '更换负责人')[1]![HISTORY.col.actor]).toBe(SYSTEM_ACTOR);
    expect(mailsTo(rt, 'support2@example.com', no)).toHaveLength(1);
  });
});

describe('staff formula columns', () => {
  test('a staff column with formulas between our columns keeps them through an edit and the hourly job', () => {
    const rt = world(MONDAY);
    const nos = [1, 2].map((i) => submitOne(rt, someone(i)).ticket_no as string);
    const at0 = rt.staff.column('工单', TICKETS.col.progressNote);
    rt.staff.insertColumn('工单', at0);
    const sheet = findSheet(rt.state, '工单')!;
    for (const row of [2, 3]) {
      setCellProp(sheet, row, at0, 'fmt', null); // the staff column is not plain text, as its neighbour is
      rt.staff.type('工单', row, at0, `=LEN(A${row})`, SALES);
    }
    setStatus(rt, nos[0]!, '已联系客户', SALES);
    rt.advanceClockTo(at('2026-11-24T12:30:00')); // the second ticket is late: 提醒 and an escalation written
    expect(ticket(rt, nos[1]!)[TICKETS.col.reminder]).not.toBe('');
    expect([getCell(sheet, 2, at0), getCell(sheet, 3, at0)]).toEqual([{ f: '=LEN(A2)' }, { f: '=LEN(A3)' }]);
  });
});

/**
 * A 工单 row as the sweep compares it: every labelled column, by header; a
 * time only as set or not (the run that stamps it may be the edit or, when the
 * edit could not place it, the hourly catch-up a few seconds later).
 */
type Fields = Record<string, unknown>;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
const byTicket = (rt: Runtime): Map<string, Fields> => {
  const out = new Map<string, Fields>();
  for (const t of rows(rt, '工单')) {
    const no = String(t[TICKETS.col.no] ?? '');
    const fields = Object.fromEntries(Object.entries(t).filter(([h]) => h !== '' && h !== 'null').map(([h, v]) => [h, typeof v === 'string' && ISO_TIME.test(v) ? 'time' : v]));
    if (no !== '') out.set(no, fields);
  }
  return out;
};
/** Rows without a ticket number (inserted by staff) must stay blank. */
const strayCells = (rt: Runtime): Fields[] =>
  rows(rt, '工单').filter((t) => String(t[TICKETS.col.no] ?? '') === '').filter((t) => Object.values(t).some((v) => v !== '' && v !== null));

describe('people rearrange 工单 at every call of an edit and of the hourly job', () => {
  /** Five tickets on Monday; the fourth's status changed with its trigger lost; Tuesday noon all others are late. */
  const base: RuntimeState = (() => {
    const rt = world(MONDAY);
    for (let i = 1; i <= 5; i++) submitOne(rt, someone(i));
    const nos = rows(rt, '工单').map((t) => String(t[TICKETS.col.no]));
    type(rt, nos[1]!, TICKETS.col.progressNote, '已电话联系');
    rt.faults.dropWhen = (t) => t === 'ON_EDIT';
    type(rt, nos[3]!, TICKETS.col.status, '方案已提交');
    rt.faults.clear();
    rt.state.clock = at('2026-11-24T12:10:00');
    return rt.state;
  })();
  const fresh = (): Runtime => startRuntime(structuredClone(base));
  const NOS = rows(startRuntime(structuredClone(base)), '工单').map((t) => String(t[TICKETS.col.no]));
  const EDITED = NOS[1]!;

  /** What a colleague does, whether it moves columns, and every how many calls (row moves share the sort's code paths). */
  const ACTIONS: [string, (rt: Runtime) => void, { columns: boolean; every: number }][] = [
    ['sorts 工单 by name, Z to A', (rt) => rt.staff.sortSheet('工单', '姓名/企业名称', false), { columns: false, every: 1 }],
    ['inserts a row at 2', (rt) => rt.staff.insertRow('工单', 2), { columns: false, every: 3 }],
    ['inserts a column before 提醒', (rt) => rt.staff.insertColumn('工单', rt.staff.column('工单', TICKETS.col.reminder)), { columns: true, every: 1 }],
    ['deletes the first ticket row', (rt) => rt.staff.deleteRow('工单', 2), { columns: false, every: 3 }],
  ];

  const EDIT = (rt: Runtime) => {
    const r = rt.staff.type('工单', rowOf(rt, EDITED), rt.staff.column('工单', TICKETS.col.status), '已联系客户', SALES);
    if (!r.ok) throw new Error(r.message);
  };
  const HOURLY = (rt: Runtime) => {
    const r = rt.run('followUpHourly');
    if (!r.ok) throw new Error(r.error);
  };

  /**
   * Runs `job`, with `action` before its k-th call when given, then the hourly
   * job once more undisturbed (it places what could not be placed); the tickets after.
   */
  function outcome(job: (rt: Runtime) => void, act?: { k: number; fn: (rt: Runtime) => void }) {
    const rt = fresh();
    let acted = false;
    if (act) rt.meter.onCall('*', act.k, () => {
      act.fn(rt);
      acted = true;
    });
    // The disturbed run may fail (a header read cut short by a column inserted under it): the next run does its work.
    try {
      job(rt);
    } catch {
      // recovered below
    }
    rt.state.clock += 60_000;
    HOURLY(rt);
    return { rt, acted, tickets: byTicket(rt) };
  }

  /** The method of each call of `job`, undisturbed (1-based: index 0 is unused). */
  const methodsOf = (job: (rt: Runtime) => void): string[] => {
    const rt = fresh();
    const methods = [''];
    let last = rt.meter.snapshot().calls;
    for (let k = 1; k <= 400; k++) {
      rt.meter.onCall('*', k, () => {
        const now = rt.meter.snapshot().calls;
        methods.push(Object.keys(now).find((m) => now[m] !== last[m])!);
        last = now;
      });
    }
    job(rt);
    return methods;
  };
  /**
   * The residual window: right before a write of the burst that follows the
   * last re-check; for a column move also right before the re-check's read of
   * the key column (its two calls after row 1 was read), which the write then
   * misses by a column, on the right row.
   */
  const WRITES = new Set(['Range.setValues', 'Range.setNotes']);
  const residual = (methods: readonly string[], k: number, columns: boolean): boolean =>
    WRITES.has(methods[k]!) || (columns && [1, 2].some((d) => WRITES.has(methods[k + d]!) && methods.slice(k, k + d).every((m) => !WRITES.has(m))));

  describe.each([
    ['the edit', EDIT],
    ['the hourly job', HOURLY],
  ])('%s', (_, job) => {
    const undisturbed = outcome(job);
    const methods = methodsOf(job);
    test.each(ACTIONS)('a colleague %s before any call: every field stays on its own ticket, but in the residual window', (_name, fn, how) => {
      const misplaced: number[] = [];
      for (let k = 1; k < methods.length; k += how.every) {
        const { rt, acted, tickets } = outcome(job, { k, fn });
        expect(acted).toBe(true);
        const where = `action before call ${k} (${methods[k]})`;
        // A deleted row's ticket is gone; every other ticket reads as it did undisturbed, and an inserted row stays blank.
        const wrong = [...tickets].filter(([no, fields]) => !isDeepStrictEqual(fields, undisturbed.tickets.get(no)));
        if (wrong.length > 0 || strayCells(rt).length > 0) misplaced.push(k);
        // Each change recorded once, each customer told once.
        const changes = rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '状态变更').map((h) => h[HISTORY.col.ticketNo]);
        expect({ where, changes: changes.length }).toEqual({ where, changes: new Set(changes).size });
        const told = rt.state.mail.sent.filter((m) => m.subject.includes('已联系客户') || m.subject.includes('方案已提交')).map((m) => m.to);
        expect({ where, told: told.length }).toEqual({ where, told: new Set(told).size });
      }
      expect(misplaced.filter((k) => !residual(methods, k, how.columns)).map((k) => `${k} ${methods[k]}`)).toEqual([]);
    });
  });
});
