import { decideCatchUp, decideEdit, unprocessed, type EditInput, type EditedRow } from '../src/domain/ticket-edit';
import { ownerDirectory } from '../src/domain/owners';
import { HISTORY_ACTION, STATUS } from '../src/domain/vocabulary';

const NOW = new Date('2026-11-23T03:00:00Z');

function row(over: Partial<EditedRow> = {}): EditedRow {
  return {
    ticketNo: 'T20261123001', status: STATUS.new, owner: 'sales1@example.com', lastStatus: STATUS.new,
    lastOwner: 'sales1@example.com', firstResponseStamped: false, resolvedStamped: false, progressNote: '',
    priority: '中', deadlineMs: null, deadlineText: '', submittedMs: null, pausedAtMs: null, pausedMinutes: 0, ...over,
  };
}

function input(over: Partial<EditInput> = {}): EditInput {
  return {
    rows: [row()], touched: { number: false, status: true, owner: false }, single: true, oldValue: STATUS.new, now: NOW,
    notifyStatuses: [STATUS.contacted, STATUS.resolved], who: 'lead@example.com', ...over,
  };
}

describe('decideEdit', () => {
  test('a status change stamps the first response, records the note and tells the customer', () => {
    const d = decideEdit(input({ rows: [row({ status: STATUS.contacted, progressNote: '已电话联系' })] }));
    expect(d.rows[0]).toMatchObject({ writes: { firstResponseAt: NOW, lastStatus: STATUS.contacted }, notify: STATUS.contacted });
    expect(d.rows[0]!.note).toBeUndefined();
    expect(d.history).toEqual([
      { ticketNo: 'T20261123001', action: HISTORY_ACTION.statusChanged, from: STATUS.new, to: STATUS.contacted, note: '已电话联系' },
    ]);
  });

  test('free text in 状态 is put back with a note naming the allowed values, and nothing is recorded', () => {
    const d = decideEdit(input({ rows: [row({ status: '搞定了' })] }));
    expect(d.rows[0]!.writes).toEqual({ status: STATUS.new });
    expect(d.rows[0]!.note).toMatchObject({ column: 'status', key: 'edit.badStatus', params: { value: '搞定了' } });
    expect(d.rows[0]!.note!.params.allowed).toContain(STATUS.closed);
    expect(d.history).toEqual([]);
  });

  test('moving back from 问题已解决 is a reopen: resolution cleared, escalation and reminder reset', () => {
    const d = decideEdit(input({ oldValue: STATUS.resolved, rows: [row({ status: STATUS.contacted, lastStatus: STATUS.resolved, firstResponseStamped: true, resolvedStamped: true })] }));
    expect(d.rows[0]!.writes).toEqual({ resolvedAt: '', escalation: 0, reminder: '', lastStatus: STATUS.contacted });
    expect(d.history[0]!.action).toBe(HISTORY_ACTION.reopened);
  });

  test('a pasted block takes each row\'s old value from its hidden last status, not from the event', () => {
    const d = decideEdit(input({
      single: false, oldValue: '',
      rows: [row({ ticketNo: 'T1', status: STATUS.closed, lastStatus: STATUS.resolved, resolvedStamped: true }), row({ ticketNo: 'T2', status: STATUS.new, lastStatus: STATUS.new })],
    }));
    expect(d.history.map((h) => [h.ticketNo, h.from, h.to])).toEqual([['T1', STATUS.resolved, STATUS.closed]]);
    expect(d.rows[0]!.writes).toMatchObject({ closedAt: NOW, reminder: '' });
    expect(d.rows[1]!.writes).toEqual({});
  });

  test('a typed-over ticket number is restored; a row without one gets a note and no change', () => {
    const locked = decideEdit(input({ touched: { number: true, status: false, owner: false }, oldValue: 'T20261123001', rows: [row({ ticketNo: 'X' })] }));
    expect(locked.rows[0]).toMatchObject({ writes: { ticketNo: 'T20261123001' }, ticketNo: 'T20261123001', note: { key: 'edit.ticketNoLocked' } });
    const blank = decideEdit(input({ rows: [row({ ticketNo: '', status: STATUS.closed })] }));
    expect(blank.rows[0]).toMatchObject({ writes: {}, note: { column: 'ticketNo', key: 'edit.noTicket' } });
    expect(blank.history).toEqual([]);
  });

  test('a new owner is recorded and mailed only when the cell holds an address', () => {
    const touched = { number: false, status: false, owner: true };
    const mailed = decideEdit(input({ touched, oldValue: 'sales1@example.com', rows: [row({ owner: 'sales2@example.com' })] }));
    expect(mailed.rows[0]).toMatchObject({ writes: { lastOwner: 'sales2@example.com' }, ownerMailFrom: 'sales1@example.com' });
    expect(mailed.history[0]).toMatchObject({ action: HISTORY_ACTION.ownerChanged, from: 'sales1@example.com', to: 'sales2@example.com' });
    const named = decideEdit(input({ touched, oldValue: 'sales1@example.com', rows: [row({ owner: '张伟' })] }));
    expect(named.rows[0]!.ownerMailFrom).toBeUndefined();
    expect(named.history).toHaveLength(1);
    // Pasting blanks over blanks changes nothing.
    const pasted = decideEdit(input({ touched, single: false, oldValue: '', rows: [row({ owner: '', lastOwner: '' })] }));
    expect(pasted.history).toEqual([]);
  });

  test('a change already processed (the trigger fired twice, or late) is not processed again', () => {
    const d = decideEdit(input({ rows: [row({ status: STATUS.contacted, lastStatus: STATUS.contacted, firstResponseStamped: true })] }));
    expect(d).toEqual({ rows: [{ writes: {}, ticketNo: 'T20261123001' }], history: [] });
    const owner = decideEdit(input({ touched: { number: false, status: false, owner: true }, oldValue: 'sales1@example.com', rows: [row({ owner: 'sales2@example.com', lastOwner: 'sales2@example.com' })] }));
    expect(owner.history).toEqual([]);
  });
});

