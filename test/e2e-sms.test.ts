/**
 * SMS to customers end to end, on the shipped bundle: a customer with a
 * mobile and no email gets the acknowledgement, each progress step and the
 * survey by SMS — the request in the outbox exactly the provider's SendSms,
 * its TC3 / ACS3 signature recomputed here with node:crypto — 历史 says
 * what went where (the number masked), one SMS per event whatever replays,
 * the day's cap reached is said and told once, an outage loses nothing, a
 * refusal reaches the admin once, and nothing the customer typed is sent.
 */
import { createHash, createHmac } from 'node:crypto';
import { HISTORY, OUTBOUND, SELF_CHECK, SHEET, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import type { HttpRequestRecord } from '../local/runtime/state';
import { setConfigValue } from '../local/drive/config-view';
import { T0, nestAt, person, rows, setStatus, submitOne, ticketOwner, world } from './helpers/world';

const HOUR = 3_600_000;
// 腾讯云's documented example key pair (https://cloud.tencent.com/document/api/382/52072).
const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const ALI_ID = 'LTAI5tExampleAccessKey0';
const ALI_SECRET = 'ExampleAccessKeySecret00000000';
const TENCENT_HOST = 'sms.tencentcloudapi.com';
const ALIYUN_HOST = 'dysmsapi.aliyuncs.com';
const sendStatus = (code: string, phone = '+8613800138000') => ({
  code: 200,
  body: JSON.stringify({ Response: { SendStatusSet: [{ SerialNo: '2028:1', PhoneNumber: phone, Fee: 1, SessionContext: '', Code: code, Message: code === 'Ok' ? 'send success' : 'refused', IsoCode: 'CN' }], RequestId: 'a0aabda6-cf91-4f3e-a2b8-0a1b2c3d4e5f' } }),
});
const OK_TENCENT = sendStatus('Ok');
const OK_ALIYUN = { code: 200, body: '{"Message":"OK","RequestId":"F655A8D5-B967-440B-8683-DAD6FF8DE990","Code":"OK","BizId":"900619746936498440^0"}' };

/** 配置 › 短信 for 腾讯云 (or 阿里云), its key pair stored as the owner's dialog stores it. */
function smsWorld(provider: '腾讯云' | '阿里云' = '腾讯云', opts: { cap?: number; mode?: string } = {}): Runtime {
  const rt = world();
  setConfigValue(rt.state, '短信', '服务商', provider);
  setConfigValue(rt.state, '短信', '签名', '示例科技');
  if (provider === '腾讯云') setConfigValue(rt.state, '短信', '应用ID', '1400006666');
  setConfigValue(rt.state, '短信', '受理模板', provider === '腾讯云' ? '1110' : 'SMS_154950909');
  setConfigValue(rt.state, '短信', '进度模板', provider === '腾讯云' ? '1111' : 'SMS_154950910');
  setConfigValue(rt.state, '短信', '调查模板', provider === '腾讯云' ? '1112' : 'SMS_154950911');
  if (opts.cap !== undefined) setConfigValue(rt.state, '短信', '每日上限', String(opts.cap));
  if (opts.mode) setConfigValue(rt.state, '短信', '发送对象', opts.mode);
  rt.state.properties.script.SMS_SECRET = JSON.stringify(provider === '腾讯云'
    ? { provider: 'tencent', id: SECRET_ID, secret: SECRET_KEY }
    : { provider: 'aliyun', id: ALI_ID, secret: ALI_SECRET });
  rt.remote.answer(TENCENT_HOST, OK_TENCENT);
  rt.remote.answer(ALIYUN_HOST, OK_ALIYUN);
  return rt;
}

const smsTo = (rt: Runtime, host = TENCENT_HOST): HttpRequestRecord[] => rt.remote.outbox.filter((r) => new URL(r.url).hostname === host);
const tencentBody = (r: HttpRequestRecord) => JSON.parse(r.payload) as { PhoneNumberSet: string[]; SmsSdkAppId: string; SignName: string; TemplateId: string; TemplateParamSet: string[] };
const historyOf = (rt: Runtime, ticketNo: string) => rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.ticketNo] === ticketNo);
const smsHistory = (rt: Runtime, ticketNo: string) => historyOf(rt, ticketNo).filter((h) => String(h[HISTORY.col.action]).startsWith('短信')).map((h) => [h[HISTORY.col.action], h[HISTORY.col.newValue]]);
const noEmail = (overrides: Record<string, string> = {}) => person({ email: '', ...overrides });

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** TC3-HMAC-SHA256 as 腾讯云's signature v3 document computes it, from the request as it was sent. */
function tc3Authorization(r: HttpRequestRecord): string {
  const ts = Number(r.headers['X-TC-Timestamp']);
  const date = new Date(ts * 1000).toISOString().slice(0, 10);
  const canonical = ['POST', '/', '', `content-type:${r.headers['Content-Type']!.toLowerCase()}`, `host:${TENCENT_HOST}`, 'x-tc-action:sendsms', '', 'content-type;host;x-tc-action', sha256(r.payload)].join('\n');
  const toSign = ['TC3-HMAC-SHA256', String(ts), `${date}/sms/tc3_request`, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${SECRET_KEY}`, date), 'sms'), 'tc3_request');
  return `TC3-HMAC-SHA256 Credential=${SECRET_ID}/${date}/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${createHmac('sha256', key).update(toSign, 'utf8').digest('hex')}`;
}

describe('腾讯云: a customer with a mobile and no email', () => {
  const rt = smsWorld();
  const out = submitOne(rt, noEmail({ name: '赵<b>六</b>', need_description: '想了解 www.example.com 上的报价，身份证 110101199003074258 的客户' }));
  const ticketNo = String(out.ticket_no);

  test('gets the acknowledgement by SMS: one SendSms, the ticket number its only parameter', () => {
    expect(out.outcome).toBe('accepted');
    const sent = smsTo(rt);
    expect(sent).toHaveLength(1);
    const [r] = sent;
    expect(r!.url).toBe(`https://${TENCENT_HOST}/`);
    expect(r!.method).toBe('POST');
    expect(r!.code).toBe(200);
    expect(r!.headers).toMatchObject({ 'Content-Type': 'application/json; charset=utf-8', 'X-TC-Action': 'SendSms', 'X-TC-Version': '2021-01-11', 'X-TC-Region': 'ap-guangzhou' });
    expect(tencentBody(r!)).toEqual({ PhoneNumberSet: ['+8613800138000'], SmsSdkAppId: '1400006666', SignName: '示例科技', TemplateId: '1110', TemplateParamSet: [ticketNo] });
  });

  test('signed with TC3-HMAC-SHA256 exactly as the document computes it, at the time it went', () => {
    const [r] = smsTo(rt);
    expect(Math.abs(Number(r!.headers['X-TC-Timestamp']) * 1000 - r!.at)).toBeLessThan(10_000);
    expect(r!.headers.Authorization).toBe(tc3Authorization(r!));
  });

  test('nothing the customer typed leaves: not the name, the description, a link or an ID number', () => {
    const all = JSON.stringify(rt.remote.outbox);
    for (const typed of ['赵', 'www.example.com', '110101199003074258', '报价']) expect(all).not.toContain(typed);
  });

  test('历史 says it was queued and sent, the number masked; 通知队列 keeps no copy once sent', () => {
    expect(smsHistory(rt, ticketNo)).toEqual([['短信已排队', '受理'], ['短信已发送', '受理']]);
    const notes = historyOf(rt, ticketNo).map((h) => String(h[HISTORY.col.note])).join('\n');
    expect(notes).toContain('138****8000');
    expect(notes).not.toContain('13800138000');
    expect(rows(rt, OUTBOUND.name).map((q) => [q[OUTBOUND.col.kind], q[OUTBOUND.col.event], q[OUTBOUND.col.state], q[OUTBOUND.col.body]])).toEqual([['短信', '受理', '已发送', '']]);
  });

  test('each progress step once: 已联系客户, 方案已提交, and 已联系客户 again sends nothing more', () => {
    const owner = ticketOwner(rt, ticketNo);
    setStatus(rt, ticketNo, '已联系客户', owner);
    setStatus(rt, ticketNo, '方案已提交', owner);
    setStatus(rt, ticketNo, '已联系客户', owner);
    expect(smsTo(rt).slice(1).map((r) => [tencentBody(r).TemplateId, tencentBody(r).TemplateParamSet])).toEqual([
      ['1111', [ticketNo, '已联系客户']],
      ['1111', [ticketNo, '方案已提交']],
    ]);
  });

  test('问题已解决 with the survey on: the survey template, the ticket number only', () => {
    setStatus(rt, ticketNo, '问题已解决', ticketOwner(rt, ticketNo));
    const last = smsTo(rt).at(-1)!;
    expect([tencentBody(last).TemplateId, tencentBody(last).TemplateParamSet]).toEqual(['1112', [ticketNo]]);
    expect(smsHistory(rt, ticketNo).filter(([a]) => a === '短信已发送').map(([, v]) => v)).toEqual(['受理', '进度：已联系客户', '进度：方案已提交', '满意度调查']);
  });

  test('a customer with an email gets mail only (发送对象 仅无邮箱时)', () => {
    const before = smsTo(rt).length;
    const withMail = submitOne(rt, person({ mobile: '13900001111', email: 'm@example.com' }));
    expect(withMail.outcome).toBe('accepted');
    expect(smsTo(rt)).toHaveLength(before);
    expect(rt.state.mail.sent.some((m) => m.to === 'm@example.com')).toBe(true);
  });
});

