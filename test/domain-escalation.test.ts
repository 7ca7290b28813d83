import fc from 'fast-check';
import { defaultConfig } from '../src/domain/config';
import { dueLevel, lateness, overdueHours, type EscalationRules, type TicketTiming } from '../src/domain/escalation';
import { localDateTime } from '../src/domain/local-time';

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

  test('overdue hours are whole and at least 1', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 ** 10 }), (ms) => {
      const h = overdueHours(ms);
      expect(h).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(h)).toBe(true);
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
