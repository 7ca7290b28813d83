/**
 * One record per customer, on the bundle: what a returning customer's record
 * keeps when a later submission says less than the first one did.
 */
import { CUSTOMERS, HISTORY, TICKETS } from '../src/sheets/schema';
import { findSheet, getCell, getCellProp } from '../local/runtime/sheet-data';
import { UNKNOWN_STAFF } from '../src/domain/vocabulary';
import { WORLD_ACCOUNTS, person, rows, submitOne, world, T0 } from './helpers/world';

const HOUR = 3_600_000;

const customer = (rt: ReturnType<typeof world>, no: string) => rows(rt, CUSTOMERS.name).find((c) => c[CUSTOMERS.col.no] === no)!;
const ticket = (rt: ReturnType<typeof world>, no: string) => rows(rt, TICKETS.name).find((t) => t[TICKETS.col.no] === no)!;

describe('a returning customer', () => {
  test('made strategic by budget and size once, stays strategic on a later ticket without those answers, and keeps the raised priority', () => {
    const rt = world();
    const company = { name: '甲公司', customer_kind: '企业', mobile: '13900000001', email: 'a@example.com', expected_response: '3个工作日内' };
    const first = submitOne(rt, person({ ...company, company_size: '200人以上', budget: '10万以上' }));
    expect(customer(rt, String(first.customer_no))[CUSTOMERS.col.segment]).toBe('战略客户');
    const later = submitOne(rt, person({ ...company, need_description: '再加购5台显示器，用于会议室' }), 'form', T0 + HOUR);
    expect(later.customer_no).toBe(first.customer_no);
    expect(customer(rt, String(later.customer_no))[CUSTOMERS.col.segment]).toBe('战略客户');
    // 3个工作日内 is 中 for anyone else; a strategic customer's ticket is raised a level.
    expect(ticket(rt, String(later.ticket_no))[TICKETS.col.priority]).toBe('高');
    const stranger = submitOne(rt, person({ ...company, name: '乙公司', mobile: '13900000002', email: 'b@example.com' }), 'form', T0 + 2 * HOUR);
    expect(ticket(rt, String(stranger.ticket_no))[TICKETS.col.priority]).toBe('中');
  });

  test('who leaves the email out this time is acknowledged at the email on record', () => {
    const rt = world();
    submitOne(rt, person());
    const again = submitOne(rt, person({ email: '', need_description: '上次的电脑已收到，想再加购两台显示器' }), 'form', T0 + HOUR);
    expect(again.outcome).toBe('accepted');
    const acks = rt.state.mail.sent.filter((m) => m.subject.includes(String(again.ticket_no)) && m.subject.includes('已收到您的需求'));
    expect(acks.map((m) => m.to)).toEqual(['xiaoming@example.com']);
  });
});

