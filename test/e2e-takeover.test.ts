/**
 * Nobody takes over a customer's record by knowing one of its identifiers,
 * and a sealed value opens only where it was sealed. On the bundle:
 *
 * - a Form submission with the victim's mobile, the attacker's email and a
 *   new address leaves the customer's record, its sealed cells and its match
 *   index as they were; the new details wait on the ticket (sealed), and
 *   every customer mail of either ticket goes to the address on record;
 * - the ticket's owner confirms them (确认更新): the record, its blind index
 *   and 历史 follow, without the address in plain anywhere;
 * - a sealed cell copied into another row or field is refused by reveal, and
 *   a value sealed by the first version (enc:v1) still opens and is sealed
 *   again for its record when the record is next written.
 */
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCell, lastColumn, setCell } from '../local/runtime/sheet-data';
import { sealField, toBase64, fromBase64, utf8Encode } from '../src/domain/crypto';
import { CUSTOMERS, HISTORY, INTERNAL, REVIEW, TICKETS } from '../src/sheets/schema';
import { person, rows, setStatus, submitOne, ticketOwner, world, T0 } from './helpers/world';

const HOUR = 3_600_000;
const VICTIM_ADDRESS = '北京市海淀区中关村大街1号';
const NEW_ADDRESS = '上海市浦东新区世纪大道100号';
const ATTACKER = 'attacker@evil.example';

/** The victim's record, then a submission with the victim's mobile and someone else's name, email and address. */
function takeoverAttempt(): { rt: Runtime; victimTicket: string; attackTicket: string; before: Record<string, unknown> } {
  const rt = world();
  const victim = submitOne(rt, person({ address: VICTIM_ADDRESS }));
  const before = rows(rt, '客户')[0]!;
  const attack = submitOne(rt, person({ name: '冒名者', email: ATTACKER, address: NEW_ADDRESS, need_description: '请把我的资料改成新的邮箱和地址，谢谢' }), 'form', T0 + 2 * HOUR);
  expect(attack).toMatchObject({ outcome: 'accepted', customer_no: victim['customer_no'] });
  return { rt, victimTicket: String(victim['ticket_no']), attackTicket: String(attack['ticket_no']), before };
}

const ticket = (rt: Runtime, no: string) => rows(rt, '工单').find((t) => t[TICKETS.col.no] === no)!;

/** Overwrites one cell of a sheet as a person with edit rights could (copy and paste of a hidden column). */
function paste(rt: Runtime, sheetName: string, row: number, label: string, value: string): void {
  const sheet = findSheet(rt.state, sheetName)!;
  const col = Array.from({ length: lastColumn(sheet) }, (_, i) => String(getCell(sheet, 1, i + 1))).indexOf(label) + 1;
  expect(col).toBeGreaterThan(0);
  setCell(sheet, row, col, value);
}

