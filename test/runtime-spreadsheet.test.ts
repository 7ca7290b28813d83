/**
 * The emulated SpreadsheetApp as the bundle sees it: values, parsing, shapes,
 * structure changes, text finder, validation, protection, Ui, metering,
 * hidden and frozen columns, wrapping, conditional formats.
 */
import fc from 'fast-check';
import { Env, type Realm } from '../local/runtime/env';
import { Faults, Meter } from '../local/runtime/meter';
import { newState, type RuntimeState } from '../local/runtime/state';
import { SpreadsheetAppEmu, type RangeEmu, type SheetEmu } from '../local/runtime/spreadsheet';
import { kindOf } from '../local/runtime/latency';
import { findSheet, getCell, readGrid, userEdit } from '../local/runtime/sheet-data';

/** Dates and errors of the "bundle realm" carry a tag, so tests can see which realm made them. */
interface TaggedDate extends Date {
  realm?: string;
}
const bundleRealm: Realm = {
  newDate: (ms) => Object.assign(new Date(ms), { realm: 'bundle' }),
  newError: (m) => Object.assign(new Error(m), { realm: 'bundle' }),
};

const SHANGHAI_2026_11_23_10 = Date.UTC(2026, 10, 23, 2, 0, 0); // 10:00 in Asia/Shanghai

function setup(): { env: Env; app: SpreadsheetAppEmu; state: RuntimeState; sheet: SheetEmu; faults: Faults; meter: Meter } {
  const state = newState({ clock: SHANGHAI_2026_11_23_10, timeZone: 'Asia/Shanghai', language: 'en' });
  const faults = new Faults();
  const meter = new Meter(faults);
  const env = new Env(state, meter);
  env.setRealm(bundleRealm);
  const app = new SpreadsheetAppEmu(env);
  const sheet = app.getActiveSpreadsheet().getSheets()[0]!;
  meter.reset();
  return { env, app, state, sheet, faults, meter };
}

function thrown(fn: () => unknown): Error & { realm?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error & { realm?: string };
  }
  throw new Error('expected a throw');
}

describe('values', () => {
  test('blank cells read as empty strings; numbers and booleans round trip', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 3).setValues([[42.5, true, null]]);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([[42.5, true, '', '']]);
    expect(sheet.getRange('B1').getValue()).toBe(true);
  });

  test('dates come back as Dates of the bundle realm with the same instant', () => {
    const { sheet } = setup();
    const when = new Date(Date.UTC(2026, 0, 5, 1, 30));
    sheet.getRange('A1').setValue(when);
    const got = sheet.getRange('A1').getValue() as TaggedDate;
    expect(Object.prototype.toString.call(got)).toBe('[object Date]');
    expect(got.realm).toBe('bundle');
    expect(got.getTime()).toBe(when.getTime());
    // Without a number format a date shows as yyyy-MM-dd HH:mm:ss in the spreadsheet zone.
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2026-01-05 09:30:00');
  });

  test('strings are parsed as typed: formulas, quote prefix, numbers, booleans, dates', () => {
    const { sheet } = setup();
    sheet.getRange(1, 1, 1, 9).setValues([['=SUM(B2:B3)', '+abc', "'=not a formula", '00123', '1e3', 'true', '2026-11-23', '2026/11/23 08:05', 'hello']]);
    const values = sheet.getRange(1, 1, 1, 9).getValues()[0]!;
    expect(values.slice(0, 6)).toEqual(['', '', '=not a formula', 123, 1000, true]);
    expect((values[6] as Date).getTime()).toBe(Date.UTC(2026, 10, 22, 16, 0)); // midnight in Shanghai
    expect((values[7] as Date).getTime()).toBe(Date.UTC(2026, 10, 23, 0, 5));
    expect(values[8]).toBe('hello');
    expect(sheet.getRange(1, 1, 1, 2).getFormulas()).toEqual([['=SUM(B2:B3)', '=+abc']]);
    // A typed date keeps the shape it was typed in.
    expect(sheet.getRange(1, 7, 1, 2).getDisplayValues()).toEqual([['2026-11-23', '2026-11-23 08:05']]);
  });

  test('plain-text (@) cells keep every string verbatim', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:D1');
    r.setNumberFormat('@');
    r.setValues([['=1+1', '+8613800138000', '00123', 'TRUE']]);
    expect(r.getValues()).toEqual([['=1+1', '+8613800138000', '00123', 'TRUE']]);
    expect(r.getFormulas()).toEqual([['', '', '', '']]);
    expect(r.getNumberFormats()).toEqual([['@', '@', '@', '@']]);
    expect(r.getFormula()).toBe('');
    sheet.getRange('E1').setValue('=1+1');
    expect(sheet.getRange('E1').getFormula()).toBe('=1+1');
  });

  test('the spreadsheet has a time zone of its own, apart from the script\'s', () => {
    const { app, state } = setup();
    const ss = app.getActiveSpreadsheet();
    ss.setSpreadsheetTimeZone('America/New_York');
    expect(ss.getSpreadsheetTimeZone()).toBe('America/New_York');
    expect(state.timeZone).toBe('Asia/Shanghai');
  });

  test('setValue on a range fills every cell; empty string and null blank a cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([[7, 7], [7, 7]]);
    sheet.getRange('A1').setValue('');
    sheet.getRange('B2').setValue(null);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([['', 7], [7, '']]);
    expect(sheet.getRange('A1').isBlank()).toBe(true);
  });

  test('display formats follow Asia/Shanghai whatever the host zone', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:G1');
    r.setValues([[1234.5, 1234.567, 0.256, 3, new Date(SHANGHAI_2026_11_23_10), new Date(SHANGHAI_2026_11_23_10), 'x']]);
    r.setNumberFormats([['#,##0', '0.00', '0%', '0', 'yyyy-MM-dd HH:mm', 'HH:mm', '@']]);
    expect(r.getDisplayValues()).toEqual([['1,235', '1234.57', '26%', '3', '2026-11-23 10:00', '10:00', 'x']]);
    sheet.getRange('A2').setValue(0.1);
    expect(sheet.getRange('A2').getDisplayValue()).toBe('0.1');
    expect(sheet.getRange('A2').getNumberFormat()).toBe('General');
  });
});

