import fc from 'fast-check';
import { workingMinutesBetween, type CalendarSettings } from '../src/domain/calendar';
import { endPause, workingHoursText } from '../src/domain/pause';
import { transition } from '../src/domain/lifecycle';
import { isDone, isPaused } from '../src/domain/vocabulary';
import { overdueAt } from '../src/domain/overdue';

const SHANGHAI = 480;
const CAL: CalendarSettings = {
  hours: [
    { start: 9 * 60, end: 12 * 60 },
    { start: 13 * 60, end: 18 * 60 },
  ],
  workWeek: [1, 2, 3, 4, 5],
  useStatutory: true,
  holidays: [],
  workdays: [],
};
const at = (iso: string) => Date.parse(iso + '+08:00');

describe('endPause', () => {
  test('a pause over the 国庆 week gives back its working time only', () => {
    // Paused Thursday 2026-09-24 10:00, answered Friday 2026-10-09 10:00: 国庆 and 中秋 (10-01…10-07) are rest,
    // 2026-09-27 and 10-10 are 调休 Saturdays/Sundays that work (chinese-days).
    const end = endPause({ pausedAtMs: at('2026-09-24T10:00'), pausedMinutes: 30, deadlineMs: at('2026-09-25T15:00') }, at('2026-10-09T10:00'), CAL, SHANGHAI)!;
    expect(end.minutes).toBe(workingMinutesBetween(at('2026-09-24T10:00'), at('2026-10-09T10:00'), CAL, SHANGHAI));
    expect(end.totalMinutes).toBe(30 + end.minutes);
    expect(workingMinutesBetween(at('2026-09-25T15:00'), end.deadlineMs!, CAL, SHANGHAI)).toBe(end.minutes);
  });

  test('nothing recorded: nothing to move', () => {
    expect(endPause({ pausedAtMs: null, pausedMinutes: 0, deadlineMs: at('2026-11-30T10:00') }, at('2026-12-01T10:00'), CAL, SHANGHAI)).toBeNull();
  });

  test('property: the deadline moves on by exactly the paused working minutes, never back', () => {
    const base = at('2026-11-02T00:00');
    const day = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * day }), fc.integer({ min: 0, max: 20 * day }), fc.integer({ min: 0, max: 40 * day }), fc.integer({ min: 0, max: 5000 }),
        (start, length, deadline, earlier) => {
          const pausedAtMs = base + start;
          const deadlineMs = base + deadline;
          const end = endPause({ pausedAtMs, pausedMinutes: earlier, deadlineMs }, pausedAtMs + length, CAL, SHANGHAI)!;
          expect(end.minutes).toBe(Math.round(workingMinutesBetween(pausedAtMs, pausedAtMs + length, CAL, SHANGHAI)));
          expect(end.deadlineMs!).toBeGreaterThanOrEqual(deadlineMs);
          expect(Math.round(workingMinutesBetween(deadlineMs, end.deadlineMs!, CAL, SHANGHAI))).toBe(end.minutes);
          expect(end.totalMinutes).toBe(earlier + end.minutes);
        },
      ),
    );
  });

  test('hours as staff read them', () => {
    expect(workingHoursText(90)).toBe('1.5');
    expect(workingHoursText(480)).toBe('8');
    expect(workingHoursText(0)).toBe('0');
  });
});

describe('待客户补充 in the lifecycle', () => {
  const stamps = { firstResponse: false, resolved: false };
  test('entering it from any open status is no reopen, and counts as the first response', () => {
    for (const from of ['新建', '已联系客户', '方案已提交']) {
      const step = transition(from, '待客户补充', stamps);
      expect(step.reopen).toBe(false);
      expect(step.stampFirstResponse).toBe(true);
    }
  });
  test('leaving it for an open status is no reopen; a waiting ticket is neither done nor overdue', () => {
    expect(transition('待客户补充', '方案已提交', stamps).reopen).toBe(false);
    expect(transition('待客户补充', '已联系客户', stamps).reopen).toBe(false);
    expect(isDone('待客户补充')).toBe(false);
    expect(isPaused('待客户补充')).toBe(true);
    const late = { status: '待客户补充', priority: '中', submittedMs: at('2026-11-02T10:00'), deadlineMs: at('2026-11-03T10:00'), firstResponseMs: null };
    const rules = { calendar: CAL, firstResponse: { 中: { amount: 4, unit: 'wh' as const } }, utcOffset: SHANGHAI };
    expect(overdueAt(late, at('2026-11-20T10:00'), rules)).toEqual({});
    expect(overdueAt({ ...late, status: '方案已提交' }, at('2026-11-20T10:00'), rules)).not.toEqual({});
  });
});
