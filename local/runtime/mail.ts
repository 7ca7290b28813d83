/**
 * Emulated MailApp: every mail lands in state.mail.sent. Each recipient (to,
 * cc and bcc) costs one unit of the daily quota, which resets when the day
 * changes in the script time zone.
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import type { RuntimeState } from './state';
import { formatDate } from './date-format';

type MailOptions = GoogleAppsScript.Mail.MailAdvancedParameters;

const QUOTA_MESSAGE = 'Exception: Service invoked too many times for one day: email.';
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
    return this.quota().remaining;
  }

  private send(m: MailOptions): void {
    const lists = [m.to, m.cc, m.bcc].map((l) => parseAddresses(l === undefined || l === null ? '' : String(l)));
    for (const l of lists) if (l.invalid !== null) throw this.env.meter.error(`Exception: Invalid email: ${l.invalid}`);
    const count = lists.reduce((n, l) => n + l.addresses.length, 0);
    if (count === 0) throw this.env.meter.error('Exception: Failed to send email: no recipient');
    const quota = this.quota();
    if (count > quota.remaining) throw this.env.meter.error(QUOTA_MESSAGE);
    quota.remaining -= count;
    const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
    quota.sent.push({
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

  /** The mail state, with the quota reset if the script-time-zone day has changed. */
  private quota(): RuntimeState['mail'] {
    const mail = this.env.state.mail;
    const today = formatDate(this.env.now(), this.env.state.timeZone, 'yyyy-MM-dd');
    if (mail.day !== today) {
      mail.day = today;
      mail.remaining = mail.dailyLimit;
    }
    return mail;
  }
}