describe('staff correcting 客户 in the sheet', () => {
  const SALES = 'sales1@example.com';
  // On consumer accounts the edit trigger sees no colleague's address: 历史 says so rather than guess.
  const SALES_SEEN = WORLD_ACCOUNTS === 'consumer' ? UNKNOWN_STAFF : SALES;
  const cell = (rt: ReturnType<typeof world>, row: number, label: string) => {
    const sheet = findSheet(rt.state, CUSTOMERS.name)!;
    const column = rt.staff.column(CUSTOMERS.name, label);
    return { value: getCell(sheet, row, column), note: getCellProp(sheet, row, column, 'note') ?? '' };
  };
  const type = (rt: ReturnType<typeof world>, row: number, label: string, value: string) =>
    rt.staff.type(CUSTOMERS.name, row, rt.staff.column(CUSTOMERS.name, label), value, SALES);

  test('a mobile typed over is normalised, logged with old and new, and the next submission from it matches the same record', () => {
    const rt = world();
    const first = submitOne(rt, person());
    expect(type(rt, 2, CUSTOMERS.col.mobile, '139 0013 9000').ok).toBe(true);
    expect(cell(rt, 2, CUSTOMERS.col.mobile)).toEqual({ value: '13900139000', note: '' });
    const logged = rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === '客户资料已更新');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ [HISTORY.col.oldValue]: '13800138000', [HISTORY.col.newValue]: '13900139000', [HISTORY.col.actor]: SALES_SEEN });
    // The corrected mobile (and another email) finds the same customer; the old mobile with a new email no longer does.
    const again = submitOne(rt, person({ mobile: '13900139000', email: 'new@example.com' }), 'form', T0 + HOUR);
    expect(again.customer_no).toBe(first.customer_no);
    const old = submitOne(rt, person({ name: '别人', mobile: '13800138000', email: 'other@example.com' }), 'form', T0 + 2 * HOUR);
    expect(old.customer_no).not.toBe(first.customer_no);
    expect(rows(rt, CUSTOMERS.name)).toHaveLength(2);
  });

  test('an email typed into the empty 邮箱 of a phone-only customer is taken, and a later submission from that email and another mobile matches', () => {
    const rt = world();
    const first = submitOne(rt, person({ email: '' }));
    expect(cell(rt, 2, CUSTOMERS.col.email).value ?? '').toBe('');
    expect(type(rt, 2, CUSTOMERS.col.email, 'XiaoMing@Example.com').ok).toBe(true);
    expect(cell(rt, 2, CUSTOMERS.col.email)).toEqual({ value: 'xiaoming@example.com', note: '' });
    const logged = rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === '客户资料已更新');
    expect(logged.map((h) => [h[HISTORY.col.oldValue], h[HISTORY.col.newValue]])).toEqual([['', 'xiaoming@example.com']]);
    const again = submitOne(rt, person({ mobile: '13911112222', email: 'xiaoming@example.com' }), 'form', T0 + HOUR);
    expect(again.customer_no).toBe(first.customer_no);
    // Typed into an empty cell and refused: the cell is empty again.
    expect(type(rt, 2, CUSTOMERS.col.landline, 'abc').ok).toBe(true);
    expect(cell(rt, 2, CUSTOMERS.col.landline).value ?? '').toBe('');
    expect(cell(rt, 2, CUSTOMERS.col.landline).note).toContain('未采用');
  });

  test('客户类型标签 set to 战略客户 by hand is logged and raises the next ticket; a tag that is none of the three comes back', () => {
    const rt = world();
    submitOne(rt, person({ expected_response: '3个工作日内' }));
    expect(type(rt, 2, CUSTOMERS.col.segment, '大客户').ok).toBe(true);
    expect(cell(rt, 2, CUSTOMERS.col.segment).value).toBe('新客户');
    expect(cell(rt, 2, CUSTOMERS.col.segment).note).toContain('可选：新客户、老客户、战略客户');
    expect(type(rt, 2, CUSTOMERS.col.segment, '战略客户').ok).toBe(true);
    expect(cell(rt, 2, CUSTOMERS.col.segment)).toEqual({ value: '战略客户', note: '' });
    const logged = rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === '客户资料已更新');
    expect(logged.map((h) => [h[HISTORY.col.oldValue], h[HISTORY.col.newValue]])).toEqual([['新客户', '战略客户']]);
    const later = submitOne(rt, person({ expected_response: '3个工作日内', need_description: '想再了解一下企业版的部署方式' }), 'form', T0 + HOUR);
    expect(ticket(rt, String(later.ticket_no))[TICKETS.col.priority]).toBe('高');
    expect(customer(rt, String(later.customer_no))[CUSTOMERS.col.segment]).toBe('战略客户');
  });

  test('a pasted block is checked cell by cell and re-indexed (old values unknown); a paste too large to check is said so in a note', () => {
    const rt = world();
    const first = submitOne(rt, person());
    submitOne(rt, person({ name: '李雷', mobile: '13700137000', email: 'lilei@example.com' }), 'form', T0 + HOUR);
    const column = rt.staff.column(CUSTOMERS.name, CUSTOMERS.col.mobile);
    const pasted = rt.staff.paste(CUSTOMERS.name, 2, column, [['13900139000'], ['12345']], SALES);
    expect(pasted.refused).toEqual([]);
    expect(pasted.runs.every((run) => run.ok)).toBe(true);
    expect(cell(rt, 2, CUSTOMERS.col.mobile)).toEqual({ value: '13900139000', note: '' });
    expect(cell(rt, 3, CUSTOMERS.col.mobile).note).toContain('粘贴的值没有原值可恢复');
    const logged = rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === '客户资料已更新');
    expect(logged.map((h) => [h[HISTORY.col.oldValue], h[HISTORY.col.newValue]])).toEqual([['', '13900139000']]);
    expect(submitOne(rt, person({ mobile: '13900139000', email: 'new@example.com' }), 'form', T0 + 2 * HOUR).customer_no).toBe(first.customer_no);

    const big = Array.from({ length: 51 }, (_, i) => [`1360000${String(i).padStart(4, '0')}`]);
    rt.staff.paste(CUSTOMERS.name, 2, column, big, SALES);
    expect(cell(rt, 2, CUSTOMERS.col.mobile).note).toContain('超过 50 个客户资料单元格');
  });

  test('a value intake would refuse, another customer\'s mobile or a sealed column: the old value comes back with a note saying why', () => {
    const rt = world();
    submitOne(rt, person({ address: '北京市朝阳区建国路88号' }));
    submitOne(rt, person({ name: '李雷', mobile: '13700137000', email: 'lilei@example.com' }), 'form', T0 + HOUR);
    expect(type(rt, 2, CUSTOMERS.col.mobile, '12345').ok).toBe(true);
    expect(cell(rt, 2, CUSTOMERS.col.mobile).value).toBe('13800138000');
    expect(cell(rt, 2, CUSTOMERS.col.mobile).note).toContain('未采用');
    type(rt, 2, CUSTOMERS.col.mobile, '13700137000');
    expect(cell(rt, 2, CUSTOMERS.col.mobile).value).toBe('13800138000');
    expect(cell(rt, 2, CUSTOMERS.col.mobile).note).toContain('C20261123002');
    const mask = String(cell(rt, 2, '联系地址').value);
    type(rt, 2, '联系地址', '上海市浦东新区世纪大道1号');
    expect(cell(rt, 2, '联系地址').value).toBe(mask);
    expect(cell(rt, 2, '联系地址').note).toContain('个人信息请求');
    expect(JSON.stringify(rt.state.spreadsheet)).not.toContain('世纪大道');
    expect(rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === '客户资料已更新')).toHaveLength(0);
  });
});
