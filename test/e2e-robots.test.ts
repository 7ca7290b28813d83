/**
 * Team-chat robots end to end, on the shipped bundle: the owner stores a
 * robot's address and secret in the dialog, a new 高 ticket posts one signed
 * message to each platform — the request in the outbox exactly the
 * platform's format, its signature recomputed here with node:crypto — an
 * hour's outage loses nothing, a refusal reaches the admin once, a burst is
 * batched within the rate limit, customer text stays inert, no sealed value
 * leaves, and a fault at any of the queue's calls neither loses nor doubles
 * a message.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CONFIG, HISTORY, OUTBOUND, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import type { HttpRequestRecord } from '../local/runtime/state';
import { findSheet, getCell, getCellProp, lastColumn, lastRow, setCell } from '../local/runtime/sheet-data';
import { forgetCachedConfig, setConfigValue } from '../local/drive/config-view';
import { T0, person, rows, submit, submitOne, ticketOwner, world } from './helpers/world';

const HOUR = 3_600_000;
const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=d1ngd1ngd1ngd1ng0123';
const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab';
const FEISHU = 'https://open.feishu.cn/open-apis/bot/v2/hook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const FEISHU_SECRET = 'fe1shuSecretKey0123';
const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const OK_DING = { code: 200, body: '{"errcode":0,"errmsg":"ok"}' };
const OK_FEISHU = { code: 200, body: '{"code":0,"msg":"success","data":{}}' };
const OK_WECOM = { code: 200, body: '{"errcode":0,"errmsg":"ok"}' };
/** A customer who types markup, a link and an @-everyone into the name. */
const SNEAKY = '[点我](https://evil.example.com) @all <b>x</b> **粗**';

function addConfigRow(rt: Runtime, group: string, key: string, value: string): number {
  const sheet = findSheet(rt.state, CONFIG.name)!;
  const col = (label: string) => Array.from({ length: lastColumn(sheet) }, (_, i) => getCell(sheet, 1, i + 1)).indexOf(label) + 1;
  const row = lastRow(sheet) + 1;
  setCell(sheet, row, col(CONFIG.col.group), group);
  setCell(sheet, row, col(CONFIG.col.key), key);
  setCell(sheet, row, col(CONFIG.col.value), value);
  forgetCachedConfig(rt.state);
  return row;
}

/** The sales team with mobiles and 飞书 open_ids in 配置 › 员工, so each platform can @ the owner. */
function staffWithIds(rt: Runtime): void {
  setConfigValue(rt.state, '员工', 'sales1@example.com', '张伟，13800000001，飞书:ou_zhangwei01');
  setConfigValue(rt.state, '员工', 'sales2@example.com', '李娜，13800000002，飞书:ou_lina02');
}

function saveRobot(rt: Runtime, name: string, url: string, secret = '', user = rt.state.owner) {
  return rt.run('saveRobotSettings', [name, url, secret], { user });
}

/** A world with one 钉钉 robot, 加签 on, answering as told (declarative: it outlives each execution). */
function dingWorld(events = '新工单、高优先级'): Runtime {
  const rt = world();
  staffWithIds(rt);
  addConfigRow(rt, '通知', '销售群', `钉钉：${events}`);
  rt.remote.answer('oapi.dingtalk.com', OK_DING);
  expect(saveRobot(rt, '销售群', DINGTALK, DING_SECRET).ok).toBe(true);
  return rt;
}

const requestsTo = (rt: Runtime, host: string): HttpRequestRecord[] => rt.remote.outbox.filter((r) => new URL(r.url).hostname === host);
const mentions = (rt: Runtime, ticketNo: string, host: string) => requestsTo(rt, host).filter((r) => r.payload.includes(ticketNo));
const queue = (rt: Runtime) => rows(rt, OUTBOUND.name);
const ownerMobile = (rt: Runtime, ticketNo: string) => (ticketOwner(rt, ticketNo) === 'sales1@example.com' ? '13800000001' : '13800000002');
const ownerOpenId = (rt: Runtime, ticketNo: string) => (ticketOwner(rt, ticketNo) === 'sales1@example.com' ? 'ou_zhangwei01' : 'ou_lina02');

