/**
 * 个人信息请求 on the bundle: a customer's copy of everything held about
 * them, a correction that matching follows, and a deletion that leaves only
 * counts — each for staff on the owner's reveal list only, each in 历史.
 */
import { parse } from 'csv-parse/sync';
import type { Runtime } from '../local/runtime/runtime';
import { CONFIG, CUSTOMERS, HISTORY, IMPORT, MAIL_QUEUE, REVIEW, TICKETS } from '../src/sheets/schema';
import { defaultConfigRows } from '../src/domain/config';
import type { PersonalExport } from '../src/contracts/personal-requests';
import { T0, person, rows, submitOne, world } from './helpers/world';

const LEAD = 'sales-lead@example.com'; // on the owner's reveal list
const STAFF = 'sales1@example.com';
const ADDRESS = '北京市海淀区中关村大街1号院3号楼502室';
const ID = '11010519491231002X';
const NEW_ID = residentId('11010519800101123');

/** A resident ID number with its check digit (GB 11643-1999). */
function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

/** One customer with a manual ticket, a Form one, an import row, a 待审核 row and a mail still queued. */
function customerWithHistory(): { rt: Runtime; customerNo: string } {
  const rt = world();
  const first = submitOne(rt, person({ address: ADDRESS, id_number: ID, need_description: '=1+1 需要10台台式电脑，用于新员工办公' }), 'manual');
  expect(first.outcome).toBe('accepted');
  expect(submitOne(rt, person({ need_description: '上次的电脑需要加装内存，请安排工程师上门' }), 'form').outcome).toBe('accepted');
  expect(submitOne(rt, person({ need_description: '想再订购5台显示器，请报价并说明交期' }), 'import').outcome).toBe('accepted');
  expect(submitOne(rt, person({ age: '300', need_description: '第四次咨询：会议室投影仪的安装问题' }), 'form').outcome).toBe('review');
  return { rt, customerNo: String(rows(rt, '客户')[0]![CUSTOMERS.col.no]) };
}

function run<T>(rt: Runtime, fn: string, args: unknown[], user = LEAD): T {
  const r = rt.run(fn, args, { user });
  if (!r.ok) throw new Error(r.error);
  return r.value as T;
}

/** Everything the workbook and the Forms hold, as one text. */
const SHIPPED_CONFIG = new Set(defaultConfigRows().map(([group, key, value]) => `${group}|${key}|${value}`));

/**
 * Every cell and Form response, but the 配置 rows still as shipped: their Form
 * help texts give examples (13800138000) the test's customer reuses.
 */
function everything(rt: Runtime): string {
  const sheets = rt.state.spreadsheet.sheets.filter((s) => s.name !== CONFIG.name);
  const config = rows(rt, CONFIG.name).filter((r) => !SHIPPED_CONFIG.has(`${String(r[CONFIG.col.group])}|${String(r[CONFIG.col.key])}|${String(r[CONFIG.col.value])}`));
  return JSON.stringify(sheets) + JSON.stringify(config) + JSON.stringify(rt.state.forms.map((f) => f.responses));
}

describe('个人信息请求: who may', () => {
  test('a staff member without the reveal right is refused at every call, and each refusal is logged and counted', () => {
    const { rt, customerNo } = customerWithHistory();
    for (const [fn, args] of [['personalRequestsSetup', []], ['findPersonalData', ['13800138000']], ['exportPersonalData', [customerNo]], ['correctPersonalData', [customerNo, 'email', 'x@example.com', '']], ['erasePersonalData', [customerNo, customerNo, '']]] as const) {
      const r = rt.run(fn, [...args], { user: STAFF });
      expect([fn, r.ok, r.error]).toEqual([fn, false, expect.stringContaining('没有处理个人信息请求的权限')]);
    }
    const refused = rows(rt, '历史').filter((h) => h[HISTORY.col.actor] === STAFF && h[HISTORY.col.action] === '查看敏感信息被拒绝');
    expect(refused).toHaveLength(5);
    expect(rows(rt, '客户')[0]).toMatchObject({ [CUSTOMERS.col.email]: 'xiaoming@example.com', [CUSTOMERS.col.name]: '王小明' });
    expect(everything(rt)).not.toContain('x@example.com');
  });

  test('the menu item opens the dialog, whose page asks its server for the setup', () => {
    const { rt } = customerWithHistory();
    run(rt, 'showPersonalRequests', []);
    const ui = rt.services.SpreadsheetApp.ui;
    expect(ui.dialog).toMatchObject({ title: '个人信息请求（查阅、更正、删除）' });
    expect(ui.dialog?.html).toContain('personalRequestsSetup');
  });
});

