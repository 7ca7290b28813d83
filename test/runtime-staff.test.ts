/**
 * People acting between two service calls of an execution: the any-call hook
 * and the Staff actions, on a small script of their own.
 */
import { Runtime } from '../local/runtime/runtime';
import { newState } from '../local/runtime/state';
import { findSheet, getCell } from '../local/runtime/sheet-data';

const SCRIPT = `
function readTwice() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('名单');
  var first = sheet.getRange(2, 1, 3, 1).getValues().map(function (r) { return r[0]; });
  var second = sheet.getRange(2, 1, 3, 1).getValues().map(function (r) { return r[0]; });
  return { first: first, second: second, name: sheet.getName() };
}
function onEdit(e) {
  PropertiesService.getScriptProperties().setProperty('edited', e.range.getA1Notation() + '=' + e.value);
}
function onChanged(e) {
  var props = PropertiesService.getScriptProperties();
  props.setProperty('changes', (props.getProperty('changes') || '') + e.changeType + ';');
}
function installChange() {
  ScriptApp.newTrigger('onChanged').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onChange().create();
}
function insertDuring() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('名单');
  sheet.getRange(1, 1).getValue();
  return PropertiesService.getScriptProperties().getProperty('changes');
}
`;

function runtime(): Runtime {
  const rt = new Runtime(newState({ clock: Date.parse('2026-11-23T10:00:00+08:00'), seed: 'staff' }));
  rt.load(SCRIPT);
  const sheet = rt.state.spreadsheet.sheets[0]!;
  sheet.name = '名单';
  sheet.frozenRows = 1;
  sheet.rows = [{ v: ['姓名', '分数'] }, { v: ['乙', 2] }, { v: ['甲', 1] }, { v: ['丙', 3] }];
  return rt;
}

test('a sort between two reads of one execution: the second read sees it, the frozen header stays', () => {
  const rt = runtime();
  // getActiveSpreadsheet, getSheetByName, getRange, getValues, then the sort before the second getRange.
  rt.meter.onCall('*', 5, () => rt.staff.sortSheet('名单', '分数', false));
  const r = rt.run('readTwice');
  expect(r.value).toEqual({ first: ['乙', '甲', '丙'], second: ['丙', '乙', '甲'], name: '名单' });
  expect(getCell(findSheet(rt.state, '名单')!, 1, 1)).toBe('姓名');
});

test('inserting a column, moving one, renaming the sheet: each acts on the spreadsheet at once', () => {
  const rt = runtime();
  rt.staff.insertColumn('名单', 1);
  expect(getCell(findSheet(rt.state, '名单')!, 2, 2)).toBe('乙');
  rt.staff.moveColumn('名单', 3, 1);
  expect(rt.staff.column('名单', '分数')).toBe(1);
  rt.staff.insertRow('名单', 2);
  expect(getCell(findSheet(rt.state, '名单')!, 3, 1)).toBe(2);
  rt.staff.deleteRow('名单', 2);
  rt.staff.deleteColumn('名单', 3);
  rt.staff.renameSheet('名单', '客户名单');
  expect(findSheet(rt.state, '名单')).toBeNull();
  expect(() => rt.staff.renameSheet('客户名单', '客户名单')).toThrow(/exists/);
  const r = rt.run('readTwice');
  expect(r.ok).toBe(false); // the script's sheet is gone under its old name
});

test('a value typed during an execution lands at once; its edit trigger runs after the execution, as its own', () => {
  const rt = runtime();
  rt.meter.onCall('*', 3, () => {
    const edit = rt.staff.type('名单', 2, 2, '9', rt.state.owner);
    expect(edit).toEqual({ ok: true, runs: [] });
  });
  const r = rt.run('readTwice');
  expect(rt.state.properties.script['edited']).toBe('B2=9');
  expect(r.triggered?.map((t) => [t.handler, t.ok])).toEqual([['onEdit', true]]);
  expect(getCell(findSheet(rt.state, '名单')!, 2, 2)).toBe(9);
});

test('structural changes fire the installable change trigger with their changeType; one made mid-run fires after that run', () => {
  const rt = runtime();
  expect(rt.run('installChange').ok).toBe(true);
  rt.staff.insertColumn('名单', 2);
  rt.staff.deleteColumn('名单', 2);
  rt.staff.insertRow('名单', 3);
  rt.staff.deleteRow('名单', 3);
  rt.staff.moveColumn('名单', 1, 3);
  rt.staff.renameSheet('名单', '名册');
  rt.staff.renameSheet('名册', '名单');
  expect(rt.state.properties.script['changes']).toBe('INSERT_COLUMN;REMOVE_COLUMN;INSERT_ROW;REMOVE_ROW;OTHER;OTHER;OTHER;');
  // Mid-run: the trigger is its own execution, after the one that was running; that one sees no change recorded.
  rt.state.properties.script['changes'] = '';
  rt.meter.onCall('Range.getValue', 1, () => rt.staff.insertColumn('名单', 1));
  const r = rt.run('insertDuring');
  expect(r.value).toBe('');
  expect(r.triggered?.map((x) => x.handler)).toEqual(['onChanged']);
  expect(rt.state.properties.script['changes']).toBe('INSERT_COLUMN;');
});

test('a person inserting, deleting or moving columns carries hidden columns, widths and conditional format ranges along', () => {
  const rt = runtime();
  const sheet = findSheet(rt.state, '名单')!;
  sheet.hiddenColumns = [2];
  sheet.columnWidths = { '2': 60 };
  sheet.conditionalFormats = [{ ranges: ['B2:B1000'], criteria: 'CUSTOM_FORMULA', values: ['=$B2>2'], format: { background: '#f4cccc' } }];
  rt.staff.insertColumn('名单', 1);
  expect([sheet.hiddenColumns, sheet.columnWidths, sheet.conditionalFormats[0]!.ranges]).toEqual([[3], { '3': 60 }, ['C2:C1000']]);
  rt.staff.moveColumn('名单', 3, 1);
  expect([sheet.hiddenColumns, sheet.columnWidths, sheet.conditionalFormats[0]!.ranges]).toEqual([[1], { '1': 60 }, ['A2:A1000']]);
  expect(rt.staff.column('名单', '分数')).toBe(1);
  rt.staff.deleteColumn('名单', 1);
  expect([sheet.hiddenColumns, sheet.columnWidths, sheet.conditionalFormats]).toEqual([undefined, {}, undefined]);
});
