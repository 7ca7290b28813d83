/**
 * 客户管理 › 合并客户 on the bundle: two records of one customer become the
 * one staff keep — tickets, 历史, counts and identifiers move; the other
 * points at it, and every lookup or submission by it finds the kept record.
 * A replay, a fault at any call and a colleague sorting 客户 double nothing.
 */
import type { Runtime } from '../local/runtime/runtime';
import { startRuntime } from '../local/cli/session';
import { findSheet, getCellProp } from '../local/runtime/sheet-data';
import { CUSTOMERS, HISTORY, TICKETS } from '../src/sheets/schema';
import { T0, nestAt, person, rows, submitOne, world } from './helpers/world';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SALES = 'sales1@example.com';
const LEAD = 'sales-lead@example.com'; // on the owner's reveal list
const ADDRESS = '上海市浦东新区世纪大道100号';

const customers = (rt: Runtime) => rows(rt, CUSTOMERS.name);
const customer = (rt: Runtime, no: string) => customers(rt).find((c) => c[CUSTOMERS.col.no] === no)!;
const ticketsOf = (rt: Runtime, no: string) => rows(rt, TICKETS.name).filter((t) => t[TICKETS.col.customerNo] === no).map((t) => String(t[TICKETS.col.no]));
const logged = (rt: Runtime, action: string) => rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === action);

/**
 * 王小明 twice: C…001 from the Form with his mobile (two tickets), then C…002
 * a day later from a phone call with another mobile, his address and
 * position, and a ticket of its own. Made once; each test gets a copy.
 */
const base = (() => {
  const rt = world();
  const a = submitOne(rt, person());
  submitOne(rt, person({ need_description: '上次的电脑需要加装内存，请安排工程师上门' }), 'form', T0 + HOUR);
  const b = submitOne(rt, person({ mobile: '13900139000', email: '', address: ADDRESS, position: '采购经理', need_description: '电话咨询：会议室投影仪的安装问题' }), 'manual', T0 + DAY);
  return { state: rt.state, kept: String(a.customer_no), other: String(b.customer_no), outcomes: [a.outcome, b.outcome] };
})();

function twoRecords(): { rt: Runtime; kept: string; other: string } {
  expect(base.outcomes).toEqual(['accepted', 'accepted']);
  expect(base.other).not.toBe(base.kept);
  return { rt: startRuntime(structuredClone(base.state)), kept: base.kept, other: base.other };
}

function merge(rt: Runtime, kept: string, other: string, user = SALES): { ok: boolean; value?: unknown; error?: string } {
  return rt.run('mergeCustomers', [kept, other], { user });
}

/** What a user would see of the merge's outcome: both rows, where each ticket is, and the 历史 rows it wrote. */
function outcome(rt: Runtime, kept: string, other: string) {
  // A ciphertext is new each time it is sealed: what counts is that one is there.
  const sealed = (c: Record<string, unknown>): Record<string, unknown> => ({ ...c, [CUSTOMERS.col.addressSealed]: !!c[CUSTOMERS.col.addressSealed], [CUSTOMERS.col.idNumberSealed]: !!c[CUSTOMERS.col.idNumberSealed] });
  return {
    kept: sealed(customer(rt, kept)),
    other: customer(rt, other),
    keptTickets: ticketsOf(rt, kept).sort(),
    otherTickets: ticketsOf(rt, other),
    merged: logged(rt, '合并客户').map((h) => [h[HISTORY.col.oldValue], h[HISTORY.col.newValue]]),
    moved: logged(rt, '工单转至保留客户').map((h) => h[HISTORY.col.ticketNo]).sort(),
    filled: logged(rt, '客户资料已更新').length,
  };
}