describe('ranges and errors', () => {
  test('a shape mismatch throws Apps Script’s message in the bundle realm', () => {
    const { sheet } = setup();
    const rows = thrown(() => sheet.getRange(1, 1, 1, 2).setValues([[1, 2], [3, 4]]));
    expect(rows.message).toBe('Exception: The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 1.');
    expect(rows.realm).toBe('bundle');
    const cols = thrown(() => sheet.getRange(1, 1, 1, 2).setValues([[1, 2, 3]]));
    expect(cols.message).toBe('Exception: The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.');
  });

  test('ranges outside the sheet or with no rows are refused', () => {
    const { sheet } = setup();
    expect(thrown(() => sheet.getRange(1000, 1, 2, 1)).message).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(thrown(() => sheet.getRange('AA1')).message).toBe('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    expect(thrown(() => sheet.getRange(2, 1, 0, 3)).message).toBe('Exception: The number of rows in the range must be at least 1.');
    expect(thrown(() => sheet.getRange('not a range')).message).toBe('Exception: Range not found');
    expect(sheet.getRange(1000, 26).getA1Notation()).toBe('Z1000');
  });

  test('last row and column, data range, range geometry', () => {
    const { sheet } = setup();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B2').setNumberFormat('@'); // formats alone are not content
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    const r = sheet.getDataRange();
    expect([r.getA1Notation(), r.getLastRow(), r.getLastColumn(), r.getNumRows()]).toEqual(['A1:C5', 5, 3, 5]);
    expect(r.getCell(5, 3).getValue()).toBe('x');
    expect(r.offset(1, 1, 2, 2).getA1Notation()).toBe('B2:C3');
  });

  test('a Sheet object survives a rename; a deleted sheet and a duplicate name are errors', () => {
    const { app } = setup();
    const ss = app.getActiveSpreadsheet();
    const s = ss.insertSheet('客户');
    expect(ss.getActiveSheet().getName()).toBe('客户');
    ss.getSheetByName('客户')!.setName('客户2');
    expect(s.getName()).toBe('客户2');
    expect(ss.getSheetByName('客户')).toBeNull();
    expect(thrown(() => ss.insertSheet('sheet1')).message).toBe('Exception: A sheet with the name "sheet1" already exists. Please enter another name.');
    expect(ss.getSheets().map((x) => x.getIndex())).toEqual([1, 2]);
    ss.deleteSheet(s);
    expect(thrown(() => s.getRange('A1')).message).toMatch(/deleted/);
    expect(thrown(() => ss.deleteSheet(ss.getSheets()[0]!)).message).toMatch(/at least one visible sheet/);
  });
});

describe('structure changes keep formats, notes and validations with their rows', () => {
  function statusRule(app: SpreadsheetAppEmu) {
    return app.newDataValidation().requireValueInList(['新建', '处理中', '已解决']).setAllowInvalid(false).build();
  }

  test('appendRow writes after the last row and grows a full sheet', () => {
    const { sheet, state } = setup();
    sheet.deleteRows(3, 998);
    sheet.getRange('A1:B1').setValues([['编号', '日期']]);
    sheet.getRange('B2').setNumberFormat('yyyy-MM-dd');
    sheet.appendRow(['T1', '2026-11-23']);
    sheet.appendRow(['T2', new Date(SHANGHAI_2026_11_23_10)]);
    expect(sheet.getMaxRows()).toBe(3);
    // The row added to the full sheet took the date format of the row above it.
    expect(sheet.getRange('A2:B3').getDisplayValues()).toEqual([['T1', '2026-11-23'], ['T2', '2026-11-23']]);
    expect(findSheet(state, 'Sheet1')!.rows.length).toBe(3);
  });

  test('insert and delete rows move values, formats, notes and validations', () => {
    const { app, sheet } = setup();
    sheet.getRange('A1:B3').setValues([['h1', 'h2'], ['a', '新建'], ['b', '处理中']]);
    sheet.getRange('B2:B3').setDataValidation(statusRule(app));
    sheet.getRange('A3').setNote('note b').setNumberFormat('@');
    sheet.insertRowsBefore(2, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A5').getValue()).toBe('b');
    expect(sheet.getRange('A5').getNote()).toBe('note b');
    expect(sheet.getRange('A5').getNumberFormat()).toBe('@');
    expect(sheet.getRange('B5').getDataValidation()!.getCriteriaValues()[0]).toEqual(['新建', '处理中', '已解决']);
    // New rows are empty but take formats and validations from the row they were inserted before.
    expect(sheet.getRange('A2:B3').getValues()).toEqual([['', ''], ['', '']]);
    expect(sheet.getRange('B2').getDataValidation()).not.toBeNull();
    sheet.deleteRow(4);
    expect(sheet.getRange('A4').getValue()).toBe('b');
    expect(sheet.getRange('B4').getDataValidation()!.getAllowInvalid()).toBe(false);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(thrown(() => sheet.deleteRows(1000, 5)).message).toBe('Exception: Those rows are out of bounds.');
  });

  test('insert, delete and move columns keep cells together', () => {
    const { sheet, state } = setup();
    sheet.getRange('A1:C2').setValues([['a', 'b', 'c'], [1, 2, 3]]);
    sheet.getRange('B2').setNumberFormat('0.00');
    sheet.setColumnWidth(2, 180);
    sheet.insertColumnAfter(1);
    expect(sheet.getRange('A1:D1').getValues()).toEqual([['a', '', 'b', 'c']]);
    expect(sheet.getRange('C2').getDisplayValue()).toBe('2.00');
    expect(state.spreadsheet.sheets[0]!.columnWidths).toEqual({ '3': 180 });
    sheet.deleteColumn(2);
    sheet.moveColumns(sheet.getRange('A1'), 4); // A goes after C
    expect(sheet.getRange('A1:C2').getDisplayValues()).toEqual([['b', 'c', 'a'], ['2.00', '3', '1']]);
    expect(sheet.getColumnWidth(1)).toBe(180);
    expect(sheet.getMaxColumns()).toBe(26);
  });

  test('deleteColumns removes a run of columns, within the same bounds as deleteColumn', () => {
    const { sheet } = setup();
    sheet.getRange('A1:D1').setValues([['a', 'b', 'c', 'd']]);
    sheet.deleteColumns(2, 2);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['a', 'd']]);
    expect(sheet.getMaxColumns()).toBe(24);
    expect(thrown(() => sheet.deleteColumns(20, 10)).message).toMatch(/out of bounds|超出/);
    expect(thrown(() => sheet.deleteColumns(1, 24)).message).toContain('not possible to delete all non-frozen columns');
  });

  test('sheet sort keeps frozen rows; range sort puts blanks last and moves formats', () => {
    const { app, sheet } = setup();
    sheet.getRange('A1:B5').setValues([['名称', '数'], ['b', 2], ['a', ''], ['c', 10], ['d', 1]]);
    sheet.getRange('A4').setNote('c’s note');
    sheet.getRange('B2:B5').setDataValidation(app.newDataValidation().requireNumberBetween(0, 100).build());
    sheet.setFrozenRows(1);
    sheet.sort(2, false);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['名称', 'c', 'b', 'd', 'a']);
    expect(sheet.getRange('A2').getNote()).toBe('c’s note');
    sheet.getRange('A2:B5').sort({ column: 1, ascending: true });
    expect(sheet.getRange('A2:B5').getValues()).toEqual([['a', ''], ['b', 2], ['c', 10], ['d', 1]]);
    sheet.getRange('A2:B5').sort([{ column: 2, ascending: true }]);
    expect(sheet.getRange('B2:B5').getValues().flat()).toEqual([1, 2, 10, '']);
    expect(thrown(() => sheet.getRange('A2:A5').sort(3)).message).toMatch(/within the range/);
  });

  test('property: inserting then deleting the same rows restores the sheet', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 5 }), (at, n) => {
        const { sheet, state } = setup();
        sheet.getRange('A1:B6').setValues([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd'], [5, 'e'], [6, 'f']]);
        sheet.getRange('B3').setNote('n');
        const before = JSON.stringify(state.spreadsheet.sheets[0]);
        sheet.insertRowsAfter(at, n);
        sheet.deleteRows(at + 1, n);
        expect(JSON.stringify(state.spreadsheet.sheets[0])).toBe(before);
      }),
      { numRuns: 40 },
    );
  });
});

