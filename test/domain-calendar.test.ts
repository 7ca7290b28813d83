import fc from 'fast-check';
import statutory from 'chinese-days/dist/chinese-days.json';
import {
  STATUTORY_YEARS,
  addWorkingDays,
  addWorkingMinutes,
  fixedStatutoryDays,
  holidayYearMissing,
  deadlineFor,
  isWorkingDay,
  workingMinutesBetween,
  type CalendarSettings,
  type Sla,
} from '../src/domain/calendar';

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

/** An instant from Asia/Shanghai wall-clock time `YYYY-MM-DD HH:mm`. */
function at(local: string): number {
  const [d, t] = local.split(' ');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  return Date.UTC(y, mo - 1, da, h, mi) - SHANGHAI * 60_000;
}

/** Asia/Shanghai wall-clock time of an instant. */
function local(ms: number): string {
  return new Date(ms + SHANGHAI * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

const deadline = (start: string, sla: Sla, cal = CAL) => local(deadlineFor(at(start), sla, cal, SHANGHAI));

describe('working days', () => {
  test('the statutory data covers the current years', () => {
    expect(STATUTORY_YEARS[0]).toBeLessThanOrEqual(2024);
    expect(STATUTORY_YEARS).toContain(2026);
    expect([...STATUTORY_YEARS].sort((a, b) => a - b)).toEqual(STATUTORY_YEARS);
  });

  test('the 2026 National Day week is off and its 调休 days are on (as in the chinese-days data)', () => {
    for (const day of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(statutory.holidays).toHaveProperty([day]);
      expect(isWorkingDay(day, CAL)).toBe(false); // Thursday to Wednesday
    }
    for (const day of ['2026-09-20', '2026-10-10']) {
      expect(statutory.workdays).toHaveProperty([day]);
      expect(isWorkingDay(day, CAL)).toBe(true); // Sunday and Saturday make-up days
    }
    expect(isWorkingDay('2026-09-30', CAL)).toBe(true);
    expect(isWorkingDay('2026-10-08', CAL)).toBe(true);
    expect(isWorkingDay('2026-10-11', CAL)).toBe(false); // an ordinary Sunday
  });

  test('without statutory data only the work week counts', () => {
    const plain = { ...CAL, useStatutory: false };
    expect(isWorkingDay('2026-10-01', plain)).toBe(true);
    expect(isWorkingDay('2026-10-10', plain)).toBe(false);
  });

  test('a Config override beats the statutory data, and a working-day override beats a holiday override', () => {
    expect(isWorkingDay('2026-10-10', { ...CAL, holidays: ['2026-10-10'] })).toBe(false);
    expect(isWorkingDay('2026-10-05', { ...CAL, workdays: ['2026-10-05'] })).toBe(true);
    expect(isWorkingDay('2024-05-20', { ...CAL, holidays: ['2024-05-20'] })).toBe(false); // an ordinary Monday
    expect(isWorkingDay('2024-05-18', { ...CAL, workdays: ['2024-05-18'] })).toBe(true); // an ordinary Saturday
    expect(isWorkingDay('2024-05-20', { ...CAL, holidays: ['2024-05-20'], workdays: ['2024-05-20'] })).toBe(true);
  });

  test('a malformed date is refused', () => {
    expect(() => isWorkingDay('2024-02-30', CAL)).toThrow(RangeError);
    expect(() => isWorkingDay('20240501', CAL)).toThrow(RangeError);
  });
});

describe('deadlines', () => {
  test('a ticket on a Friday at 17:00 with 3 working days is due on Wednesday at 17:00', () => {
    expect(deadline('2024-05-17 17:00', { amount: 3, unit: 'wd' })).toBe('2024-05-22 17:00');
  });

  test('h vs wh vs wd from the same Friday afternoon', () => {
    expect(deadline('2024-05-17 17:00', { amount: 24, unit: 'h' })).toBe('2024-05-18 17:00');
    // 1 h on Friday, 8 h Monday, 8 h Tuesday, 7 h on Wednesday (3 h before lunch, 4 h after)
    expect(deadline('2024-05-17 17:00', { amount: 24, unit: 'wh' })).toBe('2024-05-22 17:00');
    expect(deadline('2024-05-17 17:00', { amount: 3, unit: 'wh' })).toBe('2024-05-20 11:00');
    expect(deadline('2024-05-17 17:00', { amount: 1, unit: 'wd' })).toBe('2024-05-20 17:00');
  });

  test('a Saturday submission counts from Monday morning, except in clock hours', () => {
    expect(deadline('2024-05-18 10:00', { amount: 24, unit: 'h' })).toBe('2024-05-19 10:00');
    expect(deadline('2024-05-18 10:00', { amount: 8, unit: 'wh' })).toBe('2024-05-20 18:00');
    expect(deadline('2024-05-18 10:00', { amount: 3, unit: 'wd' })).toBe('2024-05-23 09:00');
  });

  test('lunch, evenings and the period ends', () => {
    expect(deadline('2024-05-20 12:30', { amount: 1, unit: 'wh' })).toBe('2024-05-20 14:00');
    expect(deadline('2024-05-20 09:00', { amount: 3, unit: 'wh' })).toBe('2024-05-20 12:00');
    expect(deadline('2024-05-20 20:00', { amount: 2, unit: 'wd' })).toBe('2024-05-23 09:00');
    expect(local(addWorkingMinutes(at('2024-05-20 12:00'), 0, CAL, SHANGHAI))).toBe('2024-05-20 13:00');
  });

  test('the 2026 National Day week: a Wednesday ticket with 3wd is due on the 调休 Saturday', () => {
    expect(deadline('2026-09-30 17:00', { amount: 3, unit: 'wd' })).toBe('2026-10-10 17:00');
    expect(deadline('2026-10-03 10:00', { amount: 8, unit: 'wh' })).toBe('2026-10-08 18:00');
    expect(deadline('2026-10-03 10:00', { amount: 24, unit: 'h' })).toBe('2026-10-04 10:00');
  });

  test('a Config holiday on the 调休 Saturday moves the deadline to Monday', () => {
    const cal = { ...CAL, holidays: ['2026-10-10'] };
    expect(deadline('2026-09-30 17:00', { amount: 3, unit: 'wd' }, cal)).toBe('2026-10-12 17:00');
  });

  test('the host time zone plays no part', () => {
    // The test script runs in America/Los_Angeles; a UTC+0 script zone gives other local times.
    expect(local(addWorkingDays(at('2024-05-17 17:00'), 3, CAL, SHANGHAI))).toBe('2024-05-22 17:00');
    const utcStart = Date.UTC(2024, 4, 17, 17, 0);
    expect(new Date(addWorkingDays(utcStart, 3, CAL, 0)).toISOString()).toBe('2024-05-22T17:00:00.000Z');
  });

  test('a calendar without working time is refused instead of looping', () => {
    expect(() => deadlineFor(at('2024-05-17 17:00'), { amount: 1, unit: 'wh' }, { ...CAL, hours: [] }, SHANGHAI)).toThrow(RangeError);
    const never = { ...CAL, workWeek: [], useStatutory: false };
    expect(() => deadlineFor(at('2024-05-17 17:00'), { amount: 1, unit: 'wd' }, never, SHANGHAI)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2024-05-17 17:00'), 1.5, CAL, SHANGHAI)).toThrow(RangeError);
    expect(() => addWorkingMinutes(at('2024-05-17 17:00'), -1, CAL, SHANGHAI)).toThrow(RangeError);
  });
});

describe('workingMinutesBetween', () => {
  test('counts only working time', () => {
    expect(workingMinutesBetween(at('2024-05-17 17:00'), at('2024-05-20 10:00'), CAL, SHANGHAI)).toBe(120);
    expect(workingMinutesBetween(at('2024-05-20 10:00'), at('2024-05-17 17:00'), CAL, SHANGHAI)).toBe(-120);
    expect(workingMinutesBetween(at('2026-09-30 09:00'), at('2026-10-09 09:00'), CAL, SHANGHAI)).toBe(2 * 480);
  });
});

describe('properties', () => {
  const startArb = fc.integer({ min: at('2024-01-01 00:00'), max: at('2027-12-31 00:00') });
  const slaArb = fc.oneof(
    fc.record({ amount: fc.integer({ min: 0, max: 200 }), unit: fc.constant<'h'>('h') }),
    fc.record({ amount: fc.integer({ min: 0, max: 200 }), unit: fc.constant<'wh'>('wh') }),
    fc.record({ amount: fc.integer({ min: 0, max: 30 }), unit: fc.constant<'wd'>('wd') }),
  );
  const calArb = fc.record({
    hours: fc.constant(CAL.hours),
    workWeek: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
    useStatutory: fc.boolean(),
    holidays: fc.array(fc.constantFrom('2024-05-20', '2026-10-08', '2026-10-10', '2025-01-02')),
    workdays: fc.array(fc.constantFrom('2024-05-18', '2026-10-05')),
  });

  test('a deadline is never before the start and never earlier for a later start', () => {
    fc.assert(
      fc.property(startArb, fc.nat(7 * 86_400_000), slaArb, calArb, (start, later, sla, cal) => {
        const d1 = deadlineFor(start, sla, cal, SHANGHAI);
        const d2 = deadlineFor(start + later, sla, cal, SHANGHAI);
        expect(d1).toBeGreaterThanOrEqual(start);
        expect(d2).toBeGreaterThanOrEqual(d1);
      }),
    );
  });

  test('adding working minutes adds exactly that much working time, ending inside working hours', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 5000 }), calArb, (start, minutes, cal) => {
        const end = addWorkingMinutes(start, minutes, cal, SHANGHAI);
        expect(workingMinutesBetween(start, end, cal, SHANGHAI)).toBeCloseTo(minutes, 6);
        const [day, time] = local(end).split(' ');
        expect(isWorkingDay(day, cal)).toBe(true);
        expect(time >= '09:00' && time <= '18:00' && !(time > '12:00' && time < '13:00')).toBe(true);
      }),
    );
  });
});

