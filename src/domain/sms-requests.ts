/**
 * The SendSms requests of 腾讯云短信 and 阿里云短信 (Dysmsapi), signed, with the
 * template parameters checked against what the providers document first.
 *
 * WHAT GOES IN AN SMS: callers pass the ticket number, its status and short
 * product text only — never a sealed field (ID number, address), never the
 * customer's own words. The builder sends exactly what it is given, so that
 * rule is the caller's; as a last guard it refuses a parameter holding an ID
 * number (domain/id-number.ts), which no template here ever needs.
 *
 * 腾讯云 SendSms, version 2021-01-11 (https://cloud.tencent.com/document/api/382/55981): POST
 * https://sms.tencentcloudapi.com/, X-TC-Action SendSms, X-TC-Version, X-TC-Region (e.g. ap-guangzhou),
 * body PhoneNumberSet ("+[国家或地区码][手机号]", at most 200), SmsSdkAppId, SignName, TemplateId,
 * TemplateParamSet. Parameters (正文模板审核标准, https://tencentcloud.com/zh/document/product/382/40659):
 * the whole message, signature and parameter values included, at most 500 characters, each character
 * counting 1; 【】 not allowed; "个人认证用户创建的短信正文模板每个变量取值最多支持12个字。企业认证用户没有
 * 变量取值长度限制"; "变量不允许透传链接"; a verification code "仅支持0 - 6位（包括6位）纯数字".
 * The body is sent as ASCII JSON (non-ASCII as \uXXXX, as the documented example's body is), so the
 * bytes hashed are the bytes sent whatever charset the fetch uses.
 *
 * 阿里云 SendSms, version 2017-05-25 (https://help.aliyun.com/document_detail/55284.html): RPC style,
 * host dysmsapi.aliyuncs.com, PhoneNumbers comma-separated (at most 1000), SignName, TemplateCode,
 * TemplateParam a JSON string; here in the query string of a POST without a body, the shape of the
 * V3 signature document's own example. Parameters: a verification code 4–6 digits or letters
 * (验证码模板规范, https://help.aliyun.com/document_detail/463237.htm); a notification template "模板内容
 * 长度限制：1~500个字符（含变量）" and 【】 nowhere (通知短信模板规范, https://help.aliyun.com/document_detail/463270.htm);
 * URLs refused (isv.PARAM_NOT_SUPPORT_URL "不支持URL"). The per-variable limits of a notification
 * template depend on the variable property chosen when it was approved
 * (https://help.aliyun.com/document_detail/2806243.html) and could not all be read offline: the
 * caller passes each variable's limit from its approved template.
 *
 * Only mainland mobiles are sent (1[3-9] and nine digits), as +86… to 腾讯云 and bare to 阿里云.
 */
import { looksLikeIdNumber, starIdNumbers } from './id-number';
import { acs3Date, acs3Sign, tc3Sign } from './sms-signing';
import type { SigningPrimitives } from './signing-primitives';

export const TENCENT_SMS_HOST = 'sms.tencentcloudapi.com';
export const TENCENT_SMS_VERSION = '2021-01-11';
export const TENCENT_MAX_PHONES = 200;
export const TENCENT_INDIVIDUAL_PARAM_MAX = 12;
export const ALIYUN_SMS_HOST = 'dysmsapi.aliyuncs.com';
export const ALIYUN_SMS_VERSION = '2017-05-25';
export const ALIYUN_MAX_PHONES = 1000;
/** Both providers: a message (腾讯云: with signature) or template content (阿里云) of at most 500 characters. */
export const SMS_MAX_CHARS = 500;

export type SmsTemplateKind = 'notification' | 'verificationCode';

export type SmsProblemReason =
  | 'noPhone'
  | 'tooManyPhones'
  | 'phone'
  | 'empty'
  | 'tooLong'
  | 'notCode'
  | 'link'
  | 'bracket'
  | 'idNumber'
  | 'messageTooLong';

export interface SmsProblem {
  /** The parameter (its name or 1-based position) or the phone number concerned. */
  subject: string;
  reason: SmsProblemReason;
  limit?: number;
}

