/** The script lock around every write that assigns numbers or must not run twice at once. */
import { UserError } from '../i18n/user-error';

/** Another execution held the lock for too long: nothing was written; try again later. */
export class BusyError extends UserError<'error.busy'> {
  constructor() {
    super('error.busy');
  }
}

export function withScriptLock<T>(fn: () => T, waitMs = 20000): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) throw new BusyError();
  try {
    const result = fn();
    // Pending writes must land before another execution can read the sheets.
    SpreadsheetApp.flush();
    return result;
  } finally {
    lock.releaseLock();
  }
}
