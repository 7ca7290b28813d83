/**
 * 待客户补充 end to end, on the shipped bundle: staff ask the customer for
 * what is missing, the customer gets the 请补充信息 mail with their own
 * pre-filled Form link, the ticket's clock stops (no reminder, no escalation,
 * not overdue), and when staff move on or the customer answers through the
 * link, the deadline moves on by exactly the working time the wait lasted.
 */
import { fieldByName } from '../src/domain/fields';
import { CONFIG, HISTORY, INTERNAL, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet } from '../local/runtime/sheet-data';
import { addCalendarDay, person, rows, setStatus, submitOne, ticketOwner, world } from './helpers/world';

const at = (iso: string) => Date.parse(iso + '+08:00');

function ticket(rt: Runtime, ticketNo: string): Record<string, unknown> {
  return rows(rt, TICKETS.name).find((r) => r[TICKETS.col.no] === ticketNo)!;
}

function history(rt: Runtime, ticketNo: string): Record<string, unknown>[] {
  return rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.ticketNo] === ticketNo);
}

function mailsTo(rt: Runtime, to: string, subjectPart: string) {
  return rt.state.mail.sent.filter((m) => m.to.split(', ').includes(to) && m.subject.includes(subjectPart));
}

/** What the customer sees when they open a pre-filled link: the answers it fills in, by field key. */
function openPrefilled(rt: Runtime, url: string): Record<string, string> {
  const formId = rt.state.properties.script['FORM_ID'];
  const form = rt.state.forms.find((f) => f.id === formId)!;
  const out: Record<string, string> = {};
  for (const [name, value] of new URL(url).searchParams) {
    const m = /^entry\.(\d+)$/.exec(name);
    if (!m) continue;
    const item = form.items.find((i) => i.id === Number(m[1]));
    if (!item) throw new Error(`the link fills an item the Form does not have: ${name}`);
    out[fieldByName(item.title)!.key] = value;
  }
  return out;
}

function linkIn(body: string): string {
  const m = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(body);
  if (!m) throw new Error('no Form link in the mail');
  return m[0];
}

/** A customer whose ticket has priority 低 (5 working days), filed Monday 10:00: due the next Monday. */
function filed(rt: Runtime): string {
  return submitOne(rt, person({ expected_response: '1周内', time_requirement: '3个月内' })).ticket_no as string;
}

