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

/**
 * Whether the script lock is free right now (taken and given back at once,
 * two calls): a trigger that would only wait for it can step aside instead.
 * Another execution may take it a moment later; the caller still waits for it.
 */
export function scriptLockFree(): boolean {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(0)) return false;
  lock.releaseLock();
  return true;
}
