/**
 * Java SimpleDateFormat formatting (what Utilities.formatDate and the
 * spreadsheet's display formats use) in any time zone, computed with Intl so
 * the host's own time zone never matters. Text fields are English, as Apps
 * Script's formatDate prints them.
 */

export interface ZonedParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

/** Wall-clock fields for fromZoned; omitted time fields are 0. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DAY_MS = 86_400_000;

/** Java's short names where CLDR (Intl) only has a GMT offset. */
const JAVA_SHORT_NAMES: Record<string, string> = {
  'Asia/Shanghai': 'CST',
  'Asia/Chongqing': 'CST',
  'Asia/Harbin': 'CST',
  'Asia/Taipei': 'CST',
  'Asia/Hong_Kong': 'HKT',
  'Asia/Macau': 'CST',
  'Asia/Tokyo': 'JST',
  'Asia/Seoul': 'KST',
  'Asia/Singapore': 'SGT',
  'Asia/Kolkata': 'IST',
  'Europe/London': 'GMT',
};

/** A zone Intl understands, or a fixed offset in minutes (Java's "GMT+08:00" ids and unknown ids → GMT). */
type Zone = { kind: 'iana'; id: string } | { kind: 'fixed'; offsetMin: number };

const zoneCache = new Map<string, Zone>();

function resolveZone(timeZone: string): Zone {
  const cached = zoneCache.get(timeZone);
  if (cached) return cached;
  let zone: Zone;
  // "GMT", "GMT+8", "UTC+08:00" … (plain "UTC" is left to Intl, which names it "UTC").
  const fixed = /^(?:GMT|UTC(?=[+-]))(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i.exec(timeZone.trim());
  if (fixed) {
    const sign = fixed[1] === '-' ? -1 : 1;
    zone = { kind: 'fixed', offsetMin: sign * (Number(fixed[2] ?? 0) * 60 + Number(fixed[3] ?? 0)) };
  } else {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      zone = { kind: 'iana', id: timeZone };
    } catch {
      // java.util.TimeZone falls back to GMT for ids it does not know.
      zone = { kind: 'fixed', offsetMin: 0 };
    }
  }
  zoneCache.set(timeZone, zone);
  return zone;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(id: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
      hourCycle: 'h23',
    });
    partsFormatters.set(id, f);
  }
  return f;
}

/** Offset of the zone from UTC at instant `ms`, in minutes (east positive). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const zone = resolveZone(timeZone);
  if (zone.kind === 'fixed') return zone.offsetMin;
  const p = wallFields(ms, zone.id);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 60_000);
}

function wallFields(ms: number, id: string): Omit<ZonedParts, 'weekday' | 'millisecond'> {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const part of partsFormatter(id).formatToParts(ms)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        out[part.type] = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
      default:
        break;
    }
  }
  if (bc) out.year = 1 - out.year;
  return out;
}

/** The wall-clock fields of instant `ms` in `timeZone`. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const offset = zoneOffsetMinutes(ms, timeZone);
  // Shift by the offset and read UTC fields: exact for both zone kinds.
  const shifted = new Date(ms + offset * 60_000);
  const jsDay = shifted.getUTCDay();
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: jsDay === 0 ? 7 : jsDay,
  };
}

/**
 * The instant whose wall time in `timeZone` is `parts`. A wall time skipped by
 * a DST jump resolves forward (as java.util.Calendar does); a repeated one
 * resolves to the earlier instant.
 */
export function fromZoned(parts: WallTime, timeZone: string): number {
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, parts.millisecond ?? 0);
  const before = zoneOffsetMinutes(wall - DAY_MS, timeZone);
  const after = zoneOffsetMinutes(wall + DAY_MS, timeZone);
  // Try the earlier offset first (the larger one), then the other.
  const candidates = before >= after ? [before, after] : [after, before];
  for (const off of candidates) {
    const t = wall - off * 60_000;
    if (zoneOffsetMinutes(t, timeZone) === off) return t;
  }
  // In a gap: the wall time does not exist; interpret it with the offset in force before the jump.
  return wall - before * 60_000;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offsetText(offsetMin: number, withColon: boolean, hoursOnly = false): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const hh = pad(Math.floor(abs / 60), 2);
  if (hoursOnly) return sign + hh;
  return sign + hh + (withColon ? ':' : '') + pad(abs % 60, 2);
}

function zoneName(ms: number, timeZone: string, long: boolean, offsetMin: number): string {
  const zone = resolveZone(timeZone);
  const gmt = 'GMT' + offsetText(offsetMin, true);
  if (zone.kind === 'fixed') return offsetMin === 0 ? 'GMT' : gmt;
  if (!long && JAVA_SHORT_NAMES[zone.id]) return JAVA_SHORT_NAMES[zone.id]!;
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone.id, timeZoneName: long ? 'long' : 'short' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  if (!name || /^(GMT|UTC)([+-]|$)/.test(name)) return offsetMin === 0 && name === 'UTC' ? 'UTC' : gmt;
  return name;
}

