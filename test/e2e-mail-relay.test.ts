/**
 * The public Form is no mail relay: acknowledgements quote nothing the
 * submitter wrote, one address gets a few a day, acknowledgements never use
 * more than their share of the day's quota (staff and progress mail keep
 * the rest), and a burst to new addresses is told to the admin once. A held
 * acknowledgement is said in the ticket's 历史; the ticket is always filed.
 */
import type { Runtime } from '../local/runtime/runtime';
import { CONFIG, HISTORY, TICKETS } from '../src/sheets/schema';
import { T0, person, rows, setStatus, submit, submitOne, world } from './helpers/world';

const OWNER = 'admin@example.com';
const VICTIM = 'victim@example.org';

const sentTo = (rt: Runtime, to: string) => rt.state.mail.sent.filter((m) => m.to.split(/,\s*/).includes(to));
const acks = (rt: Runtime) => rt.state.mail.sent.filter((m) => m.subject.includes('我们已收到您的需求'));
const held = (rt: Runtime) => rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '确认邮件未发送');

/** n submissions from n different people, each with an address of its own. */
function strangers(n: number, from = 0) {
  return Array.from({ length: n }, (_, i) => person({
    name: `访客${from + i}`, mobile: `139${String(10_000_000 + from + i).slice(-8)}`, email: `person${from + i}@example.net`,
  }));
}

describe('acknowledgements', () => {
  test('quote nothing the submitter typed: no name, no description, no link — the ticket number, the company\'s words and the deadline', () => {
    const rt = world();
    const lure = '点击 http://evil.example/prize 领奖';
    const line = submitOne(rt, person({ name: lure, need_description: '请访问 http://evil.example/x 免费领取大奖，这是我写的需求描述', email: VICTIM }));
    expect(line.outcome).toBe('accepted');
    const [ack] = sentTo(rt, VICTIM);
    expect(ack).toBeDefined();
    for (const part of [ack!.subject, ack!.body, ack!.htmlBody]) {
      expect(part).not.toContain('evil');
      expect(part).not.toContain('领奖');
      expect(part).not.toContain('需求描述');
    }
    expect(ack!.body).toContain(String(line.ticket_no));
    expect(ack!.body).toContain('示例科技有限公司');
    expect(ack!.body).toContain('您好：');
  });

  test('200 Form submissions naming the same victim address: every ticket is filed, the victim gets 3 acknowledgements, 历史 says why for the rest', () => {
    // 200 owner mails in a day need a Workspace quota (1,500); a consumer account's 100 could not carry them.
    const rt = world(T0, { accounts: 'workspace' });
    const lines = submit(rt, Array.from({ length: 200 }, (_, i) => person({ email: VICTIM, need_description: `第${i}次提交：需要10台台式电脑，用于新员工办公，希望了解报价和交付时间` })));
    expect(lines.filter((l) => l.outcome === 'accepted')).toHaveLength(200);
    expect(rows(rt, '工单')).toHaveLength(200);
    expect(sentTo(rt, VICTIM)).toHaveLength(3);
    const skipped = held(rt);
    expect(skipped).toHaveLength(197);
    const tickets = new Set(rows(rt, '工单').map((t) => t[TICKETS.col.no]));
    for (const h of skipped) {
      expect(tickets.has(h[HISTORY.col.ticketNo])).toBe(true);
      expect(h[HISTORY.col.note]).toContain('该邮箱今天已收到 3 封确认邮件');
      expect(JSON.stringify(h)).not.toContain(VICTIM);
    }
    // The owners still heard of every ticket.
    expect(rt.state.mail.sent.filter((m) => m.subject.includes('新工单')).length).toBeGreaterThanOrEqual(200);

    // The next day the address may be acknowledged again, within the same limit.
    rt.state.clock += 86_400_000;
    submit(rt, Array.from({ length: 5 }, () => person({ email: VICTIM })));
    expect(sentTo(rt, VICTIM)).toHaveLength(6);
  });

  test('stop at their share of the day\'s quota, while assignment and progress mail still go', () => {
    const rt = world();
    rt.state.limits.mailRecipients = 60;
    const lines = submit(rt, strangers(40));
    expect(lines.every((l) => l.outcome === 'accepted')).toBe(true);
    // 30% of the day's quota at most.
    expect(acks(rt).length).toBeLessThanOrEqual(18);
    expect(acks(rt).length).toBeGreaterThan(0);
    expect(held(rt).some((h) => String(h[HISTORY.col.note]).includes('每日邮件配额的 30%'))).toBe(true);
    expect(acks(rt).length + held(rt).length).toBe(40);
    const assignments = rt.state.mail.sent.filter((m) => m.subject.includes('新工单'));
    expect(assignments).toHaveLength(40);

    const ticketNo = String(rows(rt, '工单')[39]![TICKETS.col.no]);
    setStatus(rt, ticketNo, '已联系客户', 'sales1@example.com', '已电话联系');
    expect(sentTo(rt, 'person39@example.net').filter((m) => m.subject.includes('已联系客户'))).toHaveLength(1);
  });

  test('a burst to new addresses is told to the admin once, with the day\'s figures', () => {
    const rt = world();
    submit(rt, strangers(30));
    submit(rt, strangers(30, 30));
    const alerts = sentTo(rt, OWNER).filter((m) => m.subject.includes('大量确认邮件'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body).toContain('有 21 封客户确认邮件发往今天第一次出现的邮箱（提醒阈值 20');
    expect(alerts[0]!.body).not.toContain('@example.net');
  });

  test('the limits are 配置 rows with notes, checked like every setting', () => {
    const rt = world();
    const { group, key, value, note } = CONFIG.col;
    const config = rows(rt, '配置').filter((r) => r[group] === '邮件');
    expect(config).toEqual(expect.arrayContaining([
      expect.objectContaining({ [key]: '确认邮件每址每日上限', [value]: '3', [note]: expect.stringContaining('同一邮箱每天最多') }),
      expect.objectContaining({ [key]: '确认邮件配额占比', [value]: '30%' }),
      expect.objectContaining({ [key]: '确认邮件突增提醒', [value]: '20' }),
    ]));
  });
});