export interface SmsHttpRequest {
  url: string;
  method: 'post';
  /** The Content-Type to send (and that was signed); null: send none. */
  contentType: string | null;
  /** Headers besides Host (set from the URL) and Content-Type. */
  headers: Record<string, string>;
  payload: string;
}

export type SmsBuild = { ok: true; request: SmsHttpRequest; phones: string[] } | { ok: false; problems: SmsProblem[] };

const chars = (s: string) => Array.from(s).length;

/** A mainland mobile as 11 digits, or null: spaces, dashes and a +86 / 0086 / 86 prefix allowed. */
export function mainlandMobile(s: string): string | null {
  const digits = s.replace(/[\s\-()]/g, '').replace(/^(\+86|0086|86)(?=\d{11}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

const LINK = /[a-z][a-z0-9+.-]*:\/\/|www\.|[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|io|cc|me|info|vip|shop|site|link|ly)\b/i;

function paramProblems(subject: string, value: string): SmsProblem[] {
  const out: SmsProblem[] = [];
  if (value.trim() === '') out.push({ subject, reason: 'empty' });
  if (/[【】]/.test(value)) out.push({ subject, reason: 'bracket' });
  if (LINK.test(value)) out.push({ subject, reason: 'link' });
  if (looksLikeIdNumber(value) || starIdNumbers(value) !== value) out.push({ subject, reason: 'idNumber' });
  return out;
}

function phoneList(phones: readonly string[], max: number): { phones: string[]; problems: SmsProblem[] } {
  const out: string[] = [];
  const problems: SmsProblem[] = [];
  for (const raw of phones) {
    const m = mainlandMobile(raw);
    if (!m) problems.push({ subject: raw, reason: 'phone' });
    else if (!out.includes(m)) out.push(m);
  }
  if (phones.length === 0) problems.push({ subject: '', reason: 'noPhone' });
  if (out.length > max) problems.push({ subject: String(out.length), reason: 'tooManyPhones', limit: max });
  return { phones: out, problems };
}

/** JSON with every non-ASCII character escaped, so its bytes are the same in any ASCII-compatible charset. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (ch) => '\\u' + (ch.charCodeAt(0) + 0x10000).toString(16).slice(1));
}

// ---------------------------------------------------------------- 腾讯云

export interface TencentSmsAccount {
  secretId: string;
  secretKey: string;
  /** X-TC-Region, e.g. ap-guangzhou. */
  region: string;
  smsSdkAppId: string;
  signName: string;
}

export interface TencentSmsTemplate {
  templateId: string;
  kind: SmsTemplateKind;
  /** 企业认证 accounts have no per-variable limit; 个人认证 ones 12 characters. */
  enterpriseVerified: boolean;
  /** The approved text with {1}, {2} … — when given, the whole message's length is checked. */
  text?: string;
}

export function tencentSendSms(
  account: TencentSmsAccount,
  template: TencentSmsTemplate,
  phones: readonly string[],
  params: readonly string[],
  opts: { timestampSec: number; primitives: SigningPrimitives },
): SmsBuild {
  const list = phoneList(phones, TENCENT_MAX_PHONES);
  const problems = [...list.problems];
  params.forEach((value, i) => {
    const subject = String(i + 1);
    if (template.kind === 'verificationCode') {
      if (!/^\d{1,6}$/.test(value)) problems.push({ subject, reason: 'notCode', limit: 6 });
      return;
    }
    problems.push(...paramProblems(subject, value));
    if (!template.enterpriseVerified && chars(value) > TENCENT_INDIVIDUAL_PARAM_MAX) problems.push({ subject, reason: 'tooLong', limit: TENCENT_INDIVIDUAL_PARAM_MAX });
  });
  if (template.text !== undefined) {
    const text = template.text.replace(/\{(\d+)\}/g, (whole, n: string) => params[Number(n) - 1] ?? whole);
    if (chars(text) + chars(account.signName) + 2 > SMS_MAX_CHARS) problems.push({ subject: template.templateId, reason: 'messageTooLong', limit: SMS_MAX_CHARS });
  }
  if (problems.length > 0) return { ok: false, problems };

  const payload = asciiJson({
    PhoneNumberSet: list.phones.map((p) => `+86${p}`),
    SmsSdkAppId: account.smsSdkAppId,
    SignName: account.signName,
    TemplateId: template.templateId,
    TemplateParamSet: [...params],
  });
  const contentType = 'application/json; charset=utf-8';
  const signed = tc3Sign(opts.primitives, {
    secretId: account.secretId,
    secretKey: account.secretKey,
    service: 'sms',
    host: TENCENT_SMS_HOST,
    action: 'SendSms',
    timestampSec: opts.timestampSec,
    payload,
    contentType,
  });
  return {
    ok: true,
    phones: list.phones,
    request: {
      url: `https://${TENCENT_SMS_HOST}/`,
      method: 'post',
      contentType,
      headers: {
        Authorization: signed.authorization,
        'X-TC-Action': 'SendSms',
        'X-TC-Timestamp': String(Math.floor(opts.timestampSec)),
        'X-TC-Version': TENCENT_SMS_VERSION,
        'X-TC-Region': account.region,
      },
      payload,
    },
  };
}

// ---------------------------------------------------------------- 阿里云

export interface AliyunSmsAccount {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
}

export interface AliyunSmsTemplate {
  templateCode: string;
  kind: SmsTemplateKind;
  /** Each variable's limit in characters, from the approved template's variable properties. */
  maxLengths?: Readonly<Record<string, number>>;
  /** The approved text with ${name} — when given, the 500-character limit is checked. */
  text?: string;
}

export function aliyunSendSms(
  account: AliyunSmsAccount,
  template: AliyunSmsTemplate,
  phones: readonly string[],
  params: Readonly<Record<string, string>>,
  opts: { nowMs: number; nonce: string; primitives: SigningPrimitives; contentType?: string },
): SmsBuild {
  const list = phoneList(phones, ALIYUN_MAX_PHONES);
  const problems = [...list.problems];
  for (const [name, value] of Object.entries(params)) {
    if (template.kind === 'verificationCode') {
      if (!/^[0-9A-Za-z]{4,6}$/.test(value)) problems.push({ subject: name, reason: 'notCode', limit: 6 });
      continue;
    }
    problems.push(...paramProblems(name, value));
    const max = template.maxLengths?.[name];
    if (max !== undefined && chars(value) > max) problems.push({ subject: name, reason: 'tooLong', limit: max });
  }
  if (template.text !== undefined) {
    const text = template.text.replace(/\$\{(\w+)\}/g, (whole, n: string) => (Object.prototype.hasOwnProperty.call(params, n) ? params[n]! : whole));
    if (chars(text) > SMS_MAX_CHARS) problems.push({ subject: template.templateCode, reason: 'messageTooLong', limit: SMS_MAX_CHARS });
  }
  if (problems.length > 0) return { ok: false, problems };

  const query: Record<string, string> = {
    PhoneNumbers: list.phones.join(','),
    SignName: account.signName,
    TemplateCode: template.templateCode,
  };
  if (Object.keys(params).length > 0) query.TemplateParam = JSON.stringify(params);
  const signed = acs3Sign(opts.primitives, {
    accessKeyId: account.accessKeyId,
    accessKeySecret: account.accessKeySecret,
    method: 'POST',
    host: ALIYUN_SMS_HOST,
    query,
    body: '',
    contentType: opts.contentType,
    action: 'SendSms',
    version: ALIYUN_SMS_VERSION,
    date: acs3Date(opts.nowMs),
    nonce: opts.nonce,
  });
  return {
    ok: true,
    phones: list.phones,
    request: {
      url: `https://${ALIYUN_SMS_HOST}/?${signed.canonicalQueryString}`,
      method: 'post',
      contentType: opts.contentType ?? null,
      headers: signed.headers,
      payload: '',
    },
  };
}