describe('个人信息请求: export (a copy of everything held)', () => {
  test('by mobile, the customer; the export holds the record with its sealed fields opened, every ticket, their 历史, 待审核 and 导入 rows and mails', () => {
    const { rt, customerNo } = customerWithHistory();
    const setup = run<{ fields: { key: string; label: string }[] }>(rt, 'personalRequestsSetup', []);
    expect(setup.fields.map((f) => f.label)).toEqual(expect.arrayContaining(['手机号', '联系地址', '证件号码']));
    expect(run(rt, 'findPersonalData', [' 138 0013 8000 '])).toEqual({ customerNo, name: '王小明', tickets: 3, lastContact: expect.stringMatching(/^2026-/), erased: false });
    expect(rt.run('findPersonalData', ['13900000000'], { user: LEAD }).error).toContain('没有找到这位客户');
    expect(rt.run('findPersonalData', ['王小明'], { user: LEAD }).error).toContain('请输入11位手机号');

    const out = run<PersonalExport>(rt, 'exportPersonalData', [customerNo]);
    const section = (title: string) => out.sections.find((s) => s.title === title)!;
    const record = Object.fromEntries(section('客户记录').rows);
    expect(record).toMatchObject({ [CUSTOMERS.col.no]: customerNo, [CUSTOMERS.col.address]: ADDRESS, [CUSTOMERS.col.idNumber]: ID, [CUSTOMERS.col.mobile]: '13800138000', [CUSTOMERS.col.ticketCount]: '3' });
    expect(section('工单').rows).toHaveLength(3);
    expect(section('待审核记录').rows).toEqual([expect.arrayContaining([expect.stringContaining('需求描述：第四次咨询')])]);
    expect(section('导入记录').rows).toEqual([[expect.stringMatching(/^已受理：工单 T\d{11}/), expect.stringContaining('需求描述：想再订购5台显示器')]]);
    expect(section('处理记录（历史）').rows.map((r) => r[3])).toEqual(expect.arrayContaining(['新建工单']));
    // The mails to the customer; the assignment mails to staff are not theirs.
    const mailTo = section('发给客户的邮件').rows.map((r) => r[2]);
    expect(mailTo.length).toBeGreaterThan(0);
    expect(new Set(mailTo)).toEqual(new Set(['xiaoming@example.com']));
    expect(out.fileName).toMatch(new RegExp(`^个人信息_${customerNo}_\\d{8}\\.csv$`));

    // The CSV: UTF-8 with a byte-order mark, every section, nothing a spreadsheet would evaluate.
    expect(out.csv.startsWith('\uFEFF')).toBe(true);
    const records: string[][] = parse(out.csv.slice(1), { relax_column_count: true });
    expect(records.flat()).toContain(ADDRESS);
    expect(records.flat().filter((c) => /^[=+\-@＝＋－＠]/.test(c))).toEqual([]);
    expect(records.flat().filter((c) => c.startsWith("'=1+1 需要10台台式电脑"))).toHaveLength(1);

    // Logged as a reveal, with who and when, and counted for the reports' audit line.
    const logged = rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '导出个人信息');
    expect(logged).toEqual([expect.objectContaining({ [HISTORY.col.actor]: LEAD, [HISTORY.col.oldValue]: customerNo })]);
    expect(JSON.parse(String(rt.state.properties.script['audit:reveal:2026-11-23']))).toEqual({ [LEAD]: [1, 0] });
    expect(JSON.stringify(rows(rt, '历史'))).not.toContain(ADDRESS);
  });
});

