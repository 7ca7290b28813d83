/**
 * Follow-up end to end, on the shipped bundle in the local runtime: a ticket
 * through its whole life with the emulated clock — status edits (one cell and
 * pasted blocks), progress mail, the mail queue over a spent quota, overdue
 * reminders and escalation across a weekend and a 调休 Saturday, the
 * satisfaction survey, and data retention.
 */
import { CONFIG, CUSTOMERS, HISTORY, MAIL_QUEUE, REVIEW, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCell, getCellProp, setCellProp } from '../local/runtime/sheet-data';
import { WORLD_ACCOUNTS, person, rows, setStatus as setStatusAs, submitOne, ticketOwner, world } from './helpers/world';
import { UNKNOWN_STAFF } from '../src/domain/vocabulary';

const at = (iso: string) => Date.parse(iso + '+08:00');
const SALES = 'sales1@example.com';
/** Who 历史 names for SALES's edits: on consumer accounts a trigger cannot see a colleague's email. */
const SALES_SEEN = WORLD_ACCOUNTS === 'consumer' ? UNKNOWN_STAFF : SALES;

function rowOf(rt: Runtime, ticketNo: string): number {
  return rows(rt, '工单').findIndex((r) => r[TICKETS.col.no] === ticketNo) + 2;
}

function ticket(rt: Runtime, ticketNo: string): Record<string, unknown> {
  return rows(rt, '工单').find((r) => r[TICKETS.col.no] === ticketNo)!;
}

function setStatus(rt: Runtime, ticketNo: string, status: string, note?: string): void {
  setStatusAs(rt, ticketNo, status, SALES, note);
}

function history(rt: Runtime, ticketNo: string): Record<string, unknown>[] {
  return rows(rt, '历史').filter((h) => h[HISTORY.col.ticketNo] === ticketNo);
}

function mailsTo(rt: Runtime, to: string, subjectPart = ''): { subject: string; body: string; at: number }[] {
  return rt.state.mail.sent.filter((m) => m.to.split(', ').includes(to) && m.subject.includes(subjectPart));
}

function setConfig(rt: Runtime, group: string, key: string, value: string): void {
  const sheet = findSheet(rt.state, '配置')!;
  const gCol = rt.staff.column('配置', CONFIG.col.group);
  const kCol = rt.staff.column('配置', CONFIG.col.key);
  for (let r = 2; r <= sheet.rows.length; r++) {
    if (getCell(sheet, r, gCol) === group && getCell(sheet, r, kCol) === key) {
      rt.editCell('配置', r, rt.staff.column('配置', CONFIG.col.value), value, 'admin@example.com');
      return;
    }
  }
  throw new Error(`no config ${group}/${key}`);
}