describe('cell size', () => {
  test('a write with one cell over 50,000 characters fails whole, and writes nothing', () => {
    const { app } = setup();
    const sheet = app.getActiveSpreadsheet().insertSheet('长');
    const range = sheet.getRange('A1:B1');
    expect(() => range.setValues([['短', 'x'.repeat(50_001)]])).toThrow(/more than the maximum of 50000 characters/);
    expect(range.getValues()).toEqual([['', '']]);
    range.setValues([['短', 'x'.repeat(50_000)]]);
    expect(String(range.getValues()[0]![1]).length).toBe(50_000);
    expect(() => sheet.getRange('C1').setValue('y'.repeat(50_001))).toThrow(/50000 characters/);
  });
});

describe('text finder', () => {
  function filled() {
    const env = setup();
    const s2 = env.app.getActiveSpreadsheet().insertSheet('工单');
    s2.getRange('A1:C3').setValues([['T001', 'Apple pie', '=A1'], ['T002', 'apple', 'Café'], ['t001x', 'APPLE', 'x']]);
    return { ...env, s2 };
  }
  const a1 = (rs: RangeEmu[]) => rs.map((r) => r.getA1Notation());

  test('regular expressions are RE2: lookaround and back-references are refused, escaped or bracketed ones are text', () => {
    const { s2 } = filled();
    for (const bad of ['T(?=00)', 'T(?!x)', '(?<=T)001', '(?<!x)001', '(a)\\1', '(?<n>a)\\k<n>']) {
      expect(() => s2.createTextFinder(bad).useRegularExpression(true).findAll()).toThrow(/Invalid regular expression/);
    }
    expect(a1(s2.createTextFinder('\\(?=').useRegularExpression(true).findAll())).toEqual([]);
    expect(a1(s2.createTextFinder('T00[1(?=]').useRegularExpression(true).matchEntireCell(true).findAll())).toEqual(['A1']);
    // Without useRegularExpression the same text is searched literally.
    expect(a1(s2.createTextFinder('T(?=00)').findAll())).toEqual([]);
  });

  test('partial, case-insensitive by default, row by row then column', () => {
    const { s2 } = filled();
    expect(a1(s2.createTextFinder('apple').findAll())).toEqual(['B1', 'B2', 'B3']);
    expect(a1(s2.createTextFinder('apple').matchCase(true).findAll())).toEqual(['B2']);
    expect(a1(s2.createTextFinder('T001').matchEntireCell(true).findAll())).toEqual(['A1']);
    expect(a1(s2.createTextFinder('^T00\\d$').useRegularExpression(true).findAll())).toEqual(['A1', 'A2']);
    expect(a1(s2.createTextFinder('cafe').ignoreDiacritics(true).findAll())).toEqual(['C2']);
    expect(a1(s2.createTextFinder('A1').findAll())).toEqual([]);
    expect(a1(s2.createTextFinder('=A1').matchFormulaText(true).findAll())).toEqual(['C1']);
  });

  test('findNext walks the matches and ends with null; searches read no cells', () => {
    const { s2, meter, app } = filled();
    meter.reset();
    const f = s2.getRange('B1:B3').createTextFinder('apple');
    expect(f.findNext()!.getA1Notation()).toBe('B1');
    expect(f.findNext()!.getA1Notation()).toBe('B2');
    expect(f.findPrevious()!.getA1Notation()).toBe('B1');
    expect(f.startFrom(s2.getRange('B2')).findNext()!.getA1Notation()).toBe('B3');
    expect(f.findNext()).toBeNull();
    expect(meter.snapshot().cellsRead).toBe(0);
    const found = app.getActiveSpreadsheet().createTextFinder('t002').findNext()!;
    expect([found.getSheet().getName(), found.getA1Notation()]).toEqual(['工单', 'A2']);
  });
});

