/**
 * Apps Script primitives the use cases need, in one place: time in the
 * script time zone, randomness and HMAC (Apps Script returns signed bytes).
 * UTF-8 and base64 are pure functions in domain/crypto (no service calls).
 */
import { utf8Encode } from '../domain/crypto';
import { UNKNOWN_STAFF } from '../domain/vocabulary';

/**
 * The staff member acting: the edit event's user, else the active user. Never
 * the effective user: in a trigger that is whoever installed it, not the person
 * at the keyboard. Apps Script may hide both (another domain's account).
 */
export function actingStaff(eventUser?: GoogleAppsScript.Base.User): string {
  return (eventUser && eventUser.getEmail()) || Session.getActiveUser().getEmail() || UNKNOWN_STAFF;
}

/** The manifest's time zone (appsscript.json), which the calendar and numbering assume. */
export const SCRIPT_TIME_ZONE = 'Asia/Shanghai';

export function scriptTimeZone(): string {
  return Session.getScriptTimeZone() || SCRIPT_TIME_ZONE;
}

/** Minutes east of UTC of the script time zone at `date` (Asia/Shanghai: 480). */
export function utcOffsetMinutes(date: Date, timeZone = scriptTimeZone()): number {
  const z = Utilities.formatDate(date, timeZone, 'Z'); // e.g. +0800
  const m = /^([+-])(\d\d)(\d\d)$/.exec(z);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** The local day (yyyy-MM-dd) of `date` in the script zone: what daily counters are keyed by. */
export function formatDay(date: Date, timeZone = scriptTimeZone()): string {
  return Utilities.formatDate(date, timeZone, 'yyyy-MM-dd');
}

export function formatDateTime(date: Date, timeZone = scriptTimeZone()): string {
  return Utilities.formatDate(date, timeZone, 'yyyy-MM-dd HH:mm');
}

/** Unsigned bytes from Apps Script's signed byte arrays. */
export function toUnsigned(bytes: readonly number[]): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! & 255;
  return out;
}

/** Signed bytes (−128…127), as Apps Script's byte-array parameters expect. */
export function toSigned(bytes: Uint8Array): number[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! > 127 ? bytes[i]! - 256 : bytes[i]!;
  return out;
}

/**
 * `n` random bytes. Apps Script has no crypto.getRandomValues: the entropy
 * comes from Utilities.getUuid() (random v4 UUIDs), whitened by SHA-256.
 */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    const seed = Utilities.getUuid() + Utilities.getUuid();
    const digest = toUnsigned(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, seed));
    const take = Math.min(digest.length, n - filled);
    out.set(digest.subarray(0, take), filled);
    filled += take;
  }
  return out;
}

/** SHA-256 of `text` (UTF-8) as lower-case hex: a deterministic stand-in for a key too long to store as it is. */
export function sha256Hex(text: string): string {
  let hex = '';
  for (const b of Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8)) hex += ((b & 255) + 0x100).toString(16).slice(1);
  return hex;
}

/** HMAC-SHA256 of `text` under `key`, as lower-case hex (the blind index). */
export function hmacHex(text: string, key: Uint8Array): string {
  const sig = Utilities.computeHmacSha256Signature(toSigned(utf8Encode(text)), toSigned(key));
  let hex = '';
  for (const b of sig) hex += ((b & 255) + 0x100).toString(16).slice(1);
  return hex;
}