describe('a submission matched by mobile does not take over the customer', () => {
  test('the record, its sealed address and its match index stay; the new details wait on the ticket, sealed', () => {
    const { rt, attackTicket, before } = takeoverAttempt();
    const after = rows(rt, '客户');
    expect(after).toHaveLength(1);
    for (const label of [CUSTOMERS.col.name, CUSTOMERS.col.email, CUSTOMERS.col.mobile, CUSTOMERS.col.address, INTERNAL.addressSealed, INTERNAL.matchIndex]) {
      expect([label, after[0]![label]]).toEqual([label, before[label]]);
    }
    expect(after[0]![CUSTOMERS.col.ticketCount]).toBe(2);

    const t = ticket(rt, attackTicket);
    expect(t[TICKETS.col.tags]).toBe('待核实');
    expect(String(t[TICKETS.col.toVerify])).toContain('姓名/企业名称、电子邮箱、联系地址 新值待核实');
    expect(String(t[INTERNAL.pendingChanges])).toMatch(/^enc:v2:/);
    // The new address is nowhere in plain: not in a sheet, a mail, a log; the new email not on the ticket either.
    expect(JSON.stringify(rt.state)).not.toContain('世纪大道');
    expect(JSON.stringify(t)).not.toContain(ATTACKER);
  });

  test('the acknowledgement and every progress mail of either ticket go to the address on record', () => {
    const { rt, victimTicket, attackTicket } = takeoverAttempt();
    const acks = rt.state.mail.sent.filter((m) => m.subject.includes(attackTicket));
    expect(acks.map((m) => m.to)).toContain('xiaoming@example.com');
    for (const no of [victimTicket, attackTicket]) setStatus(rt, no, '已联系客户', ticketOwner(rt, no));
    const progress = rt.state.mail.sent.filter((m) => m.subject.includes('已联系客户'));
    expect(progress.map((m) => [m.subject.includes(victimTicket) ? 'victim' : 'attack', m.to]).sort()).toEqual([['attack', 'xiaoming@example.com'], ['victim', 'xiaoming@example.com']]);
    expect(rt.state.mail.sent.map((m) => m.to)).not.toContain(ATTACKER);
    // Both acknowledgements and both progress mails reached the customer on record.
    expect(rt.state.mail.sent.filter((m) => m.to === 'xiaoming@example.com')).toHaveLength(4);
  });

  test('the attacker\'s email does not match the record: a later submission with it and another mobile is a new customer', () => {
    const { rt } = takeoverAttempt();
    const later = submitOne(rt, person({ name: '冒名者', mobile: '13911112222', email: ATTACKER }), 'form', T0 + 3 * HOUR);
    expect(later).toMatchObject({ outcome: 'accepted', customer_no: 'C20261123002' });
  });

  test('a descriptive field the record lacks is filled; one it holds is kept and waits like the contact details', () => {
    const rt = world();
    submitOne(rt, person());
    const again = submitOne(rt, person({ industry: '教育', referrer: '李四', need_description: '第二次咨询：想再买五台显示器用于会议室' }), 'form', T0 + HOUR);
    const c = rows(rt, '客户')[0]!;
    expect(c['推荐人信息']).toBe('李四');
    expect(c['所属行业']).toBe('互联网');
    expect(String(ticket(rt, String(again['ticket_no']))[TICKETS.col.toVerify])).toBe('所属行业 新值待核实：与客户记录不同，确认前客户记录和邮件仍使用原值（我的工单 › 确认更新）');
  });

  test('a returning customer who gives the same details gets no 待核实', () => {
    const rt = world();
    submitOne(rt, person({ address: VICTIM_ADDRESS }));
    const again = submitOne(rt, person({ address: VICTIM_ADDRESS, mobile: '+86 138-0013-8000' }), 'form', T0 + HOUR);
    const t = ticket(rt, String(again['ticket_no']));
    expect([t[TICKETS.col.tags], t[TICKETS.col.toVerify], t[INTERNAL.pendingChanges]]).toEqual(['', '', '']);
  });
});

