/**
 * What a staff member notices in the mails they get, on the shipped bundle:
 * greeted by name, the customer's 手机 and 邮箱 at hand (never a sealed
 * value), a link that opens 工单 at the ticket's row — the row it is in when
 * the mail is made, after a colleague sorted the sheet too — overdue time in
 * 天/小时, and owners shown by name.
 */
import { CONFIG, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCell } from '../local/runtime/sheet-data';
import { person, rows, submitOne, ticketOwner, world } from './helpers/world';

const at = (iso: string) => Date.parse(iso + '+08:00');
const ID = '11010519491231002X';
const ADDRESS = '北京市朝阳区建国路88号';

interface Sent {
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
}

function mailsTo(rt: Runtime, to: string, subjectPart = ''): Sent[] {
  return rt.state.mail.sent.filter((m) => m.to.split(', ').includes(to) && m.subject.includes(subjectPart));
}

function rowOf(rt: Runtime, ticketNo: string): number {
  return rows(rt, TICKETS.name).findIndex((r) => r[TICKETS.col.no] === ticketNo) + 2;
}

function ticket(rt: Runtime, ticketNo: string): Record<string, unknown> {
  return rows(rt, TICKETS.name).find((r) => r[TICKETS.col.no] === ticketNo)!;
}

/** The link staff would tap: the spreadsheet's address with 工单's gid and the row. */
function linkTo(rt: Runtime, row: number): string {
  const gid = findSheet(rt.state, TICKETS.name)!.sheetId;
  return `https://docs.google.com/spreadsheets/d/${rt.state.spreadsheet.id}/edit#gid=${gid}&range=A${row}`;
}

function setConfig(rt: Runtime, group: string, key: string, value: string): void {
  const sheet = findSheet(rt.state, CONFIG.name)!;
  const g = rt.staff.column(CONFIG.name, CONFIG.col.group);
  const k = rt.staff.column(CONFIG.name, CONFIG.col.key);
  for (let r = 2; r <= sheet.rows.length; r++) {
    if (getCell(sheet, r, g) === group && getCell(sheet, r, k) === key) {
      expect(rt.editCell(CONFIG.name, r, rt.staff.column(CONFIG.name, CONFIG.col.value), value, rt.state.owner).ok).toBe(true);
      return;
    }
  }
  throw new Error(`no config ${group}/${key}`);
}

describe('the assignment mail', () => {
  test('greets the owner by name, gives the customer\'s mobile and email but no sealed value, and links the ticket\'s row', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    // Two tickets first, so the one looked at is not on row 2.
    submitOne(rt, person({ mobile: '13900000001', email: 'a1@example.com' }));
    submitOne(rt, person({ mobile: '13900000002', email: 'a2@example.com' }));
    const line = submitOne(rt, person({ name: '赵六', mobile: '13712345678', email: 'zhao6@example.com', address: ADDRESS, id_number: ID }), 'manual');
    expect(line.outcome).toBe('accepted');
    const no = String(line.ticket_no);
    const owner = ticketOwner(rt, no);
    const name = ({ 'sales1@example.com': '张伟', 'sales2@example.com': '李娜' } as Record<string, string>)[owner];
    expect(name).toBeDefined();
    const mails = mailsTo(rt, owner, no);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    for (const part of [mail.body, mail.htmlBody]) {
      expect(part).toContain(`${name}，您好：`);
      expect(part).toContain('销售组的新工单');
      expect(part).toContain('13712345678');
      expect(part).toContain('zhao6@example.com');
      expect(part).not.toContain(ID);
      expect(part).not.toContain(ADDRESS);
      expect(part).toContain('前联系客户；处理后在“工单”表更新状态。');
    }
    const row = rowOf(rt, no);
    expect(row).toBe(4);
    // A plain address in the text part, a button in the HTML.
    expect(mail.body).toContain(linkTo(rt, row));
    expect(mail.htmlBody).toContain(`href="${linkTo(rt, row).replace(/&/g, '&amp;')}"`);
    expect(mail.htmlBody).toContain('在表格中打开此工单');
  });

  test('an owner 员工 gives no name for is greeted without one, never as the team', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const staff = findSheet(rt.state, CONFIG.name)!;
    const g = rt.staff.column(CONFIG.name, CONFIG.col.group);
    const k = rt.staff.column(CONFIG.name, CONFIG.col.key);
    // 张伟's row in 员工 loses its name.
    for (let r = 2; r <= staff.rows.length; r++) {
      if (getCell(staff, r, g) === '员工' && getCell(staff, r, k) === 'sales1@example.com') {
        expect(rt.editCell(CONFIG.name, r, rt.staff.column(CONFIG.name, CONFIG.col.value), '', rt.state.owner).ok).toBe(true);
      }
    }
    const no = String(submitOne(rt, person()).ticket_no);
    // Without a name the dropdown shows the address, and the mail greets without one.
    expect(ticket(rt, no)[TICKETS.col.owner]).toBe('sales1@example.com');
    const body = mailsTo(rt, 'sales1@example.com', no)[0]!.body;
    expect(body.startsWith('您好：\n')).toBe(true);
    expect(body).not.toContain('张伟');
  });
});