describe('合并客户 from the menu', () => {
  test('shows both records side by side (the address masked), keeps the number chosen and says what moved', () => {
    const { rt, kept, other } = twoRecords();
    const ui = rt.services.SpreadsheetApp.ui;
    ui.answers.push({ button: 'OK', text: ` ${other}，${kept.toLowerCase()} ` }, { button: 'NO' });
    const r = rt.run('showMergeCustomers', [], { user: SALES });
    expect(r.error).toBeUndefined();
    expect(ui.prompts.at(-1)).toMatchObject({ title: '合并客户', buttons: 'OK_CANCEL' });
    const compare = ui.alerts.at(-2)!;
    expect(compare.buttons).toBe('YES_NO_CANCEL');
    expect(compare.prompt).toContain(`是：保留 ${other}\u3000否：保留 ${kept}`);
    expect(compare.prompt).toContain('手机号：13900139000 ｜ 13800138000');
    expect(compare.prompt).toContain('工单数：1 ｜ 2');
    expect(compare.prompt).not.toContain('世纪大道100号');
    const done = ui.alerts.at(-1)!.prompt;
    expect(done).toContain(`已将客户 ${other} 合并到 ${kept}。`);
    expect(done).toContain(`转到 ${kept} 的工单（1 张）`);
    expect(done).toContain('从另一条记录补上的字段：职位、联系地址');
    expect(done).toContain(`两条记录不同、保留了 ${kept} 原值的字段：手机号`);

    const o = outcome(rt, kept, other);
    expect(o.keptTickets).toHaveLength(3);
    expect(o.otherTickets).toEqual([]);
    expect(o.merged).toEqual([[other, kept]]);
    expect(o.moved).toHaveLength(1);
    expect(o.kept).toMatchObject({
      [CUSTOMERS.col.ticketCount]: 3, [CUSTOMERS.col.mobile]: '13800138000', [CUSTOMERS.col.email]: 'xiaoming@example.com',
      [CUSTOMERS.col.position]: '采购经理', [CUSTOMERS.col.segment]: '老客户', [CUSTOMERS.col.mergedInto]: '',
      [CUSTOMERS.col.firstContact]: expect.stringMatching(/^2026-11-23/),
      [CUSTOMERS.col.lastContact]: expect.stringMatching(/^2026-11-24/),
    });
    expect(String(o.kept[CUSTOMERS.col.address])).toMatch(/\*/);
    // The merged row keeps its number and where it went; none of the customer's details stay twice.
    const left = Object.entries(o.other).filter(([, v]) => v !== '' && v !== null && v !== undefined);
    expect(Object.fromEntries(left)).toEqual({ [CUSTOMERS.col.no]: other, [CUSTOMERS.col.mergedInto]: kept });
    const history = logged(rt, '合并客户')[0]!;
    // A menu item runs as the person at the keyboard, who sees their own address on any kind of account.
    expect(history[HISTORY.col.actor]).toBe(SALES);
    expect(history[HISTORY.col.note]).toContain(`手机号（${other} 为“13900139000”）`);
    expect(JSON.stringify(rows(rt, HISTORY.name))).not.toContain('世纪大道');
    // The address, filled from the other record, is sealed for the kept one: a reveal of the kept number opens it.
    expect(rt.run('revealSensitive', [kept], { user: LEAD }).value).toMatchObject({ ok: true, customer_no: kept, address: ADDRESS });
  });

  test('a cancel merges nothing; a refusal is said in the dialog', () => {
    const { rt, kept, other } = twoRecords();
    const ui = rt.services.SpreadsheetApp.ui;
    const before = outcome(rt, kept, other);
    ui.answers.push({ button: 'OK', text: `${kept} ${other}` }, { button: 'CANCEL' });
    rt.run('showMergeCustomers', [], { user: SALES });
    expect(ui.alerts.at(-1)!.prompt).toBe('没有合并任何记录。');
    ui.answers.push({ button: 'OK', text: `${kept} ${kept}` });
    rt.run('showMergeCustomers', [], { user: SALES });
    expect(ui.alerts.at(-1)!.prompt).toContain('一条记录不能与自己合并');
    ui.answers.push({ button: 'OK', text: kept });
    rt.run('showMergeCustomers', [], { user: SALES });
    expect(ui.alerts.at(-1)!.prompt).toContain('请输入两个客户编号');
    expect(outcome(rt, kept, other)).toEqual(before);
  });
});