describe('decideCatchUp', () => {
  test('only rows whose status or recorded owner differs from the last processed one; a blank 上次负责人 is the owner assigned at filing', () => {
    expect(unprocessed(row())).toBeNull();
    expect(unprocessed(row({ lastStatus: '' }))).toBeNull();
    expect(unprocessed(row({ lastOwner: '', owner: 'sales2@example.com' }))).toBeNull();
    expect(unprocessed(row({ status: STATUS.contacted }))).toEqual({ number: false, status: true, owner: false });
    const d = decideCatchUp({ rows: [row(), row({ ticketNo: 'T2', status: STATUS.contacted, progressNote: '已联系' }), row({ ticketNo: 'T3', status: '搞定了' })], now: NOW, notifyStatuses: [STATUS.contacted], who: 'system' });
    expect(d.rows[0]).toBeNull();
    expect(d.rows[1]).toMatchObject({ writes: { firstResponseAt: NOW, lastStatus: STATUS.contacted }, notify: STATUS.contacted });
    expect(d.rows[2]).toMatchObject({ writes: { status: STATUS.new }, note: { key: 'edit.badStatus' } });
    expect(d.history).toEqual([{ ticketNo: 'T2', action: HISTORY_ACTION.statusChanged, from: STATUS.new, to: STATUS.contacted, note: '已联系' }]);
  });
});

