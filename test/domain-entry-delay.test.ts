/**
 * The entry delay of paper and phone forms and imports (填写日期 → 录入时间),
 * and 填写日期 as staff type or paste it.
 */
import fc from 'fast-check';
import { ENTRY_TARGET_MS, SLOWEST_SHOWN, clockStart, entryDelays, type EntryRecord } from '../src/domain/entry-delay';
import { FILLED_AT_MAX_AGE_DAYS, checkFilledAt, parseFilledAt } from '../src/domain/filled-at';
import { fieldByKey } from '../src/domain/fields';

const SHANGHAI = 480;
const at = (local: string) => Date.parse(`${local}+08:00`);
const HOUR = 3_600_000;

const record = fc.record({
  ticketNo: fc.integer({ min: 1, max: 999 }).map((n) => `T20261123${String(n).padStart(3, '0')}`),
  channel: fc.constantFrom('线下录入', '导入', '在线表单', '接口'),
  filledMs: fc.integer({ min: 0, max: 30 * 24 * HOUR }),
  enteredMs: fc.integer({ min: 0, max: 30 * 24 * HOUR }),
});

describe('entryDelays', () => {
  test('per offline channel: every record counted once, the median between the fastest and the slowest, the slowest first', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 40 }), (records: EntryRecord[]) => {
        const out = entryDelays(records);
        expect(out.map((d) => d.channel)).toEqual(['线下录入', '导入'].filter((c) => records.some((r) => r.channel === c)));
        for (const d of out) {
          const waits = records.filter((r) => r.channel === d.channel).map((r) => Math.max(0, r.enteredMs - r.filledMs));
          expect(d.count).toBe(waits.length);
          expect(d.withinTarget).toBe(waits.filter((w) => w <= ENTRY_TARGET_MS).length);
          expect(d.medianMs).toBeGreaterThanOrEqual(Math.min(...waits));
          expect(d.medianMs).toBeLessThanOrEqual(Math.max(...waits));
          // As many waits at or below the median as above it, or one more.
          const below = waits.filter((w) => w <= d.medianMs).length;
          expect(below).toBeGreaterThanOrEqual(waits.length / 2);
          expect(d.slowest).toHaveLength(Math.min(SLOWEST_SHOWN, waits.length));
          expect(d.slowest[0]!.delayMs).toBe(Math.max(...waits));
          d.slowest.forEach((s, i) => i > 0 && expect(s.delayMs).toBeLessThanOrEqual(d.slowest[i - 1]!.delayMs));
        }
      }),
    );
  });

  test('a form entered 25 hours after it was filled misses the 24-hour target; one entered at once meets it', () => {
    const [d] = entryDelays([
      { ticketNo: 'T20261123001', channel: '线下录入', filledMs: 0, enteredMs: 25 * HOUR },
      { ticketNo: 'T20261123002', channel: '线下录入', filledMs: 0, enteredMs: 0 },
    ]);
    expect(d).toEqual({ channel: '线下录入', count: 2, medianMs: 0, withinTarget: 1, slowest: [{ ticketNo: 'T20261123001', delayMs: 25 * HOUR }, { ticketNo: 'T20261123002', delayMs: 0 }] });
  });
});

describe('clockStart', () => {
  test('an offline ticket’s clock starts at 录入时间; the Form’s at 填写日期; an older row without 录入时间 at 填写日期', () => {
    expect(clockStart('线下录入', 1, 5)).toBe(5);
    expect(clockStart('导入', 1, 5)).toBe(5);
    expect(clockStart('在线表单', 1, 5)).toBe(1);
    expect(clockStart('线下录入', 1, null)).toBe(1);
  });
});

describe('填写日期 as staff write it', () => {
  test.each([
    ['2026-11-20', '2026-11-20T00:00:00'],
    ['2026/11/20 14:30', '2026-11-20T14:30:00'],
    ['2026.11.20 9:05', '2026-11-20T09:05:00'],
    ['2026年11月20日', '2026-11-20T00:00:00'],
    ['2026年11月20日 14时30分', '2026-11-20T14:30:00'],
    ['2026年11月20日14点', '2026-11-20T14:00:00'],
    ['2026-11-20T14:30', '2026-11-20T14:30:00'],
    ['２０２６－１１－２０　１４：３０', '2026-11-20T14:30:00'],
    ['2026-11-20 14:30:15', '2026-11-20T14:30:15'],
  ])('%s is %s in Shanghai', (text, local) => {
    expect(parseFilledAt(text, SHANGHAI)).toBe(at(local));
  });

  test.each(['2026-02-30', '2026-13-01', '2026-11-20 24:00', '2026-11-20 14:60', '20/11/2026', '上周五', '46346'])('%s is no date', (text) => {
    expect(parseFilledAt(text, SHANGHAI)).toBeNull();
  });

  test('any instant written as yyyy-MM-dd HH:mm reads back to its minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2000-01-01T00:00:00'), max: at('2099-12-31T23:59:00') }), (ms) => {
        const minute = ms - (ms % 60_000);
        const local = new Date(minute + SHANGHAI * 60_000).toISOString().slice(0, 16).replace('T', ' ');
        expect(parseFilledAt(local, SHANGHAI)).toBe(minute);
      }),
    );
  });

  test('blank is "as entered"; later than now (beyond a few minutes of clock difference) or older than the limit is a problem', () => {
    const now = at('2026-11-23T10:00:00');
    const check = (text: string) => checkFilledAt(text, now, SHANGHAI, 'zh-CN', '填写日期');
    expect(check('')).toEqual({ ok: true, ms: null });
    expect(check('2026-11-23 10:04')).toEqual({ ok: true, ms: at('2026-11-23T10:04:00') });
    expect(check('2026-11-23 10:10')).toMatchObject({ ok: false, issue: { field: 'submitted_at', code: 'future' } });
    expect(check('2026-10-25 10:00')).toMatchObject({ ok: true });
    expect(check('2026-10-24 09:59')).toMatchObject({ ok: false, issue: { code: 'too_old' } });
    expect(check('2026-10-24')).toMatchObject({ ok: false, issue: { code: 'too_old', message: expect.stringContaining(`早于 ${FILLED_AT_MAX_AGE_DAYS} 天前`) } });
    expect(checkFilledAt('tomorrow', now, SHANGHAI, 'en', 'Submitted at')).toMatchObject({ ok: false, issue: { code: 'format', message: expect.stringContaining('is not a valid date') } });
  });

  test('the field’s help names the same limit the check applies', () => {
    expect(fieldByKey('submitted_at').help).toContain(`${FILLED_AT_MAX_AGE_DAYS} 天前`);
    expect(fieldByKey('submitted_at').helpEn).toContain(`${FILLED_AT_MAX_AGE_DAYS} days ago`);
  });
});