describe('after a merge, the other number and its identifiers find the kept record', () => {
  test('a submission from either mobile files under the kept number; 老客户 search and 个人信息请求 by the merged number or mobile find it', () => {
    const { rt, kept, other } = twoRecords();
    expect(merge(rt, kept, other).ok).toBe(true);
    const fromOther = submitOne(rt, person({ mobile: '13900139000', email: '', need_description: '投影仪已经装好，想再加一块幕布' }), 'form', T0 + 2 * DAY);
    const fromKept = submitOne(rt, person({ need_description: '显示器的发票抬头需要修改一下' }), 'form', T0 + 2 * DAY + HOUR);
    expect([fromOther.customer_no, fromKept.customer_no]).toEqual([kept, kept]);
    expect(customers(rt)).toHaveLength(2);
    expect(customer(rt, kept)[CUSTOMERS.col.ticketCount]).toBe(5);
    for (const query of [other, '13900139000']) {
      expect(rt.run('lookupCustomer', [query], { user: SALES }).value).toMatchObject({ customerNo: kept, answers: { name: '王小明', mobile: '13800138000' } });
      expect(rt.run('findPersonalData', [query], { user: LEAD }).value).toMatchObject({ customerNo: kept, tickets: 5 });
    }
    expect(rt.run('revealSensitive', [other], { user: LEAD }).value).toMatchObject({ ok: true, customer_no: kept, address: ADDRESS });
  });

  test('a later correction of the kept mobile still lets the merged mobile match; the merged row refuses edits', () => {
    const { rt, kept, other } = twoRecords();
    merge(rt, kept, other);
    const row = customers(rt).findIndex((c) => c[CUSTOMERS.col.no] === kept) + 2;
    const mobile = rt.staff.column(CUSTOMERS.name, CUSTOMERS.col.mobile);
    expect(rt.staff.type(CUSTOMERS.name, row, mobile, '13700137000', SALES).ok).toBe(true);
    expect(customer(rt, kept)[CUSTOMERS.col.mobile]).toBe('13700137000');
    expect(submitOne(rt, person({ mobile: '13900139000', email: '', need_description: '投影仪已经装好，想再加一块幕布' }), 'form', T0 + 2 * DAY).customer_no).toBe(kept);
    expect(submitOne(rt, person({ mobile: '13700137000', email: '', need_description: '新号码：显示器的发票抬头需要修改' }), 'form', T0 + 2 * DAY + HOUR).customer_no).toBe(kept);
    // The replaced mobile no longer matches (it may be someone else's now).
    expect(submitOne(rt, person({ name: '别人', mobile: '13800138000', email: 'someone@example.com' }), 'form', T0 + 3 * DAY).customer_no).not.toBe(kept);

    const otherRow = customers(rt).findIndex((c) => c[CUSTOMERS.col.no] === other) + 2;
    rt.staff.type(CUSTOMERS.name, otherRow, mobile, '13600136000', SALES);
    expect(getCellProp(findSheet(rt.state, CUSTOMERS.name)!, otherRow, mobile, 'note')).toContain(`已合并到 ${kept}，请在 ${kept} 上修改`);
    expect(customer(rt, other)[CUSTOMERS.col.mobile]).toBe('');
    const segment = rt.staff.column(CUSTOMERS.name, CUSTOMERS.col.segment);
    rt.staff.type(CUSTOMERS.name, otherRow, segment, '战略客户', SALES);
    expect(customer(rt, other)[CUSTOMERS.col.segment]).toBe('');
    expect(getCellProp(findSheet(rt.state, CUSTOMERS.name)!, otherRow, segment, 'note')).toContain(`已合并到 ${kept}`);
    expect(logged(rt, '客户资料已更新').filter((h) => String(h[HISTORY.col.note]).includes(other) && h[HISTORY.col.newValue] === '战略客户')).toEqual([]);
  });
});

describe('合并客户: wrong or hostile inputs', () => {
  test('itself, an unknown or malformed number, a record already merged elsewhere, an erased record: refused, nothing written', () => {
    const { rt, kept, other } = twoRecords();
    const third = String(submitOne(rt, person({ name: '李雷', mobile: '13600136000', email: 'lilei@example.com' }), 'form', T0 + 2 * DAY).customer_no);
    const before = JSON.stringify(rt.state.spreadsheet.sheets);
    expect(merge(rt, kept, kept).error).toContain('一条记录不能与自己合并');
    expect(merge(rt, kept, 'C20991231999').error).toContain('没有找到客户编号 C20991231999');
    expect(merge(rt, kept, '=HYPERLINK("x")').error).toContain('不是客户编号');
    expect(JSON.stringify(rt.state.spreadsheet.sheets)).toBe(before);

    expect(merge(rt, kept, other).ok).toBe(true);
    // The merged number as either side: refused, naming where it went.
    expect(merge(rt, other, third).error).toContain(`客户 ${other} 已合并到 ${kept}，没有合并：请改用 ${kept}`);
    expect(merge(rt, third, other).error).toContain(`请改用 ${kept}`);

    expect(rt.run('erasePersonalData', [third, third, ''], { user: LEAD }).ok).toBe(true);
    expect(merge(rt, kept, third).error).toContain('个人信息已删除');
    expect(merge(rt, third, kept).error).toContain('个人信息已删除');
    expect(ticketsOf(rt, third)).toHaveLength(1);
  });

  test('the same merge again doubles nothing', () => {
    const { rt, kept, other } = twoRecords();
    expect(merge(rt, kept, other).ok).toBe(true);
    const once = outcome(rt, kept, other);
    const again = merge(rt, kept, other);
    expect(again.ok).toBe(true);
    expect((again.value as { message: string }).message).toContain('此前已合并到');
    expect(outcome(rt, kept, other)).toEqual(once);
  });

  test('a strategic customer merged into a new one makes it strategic; the later consent and ratings are combined', () => {
    const rt = world();
    const a = String(submitOne(rt, person({ name: '甲公司', customer_kind: '企业', mobile: '13900000001', email: 'a@example.com' })).customer_no);
    const b = String(submitOne(rt, person({ name: '甲公司', customer_kind: '企业', mobile: '13900000002', email: 'b@example.com', company_size: '200人以上', budget: '10万以上' }), 'form', T0 + DAY).customer_no);
    expect(customer(rt, b)[CUSTOMERS.col.segment]).toBe('战略客户');
    merge(rt, a, b);
    expect(customer(rt, a)).toMatchObject({
      [CUSTOMERS.col.segment]: '战略客户', [CUSTOMERS.col.ticketCount]: 2,
      [CUSTOMERS.col.consentAt]: customer(rt, a)[CUSTOMERS.col.lastContact],
    });
  });
});

