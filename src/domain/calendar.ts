/**
 * Working-time calendar: which days are working days, and how deadlines are
 * counted in working hours or working days.
 *
 * Local time is the script zone, given as a fixed UTC offset in minutes
 * (Asia/Shanghai = 480). A fixed offset is exact for China, which has had no
 * daylight saving time since 1991. Local clock values are computed with UTC
 * methods on instants shifted by that offset, never with host-zone methods.
 */
// Named imports of the JSON's top-level keys let esbuild drop the rest of the file.
import { holidays as statutoryHolidayData, workdays as statutoryWorkdayData } from 'chinese-days/dist/chinese-days.json';

export interface CalendarSettings {
  /** Opening periods, minutes from local midnight (e.g. 540–720, 780–1080). */
  hours: { start: number; end: number }[];
  /** ISO weekdays that are working days by default (1 = Monday … 7 = Sunday). */
  workWeek: number[];
  /** Apply the statutory Chinese holidays and make-up working days (调休). */
  useStatutory: boolean;
  /** Config overrides, `YYYY-MM-DD`: days off. */
  holidays: string[];
  /** Config overrides, `YYYY-MM-DD`: working days (beat every other rule). */
  workdays: string[];
}

/** A time limit: clock hours, working hours or working days. */
export interface Sla {
  amount: number;
  unit: 'h' | 'wh' | 'wd';
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A calendar without any working day within this many days is unusable. */
const MAX_SEARCH_DAYS = 400;

const STATUTORY_HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(statutoryHolidayData));
const STATUTORY_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(statutoryWorkdayData));

/** Years for which the statutory data has entries, ascending; later dates fall back to the work week. */
export const STATUTORY_YEARS: readonly number[] = [
  ...new Set([...STATUTORY_HOLIDAYS, ...STATUTORY_WORKDAYS].map((day) => Number(day.slice(0, 4)))),
].sort((a, b) => a - b);

interface CompiledCalendar {
  /** Merged, sorted opening periods in milliseconds from local midnight. */
  periods: { start: number; end: number }[];
  workWeek: ReadonlySet<number>;
  useStatutory: boolean;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

/** Per settings object: settings are treated as immutable once used. */
const compiled = new WeakMap<CalendarSettings, CompiledCalendar>();

function compile(cal: CalendarSettings): CompiledCalendar {
  const cached = compiled.get(cal);
  if (cached) return cached;
  const sorted = cal.hours
    .map((h) => ({ start: Math.max(0, h.start), end: Math.min(1440, h.end) }))
    .filter((h) => h.start < h.end)
    .sort((a, b) => a.start - b.start);
  const periods: { start: number; end: number }[] = [];
  for (const h of sorted) {
    const last = periods[periods.length - 1];
    if (last && h.start * MINUTE_MS <= last.end) last.end = Math.max(last.end, h.end * MINUTE_MS);
    else periods.push({ start: h.start * MINUTE_MS, end: h.end * MINUTE_MS });
  }
  const result: CompiledCalendar = {
    periods,
    workWeek: new Set(cal.workWeek),
    useStatutory: cal.useStatutory,
    holidays: new Set(cal.holidays),
    workdays: new Set(cal.workdays),
  };
  compiled.set(cal, result);
  return result;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` string; throws on anything else. */
function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return ms / DAY_MS;
}

function dayString(dayNum: number): string {
  return new Date(dayNum * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingDayNumber(dayNum: number, cc: CompiledCalendar): boolean {
  const day = dayString(dayNum);
  if (cc.workdays.has(day)) return true;
  if (cc.holidays.has(day)) return false;
  if (cc.useStatutory && STATUTORY_WORKDAYS.has(day)) return true;
  if (cc.useStatutory && STATUTORY_HOLIDAYS.has(day)) return false;
  // 1970-01-01 was a Thursday (ISO 4).
  const isoWeekday = ((((dayNum + 3) % 7) + 7) % 7) + 1;
  return cc.workWeek.has(isoWeekday);
}

/**
 * Whether a local date is a working day. Precedence: a Config working-day
 * override > a Config holiday override > a statutory make-up working day (调休)
 * > a statutory holiday > the work week.
 */
export function isWorkingDay(day: string, cal: CalendarSettings): boolean {
  return isWorkingDayNumber(dayNumber(day), compile(cal));
}

/** Splits an instant into its local day number and the milliseconds since local midnight. */
function toLocal(ms: number, utcOffsetMinutes: number): { dayNum: number; ofDay: number } {
  const local = ms + utcOffsetMinutes * MINUTE_MS;
  const dayNum = Math.floor(local / DAY_MS);
  return { dayNum, ofDay: local - dayNum * DAY_MS };
}

function fromLocal(dayNum: number, ofDay: number, utcOffsetMinutes: number): number {
  return dayNum * DAY_MS + ofDay - utcOffsetMinutes * MINUTE_MS;
}

function assertUsable(cc: CompiledCalendar): void {
  if (cc.periods.length === 0) throw new RangeError('The working-time calendar has no working hours');
}

function nextWorkingDayNumber(after: number, cc: CompiledCalendar): number {
  for (let d = after + 1; d <= after + MAX_SEARCH_DAYS; d++) if (isWorkingDayNumber(d, cc)) return d;
  throw new RangeError(`The working-time calendar has no working day within ${MAX_SEARCH_DAYS} days`);
}

function assertAmount(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`);
}