const b64hmac = (key: string, msg: string) => createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(msg, 'utf8')).digest('base64');

describe('a new 高 ticket, three platforms', () => {
  const rt = world();
  staffWithIds(rt);
  addConfigRow(rt, '通知', '销售群', '钉钉：新工单、高优先级');
  addConfigRow(rt, '通知', '飞书群', '飞书：高优先级');
  addConfigRow(rt, '通知', '企微群', '企业微信：新工单');
  rt.remote.answer('oapi.dingtalk.com', OK_DING);
  rt.remote.answer('open.feishu.cn', OK_FEISHU);
  rt.remote.answer('qyapi.weixin.qq.com', OK_WECOM);
  for (const [name, url, secret] of [['销售群', DINGTALK, DING_SECRET], ['飞书群', FEISHU, FEISHU_SECRET], ['企微群', WECOM, '']] as const) {
    expect(saveRobot(rt, name, url, secret).ok).toBe(true);
  }
  const out = submitOne(rt, person({ name: SNEAKY }));
  const ticketNo = String(out.ticket_no);
  const ticketRow = rows(rt, TICKETS.name).findIndex((t) => t[TICKETS.col.no] === ticketNo) + 2;

  test('one request each, posted as JSON in UTF-8', () => {
    expect(out).toMatchObject({ outcome: 'accepted', priority: '高' });
    expect(rt.remote.outbox.map((r) => new URL(r.url).hostname).sort()).toEqual(['oapi.dingtalk.com', 'open.feishu.cn', 'qyapi.weixin.qq.com']);
    for (const r of rt.remote.outbox) {
      expect(r.method).toBe('POST');
      expect(r.headers['Content-Type']).toBe('application/json; charset=utf-8');
      expect(r.code).toBe(200);
    }
  });

  test('钉钉: markdown, 加签 in the URL as the document computes it, the owner @-mentioned by mobile', () => {
    const [r] = requestsTo(rt, 'oapi.dingtalk.com');
    const url = new URL(r!.url);
    const ts = url.searchParams.get('timestamp')!;
    // A millisecond timestamp of when the request was made (within the hour 钉钉 accepts).
    expect(Math.abs(Number(ts) - r!.at)).toBeLessThan(10_000);
    expect(r!.url).toBe(`${DINGTALK}&timestamp=${ts}&sign=${encodeURIComponent(b64hmac(DING_SECRET, `${ts}\n${DING_SECRET}`))}`);
    const body = JSON.parse(r!.payload) as { msgtype: string; markdown: { title: string; text: string }; at: unknown };
    const mobile = ownerMobile(rt, ticketNo);
    expect(Object.keys(body).sort()).toEqual(['at', 'markdown', 'msgtype']);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe(`高优先级新工单 ${ticketNo}`);
    expect(body.at).toEqual({ atMobiles: [mobile], atUserIds: [], isAtAll: false });
    expect(body.markdown.text).toContain(`@${mobile}`);
    expect(body.markdown.text).toContain(`[打开工单](https://docs.google.com/spreadsheets/d/`);
    expect(body.markdown.text).toContain(`&range=A${ticketRow})`);
    expect(body.markdown.text).toContain('优先级：高');
  });

  test('飞书 (高优先级 only): a post message, 签名校验 in the body with a timestamp in seconds, the owner @ by open_id', () => {
    const [r] = requestsTo(rt, 'open.feishu.cn');
    expect(r!.url).toBe(FEISHU);
    const body = JSON.parse(r!.payload) as { timestamp: string; sign: string; msg_type: string; content: { post: { zh_cn: { title: string; content: { tag: string; user_id?: string; href?: string }[][] } } } };
    expect(Object.keys(body).sort()).toEqual(['content', 'msg_type', 'sign', 'timestamp']);
    expect(body.timestamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(body.timestamp) * 1000 - r!.at)).toBeLessThan(10_000);
    expect(body.sign).toBe(b64hmac(`${body.timestamp}\n${FEISHU_SECRET}`, ''));
    expect(body.msg_type).toBe('post');
    const post = body.content.post.zh_cn;
    expect(post.title).toBe(`高优先级工单 ${ticketNo}`);
    const elements = post.content.flat();
    expect(elements).toContainEqual({ tag: 'at', user_id: ownerOpenId(rt, ticketNo) });
    expect(elements.filter((e) => e.tag === 'a').map((e) => e.href)).toEqual([expect.stringContaining(`&range=A${ticketRow}`)]);
  });

  test('企业微信: no signature (the key is the address); a text message, the only kind that @s a mobile', () => {
    const [r] = requestsTo(rt, 'qyapi.weixin.qq.com');
    expect(r!.url).toBe(WECOM);
    const body = JSON.parse(r!.payload) as { msgtype: string; text: { content: string; mentioned_mobile_list: string[] } };
    expect(body.msgtype).toBe('text');
    expect(body.text.mentioned_mobile_list).toEqual([ownerMobile(rt, ticketNo)]);
    expect(body.text.content.split('\n')[0]).toBe(`高优先级新工单 ${ticketNo}`);
    expect(body.text.content).toContain(`&range=A${ticketRow}`);
  });

  test('what the customer typed becomes no link, mention or markup on any platform', () => {
    for (const r of rt.remote.outbox) {
      expect(r.payload).not.toContain('evil.example.com');
      expect(r.payload).not.toContain('](https://evil');
      expect(r.payload).not.toContain('@all');
      expect(r.payload).not.toContain('<b>');
      expect(r.payload).not.toContain('**粗**');
      // Shown as typed, in full-width twins.
      expect(r.payload).toContain('［点我］');
    }
  });

  test('the queue keeps each row until the hourly job marks it 已发送, its text then gone', () => {
    expect(queue(rt).map((q) => q[OUTBOUND.col.target]).sort()).toEqual(['企微群', '销售群', '飞书群']);
    rt.advanceClockTo(T0 + HOUR + 5 * 60_000);
    expect(queue(rt).map((q) => [q[OUTBOUND.col.state], q[OUTBOUND.col.body]])).toEqual([['已发送', ''], ['已发送', ''], ['已发送', '']]);
    // Nothing was sent again.
    expect(rt.remote.outbox.filter((r) => r.payload.includes(ticketNo))).toHaveLength(3);
  });

  test('the address and secret are in script properties only: in no sheet, and never shown back whole', () => {
    const view = rt.run('robotSettings', [], { user: rt.state.owner });
    expect(view.ok).toBe(true);
    const shown = JSON.stringify(view.value);
    for (const secret of [DING_SECRET, FEISHU_SECRET, 'd1ngd1ngd1ngd1ng0123', '0a1b2c3d-4e5f-6789-abcd-ef0123456789']) {
      expect(shown).not.toContain(secret);
      expect(JSON.stringify(rt.state.spreadsheet)).not.toContain(secret);
    }
    expect(JSON.stringify(rt.state.properties.script)).toContain(DING_SECRET);
    expect(shown).toContain('SEC…89ab');
  });

  test('负责人通知邮件 = 无群机器人时: with a robot sent new tickets, owners get no mail; customers still do', () => {
    setConfigValue(rt.state, '邮件', '负责人通知邮件', '无群机器人时');
    const next = submitOne(rt, person({ mobile: '13900009999', email: 'next@example.com', expected_response: '3个工作日内' }));
    const owner = ticketOwner(rt, String(next.ticket_no));
    const mails = rt.state.mail.sent.filter((m) => m.subject.includes(String(next.ticket_no)));
    expect(mails.map((m) => m.to)).toEqual(['next@example.com']);
    expect(mails.map((m) => m.to)).not.toContain(owner);
    // 中 priority: the 钉钉 robot (新工单) and 企业微信 hear of it, 飞书 (高优先级 only) does not.
    expect(rt.remote.outbox.filter((r) => r.payload.includes(String(next.ticket_no))).map((r) => new URL(r.url).hostname).sort()).toEqual(['oapi.dingtalk.com', 'qyapi.weixin.qq.com']);
  });
});