describe('status lifecycle', () => {
  test('each change is in 历史 with the note, stamps first response and resolution, and mails the customer', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const no = submitOne(rt, person()).ticket_no as string;
    rt.advanceClockTo(at('2026-11-23T11:30:00'));
    setStatus(rt, no, '已联系客户', '已电话联系，客户确认需求');
    expect(ticket(rt, no)[TICKETS.col.firstResponseAt]).toMatch(/^2026-11-23T11:30:\d\d\+08:00$/);
    const contacted = mailsTo(rt, 'xiaoming@example.com', '已联系客户');
    expect(contacted).toHaveLength(1);
    expect(contacted[0]!.body).toContain(no);
    expect(contacted[0]!.body).toContain('已电话联系，客户确认需求');
    expect(history(rt, no).at(-1)).toMatchObject({ [HISTORY.col.actor]: SALES_SEEN, [HISTORY.col.action]: '状态变更', [HISTORY.col.oldValue]: '新建', [HISTORY.col.newValue]: '已联系客户', [HISTORY.col.note]: '已电话联系，客户确认需求' });

    rt.advanceClockTo(at('2026-11-24T15:00:00'));
    setStatus(rt, no, '问题已解决', '已发送报价单');
    expect(ticket(rt, no)[TICKETS.col.resolvedAt]).toMatch(/^2026-11-24T15:00:\d\d\+08:00$/);
    const resolved = mailsTo(rt, 'xiaoming@example.com', '的处理结果');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]!.body).toMatch(/viewform\?usp=pp_url&entry\.\d+=T20261123001-[0-9a-f]{12}/);
    // Said once, as a person would: not the status three times over (subject, title, intro, a status row).
    const { subject, body, htmlBody } = rt.state.mail.sent.find((m) => m.subject.includes('的处理结果'))!;
    expect(subject).toBe(`【示例科技有限公司】工单 ${no} 的处理结果`);
    for (const part of [subject, body, htmlBody]) expect(part).not.toContain('问题已解决');
    expect(body.split('已处理完毕')).toHaveLength(2);
    expect(body).toContain('处理说明：已发送报价单');
    expect(body).toContain('欢迎花一分钟为本次服务评分');

    // Reopen: allowed, recorded, the resolution time cleared; 新建 is not a notifying status.
    const before = rt.state.mail.sent.length;
    setStatus(rt, no, '新建');
    expect(history(rt, no).at(-1)).toMatchObject({ [HISTORY.col.action]: '重新打开', [HISTORY.col.oldValue]: '问题已解决', [HISTORY.col.newValue]: '新建' });
    expect(ticket(rt, no)[TICKETS.col.resolvedAt]).toBe('');
    expect(ticket(rt, no)[TICKETS.col.firstResponseAt]).toMatch(/^2026-11-23T11:30:\d\d\+08:00$/);
    expect(rt.state.mail.sent.length).toBe(before);
  });

  test('under 通用 / 语言 = en a progress mail and an edit note are English, while stored values stay zh-CN', () => {
    const rt = world();
    setConfig(rt, '通用', '语言', 'en');
    const no = submitOne(rt, person()).ticket_no as string;
    setStatus(rt, no, '已联系客户', '已电话联系');
    const [mail] = mailsTo(rt, 'xiaoming@example.com', 'was updated');
    expect(mail?.subject).toBe(`Your ticket ${no} was updated: 已联系客户`);
    expect(ticket(rt, no)[TICKETS.col.status]).toBe('已联系客户');
    expect(history(rt, no).at(-1)).toMatchObject({ [HISTORY.col.action]: '状态变更', [HISTORY.col.newValue]: '已联系客户' });

    const row = rowOf(rt, no);
    const statusCol = rt.staff.column('工单', TICKETS.col.status);
    setCellProp(findSheet(rt.state, '工单')!, row, statusCol, 'dv', null);
    rt.editCell('工单', row, statusCol, 'done', SALES);
    expect(ticket(rt, no)[TICKETS.col.status]).toBe('已联系客户');
    expect(getCellProp(findSheet(rt.state, '工单')!, row, statusCol, 'note')).toBe(
      '"done" is not a valid status; the previous value was restored. Allowed: 新建、已联系客户、方案已提交、待客户补充、问题已解决、已关闭',
    );
  });

  test('the webhook answers with stable codes beside the text, the same under every locale', () => {
    const rt = world();
    setConfig(rt, '接口', '令牌', 'a-very-long-shared-secret-123');
    const post = (contents: string, token: string) => {
      const r = rt.run('doPost', [{ postData: { contents, type: 'application/json' }, parameter: { token } }], { user: '' });
      return JSON.parse((r.value as { getContent(): string }).getContent());
    };
    const token = 'a-very-long-shared-secret-123';
    for (const locale of ['zh-CN', 'en']) {
      setConfig(rt, '通用', '语言', locale);
      expect(post(JSON.stringify(person()), 'wrong')).toMatchObject({ ok: false, status: 401, code: 'bad_token' });
      expect(post('{not json', token)).toMatchObject({ ok: false, status: 400, code: 'not_json' });
      expect(post('[]', token)).toMatchObject({ ok: false, status: 400, code: 'bad_count' });
      // One request per locale (its own id): the same body again would be answered as a replay.
      const reply = post(JSON.stringify([42, { ...person(), mobile: '123', id: locale }]), token);
      expect(reply.results[0]).toMatchObject({ outcome: 'rejected', code: 'not_an_object' });
      expect(reply.results[1]).toMatchObject({ outcome: 'review', issues: [{ field: 'mobile', code: 'format' }] });
      expect(reply.results[1].problems[0]).toContain(locale === 'en' ? 'Mobile' : '手机号');
    }
    rt.faults.lockTimeout = true;
    expect(post(JSON.stringify(person()), token)).toMatchObject({ ok: false, status: 503, code: 'busy' });
  });

  test('a value outside the list (dropdown removed) is refused: old value restored, the reason in a note', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const row = rowOf(rt, no);
    const statusCol = rt.staff.column('工单', TICKETS.col.status);
    setCellProp(findSheet(rt.state, '工单')!, row, statusCol, 'dv', null);
    const r = rt.editCell('工单', row, statusCol, '搞定了', SALES);
    expect(r.ok).toBe(true);
    expect(ticket(rt, no)[TICKETS.col.status]).toBe('新建');
    expect(getCellProp(findSheet(rt.state, '工单')!, row, statusCol, 'note')).toContain('搞定了');
    expect(history(rt, no).filter((h) => h[HISTORY.col.action] === '状态变更')).toHaveLength(0);
  });

  test('a ticket number cannot be changed: restored with a note', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const row = rowOf(rt, no);
    rt.editCell('工单', row, rt.staff.column('工单', TICKETS.col.no), 'T1', SALES);
    expect(rows(rt, '工单')[row - 2]![TICKETS.col.no]).toBe(no);
  });

  test('editing 负责人 reassigns: recorded and the new owner mailed', () => {
    const rt = world();
    const no = submitOne(rt, person()).ticket_no as string;
    const old = ticket(rt, no)[TICKETS.col.owner];
    // 王强 is support1@example.com in 配置 › 员工: picked by name, mailed at the address.
    rt.editCell('工单', rowOf(rt, no), rt.staff.column('工单', TICKETS.col.owner), '王强', SALES);
    expect(history(rt, no).at(-1)).toMatchObject({ [HISTORY.col.action]: '更换负责人', [HISTORY.col.oldValue]: old, [HISTORY.col.newValue]: '王强' });
    expect(mailsTo(rt, 'support1@example.com', no)).toHaveLength(1);
  });

  test('a pasted block after sorting: every row lands on its own ticket, a refused cell is listed', () => {
    const rt = world();
    const nos = ['13800138001', '13800138002', '13800138003'].map(
      (mobile, i) => submitOne(rt, person({ mobile, email: `c${i}@example.com`, name: `客户${i}` })).ticket_no as string,
    );
    // Staff sort the sheet newest first: positions no longer follow the numbers.
    const sheet = findSheet(rt.state, '工单')!;
    sheet.rows.splice(1, 3, ...sheet.rows.slice(1, 4).reverse());
    const top = rowOf(rt, nos[2]!);
    const statusCol = rt.staff.column('工单', TICKETS.col.status);
    const r = rt.pasteRange('工单', top, statusCol, [['已联系客户'], ['方案已提交'], ['随便']], SALES);
    expect(r.refused).toHaveLength(1);
    expect(r.runs.every((x) => x.ok)).toBe(true);
    expect(ticket(rt, nos[2]!)[TICKETS.col.status]).toBe('已联系客户');
    expect(ticket(rt, nos[1]!)[TICKETS.col.status]).toBe('方案已提交');
    expect(ticket(rt, nos[0]!)[TICKETS.col.status]).toBe('新建');
    expect(history(rt, nos[2]!).at(-1)).toMatchObject({ [HISTORY.col.oldValue]: '新建', [HISTORY.col.newValue]: '已联系客户' });
    expect(history(rt, nos[1]!).at(-1)).toMatchObject({ [HISTORY.col.oldValue]: '新建', [HISTORY.col.newValue]: '方案已提交' });
    expect(ticket(rt, nos[1]!)[TICKETS.col.firstResponseAt]).not.toBe('');
    expect(mailsTo(rt, 'c1@example.com', '方案已提交')).toHaveLength(1);
    expect(mailsTo(rt, 'c2@example.com', '已联系客户')).toHaveLength(1);
  });

  test('no email address: nothing sent, noted in 历史', () => {
    const rt = world();
    const no = submitOne(rt, person({ email: '' })).ticket_no as string;
    setStatus(rt, no, '已联系客户');
    expect(history(rt, no).at(-1)).toMatchObject({ [HISTORY.col.action]: '未发送进度邮件' });
  });
});

