/**
 * How the emulated Sheets classes refuse: Apps Script's exceptions, thrown in
 * the bundle's realm, and the check that an argument is an object we handed
 * the bundle.
 */
import type { Env } from '../env';

/** Throws an Apps Script exception in the bundle's realm. */
export function fail(env: Env, message: string): never {
  throw env.meter.error(`Exception: ${message}`);
}

/** Unwraps an object the bundle got from us (a Sheet, Range, rule …). */
export function own<T>(env: Env, x: unknown, cls: abstract new (...args: never[]) => T, what: string): T {
  if (x instanceof cls) return x;
  return fail(env, `Invalid argument: ${what}`);
}