describe('escalation', () => {
  test('after a colleague sorts 工单, the next escalation mail links the ticket\'s new row; overdue reads in 天/小时; the supervisor is greeted by name and told the owner\'s name', () => {
    const rt = world(at('2026-11-27T15:10:00')); // a Friday
    setConfig(rt, '首次响应', '高', '24h'); // round the clock, so a weekend makes it days late
    const first = String(submitOne(rt, person({ name: '甲', mobile: '13900000011', email: 'jia@example.com' })).ticket_no);
    const no = String(submitOne(rt, person({ name: '乙', mobile: '13900000022', email: 'yi@example.com' })).ticket_no);
    expect(rowOf(rt, no)).toBe(3);
    // Sorted by 工单编号 descending: the later ticket moves to row 2.
    rt.staff.sortSheet(TICKETS.name, TICKETS.col.no, false);
    expect(rowOf(rt, no)).toBe(2);
    expect(rowOf(rt, first)).toBe(3);
    const owner = ticketOwner(rt, no);
    // 高 at 24h: the first response is due Saturday ~15:10; by Sunday 20:00 it is a day and hours late.
    rt.advanceClockTo(at('2026-11-29T20:00:00'));
    const reminder = String(ticket(rt, no)[TICKETS.col.reminder]);
    expect(reminder).toMatch(/^(首次响应)?已超时 1 天 \d+ 小时$/);
    const ownerMail = mailsTo(rt, owner, `【超时】工单 ${no}`);
    expect(ownerMail).toHaveLength(1);
    expect(ownerMail[0]!.subject).toMatch(/已超时 (\d+ 小时|不到 1 小时)$/);
    expect(ownerMail[0]!.body).toContain(linkTo(rt, 2));
    expect(ownerMail[0]!.body).toContain('13900000022');
    expect(ownerMail[0]!.body).toContain('yi@example.com');

    // Sorted back before the supervisor's mail: it links row 3, where the ticket is now.
    rt.staff.sortSheet(TICKETS.name, TICKETS.col.no, true);
    expect(rowOf(rt, no)).toBe(3);
    rt.advanceClockTo(at('2026-11-30T16:00:00'));
    const supervisor = mailsTo(rt, 'sales-lead@example.com', `【升级】工单 ${no}`);
    expect(supervisor).toHaveLength(1);
    const s = supervisor[0]!;
    expect(s.subject).toMatch(/已超时 \d+ 天 \d+ 小时$/);
    expect(s.body.startsWith('孙经理，您好：\n')).toBe(true);
    const ownerName = owner === 'sales1@example.com' ? '张伟' : '李娜';
    expect(s.body).toContain(`负责人：${ownerName}`);
    expect(s.body).not.toContain(owner);
    expect(s.body).toContain(linkTo(rt, 3));
    expect(s.body).not.toContain(linkTo(rt, 2));
  });

  test('the Monday digest shows owners by name, the customer\'s contact and each ticket\'s link, as cards', () => {
    const rt = world(at('2026-11-26T10:00:00'));
    const no = String(submitOne(rt, person({ mobile: '13900000033', email: 'bing@example.com' })).ticket_no);
    const owner = ticketOwner(rt, no);
    const ownerName = owner === 'sales1@example.com' ? '张伟' : '李娜';
    rt.advanceClockTo(at('2026-11-30T10:00:00')); // the 09:00 trigger runs within that hour
    const digest = mailsTo(rt, 'sales-lead@example.com', '超时工单周报');
    expect(digest).toHaveLength(1);
    const d = digest[0]!;
    expect(d.body).toContain(no);
    expect(d.body).toContain(`负责人：${ownerName}`);
    expect(d.body).not.toContain(`负责人：${owner}`);
    expect(d.body).toMatch(/已超时 \d+ 天( \d+ 小时)?/);
    expect(d.body).toContain('13900000033');
    expect(d.body).toContain(linkTo(rt, rowOf(rt, no)));
    // Stacked cards, not a table of four columns.
    expect(d.htmlBody).not.toContain('<th');
    expect(d.htmlBody).toContain('打开工单');
  });
});

