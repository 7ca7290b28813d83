/** The script lock around every write that assigns numbers or must not run twice at once. */
import { t } from '../i18n/messages';

/** Another execution held the lock for too long: nothing was written; try again later. */
export class BusyError extends Error {}

export function withScriptLock<T>(fn: () => T, waitMs = 20000): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) throw new BusyError(t('error.busy'));
  try {
    const result = fn();
    // Pending writes must land before another execution can read the sheets.
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}