describe('待客户补充', () => {
  test('asks the customer with their pre-filled link, stops the clock, and moves the deadline by the paused working time', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    addCalendarDay(rt, '2027-01-01');
    const no = filed(rt);
    const owner = ticketOwner(rt, no);
    expect(ticket(rt, no)[TICKETS.col.deadline]).toMatch(/^2026-11-30T10:0/);

    rt.advanceClockTo(at('2026-11-23T11:30:00'));
    setStatus(rt, no, '待客户补充', owner, '请告诉我们机房的面积和预计的使用人数');
    // The customer is asked, with what is missing and the link that brings the answer back to this ticket.
    const asked = mailsTo(rt, 'xiaoming@example.com', '请补充信息');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body).toContain('请告诉我们机房的面积和预计的使用人数');
    expect(asked[0]!.htmlBody).toContain('>补充信息</a>');
    const filledIn = openPrefilled(rt, linkIn(asked[0]!.body));
    expect(filledIn).toMatchObject({ name: '王小明', mobile: '13800138000', email: 'xiaoming@example.com', related_ticket: no });
    // A paused ticket is not a step back, and it counts as contacting the customer.
    expect(history(rt, no).map((h) => h[HISTORY.col.action])).toEqual(['新建工单', '状态变更', '请客户补充信息']);
    expect(ticket(rt, no)[TICKETS.col.firstResponseAt]).toMatch(/^2026-11-23T11:30/);

    // Past the old deadline while waiting: the hourly job reminds nobody and escalates nothing.
    const before = rt.state.mail.sent.length;
    rt.advanceClockTo(at('2026-12-01T11:30:00'));
    expect(rt.state.mail.sent.slice(before).filter((m) => m.subject.includes(no))).toEqual([]);
    expect(ticket(rt, no)[TICKETS.col.reminder]).toBe('');

    // Staff move on after six working days: the deadline moves on by exactly that.
    setStatus(rt, no, '方案已提交', owner, '已按面积出方案');
    const t = ticket(rt, no);
    expect(t[TICKETS.col.deadline]).toMatch(/^2026-12-08T10:0/);
    expect(t[INTERNAL.pausedAt]).toBe('');
    expect(Math.abs(Number(t[INTERNAL.pausedMinutes]) - 6 * workingDayMinutes(rt))).toBeLessThanOrEqual(1);
    const ended = history(rt, no).find((h) => h[HISTORY.col.action] === '暂停结束')!;
    expect(ended).toMatchObject({ [HISTORY.col.oldValue]: expect.stringMatching(/^2026-11-30 10:0\d$/), [HISTORY.col.newValue]: expect.stringMatching(/^2026-12-08 10:0/) });
    expect(String(ended[HISTORY.col.note])).toMatch(/^等待客户补充 \d+(\.\d)? 个工作小时，截止时间相应顺延$/);
    expect(history(rt, no).some((h) => h[HISTORY.col.action] === '重新打开')).toBe(false);
  });

  test('the customer answering through the link resumes the ticket where it paused', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    addCalendarDay(rt, '2027-01-01');
    const no = filed(rt);
    const owner = ticketOwner(rt, no);
    rt.advanceClockTo(at('2026-11-23T11:00:00'));
    setStatus(rt, no, '方案已提交', owner, '已发方案');
    rt.advanceClockTo(at('2026-11-23T11:30:00'));
    setStatus(rt, no, '待客户补充', owner, '请确认方案里的台数');

    rt.advanceClockTo(at('2026-11-24T11:30:00'));
    const link = linkIn(mailsTo(rt, 'xiaoming@example.com', '请补充信息')[0]!.body);
    const answer = submitOne(rt, { ...person(), ...openPrefilled(rt, link), need_description: '确认是12台，另外需要两台显示器备用' });
    expect(answer.outcome).toBe('accepted');

    const t = ticket(rt, no);
    expect(t[TICKETS.col.status]).toBe('方案已提交');
    expect(t[TICKETS.col.deadline]).toMatch(/^2026-12-01T10:0/);
    const actions = history(rt, no).map((h) => h[HISTORY.col.action]);
    expect(actions.slice(-3)).toEqual(['客户已补充', '状态变更', '暂停结束']);
    expect(history(rt, no).find((h) => h[HISTORY.col.action] === '客户已补充')![HISTORY.col.newValue]).toBe(answer.ticket_no);
    // The answer is its own ticket, linked, as any submission naming a ticket.
    expect(ticket(rt, answer.ticket_no as string)[TICKETS.col.relatedTicket]).toBe(no);
    // The owner hears that the ticket runs again, with where the answer was filed.
    const told = mailsTo(rt, owner, '客户已补充信息');
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe(`客户已补充信息：工单 ${no}`);
    expect(told[0]!.body).toContain(String(answer.ticket_no));
    expect(told[0]!.body).toContain('方案已提交');
  });

  test('someone else naming the ticket, or a ticket not waiting, resumes nothing', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    addCalendarDay(rt, '2027-01-01');
    const no = filed(rt);
    const owner = ticketOwner(rt, no);
    setStatus(rt, no, '待客户补充', owner, '请补充型号');
    rt.advanceClockTo(at('2026-11-24T10:00:00'));
    const stranger = submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com', related_ticket: no }));
    expect(stranger.outcome).toBe('accepted');
    expect(ticket(rt, no)[TICKETS.col.status]).toBe('待客户补充');
    expect(history(rt, no).some((h) => h[HISTORY.col.action] === '客户已补充')).toBe(false);
  });

  test('a question staff retitled in the Form editor is still filled in: the link goes by the field the question asks', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    addCalendarDay(rt, '2027-01-01');
    const no = filed(rt);
    const form = rt.state.forms.find((f) => f.id === rt.state.properties.script['FORM_ID'])!;
    const mobileItem = form.items.find((i) => i.title === '手机号')!;
    mobileItem.title = '您的手机';
    setStatus(rt, no, '待客户补充', ticketOwner(rt, no), '请补充型号');
    const link = new URL(linkIn(mailsTo(rt, 'xiaoming@example.com', '请补充信息')[0]!.body));
    expect(link.searchParams.get(`entry.${mobileItem.id}`)).toBe('13800138000');
  });

  test('a customer without an email: nothing is sent, 历史 says so, the clock still stops', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    addCalendarDay(rt, '2027-01-01');
    const no = submitOne(rt, person({ email: '', expected_response: '1周内', time_requirement: '3个月内' })).ticket_no as string;
    const owner = ticketOwner(rt, no);
    const sent = rt.state.mail.sent.length;
    setStatus(rt, no, '待客户补充', owner, '请电话告知型号');
    expect(rt.state.mail.sent.slice(sent).filter((m) => m.subject.includes('请补充信息'))).toEqual([]);
    expect(history(rt, no).at(-1)).toMatchObject({ [HISTORY.col.action]: '未发送进度邮件', [HISTORY.col.newValue]: '待客户补充' });
    expect(ticket(rt, no)[INTERNAL.pausedAt]).toMatch(/^2026-11-23T10:0/);
  });

  test('the report counts the waiting apart: not late, and how long', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    addCalendarDay(rt, '2027-01-01');
    const waited = filed(rt);
    const waiting = submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com', expected_response: '1周内' })).ticket_no as string;
    rt.advanceClockTo(at('2026-11-23T11:00:00'));
    setStatus(rt, waited, '待客户补充', ticketOwner(rt, waited), '请补充型号');
    setStatus(rt, waiting, '待客户补充', ticketOwner(rt, waiting), '请补充数量');
    rt.advanceClockTo(at('2026-11-24T11:00:00'));
    setStatus(rt, waited, '问题已解决', ticketOwner(rt, waited), '已按型号发货');
    expect(rt.run('reportNow', ['weekly']).ok).toBe(true);
    const body = rt.state.mail.sent.at(-1)!.body;
    expect(body).toContain('本期解决的工单中有 1 张曾等待客户，共 8 个工作小时');
    expect(body).toContain('目前有 1 张在等待客户');
    expect(body).toContain('没有超时工单');
  });

  test('a workbook from before the pause columns: they are appended, hidden, on first use', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    addCalendarDay(rt, '2027-01-01');
    const sheet = findSheet(rt.state, TICKETS.name)!;
    // As an older version set it up: the three columns absent (they are the last ones).
    const labels = [INTERNAL.pausedAt, INTERNAL.pausedFrom, INTERNAL.pausedMinutes];
    for (const label of labels) {
      const c = rt.staff.column(TICKETS.name, label);
      rt.staff.deleteColumn(TICKETS.name, c);
    }
    const no = filed(rt);
    setStatus(rt, no, '待客户补充', ticketOwner(rt, no), '请补充型号');
    for (const label of labels) {
      const c = rt.staff.column(TICKETS.name, label);
      expect(c).toBeGreaterThan(0);
      expect(sheet.hiddenColumns?.includes(c) ?? false).toBe(true);
    }
    expect(ticket(rt, no)[INTERNAL.pausedAt]).toMatch(/^2026-11-23T10:0/);
  });
});

/** A working day's minutes under 配置 › 工作时间 (one row per period, such as 上午 09:00-12:00). */
function workingDayMinutes(rt: Runtime): number {
  return rows(rt, CONFIG.name).filter((r) => r[CONFIG.col.group] === '工作时间').reduce((sum, r) => {
    const [a, b] = String(r[CONFIG.col.value]).split(/[-–~]/).map((x) => x.trim().split(':').map(Number));
    return sum + (b![0]! * 60 + b![1]!) - (a![0]! * 60 + a![1]!);
  }, 0);
}