describe('确认更新 in 我的工单', () => {
  test('the owner sees the pending details (the address masked) and confirms them: record, blind index and 历史 follow', () => {
    const { rt, attackTicket } = takeoverAttempt();
    const owner = ticketOwner(rt, attackTicket);
    const list = rt.run('myTickets', [], { user: owner }).value as { tickets: { ticketNo: string; pending?: { fields: { label: string; value: string }[] } }[] };
    const card = list.tickets.find((x) => x.ticketNo === attackTicket)!;
    expect(card.pending!.fields).toEqual([
      { label: '姓名/企业名称', value: '冒名者' },
      { label: '电子邮箱', value: ATTACKER },
      { label: '联系地址', value: '上海市浦东新****' },
    ]);
    expect(JSON.stringify(list)).not.toContain('世纪大道');

    // Only the ticket's owner may confirm.
    const stranger = rt.run('confirmMyTicketChanges', [attackTicket], { user: 'sales-lead@example.com' });
    expect(stranger.ok).toBe(false);
    expect(rows(rt, '客户')[0]![CUSTOMERS.col.email]).toBe('xiaoming@example.com');

    const r = rt.run('confirmMyTicketChanges', [attackTicket], { user: owner });
    expect(r.ok).toBe(true);
    expect((r.value as { fields: string[] }).fields).toEqual(['姓名/企业名称', '电子邮箱', '联系地址']);
    const c = rows(rt, '客户')[0]!;
    expect([c[CUSTOMERS.col.name], c[CUSTOMERS.col.email], c[CUSTOMERS.col.address]]).toEqual(['冒名者', ATTACKER, '上海市浦东新****']);
    expect(String(c[INTERNAL.addressSealed])).toMatch(/^enc:v2:/);
    const revealed = rt.run('revealSensitive', [String(c[CUSTOMERS.col.no])], { user: 'sales-lead@example.com' });
    expect(revealed.value).toMatchObject({ ok: true, address: NEW_ADDRESS });

    const t = ticket(rt, attackTicket);
    expect([t[TICKETS.col.tags], t[TICKETS.col.toVerify], t[INTERNAL.pendingChanges]]).toEqual(['', '', '']);
    const history = rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '客户资料已更新');
    expect(history.map((h) => [h[HISTORY.col.ticketNo], h[HISTORY.col.actor], h[HISTORY.col.oldValue], h[HISTORY.col.newValue]])).toEqual([
      [attackTicket, owner, '王小明', '冒名者'],
      [attackTicket, owner, 'xiaoming@example.com', ATTACKER],
      [attackTicket, owner, '', ''],
    ]);
    expect(String(history[2]![HISTORY.col.note])).toContain('联系地址已更改（加密保存');
    expect(JSON.stringify(rows(rt, '历史'))).not.toMatch(/世纪大道|中关村/);

    // Matching follows the confirmed email; the replaced one no longer matches (it may be someone else's now).
    expect(submitOne(rt, person({ mobile: '13922223333', email: ATTACKER }), 'form', T0 + 3 * HOUR)).toMatchObject({ customer_no: 'C20261123001' });
    expect(submitOne(rt, person({ mobile: '13933334444', email: 'xiaoming@example.com' }), 'form', T0 + 4 * HOUR)).toMatchObject({ customer_no: 'C20261123002' });
    // Confirming again finds nothing waiting.
    const twice = rt.run('confirmMyTicketChanges', [attackTicket], { user: owner });
    expect(twice).toMatchObject({ ok: false, error: expect.stringContaining('没有待确认的客户资料变更') });
  });

  test('a new email another customer already holds is refused, and the record stays', () => {
    const rt = world();
    submitOne(rt, person());
    submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com' }));
    const again = submitOne(rt, person({ email: 'lisi@example.com', need_description: '第二次咨询：想再买五台显示器用于会议室' }), 'form', T0 + HOUR);
    // Matched by the stronger token first (mobile): the first customer, with 李四's email pending.
    expect(again).toMatchObject({ customer_no: 'C20261123001' });
    const no = String(again['ticket_no']);
    const r = rt.run('confirmMyTicketChanges', [no], { user: ticketOwner(rt, no) });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('新的电子邮箱已属于客户 C20261123002') });
    expect(rows(rt, '客户').map((c) => c[CUSTOMERS.col.email])).toEqual(['xiaoming@example.com', 'lisi@example.com']);
    expect(String(ticket(rt, no)[INTERNAL.pendingChanges])).toMatch(/^enc:v2:/);
  });
});

