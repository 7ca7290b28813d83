/**
 * The robots' 配置 and what they say: a 通知 row's platform and what it is
 * sent (read back as written, a bad one reported), the 员工 words that let a
 * robot @ someone, 负责人通知邮件's 无群机器人时, the alerts each event makes
 * and several merged into one, and the owner's address and secret checked
 * against the platform and never shown back whole.
 */
import fc from 'fast-check';
import { parseConfig, defaultConfigRows, configRows } from '../src/domain/config';
import { formatRobotValue, ownerMailOn, parseRobotValue, type RobotEvents } from '../src/domain/config-robots';
import { staffValue } from '../src/domain/config-lists';
import { backlogAlert, breachAlert, intakeEvent, mentionsFor, mergeAlerts, newTicketAlert, parseAlert, sheetOf, type TicketFacts } from '../src/domain/robot-alerts';
import { robotMessage, type RobotPlatform } from '../src/domain/robot-messages';
import { checkRobotInput, maskSecret, maskUrl } from '../src/domain/robot-settings';
import { emptyTargetState, planClaims } from '../src/domain/outbound';

const rowsWith = (...extra: string[][]) => [...defaultConfigRows(), ...extra];

describe('配置 › 通知', () => {
  test('a row says the platform and what the robot is sent; numbers default when left out', () => {
    const { config, errors } = parseConfig(rowsWith(['通知', '销售群', '钉钉：新工单、高优先级、首次响应超时、截止超时、升级、待审核积压20、每日汇总18'], ['通知', '客服群', 'wecom: 新工单, 待审核积压, 每日汇总']));
    expect(errors).toEqual([]);
    expect(config.robots).toEqual([
      { name: '销售群', platform: 'dingtalk', events: { newTicket: true, high: true, responseBreach: true, deadlineBreach: true, escalation: true, backlog: 20, dailyHour: 18 } },
      { name: '客服群', platform: 'wecom', events: { newTicket: true, high: false, responseBreach: false, deadlineBreach: false, escalation: false, backlog: 10, dailyHour: 18 } },
    ]);
  });

  test('any robot reads back as the product writes it', () => {
    const events = fc.record<RobotEvents>({
      newTicket: fc.boolean(), high: fc.boolean(), responseBreach: fc.boolean(), deadlineBreach: fc.boolean(), escalation: fc.boolean(),
      backlog: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }), dailyHour: fc.option(fc.integer({ min: 0, max: 23 }), { nil: null }),
    }).filter((e) => e.newTicket || e.high || e.responseBreach || e.deadlineBreach || e.escalation || e.backlog !== null || e.dailyHour !== null);
    fc.assert(fc.property(fc.constantFrom<RobotPlatform>('dingtalk', 'feishu', 'wecom'), events, (platform, e) => {
      const parsed = parseRobotValue(formatRobotValue({ platform, events: e }));
      expect(parsed).toEqual({ ok: true, platform, events: e });
    }));
  });

  test.each([
    ['微信：新工单', '“微信”不是可用的平台'],
    ['钉钉', '没有写要发送的内容'],
    ['钉钉：新工单、周报', '“周报”无法识别'],
    ['飞书：待审核积压0', '待审核积压 后写 1–10000'],
    ['飞书：每日汇总25', '每日汇总 后写 0–23'],
  ])('%s is reported on its row and the robot left out', (value, detail) => {
    const rows = rowsWith(['通知', '销售群', value]);
    const { config, errors } = parseConfig(rows);
    expect(config.robots).toEqual([]);
    expect(errors).toEqual([{ row: rows.length + 1, message: expect.stringContaining(detail), note: expect.stringContaining(detail) }]);
  });

  test('a new 配置 lists no robot, only an example note; a robot written back reads the same', () => {
    expect(parseConfig(defaultConfigRows()).config.robots).toEqual([]);
    expect(defaultConfigRows().filter((r) => r[0] === '通知')).toEqual([['通知', '', '', expect.stringContaining('客户管理 › 群机器人设置')]]);
    const { config } = parseConfig(rowsWith(['通知', '销售群', '钉钉：新工单']));
    expect(parseConfig(configRows(config)).config.robots).toEqual(config.robots);
  });
});

