/**
 * The state folder: state.json round trips byte for byte and every refusal
 * leaves the files alone; workbook.xlsx reopens in exceljs with the sheets,
 * typed values, dropdowns, formulas, hidden and frozen columns, wrapping,
 * conditional formats and date columns wide enough to show their dates;
 * outbox/*.eml parse back as UTF-8 multipart messages.
 */
import { CUSTOMERS, TICKETS } from '../src/sheets/schema';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { newSheetState, newState, type RuntimeState, type SentMailState, type StoredValue } from '../local/runtime/state';
import { loadState, saveState, serializeState, stateFilePath } from '../local/persist/state-file';
import { validationRanges, writeWorkbook, excelSheetNames } from '../local/persist/workbook';
import { composeMessage, writeOutbox } from '../local/persist/outbox';
import { CliError } from '../local/cli/messages';
import { Env } from '../local/runtime/env';
import { Faults, Meter } from '../local/runtime/meter';
import { SpreadsheetAppEmu } from '../local/runtime/spreadsheet';

const T0 = Date.UTC(2026, 10, 23, 1, 0, 0); // 2026-11-23 09:00 in Asia/Shanghai

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-persist-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function cliErrorOf(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a CliError');
}

/** A state with a customer-like sheet: header, typed values, a dropdown column, a note, a formula. */
function sampleState(): RuntimeState {
  const state = newState({ clock: T0 });
  const sheet = newSheetState(0, '客户');
  sheet.frozenRows = 1;
  sheet.rules = [{ kind: 'list', values: ['新客户', '老客户'], allowInvalid: false, helpText: '请选择' }];
  sheet.columnWidths = { '2': 140 };
  sheet.rows = [
    { v: [TICKETS.col.customerNo, '姓名/企业名称', CUSTOMERS.col.segment, CUSTOMERS.col.firstContact, CUSTOMERS.col.ticketCount, '已确认', '备注'] },
    {
      v: ['C20261123001', '张三', '新客户', { d: T0 }, 1, true, '=不是公式'],
      fmt: [null, null, null, 'yyyy-MM-dd HH:mm', null, null, '@'],
      dv: [null, null, 0],
      note: ['首位客户'],
      wrap: [null, 'WRAP', 'CLIP'],
      valign: [null, 'top'],
    },
    { v: ['C20261123002', '李四', '老客户', { d: T0 + 3_600_000 }, 2, false, null], dv: [null, null, 0] },
    { v: [null, null, null, null, { f: '=SUM(E2:E3)' }], dv: [null, null, 0] },
    null,
    { v: [], dv: [null, null, 0] },
  ];
  sheet.frozenColumns = 1;
  sheet.hiddenColumns = [7];
  sheet.conditionalFormats = [
    { ranges: ['A2:G1000'], criteria: 'CUSTOM_FORMULA', values: ['=AND($D2<>"", $D2<NOW())'], format: { background: '#f4cccc', fontColor: '#990000', bold: true } },
    { ranges: ['C2:C1000', 'E2'], criteria: 'TEXT_EQUAL_TO', values: ['老"客户'], format: { background: '#fce8b2' } },
  ];
  const hidden = newSheetState(1, '内部');
  hidden.hidden = true;
  hidden.rows = [{ v: ['key', 'value'] }];
  state.spreadsheet.sheets = [sheet, hidden];
  state.spreadsheet.nextSheetId = 2;
  state.spreadsheet.recalculationInterval = 'HOUR';
  return state;
}

/** The bundle's view of a state: SpreadsheetApp over it. */
function appOver(state: RuntimeState): SpreadsheetAppEmu {
  return new SpreadsheetAppEmu(new Env(state, new Meter(new Faults())));
}

