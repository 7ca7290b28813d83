/**
 * Apps Script's limits in the Runtime, on small scripts of their own: every
 * call advances the execution's clock by its modelled time, an execution is
 * stopped at 6 minutes (a simple trigger at 30 seconds) whatever it catches,
 * an installer's triggers stop for the day after 90 minutes (consumer) or 6
 * hours (Workspace) of runtime, a spreadsheet holds at most 10 million cells,
 * and Google's errors are worded in the owner's language.
 */
import { Runtime } from '../local/runtime/runtime';
import { newState, type NewStateOptions } from '../local/runtime/state';
import { findSheet, getCell, lastRow } from '../local/runtime/sheet-data';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const HOUR = 3_600_000;

function runtime(script: string, opts: Partial<NewStateOptions> = {}): Runtime {
  const rt = new Runtime(newState({ clock: T0, seed: 'limits', ...opts }));
  rt.load(script);
  return rt;
}

const SCRIPT = `
function clockAfter(n) {
  var start = Date.now();
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  for (var i = 0; i < n; i++) sheet.getRange(1, 1).getValue();
  return Date.now() - start;
}
function endless() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var n = 0;
  for (;;) {
    n++;
    try { sheet.getRange(1, 1).setValue(n); } catch (e) { /* a script cannot catch its way past the limit */ }
    if (n > 20000) return 'still running';
  }
}
function budgeted() {
  var start = Date.now();
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var n = 0;
  while (Date.now() - start < 4 * 60 * 1000) sheet.getRange(1, 1).setValue(++n);
  return n;
}
function coordinates() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var range = sheet.getRange(2, 3, 4, 5);
  var t0 = Date.now();
  var ends = [range.getLastRow(), range.getLastColumn(), range.getRow(), range.getNumColumns()];
  var free = Date.now() - t0;
  sheet.getLastRow();
  return [ends, free, Date.now() - t0];
}
function onEdit(e) {
  var sheet = e.range.getSheet();
  for (var i = 0; i < 1000; i++) sheet.getRange(2, 1).setValue(i);
}
function install() {
  ScriptApp.newTrigger('tenMinutes').timeBased().everyHours(1).create();
}
function tenMinutes() {
  var props = PropertiesService.getScriptProperties();
  props.setProperty('runs', String(Number(props.getProperty('runs') || 0) + 1));
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  // 5 minutes of reads (160 ms each): each run spends that much of its installer's daily trigger runtime.
  for (var i = 0; i < 1875; i++) sheet.getRange(1, 2).getValue();
}
function outOfRange() {
  try { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(0, 1); } catch (e) { return e.message; }
}
function lockTimeout() {
  var lock = LockService.getScriptLock();
  try { lock.waitLock(-1); } catch (e) { return e.message; }
}
function mailQuota() {
  try { MailApp.sendEmail('a@example.com', 's', 'b'); } catch (e) { return e.message; }
}
function grow(rows) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  try { ss.getSheets()[0].insertRowsAfter(1, rows); return 'grown'; } catch (e) { return e.message; }
}
function addSheets(n) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  for (var i = 0; i < n; i++) ss.insertSheet('s' + i);
}
`;

describe('the execution clock', () => {
  test('each read moves the clock the script sees by a round trip (160 ms); builders cost nothing', () => {
    const rt = runtime(SCRIPT);
    const r = rt.run('clockAfter', [20]);
    expect(r.ok).toBe(true);
    // getActiveSpreadsheet and getRange are builders; getSheets + 20 × getValue = 21 reads of 160 ms; 20 cells' 0.2 ms is under a tick.
    expect(r.value).toBe(21 * 160);
    expect(r.modelledMs).toBeCloseTo(21 * 160 + 20 * 0.01, 5);
    expect(rt.state.clock).toBe(T0 + Math.floor(r.modelledMs));
    expect(r.meter.roundTrips).toBe(21);
  });

  test("a range's own coordinates, its last row and column too, are free; the sheet's last row is a round trip", () => {
    const rt = runtime(SCRIPT);
    const r = rt.run('coordinates');
    expect(r.value).toEqual([[5, 7, 2, 5], 0, 160]);
  });

  test('writes are cached: 50 ms a call, committed at the next read in one round trip with 0.1 ms a cell', () => {
    const rt = runtime(SCRIPT + `
function writeThenRead() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var t0 = Date.now();
  sheet.getRange(1, 1, 100, 20).setValues(Array.from({ length: 100 }, function () { return Array(20).fill('x'); }));
  var cached = Date.now() - t0;
  sheet.getRange(1, 1).getValue();
  return [cached, Date.now() - t0];
}
function writeOnly() {
  SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1, 10, 10).setValues(Array.from({ length: 10 }, function () { return Array(10).fill('y'); }));
}`);
    const r = rt.run('writeThenRead');
    // getSheets (160) first; then the write (50) waits, and the read carries the commit: 160 + 2,000 × 0.1.
    expect(r.value).toEqual([50, 50 + 160 + 200]);
    expect(r.meter.roundTrips).toBe(2);
    // What the script leaves cached is committed when it ends, within the execution.
    const w = rt.run('writeOnly');
    expect(w.modelledMs).toBeCloseTo(160 + 50 + 160 + 100 * 0.1, 5);
    expect(w.meter.roundTrips).toBe(2);
  });

  test('the time a lock is held is measured on the model\'s clock, up to its release or the execution\'s end', () => {
    const rt = runtime(SCRIPT + `
function holdLock() {
  var lock = LockService.getScriptLock();
  lock.waitLock(1000);
  SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1).getValue();
  lock.releaseLock();
  lock.waitLock(1000);
}`);
    const r = rt.run('holdLock');
    expect(r.ok).toBe(true);
    // First hold: getSheets + getValue (2 × 160, one cell 0.01) + releaseLock (30); the second: held until the end, no call after it.
    expect(r.meter.lockHeldMs).toBeCloseTo(2 * 160 + 0.01 + 30, 5);
  });
});

