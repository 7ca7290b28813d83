/**
 * Mail to the setup owner when the add-on has stopped taking submissions for a
 * reason only the admin can fix (the 配置 sheet gone, the keys lost), or when
 * the public Form is sending many acknowledgements to new addresses: at most
 * one a day per cause, the last one's time kept in script properties. Sent
 * straight with MailApp, not through the mail queue: the queue lives in the
 * sheets and its sending needs 配置.
 */
import { format, type Locale } from '../i18n/messages';
import { readAlertMarker } from './store';

export type AlertCause = 'configMissing' | 'keysLost' | 'ackBurst' | 'robotRefused' | 'robotUnset' | 'formToolUnmapped' | 'smsRefused' | 'smsUnset' | 'smsCap' | 'robotOutage' | 'smsOutage';

const DAY_MS = 24 * 3600 * 1000;

const SUBJECT = {
  configMissing: 'alert.configMissing.subject', keysLost: 'alert.keysLost.subject', ackBurst: 'alert.ackBurst.subject',
  robotRefused: 'robots.alert.refused.subject', robotUnset: 'robots.alert.unset.subject',
  formToolUnmapped: 'alert.formToolUnmapped.subject',
  smsRefused: 'sms.alert.refused.subject', smsUnset: 'sms.alert.unset.subject', smsCap: 'sms.alert.cap.subject',
  robotOutage: 'robots.alert.outage.subject', smsOutage: 'sms.alert.outage.subject',
} as const;
const BODY = {
  configMissing: 'alert.configMissing.body', keysLost: 'alert.keysLost.body', ackBurst: 'alert.ackBurst.body',
  robotRefused: 'robots.alert.refused.body', robotUnset: 'robots.alert.unset.body',
  formToolUnmapped: 'alert.formToolUnmapped.body',
  smsRefused: 'sms.alert.refused.body', smsUnset: 'sms.alert.unset.body', smsCap: 'sms.alert.cap.body',
  robotOutage: 'robots.alert.outage.body', smsOutage: 'sms.alert.outage.body',
} as const;

/**
 * `params`: the figures and names the cause's message holds (the burst's
 * counts, the robot's name, the form tool). `about` keeps a cause's once-a-day apart per
 * thing it is about (one robot's refusal does not silence another's).
 * Whether the mail went.
 */
export function alertAdmin(cause: AlertCause, locale: Locale, params: Readonly<Record<string, string | number>> = {}, about = ''): boolean {
  const marker = readAlertMarker(about ? `${cause}:${about}` : cause);
  const now = Date.now();
  if (!marker.owner || now - marker.lastSent < DAY_MS) return false;
  if (MailApp.getRemainingDailyQuota() < 1) return false;
  try {
    MailApp.sendEmail({ to: marker.owner, subject: format(SUBJECT[cause], params, locale), body: format(BODY[cause], params, locale) });
  } catch {
    // Not marked: the next run that meets the same cause tries again.
    return false;
  }
  marker.markSent(now);
  return true;
}
