/**
 * Customer and ticket numbers: a prefix (C = customer, T = ticket), the local
 * day `yyyyMMdd` and a per-day sequence of at least 3 digits
 * (C20240501001 … C20240501999, C202405011000 …).
 */
export type SerialPrefix = 'C' | 'T';

export interface Serial {
  prefix: SerialPrefix;
  /** `yyyyMMdd` */
  day: string;
  /** 1-based sequence within the prefix and day */
  seq: number;
}

/** Last sequence used, keyed by prefix + day (`T20240501`). */
export type SerialCounters = Record<string, number>;

const SERIAL = /^([CT])(\d{8})(\d{3,})$/;
const DAY = /^\d{8}$/;

function isCalendarDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(4, 6));
  const d = Number(day.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function formatSerial(prefix: SerialPrefix, day: string, seq: number): string {
  if (!isCalendarDay(day)) throw new RangeError(`Not a yyyyMMdd day: ${day}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`Sequence must be a whole number ≥ 1, got ${seq}`);
  return `${prefix}${day}${String(seq).padStart(3, '0')}`;
}

/** The parts of a serial in its canonical form, or null (so `C202405010001` is rejected). */
export function parseSerial(s: string): Serial | null {
  const m = SERIAL.exec(s);
  if (!m || !isCalendarDay(m[2])) return null;
  const digits = m[3];
  if (digits.length > 3 && digits.startsWith('0')) return null;
  const seq = Number(digits);
  if (seq < 1 || !Number.isSafeInteger(seq)) return null;
  return { prefix: m[1] as SerialPrefix, day: m[2], seq };
}

/** The next serial for a prefix and day, with the counters updated (the input is not modified). */
export function nextSerial(
  counters: SerialCounters,
  prefix: SerialPrefix,
  day: string,
): { serial: string; counters: SerialCounters } {
  const key = prefix + day;
  const seq = (counters[key] ?? 0) + 1;
  return { serial: formatSerial(prefix, day, seq), counters: { ...counters, [key]: seq } };
}