describe('state.json', () => {
  test('load then save changes nothing, byte for byte', () => {
    saveState(tmp, sampleState());
    const first = fs.readFileSync(stateFilePath(tmp));
    saveState(tmp, loadState(tmp));
    expect(fs.readFileSync(stateFilePath(tmp)).equals(first)).toBe(true);
    expect(loadState(tmp)).toEqual(sampleState());
  });

  test('hidden columns, wrapping, conditional formats and the recalculation interval survive a save and a load', () => {
    saveState(tmp, sampleState());
    const app = appOver(loadState(tmp));
    const sheet = app.getActiveSpreadsheet().getSheetByName('客户')!;
    expect([sheet.isColumnHiddenByUser(7), sheet.isColumnHiddenByUser(6), sheet.getFrozenColumns()]).toEqual([true, false, 1]);
    expect(sheet.getRange('B2:C2').getWrapStrategies()).toEqual([['WRAP', 'CLIP']]);
    expect(sheet.getRange('B2').getVerticalAlignment()).toBe('top');
    const rules = sheet.getConditionalFormatRules();
    expect(rules.map((r) => r.getBooleanCondition().getCriteriaValues())).toEqual([['=AND($D2<>"", $D2<NOW())'], ['老"客户']]);
    expect(rules[1]!.getRanges().map((r) => r.getA1Notation())).toEqual(['C2:C1000', 'E2']);
    expect(app.getActiveSpreadsheet().getRecalculationInterval()).toBe('HOUR');
  });

  test('a state saved before columns could be hidden or rules kept loads with none, and the runtime reads the defaults', () => {
    const old = JSON.parse(serializeState(sampleState())) as RuntimeState;
    delete old.spreadsheet.recalculationInterval;
    const sheet = old.spreadsheet.sheets[0]!;
    delete sheet.hiddenColumns;
    delete sheet.conditionalFormats;
    for (const row of sheet.rows) {
      delete row?.wrap;
      delete row?.valign;
    }
    fs.writeFileSync(stateFilePath(tmp), JSON.stringify(old));
    const app = appOver(loadState(tmp));
    const loaded = app.getActiveSpreadsheet().getSheetByName('客户')!;
    expect([loaded.isColumnHiddenByUser(7), loaded.getConditionalFormatRules(), loaded.getRange('B2').getWrapStrategy()]).toEqual([false, [], 'OVERFLOW']);
    expect(app.getActiveSpreadsheet().getRecalculationInterval()).toBe('ON_CHANGE');
  });

  test('a state folder from before forms were published and triggers had owners loads as it then was', () => {
    const old = JSON.parse(serializeState(sampleState())) as { owner: string; forms: Record<string, unknown>[]; triggers: Record<string, unknown>[] };
    old.triggers = [{ uid: 't1', handler: 'sweepSubmissions', eventType: 'CLOCK', source: 'CLOCK', sourceId: '', clock: { kind: 'everyHours', interval: 1 } }];
    old.forms = [{ id: 'form-1', title: '客户信息收集', description: '', acceptingResponses: true, confirmationMessage: '', collectEmail: false, nextItemId: 1, items: [], responses: [], deleted: false }];
    fs.writeFileSync(stateFilePath(tmp), JSON.stringify(old));
    const loaded = loadState(tmp);
    expect(loaded.forms[0]).toMatchObject({ published: true, requireLogin: false, fileName: '客户信息收集', title: '客户信息收集' });
    expect(loaded.triggers[0]!.owner).toBe(old.owner);
  });

  test('any stored cell values survive a save and a load unchanged', () => {
    const stored: fc.Arbitrary<StoredValue> = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
      fc.constant(null),
      fc.record({ d: fc.integer({ min: -8.64e15, max: 8.64e15 }) }),
      fc.record({ f: fc.string().map((s) => `=${s}`) }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(stored, { maxLength: 6 }), { maxLength: 6 }), (grid) => {
        const state = newState({ clock: T0 });
        state.spreadsheet.sheets[0]!.rows = grid.map((v) => ({ v }));
        saveState(tmp, state);
        const bytes = fs.readFileSync(stateFilePath(tmp), 'utf8');
        const loaded = loadState(tmp);
        expect(loaded).toEqual(state);
        expect(serializeState(loaded)).toBe(bytes);
      }),
      { numRuns: 50 },
    );
  });

  test('a missing folder or state.json says to run init', () => {
    const missing = cliErrorOf(() => loadState(path.join(tmp, 'nope')));
    expect(missing.key).toBe('noState');
    expect(missing.exitCode).toBe(2);
    expect(missing.describe('en')).toBe(`no state in ${path.join(tmp, 'nope')}: run \`init\` first`);
    expect(cliErrorOf(() => loadState(tmp)).key).toBe('noState');
  });

  test.each([
    ['corrupt JSON', '{"format": "kehu-local-state", "version": 1,', 'corruptState'],
    ['another format', '{"format": "something-else", "version": 1}', 'notOurFormat'],
    ['a JSON array', '[1, 2, 3]', 'notOurFormat'],
    ['a newer version', JSON.stringify({ ...newState({ clock: T0 }), version: 99 }), 'newerState'],
    ['a damaged state', JSON.stringify({ ...newState({ clock: T0 }), spreadsheet: { sheets: 'x' } }), 'damagedState'],
  ])('%s is refused and left untouched', (_what, text, key) => {
    fs.writeFileSync(stateFilePath(tmp), text);
    const err = cliErrorOf(() => loadState(tmp));
    expect(err.key).toBe(key);
    expect(err.exitCode).toBe(2);
    expect(err.message).not.toContain('\n');
    expect(fs.readFileSync(stateFilePath(tmp), 'utf8')).toBe(text);
  });

  test('the corrupt-JSON message names the file and says it was left untouched', () => {
    fs.writeFileSync(stateFilePath(tmp), '{oops');
    const err = cliErrorOf(() => loadState(tmp));
    expect(err.describe('en')).toContain(stateFilePath(tmp));
    expect(err.describe('en')).toContain('left untouched');
    expect(err.describe('zh-CN')).toContain('文件未被改动');
  });

  test('a newer version asks to update the project', () => {
    fs.writeFileSync(stateFilePath(tmp), JSON.stringify({ ...newState({ clock: T0 }), version: 2 }));
    expect(cliErrorOf(() => loadState(tmp)).describe('en')).toMatch(/newer version .*update the project/);
  });

  test('an unwritable path is reported and nothing is overwritten', () => {
    const file = path.join(tmp, 'plain-file');
    fs.writeFileSync(file, 'keep me');
    const err = cliErrorOf(() => saveState(path.join(file, 'state'), sampleState()));
    expect(err.key).toBe('unwritable');
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  test('refuseExisting keeps an existing state', () => {
    saveState(tmp, sampleState());
    const before = fs.readFileSync(stateFilePath(tmp));
    const err = cliErrorOf(() => saveState(tmp, newState({ clock: 0 }), { refuseExisting: true }));
    expect(err.key).toBe('stateExists');
    expect(fs.readFileSync(stateFilePath(tmp)).equals(before)).toBe(true);
  });

  test('the write is atomic: no temporary file is left behind', () => {
    saveState(tmp, sampleState());
    expect(fs.readdirSync(tmp)).toEqual(['state.json']);
  });
});

