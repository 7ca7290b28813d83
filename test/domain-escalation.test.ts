import fc from 'fast-check';
import { defaultConfig } from '../src/domain/config';
import {
  dueLevel, lateness, overdueTickets, planEscalation,
  type EscalationRules, type EscalationSettings, type LateKind, type OpenTicket, type TicketTiming,
} from '../src/domain/escalation';
import { overdueSpan, spanText } from '../src/domain/duration';
import { localDateTime } from '../src/domain/local-time';
import { HISTORY_ACTION } from '../src/domain/vocabulary';
import { translator } from '../src/i18n/messages';

const t = translator('zh-CN');

const at = (iso: string) => Date.parse(iso + '+08:00');
const config = defaultConfig();
const rules: EscalationRules = {
  calendar: config.calendar,
  firstResponse: config.followUp.firstResponse,
  supervisorAfter: config.followUp.supervisorAfter,
  utcOffset: 480,
};

const open = (over: Partial<TicketTiming> = {}): TicketTiming => ({
  status: '新建',
  priority: '中',
  createdMs: at('2026-11-27T16:00:00'),
  deadlineMs: at('2026-12-02T16:00:00'),
  firstResponseMs: null,
  level: 0,
  levelAtMs: null,
  ...over,
});

describe('lateness', () => {
  test('a 中 ticket without a response is late one working day later, not over the weekend', () => {
    expect(lateness(open(), at('2026-11-30T15:59:00'), rules).late).toBe(false);
    expect(lateness(open(), at('2026-11-30T17:00:00'), rules)).toMatchObject({ late: true, kind: 'response' });
  });

  test('a first response stops the response clock; a resolved ticket is never late', () => {
    expect(lateness(open({ firstResponseMs: at('2026-11-28T10:00:00') }), at('2026-12-01T10:00:00'), rules).late).toBe(false);
    expect(lateness(open({ status: '问题已解决' }), at('2027-01-01T10:00:00'), rules).late).toBe(false);
  });

  test('overdue time reads in whole days and hours: 2 天 3 小时, 5 小时, 不到 1 小时', () => {
    const H = 3_600_000;
    expect(spanText(t, overdueSpan(51 * H + 59 * 60_000))).toBe('2 天 3 小时');
    expect(spanText(t, overdueSpan(48 * H))).toBe('2 天');
    expect(spanText(t, overdueSpan(5 * H + 1))).toBe('5 小时');
    expect(spanText(t, overdueSpan(59 * 60_000))).toBe('不到 1 小时');
    expect(spanText(translator('en'), overdueSpan(26 * H))).toBe('1 d 2 h');
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 10 }), (ms) => {
      const { days, hours } = overdueSpan(ms);
      expect(hours).toBeGreaterThanOrEqual(0);
      expect(hours).toBeLessThan(24);
      expect(days * 24 + hours).toBe(Math.floor(ms / H));
    }));
  });
});

describe('dueLevel', () => {
  const late = open({ deadlineMs: at('2026-11-27T17:00:00') });
  test('level 1 first, then 2 after 4 working hours, then nothing', () => {
    expect(dueLevel(late, at('2026-11-27T18:00:00'), rules)).toBe(1);
    const reminded = { ...late, level: 1, levelAtMs: at('2026-11-27T18:00:00') };
    expect(dueLevel(reminded, at('2026-11-30T13:59:00'), rules)).toBeNull();
    expect(dueLevel(reminded, at('2026-11-30T14:00:00'), rules)).toBe(2);
    expect(dueLevel({ ...reminded, level: 2 }, at('2026-12-30T13:00:00'), rules)).toBeNull();
  });

  test('levels only go up, whatever the clock says', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 90 * 24 }), (level, hours) => {
      const t = { ...late, level, levelAtMs: level ? at('2026-11-27T18:00:00') : null };
      const due = dueLevel(t, at('2026-11-27T18:00:00') + hours * 3_600_000, rules);
      if (due !== null) expect(due).toBe(level + 1);
    }));
  });
});

