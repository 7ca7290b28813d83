/**
 * The 导入 sheet files its rows in batches (one lock, one write per sheet):
 * what it files must be exactly what the same rows filed one by one would
 * give, and a long import continues by itself without filing a row twice.
 */
import { CUSTOMERS, IMPORT, TICKETS } from '../src/sheets/schema';
import { integrity } from './helpers/integrity';
import { formulaCells, ownerEmail, person, rows, submit, world } from './helpers/world';
import type { RawRecord } from '../local/drive/input';

/** A mix a CRM export holds: new people, the same person twice, a known customer, an invalid row, an exact repeat. */
function mixedRecords(): RawRecord[] {
  return [
    person({ name: '甲公司', customer_kind: '企业', mobile: '13900000001', email: 'a@example.com', company_size: '200人以上', budget: '10万以上' }),
    person({ name: '乙', mobile: '13900000002', email: 'b@example.com', need_type: '售后支持', need_description: '上周发货延迟，服务态度差，要求退款' }),
    person({ name: '甲公司', customer_kind: '企业', mobile: '13900000001', email: 'a2@example.com', company_size: '200人以上', need_description: '再加购5台显示器，用于会议室' }),
    person({ name: '老客户', mobile: '13800138000', email: 'xiaoming@example.com', need_description: '上次买的电脑需要上门安装系统' }),
    person({ name: '丙', mobile: '12345', email: 'not-an-email' }),
    person({ name: '丁', mobile: '13900000004', email: 'd@example.com', id_number: '11010519491231002X', address: '北京市朝阳区建国路88号' }),
  ];
}

const CUSTOMER_COLUMNS = [TICKETS.col.customerNo, '姓名/企业名称', '手机号', '电子邮箱', CUSTOMERS.col.segment, CUSTOMERS.col.ticketCount, '证件号码', '联系地址'];
const TICKET_COLUMNS = [TICKETS.col.no, TICKETS.col.customerNo, '姓名/企业名称', TICKETS.col.issueType, TICKETS.col.priority, TICKETS.col.owner, TICKETS.col.status, TICKETS.col.tags];

/** The columns compared; times to the minute (each entry one by one takes its own seconds of modelled time). */
function pick(list: Record<string, unknown>[], columns: string[]): Record<string, unknown>[] {
  const minute = (v: unknown) => (typeof v === 'string' ? v.replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d):\d\d/, '$1') : v);
  return list.map((r) => Object.fromEntries(columns.map((c) => [c, minute(r[c] instanceof Date ? (r[c] as Date).toISOString() : r[c])])));
}

test('a batch import files exactly what the same rows entered one by one would', () => {
  const batch = world();
  const single = world();
  for (const rt of [batch, single]) submit(rt, person(), 'manual');

  const imported = submit(batch, mixedRecords(), 'import');
  const oneByOne = mixedRecords().map((r) => submit(single, r, 'manual')[0]!);

  expect(imported.map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'review', 'accepted']);
  expect(imported.map((o) => o.outcome)).toEqual(oneByOne.map((o) => o.outcome));
  expect(pick(rows(batch, '客户'), CUSTOMER_COLUMNS)).toEqual(pick(rows(single, '客户'), CUSTOMER_COLUMNS));
  expect(pick(rows(batch, '工单'), TICKET_COLUMNS)).toEqual(pick(rows(single, '工单'), TICKET_COLUMNS));
  // Deadlines follow each receipt: the same within the minutes the entries one by one took.
  const deadlines = (rt: typeof batch) => rows(rt, '工单').map((t) => Date.parse(String(t[TICKETS.col.deadline])));
  deadlines(batch).forEach((d, i) => expect(Math.abs(d - deadlines(single)[i]!)).toBeLessThan(5 * 60_000));
  expect(rows(batch, '待审核')).toHaveLength(1);
  expect(rows(batch, '历史')).toHaveLength(rows(single, '历史').length);

  // The same company twice in one batch is one customer with two tickets; the known customer came back.
  const customers = rows(batch, '客户');
  expect(customers.filter((c) => c['姓名/企业名称'] === '甲公司')).toHaveLength(1);
  expect(customers.find((c) => c['姓名/企业名称'] === '甲公司')![CUSTOMERS.col.ticketCount]).toBe(2);
  expect(customers.find((c) => c['手机号'] === '13800138000')![CUSTOMERS.col.ticketCount]).toBe(2);
  expect(integrity(batch).problems).toEqual([]);
});