describe('workbook.xlsx', () => {
  async function reopen(state: RuntimeState): Promise<ExcelJS.Workbook> {
    const file = path.join(tmp, 'workbook.xlsx');
    await writeWorkbook(file, state);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb;
  }

  test('same sheets in the same order, hidden ones hidden', async () => {
    const wb = await reopen(sampleState());
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['客户', '内部']);
    expect(wb.getWorksheet('客户')!.state).toBe('visible');
    expect(wb.getWorksheet('内部')!.state).toBe('hidden');
  });

  test('typed values: text, numbers, booleans, wall-clock dates with a date format', async () => {
    const ws = (await reopen(sampleState())).getWorksheet('客户')!;
    expect(ws.getCell('A1').value).toBe(TICKETS.col.customerNo);
    expect(ws.getCell('B2').value).toBe('张三');
    expect(ws.getCell('E2').value).toBe(1);
    expect(ws.getCell('F2').value).toBe(true);
    expect(ws.getCell('F3').value).toBe(false);
    const date = ws.getCell('D2');
    expect(date.type).toBe(ExcelJS.ValueType.Date);
    // Excel has no zones: the cell holds 09:00, the Asia/Shanghai wall time of T0.
    expect((date.value as Date).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(date.numFmt).toBe('yyyy-MM-dd HH:mm');
    expect(ws.getCell('D3').numFmt).toMatch(/yy.*mm.*dd/i);
  });

  test('text that starts with = stays text; only a {f} cell is a formula', async () => {
    const ws = (await reopen(sampleState())).getWorksheet('客户')!;
    const text = ws.getCell('G2');
    expect(text.type).toBe(ExcelJS.ValueType.String);
    expect(text.value).toBe('=不是公式');
    expect(text.numFmt).toBe('@');
    const formula = ws.getCell('E4');
    expect(formula.type).toBe(ExcelJS.ValueType.Formula);
    expect(formula.formula).toBe('SUM(E2:E3)');
  });

  test('a list rule becomes a dropdown over one range', async () => {
    const state = sampleState();
    expect(validationRanges(state.spreadsheet.sheets[0]!).map((r) => r.ref)).toEqual(['C2:C4', 'C6']);
    const ws = (await reopen(state)).getWorksheet('客户')!;
    const dv = ws.getCell('C3').dataValidation;
    expect(dv.type).toBe('list');
    expect(dv.formulae).toEqual(['"新客户,老客户"']);
    expect(dv.prompt).toBe('请选择');
    expect(ws.getCell('C5').dataValidation).toBeUndefined();
    expect(ws.getCell('B3').dataValidation).toBeUndefined();
  });

  test('side-by-side columns with the same rule merge into one rectangle', () => {
    const sheet = newSheetState(0, 'x');
    sheet.rules = [{ kind: 'checkbox', allowInvalid: false }];
    sheet.rows = [null, { v: [], dv: [0, 0] }, { v: [], dv: [0, 0] }];
    expect(validationRanges(sheet).map((r) => r.ref)).toEqual(['A2:B3']);
  });

  test('frozen header rows are frozen panes in bold; notes and column widths carry over', async () => {
    const ws = (await reopen(sampleState())).getWorksheet('客户')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').font?.bold).not.toBe(true);
    const note = ws.getCell('A2').note;
    const noteText = typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('');
    expect(noteText).toBe('首位客户');
    expect(ws.getColumn(2).width).toBe(20);
  });

  test('hidden columns are hidden, frozen columns are panes, wrapping and vertical alignment carry over', async () => {
    const ws = (await reopen(sampleState())).getWorksheet('客户')!;
    expect([ws.getColumn(7).hidden, ws.getColumn(6).hidden]).toEqual([true, false]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(ws.getCell('B2').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    // Excel has no clip: a CLIP cell, like a cell never given a strategy, does not wrap.
    expect(ws.getCell('C2').alignment?.wrapText).toBeFalsy();
    expect(ws.getCell('A2').alignment?.wrapText).toBeFalsy();
  });

  test('conditional formats become Excel rules in Sheets order: a formula without its "=", an exact text as cell-equals', async () => {
    const ws = (await reopen(sampleState())).getWorksheet('客户')!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: (ExcelJS.ConditionalFormattingRule & { formulae?: string[]; operator?: string })[] }[] }).conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual(['A2:G1000', 'C2:C1000 E2']);
    const [overdue, text] = [cf[0]!.rules[0]!, cf[1]!.rules[0]!];
    expect([overdue.type, overdue.priority, overdue.formulae]).toEqual(['expression', 1, ['AND($D2<>"", $D2<NOW())']]);
    expect(overdue.style?.fill).toMatchObject({ type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFF4CCCC' } });
    expect(overdue.style?.font).toMatchObject({ color: { argb: 'FF990000' }, bold: true });
    expect([text.type, text.operator, text.priority, text.formulae]).toEqual(['cellIs', 'equal', 2, ['"老""客户"']]);
    expect(text.style?.font).toBeFalsy();
  });

  test('a column of dates is wide enough to show them, whatever its stored width or header says', async () => {
    const state = newState({ clock: T0 });
    const sheet = state.spreadsheet.sheets[0]!;
    sheet.columnWidths = { '1': 70, '4': 300 };
    sheet.rows = [
      { v: ['创建', '截止', '日', '宽', '文字'] },
      { v: [{ d: T0 }, { d: T0 }, 46349, { d: T0 }, 'x'], fmt: ['yyyy-MM-dd HH:mm', null, 'yyyy年M月d日', 'yyyy-MM-dd'] },
    ];
    const ws = (await reopen(state)).worksheets[0]!;
    // 70 px is 10 characters; '2026-11-23 09:00' needs 16 and a margin.
    expect(ws.getColumn(1).width).toBe(18);
    // No date format of its own: the default 'yyyy-mm-dd hh:mm:ss', 19 characters.
    expect(ws.getColumn(2).width).toBe(21);
    // A number under a date format is a date too; a CJK character counts two.
    expect(ws.getColumn(3).width).toBe(16);
    // A column already wide enough keeps its width (300 px).
    expect(ws.getColumn(4).width).toBeCloseTo(42.86, 2);
    expect(ws.getColumn(5).width).toBe(10);
    expect(ws.getCell('C2').numFmt).toBe('yyyy年M月d日');
  });

  test('text XML cannot hold is cleaned, so the workbook still opens', async () => {
    const state = newState({ clock: T0 });
    state.spreadsheet.sheets[0]!.rows = [{ v: ['响铃\u0007字符', 'x'.repeat(40_000)] }];
    const ws = (await reopen(state)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('响铃字符');
    expect(String(ws.getCell('B1').value)).toHaveLength(32_767);
  });

  test('sheet names Excel cannot hold are made legal and kept unique', () => {
    expect(excelSheetNames(['客户', 'Q1/Q2', 'Q1:Q2', 'x'.repeat(40)])).toEqual(['客户', 'Q1_Q2', 'Q1_Q2~2', 'x'.repeat(31)]);
  });
});

describe('outbox', () => {
  function mail(over: Partial<SentMailState>): SentMailState {
    return {
      id: 'm-0001',
      at: T0,
      from: 'admin@example.com',
      to: 'zhang.san@example.com',
      cc: '',
      bcc: '',
      replyTo: '',
      name: '客户服务',
      subject: '您的工单 T20261123001 已受理',
      body: '张三您好：\n我们已收到您的需求，工单号 T20261123001。',
      htmlBody: '<p>张三您好：</p><p>工单号 <b>T20261123001</b></p>',
      ...over,
    };
  }

  /** A minimal RFC 5322 / MIME reader: unfolded headers, decoded encoded-words, base64 parts. */
  function parseEml(raw: string): { headers: Record<string, string>; parts: { type: string; body: string }[] } {
    const [head, ...rest] = raw.split('\r\n\r\n');
    const headers: Record<string, string> = {};
    for (const line of head!.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
      const i = line.indexOf(':');
      headers[line.slice(0, i).toLowerCase()] = line
        .slice(i + 1)
        .trim()
        // Whitespace between two encoded-words is not part of the text (RFC 2047).
        .replace(/\?=\s+=\?/g, '?==?')
        .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
    }
    const boundary = /boundary="([^"]+)"/.exec(headers['content-type'] ?? '')?.[1];
    const body = rest.join('\r\n\r\n');
    const parts = (boundary ? body.split(`--${boundary}`).slice(1, -1) : [body]).map((part) => {
      const [partHead, ...partBody] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      const type = /content-type:\s*([^;\r\n]+)/i.exec(partHead!)?.[1] ?? '';
      const encoded = partBody.join('\r\n\r\n');
      const text = /base64/i.test(partHead!) ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8') : encoded;
      return { type, body: text };
    });
    return { headers, parts };
  }

  test('each sent mail becomes NNNN-<time>.eml with UTF-8 headers and both parts', async () => {
    const state = newState({ clock: T0 });
    state.mail.sent.push(mail({}), mail({ id: 'm-0002', at: T0 + 90_000, htmlBody: '', subject: '周报' }));
    expect(await writeOutbox(tmp, state)).toEqual(['0001-20261123-090000.eml', '0002-20261123-090130.eml']);
    expect(state.mail.sent.map((m) => m.file)).toEqual(['0001-20261123-090000.eml', '0002-20261123-090130.eml']);

    const first = parseEml(fs.readFileSync(path.join(tmp, 'outbox', '0001-20261123-090000.eml'), 'utf8'));
    expect(first.headers.subject).toBe('您的工单 T20261123001 已受理');
    expect(first.headers.from).toBe('客户服务 <admin@example.com>');
    expect(first.headers.to).toBe('zhang.san@example.com');
    expect(first.headers['message-id']).toBe('<m-0001@local.kehu>');
    expect(first.headers.date).toBe('Mon, 23 Nov 2026 09:00:00 +0800');
    expect(first.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(first.parts.map((p) => p.type)).toEqual(['text/plain', 'text/html']);
    expect(first.parts[0]!.body).toBe('张三您好：\n我们已收到您的需求，工单号 T20261123001。');
    expect(first.parts[1]!.body).toContain('<b>T20261123001</b>');

    const second = parseEml(fs.readFileSync(path.join(tmp, 'outbox', '0002-20261123-090130.eml'), 'utf8'));
    expect(second.headers.subject).toBe('周报');
    expect(second.headers['content-type']).toMatch(/^text\/plain/);
  });

  test('output is deterministic and an existing file is never rewritten', async () => {
    const a = await composeMessage(mail({}), 'Asia/Shanghai');
    const b = await composeMessage(mail({}), 'Asia/Shanghai');
    expect(a.equals(b)).toBe(true);

    const state = newState({ clock: T0 });
    state.mail.sent.push(mail({}));
    await writeOutbox(tmp, state);
    const file = path.join(tmp, 'outbox', state.mail.sent[0]!.file!);
    const bytes = fs.readFileSync(file);
    // Saving again writes nothing; a mail without `file` whose name exists keeps the file as it is.
    expect(await writeOutbox(tmp, state)).toEqual([]);
    state.mail.sent[0]!.file = undefined;
    state.mail.sent[0]!.subject = 'changed';
    expect(await writeOutbox(tmp, state)).toEqual([]);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(state.mail.sent[0]!.file).toBe('0001-20261123-090000.eml');
  });
});