describe('合并客户 survives faults and colleagues', () => {
  // The calls of one merge, from the meter: each Spreadsheet, Lock and Properties call in turn.
  const probe = twoRecords();
  const before = probe.rt.meter.snapshot();
  merge(probe.rt, probe.kept, probe.other);
  const after = probe.rt.meter.snapshot();
  const clean = outcome(probe.rt, probe.kept, probe.other);
  const points: [string, number][] = [];
  for (const [method, n] of Object.entries(after.calls)) {
    const d = n - (before.calls[method] ?? 0);
    if (d > 0 && /^(Spreadsheet|Sheet|Range|TextFinder|Lock|Properties)\./.test(method)) for (let nth = 1; nth <= d; nth++) points.push([method, nth]);
  }

  test('a merge makes a known set of calls to fail at', () => {
    expect(points.length).toBeGreaterThan(10);
  });

  /** What a fault may leave and the retry must end from: one merge, every ticket under the kept number once. */
  const expectOneMerge = (rt: Runtime, kept: string, other: string, tickets: number) => {
    const o = outcome(rt, kept, other);
    expect(o.otherTickets).toEqual([]);
    expect(o.keptTickets).toHaveLength(tickets);
    expect(o.kept[CUSTOMERS.col.ticketCount]).toBe(tickets);
    expect(o.merged).toEqual([[other, kept]]);
    expect(new Set(o.moved).size).toBe(o.moved.length);
    expect(o.filled).toBe(clean.filled);
    expect(o.other).toEqual(clean.other);
  };

  test.each(points)('%s #%i fails: running the merge again ends as one clean merge', (method, nth) => {
    const { rt, kept, other } = twoRecords();
    rt.faults.failCall(method, nth);
    merge(rt, kept, other);
    rt.faults.clear();
    expect(merge(rt, kept, other).error).toBeUndefined();
    expect(outcome(rt, kept, other)).toEqual(clean);
  });

  // Between the fault and the retry the other customer writes again: whichever record it lands on, the merge takes it along.
  const writes = points.filter(([m]) => m === 'Range.setValues');
  test.each([writes[0]!, writes[Math.floor(writes.length / 2)]!, writes.at(-1)!])('%s #%i fails, a submission follows, then the merge again: it counts the new ticket once', (method, nth) => {
    const { rt, kept, other } = twoRecords();
    rt.faults.failCall(method, nth);
    merge(rt, kept, other);
    rt.faults.clear();
    submitOne(rt, person({ mobile: '13900139000', email: '', need_description: '投影仪已经装好，想再加一块幕布' }), 'form', T0 + 2 * DAY);
    expect(merge(rt, kept, other).error).toBeUndefined();
    expectOneMerge(rt, kept, other, 4);
  });

  test('a colleague sorting 客户 and 工单 in the middle of the merge: the right rows are written', () => {
    const { rt, kept, other } = twoRecords();
    nestAt(rt, 'Range.setValues', 1, () => {
      rt.staff.sortSheet(CUSTOMERS.name, CUSTOMERS.col.no, false);
      rt.staff.sortSheet(TICKETS.name, TICKETS.col.no, false);
    });
    expect(merge(rt, kept, other).error).toBeUndefined();
    const o = outcome(rt, kept, other);
    expect(o.keptTickets).toEqual(clean.keptTickets);
    expect(o.other[CUSTOMERS.col.mergedInto]).toBe(kept);
    expect(o.kept[CUSTOMERS.col.ticketCount]).toBe(3);
    expect(o.kept[CUSTOMERS.col.name]).toBe('王小明');
  });
});

describe('a workbook set up before 合并至 existed', () => {
  test('keeps filing (the column is added at the end), and merges', () => {
    const rt = world();
    rt.staff.deleteColumn(CUSTOMERS.name, rt.staff.column(CUSTOMERS.name, CUSTOMERS.col.mergedInto));
    const a = submitOne(rt, person());
    expect(a.outcome).toBe('accepted');
    expect(rt.staff.column(CUSTOMERS.name, CUSTOMERS.col.mergedInto)).toBeGreaterThan(0);
    const b = submitOne(rt, person({ mobile: '13900139000', email: 'x@example.com' }), 'form', T0 + HOUR);
    expect(merge(rt, String(a.customer_no), String(b.customer_no)).ok).toBe(true);
  });
});
