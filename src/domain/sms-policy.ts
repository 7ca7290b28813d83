/**
 * Whether a customer message also goes (or only goes) by SMS, and with which
 * template and parameters. SMS costs money per message, so: only when 配置 ›
 * 短信 names a provider and that message's template; only to a mobile that
 * passed validation as a mainland number; once per event (the event's key);
 * never past the day's cap, and a message the cap stops is a reason the
 * caller records in 历史 and tells the admin of — never a silent queue.
 *
 * The parameters are the ticket number and, for progress, the new status:
 * nothing the customer typed and nothing sealed ever goes into an SMS.
 */
import type { AppConfig } from './config';
import type { RateLimits, Reply } from './outbound';
import type { SmsOutcome } from './sms-replies';
import { mainlandMobile } from './sms-requests';
import { SMS_EVENT } from './vocabulary';

export type SmsEvent = 'ack' | 'progress' | 'survey';

export type SmsSkip = 'off' | 'noTemplate' | 'hasEmail' | 'noMobile' | 'badMobile' | 'alreadySent' | 'capReached';

export type SmsDecision =
  | { send: true; phone: string; template: string; params: string[]; key: string }
  | { send: false; reason: SmsSkip };

export interface SmsCase {
  event: SmsEvent;
  ticketNo: string;
  /** progress: the status the ticket moved to. */
  status?: string;
  /** The mobile on record ('' when none). */
  mobile: string;
  /** Whether the customer can be mailed (an address on record). */
  hasEmail: boolean;
  /** SMS already recorded today (sent or queued), against 配置 › 短信 › 每日上限. */
  sentToday: number;
  /** Keys of the SMS already recorded for this ticket: an event is sent once, whatever replays. */
  sentKeys: ReadonlySet<string>;
}

/** What the SMS is, as 历史 says it (新值 of 短信已排队): 受理, 满意度调查, or 进度：<status>. */
export function smsLabel(c: Pick<SmsCase, 'event' | 'status'>): string {
  return c.event === 'progress' ? `${SMS_EVENT.progress}：${c.status ?? ''}` : SMS_EVENT[c.event];
}

/** The event's key: one SMS per ticket and event (and per status for progress). */
export function smsKey(c: Pick<SmsCase, 'event' | 'ticketNo' | 'status'>): string {
  return smsKeyOf(c.ticketNo, smsLabel(c));
}

/** The same key from a ticket and the label 历史 recorded (新值 of 短信已排队). */
export function smsKeyOf(ticketNo: string, label: string): string {
  return `${ticketNo}:${label}`;
}

export function decideSms(sms: AppConfig['sms'], c: SmsCase): SmsDecision {
  if (sms.provider === 'none') return { send: false, reason: 'off' };
  const template = sms.templates[c.event];
  if (template === '') return { send: false, reason: 'noTemplate' };
  if (sms.mode === 'noEmail' && c.hasEmail) return { send: false, reason: 'hasEmail' };
  if (c.mobile.trim() === '') return { send: false, reason: 'noMobile' };
  const phone = mainlandMobile(c.mobile);
  if (phone === null) return { send: false, reason: 'badMobile' };
  const key = smsKey(c);
  if (c.sentKeys.has(key)) return { send: false, reason: 'alreadySent' };
  if (c.sentToday >= sms.dailyCap) return { send: false, reason: 'capReached' };
  const params = c.event === 'progress' ? [c.ticketNo, c.status ?? ''] : [c.ticketNo];
  return { send: true, phone, template, params, key };
}

/**
 * 阿里云 templates name their variables: the add-on's are ${ticket} (the
 * ticket number) and ${status} (the new status), in that order, as 配置 ›
 * 短信's notes tell the admin to approve them. 腾讯云's are {1}, {2}.
 */
export const ALIYUN_PARAM_NAMES = ['ticket', 'status'] as const;

export function aliyunParams(params: readonly string[]): Record<string, string> {
  return Object.fromEntries(params.map((v, i) => [ALIYUN_PARAM_NAMES[i] ?? `p${i + 1}`, v]));
}

/** An SMS as 通知队列 keeps it until it is sent (then emptied): the number, the template and its parameters. */
export interface SmsBody {
  phone: string;
  template: string;
  params: string[];
}

export function smsBody(d: { phone: string; template: string; params: readonly string[] }): string {
  return JSON.stringify({ phone: d.phone, template: d.template, params: [...d.params] });
}

/** A stored body read back; null when it is not one (edited by hand): such a row is not deliverable, never a throw. */
export function parseSmsBody(text: string): SmsBody | null {
  try {
    const v = JSON.parse(text) as Partial<SmsBody> | null;
    if (!v || typeof v.phone !== 'string' || typeof v.template !== 'string' || !Array.isArray(v.params) || !v.params.every((p) => typeof p === 'string')) return null;
    const phone = mainlandMobile(v.phone);
    return phone && v.template ? { phone, template: v.template, params: v.params } : null;
  } catch {
    return null;
  }
}

/**
 * The pace the add-on sends SMS at: far inside 腾讯云 SendSms's documented
 * "默认接口请求频率限制：3000次/秒" (https://cloud.tencent.com/document/api/382/55981);
 * 阿里云 SendSms's own API limit could not be read offline and is taken to be
 * no lower. What binds is each number's own limit (腾讯云: one message of the
 * same content per 30 s, 10 a day, https://cloud.tencent.com/developer/techpedia/1295/8938;
 * 阿里云: a notification template 50 a day per number), which the providers
 * answer with a code of their own: that message is 未送达, the rest go on.
 */
export const SMS_RATE_LIMITS: RateLimits = { perMinute: 120, perSecond: 5 };

/** A provider's outcome as the queue acts on it: a refusal for this number is final for the row alone; a configuration error stops the target. */
export function smsReply(o: SmsOutcome): Reply {
  const base = { code: o.code, message: o.message };
  switch (o.kind) {
    case 'ok':
      return { kind: 'ok', ...base };
    case 'retry':
      return { kind: 'retry', ...base };
    case 'refused':
      return { kind: 'undeliverable', ...base };
    case 'configError':
      return { kind: 'refused', ...base };
  }
}