describe('holiday data for the years deadlines reach', () => {
  const OFFSET = 480;
  const at = (iso: string) => Date.parse(`${iso}+08:00`);
  const cal = (over: Partial<CalendarSettings> = {}): CalendarSettings => ({
    hours: [{ start: 540, end: 1080 }], workWeek: [1, 2, 3, 4, 5], useStatutory: true, holidays: [], workdays: [], ...over,
  });
  const last = STATUTORY_YEARS[STATUTORY_YEARS.length - 1]!;

  test('nothing is missing before November of the last bundled year; from 1 November (Shanghai time) next year is', () => {
    expect(holidayYearMissing(at(`${last}-10-31T23:59:00`), cal(), OFFSET)).toBeNull();
    expect(holidayYearMissing(at(`${last}-11-01T00:00:00`), cal(), OFFSET)).toBe(last + 1);
    expect(holidayYearMissing(at(`${last + 1}-03-01T09:00:00`), cal(), OFFSET)).toBe(last + 1);
  });

  test('one 配置 › 日历 row in the year counts as the year entered; a team without statutory holidays is never warned', () => {
    expect(holidayYearMissing(at(`${last}-12-01T09:00:00`), cal({ holidays: [`${last + 1}-01-01`] }), OFFSET)).toBeNull();
    expect(holidayYearMissing(at(`${last}-12-01T09:00:00`), cal({ workdays: [`${last + 1}-02-07`] }), OFFSET)).toBeNull();
    expect(holidayYearMissing(at(`${last + 1}-12-01T09:00:00`), cal({ holidays: [`${last + 1}-01-01`] }), OFFSET)).toBe(last + 2);
    expect(holidayYearMissing(at(`${last + 5}-06-01T09:00:00`), cal({ useStatutory: false }), OFFSET)).toBeNull();
  });

  test('the rows that can be added now are the days fixed on the solar calendar', () => {
    expect(fixedStatutoryDays(2027)).toEqual(['2027-01-01', '2027-05-01', '2027-05-02', '2027-10-01', '2027-10-02', '2027-10-03']);
    // Each is a holiday in every bundled year (the regulations fix them).
    for (const y of STATUTORY_YEARS.filter((y) => y >= 2025)) {
      for (const day of fixedStatutoryDays(y)) expect(isWorkingDay(day, cal({ workWeek: [1, 2, 3, 4, 5, 6, 7] }))).toBe(false);
    }
  });
});
