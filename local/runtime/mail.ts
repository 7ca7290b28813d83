/**
 * Emulated MailApp: every mail lands in state.mail.sent. Each recipient (to,
 * cc and bcc) costs one unit of the sender's daily quota: the effective
 * user's (a trigger's installer), 100 or 1,500 by account kind, renewed 24
 * hours after the window's first request (limits.ts).
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import { googleError } from './google-errors';
import { dailyLimits, usageOf, type QuotaUsage } from './limits';

type MailOptions = GoogleAppsScript.Mail.MailAdvancedParameters;
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** The addresses of a comma-separated list ("a@x.cn, 张三 <b@y.cn>"); returns the invalid one when there is one. */
function parseAddresses(list: string | undefined): { addresses: string[]; invalid: string | null } {
  const addresses: string[] = [];
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const angle = /<([^<>]*)>\s*$/.exec(entry);
    const address = (angle ? angle[1]! : entry).trim();
    if (!ADDRESS.test(address)) return { addresses, invalid: entry };
    addresses.push(address);
  }
  return { addresses, invalid: null };
}

function isOptions(v: unknown): v is MailOptions {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export class MailAppEmu implements Emulates<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'> {
  constructor(private readonly env: Env) {}

  /**
   * sendEmail(message), sendEmail(recipient, subject, body[, options]) or
   * sendEmail(to, replyTo, subject, body).
   */
  sendEmail(a: string | MailOptions, b?: string, c?: string, d?: string | MailOptions): void {
    this.env.meter.call('Mail', 'MailApp.sendEmail');
    let message: MailOptions;
    if (isOptions(a)) message = a;
    else if (typeof d === 'string') message = { to: a, replyTo: b, subject: c, body: d };
    else message = { ...(isOptions(d) ? d : {}), to: a, subject: b, body: c };
    this.send(message);
  }

  getRemainingDailyQuota(): number {
    this.env.meter.call('Mail', 'MailApp.getRemainingDailyQuota');
    return Math.max(0, dailyLimits(this.env.state).mailRecipients - this.usage().mailRecipients);
  }

  private send(m: MailOptions): void {
    const lists = [m.to, m.cc, m.bcc].map((l) => parseAddresses(l === undefined || l === null ? '' : String(l)));
    for (const l of lists) if (l.invalid !== null) throw this.env.meter.error(`Exception: Invalid email: ${l.invalid}`);
    const count = lists.reduce((n, l) => n + l.addresses.length, 0);
    if (count === 0) throw this.env.meter.error('Exception: Failed to send email: no recipient');
    const usage = this.usage();
    if (usage.mailRecipients + count > dailyLimits(this.env.state).mailRecipients) throw googleError(this.env, 'mailQuota');
    usage.mailRecipients += count;
    const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
    this.env.state.mail.sent.push({
      id: this.env.uuid(),
      at: this.env.now(),
      from: this.env.execution.effectiveUser,
      to: lists[0]!.addresses.join(', '),
      cc: lists[1]!.addresses.join(', '),
      bcc: lists[2]!.addresses.join(', '),
      replyTo: text(m.replyTo),
      name: text(m.name),
      subject: text(m.subject),
      body: text(m.body),
      htmlBody: text(m.htmlBody),
    });
  }

  /** The sender's quota usage: the effective user's. */
  private usage(): QuotaUsage {
    return usageOf(this.env.state, this.env.execution.effectiveUser, this.env.now());
  }
}