describe('the mail queue', () => {
  test('quota spent: queued, then sent exactly once by the hourly job after the quota returns', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const no = submitOne(rt, person()).ticket_no as string;
    rt.useUpMailQuota();
    setStatus(rt, no, '已联系客户', '我们已收到');
    expect(mailsTo(rt, 'xiaoming@example.com', '已联系客户')).toHaveLength(0);
    expect(history(rt, no).some((h) => h[HISTORY.col.action] === '邮件已排队')).toBe(true);
    expect(rows(rt, '邮件队列').filter((q) => q[MAIL_QUEUE.col.state] === '待发送')).toHaveLength(1);
    rt.advanceClockTo(at('2026-11-23T20:00:00')); // same day: still no quota
    expect(mailsTo(rt, 'xiaoming@example.com', '已联系客户')).toHaveLength(0);
    rt.advanceClockTo(at('2026-11-25T12:00:00')); // quota back 24 hours after its first use; many hourly runs
    expect(mailsTo(rt, 'xiaoming@example.com', '已联系客户')).toHaveLength(1);
    expect(rows(rt, '邮件队列').filter((q) => q[MAIL_QUEUE.col.state] === '待发送')).toHaveLength(0);
    expect(history(rt, no).filter((h) => h[HISTORY.col.action] === '排队邮件已发送')).toHaveLength(1);
  });

  test('quota spent and the lock busy again after the edit: the mail to queue waits minutes for the lock, not seconds', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const no = submitOne(rt, person()).ticket_no as string;
    rt.useUpMailQuota();
    // The edit's own lock is released; from then on a colleague's long run holds it.
    rt.meter.onCall('Lock.releaseLock', 1, () => (rt.faults.lockTimeout = true));
    const row = rowOf(rt, no);
    const edit = rt.editCell('工单', row, rt.staff.column('工单', TICKETS.col.status), '已联系客户', SALES);
    rt.faults.lockTimeout = false;
    expect(edit.ok).toBe(true);
    const run = edit.runs.find((x) => x.handler === 'onSheetEdit')!;
    // Nothing could keep the mail but the queue: the run says it failed, after waiting 4 minutes for the lock.
    expect(run.ok).toBe(false);
    expect(run.modelledMs).toBeGreaterThanOrEqual(4 * 60 * 1000);
    expect(history(rt, no).some((h) => h[HISTORY.col.newValue] === '已联系客户')).toBe(true);
  });

  test('a send that fails in the owner\'s language (zh-CN quota error) loses nothing: queued, retried, sent once', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const no = submitOne(rt, person()).ticket_no as string;
    const ZH_QUOTA = 'Exception: 服务在一天内调用次数过多：email。';
    // The quota the service reports is not what the send meets: every send today fails, in Chinese.
    rt.faults.failCall('MailApp.sendEmail', 1, { times: 1000, message: ZH_QUOTA });
    setStatus(rt, no, '已联系客户', '我们已收到');
    const queued = () => rows(rt, '邮件队列').filter((q) => q[MAIL_QUEUE.col.state] === '待发送');
    expect(queued()).toHaveLength(1);
    expect(history(rt, no).at(-1)).toMatchObject({ [HISTORY.col.action]: '邮件未发送', [HISTORY.col.note]: expect.stringContaining('每小时自动重试') });
    rt.advanceClockTo(at('2026-11-23T14:30:00')); // four hourly runs, each send failing: still queued, never marked sent
    expect(queued()).toHaveLength(1);
    // (The acknowledgement, recorded with the ticket and sent at intake, is the one row marked sent.)
    expect(rows(rt, '邮件队列').some((q) => q[MAIL_QUEUE.col.state] === '已发送' && String(q[MAIL_QUEUE.col.subject]).includes('已联系客户'))).toBe(false);
    rt.faults.clear();
    rt.advanceClockTo(at('2026-11-23T15:30:00'));
    expect(queued()).toHaveLength(0);
    expect(mailsTo(rt, 'xiaoming@example.com', '已联系客户')).toHaveLength(1);
  });
});