describe('个人信息请求: correction', () => {
  test('a corrected mobile is what matches from then on: the new number finds the customer, the old one is a new customer', () => {
    const { rt, customerNo } = customerWithHistory();
    const done = run<{ message: string }>(rt, 'correctPersonalData', [customerNo, 'mobile', '139-1234-5678', '客户来电要求更正']);
    expect(done.message).toBe(`客户 ${customerNo} 的手机号已更正，此后按新值匹配客户`);
    expect(rows(rt, '客户')[0]![CUSTOMERS.col.mobile]).toBe('13912345678');
    const logged = rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '客户资料已更新');
    expect(logged).toEqual([expect.objectContaining({ [HISTORY.col.actor]: LEAD, [HISTORY.col.oldValue]: '13800138000', [HISTORY.col.newValue]: '13912345678', [HISTORY.col.note]: expect.stringContaining('客户来电要求更正') })]);

    const again = submitOne(rt, person({ mobile: '13912345678', email: '', need_description: '新号码来咨询：打印机卡纸怎么处理' }), 'manual');
    expect(rows(rt, '工单').find((t) => t[TICKETS.col.no] === again.ticket_no)![TICKETS.col.customerNo]).toBe(customerNo);
    const old = submitOne(rt, person({ mobile: '13800138000', email: '', name: '李四', need_description: '旧号码的新主人：想咨询笔记本电脑' }), 'manual');
    expect(rows(rt, '工单').find((t) => t[TICKETS.col.no] === old.ticket_no)![TICKETS.col.customerNo]).not.toBe(customerNo);
  });

  test('a corrected ID number is sealed for the customer and masked; 历史 says it changed, not what to', () => {
    const { rt, customerNo } = customerWithHistory();
    run(rt, 'correctPersonalData', [customerNo, 'id_number', NEW_ID, '']);
    expect(rows(rt, '客户')[0]![CUSTOMERS.col.idNumber]).toBe(`110***********${NEW_ID.slice(-4)}`);
    expect(everything(rt)).not.toContain(NEW_ID);
    expect(rows(rt, '历史').find((h) => h[HISTORY.col.action] === '客户资料已更新')).toMatchObject({ [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: expect.stringContaining('证件号码已更改') });
    expect(run<{ id_number: string }>(rt, 'revealSensitive', [customerNo]).id_number).toBe(NEW_ID);
  });

  test('a value intake would refuse, a field that is not the customer’s and an identifier another customer holds change nothing', () => {
    const { rt, customerNo } = customerWithHistory();
    submitOne(rt, person({ name: '李四', mobile: '13700001111', email: 'lisi@example.com', need_description: '另一位客户：咨询会议室显示器' }), 'manual');
    const before = JSON.stringify(rows(rt, '客户'));
    expect(rt.run('correctPersonalData', [customerNo, 'email', 'not-an-email', ''], { user: LEAD }).error).toMatch(/^更正未保存：.*电子邮箱/);
    expect(rt.run('correctPersonalData', [customerNo, 'need_description', '改一下', ''], { user: LEAD }).error).toContain('不是客户资料字段');
    expect(rt.run('correctPersonalData', [customerNo, 'name', '', ''], { user: LEAD }).error).toMatch(/^更正未保存：/);
    expect(rt.run('correctPersonalData', [customerNo, 'email', 'lisi@example.com', ''], { user: LEAD }).error).toContain('已属于客户');
    expect(JSON.stringify(rows(rt, '客户'))).toBe(before);
    expect(run<{ message: string }>(rt, 'correctPersonalData', [customerNo, 'email', 'XIAOMING@example.com', '']).message).toContain('相同，没有更改');
  });
});

