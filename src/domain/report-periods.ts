/**
 * Report periods: the week (Monday to Sunday), month or quarter a report
 * covers and the one it is compared with, computed in the script zone from an
 * instant and its fixed UTC offset (see local-time.ts).
 */
import { localDate, localMidnight, localParts } from './local-time';

export const REPORT_KINDS = ['weekly', 'monthly', 'quarterly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
/** `previous`: the last complete period before the instant (scheduled runs); `toDate`: the period so far. */
export type PeriodMode = 'previous' | 'toDate';

export interface Period {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** Local dates (yyyy-MM-dd) of the first and of the last day covered. */
  from: string;
  to: string;
}

export interface ReportPeriods {
  kind: ReportKind;
  mode: PeriodMode;
  current: Period;
  previous: Period;
  /** Identifies the report, e.g. `weekly:2026-11-16`. */
  key: string;
}

const DAY_MS = 86_400_000;

/** Start of the week (Monday 00:00), month or quarter that holds `ms`. */
export function periodStart(kind: ReportKind, ms: number, offset: number): number {
  const p = localParts(ms, offset);
  if (kind === 'weekly') return localMidnight(p.year, p.month, p.day - (p.weekday - 1), offset);
  if (kind === 'monthly') return localMidnight(p.year, p.month, 1, offset);
  return localMidnight(p.year, p.month - ((p.month - 1) % 3), 1, offset);
}

/** The start of the period `n` periods after the one starting at `start` (n may be negative). */
function shiftPeriod(kind: ReportKind, start: number, n: number, offset: number): number {
  if (kind === 'weekly') return start + n * 7 * DAY_MS;
  const p = localParts(start, offset);
  return localMidnight(p.year, p.month + n * (kind === 'monthly' ? 1 : 3), 1, offset);
}

function period(start: number, end: number, offset: number): Period {
  return { start, end, from: localDate(start, offset), to: localDate(Math.max(start, end - 1), offset) };
}

/**
 * The period a report covers and the one it is compared with. `previous`:
 * the last complete week (Monday to Sunday), month or quarter before `at`,
 * and the one before it. `toDate`: from the start of the period holding `at`
 * up to `at`, compared with the same span of the period before.
 */
export function reportPeriods(kind: ReportKind, at: number, offset: number, mode: PeriodMode): ReportPeriods {
  const thisStart = periodStart(kind, at, offset);
  let current: Period;
  let previous: Period;
  if (mode === 'previous') {
    const start = shiftPeriod(kind, thisStart, -1, offset);
    current = period(start, thisStart, offset);
    previous = period(shiftPeriod(kind, start, -1, offset), start, offset);
  } else {
    const prevStart = shiftPeriod(kind, thisStart, -1, offset);
    current = period(thisStart, at, offset);
    previous = period(prevStart, Math.min(prevStart + (at - thisStart), thisStart), offset);
  }
  return { kind, mode, current, previous, key: `${kind}:${current.from}` };
}

/** Whether a scheduled quarterly run at `at` falls on the first day of a quarter (local). */
export function isQuarterStartDay(at: number, offset: number): boolean {
  const p = localParts(at, offset);
  return p.day === 1 && (p.month - 1) % 3 === 0;
}

/** Whether an instant falls in a period. */
export const inPeriod = (ms: number, p: Period): boolean => ms >= p.start && ms < p.end;

/** The report triggers run on the day after a period ends, between this hour and the next (Apps Script picks the minute). */
export const REPORT_HOUR = 9;
const HOUR_MS = 3_600_000;

/** The period whose scheduled report is the latest one due by `at`: its run's hour is over. */
export function lastDuePeriods(kind: ReportKind, at: number, offset: number): ReportPeriods {
  return reportPeriods(kind, at - (REPORT_HOUR + 1) * HOUR_MS, offset, 'previous');
}

/**
 * Whether the period `key` is settled by the marker `settled`: the key of the
 * latest period of this kind whose scheduled report was made (or that was due
 * before the reports were installed). Keys of one kind end in their first
 * day, yyyy-MM-dd, so they compare as text.
 */
export function isSettled(key: string, settled: string | null): boolean {
  return settled !== null && key <= settled;
}

/**
 * The period a later run must still report on at `at` (a scheduled run that
 * failed, found the lock busy or never fired), or null. Without a marker
 * (reports installed before markers were kept) nothing is owed: the next
 * scheduled run starts the marker.
 */
export function owedReport(kind: ReportKind, at: number, offset: number, settled: string | null): ReportPeriods | null {
  if (settled === null) return null;
  const due = lastDuePeriods(kind, at, offset);
  return isSettled(due.key, settled) ? null : due;
}
