/**
 * The SendSms requests as they leave: the fields each provider's SendSms page
 * names, a signature over exactly what is sent (recomputed here by an
 * independent TC3 / ACS3 written against the documents with Node's crypto),
 * and the parameter rules the providers document refused before anything is
 * signed.
 */
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  aliyunSendSms,
  asciiJson,
  mainlandMobile,
  tencentSendSms,
  type SmsBuild,
  type SmsHttpRequest,
} from '../src/domain/sms-requests';
import { nodePrimitives as p } from './helpers/node-signing';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

const TENCENT_ACCOUNT = { secretId: 'AKIDtest', secretKey: 'tencent-secret', region: 'ap-guangzhou', smsSdkAppId: '1400006666', signName: '腾讯云' };
const NOTIFY = { templateId: '1110', kind: 'notification' as const, enterpriseVerified: true };
const ALIYUN_ACCOUNT = { accessKeyId: 'LTAItest', accessKeySecret: 'aliyun-secret', signName: '阿里云短信测试' };
const ALI_NOTIFY = { templateCode: 'SMS_15305000', kind: 'notification' as const };
const T = Date.UTC(2026, 10, 23, 2, 0, 5); // 2026-11-23 10:00:05 in Beijing

function built(b: SmsBuild): { request: SmsHttpRequest; phones: string[] } {
  if (!b.ok) throw new Error(`expected a request, got ${JSON.stringify(b.problems)}`);
  return b;
}