describe('负责人通知方式 = 每小时汇总', () => {
  test('owners get one mail an hour listing their new tickets, customers their acknowledgement at once; nothing twice', () => {
    const rt = world(at('2026-11-23T10:05:00'));
    setConfig(rt, '邮件', '负责人通知方式', '每小时汇总');
    const customers = [1, 2, 3].map((i) => ({ name: `客户${i}`, mobile: `1390000000${i}`, email: `c${i}@example.com` }));
    const nos = customers.map((c) => submitOne(rt, person(c)).ticket_no as string);
    const owners = [...new Set(nos.map((no) => ticketOwner(rt, no)))];
    for (const c of customers) expect(mailsTo(rt, c.email)).toHaveLength(1);
    for (const owner of owners) expect(mailsTo(rt, owner)).toHaveLength(0);
    const notices = () => rows(rt, MAIL_QUEUE.name).filter((m) => owners.includes(String(m[MAIL_QUEUE.col.to])));
    expect(notices().map((m) => m[MAIL_QUEUE.col.state])).toEqual(['待汇总', '待汇总', '待汇总']);

    rt.advanceClockTo(at('2026-11-23T11:30:00'));
    for (const owner of owners) {
      const digest = mailsTo(rt, owner);
      expect(digest).toHaveLength(1);
      expect(digest[0]!.subject).toMatch(/过去一小时有 \d 张新工单分配给您/);
      for (const no of nos.filter((n) => ticketOwner(rt, n) === owner)) expect(digest[0]!.body).toContain(no);
    }
    expect(notices().filter((m) => m[MAIL_QUEUE.col.state] === '待汇总')).toHaveLength(0);
    rt.advanceClockTo(at('2026-11-23T14:30:00'));
    for (const owner of owners) expect(mailsTo(rt, owner)).toHaveLength(1);
  });

  test('a value that is neither: owners are mailed at once, as by default', () => {
    const rt = world(at('2026-11-23T10:05:00'));
    setConfig(rt, '邮件', '负责人通知方式', '每天');
    const no = submitOne(rt, person()).ticket_no as string;
    expect(mailsTo(rt, ticketOwner(rt, no))).toHaveLength(1);
  });
});