describe('validation rules', () => {
  test('a fresh builder has no criteria: its type is null and build() refuses', () => {
    const { app } = setup();
    const builder = app.newDataValidation();
    expect(builder.getCriteriaType()).toBeNull();
    expect(thrown(() => builder.setAllowInvalid(false).build()).message).toMatch(/criteria/);
    expect(builder.requireValueInList(['a']).getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(builder.build().getCriteriaType()).toBe('VALUE_IN_LIST');
  });

  test('a number range keeps the order given, and a typed value is checked between the smaller and the larger', () => {
    const { app, sheet, state } = setup();
    const rule = app.newDataValidation().requireNumberBetween(70, 20).setAllowInvalid(false).build();
    expect(rule.getCriteriaValues()).toEqual([70, 20]);
    sheet.getRange('A1:A3').setDataValidation(rule);
    expect(sheet.getRange('A1').getDataValidation()!.getCriteriaValues()).toEqual([70, 20]);
    expect(userEdit(state, 'Sheet1', 1, 1, '50', 'staff@example.com').ok).toBe(true);
    expect(userEdit(state, 'Sheet1', 2, 1, '20', 'staff@example.com').ok).toBe(true);
    expect(userEdit(state, 'Sheet1', 3, 1, '71', 'staff@example.com')).toEqual({ ok: false, reason: 'invalid', message: '输入的值必须是介于 20 和 70 之间的数字' });
  });
});

describe('arguments no overload takes', () => {
  test('are refused with the types given, as Apps Script words it', () => {
    const { app, sheet } = setup();
    const ss = app.getActiveSpreadsheet();
    const bad = (fn: () => unknown) => thrown(fn).message;
    const call = sheet as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(bad(() => call.getRange!('A1', 5))).toBe("Exception: The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    expect(bad(() => call.getRange!(3))).toBe("Exception: The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    expect(bad(() => call.getRange!(1, '2'))).toBe("Exception: The parameters (number,String) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    expect(bad(() => call.getRange!(true, null))).toBe("Exception: The parameters (Boolean,null) don't match the method signature for SpreadsheetApp.Sheet.getRange.");
    const range = sheet.getRange('A1:B2') as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(bad(() => range.setValue!([1, 2]))).toBe("Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValue.");
    expect(bad(() => range.setValues!([1, 2]))).toBe("Exception: The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.");
    expect(bad(() => range.setValues!(undefined))).toBe("Exception: The parameters (null) don't match the method signature for SpreadsheetApp.Range.setValues.");
    expect(bad(() => range.setValues!([['a', 'b']]))).toBe('Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
    expect(bad(() => (ss as unknown as Record<string, (...args: unknown[]) => unknown>).getSheetByName!(1))).toBe(
      "Exception: The parameters (number) don't match the method signature for SpreadsheetApp.Spreadsheet.getSheetByName.",
    );
    expect(bad(() => (sheet as unknown as Record<string, (...args: unknown[]) => unknown>).appendRow!({ a: 1 }))).toBe(
      "Exception: The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
    );
    expect(bad(() => (app.newDataValidation() as unknown as Record<string, (...args: unknown[]) => unknown>).requireValueInList!(sheet))).toBe(
      "Exception: The parameters ((class)) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
    );
    // Nothing was written by the refused calls.
    expect(sheet.getRange('A1:B2').getValues()).toEqual([['', ''], ['', '']]);
  });
});

describe('validation and protection for user edits', () => {
  test('script writes ignore validation; user edits are checked', () => {
    const { app, sheet, state } = setup();
    const strict = app.newDataValidation().requireValueInList(['新建', '已解决'], true).setAllowInvalid(false).setHelpText('请从列表中选择').build();
    sheet.getRange('A1:A10').setDataValidation(strict);
    sheet.getRange('B1').setDataValidation(app.newDataValidation().requireValueInList(['x']).build()); // allowInvalid defaults to true
    sheet.getRange('A1').setValue('随便'); // a script may write anything
    expect(sheet.getRange('A1').getValue()).toBe('随便');
    expect(state.spreadsheet.sheets[0]!.rules.length).toBe(2);

    expect(userEdit(state, 'Sheet1', 2, 1, '乱写', 'staff@example.com')).toEqual({ ok: false, reason: 'invalid', message: '请从列表中选择' });
    expect(userEdit(state, 'Sheet1', 2, 1, '已解决', 'staff@example.com')).toEqual({ ok: true, oldValue: null, newValue: '已解决' });
    expect(userEdit(state, 'Sheet1', 1, 2, 'y', 'staff@example.com').ok).toBe(true);
    expect(userEdit(state, 'Sheet1', 3, 1, '', 'staff@example.com').ok).toBe(true);
  });

  test('protected cells refuse users who are neither owner nor editor, unless warning only', () => {
    const { app, sheet, state } = setup();
    const p = sheet.getRange('A1:B1').protect().setDescription('表头');
    // A new protection lists no editors, not even the owner (who may edit it all the same).
    expect(p.getEditors()).toEqual([]);
    p.addEditor('lead@example.com');
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['lead@example.com']);
    expect(p.getRange().getA1Notation()).toBe('A1:B1');
    const refused = userEdit(state, 'Sheet1', 1, 2, 'x', 'staff@example.com');
    expect(refused).toMatchObject({ ok: false, reason: 'protected' });
    expect(userEdit(state, 'Sheet1', 1, 1, 'x', 'lead@example.com').ok).toBe(true);
    expect(userEdit(state, 'Sheet1', 1, 1, 'y', 'admin@example.com').ok).toBe(true);
    expect(userEdit(state, 'Sheet1', 2, 1, 'free', 'staff@example.com').ok).toBe(true);
    p.setWarningOnly(true);
    expect(userEdit(state, 'Sheet1', 1, 2, 'x', 'staff@example.com').ok).toBe(true);
    p.remove();
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([]);
  });

  test('a script running as a user who may not edit a protected range is refused the whole write; the owner and editors are not', () => {
    const { env, sheet, state } = setup();
    sheet.getRange('A1:B1').protect().addEditor('lead@example.com');
    env.execution = env.newExecution('menu', 'staff@example.com', 'FULL', 'staff@example.com');
    expect(thrown(() => sheet.getRange('B1:C2').setValues([['a', 'b'], ['c', 'd']])).message).toBe(
      'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    expect(thrown(() => sheet.getRange('A1').setNumberFormat('@')).message).toContain('protected cell');
    expect(getCell(findSheet(state, 'Sheet1')!, 2, 3)).toBeNull();
    sheet.getRange('A2:C2').setValues([['free', 'row', 'below']]);
    env.execution = env.newExecution('menu', 'lead@example.com', 'FULL', 'lead@example.com');
    sheet.getRange('A1').setValue('lead');
    env.execution = env.newExecution('trigger', '', 'FULL', state.owner);
    sheet.getRange('B1').setValue('owner');
    expect([getCell(findSheet(state, 'Sheet1')!, 1, 1), getCell(findSheet(state, 'Sheet1')!, 1, 2)]).toEqual(['lead', 'owner']);
  });

  test('editors are added and removed in lists; domain-wide editing lets the owner\'s Workspace domain edit, and exists only in a domain', () => {
    const { sheet, state } = setup();
    const p = sheet.protect();
    p.addEditors(['a@example.com', 'b@example.com']);
    p.removeEditors(['A@example.com']);
    expect(p.getEditors().map((u) => u.getEmail())).toEqual(['b@example.com']);
    expect(userEdit(state, 'Sheet1', 1, 1, 'x', 'a@example.com').ok).toBe(false);
    expect(userEdit(state, 'Sheet1', 1, 1, 'x', 'b@example.com').ok).toBe(true);
    expect(p.canDomainEdit()).toBe(false);
    p.setDomainEdit(true);
    expect(p.canDomainEdit()).toBe(true);
    expect(userEdit(state, 'Sheet1', 1, 1, 'y', 'a@example.com').ok).toBe(true);
    expect(userEdit(state, 'Sheet1', 1, 1, 'y', 'someone@elsewhere.org').ok).toBe(false);
    p.setDomainEdit(false);
    expect(userEdit(state, 'Sheet1', 1, 1, 'z', 'a@example.com').ok).toBe(false);
    state.accounts = 'consumer';
    expect(thrown(() => p.setDomainEdit(true)).message).toContain('only supported on documents within a domain');
  });

  test('a sheet protection covers every cell and is listed by type', () => {
    const { app, sheet, state } = setup();
    sheet.protect().setDescription('整表');
    expect(sheet.protect().getDescription()).toBe('整表');
    const list = app.getActiveSpreadsheet().getProtections(app.ProtectionType.SHEET);
    expect(list.map((x) => x.getProtectionType())).toEqual(['SHEET']);
    expect(userEdit(state, 'Sheet1', 500, 20, '1', 'staff@example.com').ok).toBe(false);
    expect(readGrid(state.spreadsheet.sheets[0]!)).toEqual([]);
  });

  test('inserted rows shift a range protection', () => {
    const { sheet, state } = setup();
    sheet.getRange('A2:C3').protect();
    sheet.insertRowBefore(1);
    expect(state.spreadsheet.sheets[0]!.protections[0]).toMatchObject({ row: 3, numRows: 2 });
    sheet.insertRowAfter(3);
    expect(state.spreadsheet.sheets[0]!.protections[0]).toMatchObject({ row: 3, numRows: 3 });
  });
});

describe('Ui', () => {
  test('menus, alerts, prompts, sidebars and toasts are recorded for the host', () => {
    const { app } = setup();
    const ui = app.getUi();
    ui.createMenu('客户管理').addItem('初始化', 'setup').addSeparator().addSubMenu(ui.createMenu('报表').addItem('周报', 'weekly')).addToUi();
    expect(app.ui.menus).toEqual([
      {
        caption: '客户管理',
        addon: false,
        entries: [
          { kind: 'item', caption: '初始化', functionName: 'setup' },
          { kind: 'separator' },
          { kind: 'submenu', caption: '报表', entries: [{ kind: 'item', caption: '周报', functionName: 'weekly' }] },
        ],
      },
    ]);
    expect(ui.alert('完成')).toBe(ui.Button.OK);
    expect(ui.alert('确认', '删除？', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    app.ui.answers.push({ button: 'CANCEL', text: 'abc' });
    const r = ui.prompt('输入', ui.ButtonSet.OK_CANCEL);
    expect([r.getSelectedButton(), r.getResponseText()]).toEqual([ui.Button.CANCEL, 'abc']);
    expect(app.ui.alerts.map((a) => a.prompt)).toEqual(['完成', '删除？']);
    const html = { getContent: () => '<p>侧栏</p>', getTitle: () => '手工录入' } as unknown as GoogleAppsScript.HTML.HtmlOutput;
    ui.showSidebar(html);
    ui.showModalDialog(html, '查看');
    expect(app.ui.sidebar).toEqual({ html: '<p>侧栏</p>', title: '手工录入' });
    expect(app.ui.dialog).toEqual({ html: '<p>侧栏</p>', title: '查看', modal: true });
    app.getActiveSpreadsheet().toast('已保存', '提示');
    expect(app.ui.toasts).toEqual([{ message: '已保存', title: '提示', at: SHANGHAI_2026_11_23_10 }]);
  });
});

describe('metering', () => {
  test('every call and every cell is counted', () => {
    const { sheet, meter } = setup();
    sheet.getRange(1, 1, 3, 4).setValues([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]]);
    sheet.getRange('A1:B2').getValues();
    sheet.getLastRow();
    const snap = meter.snapshot();
    expect(snap.calls).toEqual({ 'Sheet.getRange': 2, 'Range.setValues': 1, 'Range.getValues': 1, 'Sheet.getLastRow': 1 });
    expect(snap.byService).toEqual({ Spreadsheet: 5 });
    expect([snap.cellsWritten, snap.cellsRead]).toEqual([12, 4]);
  });

  test('an injected fault makes the nth call throw in the bundle realm, and nothing is written', () => {
    const { sheet, faults } = setup();
    faults.failCall('Range.setValues', 2);
    sheet.getRange('A1').setValues([[1]]);
    const err = thrown(() => sheet.getRange('A2').setValues([[2]]));
    expect(err.message).toMatch(/injected fault/);
    expect(err.realm).toBe('bundle');
    sheet.getRange('A3').setValues([[3]]);
    expect(sheet.getRange('A1:A3').getValues().flat()).toEqual([1, '', 3]);
  });
});

describe('hidden and frozen columns, column widths', () => {
  test('hideColumns stores what it hides; showColumns, hideColumn and unhideColumn change it; out-of-bounds columns are refused', () => {
    const { app, sheet, state } = setup();
    expect(sheet.isColumnHiddenByUser(2)).toBe(false);
    sheet.hideColumns(2);
    sheet.hideColumns(4, 3);
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, true, false, true, true, true, false]);
    sheet.showColumns(5);
    sheet.unhideColumn(sheet.getRange('D1:F9'));
    sheet.hideColumn(sheet.getRange('X3:Z3'));
    expect(state.spreadsheet.sheets[0]!.hiddenColumns).toEqual([2, 24, 25, 26]);
    const bad = (fn: () => unknown) => thrown(fn).message;
    expect(bad(() => sheet.hideColumns(26, 2))).toBe('Exception: Those columns are out of bounds.');
    expect(bad(() => sheet.hideColumns(0))).toBe('Exception: Those columns are out of bounds.');
    expect(bad(() => sheet.showColumns(3, 0))).toBe('Exception: Those columns are out of bounds.');
    expect(bad(() => sheet.isColumnHiddenByUser(27))).toBe('Exception: Those columns are out of bounds.');
    const other = app.getActiveSpreadsheet().insertSheet('其他');
    expect(bad(() => sheet.unhideColumn(other.getRange('B1')))).toBe('Exception: The range must be on this sheet.');
    sheet.showColumns(1, 26);
    expect(state.spreadsheet.sheets[0]!.hiddenColumns).toBeUndefined();
  });

  test('hidden columns, widths and frozen columns follow columns inserted, deleted and moved', () => {
    const { sheet, state } = setup();
    sheet.getRange('A1:D1').setValues([['a', 'b', 'c', 'd']]);
    sheet.hideColumns(3);
    sheet.setColumnWidth(3, 150);
    sheet.setFrozenColumns(2);
    sheet.insertColumnsAfter(1, 2); // c moves to E
    expect(sheet.getRange('E1').getValue()).toBe('c');
    expect([sheet.isColumnHiddenByUser(3), sheet.isColumnHiddenByUser(5), sheet.getColumnWidth(5), sheet.getColumnWidth(3)]).toEqual([false, true, 150, 100]);
    sheet.deleteColumn(2); // c moves to D, the frozen area loses B
    expect([sheet.isColumnHiddenByUser(4), sheet.getColumnWidth(4), sheet.getFrozenColumns()]).toEqual([true, 150, 1]);
    sheet.moveColumns(sheet.getRange('D1'), 1); // c moves to A
    expect(sheet.getRange('A1').getValue()).toBe('c');
    expect([sheet.isColumnHiddenByUser(1), sheet.getColumnWidth(1), sheet.isColumnHiddenByUser(4)]).toEqual([true, 150, false]);
    sheet.deleteColumn(1);
    expect(state.spreadsheet.sheets[0]!.hiddenColumns).toBeUndefined();
    expect(state.spreadsheet.sheets[0]!.columnWidths).toEqual({});
  });

  test('setFrozenColumns freezes columns, never every visible one; getFrozenColumns reads it back', () => {
    const { sheet } = setup();
    expect(sheet.getFrozenColumns()).toBe(0);
    sheet.setFrozenColumns(2);
    expect(sheet.getFrozenColumns()).toBe(2);
    const bad = (fn: () => unknown) => thrown(fn).message;
    expect(bad(() => sheet.setFrozenColumns(26))).toBe("Exception: You can't freeze all visible columns on the sheet.");
    expect(bad(() => sheet.setFrozenColumns(27))).toBe('Exception: Those columns are out of bounds.');
    expect(bad(() => sheet.setFrozenColumns(-1))).toBe('Exception: Those columns are out of bounds.');
    sheet.hideColumns(4, 23);
    expect(bad(() => sheet.setFrozenColumns(3))).toBe("Exception: You can't freeze all visible columns on the sheet.");
    sheet.setFrozenColumns(0);
    expect(sheet.getFrozenColumns()).toBe(0);
    // The frozen columns cannot all be deleted around: deleteColumns keeps one unfrozen column.
    sheet.setFrozenColumns(2);
    expect(bad(() => sheet.deleteColumns(3, 24))).toContain('not possible to delete all non-frozen columns');
  });

  test('setColumnWidths sets a run of columns; a run past the sheet is refused', () => {
    const { sheet } = setup();
    expect(sheet.setColumnWidths(2, 3, 120)).toBe(sheet);
    expect([1, 2, 3, 4, 5].map((c) => sheet.getColumnWidth(c))).toEqual([100, 120, 120, 120, 100]);
    expect(thrown(() => sheet.setColumnWidths(25, 3, 80)).message).toBe('Exception: Those columns are out of bounds.');
    expect(sheet.getColumnWidth(25)).toBe(100);
  });
});

describe('wrapping and vertical alignment', () => {
  test('a new cell wraps by getWrap but overflows by getWrapStrategy; setWrap, setWraps and the strategies read back', () => {
    const { app, sheet } = setup();
    const r = sheet.getRange('A1:B2');
    expect([r.getWrap(), r.getWrapStrategy(), r.getVerticalAlignment()]).toEqual([true, 'OVERFLOW', 'bottom']);
    r.setWrapStrategy(app.WrapStrategy.CLIP);
    expect(r.getWraps()).toEqual([[false, false], [false, false]]);
    r.setWraps([[true, false], [false, true]]);
    expect(r.getWrapStrategies()).toEqual([['WRAP', 'OVERFLOW'], ['OVERFLOW', 'WRAP']]);
    expect(r.getWraps()).toEqual([[true, false], [false, true]]);
    r.setWrap(false);
    expect([r.getWrap(), r.getWrapStrategy()]).toEqual([false, app.WrapStrategy.OVERFLOW]);
    r.setWrapStrategies([[app.WrapStrategy.WRAP, app.WrapStrategy.CLIP], [app.WrapStrategy.OVERFLOW, app.WrapStrategy.WRAP]]);
    expect(r.getWrapStrategies()).toEqual([['WRAP', 'CLIP'], ['OVERFLOW', 'WRAP']]);
    r.setVerticalAlignment('MIDDLE' as 'middle');
    expect(sheet.getRange('B2').getVerticalAlignment()).toBe('middle');
    r.setVerticalAlignment(null);
    expect(r.getVerticalAlignment()).toBe('bottom');
  });

  test('bad arguments are refused and write nothing', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1') as unknown as Record<string, (...args: unknown[]) => unknown>;
    const bad = (fn: () => unknown) => thrown(fn).message;
    expect(bad(() => r.setWrap!('yes'))).toBe("Exception: The parameters (String) don't match the method signature for SpreadsheetApp.Range.setWrap.");
    expect(bad(() => r.setWrapStrategy!('SHRINK'))).toBe("Exception: The parameters (String) don't match the method signature for SpreadsheetApp.Range.setWrapStrategy.");
    expect(bad(() => r.setWraps!([[true]]))).toBe('Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.');
    expect(bad(() => r.setWraps!([[true, 1]]))).toBe("Exception: The parameters (number) don't match the method signature for SpreadsheetApp.Range.setWraps.");
    expect(bad(() => r.setVerticalAlignment!('center'))).toBe('Exception: Invalid argument: alignment (center)');
    expect(sheet.getRange('A1:B1').getWrapStrategies()).toEqual([['OVERFLOW', 'OVERFLOW']]);
  });

  test('wrapping and alignment move with sorts and columns, and rows and columns inserted beside take them', () => {
    const { state, sheet } = setup();
    sheet.getRange('A1:B3').setValues([['名称', '描述'], ['b', '第二'], ['a', '第一']]);
    sheet.getRange('B2').setWrap(true).setVerticalAlignment('top');
    sheet.setFrozenRows(1);
    sheet.sort(1);
    expect(sheet.getRange('B2:B3').getWrapStrategies()).toEqual([['OVERFLOW'], ['WRAP']]);
    expect(sheet.getRange('B3').getVerticalAlignment()).toBe('top');
    sheet.insertRowsBefore(3, 1); // the new row 3 takes row 3's formats
    expect([sheet.getRange('B3').getWrapStrategy(), sheet.getRange('B4').getWrapStrategy()]).toEqual(['WRAP', 'WRAP']);
    sheet.insertColumnAfter(2); // the new column C takes column B's formats
    expect(sheet.getRange('C4').getWrapStrategy()).toBe('WRAP');
    sheet.moveColumns(sheet.getRange('B1'), 1);
    expect(sheet.getRange('A4').getVerticalAlignment()).toBe('top');
    expect(state.spreadsheet.sheets[0]!.rows[3]!.wrap).toEqual(['WRAP', null, 'WRAP']);
  });

  test('a user who may not edit a protected cell cannot change its wrapping either', () => {
    const { env, sheet } = setup();
    sheet.getRange('A1').protect();
    env.execution = env.newExecution('menu', 'staff@example.com', 'FULL', 'staff@example.com');
    expect(thrown(() => sheet.getRange('A1:B1').setWrap(true)).message).toContain('protected cell');
    expect(sheet.getRange('A1').getWrapStrategy()).toBe('OVERFLOW');
  });
});

describe('conditional format rules', () => {
  function overdueRule(app: SpreadsheetAppEmu, range: RangeEmu) {
    return app.newConditionalFormatRule().whenFormulaSatisfied('=AND($C2<>"", $C2<NOW())').setBackground('#F4CCCC').setFontColor('red').setBold(true).setRanges([range]).build();
  }

  test('rules built, set and read back: criteria, values, format and ranges; set replaces every rule', () => {
    const { app, sheet, state } = setup();
    const high = app.newConditionalFormatRule().whenTextEqualTo('高').setFontColor('#c00').setRanges([sheet.getRange('D2:D1000'), sheet.getRange('F2')]).build();
    sheet.setConditionalFormatRules([overdueRule(app, sheet.getRange('A2:E1000')), high]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(2);
    const overdue = rules[0]!.getBooleanCondition();
    expect(overdue.getCriteriaType()).toBe(app.BooleanCriteria.CUSTOM_FORMULA);
    expect(overdue.getCriteriaValues()).toEqual(['=AND($C2<>"", $C2<NOW())']);
    expect([overdue.getBackground(), overdue.getFontColor(), overdue.getBold()]).toEqual(['#f4cccc', '#ff0000', true]);
    expect(rules[0]!.getRanges().map((r) => r.getA1Notation())).toEqual(['A2:E1000']);
    expect(rules[0]!.getGradientCondition()).toBeNull();
    const text = rules[1]!.getBooleanCondition();
    expect([text.getCriteriaType(), text.getCriteriaValues(), text.getFontColor(), text.getBackground(), text.getBold()]).toEqual(['TEXT_EQUAL_TO', ['高'], '#cc0000', null, null]);
    expect(rules[1]!.getRanges().map((r) => r.getA1Notation())).toEqual(['D2:D1000', 'F2']);
    expect(state.spreadsheet.sheets[0]!.conditionalFormats![1]).toEqual({ ranges: ['D2:D1000', 'F2'], criteria: 'TEXT_EQUAL_TO', values: ['高'], format: { fontColor: '#cc0000' } });
    // copy() starts a builder with the rule's settings; the rule itself does not change.
    const plain = rules[0]!.copy().setBackground(null).setBold(null).build();
    expect([plain.getBooleanCondition().getBackground(), plain.getBooleanCondition().getBold(), plain.getBooleanCondition().getFontColor()]).toEqual([null, null, '#ff0000']);
    expect(rules[0]!.getBooleanCondition().getBackground()).toBe('#f4cccc');
    sheet.setConditionalFormatRules([plain]);
    expect(sheet.getConditionalFormatRules().map((r) => r.getBooleanCondition().getCriteriaType())).toEqual(['CUSTOM_FORMULA']);
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
    expect(state.spreadsheet.sheets[0]!.conditionalFormats).toBeUndefined();
  });

  test('a builder reads back what it holds, and a fresh one has no condition', () => {
    const { app, sheet } = setup();
    const builder = app.newConditionalFormatRule();
    expect(builder.getBooleanCondition()).toBeNull();
    expect(builder.getRanges()).toEqual([]);
    builder.whenTextEqualTo('高').setRanges([sheet.getRange('B2:B9')]);
    expect(builder.getBooleanCondition()!.getCriteriaValues()).toEqual(['高']);
    expect(builder.getRanges()[0]!.getA1Notation()).toBe('B2:B9');
    const copy = builder.copy().whenFormulaSatisfied('=B2="高"');
    expect(builder.getBooleanCondition()!.getCriteriaType()).toBe('TEXT_EQUAL_TO');
    expect(copy.getBooleanCondition()!.getCriteriaType()).toBe('CUSTOM_FORMULA');
  });

  test('refusals: a formula without "=", a rule without criteria or ranges, ranges on two sheets or on another sheet, a bad colour', () => {
    const { app, sheet } = setup();
    const other = app.getActiveSpreadsheet().insertSheet('其他');
    const bad = (fn: () => unknown) => thrown(fn).message;
    const builder = () => app.newConditionalFormatRule() as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(bad(() => app.newConditionalFormatRule().whenFormulaSatisfied('$C2<NOW()'))).toBe('Exception: A conditional format formula must start with "=": $C2<NOW()');
    expect(bad(() => builder().whenFormulaSatisfied!(5))).toBe(
      "Exception: The parameters (number) don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.whenFormulaSatisfied.",
    );
    expect(bad(() => app.newConditionalFormatRule().setBackground('red').build())).toBe('Exception: You must specify the criteria for the conditional format rule.');
    expect(bad(() => app.newConditionalFormatRule().setRanges([sheet.getRange('A1'), other.getRange('A1')]))).toBe(
      'Exception: The ranges of a conditional format rule must all be on the same sheet.',
    );
    expect(bad(() => app.newConditionalFormatRule().setBackground('reddish'))).toBe('Exception: Invalid argument: color (reddish)');
    expect(bad(() => builder().setRanges!(sheet.getRange('A1')))).toBe(
      "Exception: The parameters ((class)) don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.",
    );
    const noRanges = app.newConditionalFormatRule().whenTextEqualTo('x').build();
    expect(bad(() => sheet.setConditionalFormatRules([noRanges]))).toBe('Exception: A conditional format rule needs at least one range (setRanges).');
    expect(bad(() => sheet.setConditionalFormatRules([overdueRule(app, other.getRange('A2:A9'))]))).toBe(
      'Exception: The ranges of a conditional format rule must be on the sheet it is set on.',
    );
    const call = sheet as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(bad(() => call.setConditionalFormatRules!(noRanges))).toBe("Exception: The parameters ((class)) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.");
    expect(bad(() => call.setConditionalFormatRules!([{}]))).toBe('Exception: Invalid argument: rules');
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  test('ranges follow rows and columns inserted, deleted and moved; a rule whose cells are all deleted is gone', () => {
    const { app, sheet, state } = setup();
    const cf = () => state.spreadsheet.sheets[0]!.conditionalFormats?.map((r) => r.ranges);
    sheet.setConditionalFormatRules([overdueRule(app, sheet.getRange('B2:C10')), overdueRule(app, sheet.getRange('E2:E10'))]);
    sheet.insertColumnsAfter(1, 1);
    expect(cf()).toEqual([['C2:D10'], ['F2:F10']]);
    sheet.insertColumnAfter(3); // inside the first range: it grows
    expect(cf()).toEqual([['C2:E10'], ['G2:G10']]);
    sheet.deleteColumns(4, 2);
    expect(cf()).toEqual([['C2:C10'], ['E2:E10']]);
    sheet.insertRowsBefore(1, 2);
    sheet.deleteRow(5);
    expect(cf()).toEqual([['C4:C11'], ['E4:E11']]);
    sheet.deleteColumn(5);
    expect(cf()).toEqual([['C4:C11']]);
    sheet.setConditionalFormatRules([overdueRule(app, sheet.getRange('B2:C3'))]);
    sheet.moveColumns(sheet.getRange('B1'), 5); // A B C D E → A C D B E: B and C are apart now
    expect(cf()).toEqual([['B2:B3', 'D2:D3']]);
    expect(sheet.getConditionalFormatRules()[0]!.getRanges().map((r) => r.getA1Notation())).toEqual(['B2:B3', 'D2:D3']);
  });
});

describe('recalculation interval', () => {
  test('ON_CHANGE until set; HOUR and MINUTE are stored; anything else is refused', () => {
    const { app, state } = setup();
    const ss = app.getActiveSpreadsheet();
    expect(ss.getRecalculationInterval()).toBe(app.RecalculationInterval.ON_CHANGE);
    expect(ss.setRecalculationInterval(app.RecalculationInterval.HOUR)).toBe(ss);
    expect(ss.getRecalculationInterval()).toBe('HOUR');
    expect(state.spreadsheet.recalculationInterval).toBe('HOUR');
    const call = ss as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(thrown(() => call.setRecalculationInterval!('DAILY')).message).toBe(
      "Exception: The parameters (String) don't match the method signature for SpreadsheetApp.Spreadsheet.setRecalculationInterval.",
    );
    expect(ss.getRecalculationInterval()).toBe('HOUR');
  });
});

describe('the latency model knows the formatting calls', () => {
  test('builders are local, reads are reads, writes are cached writes', () => {
    expect(kindOf('Spreadsheet', 'SpreadsheetApp.newConditionalFormatRule')).toBe('local');
    expect(['ConditionalFormatRuleBuilder.build', 'ConditionalFormatRule.getRanges', 'BooleanCondition.getCriteriaValues'].map((m) => kindOf('Spreadsheet', m))).toEqual(['local', 'local', 'local']);
    expect(['Sheet.getConditionalFormatRules', 'Sheet.isColumnHiddenByUser', 'Sheet.getFrozenColumns', 'Range.getWrap', 'Spreadsheet.getRecalculationInterval'].map((m) => kindOf('Spreadsheet', m))).toEqual([
      'read', 'read', 'read', 'read', 'read',
    ]);
    expect(
      ['Sheet.setConditionalFormatRules', 'Sheet.clearConditionalFormatRules', 'Sheet.hideColumns', 'Sheet.showColumns', 'Sheet.unhideColumn', 'Sheet.setFrozenColumns', 'Sheet.setColumnWidths', 'Range.setWrap', 'Range.setVerticalAlignment', 'Spreadsheet.setRecalculationInterval'].map((m) =>
        kindOf('Spreadsheet', m),
      ),
    ).toEqual(Array(10).fill('write'));
  });
});