describe('digests and reassignment', () => {
  test('the hourly digest greets by name and lists each ticket with contact and link', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    setConfig(rt, '邮件', '负责人通知方式', '每小时汇总');
    const nos = [1, 2, 3, 4].map((i) => String(submitOne(rt, person({ mobile: `1390000010${i}`, email: `d${i}@example.com` })).ticket_no));
    rt.advanceClockTo(at('2026-11-23T11:30:00'));
    const digest = mailsTo(rt, 'sales1@example.com', '过去一小时');
    expect(digest).toHaveLength(1);
    const body = digest[0]!.body;
    expect(body.startsWith('张伟，您好：\n')).toBe(true);
    for (const no of nos.filter((n) => ticketOwner(rt, n) === 'sales1@example.com')) {
      expect(body).toContain(no);
      expect(body).toContain(String(linkTo(rt, rowOf(rt, no))));
    }
    expect(body).toContain('13900000101');
  });

  test('a ticket handed over: the new owner is greeted by name, told who handed it over by name, and gets contact and link', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const no = String(submitOne(rt, person({ mobile: '13900000044', email: 'ding@example.com' })).ticket_no);
    const row = rowOf(rt, no);
    const r = rt.staff.type(TICKETS.name, row, rt.staff.column(TICKETS.name, TICKETS.col.owner), '陈静', 'sales-lead@example.com');
    expect(r.ok).toBe(true);
    const mail = mailsTo(rt, 'pm@example.com', no);
    expect(mail).toHaveLength(1);
    const body = mail[0]!.body;
    expect(body.startsWith('陈静，您好：\n')).toBe(true);
    expect(body).toContain('13900000044');
    expect(body).toContain('ding@example.com');
    expect(body).toContain(linkTo(rt, row));
  });
});

describe('我的工单', () => {
  test('each card gives the customer\'s 手机 and 邮箱 (no sealed value) and opens the ticket\'s row as it is now', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const first = String(submitOne(rt, person({ mobile: '13900000055', email: 'wu@example.com', address: ADDRESS, id_number: ID }), 'manual').ticket_no);
    submitOne(rt, person({ mobile: '13900000066', email: 'ji@example.com' }));
    const owner = ticketOwner(rt, first);
    rt.staff.sortSheet(TICKETS.name, TICKETS.col.no, false);
    const r = rt.run('myTickets', [], { user: owner });
    expect(r.ok).toBe(true);
    const list = r.value as { tickets: { ticketNo: string; contact: { mobile: string; email: string }; link: string }[] };
    const card = list.tickets.find((x) => x.ticketNo === first)!;
    expect(card.contact).toMatchObject({ mobile: '13900000055', email: 'wu@example.com' });
    expect(card.link).toBe(linkTo(rt, rowOf(rt, first)));
    expect(rowOf(rt, first)).toBe(3);
    expect(JSON.stringify(list)).not.toContain(ID);
    expect(JSON.stringify(list)).not.toContain(ADDRESS);
  });
});