describe('a long mail queue', () => {
  test('drained at most 100 per hourly run, each mail once; sent rows leave the queue sheet', () => {
    const rt = world(at('2026-11-23T10:00:00'), { accounts: 'workspace' }); // 1,500 recipients a day
    rt.useUpMailQuota();
    // 低 (due in days): no overdue reminders join the queue while it drains.
    for (let i = 0; i < 205; i++) submitOne(rt, person({ name: `客户${i}`, mobile: `139${String(i).padStart(8, '0')}`, email: `q${i}@example.com`, expected_response: '1周内' }), 'manual');
    // With no quota left today the acknowledgements are held (their share of today's quota is nil), said in 历史;
    // the owners' assignments wait in the queue.
    expect(rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '确认邮件未发送')).toHaveLength(205);
    const queued = rows(rt, '邮件队列').map((q) => `${String(q[MAIL_QUEUE.col.to])}|${String(q[MAIL_QUEUE.col.subject])}`);
    expect(queued.length).toBeGreaterThan(200);
    const sent = (): string[] => rt.state.mail.sent.map((m) => `${m.to}|${m.subject}`).filter((m) => queued.includes(m));
    rt.advanceClockTo(at('2026-11-24T09:30:00')); // the window opened at 10:00 yesterday: no quota yet
    expect(sent()).toHaveLength(0);
    rt.advanceClockTo(at('2026-11-24T10:30:00')); // 24 hours on, the quota is back: one hourly run
    expect(sent()).toHaveLength(100);
    rt.advanceClockTo(at('2026-11-24T13:30:00'));
    expect(sent().sort()).toEqual([...queued].sort());
    // Once 200 sent rows lead the queue, the next run deletes them; what is left is still correct.
    rt.advanceClockTo(at('2026-11-24T14:30:00'));
    const left = rows(rt, '邮件队列');
    expect(left.length).toBeLessThan(queued.length);
    expect(left.every((q) => q[MAIL_QUEUE.col.state] === '已发送')).toBe(true);
    expect(sent().sort()).toEqual([...queued].sort());
  });

  test('a consumer owner (100 recipients a day): the queue drains over the following days, each mail once', () => {
    const rt = world(at('2026-11-23T10:00:00'), { accounts: 'consumer' });
    rt.useUpMailQuota();
    for (let i = 0; i < 130; i++) submitOne(rt, person({ name: `客户${i}`, mobile: `139${String(i).padStart(8, '0')}`, email: `q${i}@example.com` }), 'manual');
    const queued = rows(rt, '邮件队列').map((q) => `${String(q[MAIL_QUEUE.col.to])}|${String(q[MAIL_QUEUE.col.subject])}`);
    const sent = (): string[] => rt.state.mail.sent.map((m) => `${m.to}|${m.subject}`).filter((m) => queued.includes(m));
    rt.advanceClockTo(at('2026-11-24T20:00:00'));
    expect(sent().length).toBeLessThanOrEqual(100); // one day's quota, reminders and reports included
    rt.advanceClockTo(at('2026-11-27T20:00:00'));
    expect(sent().sort()).toEqual([...queued].sort());
    expect(new Set(sent()).size).toBe(sent().length);
  });
});