test('an exact repeat in the sheet is reported as a duplicate of the row filed before it', () => {
  const rt = world();
  const record = person({ mobile: '13900000009' });
  const out = submit(rt, [record, record], 'import');
  expect(out.map((o) => o.outcome)).toEqual(['accepted', 'duplicate']);
  expect(String(rows(rt, '导入')[1]![IMPORT.col.result])).toContain(String(out[0]!['ticket_no']));
  expect(rows(rt, '工单')).toHaveLength(1);
});

test('owners get one summary mail per import, customers none unless Config asks', () => {
  const rt = world();
  const records = Array.from({ length: 30 }, (_, i) => person({ name: `客户${i}`, mobile: `139${String(i).padStart(8, '0')}`, email: `c${i}@example.com` }));
  const before = rt.state.mail.sent.length;
  submit(rt, records, 'import');
  const sent = rt.state.mail.sent.slice(before);
  const owners = new Set(rows(rt, '工单').map((t) => ownerEmail(rt, t[TICKETS.col.owner])));
  expect(sent.map((m) => m.to).sort()).toEqual([...owners].sort());
  expect(sent.every((m) => /导入数据：\d+ 张新工单已分配给您/.test(m.subject))).toBe(true);
  expect(sent.some((m) => /^c\d+@example\.com$/.test(m.to))).toBe(false);
});

test('a long import stops inside its time budget and continues by itself, filing each row once', () => {
  const rt = world();
  const n = 2500;
  const records = Array.from({ length: n }, (_, i) => person({ name: `客户${i}`, mobile: `137${String(i).padStart(8, '0')}`, email: `k${i}@example.com` }));
  // The first batch's result write is where real time would run out: five minutes pass there.
  rt.meter.onCall('Range.setNumberFormat', 1, () => {
    rt.state.clock += 5 * 60 * 1000;
  });
  const first = submit(rt, records, 'import');
  const filedFirst = first.filter((o) => o.outcome === 'accepted').length;
  expect(filedFirst).toBe(1000);
  expect(rt.state.triggers.filter((t) => t.handler === 'importContinue')).toHaveLength(1);
  // The owner's 初始化/修复 meanwhile keeps the pending continuation (it is not one of the standing triggers).
  expect(rt.run('setup').ok).toBe(true);
  expect(rt.state.triggers.filter((t) => t.handler === 'importContinue')).toHaveLength(1);

  rt.advanceClockTo(rt.state.clock + 2 * 60 * 1000);
  expect(rows(rt, '工单')).toHaveLength(n);
  expect(rows(rt, '导入').every((r) => String(r[IMPORT.col.result]).startsWith('已受理'))).toBe(true);
  expect(rt.state.triggers.filter((t) => t.handler === 'importContinue')).toHaveLength(0);
  const check = integrity(rt);
  expect(check).toEqual({ customers: n, tickets: n, problems: [] });
});

test('a row whose extra columns add up past a cell\'s 50,000 characters is filed with its 备注 cut and marked; the batch goes on', () => {
  const rt = world();
  const long = (c: string) => c.repeat(9_000);
  const huge = person({ name: '长备注', mobile: '13900000009', email: 'long@example.com' });
  for (const k of ['附加1', '附加2', '附加3', '附加4', '附加5', '附加6']) huge[k] = long(k.slice(-1));
  const lines = submit(rt, [huge, person({ name: '后一行', mobile: '13900000010', email: 'next@example.com' })], 'import');
  expect(lines.map((l) => l.outcome)).toEqual(['accepted', 'accepted']);
  const notes = String(rows(rt, '工单').find((t) => t['姓名/企业名称'] === '长备注')![TICKETS.col.notes]);
  expect(notes.length).toBe(50_000);
  expect(notes.endsWith('…（内容过长，已截断）')).toBe(true);
  expect(rows(rt, '工单').some((t) => t['姓名/企业名称'] === '后一行')).toBe(true);
});