describe('腾讯云 SendSms (2021-01-11)', () => {
  const b = built(tencentSendSms(TENCENT_ACCOUNT, NOTIFY, ['138 0013 8000', '+8613900139000'], ['T20261123001', '处理中'], { timestampSec: T / 1000, primitives: p }));

  test('posts the documented body to sms.tencentcloudapi.com with the X-TC-* headers', () => {
    expect(b.request.url).toBe('https://sms.tencentcloudapi.com/');
    expect(b.request.method).toBe('post');
    expect(b.request.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(b.request.payload)).toEqual({
      PhoneNumberSet: ['+8613800138000', '+8613900139000'],
      SmsSdkAppId: '1400006666',
      SignName: '腾讯云',
      TemplateId: '1110',
      TemplateParamSet: ['T20261123001', '处理中'],
    });
    expect(b.request.headers).toMatchObject({ 'X-TC-Action': 'SendSms', 'X-TC-Version': '2021-01-11', 'X-TC-Region': 'ap-guangzhou', 'X-TC-Timestamp': String(T / 1000) });
  });

  test('the body is ASCII: Chinese goes as \\u escapes, so the hashed bytes are the sent bytes', () => {
    expect(b.request.payload).toMatch(/^[\x20-\x7e]*$/);
    expect(b.request.payload).toContain('\\u5904\\u7406\\u4e2d'); // 处理中
  });

  test('the Authorization is TC3 over exactly the body, host and action sent (an independent TC3)', () => {
    const ts = b.request.headers['X-TC-Timestamp']!;
    const date = new Date(Number(ts) * 1000).toISOString().slice(0, 10);
    const host = new URL(b.request.url).host;
    const canonical = `POST\n/\n\ncontent-type:${b.request.contentType}\nhost:${host}\nx-tc-action:sendsms\n\ncontent-type;host;x-tc-action\n${sha(b.request.payload)}`;
    const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/sms/tc3_request\n${sha(canonical)}`;
    const key = hmac(hmac(hmac(`TC3${TENCENT_ACCOUNT.secretKey}`, date), 'sms'), 'tc3_request');
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    expect(b.request.headers.Authorization).toBe(
      `TC3-HMAC-SHA256 Credential=AKIDtest/${date}/sms/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${signature}`,
    );
  });

  test('a 个人认证 account\'s parameters are held to 12 characters; a 企业认证 one\'s are not', () => {
    const long = '这是一段恰好十三个字的状态说明';
    expect(Array.from(long).length).toBeGreaterThan(12);
    const personal = tencentSendSms(TENCENT_ACCOUNT, { ...NOTIFY, enterpriseVerified: false }, ['13800138000'], ['T1', long], { timestampSec: 1, primitives: p });
    expect(personal).toEqual({ ok: false, problems: [{ subject: '2', reason: 'tooLong', limit: 12 }] });
    expect(tencentSendSms(TENCENT_ACCOUNT, { ...NOTIFY, enterpriseVerified: false }, ['13800138000'], ['T1', long.slice(0, 12)], { timestampSec: 1, primitives: p }).ok).toBe(true);
    expect(tencentSendSms(TENCENT_ACCOUNT, NOTIFY, ['13800138000'], ['T1', long], { timestampSec: 1, primitives: p }).ok).toBe(true);
  });

  test('a verification code is up to six digits', () => {
    const code = (v: string) => tencentSendSms(TENCENT_ACCOUNT, { ...NOTIFY, kind: 'verificationCode' }, ['13800138000'], [v], { timestampSec: 1, primitives: p });
    expect(code('123456').ok).toBe(true);
    expect(code('1234567')).toEqual({ ok: false, problems: [{ subject: '1', reason: 'notCode', limit: 6 }] });
    expect(code('12a4')).toEqual({ ok: false, problems: [{ subject: '1', reason: 'notCode', limit: 6 }] });
  });

  test('the whole message, signature included, is at most 500 characters', () => {
    const text = `您的工单{1}状态已更新为{2}。${'请知悉'.repeat(160)}`;
    const r = tencentSendSms(TENCENT_ACCOUNT, { ...NOTIFY, text }, ['13800138000'], ['T20261123001', '处理中'], { timestampSec: 1, primitives: p });
    expect(r).toEqual({ ok: false, problems: [{ subject: '1110', reason: 'messageTooLong', limit: 500 }] });
    expect(tencentSendSms(TENCENT_ACCOUNT, { ...NOTIFY, text: '您的工单{1}状态已更新为{2}。' }, ['13800138000'], ['T20261123001', '处理中'], { timestampSec: 1, primitives: p }).ok).toBe(true);
  });
});

describe('阿里云 SendSms (2017-05-25)', () => {
  const b = built(
    aliyunSendSms(ALIYUN_ACCOUNT, ALI_NOTIFY, ['+86 138-0013-8000', '13900139000'], { ticket: 'T20261123001', status: '处理中' }, { nowMs: T, nonce: '3f1c-nonce', primitives: p }),
  );

  test('the parameters travel in the query of a body-less POST to dysmsapi.aliyuncs.com', () => {
    const url = new URL(b.request.url);
    expect(url.origin + url.pathname).toBe('https://dysmsapi.aliyuncs.com/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      PhoneNumbers: '13800138000,13900139000',
      SignName: '阿里云短信测试',
      TemplateCode: 'SMS_15305000',
      TemplateParam: '{"ticket":"T20261123001","status":"处理中"}',
    });
    expect(b.request.payload).toBe('');
    expect(b.request.contentType).toBeNull();
    expect(b.request.headers).toMatchObject({ 'x-acs-action': 'SendSms', 'x-acs-version': '2017-05-25', 'x-acs-date': '2026-11-23T02:00:05Z', 'x-acs-signature-nonce': '3f1c-nonce' });
  });

  test('the Authorization is ACS3 over exactly the query and headers sent (an independent ACS3)', () => {
    const url = new URL(b.request.url);
    const h = b.request.headers;
    const names = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
    const value = (n: string) => (n === 'host' ? url.host : h[n]!);
    const canonical = ['POST', '/', url.search.slice(1), names.map((n) => `${n}:${value(n)}\n`).join(''), names.join(';'), sha('')].join('\n');
    const signature = createHmac('sha256', ALIYUN_ACCOUNT.accessKeySecret).update(`ACS3-HMAC-SHA256\n${sha(canonical)}`).digest('hex');
    expect(h['x-acs-content-sha256']).toBe(sha(''));
    expect(h.Authorization).toBe(`ACS3-HMAC-SHA256 Credential=LTAItest,SignedHeaders=${names.join(';')},Signature=${signature}`);
    // The query is already RFC 3986: nothing the fetch could re-encode differently.
    expect(url.search).not.toMatch(/[^A-Za-z0-9\-_.~%&=?]/);
  });

  test('a verification code is 4 to 6 digits or letters', () => {
    const code = (v: string) => aliyunSendSms(ALIYUN_ACCOUNT, { ...ALI_NOTIFY, kind: 'verificationCode' }, ['13800138000'], { code: v }, { nowMs: T, nonce: 'n', primitives: p });
    expect(code('12CDE').ok).toBe(true);
    expect(code('123')).toEqual({ ok: false, problems: [{ subject: 'code', reason: 'notCode', limit: 6 }] });
    expect(code('1234567')).toEqual({ ok: false, problems: [{ subject: 'code', reason: 'notCode', limit: 6 }] });
  });

  test('each variable is held to its approved limit, and the template to 500 characters', () => {
    const send = (params: Record<string, string>, tpl = {}) =>
      aliyunSendSms(ALIYUN_ACCOUNT, { ...ALI_NOTIFY, maxLengths: { status: 5 }, ...tpl }, ['13800138000'], params, { nowMs: T, nonce: 'n', primitives: p });
    expect(send({ ticket: 'T20261123001', status: '已解决' }).ok).toBe(true);
    expect(send({ ticket: 'T20261123001', status: '等待客户补充资料' })).toEqual({ ok: false, problems: [{ subject: 'status', reason: 'tooLong', limit: 5 }] });
    expect(send({ ticket: 'T1', status: '好' }, { text: `工单\${ticket}：\${status}${'。'.repeat(495)}` })).toEqual({
      ok: false,
      problems: [{ subject: 'SMS_15305000', reason: 'messageTooLong', limit: 500 }],
    });
  });
});

describe('what neither provider takes, refused before signing', () => {
  const tencent = (params: string[], phones = ['13800138000']) => tencentSendSms(TENCENT_ACCOUNT, NOTIFY, phones, params, { timestampSec: 1, primitives: p });
  const aliyun = (params: Record<string, string>, phones = ['13800138000']) => aliyunSendSms(ALIYUN_ACCOUNT, ALI_NOTIFY, phones, params, { nowMs: T, nonce: 'n', primitives: p });

  test.each([
    ['a link', 'http://t.cn/abc', 'link'],
    ['a bare host', '详见 evil.com', 'link'],
    ['the signature brackets', '【官方】', 'bracket'],
    ['an ID number (sealed data never goes in an SMS)', '11010519491231002X', 'idNumber'],
    ['an ID number inside text', '证件11010519491231002X已登记', 'idNumber'],
    ['nothing', ' ', 'empty'],
  ])('%s', (_, value, reason) => {
    expect(tencent(['T1', value])).toMatchObject({ ok: false, problems: [{ subject: '2', reason }] });
    expect(aliyun({ ticket: 'T1', note: value })).toMatchObject({ ok: false, problems: [{ subject: 'note', reason }] });
  });

  test('numbers that are no mainland mobile, none at all, or more than a request takes', () => {
    expect(tencent(['T1'], ['12345'])).toEqual({ ok: false, problems: [{ subject: '12345', reason: 'phone' }] });
    expect(aliyun({ t: 'T1' }, [])).toEqual({ ok: false, problems: [{ subject: '', reason: 'noPhone' }] });
    const many = Array.from({ length: 201 }, (_, i) => `139${String(i).padStart(8, '0')}`);
    expect(tencent(['T1'], many)).toEqual({ ok: false, problems: [{ subject: '201', reason: 'tooManyPhones', limit: 200 }] });
    expect(aliyun({ t: 'T1' }, many).ok).toBe(true);
  });

  test('a mainland mobile is read with its spaces, dashes and +86 / 0086 / 86 prefix', () => {
    for (const s of ['13800138000', '+8613800138000', '0086 138 0013 8000', '86-138-0013-8000']) expect(mainlandMobile(s)).toBe('13800138000');
    for (const s of ['23800138000', '1380013800', '+85213800138000', '010-12345678']) expect(mainlandMobile(s)).toBeNull();
  });

  test('ASCII JSON parses back to the same value and holds no byte above 0x7e', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' })), (xs) => {
        const json = asciiJson({ TemplateParamSet: xs });
        expect(json).toMatch(/^[\x20-\x7e]*$/);
        expect(JSON.parse(json)).toEqual({ TemplateParamSet: xs });
      }),
    );
  });
});