describe('个人信息请求: deletion', () => {
  test('the customer’s details go from every sheet and Form, the counts stay, and the same mobile later is a new customer', () => {
    const { rt, customerNo } = customerWithHistory();
    // A mail still waiting for the hourly job.
    const queue = rt.state.spreadsheet.sheets.find((s) => s.name === '邮件队列')!;
    expect(rows(rt, '邮件队列').length).toBeGreaterThan(0);
    const tickets = rows(rt, '工单').map((t) => String(t[TICKETS.col.no]));
    expect(rt.run('erasePersonalData', [customerNo, 'C1', ''], { user: LEAD }).error).toContain('不一致，没有删除任何内容');
    expect(rt.run('erasePersonalData', [customerNo, customerNo, '王小明来电'], { user: LEAD }).error).toContain('不要写客户的姓名');
    expect(rows(rt, '客户')[0]![CUSTOMERS.col.name]).toBe('王小明');

    const done = run<{ message: string }>(rt, 'erasePersonalData', [customerNo, customerNo.toLowerCase(), '2026-12-02 来电请求']);
    expect(done.message).toMatch(new RegExp(`^客户 ${customerNo} 的个人信息已删除：3 张工单、1 条待审核记录、1 行导入记录`));

    const all = everything(rt);
    for (const s of ['王小明', '13800138000', 'xiaoming@example.com', '中关村', ID, '台式电脑', '加装内存', '显示器', '投影仪']) expect([s, all.includes(s)]).toEqual([s, false]);
    const customer = rows(rt, '客户')[0]!;
    expect(customer).toMatchObject({ [CUSTOMERS.col.no]: customerNo, [CUSTOMERS.col.ticketCount]: 3, [CUSTOMERS.col.name]: '' });
    expect(rows(rt, '工单').map((t) => [t[TICKETS.col.no], t[TICKETS.col.status], t[TICKETS.col.needType]])).toEqual(tickets.map((no) => [no, '已关闭', '产品咨询']));
    expect(rows(rt, '待审核')[0]).toMatchObject({ [REVIEW.col.rawData]: '', [REVIEW.col.state]: '已作废' });
    expect(rows(rt, '导入').every((r) => r[IMPORT.col.result] !== '' && !JSON.stringify(r).includes('王小明'))).toBe(true);
    expect(rows(rt, '邮件队列').filter((m) => m[MAIL_QUEUE.col.state] === '待发送')).toEqual([]);
    expect(queue.rows.length).toBeGreaterThan(0);
    const erased = rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '个人信息已删除');
    expect(erased.map((h) => h[HISTORY.col.ticketNo]).sort()).toEqual(['', ...tickets].sort());
    expect(erased.find((h) => h[HISTORY.col.ticketNo] === '')).toMatchObject({ [HISTORY.col.actor]: LEAD, [HISTORY.col.oldValue]: customerNo, [HISTORY.col.note]: expect.stringContaining('2026-12-02 来电请求') });
    expect(rt.state.forms.flatMap((f) => f.responses)).toEqual([]);

    // The hourly job sends nothing to anybody for these tickets.
    const sent = rt.state.mail.sent.length;
    rt.advanceClockTo(T0 + 3 * 3600_000);
    expect(rt.state.mail.sent.slice(sent).filter((m) => m.to === 'xiaoming@example.com' || m.to === '')).toEqual([]);

    expect(run(rt, 'findPersonalData', [customerNo])).toMatchObject({ customerNo, name: '', erased: true });
    expect(rt.run('findPersonalData', ['13800138000'], { user: LEAD }).error).toContain('没有找到这位客户');
    const back = submitOne(rt, person({ need_description: '我又来了：想咨询新款笔记本电脑的价格' }), 'manual');
    expect(rows(rt, '工单').find((t) => t[TICKETS.col.no] === back.ticket_no)![TICKETS.col.customerNo]).not.toBe(customerNo);
  });
});
