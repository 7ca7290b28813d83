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
import { mainlandMobile } from './sms-requests';

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

/** The event's key: one SMS per ticket and event (and per status for progress). */
export function smsKey(c: Pick<SmsCase, 'event' | 'ticketNo' | 'status'>): string {
  return c.event === 'progress' ? `${c.ticketNo}:progress:${c.status ?? ''}` : `${c.ticketNo}:${c.event}`;
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