describe('localDateTime', () => {
  test('formats in the given zone, not the host one', () => {
    expect(localDateTime(Date.parse('2026-11-27T16:05:00Z'), 480)).toBe('2026-11-28 00:05');
  });
});

describe('planEscalation', () => {
  const reminderText = (kind: LateKind, overdueMs: number) =>
    t(kind === 'deadline' ? 'reminder.overdue' : 'reminder.noResponse', { duration: spanText(t, overdueSpan(overdueMs)) });
  const settings = (now: string): EscalationSettings => ({
    rules,
    teams: [{ name: '销售组', supervisor: 'sales-lead@example.com' }, { name: '客服组' }],
    now: new Date(at(now)),
    reminderText,
  });
  // Friday 17:00 deadline, a first response given: only the deadline can be late.
  const ticket = (over: Partial<OpenTicket> = {}): OpenTicket => ({
    ...open({ deadlineMs: at('2026-11-27T17:00:00'), firstResponseMs: at('2026-11-27T16:30:00') }),
    ticketNo: 'T20261127001',
    owner: 'sales1@example.com',
    team: '销售组',
    reminder: '',
    ...over,
  });

  test('past its deadline on a Saturday: reminder, owner escalated, recorded and mailed', () => {
    const s = settings('2026-11-28T10:30:00');
    const plan = planEscalation([ticket()], s);
    expect(plan.writes).toEqual([{ reminder: '已超时 17 小时', escalation: 1, escalatedAt: s.now }]);
    expect(plan.history).toEqual([{ ticketNo: 'T20261127001', action: HISTORY_ACTION.escalatedOwner, from: '', to: 'sales1@example.com', note: '已超时 17 小时' }]);
    expect(plan.mails).toEqual([{ index: 0, ticketNo: 'T20261127001', level: 1, to: 'sales1@example.com', overdue: '已超时 17 小时' }]);
    expect(plan).toMatchObject({ scanned: 1, overdue: 1 });
  });

  test('the supervisor only after 4 working hours from level 1 (the weekend does not count), then nothing more', () => {
    const reminded = ticket({ level: 1, levelAtMs: at('2026-11-27T18:00:00'), reminder: '已超时 1 小时' });
    const early = planEscalation([reminded], settings('2026-11-30T13:59:00'));
    expect(early.writes).toEqual([{ reminder: '已超时 2 天 20 小时' }]);
    expect(early.history).toEqual([]);
    expect(early.mails).toEqual([]);
    expect(early.overdue).toBe(1);

    const s = settings('2026-11-30T14:00:00');
    const due = planEscalation([reminded], s);
    expect(due.writes).toEqual([{ reminder: '已超时 2 天 21 小时', escalation: 2, escalatedAt: s.now }]);
    expect(due.history).toMatchObject([{ action: HISTORY_ACTION.escalatedSupervisor, to: 'sales-lead@example.com' }]);
    expect(due.mails).toMatchObject([{ level: 2, to: 'sales-lead@example.com' }]);

    const after = planEscalation([{ ...reminded, level: 2, levelAtMs: at('2026-11-30T14:00:00'), reminder: '已超时 3 天 21 小时' }], settings('2026-12-01T14:30:00'));
    expect(after.writes).toEqual([{}]);
    expect(after.history).toEqual([]);
    expect(after.mails).toEqual([]);
  });

  test('a first response overdue says so, even with the deadline still ahead', () => {
    const late = ticket({ deadlineMs: at('2026-12-04T17:00:00'), firstResponseMs: null });
    const plan = planEscalation([late], settings('2026-11-30T17:10:00'));
    expect(plan.writes[0]!.reminder).toBe('首次响应已超时 1 小时');
    expect(plan.mails).toMatchObject([{ level: 1, overdue: '首次响应已超时 1 小时' }]);
  });

  test('a resolved ticket is never escalated; its stale reminder is cleared, once', () => {
    const done = ticket({ status: '问题已解决', reminder: '已超时 5 小时' });
    const plan = planEscalation([done], settings('2026-12-10T10:00:00'));
    expect(plan.writes).toEqual([{ reminder: '' }]);
    expect(plan.history).toEqual([]);
    expect(plan.mails).toEqual([]);
    expect(plan).toMatchObject({ scanned: 1, overdue: 0 });
    expect(planEscalation([{ ...done, reminder: '' }], settings('2026-12-10T10:00:00')).writes).toEqual([{}]);
  });

  test('a reopened ticket (level reset to 0) goes to its owner again', () => {
    const reopened = ticket({ status: '已联系客户', level: 0, levelAtMs: at('2026-11-28T10:00:00') });
    const plan = planEscalation([reopened], settings('2026-12-01T10:00:00'));
    expect(plan.writes[0]).toMatchObject({ escalation: 1 });
    expect(plan.mails).toMatchObject([{ level: 1, to: 'sales1@example.com' }]);
  });

  test('an unchanged reminder is not rewritten', () => {
    const plan = planEscalation([ticket({ reminder: '已超时 17 小时' })], settings('2026-11-28T10:30:00'));
    expect(plan.writes[0]).not.toHaveProperty('reminder');
    expect(plan.writes[0]).toMatchObject({ escalation: 1 });
  });

  test('no address to mail: the escalation is still recorded, nothing is sent', () => {
    const s = settings('2026-11-30T14:00:00');
    const noOwner = ticket({ owner: '' });
    const noSupervisor = ticket({ ticketNo: 'T20261127002', team: '客服组', level: 1, levelAtMs: at('2026-11-27T18:00:00') });
    const plan = planEscalation([noOwner, noSupervisor], s);
    expect(plan.history).toMatchObject([
      { ticketNo: 'T20261127001', action: HISTORY_ACTION.escalatedOwner, to: '' },
      { ticketNo: 'T20261127002', action: HISTORY_ACTION.escalatedSupervisor, to: '' },
    ]);
    expect(plan.writes.map((w) => w.escalation)).toEqual([1, 2]);
    expect(plan.mails).toEqual([]);
  });

  test('a row without a ticket number is skipped, and the writes stay aligned with the rows', () => {
    const plan = planEscalation([ticket({ ticketNo: '', reminder: 'stale' }), ticket({ ticketNo: 'T20261127002' })], settings('2026-11-28T10:30:00'));
    expect(plan.writes[0]).toEqual({});
    expect(plan.writes[1]).toMatchObject({ escalation: 1 });
    expect(plan.mails).toMatchObject([{ index: 1, ticketNo: 'T20261127002' }]);
    expect(plan.scanned).toBe(1);
  });
});

describe('overdueTickets', () => {
  test('the late ones, most overdue first; resolved and numberless rows left out', () => {
    const row = (ticketNo: string, deadline: string, status = '新建'): OpenTicket => ({
      ...open({ deadlineMs: at(deadline), firstResponseMs: at('2026-11-27T16:30:00'), status }),
      ticketNo, owner: '', team: '', reminder: '',
    });
    const rows = [
      row('A', '2026-11-30T10:00:00'),
      row('B', '2026-11-27T17:00:00'),
      row('C', '2026-11-20T10:00:00', '已关闭'),
      row('', '2026-11-20T10:00:00'),
      row('D', '2026-12-30T10:00:00'),
    ];
    const late = overdueTickets(rows, at('2026-12-01T10:00:00'), rules);
    expect(late.map((l) => rows[l.index]!.ticketNo)).toEqual(['B', 'A']);
    expect(late[1]).toEqual({ index: 0, kind: 'deadline', overdueMs: 86_400_000, since: { deadline: at('2026-11-30T10:00:00') } });
  });
});
