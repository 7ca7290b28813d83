/**
 * What a person types or pastes into a cell, and what a script's setValue of
 * a string stores: Sheets' parsing, in the spreadsheet's locale and time zone,
 * unless the cell is plain text ('@').
 */
import { Env } from '../local/runtime/env';
import { Faults, Meter } from '../local/runtime/meter';
import { newState, type RuntimeState } from '../local/runtime/state';
import { SpreadsheetAppEmu } from '../local/runtime/spreadsheet';
import { displayValue, findSheet, getCell, getCellProp, parseInput, userEdit } from '../local/runtime/sheet-data';
import { fromZoned } from '../local/runtime/date-format';

const ZH = { timeZone: 'Asia/Shanghai', locale: 'zh_CN' };
const US = { timeZone: 'America/New_York', locale: 'en_US' };

function world(locale = 'zh_CN'): { state: RuntimeState; app: SpreadsheetAppEmu } {
  const state = newState({ clock: Date.UTC(2026, 10, 23, 2), timeZone: 'Asia/Shanghai' });
  state.spreadsheet.locale = locale;
  const env = new Env(state, new Meter(new Faults()));
  env.setRealm({ newDate: (ms) => new Date(ms), newError: (m) => new Error(m) });
  return { state, app: new SpreadsheetAppEmu(env) };
}

/** What the cell shows after a person types `input` into A1 of a fresh sheet. */
function typed(input: string, locale = 'zh_CN'): { value: unknown; shown: string; format: string | null } {
  const { state } = world(locale);
  const edit = userEdit(state, 'Sheet1', 1, 1, input, 'staff@example.com');
  expect(edit.ok).toBe(true);
  const sheet = findSheet(state, 'Sheet1')!;
  const format = getCellProp(sheet, 1, 1, 'fmt');
  return { value: getCell(sheet, 1, 1), shown: displayValue(getCell(sheet, 1, 1), format, state.spreadsheet.timeZone), format };
}

describe('numbers', () => {
  test('an 18-digit ID number keeps 15 significant digits; the rest become zeros', () => {
    expect(typed('110101199001011234')).toMatchObject({ value: 110101199001011000, shown: '110101199001011000' });
    expect(parseInput('0.1234567890123456789', null, ZH).value).toBe(0.123456789012345);
  });

  test('leading zeros are dropped: a phone or a code typed into a number cell loses them', () => {
    expect(typed('01012345678')).toMatchObject({ value: 1012345678, shown: '1012345678' });
    expect(typed('007')).toMatchObject({ value: 7, shown: '7' });
  });

  test('grouped digits, exponents and the locale\'s currency are numbers', () => {
    expect(typed('1,234')).toMatchObject({ value: 1234, shown: '1,234' });
    expect(typed('1,234,567.5').value).toBe(1234567.5);
    expect(typed('1.5e3').value).toBe(1500);
    expect(typed('¥1,234.5')).toMatchObject({ value: 1234.5, shown: '¥1,234.50' });
    expect(typed('$12', 'en_US')).toMatchObject({ value: 12, shown: '$12.00' });
    // Misplaced separators are not a number.
    expect(typed('1,23').value).toBe('1,23');
    expect(typed('$12').value).toBe('$12');
  });

  test('percentages are fractions shown as percentages', () => {
    expect(typed('50%')).toMatchObject({ value: 0.5, shown: '50%', format: '0%' });
    expect(typed('12.5%')).toMatchObject({ value: 0.125, shown: '12.50%', format: '0.00%' });
  });
});