describe('配置 decides', () => {
  test('邮件之外也发: a customer with an email gets both', () => {
    const rt = smsWorld('腾讯云', { mode: '邮件之外也发' });
    const ticketNo = String(submitOne(rt, person()).ticket_no);
    expect(smsTo(rt).map((r) => tencentBody(r).TemplateParamSet)).toEqual([[ticketNo]]);
    expect(rt.state.mail.sent.some((m) => m.to === 'xiaoming@example.com' && m.subject.includes(ticketNo))).toBe(true);
  });

  test('服务商 无 (the default): no SMS and no request, whatever is stored', () => {
    const rt = smsWorld();
    setConfigValue(rt.state, '短信', '服务商', '无');
    submitOne(rt, noEmail());
    expect(rt.remote.outbox).toEqual([]);
    expect(rows(rt, HISTORY.name).some((h) => String(h[HISTORY.col.action]).startsWith('短信'))).toBe(false);
  });
});

describe('阿里云', () => {
  test('SendSms as an RPC POST signed ACS3-HMAC-SHA256, the template variables by name', () => {
    const rt = smsWorld('阿里云');
    const ticketNo = String(submitOne(rt, noEmail()).ticket_no);
    const [r] = smsTo(rt, ALIYUN_HOST);
    expect(smsTo(rt, ALIYUN_HOST)).toHaveLength(1);
    const url = new URL(r!.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({ PhoneNumbers: '13800138000', SignName: '示例科技', TemplateCode: 'SMS_154950909', TemplateParam: JSON.stringify({ ticket: ticketNo }) });
    expect(r!.headers).toMatchObject({ 'x-acs-action': 'SendSms', 'x-acs-version': '2017-05-25' });
    // The canonical request as the V3 document builds it, from what was sent.
    const h = r!.headers;
    const signedNames = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
    const value = (k: string) => (k === 'host' ? ALIYUN_HOST : h[k]!);
    const canonical = ['POST', '/', url.search.slice(1), ...signedNames.map((k) => `${k}:${value(k)}`), '', signedNames.join(';'), sha256('')].join('\n');
    const signature = createHmac('sha256', ALI_SECRET).update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`, 'utf8').digest('hex');
    expect(h.Authorization).toBe(`ACS3-HMAC-SHA256 Credential=${ALI_ID},SignedHeaders=${signedNames.join(';')},Signature=${signature}`);
    expect(smsHistory(rt, ticketNo)).toEqual([['短信已排队', '受理'], ['短信已发送', '受理']]);
  });
});

describe('what can go wrong', () => {
  test('the day\'s cap reached: the next SMS is not sent, 历史 says so, the admin hears once that day; the next day sends again', () => {
    const rt = smsWorld('腾讯云', { cap: 2 });
    const nos = [1, 2, 3, 4].map((i) => String(submitOne(rt, noEmail({ mobile: `1390000020${i}` })).ticket_no));
    expect(smsTo(rt).map((r) => tencentBody(r).TemplateParamSet[0])).toEqual(nos.slice(0, 2));
    for (const no of nos.slice(2)) expect(smsHistory(rt, no)).toEqual([['短信未发送', '受理']]);
    const told = rt.state.mail.sent.filter((m) => m.to === rt.state.owner && m.subject.includes('每日上限'));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('历史');
    // Nothing waits silently for tomorrow.
    expect(rows(rt, OUTBOUND.name).filter((q) => q[OUTBOUND.col.state] !== '已发送')).toEqual([]);
    rt.advanceClockTo(T0 + 24 * HOUR);
    rt.remote.answer(TENCENT_HOST, sendStatus('LimitExceeded.PhoneNumberDailyLimit', '+8613900000300'));
    const tomorrow = String(submitOne(rt, noEmail({ mobile: '13900000300' })).ticket_no);
    expect(smsTo(rt).map((r) => tencentBody(r).TemplateParamSet[0])).toContain(tomorrow);
    // The weekly report counts what SMS cost and what did not go.
    const report = rt.run('reportNow', ['weekly'], { user: rt.state.owner });
    expect(report.ok).toBe(true);
    const mail = rt.state.mail.sent.filter((m) => m.subject.includes('周报')).at(-1)!;
    expect(mail.body).toContain('本期发送短信 3 条，其中服务商拒收 1 条；因每日上限未发送 2 条。');
  });

  test('an outage of an hour loses no SMS and sends none twice', () => {
    const rt = smsWorld();
    rt.remote.outage(TENCENT_HOST, T0 + HOUR);
    const ticketNo = String(submitOne(rt, noEmail()).ticket_no);
    expect(smsTo(rt).map((r) => r.code)).toEqual([503]);
    expect(smsHistory(rt, ticketNo)).toEqual([['短信已排队', '受理']]);
    rt.advanceClockTo(T0 + 3 * HOUR);
    expect(smsTo(rt).filter((r) => r.code === 200)).toHaveLength(1);
    expect(smsHistory(rt, ticketNo)).toEqual([['短信已排队', '受理'], ['短信已发送', '受理']]);
    expect(rows(rt, OUTBOUND.name).map((q) => q[OUTBOUND.col.state])).toEqual(['已发送']);
  });

  test('the lock busy when the provider has answered: 短信已发送 is written by the next run from the record, the SMS not sent again', () => {
    const rt = smsWorld();
    // A colleague's long execution holds the lock from the moment the SMS request goes.
    nestAt(rt, 'UrlFetchApp.fetch', 1, () => {
      rt.faults.lockTimeout = true;
    });
    const ticketNo = String(submitOne(rt, noEmail()).ticket_no);
    rt.faults.lockTimeout = false;
    expect(smsTo(rt)).toHaveLength(1);
    expect(smsHistory(rt, ticketNo)).toEqual([['短信已排队', '受理']]);
    expect(rows(rt, OUTBOUND.name).map((q) => q[OUTBOUND.col.state])).toEqual(['发送中']);
    rt.advanceClockTo(T0 + 15 * 60_000);
    expect(smsHistory(rt, ticketNo)).toEqual([['短信已排队', '受理'], ['短信已发送', '受理']]);
    expect(rows(rt, OUTBOUND.name).map((q) => q[OUTBOUND.col.state])).toEqual(['已发送']);
    expect(smsTo(rt)).toHaveLength(1);
  });

  test('a refused key pair: the admin is told once, SMS wait (nothing lost), and go once fixed', () => {
    const rt = smsWorld();
    rt.remote.answer(TENCENT_HOST, { code: 200, body: '{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"The SecretId is not found"},"RequestId":"x"}}' });
    const first = String(submitOne(rt, noEmail()).ticket_no);
    const second = String(submitOne(rt, noEmail({ mobile: '13900000401' })).ticket_no);
    expect(smsTo(rt)).toHaveLength(1);
    const told = rt.state.mail.sent.filter((m) => m.to === rt.state.owner && m.body.includes('AuthFailure.SecretIdNotFound'));
    expect(told).toHaveLength(1);
    expect(rows(rt, OUTBOUND.name).map((q) => q[OUTBOUND.col.state])).toEqual(['待发送', '待发送']);
    rt.advanceClockTo(T0 + 2 * HOUR);
    // Nothing more is tried until the owner acts.
    expect(smsTo(rt)).toHaveLength(1);
    rt.remote.answer(TENCENT_HOST, OK_TENCENT);
    rt.state.properties.script.SMS_SECRET = JSON.stringify({ provider: 'tencent', id: SECRET_ID, secret: SECRET_KEY });
    const resumed = rt.run('smsSettingsAction', ['tencent', 'resume'], { user: rt.state.owner });
    expect(resumed.ok).toBe(true);
    expect(smsTo(rt).slice(1).map((r) => tencentBody(r).TemplateParamSet[0]).sort()).toEqual([first, second].sort());
  });

  test('a number the provider refuses (its own daily limit): 未送达 for it alone, the next customer\'s SMS still goes', () => {
    const rt = smsWorld();
    rt.remote.answer(TENCENT_HOST, sendStatus('LimitExceeded.PhoneNumberDailyLimit'));
    const refused = String(submitOne(rt, noEmail()).ticket_no);
    expect(smsHistory(rt, refused)).toEqual([['短信已排队', '受理'], ['短信未送达', '受理']]);
    expect(historyOf(rt, refused).map((h) => String(h[HISTORY.col.note])).join()).toContain('LimitExceeded.PhoneNumberDailyLimit');
    rt.remote.answer(TENCENT_HOST, sendStatus('Ok', '+8613900000501'));
    const next = String(submitOne(rt, noEmail({ mobile: '13900000501' })).ticket_no);
    expect(smsHistory(rt, next)).toEqual([['短信已排队', '受理'], ['短信已发送', '受理']]);
    rt.advanceClockTo(T0 + 2 * HOUR);
    // The refused one is not retried.
    expect(smsTo(rt)).toHaveLength(2);
    expect(rows(rt, OUTBOUND.name).map((q) => q[OUTBOUND.col.state])).toEqual(['未送达', '已发送']);
  });

  test('no key pair stored: SMS wait in 通知队列 and the admin is told once what to do', () => {
    const rt = smsWorld();
    delete rt.state.properties.script.SMS_SECRET;
    const ticketNo = String(submitOne(rt, noEmail()).ticket_no);
    submitOne(rt, noEmail({ mobile: '13900000601' }));
    expect(rt.remote.outbox).toEqual([]);
    expect(smsHistory(rt, ticketNo)).toEqual([['短信已排队', '受理']]);
    expect(rt.state.mail.sent.filter((m) => m.to === rt.state.owner && m.subject.includes('短信无法发送'))).toHaveLength(1);
  });
});

describe('switched off while SMS wait', () => {
  test('服务商 set to 无 during an outage: what waits is not dropped silently, the admin hears once', () => {
    const rt = smsWorld();
    rt.remote.outage(TENCENT_HOST, T0 + HOUR);
    submitOne(rt, noEmail());
    setConfigValue(rt.state, '短信', '服务商', '无');
    rt.advanceClockTo(T0 + 3 * HOUR);
    expect(smsTo(rt).every((r) => r.code === 503)).toBe(true);
    expect(rows(rt, OUTBOUND.name).map((q) => q[OUTBOUND.col.state])).toEqual(['待发送']);
    expect(rt.state.mail.sent.filter((m) => m.to === rt.state.owner && m.subject.includes('短信无法发送'))).toHaveLength(1);
  });
});

describe('个人信息请求', () => {
  test('the export lists the customer\'s SMS (the number and values of one still waiting); erasure purges what waits', () => {
    const rt = smsWorld();
    const first = submitOne(rt, noEmail());
    rt.remote.outage(TENCENT_HOST, T0 + HOUR);
    const owner = ticketOwner(rt, String(first.ticket_no));
    setStatus(rt, String(first.ticket_no), '已联系客户', owner);
    const customerNo = String(rows(rt, TICKETS.name).find((t) => t[TICKETS.col.no] === first.ticket_no)![TICKETS.col.customerNo]);
    const out = rt.run('exportPersonalData', [customerNo], { user: rt.state.owner });
    expect(out.ok).toBe(true);
    const section = (out.value as { sections: { title: string; rows: string[][] }[] }).sections.find((x) => x.title.startsWith('发给客户的短信'))!;
    expect(section.rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      ['受理', '', '已发送'],
      ['进度：已联系客户', `13800138000：${String(first.ticket_no)} 已联系客户`, '待发送'],
    ]);
    const erased = rt.run('erasePersonalData', [customerNo, customerNo, '客户要求删除'], { user: rt.state.owner });
    expect(erased.ok).toBe(true);
    expect(rows(rt, OUTBOUND.name).map((q) => [q[OUTBOUND.col.state], q[OUTBOUND.col.body]])).toEqual([['已发送', ''], ['已清除', '']]);
    rt.advanceClockTo(T0 + 3 * HOUR);
    expect(smsTo(rt).filter((r) => r.code === 200)).toHaveLength(1);
  });
});

describe('自检', () => {
  const selfCheckRow = (rt: Runtime) => {
    const run = rt.run('runSelfCheck', [], { user: rt.state.owner });
    expect(run.ok).toBe(true);
    return rows(rt, SHEET.selfCheck).find((r) => r[SELF_CHECK.col.check] === '短信');
  };

  test('a 短信 row only when a provider is set; what is missing said, and that no SMS is sent to check', () => {
    const off = world();
    expect(selfCheckRow(off)).toBeUndefined();
    const rt = smsWorld();
    expect(selfCheckRow(rt)).toMatchObject({ [SELF_CHECK.col.result]: '通过' });
    expect(String(selfCheckRow(rt)![SELF_CHECK.col.detail])).toContain('签名 示例科技');
    expect(String(selfCheckRow(rt)![SELF_CHECK.col.fix])).toContain('自检不发送短信');
    expect(rt.remote.outbox).toEqual([]);
    delete rt.state.properties.script.SMS_SECRET;
    setConfigValue(rt.state, '短信', '应用ID', '');
    const broken = selfCheckRow(rt)!;
    expect(broken[SELF_CHECK.col.result]).toBe('未通过');
    expect(String(broken[SELF_CHECK.col.detail])).toContain('还没有填写短信服务商的密钥');
    expect(String(broken[SELF_CHECK.col.detail])).toContain('应用ID（腾讯云必填');
  });
});
