/**
 * SMS to customers as an outbound channel (services/outbound.ts): the
 * acknowledgement of a new ticket, a progress step, the survey of a solved
 * one, each with 配置 › 短信's template and the ticket number (and status)
 * as its only parameters. What is sent is decided under the script lock
 * with the work it is about (domain/sms-policy.ts): 历史 says 短信已排队 with
 * the masked number, the day's count is taken against 每日上限 at once, and
 * a message the cap stops is said in 历史 as 短信未发送 and told to the admin
 * (once a day) — never queued silently. The request is built and signed
 * only when it is sent, with the key pair the owner stored
 * (services/sms-settings.ts); the provider's answer lands in 历史 as 短信已发送
 * or 短信未送达.
 */
import { maskMobile } from '../domain/crypto';
import { UNCONFIGURED, type Refusal, type Reply } from '../domain/outbound';
import { classifyAliyunReply, classifyTencentReply } from '../domain/sms-replies';
import { aliyunSendSms, tencentSendSms } from '../domain/sms-requests';
import { blocksSending, smsConfigGaps } from '../domain/sms-settings';
import { SMS_RATE_LIMITS, aliyunParams, decideSms, parseSmsBody, smsBody, smsKeyOf, smsLabel, smsReply, type SmsEvent } from '../domain/sms-policy';
import { OUTBOUND_KIND, SMS_HISTORY_ACTION } from '../domain/vocabulary';
import { HISTORY } from '../sheets/schema';
import { cellText, type RowFor } from '../sheets/table';
import { isMailAddress } from '../domain/validate';
import { alertAdmin } from './admin-alert';
import type { AppContext } from './context';
import type { FiledMail } from './intake';
import { historyRow } from './mail-queue';
import type { OutboundChannel, OutboundMessage, Settled } from './outbound';
import { formatDay } from './platform';
import { appsScriptSigningPrimitives } from './signing-primitives';
import { countUndeliverableSms, saveSmsDay, smsDayIn, smsSecretIn } from './store';

const KIND = OUTBOUND_KIND.sms;

/** What a message the provider cannot take at all (a body edited by hand, a parameter it would refuse) is answered with: nothing is fetched. */
function invalid(message: string): { reply: Reply } {
  return { reply: { kind: 'undeliverable', code: 'invalid', message } };
}

export const SMS_CHANNEL: OutboundChannel = {
  kind: KIND,
  target(ctx, name, props) {
    const sms = ctx.config.sms;
    const stored = smsSecretIn(props);
    // The target is the provider 配置 names; a key pair entered for the other one does not sign for it.
    if (sms.provider === 'none' || name !== sms.provider || !stored || stored.provider !== sms.provider) return null;
    if (smsConfigGaps(sms).some(blocksSending)) return null;
    const provider = sms.provider;
    return {
      limits: SMS_RATE_LIMITS,
      // One message, one number, one request: the providers' batch sends one text to many, never many texts.
      fits: (bodies) => bodies.length <= 1,
      request(bodies, nowMs) {
        const body = parseSmsBody(bodies[0] ?? '');
        if (!body) return invalid(ctx.t('sms.invalidBody'));
        const primitives = appsScriptSigningPrimitives();
        const built = provider === 'tencent'
          ? tencentSendSms(
            { secretId: stored.id, secretKey: stored.secret, region: sms.region || 'ap-guangzhou', smsSdkAppId: sms.appId, signName: sms.signName },
            // 个人认证 accounts' 12-character variables are assumed: a ticket number and a status fit them.
            { templateId: body.template, kind: 'notification', enterpriseVerified: false },
            [body.phone], body.params, { timestampSec: Math.floor(nowMs / 1000), primitives },
          )
          : aliyunSendSms(
            { accessKeyId: stored.id, accessKeySecret: stored.secret, signName: sms.signName },
            { templateCode: body.template, kind: 'notification' },
            [body.phone], aliyunParams(body.params), { nowMs, nonce: Utilities.getUuid(), primitives },
          );
        if (!built.ok) return invalid(built.problems.map((p) => `${p.reason}${p.limit === undefined ? '' : `≤${p.limit}`}`).join(', '));
        const r = built.request;
        return {
          url: r.url,
          params: { method: 'post', ...(r.contentType ? { contentType: r.contentType } : {}), headers: r.headers, payload: r.payload, muteHttpExceptions: true },
        };
      },
      classify: (status, body) => smsReply(provider === 'tencent' ? classifyTencentReply(status, body)[0]! : classifyAliyunReply(status, body)),
    };
  },
  tellAdmin(ctx, name, refusal: Refusal, waiting) {
    const unset = refusal.code === UNCONFIGURED;
    return alertAdmin(unset ? 'smsUnset' : 'smsRefused', ctx.locale, { provider: smsProviderName(ctx, name), code: refusal.code, message: refusal.message || '—', waiting }, name);
  },
  tellOutage(ctx, name, failures, last, waiting) {
    alertAdmin('smsOutage', ctx.locale, { provider: smsProviderName(ctx, name), failures, last: last || '—', waiting }, name);
  },
  settled(ctx, settled: readonly Settled[]) {
    // The reports count what the providers refused, by the day it was answered.
    countUndeliverableSms(formatDay(new Date(), ctx.timeZone), settled.filter((s) => s.outcome === 'undeliverable').length);
    return settled.map((s) => historyRow(
      ctx, s.ticketNo,
      s.outcome === 'sent' ? SMS_HISTORY_ACTION.sent : SMS_HISTORY_ACTION.undeliverable,
      s.event,
      ctx.t(s.outcome === 'sent' ? 'sms.history.sent' : 'sms.history.undeliverable', { to: maskedTo(s.body), result: s.result || '—' }),
    ));
  },
};