describe('time limits', () => {
  test('an execution is stopped at 6 minutes: the call after the limit throws, and it fails even if the script catches', () => {
    const rt = runtime(SCRIPT);
    const r = rt.run('endless');
    expect(r).toMatchObject({ ok: false, error: 'Exception: 超出了最长执行时间' });
    const written = Number(getCell(findSheet(rt.state, 'Sheet1')!, 1, 1));
    // About 6 minutes of 50 ms writes (getRange is a builder): the work up to the limit stays, nothing after it.
    expect(written).toBeGreaterThan(7000);
    expect(written).toBeLessThan(7300);
    expect(r.modelledMs).toBeGreaterThan(6 * 60_000);
    expect(r.modelledMs).toBeLessThan(6 * 60_000 + 1000);
  });

  test('a script that watches its own budget finishes well inside the limit', () => {
    const rt = runtime(SCRIPT);
    const r = rt.run('budgeted');
    expect(r.ok).toBe(true);
    expect(r.modelledMs).toBeLessThan(4 * 60_000 + 1000);
  });

  test('a simple trigger (onEdit) is stopped at 30 seconds', () => {
    const rt = runtime(SCRIPT);
    const edit = rt.editCell('Sheet1', 1, 1, 'x', rt.state.owner);
    expect(edit.ok).toBe(true);
    if (!edit.ok) return;
    expect(edit.runs).toHaveLength(1);
    expect(edit.runs[0]).toMatchObject({ ok: false, error: 'Exception: 超出了最长执行时间' });
    expect(edit.runs[0]!.modelledMs).toBeLessThan(31_000);
    // The same work run from the menu (6 minutes) completes.
    expect(rt.run('onEdit', [{ range: rt.services.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]!.getRange(1, 1) }]).ok).toBe(true);
  });
});

describe("an installer's daily trigger runtime", () => {
  test('consumer: after 90 minutes in a day, their triggers do not run until 24 hours after the first', () => {
    const rt = runtime(SCRIPT, { accounts: 'consumer', owner: 'boss@gmail.com' });
    expect(rt.run('install').ok).toBe(true);
    const runs = rt.advanceClockTo(T0 + 30.5 * HOUR); // hourly from 11:00 (plus install's own time): 30 runs
    const results = runs.map((r) => r.result);
    // 18 runs of 5 minutes fill the 90 minutes; the rest of the 24 hours are refused without running.
    expect(results.filter((r) => r.ok)).toHaveLength(18 + 6);
    expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual(Array(6).fill('Exception: 服务在一天内使用的计算机时间过多'));
    expect(rt.state.properties.script['runs']).toBe(String(18 + 6));
  });

  test('Workspace: 6 hours a day, so an hourly 5-minute job never runs out', () => {
    const rt = runtime(SCRIPT);
    expect(rt.run('install').ok).toBe(true);
    const runs = rt.advanceClockTo(T0 + 48 * HOUR);
    expect(runs.length).toBeGreaterThanOrEqual(47);
    expect(runs.every((r) => r.result.ok)).toBe(true);
  });
});

describe('cells', () => {
  test('a change that would take the spreadsheet past 10 million cells is refused whole', () => {
    const rt = runtime(SCRIPT);
    // Sheet1 is 1,000 × 26 cells; 384,000 more rows of 26 make 10,010,000.
    expect(rt.run('grow', [384_000]).value).toBe('Exception: 此操作会使工作簿中的单元格数超过 10000000 个的上限。');
    expect(findSheet(rt.state, 'Sheet1')!.maxRows).toBe(1000);
    expect(rt.run('grow', [383_000]).value).toBe('grown');
    const full = rt.run('addSheets', [1]);
    expect(full.ok).toBe(false);
    expect(full.error).toContain('10000000');
  });
});

describe("Google's errors follow the owner's language", () => {
  test('zh-CN (the default world): out-of-range, lock and quota errors are Chinese', () => {
    const rt = runtime(SCRIPT, { mailDailyLimit: 0 });
    expect(rt.run('outOfRange').value).toBe('Exception: 范围的起始行过小。');
    expect(rt.run('lockTimeout').value).toBe('Exception: 锁定超时：另一个进程持有锁的时间过长。');
    expect(rt.run('mailQuota').value).toBe('Exception: 一天内调用服务的次数过多：email。');
  });

  test('en: the same errors in Google\'s English', () => {
    const rt = runtime(SCRIPT, { mailDailyLimit: 0, language: 'en' });
    expect(rt.run('outOfRange').value).toBe('Exception: The starting row of the range is too small.');
    expect(rt.run('lockTimeout').value).toBe('Exception: Lock timeout: another process was holding the lock for too long.');
    expect(rt.run('mailQuota').value).toBe('Exception: Service invoked too many times for one day: email.');
    expect(lastRow(findSheet(rt.state, 'Sheet1')!)).toBe(0);
  });
});
