/**
 * 负责人, 优先级 and 截止时间 changed by hand in 工单, on the shipped bundle:
 * picked from a dropdown (a typed word is refused by the sheet, and by the
 * edit trigger where the dropdown is gone), recorded in 历史, and the
 * deadline and the reminders follow.
 */
import { CONFIG, HISTORY, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCellProp, setCell, setCellProp } from '../local/runtime/sheet-data';
import { person, rows, submitOne, world } from './helpers/world';

const SALES = 'sales1@example.com';
// Friday 2026-11-27 17:00 in Asia/Shanghai.
const FRIDAY_5PM = Date.parse('2026-11-27T17:00:00+08:00');

function ticket(rt: Runtime, no: string): Record<string, unknown> {
  return rows(rt, TICKETS.name).find((r) => r[TICKETS.col.no] === no)!;
}
function rowOf(rt: Runtime, no: string): number {
  return rows(rt, TICKETS.name).findIndex((r) => r[TICKETS.col.no] === no) + 2;
}
function history(rt: Runtime, no: string, action: string): Record<string, unknown>[] {
  return rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.ticketNo] === no && h[HISTORY.col.action] === action);
}
const ms = (d: unknown) => Date.parse(String(d));
const shanghai = (d: unknown) => new Date((typeof d === 'string' ? ms(d) : (d as Date).getTime()) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('优先级 changed by hand', () => {
  test('picked 高: the deadline moves to 高\'s 时限 counted from 填写日期, 历史 says so', () => {
    const rt = world(FRIDAY_5PM);
    const no = submitOne(rt, person({ expected_response: '1周内' }), 'form', FRIDAY_5PM).ticket_no as string;
    expect(ticket(rt, no)[TICKETS.col.priority]).not.toBe('高');
    const before = ms(ticket(rt, no)[TICKETS.col.deadline]);
    const r = rt.editCell(TICKETS.name, rowOf(rt, no), rt.staff.column(TICKETS.name, TICKETS.col.priority), '高', SALES);
    expect(r.ok).toBe(true);
    const after = ticket(rt, no)[TICKETS.col.deadline];
    expect(ms(after)).toBeLessThan(before);
    expect(history(rt, no, '优先级变更')).toEqual([expect.objectContaining({ [HISTORY.col.newValue]: '高', [HISTORY.col.note]: `截止时间随优先级改为 ${shanghai(after)}` })]);
  });

  test('a typed word is refused by the dropdown; with the dropdown gone, the trigger puts the old value back with a note', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const col = rt.staff.column(TICKETS.name, TICKETS.col.priority);
    const old = ticket(rt, no)[TICKETS.col.priority];
    expect(rt.editCell(TICKETS.name, rowOf(rt, no), col, '紧急', SALES).ok).toBe(false);
    setCellProp(findSheet(rt.state, TICKETS.name)!, rowOf(rt, no), col, 'dv', null);
    expect(rt.editCell(TICKETS.name, rowOf(rt, no), col, '紧急', SALES).ok).toBe(true);
    expect(ticket(rt, no)[TICKETS.col.priority]).toBe(old);
    expect(getCellProp(findSheet(rt.state, TICKETS.name)!, rowOf(rt, no), col, 'note')).toContain('“紧急”不是有效优先级');
    expect(history(rt, no, '优先级变更')).toEqual([]);
  });
});

describe('截止时间 changed by hand', () => {
  test('a later deadline is recorded and the reminder starts over: an overdue ticket is no longer flagged, then is again after it', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    rt.advanceClockTo(rt.state.clock + 3 * 86_400_000);
    expect(String(ticket(rt, no)[TICKETS.col.reminder])).not.toBe('');
    const col = rt.staff.column(TICKETS.name, TICKETS.col.deadline);
    const later = new Date(rt.state.clock + 5 * 86_400_000);
    const typed = shanghai(later);
    expect(rt.editCell(TICKETS.name, rowOf(rt, no), col, typed, SALES).ok).toBe(true);
    expect(ticket(rt, no)[TICKETS.col.reminder]).toBe('');
    expect(history(rt, no, '截止时间变更')).toEqual([expect.objectContaining({ [HISTORY.col.newValue]: typed })]);
    const ownerMailsBefore = rt.state.mail.sent.filter((m) => m.subject.includes(no)).length;
    rt.advanceClockTo(rt.state.clock + 7 * 86_400_000);
    expect(String(ticket(rt, no)[TICKETS.col.reminder])).not.toBe('');
    // Escalation restarted at level 0: the owner is reminded again for the new deadline.
    expect(rt.state.mail.sent.filter((m) => m.subject.includes(no)).length).toBeGreaterThan(ownerMailsBefore);
  });

  test('text that is no date is refused by the sheet', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    expect(rt.editCell(TICKETS.name, rowOf(rt, no), rt.staff.column(TICKETS.name, TICKETS.col.deadline), '下周一', SALES).ok).toBe(false);
    expect(ms(ticket(rt, no)[TICKETS.col.deadline])).not.toBeNaN();
  });
});

