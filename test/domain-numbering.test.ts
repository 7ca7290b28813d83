import fc from 'fast-check';
import { localDay } from '../src/domain/local-time';
import { formatSerial, nextSerial, parseSerial, type SerialCounters, type SerialPrefix } from '../src/domain/numbering';

const prefixArb = fc.constantFrom<SerialPrefix>('C', 'T');
const dayArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));

describe('formatSerial / parseSerial', () => {
  test('customer and ticket numbers have the documented form', () => {
    expect(formatSerial('C', '20240501', 1)).toBe('C20240501001');
    expect(formatSerial('T', '20240501', 42)).toBe('T20240501042');
    expect(formatSerial('T', '20240501', 1000)).toBe('T202405011000');
  });

  test('parse ∘ format is the identity', () => {
    fc.assert(
      fc.property(prefixArb, dayArb, fc.integer({ min: 1, max: 10_000_000 }), (prefix, day, seq) => {
        expect(parseSerial(formatSerial(prefix, day, seq))).toEqual({ prefix, day, seq });
      }),
    );
  });

  test('only canonical serials parse', () => {
    expect(parseSerial('C20240501001')).toEqual({ prefix: 'C', day: '20240501', seq: 1 });
    for (const bad of ['C202405010001', 'C20240501000', 'C20240230001', 'X20240501001', 'C2024050101', 'c20240501001', ' C20240501001', '']) {
      expect(parseSerial(bad)).toBeNull();
    }
  });

  test('bad parts are refused rather than producing a malformed number', () => {
    expect(() => formatSerial('C', '2024-05-01', 1)).toThrow(RangeError);
    expect(() => formatSerial('C', '20241301', 1)).toThrow(RangeError);
    expect(() => formatSerial('C', '20240501', 0)).toThrow(RangeError);
    expect(() => formatSerial('C', '20240501', 1.5)).toThrow(RangeError);
  });
});

describe('nextSerial', () => {
  test('the sequence widens from 3 to 4 digits after 999', () => {
    const a = nextSerial({ C20240501: 998 }, 'C', '20240501');
    expect(a.serial).toBe('C20240501999');
    const b = nextSerial(a.counters, 'C', '20240501');
    expect(b.serial).toBe('C202405011000');
    expect(b.counters).toEqual({ C20240501: 1000 });
  });

  test('is pure: the input counters are unchanged', () => {
    const counters = Object.freeze({ T20240501: 3 });
    expect(nextSerial(counters, 'T', '20240501').serial).toBe('T20240501004');
    expect(counters).toEqual({ T20240501: 3 });
  });

  test('serials are unique and ordered per prefix and day under any interleaving', () => {
    const op = fc.tuple(prefixArb, fc.constantFrom('20240430', '20240501', '20240502'));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 0, max: 1200 }), (ops, start) => {
        let counters: SerialCounters = { C20240501: start };
        const issued: string[] = [];
        for (const [prefix, day] of ops) {
          const next = nextSerial(counters, prefix, day);
          counters = next.counters;
          issued.push(next.serial);
        }
        expect(new Set(issued).size).toBe(issued.length);
        const lastSeq = new Map<string, number>();
        issued.forEach((serial, i) => {
          const parsed = parseSerial(serial);
          expect(parsed).toEqual({ prefix: ops[i][0], day: ops[i][1], seq: expect.any(Number) });
          const key = parsed!.prefix + parsed!.day;
          const previous = lastSeq.get(key) ?? (key === 'C20240501' ? start : 0);
          expect(parsed!.seq).toBe(previous + 1);
          lastSeq.set(key, parsed!.seq);
        });
      }),
    );
  });
});

describe('localDay', () => {
  test('uses the script zone, not the host zone', () => {
    const instant = Date.UTC(2024, 3, 30, 16, 30); // 2024-05-01 00:30 in Asia/Shanghai
    expect(localDay(instant, 480)).toBe('20240501');
    expect(localDay(instant, 0)).toBe('20240430');
    expect(localDay(Date.UTC(2024, 3, 30, 15, 59, 59, 999), 480)).toBe('20240430');
  });
});