describe('优先级 and 截止时间 changed by hand', () => {
  // 2026-11-27 is a Friday; 17:00 in Asia/Shanghai is 09:00Z.
  const FRIDAY_5PM = Date.parse('2026-11-27T09:00:00Z');
  const deadlines = {
    sla: { 高: { amount: 4, unit: 'wh' as const }, 中: { amount: 1, unit: 'wd' as const }, 低: { amount: 3, unit: 'wd' as const } },
    calendar: { hours: [{ start: 540, end: 720 }, { start: 780, end: 1080 }], workWeek: [1, 2, 3, 4, 5], useStatutory: true, holidays: [], workdays: [] },
    utcOffset: 480,
    formatTime: (ms: number) => new Date(ms + 480 * 60_000).toISOString().slice(0, 16).replace('T', ' '),
    movedNote: (d: string) => `截止时间随优先级改为 ${d}`,
    pausedNote: (minutes: number) => `等待客户补充 ${minutes / 60} 个工作小时`,
  };
  const timing = (over: Partial<EditInput>) => input({ touched: { number: false, status: false, owner: false, priority: true }, deadlines, ...over });

  test('a new priority moves the deadline by its 时限 in working time, restarts the escalation and is recorded', () => {
    const d = decideEdit(timing({ rows: [row({ priority: '高', submittedMs: FRIDAY_5PM, deadlineMs: FRIDAY_5PM + 86_400_000 })], oldValue: '中' }));
    // 4 working hours from Friday 17:00: 1 h on Friday, 3 h on Monday from 09:00 → Monday 12:00.
    expect(deadlines.formatTime(d.rows[0]!.writes.deadline!.getTime())).toBe('2026-11-30 12:00');
    expect(d.rows[0]!.writes).toMatchObject({ escalation: 0, reminder: '' });
    expect(d.history).toEqual([{ ticketNo: 'T20261123001', action: HISTORY_ACTION.priorityChanged, from: '中', to: '高', note: '截止时间随优先级改为 2026-11-30 12:00' }]);
  });

  test('待客户补充 records the pause and always asks the customer; leaving it moves the deadline by the paused working time', () => {
    const status = { number: false, status: true, owner: false };
    const paused = decideEdit(input({ rows: [row({ status: STATUS.waiting, lastStatus: STATUS.proposed })], oldValue: STATUS.proposed, notifyStatuses: [], deadlines, touched: status }));
    expect(paused.rows[0]).toMatchObject({ writes: { pausedAt: NOW, pausedFrom: STATUS.proposed, reminder: '' }, notify: STATUS.waiting });
    expect(paused.history.map((h) => h.action)).toEqual([HISTORY_ACTION.statusChanged]);
    // Paused Friday 17:00, answered Monday 10:00: 2 working hours; a Monday 12:00 deadline moves to 15:00 (lunch, 12–13, does not count).
    const monday10 = new Date('2026-11-30T02:00:00Z');
    const resumed = decideEdit(input({
      rows: [row({ status: STATUS.proposed, lastStatus: STATUS.waiting, pausedAtMs: FRIDAY_5PM, pausedMinutes: 30, deadlineMs: Date.parse('2026-11-30T04:00:00Z') })],
      oldValue: STATUS.waiting, now: monday10, deadlines, touched: status,
    }));
    const w = resumed.rows[0]!.writes;
    expect(deadlines.formatTime(w.deadline!.getTime())).toBe('2026-11-30 15:00');
    expect(w).toMatchObject({ pausedAt: '', pausedMinutes: 150, escalation: 0, reminder: '' });
    expect(resumed.history.at(-1)).toMatchObject({ action: HISTORY_ACTION.pauseEnded, from: '2026-11-30 12:00', to: '2026-11-30 15:00', note: '等待客户补充 2 个工作小时' });
  });

  test('a value that is no priority is put back with a note; pasted, it is noted (no old value to put back)', () => {
    const typed = decideEdit(timing({ rows: [row({ priority: '紧急' })], oldValue: '中' }));
    expect(typed.rows[0]!.writes.priority).toBe('中');
    expect(typed.rows[0]!.note).toMatchObject({ column: 'priority', key: 'edit.badPriority' });
    expect(typed.history).toEqual([]);
    const pasted = decideEdit(timing({ rows: [row({ priority: '紧急' })], single: false, oldValue: '' }));
    expect(pasted.rows[0]!.writes.priority).toBeUndefined();
    expect(pasted.rows[0]!.note).toMatchObject({ column: 'priority', key: 'edit.badPriorityPasted' });
  });

  test('a pasted priority that gives the deadline the row already has changed nothing', () => {
    const due = Date.parse('2026-11-30T09:00:00Z'); // 1 working day from Friday 17:00: Monday 17:00
    const d = decideEdit(timing({ rows: [row({ priority: '中', submittedMs: FRIDAY_5PM, deadlineMs: due })], single: false, oldValue: '' }));
    expect(d.history).toEqual([]);
    expect(d.rows[0]!.writes).toEqual({});
  });

  test('a new deadline is kept and recorded and restarts the escalation; text that is no date is noted', () => {
    const at = Date.parse('2026-12-03T10:00:00Z');
    const d = decideEdit(timing({ touched: { number: false, status: false, owner: false, deadline: true }, rows: [row({ deadlineMs: at })] }));
    expect(d.rows[0]!.writes).toEqual({ escalation: 0, reminder: '' });
    expect(d.history).toEqual([{ ticketNo: 'T20261123001', action: HISTORY_ACTION.deadlineChanged, from: '', to: '2026-12-03 18:00', note: '' }]);
    const bad = decideEdit(timing({ touched: { number: false, status: false, owner: false, deadline: true }, rows: [row({ deadlineText: '下周一' })] }));
    expect(bad.rows[0]!.note).toMatchObject({ column: 'deadline', key: 'edit.badDeadline', params: { value: '下周一' } });
    expect(bad.history).toEqual([]);
  });

  test('the priority and the deadline set in one paste: the deadline typed wins', () => {
    const at = Date.parse('2026-12-03T10:00:00Z');
    const d = decideEdit(timing({ touched: { number: false, status: false, owner: false, priority: true, deadline: true }, single: false, oldValue: '', rows: [row({ priority: '高', submittedMs: FRIDAY_5PM, deadlineMs: at })] }));
    expect(d.rows[0]!.writes.deadline).toBeUndefined();
    expect(d.history.map((h) => h.action)).toEqual([HISTORY_ACTION.priorityChanged, HISTORY_ACTION.deadlineChanged]);
  });
});