describe('负责人 picked, not typed', () => {
  const dropdownOf = (rt: Runtime, row: number) => {
    const sheet = findSheet(rt.state, TICKETS.name)!;
    const index = getCellProp(sheet, row, rt.staff.column(TICKETS.name, TICKETS.col.owner), 'dv');
    return index === null ? [] : sheet.rules[index]!.values ?? [];
  };

  test('the dropdown shows 配置 › 员工 by name; someone else is refused by it, and by the trigger (old owner back, a note) without it', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const row = rowOf(rt, no);
    const col = rt.staff.column(TICKETS.name, TICKETS.col.owner);
    const old = ticket(rt, no)[TICKETS.col.owner];
    expect(old).toBe('张伟'); // sales1@example.com, the 销售组's first member
    expect(dropdownOf(rt, row)).toEqual(expect.arrayContaining(['张伟', '王强', '陈静', '销售组']));
    expect(dropdownOf(rt, row).some((v) => v.includes('@'))).toBe(false);
    expect(rt.editCell(TICKETS.name, row, col, 'stranger@example.com', SALES).ok).toBe(false);
    setCellProp(findSheet(rt.state, TICKETS.name)!, row, col, 'dv', null);
    expect(rt.editCell(TICKETS.name, row, col, 'stranger@example.com', SALES).ok).toBe(true);
    expect(ticket(rt, no)[TICKETS.col.owner]).toBe(old);
    expect(getCellProp(findSheet(rt.state, TICKETS.name)!, row, col, 'note')).toContain('“stranger@example.com”不是配置 › 员工中的员工');
    expect(history(rt, no, '更换负责人')).toEqual([]);
    expect(rt.state.mail.sent.filter((m) => m.to === 'stranger@example.com')).toEqual([]);
    // Without the dropdown an address may be typed: the cell then shows the person's name.
    expect(rt.editCell(TICKETS.name, row, col, 'PM@example.com', SALES).ok).toBe(true);
    expect(ticket(rt, no)[TICKETS.col.owner]).toBe('陈静');
    expect(history(rt, no, '更换负责人')).toEqual([expect.objectContaining({ [HISTORY.col.oldValue]: '张伟', [HISTORY.col.newValue]: '陈静' })]);
    expect(rt.state.mail.sent.filter((m) => m.to === 'pm@example.com' && m.subject.includes(no))).toHaveLength(1);
  });

  test('a colleague added to 配置 › 员工 is in the dropdown at once by name and may be given tickets; 我的工单 finds them', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const configRows = rows(rt, CONFIG.name);
    const last = configRows.length + 2;
    const user = rt.state.owner;
    expect(rt.editCell(CONFIG.name, last, 1, '员工', user).ok).toBe(true);
    expect(rt.editCell(CONFIG.name, last, 2, 'newbie@example.com', user).ok).toBe(true);
    expect(rt.editCell(CONFIG.name, last, 3, '钱多多', user).ok).toBe(true);
    expect(dropdownOf(rt, rowOf(rt, no))).toContain('钱多多');
    expect(rt.editCell(TICKETS.name, rowOf(rt, no), rt.staff.column(TICKETS.name, TICKETS.col.owner), '钱多多', SALES).ok).toBe(true);
    expect(history(rt, no, '更换负责人')).toEqual([expect.objectContaining({ [HISTORY.col.newValue]: '钱多多' })]);
    expect(rt.state.mail.sent.filter((m) => m.to === 'newbie@example.com' && m.subject.includes(no))).toHaveLength(1);
    const mine = rt.run('myTickets', [], { user: 'newbie@example.com' }).value as { tickets: { ticketNo: string }[] };
    expect(mine.tickets.map((t) => t.ticketNo)).toEqual([no]);
  });

  test('owners recorded by address before names were shown read as names after setup, with nothing recorded; a renamed colleague\'s tickets follow the new name', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const sheet = findSheet(rt.state, TICKETS.name)!;
    const col = rt.staff.column(TICKETS.name, TICKETS.col.owner);
    setCell(sheet, rowOf(rt, no), col, 'sales1@example.com');
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    expect(ticket(rt, no)[TICKETS.col.owner]).toBe('张伟');
    expect(history(rt, no, '更换负责人')).toEqual([]);
    // 张伟 becomes 张伟明 in 配置: the ticket shows the new name and still reaches sales1@example.com.
    const staffRow = rows(rt, CONFIG.name).findIndex((r) => r[CONFIG.col.group] === '员工' && r[CONFIG.col.key] === 'sales1@example.com') + 2;
    expect(rt.editCell(CONFIG.name, staffRow, 3, '张伟明', rt.state.owner).ok).toBe(true);
    expect(ticket(rt, no)[TICKETS.col.owner]).toBe('张伟明');
    expect(history(rt, no, '更换负责人')).toEqual([]);
    const mine = rt.run('myTickets', [], { user: SALES }).value as { tickets: { ticketNo: string }[] };
    expect(mine.tickets.map((t) => t.ticketNo)).toEqual([no]);
    rt.advanceClockTo(Date.parse('2026-11-25T12:00:00+08:00')); // the 高 ticket is long overdue: its owner is told
    expect(rt.state.mail.sent.filter((m) => m.to === SALES && m.subject.includes('【超时】'))).toHaveLength(1);
  });
});