describe('the hourly job\'s news', () => {
  test('a first-response breach @s the owner, the escalation the 主管, the backlog once past its threshold, the day\'s summary at its hour', () => {
    const rt = dingWorld('首次响应超时、截止超时、升级、待审核积压1、每日汇总18');
    setConfigValue(rt.state, '员工', 'sales-lead@example.com', '孙经理，13900000088');
    setConfigValue(rt.state, '跟进', '主管升级间隔', '1h');
    const ticketNo = String(submitOne(rt, person()).ticket_no);
    const titles = () => requestsTo(rt, 'oapi.dingtalk.com').map((r) => (JSON.parse(r.payload) as { markdown: { title: string } }).markdown.title);
    // Not sent new tickets: nothing yet.
    expect(titles()).toEqual([]);
    for (const i of [1, 2, 3]) expect(submitOne(rt, person({ mobile: `1390000010${i}`, email: `r${i}@example.com`, need_description: '太短' })).outcome).toBe('review');
    expect(titles()).toEqual(['工单待审核积压：2 份']);
    // 高: first response within 4 working hours of 10:00 (lunch 12–13 not counted), so late at 15:00; the 主管 an hour later.
    rt.advanceClockTo(T0 + 8.5 * HOUR);
    expect(titles()).toEqual(['工单待审核积压：2 份', `工单首次响应超时 ${ticketNo}`, `工单升级至主管 ${ticketNo}`, '每日工单汇总 2026-11-23']);
    const [, breach, escalation, daily] = requestsTo(rt, 'oapi.dingtalk.com').map((r) => JSON.parse(r.payload) as { markdown: { text: string }; at: { atMobiles: string[] } });
    expect(breach!.at.atMobiles).toEqual([ownerMobile(rt, ticketNo)]);
    expect(breach!.markdown.text).toContain('提醒：首次响应已超时');
    expect(escalation!.at.atMobiles).toEqual(['13900000088']);
    expect(daily!.markdown.text).toContain('今日新工单 1 张（高优先级 1 张）');
    expect(daily!.markdown.text).toContain('待审核 3 份');
  });
});

