/**
 * Text helpers of the CLI: terminal widths of CJK text, tables, and the
 * times and durations users type (read in the script time zone, never the
 * host's).
 */
import { formatDate, fromZoned } from '../runtime/date-format';

/** Columns a string takes in a terminal: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/** Cuts `text` to at most `max` columns, marking the cut with an ellipsis. */
export function truncateToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * A plain-text table: the first row is the header, underlined; columns are
 * aligned by display width; line breaks inside a cell show as ↵; cells wider
 * than `maxCellWidth` are cut.
 */
export function renderTable(rows: string[][], maxCellWidth = 40): string {
  if (rows.length === 0) return '';
  const cells = rows.map((row) => row.map((c) => truncateToWidth(c.replace(/\r?\n/g, '↵'), maxCellWidth)));
  const columns = Math.max(...cells.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(1, ...cells.map((r) => displayWidth(r[c] ?? ''))));
  const line = (row: string[]): string =>
    widths
      .map((w, c) => padToWidth(row[c] ?? '', w))
      .join('  ')
      .trimEnd();
  const [header, ...body] = cells;
  return [line(header!), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const DURATION_UNITS: [string, number][] = [
  ['w', 7 * 86_400_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** `3d`, `2h`, `90m`, `1d12h`, `1w`, `30s` → milliseconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i.exec(text.trim());
  if (!m || m.slice(1).every((g) => g === undefined)) return undefined;
  return DURATION_UNITS.reduce((sum, [, unit], i) => sum + Number(m[i + 1] ?? 0) * unit, 0);
}

/**
 * An ISO 8601 date or date-time → epoch ms. Without an offset (`Z`, `+08:00`,
 * `+0800`, `+08`) the wall time is read in `timeZone`. A space may stand for
 * the `T`. Undefined when unreadable or not a real date.
 */
export function parseTime(text: string, timeZone: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((g) => Number(g ?? 0)) as [number, number, number, number, number, number];
  const millisecond = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  if (!real) return undefined;
  const zone = m[8];
  if (zone === undefined) return fromZoned({ year, month, day, hour, minute, second, millisecond }, timeZone);
  const wall = check.getTime() + millisecond;
  if (zone.toUpperCase() === 'Z') return wall;
  const digits = zone.slice(1).replace(':', '');
  const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  if (offsetMin > 18 * 60) return undefined;
  return wall - (zone.startsWith('-') ? -offsetMin : offsetMin) * 60_000;
}

/** `yyyy-MM-dd HH:mm` in `timeZone`, for lines people read. */
export function formatTime(ms: number, timeZone: string): string {
  return formatDate(ms, timeZone, 'yyyy-MM-dd HH:mm');
}

/** ISO 8601 with the zone's offset (e.g. 2026-11-23T09:00:00+08:00), for JSON output. */
export function isoTime(ms: number, timeZone: string): string {
  return formatDate(ms, timeZone, "yyyy-MM-dd'T'HH:mm:ssXXX");
}
