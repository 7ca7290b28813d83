/**
 * What a customer reads, on the shipped bundle: the acknowledgement promises
 * the first-response time counted in working time (a Friday-evening ticket
 * is not promised for Saturday unless the team works Saturdays); every mail
 * to a customer has a Reply-To that reaches a person, and says so, and never
 * also says not to reply; the resolved mail says it once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Runtime } from '../local/runtime/runtime';
import { getCell, getCellProp, findSheet, lastColumn, setCell } from '../local/runtime/sheet-data';
import { writeOutbox } from '../local/persist/outbox';
import { CONFIG, MAIL_QUEUE, TICKETS } from '../src/sheets/schema';
import { person, rows, setStatus, submitOne, ticketOwner, world } from './helpers/world';

const at = (iso: string) => Date.parse(iso + '+08:00');
const FRIDAY_17 = at('2026-11-27T17:00:00');

function configRow(rt: Runtime, group: string, key: string): number {
  const sheet = findSheet(rt.state, CONFIG.name)!;
  const [g, k] = [CONFIG.col.group, CONFIG.col.key].map((c) => rt.staff.column(CONFIG.name, c));
  for (let r = 2; r <= sheet.rows.length; r++) if (getCell(sheet, r, g!) === group && getCell(sheet, r, k!) === key) return r;
  throw new Error(`no config ${group}/${key}`);
}

/** The owner types `value` into a 配置 row, as in the Sheets UI (the edit trigger rereads 配置). */
function setConfig(rt: Runtime, group: string, key: string, value: string): void {
  const edit = rt.editCell(CONFIG.name, configRow(rt, group, key), rt.staff.column(CONFIG.name, CONFIG.col.value), value, rt.state.owner);
  if (!edit.ok) throw new Error(edit.message);
  for (const run of edit.runs) if (!run.ok) throw new Error(run.error);
}

function ackTo(rt: Runtime, to: string) {
  const acks = rt.state.mail.sent.filter((m) => m.to === to && m.subject.includes('我们已收到您的需求'));
  expect(acks).toHaveLength(1);
  return acks[0]!;
}

describe('the acknowledgement promises the first response, in working time', () => {
  test('a 高 ticket filed on Friday 17:00 is promised for Monday, not Saturday', () => {
    const rt = world(FRIDAY_17 - 3600_000);
    const line = submitOne(rt, person(), 'form', FRIDAY_17);
    expect(line).toMatchObject({ outcome: 'accepted', priority: '高' });
    const ack = ackTo(rt, 'xiaoming@example.com');
    // 首次响应 高 = 4wh: Friday 17:00–18:00 and Monday 09:00–12:00. 时限 高 = 1wd: Monday, the same time of day.
    expect(ack.body).toContain('我们会在 2026-11-30 12:00 前首次联系您。');
    expect(ack.body).toContain('首次联系不晚于：2026-11-30 12:00');
    expect(ack.body).toContain('预计解决时间：2026-11-30 17:00');
    expect(ack.htmlBody).toContain('2026-11-30 12:00');
    expect(ack.body).not.toContain('2026-11-28');
    expect(ack.body).not.toContain('2026-11-29');
    // 截止时间 is the resolution deadline, the same one the mail gives.
    expect(rows(rt, '工单')[0]![TICKETS.col.deadline]).toMatch(/^2026-11-30T17:00:\d\d\+08:00$/);
  });

  test.each([
    ['周一至周六', '2026-11-28 12:00', '2026-11-28 17:00'],
    ['周一至周日', '2026-11-28 12:00', '2026-11-28 17:00'],
  ])('with 每周工作日 = %s, Saturday is a working day and is promised', (week, first, resolved) => {
    const rt = world(FRIDAY_17 - 3600_000);
    setConfig(rt, '工作日', '每周工作日', week);
    submitOne(rt, person(), 'form', FRIDAY_17);
    const ack = ackTo(rt, 'xiaoming@example.com');
    expect(ack.body).toContain(`我们会在 ${first} 前首次联系您。`);
    expect(ack.body).toContain(`预计解决时间：${resolved}`);
  });

  test('round the clock is an admin\'s explicit choice: 首次响应 高 = 24h promises Saturday 17:00', () => {
    const rt = world(FRIDAY_17 - 3600_000);
    setConfig(rt, '首次响应', '高', '24h');
    submitOne(rt, person(), 'form', FRIDAY_17);
    const ack = ackTo(rt, 'xiaoming@example.com');
    // Never promised after the resolution deadline (时限 高 = 1wd, Monday 17:00), which the mail also gives.
    expect(ack.body).toContain('我们会在 2026-11-28 17:00 前首次联系您。');
    expect(ack.body).toContain('预计解决时间：2026-11-30 17:00');
  });
});