describe('deadlines and escalation', () => {
  test('by default nobody is reminded over a weekend: a Friday afternoon 高 ticket is first due on Monday morning', () => {
    const rt = world(at('2026-11-27T15:10:00')); // a Friday
    const no = submitOne(rt, person()).ticket_no as string; // 高: first response within 4 working hours
    const owner = ticketOwner(rt, no);
    rt.advanceClockTo(at('2026-11-30T09:30:00'));
    expect(ticket(rt, no)[TICKETS.col.reminder]).toBe('');
    expect(mailsTo(rt, owner, '【超时】')).toHaveLength(0);
    // 15:10–18:00 on Friday and 09:00–10:10 on Monday: due at 10:10, reminded by the next hourly run.
    rt.advanceClockTo(at('2026-11-30T11:30:00'));
    expect(ticket(rt, no)[TICKETS.col.reminder]).toBe('首次响应已超时 1 小时');
    expect(mailsTo(rt, owner, '【超时】')).toHaveLength(1);
  });

  test('round the clock (首次响应 高 = 24h, an admin\'s choice): 提醒 on Saturday, the owner once, the supervisor once after 4 working hours', () => {
    const rt = world(at('2026-11-27T15:10:00')); // a Friday
    setConfig(rt, '首次响应', '高', '24h');
    const no = submitOne(rt, person()).ticket_no as string; // 高: first response within 24 clock hours
    const owner = ticketOwner(rt, no);
    rt.advanceClockTo(at('2026-11-28T15:00:00'));
    expect(ticket(rt, no)[TICKETS.col.reminder]).toBe('');
    rt.advanceClockTo(at('2026-11-28T18:30:00'));
    expect(ticket(rt, no)[TICKETS.col.reminder]).toMatch(/^(首次响应)?已超时 [23] 小时$/);
    expect(mailsTo(rt, owner, '【超时】')).toHaveLength(1);
    // The weekend does not count: 4 working hours from Saturday are Monday 09–12 and 13–14.
    rt.advanceClockTo(at('2026-11-30T13:50:00'));
    expect(mailsTo(rt, 'sales-lead@example.com', '【升级】')).toHaveLength(0);
    rt.advanceClockTo(at('2026-12-01T12:00:00'));
    const supervisor = mailsTo(rt, 'sales-lead@example.com', '【升级】');
    expect(supervisor).toHaveLength(1);
    expect(supervisor[0]!.at).toBeGreaterThanOrEqual(at('2026-11-30T14:00:00'));
    expect(supervisor[0]!.at).toBeLessThan(at('2026-11-30T15:10:00'));
    expect(mailsTo(rt, owner, '【超时】')).toHaveLength(1);
    expect(history(rt, no).filter((h) => String(h[HISTORY.col.action]).startsWith('超时'))).toHaveLength(2);
    // Resolved: the reminder goes.
    setStatus(rt, no, '问题已解决');
    expect(ticket(rt, no)[TICKETS.col.reminder]).toBe('');
  });

  test('the reminder mail is recorded in 邮件队列 under the lock and sent after it; one that fails is sent once by the next run', () => {
    const rt = world(at('2026-11-27T15:10:00')); // a Friday
    setConfig(rt, '首次响应', '高', '24h');
    const no = submitOne(rt, person()).ticket_no as string;
    const owner = ticketOwner(rt, no);
    rt.advanceClockTo(at('2026-11-28T15:00:00'));
    const reminders = () => rows(rt, MAIL_QUEUE.name).filter((m) => m[MAIL_QUEUE.col.ticketNo] === no && String(m[MAIL_QUEUE.col.subject]).includes('【超时】'));
    // Hour by hour until the run that finds it overdue; the mail server refuses that run's send.
    rt.faults.failCall('MailApp.sendEmail', 1, { message: 'Exception: 服务暂时不可用' });
    const sends: boolean[] = [];
    rt.meter.tracer = (e) => {
      if (e.method === 'MailApp.sendEmail') sends.push(e.lockHeld);
    };
    for (let step = 1; step <= 36 && reminders().length === 0; step++) rt.advanceClockTo(at('2026-11-28T15:00:00') + step * 10 * 60 * 1000);
    rt.meter.tracer = null;
    expect(sends).toEqual([false]);
    expect(reminders().map((m) => m[MAIL_QUEUE.col.state])).toEqual(['待发送']);
    expect(mailsTo(rt, owner, '【超时】')).toHaveLength(0);
    expect(history(rt, no).some((h) => h[HISTORY.col.action] === '邮件未发送')).toBe(true);
    // The next hourly run sends it from the queue (under the lock, as queued mail always is: never twice), once.
    rt.advanceClockTo(rt.state.clock + 61 * 60 * 1000);
    expect(mailsTo(rt, owner, '【超时】')).toHaveLength(1);
    expect(reminders().map((m) => m[MAIL_QUEUE.col.state])).toEqual(['已发送']);
    rt.advanceClockTo(rt.state.clock + 3 * 61 * 60 * 1000);
    expect(mailsTo(rt, owner, '【超时】')).toHaveLength(1);
  });

  test('a 调休 Saturday counts as working time', () => {
    const rt = world(at('2026-10-09T15:10:00')); // Friday before the make-up Saturday 2026-10-10
    const no = submitOne(rt, person()).ticket_no as string;
    rt.advanceClockTo(at('2026-10-12T15:30:00'));
    const owner = mailsTo(rt, ticketOwner(rt, no), '【超时】');
    const supervisor = mailsTo(rt, 'sales-lead@example.com', '【升级】');
    expect(owner).toHaveLength(1);
    expect(supervisor).toHaveLength(1);
    // The first response is due on Saturday 10:10 (Friday 15:10–18:00 and Saturday 09:00–10:10: the make-up day
    // counts), so the owner is reminded by the hourly run of 10:10 or 11:10 (which, depends on the seconds each
    // took), and 4 working hours later, still on Saturday, the supervisor. Were Saturday a day off, both would
    // come on Monday.
    expect(owner[0]!.at).toBeGreaterThanOrEqual(at('2026-10-10T10:10:00'));
    expect(owner[0]!.at).toBeLessThan(at('2026-10-10T11:30:00'));
    expect(supervisor[0]!.at).toBeGreaterThanOrEqual(at('2026-10-10T15:10:00'));
    expect(supervisor[0]!.at).toBeLessThan(at('2026-10-10T17:30:00'));
    expect(history(rt, no).filter((h) => h[HISTORY.col.action] === '超时升级主管')).toHaveLength(1);
  });

  test('the Monday digest lists every overdue ticket', () => {
    const rt = world(at('2026-11-26T10:00:00'));
    const no = submitOne(rt, person()).ticket_no as string;
    rt.advanceClockTo(at('2026-11-30T10:00:00')); // the 09:00 trigger runs within that hour
    const digest = mailsTo(rt, 'sales-lead@example.com', '超时工单周报');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.body).toContain(no);
  });
});