/** A provider as people name it (阿里云短信 / 腾讯云短信); a target name that is neither, as it is. */
export function smsProviderName(ctx: AppContext, name: string): string {
  return name === 'tencent' ? ctx.t('sms.provider.tencent') : name === 'aliyun' ? ctx.t('sms.provider.aliyun') : name;
}

/** The number an SMS went to, masked as 历史 shows it ('—' once the body is gone). */
function maskedTo(body: string): string {
  const b = parseSmsBody(body);
  return b ? maskMobile(b.phone) : '—';
}

/** One customer message that could also (or only) go by SMS. */
export interface SmsCandidate {
  event: SmsEvent;
  ticketNo: string;
  /** progress: the status the ticket moved to. */
  status?: string;
  /** The mobile on record ('' when none). */
  mobile: string;
  /** Whether the customer can be mailed. */
  hasEmail: boolean;
  /** The ticket is new (this intake filed it): nothing was ever sent for it, so 历史 is not searched. */
  fresh?: boolean;
}

/**
 * The SMS these customer messages make, with their 历史 rows (under the
 * script lock, `props` as read in it). No call at all while 配置 › 短信
 * names no provider.
 */
function smsMessages(ctx: AppContext, candidates: readonly SmsCandidate[], props: () => Readonly<Record<string, string>>): { messages: OutboundMessage[]; history: RowFor<typeof HISTORY>[] } {
  const sms = ctx.config.sms;
  const out = { messages: [] as OutboundMessage[], history: [] as RowFor<typeof HISTORY>[] };
  if (sms.provider === 'none' || candidates.length === 0) return out;
  const wanted = candidates.filter((c) => sms.templates[c.event] !== '');
  if (wanted.length === 0) return out;
  const today = formatDay(ctx.now, ctx.timeZone);
  const all = props();
  const day = smsDayIn(all, today);
  const before = { ...day };
  const sentKeys = sentBefore(ctx, wanted.filter((c) => !c.fresh).map((c) => c.ticketNo));
  for (const c of wanted) {
    const d = decideSms(sms, { ...c, sentToday: day.count, sentKeys });
    const label = smsLabel(c);
    if (d.send) {
      sentKeys.add(d.key);
      day.count += 1;
      out.messages.push({ kind: KIND, target: sms.provider, event: label, ticketNo: c.ticketNo, body: smsBody(d) });
      out.history.push(historyRow(ctx, c.ticketNo, SMS_HISTORY_ACTION.queued, label, ctx.t('sms.history.queued', { to: maskMobile(d.phone) })));
    } else if (d.reason === 'capReached') {
      day.capped += 1;
      out.history.push(historyRow(ctx, c.ticketNo, SMS_HISTORY_ACTION.capReached, label, ctx.t('sms.history.capReached', { cap: sms.dailyCap })));
    }
  }
  if (day.capped > before.capped && !day.told) {
    day.told = alertAdmin('smsCap', ctx.locale, { cap: sms.dailyCap, day: today }, today);
  }
  if (day.count !== before.count || day.capped !== before.capped || day.told !== before.told) saveSmsDay(day, all);
  return out;
}

/**
 * Decides these customer messages' SMS and writes their 历史 rows now (call
 * under the script lock, with the work they are about); the messages, for
 * 通知队列 (`recordOutbound`).
 */
export function queueSms(ctx: AppContext, candidates: readonly SmsCandidate[], props: () => Readonly<Record<string, string>>): OutboundMessage[] {
  const { messages, history } = smsMessages(ctx, candidates, props);
  if (history.length) ctx.table(HISTORY).append(history);
  return messages;
}

/** Keys of the SMS 历史 records for these tickets (one search per ticket: an edit's few). */
function sentBefore(ctx: AppContext, ticketNos: readonly string[]): Set<string> {
  const keys = new Set<string>();
  const wanted = [...new Set(ticketNos.filter((n) => n !== ''))];
  if (wanted.length === 0) return keys;
  const history = ctx.table(HISTORY);
  const rows = wanted.flatMap((no) => history.findRows(HISTORY.col.ticketNo, no));
  if (rows.length === 0) return keys;
  for (const values of history.readRows(rows).values()) {
    if (values[HISTORY.col.action] !== SMS_HISTORY_ACTION.queued) continue;
    keys.add(smsKeyOf(cellText(values[HISTORY.col.ticketNo]), cellText(values[HISTORY.col.newValue])));
  }
  return keys;
}

/** A filed ticket's acknowledgement, as an SMS candidate. */
export function ackCandidate(m: FiledMail): SmsCandidate {
  return { event: 'ack', ticketNo: m.ticketNo, mobile: m.contact.mobile, hasEmail: isMailAddress(m.customerEmail ?? m.contact.email), fresh: true };
}

/** The event a status change tells the customer of by SMS: the survey when solved and surveyed, else progress. */
export function statusSmsEvent(ctx: AppContext, solved: boolean): SmsEvent {
  return solved && ctx.config.followUp.survey && ctx.config.sms.templates.survey !== '' ? 'survey' : 'progress';
}