/** The .eml files the local runtime writes for every mail sent so far (the CLI's outbox), by mail id. */
async function outbox(rt: Runtime): Promise<Map<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-outbox-'));
  try {
    await writeOutbox(dir, rt.state);
    return new Map(rt.state.mail.sent.map((m) => [m.id, fs.readFileSync(path.join(dir, 'outbox', m.file!), 'utf8')]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const header = (eml: string, name: string): string | undefined =>
  new RegExp(`^${name}: (.*)$`, 'mi').exec(eml.split('\r\n\r\n')[0]!)?.[1];

const customerMails = (rt: Runtime, to = 'xiaoming@example.com') => rt.state.mail.sent.filter((m) => m.to === to);

describe('a customer\'s reply reaches a person', () => {
  test('by default the acknowledgement and every progress mail reply to the ticket\'s owner; the .eml says Reply-To', async () => {
    const rt = world();
    const no = String(submitOne(rt, person()).ticket_no);
    const owner = ticketOwner(rt, no);
    expect(owner).toMatch(/@example\.com$/);
    const ack = ackTo(rt, 'xiaoming@example.com');
    expect(ack.replyTo).toBe(owner);
    // The owner changes (picked by name): later mails reply to whoever has the ticket now.
    const row = rows(rt, '工单').findIndex((t) => t[TICKETS.col.no] === no) + 2;
    const typed = rt.staff.type('工单', row, rt.staff.column('工单', TICKETS.col.owner), '李娜', 'sales1@example.com');
    expect(typed.ok).toBe(true);
    expect(ticketOwner(rt, no)).toBe('sales2@example.com');
    setStatus(rt, no, '已联系客户', 'sales2@example.com', '已电话联系');
    setStatus(rt, no, '问题已解决', 'sales2@example.com', '已寄出报价单');
    const [, contacted, resolved] = customerMails(rt);
    expect(contacted!.subject).toContain('已联系客户');
    expect(resolved!.subject).toContain('的处理结果');
    for (const m of [contacted!, resolved!]) expect(m.replyTo).toBe('sales2@example.com');
    const eml = await outbox(rt);
    expect(header(eml.get(ack.id)!, 'Reply-To')).toBe(owner);
    expect(header(eml.get(ack.id)!, 'To')).toBe('xiaoming@example.com');
    for (const m of [contacted!, resolved!]) expect(header(eml.get(m.id)!, 'Reply-To')).toBe('sales2@example.com');
    // Staff mail has none: a colleague replies to the sender.
    expect(rt.state.mail.sent.filter((m) => m.subject.includes('新工单')).every((m) => m.replyTo === '')).toBe(true);
  });

  test('配置 › 邮件 › 回复地址 names one mailbox for all; a value that is no address is noted and the owner kept', () => {
    const rt = world();
    setConfig(rt, '邮件', '回复地址', 'Service@Example.com');
    const no = String(submitOne(rt, person()).ticket_no);
    expect(ackTo(rt, 'xiaoming@example.com').replyTo).toBe('service@example.com');
    setStatus(rt, no, '已联系客户', 'sales1@example.com');
    expect(customerMails(rt).at(-1)!.replyTo).toBe('service@example.com');

    const row = configRow(rt, '邮件', '回复地址');
    setConfig(rt, '邮件', '回复地址', '客服部');
    const note = getCellProp(findSheet(rt.state, CONFIG.name)!, row, rt.staff.column(CONFIG.name, CONFIG.col.value), 'note') ?? '';
    expect(note).toContain('“客服部”不是有效的邮箱地址');
    const other = String(submitOne(rt, person({ mobile: '13700137000', email: 'other@example.com' })).ticket_no);
    const owner = ticketOwner(rt, other);
    expect(owner).toMatch(/@example\.com$/);
    expect(ackTo(rt, 'other@example.com').replyTo).toBe(owner);
  });

  test('a team without members owns its tickets as a whole: replies go to its 主管', () => {
    const rt = world();
    setConfig(rt, '团队', '销售组', '');
    submitOne(rt, person());
    expect(String(rows(rt, '工单')[0]![TICKETS.col.owner])).not.toMatch(/@/);
    expect(ackTo(rt, 'xiaoming@example.com').replyTo).toBe('sales-lead@example.com');
  });

  test('a workbook set up before 回复地址 existed files and queues at once after the update, before anyone runs 初始化/修复', () => {
    const rt = world();
    const queue = findSheet(rt.state, MAIL_QUEUE.name)!;
    const column = lastColumn(queue);
    expect(getCell(queue, 1, column)).toBe(MAIL_QUEUE.col.replyTo);
    setCell(queue, 1, column, '');
    // The grid as an older version left it: no spare column for the new one.
    queue.maxColumns = column - 1;
    const no = String(submitOne(rt, person()).ticket_no);
    expect(rows(rt, TICKETS.name)).toHaveLength(1);
    expect(ackTo(rt, 'xiaoming@example.com').replyTo).toBe(ticketOwner(rt, no));
    rt.useUpMailQuota();
    setStatus(rt, no, '已联系客户', ticketOwner(rt, no));
    expect(getCell(queue, 1, column)).toBe(MAIL_QUEUE.col.replyTo);
    const queued = rows(rt, MAIL_QUEUE.name).filter((q) => q[MAIL_QUEUE.col.to] === 'xiaoming@example.com' && q[MAIL_QUEUE.col.state] === '待发送');
    expect(queued).toHaveLength(1);
    expect(queued[0]![MAIL_QUEUE.col.replyTo]).toBe(ticketOwner(rt, no));
    expect(rt.state.logs.filter((l) => l.level === 'ERROR')).toEqual([]);
    // 初始化/修复 afterwards finds the column there and adds no second one.
    expect(rt.run('setup').ok).toBe(true);
    const header = Array.from({ length: lastColumn(queue) }, (_, i) => getCell(queue, 1, i + 1));
    expect(header.filter((h) => h === MAIL_QUEUE.col.replyTo)).toHaveLength(1);
  });

  test('a progress mail that waits in 邮件队列 for quota keeps its Reply-To when the hourly job sends it', () => {
    const rt = world();
    const no = String(submitOne(rt, person()).ticket_no);
    const owner = ticketOwner(rt, no);
    rt.useUpMailQuota();
    setStatus(rt, no, '已联系客户', owner);
    const queued = rows(rt, MAIL_QUEUE.name).filter((q) => q[MAIL_QUEUE.col.to] === 'xiaoming@example.com' && q[MAIL_QUEUE.col.state] === '待发送');
    expect(queued).toHaveLength(1);
    expect(queued[0]![MAIL_QUEUE.col.replyTo]).toBe(owner);
    rt.advanceClockTo(rt.state.clock + 25 * 3600_000);
    const sent = customerMails(rt).filter((m) => m.subject.includes('已联系客户'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.replyTo).toBe(owner);
  });
});

describe('every customer mail invites a reply, and never also says not to', () => {
  test.each([
    ['zh-CN', '直接回复本邮件即可联系负责同事', /请勿|自动发送/],
    ['en', 'just reply to this email', /do not reply|automatically/i],
  ])('in %s: acknowledgement, progress and resolved mail', (language, invite, forbid) => {
    const rt = world();
    if (language === 'en') setConfig(rt, '通用', '语言', 'en');
    const no = String(submitOne(rt, person()).ticket_no);
    setStatus(rt, no, '已联系客户', 'sales1@example.com', '已电话联系');
    setStatus(rt, no, '方案已提交', 'sales1@example.com');
    setStatus(rt, no, '问题已解决', 'sales1@example.com', '已寄出报价单');
    const mails = customerMails(rt);
    expect(mails).toHaveLength(4);
    for (const m of mails) {
      expect(m.replyTo).not.toBe('');
      for (const part of [m.body, m.htmlBody]) {
        expect(part).toContain(invite);
        expect(part).not.toMatch(forbid);
      }
    }
  });
});
