/** Host helpers on stored sheets: A1 notation, input parsing, display, ISO export, per-column state under structure changes. */
import fc from 'fast-check';
import { a1Notation, columnLetter, columnNumber, deleteColumns, displayValue, insertColumns, moveColumns, parseA1, parseInput, rectOfA1, toIsoValue } from '../local/runtime/sheet-data';
import { newSheetState, type SheetState } from '../local/runtime/state';

const TZ = 'Asia/Shanghai';

test('A1 notation round trips for any rectangle', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 18_000 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (row, column, numRows, numColumns) => {
      const rect = { row, column, numRows, numColumns };
      expect(rectOfA1(parseA1(a1Notation(rect))!, 10_000, 20_000)).toEqual(rect);
    }),
  );
  expect([columnLetter(1), columnLetter(26), columnLetter(27), columnLetter(703)]).toEqual(['A', 'Z', 'AA', 'AAA']);
  expect(columnNumber('AB')).toBe(28);
});

test('A1 references with sheet names, whole columns and reversed corners', () => {
  expect(parseA1("'客户 表'!$B$2:A1")).toEqual({ sheetName: '客户 表', row: 1, column: 1, lastRow: 2, lastColumn: 2 });
  expect(rectOfA1(parseA1('B:C')!, 1000, 26)).toEqual({ row: 1, column: 2, numRows: 1000, numColumns: 2 });
  expect(rectOfA1(parseA1('3:4')!, 1000, 26)).toEqual({ row: 3, column: 1, numRows: 2, numColumns: 26 });
  // A cell then a column is the columns from that row on (the Sheets API's A1 notation: "Sheet1!A5:A refers
  // to all the cells of the first column of Sheet 1, from row 5 onward"); a column then a cell is not.
  expect(rectOfA1(parseA1('C2:C')!, 1000, 26)).toEqual({ row: 2, column: 3, numRows: 999, numColumns: 1 });
  expect(rectOfA1(parseA1('A5:B')!, 1000, 26)).toEqual({ row: 5, column: 1, numRows: 996, numColumns: 2 });
  for (const bad of ['', 'A0', '1A', 'B:A1', 'A1:2', 'A1:B2:C3', '!']) expect(parseA1(bad)).toBeNull();
});

test('typed integers become numbers; in a plain-text cell every string stays as typed', () => {
  fc.assert(
    fc.property(fc.integer(), (n) => {
      expect(parseInput(String(n), null, { timeZone: TZ, locale: 'zh_CN' }).value).toBe(n);
    }),
  );
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), (s) => {
      expect(parseInput(s, '@', { timeZone: TZ, locale: 'zh_CN' }).value).toBe(s);
    }),
  );
});

test('numbers display under the supported number formats', () => {
  expect(displayValue(-1234.5, '#,##0.00', TZ)).toBe('-1,234.50');
  expect(displayValue(-0.001, '0.00', TZ)).toBe('0.00');
  expect(displayValue(0.125, '0.0%', TZ)).toBe('12.5%');
  expect(displayValue(1e21, null, TZ)).toBe('1e+21');
  expect(displayValue(true, null, TZ)).toBe('TRUE');
  expect(displayValue({ f: '=1+1' }, null, TZ)).toBe('');
  // A date serial under a date format; a date under a number format shows its serial.
  expect(displayValue(46349.5, 'yyyy-MM-dd HH:mm', TZ)).toBe('2026-11-23 12:00');
  expect(displayValue({ d: Date.UTC(2026, 10, 23, 4) }, '0.00', TZ)).toBe('46349.50');
});

test('show --json values: dates as ISO 8601 with the zone offset, blanks as empty strings', () => {
  expect(toIsoValue({ d: Date.UTC(2026, 10, 23, 2) }, TZ)).toBe('2026-11-23T10:00:00+08:00');
  expect(toIsoValue({ d: Date.UTC(2026, 6, 1, 12) }, 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
  expect([toIsoValue(null, TZ), toIsoValue(3, TZ), toIsoValue(false, TZ), toIsoValue({ f: '=A1' }, TZ)]).toEqual(['', 3, false, '=A1']);
});

describe('per-column state under structure changes', () => {
  function sheetWith(hidden: number[], widths: Record<string, number>, ranges: string[]): SheetState {
    const sheet = newSheetState(0, 'x', 20, 12);
    if (hidden.length) sheet.hiddenColumns = hidden;
    sheet.columnWidths = widths;
    sheet.conditionalFormats = [{ ranges, criteria: 'CUSTOM_FORMULA', values: ['=$A2<TODAY()'], format: { background: '#f4cccc' } }];
    sheet.rows = [{ v: ['a', 'b', 'c', 'd'], wrap: [null, 'WRAP'], valign: [null, null, 'top'] }];
    return sheet;
  }

  test('property: inserting then deleting the same columns restores hidden columns, widths, wrapping and rule ranges', () => {
    const columns = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 5 }).map((cs) => cs.sort((a, b) => a - b));
    const rect = fc.record({ row: fc.integer({ min: 1, max: 10 }), column: fc.integer({ min: 1, max: 10 }), numRows: fc.integer({ min: 1, max: 10 }), numColumns: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(columns, fc.array(rect, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 4 }), (hidden, rects, at, n) => {
        const widths = Object.fromEntries(hidden.map((c) => [String(c), 50 + c]));
        const sheet = sheetWith(hidden, widths, rects.map(a1Notation));
        const before = JSON.stringify(sheet);
        insertColumns(sheet, at, n, 0);
        deleteColumns(sheet, at, n);
        expect(JSON.stringify(sheet)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  test('a moved column takes its hidden state and width; columns inserted beside a hidden one are visible', () => {
    const sheet = sheetWith([2], { '2': 180 }, ['B2:C5']);
    moveColumns(sheet, 2, 1, 5); // A B C D → A C D B
    expect([sheet.hiddenColumns, sheet.columnWidths, sheet.conditionalFormats![0]!.ranges]).toEqual([[4], { '4': 180 }, ['B2:B5', 'D2:D5']]);
    expect(sheet.rows[0]!.wrap).toEqual([null, null, null, 'WRAP']);
    insertColumns(sheet, 4, 1, 4);
    expect([sheet.hiddenColumns, sheet.rows[0]!.wrap]).toEqual([[5], [null, null, null, 'WRAP', 'WRAP']]);
    deleteColumns(sheet, 2, 4);
    expect([sheet.hiddenColumns, sheet.columnWidths, sheet.conditionalFormats]).toEqual([undefined, {}, undefined]);
  });
});