describe('a sealed value opens only where it was sealed', () => {
  function twoCustomers(): Runtime {
    const rt = world();
    submitOne(rt, person({ address: VICTIM_ADDRESS, id_number: '11010519491231002X' }), 'manual');
    submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com', address: '广州市天河区体育西路2号' }), 'manual');
    return rt;
  }

  test('copied from customer A\'s row into B\'s, or from 证件号码密文 into 联系地址密文, reveal refuses it and logs the refusal', () => {
    const rt = twoCustomers();
    const [a] = rows(rt, '客户');
    paste(rt, '客户', 3, INTERNAL.addressSealed, String(a![INTERNAL.addressSealed]));
    const copied = rt.run('revealSensitive', ['C20261123002'], { user: 'sales-lead@example.com' });
    expect(copied.value).toEqual({ ok: false, message: expect.stringContaining('客户 C20261123002 的“联系地址”加密内容无法在这里打开') });
    expect(JSON.stringify(copied.value)).not.toContain('中关村');

    paste(rt, '客户', 2, INTERNAL.addressSealed, String(a![INTERNAL.idNumberSealed]));
    const swapped = rt.run('revealSensitive', ['C20261123001'], { user: 'sales-lead@example.com' });
    expect(swapped.value).toMatchObject({ ok: false });
    expect(JSON.stringify(swapped.value)).not.toContain('19491231002X');

    const log = rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '查看敏感信息被拒绝');
    expect(log.map((h) => [h[HISTORY.col.actor], h[HISTORY.col.oldValue]])).toEqual([['sales-lead@example.com', 'C20261123002'], ['sales-lead@example.com', 'C20261123001']]);
    expect(String(log[0]![HISTORY.col.note])).toContain('无法在这里打开');
    expect(rows(rt, '历史').some((h) => h[HISTORY.col.action] === '查看敏感信息')).toBe(false);
  });

  test('a value sealed by the first version (enc:v1) still opens, and is bound to its record when the record is next written', () => {
    const rt = twoCustomers();
    const key = fromBase64(rt.state.properties.script['FIELD_KEY_V1']!);
    const v1 = 'enc:v1:' + toBase64(sealField(utf8Encode('深圳市南山区科技园1号'), key, Uint8Array.from({ length: 12 }, (_, i) => i)));
    paste(rt, '客户', 3, INTERNAL.addressSealed, v1);
    expect(rt.run('revealSensitive', ['C20261123002'], { user: 'sales-lead@example.com' }).value).toMatchObject({ ok: true, address: '深圳市南山区科技园1号' });

    submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com', need_description: '第二次咨询：想再买五台显示器用于会议室' }), 'form', T0 + HOUR);
    const resealed = String(rows(rt, '客户')[1]![INTERNAL.addressSealed]);
    expect(resealed).toMatch(/^enc:v2:/);
    expect(rt.run('revealSensitive', ['C20261123002'], { user: 'sales-lead@example.com' }).value).toMatchObject({ ok: true, address: '深圳市南山区科技园1号' });
    // Bound now: pasted into the other customer's row it no longer opens.
    paste(rt, '客户', 2, INTERNAL.addressSealed, resealed);
    expect(rt.run('revealSensitive', ['C20261123001'], { user: 'sales-lead@example.com' }).value).toMatchObject({ ok: false });
  });

  test('a sealed answer of one 待审核 row pasted into another is refused on resubmission, nothing filed', () => {
    const rt = world();
    submitOne(rt, person({ mobile: '1234', address: VICTIM_ADDRESS }));
    submitOne(rt, person({ mobile: '5678', name: '李四', email: 'lisi@example.com' }));
    const [first, second] = rows(rt, '待审核');
    const raw1 = JSON.parse(String(first![REVIEW.col.rawData])) as Record<string, string>;
    expect(raw1['address']).toMatch(/^enc:v2:/);
    const raw2 = JSON.parse(String(second![REVIEW.col.rawData])) as Record<string, string>;
    paste(rt, '待审核', 3, REVIEW.col.rawData, JSON.stringify({ ...raw2, mobile: '13900139000', address: raw1['address'] }));
    const r = rt.run('resubmitReview', [3], { user: 'sales-lead@example.com' });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('“联系地址”加密内容无法在这里打开') });
    expect(rows(rt, '工单')).toHaveLength(0);
    // The row it was sealed for still files, with the address sealed again for its customer.
    paste(rt, '待审核', 2, REVIEW.col.rawData, JSON.stringify({ ...raw1, mobile: '13800138000' }));
    expect(rt.run('resubmitReview', [2], { user: 'sales-lead@example.com' }).value).toMatchObject({ outcome: 'accepted' });
    expect(rt.run('revealSensitive', ['C20261123001'], { user: 'sales-lead@example.com' }).value).toMatchObject({ ok: true, address: VICTIM_ADDRESS });
  });
});