describe('raised to 高 by hand', () => {
  test('a robot sent 高 tickets hears of a 中 ticket raised to 高 in the sheet, once, with who raised it', () => {
    const rt = dingWorld('高优先级');
    const ticketNo = String(submitOne(rt, person({ expected_response: '3个工作日内' })).ticket_no);
    expect(rows(rt, TICKETS.name).find((t) => t[TICKETS.col.no] === ticketNo)![TICKETS.col.priority]).toBe('中');
    expect(mentions(rt, ticketNo, 'oapi.dingtalk.com')).toEqual([]);
    const owner = ticketOwner(rt, ticketNo);
    const row = rows(rt, TICKETS.name).findIndex((t) => t[TICKETS.col.no] === ticketNo) + 2;
    const typed = rt.staff.type(TICKETS.name, row, rt.staff.column(TICKETS.name, TICKETS.col.priority), '高', owner);
    expect(typed.ok).toBe(true);
    const sent = mentions(rt, ticketNo, 'oapi.dingtalk.com').map((r) => JSON.parse(r.payload) as { markdown: { title: string; text: string }; at: { atMobiles: string[] } });
    expect(sent.map((b) => b.markdown.title)).toEqual([`高优先级工单 ${ticketNo}`]);
    expect(sent[0]!.markdown.text).toContain('优先级由 中 调为 高');
    expect(sent[0]!.at.atMobiles).toEqual([ownerMobile(rt, ticketNo)]);
    // Typed again (高 to 高) or lowered: nothing more.
    rt.staff.type(TICKETS.name, row, rt.staff.column(TICKETS.name, TICKETS.col.priority), '低', owner);
    expect(mentions(rt, ticketNo, 'oapi.dingtalk.com')).toHaveLength(1);
  });
});

