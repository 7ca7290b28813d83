/**
 * 负责人, 优先级 and 截止时间 changed by hand in 工单, on the shipped bundle:
 * picked from a dropdown (a typed word is refused by the sheet, and by the
 * edit trigger where the dropdown is gone), recorded in 历史, and the
 * deadline and the reminders follow.
 */
import { CONFIG, HISTORY, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCellProp, setCellProp } from '../local/runtime/sheet-data';
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

  test('the dropdown lists 配置 › 员工; someone else is refused by it, and by the trigger (old owner back, a note) without it', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const row = rowOf(rt, no);
    const col = rt.staff.column(TICKETS.name, TICKETS.col.owner);
    const old = ticket(rt, no)[TICKETS.col.owner];
    expect(dropdownOf(rt, row)).toEqual(expect.arrayContaining(['sales1@example.com', 'support1@example.com', 'pm@example.com']));
    expect(rt.editCell(TICKETS.name, row, col, 'stranger@example.com', SALES).ok).toBe(false);
    setCellProp(findSheet(rt.state, TICKETS.name)!, row, col, 'dv', null);
    expect(rt.editCell(TICKETS.name, row, col, 'stranger@example.com', SALES).ok).toBe(true);
    expect(ticket(rt, no)[TICKETS.col.owner]).toBe(old);
    expect(getCellProp(findSheet(rt.state, TICKETS.name)!, row, col, 'note')).toContain('“stranger@example.com”不是配置 › 员工中的员工');
    expect(history(rt, no, '更换负责人')).toEqual([]);
    expect(rt.state.mail.sent.filter((m) => m.to === 'stranger@example.com')).toEqual([]);
  });

  test('a colleague added to 配置 › 员工 is in the dropdown at once and may be given tickets', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const configRows = rows(rt, CONFIG.name);
    const last = configRows.length + 2;
    const user = rt.state.owner;
    expect(rt.editCell(CONFIG.name, last, 1, '员工', user).ok).toBe(true);
    expect(rt.editCell(CONFIG.name, last, 2, 'newbie@example.com', user).ok).toBe(true);
    expect(rt.editCell(CONFIG.name, last, 3, '钱多多', user).ok).toBe(true);
    expect(dropdownOf(rt, rowOf(rt, no))).toContain('newbie@example.com');
    expect(rt.editCell(TICKETS.name, rowOf(rt, no), rt.staff.column(TICKETS.name, TICKETS.col.owner), 'newbie@example.com', SALES).ok).toBe(true);
    expect(history(rt, no, '更换负责人')).toEqual([expect.objectContaining({ [HISTORY.col.newValue]: 'newbie@example.com' })]);
  });
});