/** Day of year, 1-based. */
function dayOfYear(p: ZonedParts): number {
  return (Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / DAY_MS + 1;
}

/**
 * Week of year and week year with en_US rules (weeks start on Sunday; week 1
 * holds 1 January), as Java's default locale computes them.
 */
function weekOfYear(p: ZonedParts): { week: number; weekYear: number } {
  const dow0 = p.weekday % 7; // 0 = Sunday
  const weekStart = Date.UTC(p.year, p.month - 1, p.day) - dow0 * DAY_MS;
  const nextJan1 = Date.UTC(p.year + 1, 0, 1);
  if (weekStart + 6 * DAY_MS >= nextJan1) return { week: 1, weekYear: p.year + 1 };
  const jan1 = Date.UTC(p.year, 0, 1);
  const jan1Dow0 = new Date(jan1).getUTCDay();
  const firstWeekStart = jan1 - jan1Dow0 * DAY_MS;
  return { week: Math.floor((weekStart - firstWeekStart) / (7 * DAY_MS)) + 1, weekYear: p.year };
}

function weekOfMonth(p: ZonedParts): number {
  const firstDow0 = new Date(Date.UTC(p.year, p.month - 1, 1)).getUTCDay();
  return Math.floor((p.day - 1 + firstDow0) / 7) + 1;
}

function field(letter: string, count: number, p: ZonedParts, ms: number, timeZone: string, offsetMin: number): string {
  const text = (full: string): string => (count >= 4 ? full : full.slice(0, 3));
  switch (letter) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y': {
      const year = letter === 'y' ? p.year : weekOfYear(p).weekYear;
      const y = year > 0 ? year : 1 - year;
      return count === 2 ? pad(y % 100, 2) : pad(y, count);
    }
    case 'M':
    case 'L':
      return count >= 3 ? text(MONTHS[p.month - 1]!) : pad(p.month, count);
    case 'w':
      return pad(weekOfYear(p).week, count);
    case 'W':
      return pad(weekOfMonth(p), count);
    case 'D':
      return pad(dayOfYear(p), count);
    case 'd':
      return pad(p.day, count);
    case 'F':
      return pad(Math.floor((p.day - 1) / 7) + 1, count);
    case 'E':
      return text(WEEKDAYS[p.weekday - 1]!);
    case 'u':
      return pad(p.weekday, count);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, count);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, count);
    case 'K':
      return pad(p.hour % 12, count);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, count);
    case 'm':
      return pad(p.minute, count);
    case 's':
      return pad(p.second, count);
    case 'S':
      return pad(p.millisecond, count);
    case 'z':
      return zoneName(ms, timeZone, count >= 4, offsetMin);
    case 'Z':
      return offsetText(offsetMin, false);
    case 'X':
      if (count > 3) throw new Error(`Illegal pattern character count: ${'X'.repeat(count)}`);
      if (offsetMin === 0) return 'Z';
      return offsetText(offsetMin, count === 3, count === 1);
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

type Token = { kind: 'literal'; text: string } | { kind: 'field'; letter: string; count: number };

const patternCache = new Map<string, Token[]>();

/** Splits a SimpleDateFormat pattern: letter runs are fields, 'quoted' text and other characters are literal, '' is a quote. */
function tokenize(pattern: string): Token[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const tokens: Token[] = [];
  const literal = (s: string): void => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === 'literal') last.text += s;
    else tokens.push({ kind: 'literal', text: s });
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal("'");
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new Error(`Unterminated quote in pattern: ${pattern}`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j += 1;
      }
      literal(text);
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j += 1;
      tokens.push({ kind: 'field', letter: c, count: j - i });
      i = j;
    } else {
      literal(c);
      i += 1;
    }
  }
  patternCache.set(pattern, tokens);
  return tokens;
}

/**
 * Formats instant `ms` with a Java SimpleDateFormat pattern in `timeZone`
 * (an IANA id, or "GMT+08:00"-style; unknown ids mean GMT, as in Java).
 * Throws on an illegal pattern letter or an unterminated quote.
 */
export function formatDate(ms: number, timeZone: string, pattern: string): string {
  const tokens = tokenize(pattern);
  const offsetMin = zoneOffsetMinutes(ms, timeZone);
  const p = zonedParts(ms, timeZone);
  let out = '';
  for (const t of tokens) out += t.kind === 'literal' ? t.text : field(t.letter, t.count, p, ms, timeZone, offsetMin);
  return out;
}