describe('a paste into 导入 files what staff pasted, character for character', () => {
  const pastedRecord = () =>
    person({
      name: '原样',
      mobile: '+86 138 0013 8000',
      landline: '01012345678',
      id_number: '110101199001011237',
      product_version: '007',
      feedback: '=HYPERLINK("https://example.com/a","订单")',
      notes: 'TRUE',
    });

  test('an 18-digit ID number, a phone with a leading 0, a code 007, a formula, +86 and TRUE survive', () => {
    const rt = world();
    const [line] = submit(rt, pastedRecord(), 'import');
    expect(line).toMatchObject({ outcome: 'accepted' });
    // The pasted cells hold the text itself, not a number or a formula; the ID number, filed, is sealed.
    const pasted = rows(rt, '导入')[0]!;
    expect(pasted).toMatchObject({ '证件号码': '已加密保存', '固定电话': '01012345678', '当前使用的产品版本': '007', '手机号': '+86 138 0013 8000', '备注': 'TRUE' });
    expect(formulaCells(rt)).toEqual([]);

    const customer = rows(rt, '客户').find((c) => c['姓名/企业名称'] === '原样')!;
    expect(customer['手机号']).toBe('13800138000');
    expect(String(customer['固定电话']).replace(/\D/g, '')).toBe('01012345678');
    const ticket = rows(rt, '工单').find((t) => t['姓名/企业名称'] === '原样')!;
    expect(ticket).toMatchObject({ '当前使用的产品版本': '007', '反馈内容': '=HYPERLINK("https://example.com/a","订单")', '备注': 'TRUE' });
    // The ID number is sealed; revealed, it is the 18 digits as pasted.
    expect(JSON.stringify(rows(rt, '客户'))).not.toContain('110101199001011237');
    const revealed = rt.run('revealSensitive', [String(customer[CUSTOMERS.col.no])], { user: 'sales-lead@example.com' });
    expect(revealed.value).toMatchObject({ ok: true, id_number: '110101199001011237' });
  });
});

test('a cell pasted at the 50,000-character limit files with its text cut and marked in 备注; Sheets refuses a longer paste', () => {
  const rt = world();
  const full = person({ name: '满格', mobile: '13900000011', email: 'full@example.com', 附加: '长'.repeat(50_000) });
  const lines = submit(rt, [full, person({ name: '下一行', mobile: '13900000012', email: 'after@example.com' })], 'import');
  expect(lines.map((l) => l.outcome)).toEqual(['accepted', 'accepted']);
  const notes = String(rows(rt, '工单').find((t) => t['姓名/企业名称'] === '满格')![TICKETS.col.notes]);
  // The part kept (10,000 characters) is marked as cut.
  expect(notes).toContain(`附加: ${'长'.repeat(10_000)}…（内容过长，已截断）`);
  expect(notes).not.toContain('长'.repeat(10_001));
  expect(rows(rt, '工单').some((t) => t['姓名/企业名称'] === '下一行')).toBe(true);

  // One character more cannot even be pasted: the cell is refused and nothing is filed from it.
  const [refused] = submit(rt, person({ name: '超长', mobile: '13900000013', email: 'over@example.com', 附加: '长'.repeat(50_001) }), 'import');
  expect(refused).toMatchObject({ outcome: 'failed', error: expect.stringContaining('50000 个字符的上限') });
  expect(rows(rt, '工单').some((t) => t['姓名/企业名称'] === '超长')).toBe(false);
});