/**
 * Adds working minutes to an instant. A start outside working hours counts
 * from the next opening; with 0 minutes the result is that next working moment.
 * A result that exhausts a period ends at its closing time (e.g. 18:00).
 */
export function addWorkingMinutes(
  startMs: number,
  minutes: number,
  cal: CalendarSettings,
  utcOffsetMinutes: number,
): number {
  assertAmount(minutes, 'Working minutes');
  const cc = compile(cal);
  assertUsable(cc);
  let remaining = minutes * MINUTE_MS;
  let { dayNum, ofDay } = toLocal(startMs, utcOffsetMinutes);
  if (!isWorkingDayNumber(dayNum, cc)) {
    dayNum = nextWorkingDayNumber(dayNum, cc);
    ofDay = 0;
  }
  for (;;) {
    for (const p of cc.periods) {
      if (p.end <= ofDay) continue;
      const from = Math.max(p.start, ofDay);
      if (remaining <= p.end - from) return fromLocal(dayNum, from + remaining, utcOffsetMinutes);
      remaining -= p.end - from;
    }
    dayNum = nextWorkingDayNumber(dayNum, cc);
    ofDay = 0;
  }
}

/**
 * Adds whole working days: rolls the start forward to the next working moment,
 * then returns the same local time on the n-th following working day. That
 * time of day is inside working hours by construction, since every working day
 * has the same hours.
 */
export function addWorkingDays(startMs: number, days: number, cal: CalendarSettings, utcOffsetMinutes: number): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Working days must be a whole number ≥ 0, got ${days}`);
  const cc = compile(cal);
  const opened = addWorkingMinutes(startMs, 0, cal, utcOffsetMinutes);
  const { dayNum: openedDay, ofDay } = toLocal(opened, utcOffsetMinutes);
  let dayNum = openedDay;
  for (let i = 0; i < days; i++) dayNum = nextWorkingDayNumber(dayNum, cc);
  return fromLocal(dayNum, ofDay, utcOffsetMinutes);
}

/** The deadline of a ticket created at `createdMs` under a time limit. */
export function deadlineFor(createdMs: number, sla: Sla, cal: CalendarSettings, utcOffsetMinutes: number): number {
  switch (sla.unit) {
    case 'h':
      assertAmount(sla.amount, 'Clock hours');
      return createdMs + sla.amount * 60 * MINUTE_MS;
    case 'wh':
      return addWorkingMinutes(createdMs, sla.amount * 60, cal, utcOffsetMinutes);
    case 'wd':
      return addWorkingDays(createdMs, sla.amount, cal, utcOffsetMinutes);
  }
}

/**
 * Working minutes (fractional when the instants are not whole minutes) from
 * `aMs` to `bMs`; negative when `bMs` is earlier.
 */
export function workingMinutesBetween(aMs: number, bMs: number, cal: CalendarSettings, utcOffsetMinutes: number): number {
  if (bMs < aMs) return -workingMinutesBetween(bMs, aMs, cal, utcOffsetMinutes);
  const cc = compile(cal);
  const a = toLocal(aMs, utcOffsetMinutes);
  const b = toLocal(bMs, utcOffsetMinutes);
  let total = 0;
  for (let d = a.dayNum; d <= b.dayNum; d++) {
    if (!isWorkingDayNumber(d, cc)) continue;
    const from = d === a.dayNum ? a.ofDay : 0;
    const to = d === b.dayNum ? b.ofDay : DAY_MS;
    for (const p of cc.periods) total += Math.max(0, Math.min(p.end, to) - Math.max(p.start, from));
  }
  return total / MINUTE_MS;
}

/**
 * The statutory days of a year that the solar calendar fixes (《全国年节及纪念日放假办法》,
 * 2024 revision: 元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October); 春节, 清明,
 * 端午 and 中秋 follow the lunar calendar and the 调休 days are set each year by
 * the State Council's notice, so they cannot be known in advance.
 */
export function fixedStatutoryDays(year: number): string[] {
  return ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'].map((md) => `${year}-${md}`);
}

/**
 * The year whose statutory holidays and 调休 the calendar should know by now
 * and does not: the current year at any time, next year from 1 November (the
 * State Council publishes it around then). A year is known from the bundled
 * data or from any 配置 › 日历 row dated in it. Null when every needed year is
 * known, or when the team does not follow the statutory calendar.
 */
export function holidayYearMissing(nowMs: number, cal: CalendarSettings, utcOffsetMinutes: number): number | null {
  if (!cal.useStatutory) return null;
  const local = new Date(nowMs + utcOffsetMinutes * MINUTE_MS);
  const year = local.getUTCFullYear();
  const known = (y: number) => STATUTORY_YEARS.includes(y) || [...cal.holidays, ...cal.workdays].some((d) => d.startsWith(`${y}-`));
  if (!known(year)) return year;
  // November is month 10 counted from 0.
  if (local.getUTCMonth() >= 10 && !known(year + 1)) return year + 1;
  return null;
}