describe('负责人 must be someone who may own a ticket', () => {
  const owners = ownerDirectory({
    staff: [{ email: 'sales1@example.com', name: '张伟' }, { email: 'Support1@example.com', name: '王强' }],
    teams: [{ name: '客服组', members: [] }],
  });
  const touched = { number: false, status: false, owner: true };

  test('a stranger is put back to the old owner with a note and nothing recorded; a team name is an owner', () => {
    const bad = decideEdit(input({ touched, owners, rows: [row({ owner: 'stranger@example.com', lastOwner: '' })], oldValue: '张伟' }));
    expect(bad.rows[0]!.writes.owner).toBe('张伟');
    expect(bad.rows[0]!.note).toMatchObject({ column: 'owner', key: 'edit.badOwner', params: { value: 'stranger@example.com' } });
    expect(bad.rows[0]!.note!.params['allowed']).toBe('张伟、王强、客服组');
    expect(bad.history).toEqual([]);
    expect(bad.rows[0]!.ownerMailFrom).toBeUndefined();
    const team = decideEdit(input({ touched, owners, rows: [row({ owner: '客服组', lastOwner: '' })], oldValue: '张伟' }));
    expect(team.rows[0]!.note).toBeUndefined();
    expect(team.rows[0]!.ownerMailFrom).toBeUndefined();
  });

  test('a name picked is recorded by name and mailed; an address typed in any case is shown as the name', () => {
    const picked = decideEdit(input({ touched, owners, rows: [row({ owner: '王强', lastOwner: '' })], oldValue: '张伟' }));
    expect(picked.history).toMatchObject([{ action: HISTORY_ACTION.ownerChanged, from: '张伟', to: '王强' }]);
    expect(picked.rows[0]!.writes.owner).toBeUndefined();
    expect(picked.rows[0]!.ownerMailFrom).toBe('张伟');
    const typed = decideEdit(input({ touched, owners, rows: [row({ owner: 'SUPPORT1@example.com', lastOwner: '' })], oldValue: '张伟' }));
    expect(typed.rows[0]!.writes.owner).toBe('王强');
    expect(typed.history.map((h) => h.to)).toEqual(['王强']);
  });

  test('an owner recorded by address before names were shown is the same person: nothing recorded, the cells read the name', () => {
    const d = decideCatchUp({ rows: [row({ owner: 'sales1@example.com', lastOwner: 'sales1@example.com', status: STATUS.new, lastStatus: STATUS.new })], now: NOW, notifyStatuses: [], who: 'system', owners });
    expect(d.history).toEqual([]);
    const edit = decideEdit(input({ touched, owners, rows: [row({ owner: '张伟', lastOwner: 'sales1@example.com' })], oldValue: 'sales1@example.com' }));
    expect(edit.history).toEqual([]);
    expect(edit.rows[0]!.writes.lastOwner).toBe('张伟');
    expect(edit.rows[0]!.ownerMailFrom).toBeUndefined();
  });

  test('the hourly catch-up refuses a stranger the same way (a pasted owner whose trigger was lost)', () => {
    const d = decideCatchUp({ rows: [row({ owner: 'stranger@example.com', lastOwner: '张伟' })], now: NOW, notifyStatuses: [], who: 'system', owners });
    expect(d.history).toEqual([]);
    expect(d.rows[0]!.writes.owner).toBe('张伟');
  });
});