describe('satisfaction survey', () => {
  function surveyForm(rt: Runtime) {
    return rt.state.forms.find((f) => f.id === rt.state.properties.script['SURVEY_FORM_ID'])!;
  }

  function answer(rt: Runtime, ticketField: string, score: string, feedback: string) {
    const form = surveyForm(rt);
    const id = (title: string) => form.items.find((i) => i.title === title)!.id;
    const response = rt.services.FormApp.hostSubmit(form.id, [
      { itemId: id('关联工单号'), response: ticketField },
      { itemId: id('满意度评分'), response: score },
      { itemId: id('反馈内容'), response: feedback },
    ]);
    const [run] = rt.fireFormSubmit(form.id, response.id);
    if (!run!.ok) throw new Error(run!.error);
    return run!.value as { outcome: string };
  }

  function signedFromMail(rt: Runtime, to: string): string {
    const body = mailsTo(rt, to, '的处理结果')[0]!.body;
    return decodeURIComponent(/entry\.\d+=([^&\s]+)/.exec(body)![1]!);
  }

  /** One customer, two tickets set to 问题已解决, and the survey links mailed for them. */
  function twoResolvedTickets() {
    const rt = world();
    const a = submitOne(rt, person()).ticket_no as string;
    const b = submitOne(rt, person({ need_description: '第二个问题：打印机无法连接，需要上门维修' })).ticket_no as string;
    setStatus(rt, a, '问题已解决');
    setStatus(rt, b, '问题已解决');
    const links = mailsTo(rt, 'xiaoming@example.com', '的处理结果').map((m) => decodeURIComponent(/entry\.\d+=([^&\s]+)/.exec(m.body)![1]!));
    return { rt, a, b, links };
  }

  test('the mailed link rates its own ticket; the customer average follows; guessed numbers go to 待审核', () => {
    const { rt, a, b, links } = twoResolvedTickets();
    const signedA = links.find((l) => l.startsWith(a))!;
    const signedB = links.find((l) => l.startsWith(b))!;
    const ticketsBefore = rows(rt, '工单').length;

    expect(answer(rt, signedA, '5', '响应很快')).toMatchObject({ outcome: 'rated' });
    expect(ticket(rt, a)).toMatchObject({ [TICKETS.col.surveyRating]: 5, [TICKETS.col.surveyFeedback]: '响应很快' });
    expect(history(rt, a).at(-1)).toMatchObject({ [HISTORY.col.action]: '收到满意度评价', [HISTORY.col.newValue]: '5' });
    expect(answer(rt, signedB, '3', '一般')).toMatchObject({ outcome: 'rated' });
    expect(rows(rt, '客户')[0]).toMatchObject({ [CUSTOMERS.col.ticketCount]: 2, [CUSTOMERS.col.avgRating]: 4 });
    // Re-rating replaces the ticket's score in the average.
    answer(rt, signedB, '5', '后来解决得很好');
    expect(rows(rt, '客户')[0]![CUSTOMERS.col.avgRating]).toBe(5);

    // B's number with A's signature, a bare number, a made-up one: 待审核, no ticket changed.
    const foreign = b + signedA.slice(a.length);
    for (const bad of [foreign, b, 'T20261123999-0123456789ab']) expect(answer(rt, bad, '1', '差')).toMatchObject({ outcome: 'review' });
    expect(rows(rt, '待审核')).toHaveLength(3);
    // A survey reply in the queue is not a submission: resubmitting it is refused in plain words.
    const resubmit = rt.run('resubmitReview', [2], { user: SALES });
    expect(resubmit.ok).toBe(false);
    expect(resubmit.ok ? '' : resubmit.error).toContain('满意度调查回复');
    expect(ticket(rt, b)[TICKETS.col.surveyRating]).toBe(5);
    expect(rows(rt, '工单')).toHaveLength(ticketsBefore);
    expect(signedFromMail(rt, 'xiaoming@example.com')).toMatch(/^T\d{11}-[0-9a-f]{12}$/);
  });

  test('a survey reply stays a survey reply when 语言 changes: under en it is still refused, and stored values stay zh-CN', () => {
    const { rt, b } = twoResolvedTickets();
    const ticketsBefore = rows(rt, '工单').length;
    // One bad reply under zh-CN, one under en; then the business switches back and forth.
    expect(answer(rt, b, '1', '差')).toMatchObject({ outcome: 'review' });
    setConfig(rt, '通用', '语言', 'en');
    expect(answer(rt, 'T20261123999-0123456789ab', '2', 'bad')).toMatchObject({ outcome: 'review' });
    const queued = rows(rt, '待审核');
    expect(queued.map((r) => [r['收集渠道'], r[REVIEW.col.state]])).toEqual([['满意度调查', '待处理'], ['满意度调查', '待处理']]);

    for (const row of [2, 3]) {
      const resubmit = rt.run('resubmitReview', [row], { user: SALES });
      expect(resubmit.ok).toBe(false);
      expect(resubmit.ok ? '' : resubmit.error).toContain('satisfaction-survey reply');
    }
    setConfig(rt, '通用', '语言', 'zh-CN');
    const again = rt.run('resubmitReview', [3], { user: SALES });
    expect(again.ok ? '' : again.error).toContain('满意度调查回复');
    expect(rows(rt, '工单')).toHaveLength(ticketsBefore);
    expect(rows(rt, '待审核').map((r) => r[REVIEW.col.state])).toEqual(['待处理', '待处理']);
  });

  test('a survey trigger fired twice counts once; a dropped one is recorded by the hourly sweep', () => {
    const { rt, a, b, links } = twoResolvedTickets();
    const rated = () => history(rt, a).concat(history(rt, b)).filter((h) => h[HISTORY.col.action] === '收到满意度评价');

    rt.faults.duplicate.add('ON_FORM_SUBMIT');
    answer(rt, links.find((l) => l.startsWith(a))!, '4', '不错');
    rt.faults.duplicate.clear();
    expect(rated()).toHaveLength(1);
    expect(rows(rt, '客户')[0]).toMatchObject({ [CUSTOMERS.col.avgRating]: 4 });

    rt.faults.dropWhen = () => true;
    const form = surveyForm(rt);
    const id = (title: string) => form.items.find((i) => i.title === title)!.id;
    const response = rt.services.FormApp.hostSubmit(form.id, [
      { itemId: id('关联工单号'), response: links.find((l) => l.startsWith(b))! },
      { itemId: id('满意度评分'), response: '2' },
      { itemId: id('反馈内容'), response: '等了很久' },
    ]);
    expect(rt.fireFormSubmit(form.id, response.id)).toEqual([]);
    rt.faults.dropWhen = null;
    expect(ticket(rt, b)[TICKETS.col.surveyRating]).toBe('');
    rt.advanceClockTo(rt.state.clock + 61 * 60 * 1000);
    expect(ticket(rt, b)[TICKETS.col.surveyRating]).toBe(2);
    expect(rows(rt, '客户')[0]).toMatchObject({ [CUSTOMERS.col.avgRating]: 3 });
    rt.advanceClockTo(rt.state.clock + 61 * 60 * 1000);
    expect(rated()).toHaveLength(2);
  });
});