describe('配置 › 员工: whom a robot can @', () => {
  test('a mobile and platform ids after the name; the reveal flag still only shows the owner\'s list', () => {
    const { config, errors } = parseConfig(rowsWith(['员工', 'new@example.com', '张三，+86 138-0000-0001，钉钉:zhangsan，飞书：ou_abc，可查看敏感信息']));
    expect(errors).toEqual([]);
    expect(config.staff.find((s) => s.email === 'new@example.com')).toEqual({
      email: 'new@example.com', name: '张三', canReveal: true, mobile: '13800000001', chatIds: { dingtalk: 'zhangsan', feishu: 'ou_abc' },
    });
    // The owner's list decides the flag; the ids stay as typed.
    expect(staffValue('张三，13800000001，可查看敏感信息', false)).toBe('张三，13800000001');
    expect(staffValue('张三，13800000001', true)).toBe('张三，13800000001，可查看敏感信息');
    expect(staffValue('张三', true)).toBe('张三，可查看敏感信息');
  });

  test('each platform @s by its own id, else by mobile where it takes mobiles (飞书 does not)', () => {
    const staff = [{ email: 'a@example.com', name: 'A', canReveal: false, mobile: '13800000001', chatIds: { feishu: 'ou_a' } }];
    expect(mentionsFor(staff, ['A@example.com'], 'dingtalk')).toEqual({ mobiles: ['13800000001'], userIds: [] });
    expect(mentionsFor(staff, ['a@example.com'], 'feishu')).toEqual({ mobiles: [], userIds: ['ou_a'] });
    expect(mentionsFor(staff, ['nobody@example.com', '销售组'], 'wecom')).toEqual({ mobiles: [], userIds: [] });
  });
});

describe('负责人通知邮件', () => {
  test('无群机器人时: owners are mailed only while no robot is sent new tickets', () => {
    const robot = (newTicket: boolean) => [['通知', '群', newTicket ? '钉钉：新工单' : '钉钉：高优先级']];
    // The default row's value replaced (a second row would be a duplicate).
    const withValue = (value: string, extra: string[][]) => ownerMailOn(parseConfig([...defaultConfigRows().map((r) => (r[1] === '负责人通知邮件' ? [r[0]!, r[1]!, value, r[3]!] : r)), ...extra]).config);
    expect(withValue('是', robot(true))).toBe(true);
    expect(withValue('否', [])).toBe(false);
    expect(withValue('无群机器人时', [])).toBe(true);
    expect(withValue('无群机器人时', robot(false))).toBe(true);
    expect(withValue('无群机器人时', robot(true))).toBe(false);
    // A value it cannot read keeps the default (是) and says what it takes.
    expect(withValue('随便', robot(true))).toBe(true);
    const bad = parseConfig(defaultConfigRows().map((r) => (r[1] === '负责人通知邮件' ? [r[0]!, r[1]!, '随便', r[3]!] : r)));
    expect(bad.errors.map((e) => e.note)).toEqual([expect.stringContaining('是、否 或 无群机器人时')]);
  });
});

const FACTS: TicketFacts = {
  ticketNo: 'T20261123001', customerName: '王小明', priority: '高', needType: '产品咨询', issueType: '其他',
  deadlineText: '2026-11-24 10:00', owner: '张伟', team: '销售组', link: 'https://docs.google.com/spreadsheets/d/x/edit#gid=3&range=A7',
};