describe('what can go wrong', () => {
  test('a robot outage of an hour loses nothing: the hourly job sends it after the outage, once', () => {
    const rt = dingWorld();
    rt.remote.outage('oapi.dingtalk.com', T0 + HOUR);
    const ticketNo = String(submitOne(rt, person()).ticket_no);
    expect(mentions(rt, ticketNo, 'oapi.dingtalk.com').map((r) => r.code)).toEqual([503]);
    rt.advanceClockTo(T0 + 3 * HOUR);
    const tries = mentions(rt, ticketNo, 'oapi.dingtalk.com');
    // Retried with backoff (1, 2, 4, 8 minutes, then hourly), never more than a handful of times.
    expect(tries.filter((r) => r.code === 200)).toHaveLength(1);
    expect(tries.length).toBeLessThanOrEqual(8);
    expect(tries.slice(0, -1).every((r) => r.code === 503 && r.at < T0 + HOUR)).toBe(true);
    expect(tries[tries.length - 1]!.at).toBeGreaterThanOrEqual(T0 + HOUR);
    // Still signed freshly when it finally went: 钉钉 refuses a timestamp an hour old.
    const ts = Number(new URL(tries[tries.length - 1]!.url).searchParams.get('timestamp'));
    expect(Math.abs(ts - tries[tries.length - 1]!.at)).toBeLessThan(10_000);
    expect(queue(rt).map((q) => q[OUTBOUND.col.state])).toEqual(['已发送']);
  });

  test('failing for hours (here: no answer at all, as when the owner has not granted the fetch scope): the admin hears once, nothing is lost', () => {
    const rt = dingWorld();
    rt.remote.outage('oapi.dingtalk.com', T0 + 6 * HOUR, { fault: 'dns' });
    const ticketNo = String(submitOne(rt, person()).ticket_no);
    rt.advanceClockTo(T0 + 5 * HOUR);
    const told = () => rt.state.mail.sent.filter((m) => m.to === rt.state.owner && m.subject.includes('持续发不出消息'));
    expect(told()).toHaveLength(1);
    expect(told()[0]!.body).toContain('1 条保留在 通知队列 中');
    expect(told()[0]!.body).toContain('扩展程序 › Apps 脚本');
    rt.advanceClockTo(T0 + 9 * HOUR);
    expect(told()).toHaveLength(1);
    expect(mentions(rt, ticketNo, 'oapi.dingtalk.com').filter((r) => r.code === 200)).toHaveLength(1);
    expect(queue(rt).map((q) => q[OUTBOUND.col.state])).toEqual(['已发送']);
  });

  test('a refusal (bad signature) tells the admin once; the messages wait, and go once the owner resumes', () => {
    const rt = dingWorld();
    rt.remote.answer('oapi.dingtalk.com', { code: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    const first = String(submitOne(rt, person()).ticket_no);
    const second = String(submitOne(rt, person({ mobile: '13900000002', email: 'b@example.com' })).ticket_no);
    rt.advanceClockTo(T0 + 2 * HOUR + 60_000);
    const told = () => rt.state.mail.sent.filter((m) => m.to === rt.state.owner && m.subject.includes('销售群'));
    expect(told()).toHaveLength(1);
    expect(told()[0]!.body).toContain('310000 sign not match');
    // Refused once: nothing more went to it, and both wait.
    expect(requestsTo(rt, 'oapi.dingtalk.com')).toHaveLength(1);
    expect(queue(rt).map((q) => q[OUTBOUND.col.state])).toEqual(['待发送', '待发送']);
    const before = rt.run('robotSettings', [], { user: rt.state.owner }).value as { robots: { status: string; waiting: number; detail: string }[] };
    expect(before.robots[0]).toMatchObject({ status: 'refused', waiting: 2 });
    // Fixed in the group; the owner presses 恢复发送.
    rt.remote.answer('oapi.dingtalk.com', OK_DING);
    const resumed = rt.run('robotSettingsAction', ['销售群', 'resume'], { user: rt.state.owner });
    expect(resumed.ok).toBe(true);
    rt.advanceClockTo(T0 + 4 * HOUR);
    const later = requestsTo(rt, 'oapi.dingtalk.com').filter((r) => r.at > T0 + 2 * HOUR);
    for (const no of [first, second]) expect(later.filter((r) => r.payload.includes(no) && r.code === 200)).toHaveLength(1);
    expect(queue(rt).map((q) => q[OUTBOUND.col.state])).toEqual(['已发送', '已发送']);
    expect(told()).toHaveLength(1);
  });

  test('21 tickets at once: one message lists them all, within 钉钉\'s 20 a minute', () => {
    const rt = dingWorld();
    setConfigValue(rt.state, '接口', '令牌', 'robots-test-token-0123456789');
    // 钉钉 as documented: more than 20 in a minute is answered 130101.
    rt.remote.on('oapi.dingtalk.com', (req) => {
      const recent = rt.remote.outbox.filter((r) => r.url.startsWith('https://oapi.dingtalk.com/') && r.at > req.at - 60_000 && r.at <= req.at);
      return recent.length > 20 ? { code: 200, body: '{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}' } : OK_DING;
    });
    const out = submit(rt, Array.from({ length: 21 }, (_, i) => person({ name: `客户${i + 1}`, mobile: `139000001${String(i).padStart(2, '0')}`, email: `c${i}@example.com` })), 'webhook');
    const tickets = out.map((o) => String(o.ticket_no));
    expect(new Set(tickets).size).toBe(21);
    const sent = requestsTo(rt, 'oapi.dingtalk.com');
    expect(sent.length).toBeLessThanOrEqual(20);
    for (const no of tickets) expect(sent.filter((r) => r.payload.includes(no))).toHaveLength(1);
    const body = JSON.parse(sent[0]!.payload) as { markdown: { title: string; text: string } };
    expect(body.markdown.title).toBe('工单通知 21 条');
    expect(body.markdown.text).not.toContain('已截断');
  });

  test('no sealed value in any request: an ID number and an address entered by hand stay in their sealed columns', () => {
    const rt = dingWorld();
    const address = '北京市朝阳区建国路88号现代城5号楼1203室';
    const idNumber = '11010519491231002X';
    const [filed] = submit(rt, person({ address, id_number: idNumber }), 'manual');
    expect(filed!.outcome).toBe('accepted');
    const sent = mentions(rt, String(filed!.ticket_no), 'oapi.dingtalk.com');
    expect(sent).toHaveLength(1);
    const everything = JSON.stringify([rt.remote.outbox, queue(rt)]);
    for (const needle of [address, '建国路88号', idNumber, idNumber.slice(3, 14), 'enc:v2:', '13800138000', 'xiaoming@example.com']) expect(everything).not.toContain(needle);
  });

  test('a customer\'s data deleted at their request: what waits for a robot about them is purged, never sent', () => {
    const rt = dingWorld();
    rt.remote.outage('oapi.dingtalk.com', T0 + 2 * HOUR);
    const filed = submitOne(rt, person());
    const customerNo = String(filed.customer_no);
    expect(queue(rt).map((q) => q[OUTBOUND.col.state])).toEqual(['待发送']);
    const erased = rt.run('erasePersonalData', [customerNo, customerNo, '客户来电要求删除'], { user: 'sales-lead@example.com' });
    expect(erased.ok).toBe(true);
    expect(queue(rt).map((q) => [q[OUTBOUND.col.state], q[OUTBOUND.col.body]])).toEqual([['已清除', '']]);
    rt.advanceClockTo(T0 + 3 * HOUR);
    expect(requestsTo(rt, 'oapi.dingtalk.com').filter((r) => r.code === 200)).toHaveLength(0);
  });

  test('without the external_request scope in the manifest UrlFetchApp is refused: nothing leaves, nothing is lost', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'dist', 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/script.external_request');
    const rt = dingWorld();
    rt.setManifest({ ...manifest, oauthScopes: manifest.oauthScopes.filter((s) => !s.endsWith('script.external_request')) });
    const ticketNo = String(submitOne(rt, person()).ticket_no);
    expect(rt.remote.outbox).toHaveLength(0);
    expect(queue(rt).map((q) => [q[OUTBOUND.col.state], String(q[OUTBOUND.col.result])])).toEqual([['待发送', expect.stringContaining('script.external_request')]]);
    rt.setManifest(manifest);
    rt.advanceClockTo(T0 + 2 * HOUR);
    expect(mentions(rt, ticketNo, 'oapi.dingtalk.com').map((r) => r.code)).toEqual([200]);
  });

  describe('a fault at one of the queue\'s calls: the message goes once, whatever failed', () => {
    // Before the fetch (#1: taking the row) and after an accepted one (#2: recording and settling its outcome).
    const points: [string, number][] = [
      ['UrlFetchApp.fetch', 1], ['Properties.setProperty', 1], ['Properties.getProperties', 1], ['Range.getValues', 1],
      ['Range.setValues', 1], ['Range.setValues', 2], ['Properties.setProperties', 1], ['Properties.setProperties', 2],
      ['Lock.tryLock', 1], ['Lock.tryLock', 2],
    ];
    test.each(points)('%s #%i fails during the retry', (method, nth) => {
      const rt = dingWorld();
      // The first try fails (503): the retry is the hourly job's and its continuations'.
      rt.remote.failNext('oapi.dingtalk.com', 1);
      const ticketNo = String(submitOne(rt, person()).ticket_no);
      rt.faults.failCall(method, nth);
      rt.advanceClockTo(T0 + 20 * 60_000);
      rt.faults.clear();
      rt.advanceClockTo(T0 + 3 * HOUR);
      expect(mentions(rt, ticketNo, 'oapi.dingtalk.com').filter((r) => r.code === 200)).toHaveLength(1);
      expect(queue(rt).map((q) => q[OUTBOUND.col.state])).toEqual(['已发送']);
    });
  });
});

describe('配置 and the dialog', () => {
  test('a 通知 row and a 员工 mobile are checked as typed: a bad one is noted on its cell, a good one not', () => {
    const rt = world();
    const row = addConfigRow(rt, '通知', '销售群', '钉钉：新工单');
    const type = (r: number, value: string) => {
      const res = rt.staff.type(CONFIG.name, r, 3, value, rt.state.owner);
      expect(res.ok).toBe(true);
    };
    const note = (r: number) => getCellProp(findSheet(rt.state, CONFIG.name)!, r, 3, 'note') ?? '';
    type(row, '微信：新工单');
    expect(note(row)).toContain('“微信”不是可用的平台');
    type(row, '钉钉：新工单、每周汇总');
    expect(note(row)).toContain('“每周汇总”无法识别');
    type(row, '钉钉：新工单、待审核积压5、每日汇总9');
    expect(note(row)).toBe('');
    const staff = rows(rt, CONFIG.name).findIndex((r) => r[CONFIG.col.group] === '员工' && r[CONFIG.col.key] === 'sales1@example.com') + 2;
    type(staff, '张伟，1380000');
    expect(note(staff)).toContain('“1380000”无法识别');
    type(staff, '张伟，13800000001，钉钉:zhangwei');
    expect(note(staff)).toBe('');
  });

  test('only the owner stores an address, and only the platform\'s own', () => {
    const rt = world();
    addConfigRow(rt, '通知', '销售群', '钉钉：新工单');
    const colleague = saveRobot(rt, '销售群', DINGTALK, DING_SECRET, 'sales1@example.com');
    expect(colleague.ok).toBe(false);
    expect(colleague.error).toContain(rt.state.owner);
    expect(saveRobot(rt, '销售群', 'https://evil.example.com/robot/send?access_token=d1ngd1ngd1ngd1ng0123').error).toContain('不是 企业微信、钉钉 或 飞书');
    expect(saveRobot(rt, '销售群', FEISHU).error).toContain('这个机器人是钉钉，这个网址却是飞书的');
    expect(saveRobot(rt, '销售群', DINGTALK, 'not-a-secret').error).toContain('以 SEC 开头');
    expect(JSON.stringify(rt.state.properties.script)).not.toContain('d1ngd1ng');
    expect(saveRobot(rt, '销售群', DINGTALK, DING_SECRET).ok).toBe(true);
    expect(rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === '群机器人设置变更').map((h) => h[HISTORY.col.note])).toEqual(['群机器人“销售群”：更新了网址、密钥']);
  });
});