describe('formulas, text and booleans', () => {
  test('= starts a formula; + or - before something that is not a number does too', () => {
    expect(typed('=HYPERLINK("http://x.example","x")').value).toEqual({ f: '=HYPERLINK("http://x.example","x")' });
    expect(typed('+86 138 0013 8000').value).toEqual({ f: '=+86 138 0013 8000' });
    expect(typed('-5').value).toBe(-5);
  });

  test("a leading apostrophe keeps the text as typed and is not stored", () => {
    expect(typed("'007")).toMatchObject({ value: '007', shown: '007' });
  });

  test('TRUE and FALSE in any case are booleans', () => {
    expect(typed('true').value).toBe(true);
    expect(typed('False')).toMatchObject({ value: false, shown: 'FALSE' });
  });

  test('a plain-text cell keeps everything as typed', () => {
    const { state } = world();
    const sheet = findSheet(state, 'Sheet1')!;
    const inputs = ['110101199001011234', '01012345678', '007', '=1+1', '+86 138', 'TRUE', '50%', '2026-11-23', '9:30'];
    inputs.forEach((input, i) => {
      sheet.rows[i] = { v: [], fmt: ['@'] };
      expect(userEdit(state, 'Sheet1', i + 1, 1, input, 'staff@example.com').ok).toBe(true);
      expect(getCell(sheet, i + 1, 1)).toBe(input);
    });
  });
});

describe('dates and times in the spreadsheet\'s locale', () => {
  const at = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({ d: fromZoned({ year, month, day, hour, minute, second }, 'Asia/Shanghai') });

  test('zh_CN reads ISO, slashed and 年月日 dates, with an optional time', () => {
    expect(typed('2026-11-23')).toMatchObject({ value: at(2026, 11, 23), shown: '2026-11-23' });
    expect(typed('2026/11/23').value).toEqual(at(2026, 11, 23));
    expect(typed('2026/11/23 9:30')).toMatchObject({ value: at(2026, 11, 23, 9, 30), shown: '2026-11-23 09:30' });
    expect(typed('2026年11月23日')).toMatchObject({ value: at(2026, 11, 23), shown: '2026-11-23' });
    // A US date is text in zh_CN.
    expect(typed('11/23/2026').value).toBe('11/23/2026');
  });

  test('en_US reads month/day/year', () => {
    const { value, shown } = typed('11/23/2026', 'en_US');
    expect(value).toEqual(at(2026, 11, 23));
    expect(shown).toBe('11/23/2026');
    expect(parseInput('11/23/2026 9:30', null, US).value).toEqual({ d: fromZoned({ year: 2026, month: 11, day: 23, hour: 9, minute: 30 }, US.timeZone) });
  });

  test('a time alone is that time on day 0 (1899-12-30), shown as a time', () => {
    expect(typed('9:30')).toMatchObject({ value: at(1899, 12, 30, 9, 30), shown: '09:30' });
    expect(typed('09:30:15')).toMatchObject({ value: at(1899, 12, 30, 9, 30, 15), shown: '09:30:15' });
    expect(typed('25:00').value).toBe('25:00');
  });

  test('a date that does not exist stays text', () => {
    for (const bad of ['2026-02-30', '2026/13/01', '2026年2月29日', '2026-11-23 24:00']) expect(typed(bad).value).toBe(bad);
  });
});

describe('script writes parse strings the same way', () => {
  test('setValue of a string is read as typed, except in a plain-text cell', () => {
    const { app } = world();
    const sheet = app.getActiveSpreadsheet().getSheets()[0]!;
    sheet.getRange('A1:D1').setValues([['01012345678', '50%', '2026/11/23', 'true']]);
    expect(sheet.getRange('A1:D1').getDisplayValues()).toEqual([['1012345678', '50%', '2026-11-23', 'TRUE']]);
    sheet.getRange('A2:B2').setNumberFormat('@').setValues([['01012345678', '110101199001011234']]);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([['01012345678', '110101199001011234']]);
  });
});

describe('cell size', () => {
  test('typing or pasting more than 50,000 characters into one cell is refused and changes nothing', () => {
    const { state } = world();
    expect(userEdit(state, 'Sheet1', 1, 1, 'x'.repeat(50_001), 'staff@example.com')).toEqual({
      ok: false,
      reason: 'tooLong',
      message: '单元格中的文字超出了 50000 个字符的上限。',
    });
    expect(getCell(findSheet(state, 'Sheet1')!, 1, 1)).toBeNull();
    expect(userEdit(state, 'Sheet1', 1, 1, 'x'.repeat(50_000), 'staff@example.com').ok).toBe(true);
  });
});
