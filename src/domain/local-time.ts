/**
 * Local calendar time of an instant in the script zone, given as a fixed UTC
 * offset in minutes (Asia/Shanghai = 480): the domain's one place for local
 * dates. A fixed offset is exact for China, which has no daylight saving
 * time; clock values come from UTC methods on the shifted instant, never from
 * host-zone methods, so the result is the same on any host.
 */
const MINUTE_MS = 60_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

export interface LocalParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** The local calendar and clock parts of an instant. */
export function localParts(ms: number, utcOffsetMinutes: number): LocalParts {
  const t = new Date(ms + utcOffsetMinutes * MINUTE_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    weekday: ((t.getUTCDay() + 6) % 7) + 1,
  };
}

/** The instant of local midnight on a date; month (1-based) and day may overflow, as with Date.UTC. */
export function localMidnight(year: number, month: number, day: number, utcOffsetMinutes: number): number {
  return Date.UTC(year, month - 1, day) - utcOffsetMinutes * MINUTE_MS;
}

/** Local `yyyy-MM-dd` of an instant. */
export function localDate(ms: number, utcOffsetMinutes: number): string {
  const p = localParts(ms, utcOffsetMinutes);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Local `yyyy-MM-dd HH:mm` of an instant. */
export function localDateTime(ms: number, utcOffsetMinutes: number): string {
  const p = localParts(ms, utcOffsetMinutes);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** Local `yyyyMMdd` of an instant: the day part of customer and ticket numbers, so the year is always 4 digits. */
export function localDay(ms: number, utcOffsetMinutes: number): string {
  const p = localParts(ms, utcOffsetMinutes);
  return `${String(p.year).padStart(4, '0')}${pad2(p.month)}${pad2(p.day)}`;
}
