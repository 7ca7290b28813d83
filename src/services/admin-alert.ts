/**
 * Mail to the setup owner when the add-on has stopped taking submissions for a
 * reason only the admin can fix (the 配置 sheet gone, the keys lost): at most
 * one a day per cause, the last one's time kept in script properties. Sent
 * straight with MailApp, not through the mail queue: the queue lives in the
 * sheets and its sending needs 配置.
 */
import { translator, type Locale } from '../i18n/messages';
import { readAlertMarker } from './store';

export type AlertCause = 'configMissing' | 'keysLost';

const DAY_MS = 24 * 3600 * 1000;

const SUBJECT = { configMissing: 'alert.configMissing.subject', keysLost: 'alert.keysLost.subject' } as const;
const BODY = { configMissing: 'alert.configMissing.body', keysLost: 'alert.keysLost.body' } as const;

export function alertAdmin(cause: AlertCause, locale: Locale): void {
  const marker = readAlertMarker(cause);
  const now = Date.now();
  if (!marker.owner || now - marker.lastSent < DAY_MS) return;
  if (MailApp.getRemainingDailyQuota() < 1) return;
  const t = translator(locale);
  try {
    MailApp.sendEmail({ to: marker.owner, subject: t(SUBJECT[cause]), body: t(BODY[cause]) });
  } catch {
    // Not marked: the next run that meets the same cause tries again.
    return;
  }
  marker.markSent(now);
}
