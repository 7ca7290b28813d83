/**
 * Utilities.formatDate's engine: Java SimpleDateFormat patterns in any zone,
 * whatever the host's own time zone.
 */
import fc from 'fast-check';
import { formatDate, fromZoned, zonedParts } from '../local/runtime/date-format';

// `npm test` runs with TZ=America/Los_Angeles: every expectation below is a
// fixed string, so none can pass by leaning on the host's zone.
const INSTANT = Date.parse('2026-12-31T20:05:09.007Z');

describe('formatDate', () => {
  it('shows the same instant as each zone’s wall time', () => {
    const p = 'yyyy-MM-dd HH:mm:ss';
    expect(formatDate(INSTANT, 'Asia/Shanghai', p)).toBe('2027-01-01 04:05:09');
    expect(formatDate(INSTANT, 'UTC', p)).toBe('2026-12-31 20:05:09');
    expect(formatDate(INSTANT, 'America/Los_Angeles', p)).toBe('2026-12-31 12:05:09');
  });

  it('formats Java pattern letters', () => {
    const at = Date.parse('2026-11-23T14:07:03.045+08:00'); // a Monday afternoon in Shanghai
    const tz = 'Asia/Shanghai';
    expect(formatDate(at, tz, "EEE, d MMM yyyy h:mm a")).toBe('Mon, 23 Nov 2026 2:07 PM');
    expect(formatDate(at, tz, 'EEEE MMMM yy')).toBe('Monday November 26');
    expect(formatDate(at, tz, 'HH:mm:ss.SSS')).toBe('14:07:03.045');
    expect(formatDate(at, tz, 'D u k K')).toBe('327 1 14 2');
    expect(formatDate(at, tz, 'Z XXX X z')).toBe('+0800 +08:00 +08 CST');
    expect(formatDate(at, 'UTC', 'XXX')).toBe('Z');
    expect(formatDate(at, tz, "yyyy'年'M'月'd'日' 'o''clock'")).toBe("2026年11月23日 o'clock");
  });

  it('follows daylight saving time in zones that have it', () => {
    expect(formatDate(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York', 'HH:mm z Z')).toBe('08:00 EDT -0400');
    expect(formatDate(Date.parse('2026-01-01T12:00:00Z'), 'America/New_York', 'HH:mm z Z')).toBe('07:00 EST -0500');
  });

  it('takes GMT offsets and treats unknown zones as GMT, as Java does', () => {
    expect(formatDate(INSTANT, 'GMT+08:00', 'HH:mm z')).toBe('04:05 GMT+08:00');
    expect(formatDate(INSTANT, 'Not/A_Zone', 'HH:mm')).toBe('20:05');
  });

  it('rejects illegal pattern letters and unterminated quotes', () => {
    expect(() => formatDate(INSTANT, 'UTC', 'yyyy-MM-dd o')).toThrow("Illegal pattern character 'o'");
    expect(() => formatDate(INSTANT, 'UTC', "yyyy 'abc")).toThrow(/Unterminated quote/);
  });

  it('numbers weeks as en_US does (week 1 holds 1 January)', () => {
    expect(formatDate(Date.parse('2026-12-29T12:00:00Z'), 'UTC', 'YYYY-ww')).toBe('2027-01');
    expect(formatDate(Date.parse('2026-01-01T12:00:00Z'), 'UTC', 'YYYY-ww W F')).toBe('2026-01 1 1');
  });

  it('agrees with toISOString in UTC for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1971-01-01'), max: Date.parse('2099-12-31') }), (ms) => {
        expect(formatDate(ms, 'UTC', "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")).toBe(new Date(ms).toISOString());
      }),
    );
  });
});

describe('zonedParts and fromZoned', () => {
  it('reads wall-clock fields and the weekday (1 = Monday … 7 = Sunday)', () => {
    expect(zonedParts(INSTANT, 'Asia/Shanghai')).toEqual({ year: 2027, month: 1, day: 1, hour: 4, minute: 5, second: 9, millisecond: 7, weekday: 5 });
    expect(zonedParts(Date.parse('2026-11-22T12:00:00Z'), 'UTC').weekday).toBe(7);
  });

  it('round-trips every instant in zones without daylight saving time', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1980-01-01'), max: Date.parse('2099-12-31') }), fc.constantFrom('Asia/Shanghai', 'UTC', 'Asia/Kolkata'), (ms, tz) => {
        expect(fromZoned(zonedParts(ms, tz), tz)).toBe(ms);
      }),
    );
  });

  it('round-trips wall times in a zone with daylight saving time, except the skipped hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-12-31') }), (ms) => {
        const p = zonedParts(ms, 'Europe/Berlin');
        const back = zonedParts(fromZoned(p, 'Europe/Berlin'), 'Europe/Berlin');
        expect({ ...back, weekday: 0 }).toEqual({ ...p, weekday: 0 });
      }),
    );
  });

  it('resolves a skipped wall time forward and a repeated one to the earlier instant', () => {
    const tz = 'America/Los_Angeles';
    expect(new Date(fromZoned({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, tz)).toISOString()).toBe('2026-03-08T10:30:00.000Z');
    expect(new Date(fromZoned({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, tz)).toISOString()).toBe('2026-11-01T08:30:00.000Z');
  });
});