describe('alerts', () => {
  test('a 高 ticket is one message to a robot sent new tickets (高 in its title), and to one sent 高 only', () => {
    const all: RobotEvents = { newTicket: true, high: true, responseBreach: false, deadlineBreach: false, escalation: false, backlog: null, dailyHour: null };
    expect(intakeEvent(all, '高')).toBe('newTicket');
    expect(intakeEvent({ ...all, newTicket: false }, '高')).toBe('high');
    expect(intakeEvent({ ...all, newTicket: false }, '中')).toBeNull();
    expect(newTicketAlert('zh-CN', FACTS, 'newTicket', undefined).title).toBe('高优先级新工单 T20261123001');
    expect(newTicketAlert('en', { ...FACTS, priority: '中' }, 'newTicket', undefined).title).toBe('New ticket T20261123001');
  });

  test('every title says 工单, for a robot whose security setting is the keyword 工单', () => {
    const titles = [
      newTicketAlert('zh-CN', FACTS, 'newTicket', undefined), newTicketAlert('zh-CN', FACTS, 'high', undefined),
      breachAlert('zh-CN', FACTS, 'response', '已超时 2 小时', undefined), breachAlert('zh-CN', FACTS, 'deadline', '已超时 2 小时', undefined),
      backlogAlert('zh-CN', 12, 10), mergeAlerts('zh-CN', [backlogAlert('zh-CN', 1, 0), backlogAlert('zh-CN', 2, 0)]),
    ].map((a) => a.title);
    for (const t of titles) expect(t).toContain('工单');
  });

  test('several alerts merged: one line each, everyone mentioned once, one link to the sheet; read back from the queue as stored', () => {
    const a = newTicketAlert('zh-CN', FACTS, 'newTicket', { mobiles: ['13800000001'], userIds: [] });
    const b = newTicketAlert('zh-CN', { ...FACTS, ticketNo: 'T20261123002', link: 'https://docs.google.com/spreadsheets/d/x/edit#gid=3&range=A8' }, 'newTicket', { mobiles: ['13800000001', '13800000002'], userIds: ['u1'] });
    const merged = mergeAlerts('zh-CN', [a, b].map((x) => parseAlert(JSON.stringify(x))!));
    expect(merged.title).toBe('工单通知 2 条');
    expect(merged.lines).toHaveLength(2);
    expect(merged.lines[1]).toContain('T20261123002');
    expect(merged.mentions).toEqual({ mobiles: ['13800000001', '13800000002'], userIds: ['u1'] });
    expect(merged.link!.url).toBe(sheetOf(a.link!.url));
    expect(merged.link!.url).toBe('https://docs.google.com/spreadsheets/d/x/edit#gid=3');
    expect(parseAlert('not json')).toBeNull();
  });

  test('many waiting tickets are packed into as few messages as fit each platform, none cut and none left out', () => {
    const alerts = Array.from({ length: 60 }, (_, i) => JSON.stringify(newTicketAlert('zh-CN', { ...FACTS, ticketNo: `T20261123${String(i).padStart(3, '0')}`, customerName: '某某科技有限公司北京分公司' }, 'newTicket', { mobiles: ['13800000001'], userIds: [] })));
    for (const platform of ['dingtalk', 'feishu', 'wecom'] as const) {
      const message = (bodies: readonly string[]) => robotMessage(platform, mergeAlerts('zh-CN', bodies.map((b) => parseAlert(b)!)), 'zh-CN');
      const plan = planClaims({ rows: alerts, state: emptyTargetState(), limits: { perMinute: 20 }, now: 0, maxRequests: 20, fits: (g) => !message(g).truncated });
      expect(plan.groups.flat()).toEqual(alerts);
      expect(plan.groups.length).toBeLessThan(alerts.length / 2);
      for (const g of plan.groups) expect(message(g).truncated).toBe(false);
    }
  });
});

describe('the owner\'s address and secret', () => {
  const DING = 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789abcdef';
  test('only the platform\'s own address, for the platform 配置 names; a secret only where the platform signs', () => {
    expect(checkRobotInput('dingtalk', { url: DING, secret: 'SEC0123456789abcdef0123' }, null)).toEqual({ ok: true, url: DING, secret: 'SEC0123456789abcdef0123' });
    expect(checkRobotInput('dingtalk', { url: 'https://oapi.dingtalk.com.evil.example/robot/send?access_token=abcdef0123456789', secret: '' }, null)).toMatchObject({ ok: false, problem: { key: 'robots.input.badUrl' } });
    expect(checkRobotInput('feishu', { url: DING, secret: '' }, null)).toMatchObject({ ok: false, problem: { key: 'robots.input.wrongPlatform', params: { platform: 'feishu', given: 'dingtalk' } } });
    expect(checkRobotInput('dingtalk', { url: DING, secret: 'abc' }, null)).toMatchObject({ ok: false, problem: { key: 'robots.input.badSecret' } });
    expect(checkRobotInput('wecom', { url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0a1b2c3d-4e5f', secret: 'x' }, null)).toMatchObject({ ok: false, problem: { key: 'robots.input.noSecret' } });
    // Blank keeps what is stored.
    expect(checkRobotInput('dingtalk', { url: '', secret: '' }, { url: DING, secret: 'SEC0123456789abcdef0123' })).toEqual({ ok: true, url: DING, secret: 'SEC0123456789abcdef0123' });
  });

  test('shown back only by their ends', () => {
    expect(maskUrl(DING)).toBe('https://oapi.dingtalk.com/robot/send?access_token=abcd…cdef');
    expect(maskUrl('https://open.feishu.cn/open-apis/bot/v2/hook/0f1e2d3c-4b5a-6978')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/0f1e…6978');
    fc.assert(fc.property(fc.stringMatching(/^SEC[A-Za-z0-9]{16,64}$/), (secret) => {
      const shown = maskSecret(secret);
      return !shown.includes(secret.slice(3, -4)) && shown.endsWith(secret.slice(-4));
    }));
  });
});