describe('data retention', () => {
  test('off by default; when set, closed tickets past it are anonymised monthly, figures kept, logged', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const no = submitOne(rt, person()).ticket_no as string;
    const open = submitOne(rt, person({ mobile: '13900139000', email: 'open@example.com', name: '李四' })).ticket_no as string;
    expect(submitOne(rt, person({ name: '赵六', mobile: '123' })).outcome).toBe('review');
    expect(rt.run('voidReview', [2, '客户已电话撤回'], { user: SALES }).ok).toBe(true);
    setStatus(rt, no, '问题已解决', '已电话联系王小明，上门地址已确认');
    setStatus(rt, no, '已关闭');
    rt.advanceClockTo(at('2026-12-01T04:00:00')); // the monthly job ran at 03:00
    expect(ticket(rt, no)['姓名/企业名称']).toBe('王小明'); // no retention period by default
    setConfig(rt, '跟进', '个人信息保留期', '7天');
    const run = rt.run('retentionMonthly');
    expect(run.value).toMatchObject({ retentionDays: 7, tickets: 1, customers: 1 });
    // The customer's words are gone from 历史 and from the handled 待审核 row too.
    expect(JSON.stringify(history(rt, no))).not.toContain('王小明');
    expect(rows(rt, '待审核')[0]).toMatchObject({ [REVIEW.col.rawData]: '' });
    expect(JSON.stringify(rows(rt, '待审核'))).not.toContain('赵六');
    expect(ticket(rt, no)).toMatchObject({ '姓名/企业名称': '', 具体需求描述: '', [TICKETS.col.status]: '已关闭', [TICKETS.col.priority]: '高' });
    expect(ticket(rt, open)['姓名/企业名称']).toBe('李四');
    expect(history(rt, no).at(-1)).toMatchObject({ [HISTORY.col.action]: '个人信息已匿名化' });
    const customer = rows(rt, '客户').find((c) => c['手机号'] === '' || c['姓名/企业名称'] === '');
    expect(customer).toBeDefined();
    expect(rows(rt, '客户').find((c) => c['姓名/企业名称'] === '李四')).toBeDefined();
  });
});

describe('performance', () => {
  function statusEditCalls(tickets: number): { edit: number; hourly: number } {
    const rt = world(at('2026-11-23T10:00:00'));
    for (let i = 0; i < tickets; i++) submitOne(rt, person({ mobile: `1380013${String(i).padStart(4, '0')}`, email: `p${i}@example.com` }));
    const no = rows(rt, '工单')[Math.floor(tickets / 2)]![TICKETS.col.no] as string;
    const r = rt.editCell('工单', rowOf(rt, no), rt.staff.column('工单', TICKETS.col.status), '已联系客户', SALES);
    if (!r.ok) throw new Error(r.message);
    const edit = r.runs.find((x) => x.handler === 'onSheetEdit' && x.meter.totalCalls > 5)!;
    const hourly = rt.run('followUpHourly');
    if (!hourly.ok) throw new Error(hourly.error);
    return { edit: edit.meter.totalCalls, hourly: hourly.meter.totalCalls };
  }

  test('a status edit and the hourly job make the same number of calls over 3 and 30 tickets', () => {
    const small = statusEditCalls(3);
    const large = statusEditCalls(30);
    expect(large.edit).toBe(small.edit);
    expect(large.hourly).toBe(small.hourly);
  });
});
