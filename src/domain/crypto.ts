/**
 * Field encryption at rest (AES-256-GCM-SIV), display masks for sensitive
 * fields, and the byte/text conversions they need.
 *
 * Apps Script has no TextEncoder/TextDecoder and no crypto.getRandomValues, so
 * UTF-8 and Base64 are plain JS here and the nonce is always supplied by the
 * caller. GCM-SIV is nonce-misuse resistant: a repeated nonce only reveals
 * that two plaintexts are equal, which matters because the entropy source
 * available to Apps Script is not documented.
 *
 * A field may be bound to its place (associated data): the sheet, the row's
 * key and the field it was sealed for. It then opens only there, so a sealed
 * cell copied into another customer's row or another field is refused, not
 * decrypted as if it belonged there.
 */
import { gcmsiv } from '@noble/ciphers/aes.js';

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed field that cannot be opened: wrong key, tampered or truncated data. */
export class FieldCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

function assertLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new RangeError(`${what} must be ${length} bytes`);
  }
}

/**
 * The associated data naming a place: each part prefixed by its length, so
 * that no two lists of parts give the same bytes whatever they hold (an id
 * from outside may contain any character).
 */
export function placeData(parts: readonly string[]): Uint8Array {
  return utf8Encode(parts.map((p) => `${p.length}:${p}`).join(''));
}

/** Encrypts a field: nonce ‖ ciphertext ‖ tag; with `place`, it opens only with the same place. */
export function sealField(plain: Uint8Array, key: Uint8Array, nonce: Uint8Array, place?: Uint8Array): Uint8Array {
  assertLength(key, KEY_BYTES, 'The field key');
  assertLength(nonce, NONCE_BYTES, 'The nonce');
  const body = gcmsiv(key, nonce, place).encrypt(plain);
  const sealed = new Uint8Array(NONCE_BYTES + body.length);
  sealed.set(nonce, 0);
  sealed.set(body, NONCE_BYTES);
  return sealed;
}

/** Decrypts a sealed field; throws FieldCryptoError on a wrong key, another place or any change to the data. */
export function openField(sealed: Uint8Array, key: Uint8Array, place?: Uint8Array): Uint8Array {
  assertLength(key, KEY_BYTES, 'The field key');
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new FieldCryptoError('Sealed field is truncated');
  try {
    return gcmsiv(key, sealed.subarray(0, NONCE_BYTES), place).decrypt(sealed.subarray(NONCE_BYTES));
  } catch {
    throw new FieldCryptoError('Sealed field cannot be opened: wrong key, another place or tampered data');
  }
}

/** Keeps `head` leading and `tail` trailing characters, starring the rest; short values are starred entirely. */
function maskMiddle(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(-tail).join('');
}

/** `11010519491231002X` → `110***********002X`. */
export function maskIdNumber(id: string): string {
  return maskMiddle(id, 3, 4);
}

/** `13800138000` → `138****8000`. */
export function maskMobile(mobile: string): string {
  return maskMiddle(mobile, 3, 4);
}

/** The first 6 characters, then `****` (at most half of a short address is shown). */
export function maskAddress(address: string): string {
  const chars = Array.from(address);
  if (chars.length === 0) return '';
  return chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('') + '****';
}

/** UTF-8 bytes of a string, as TextEncoder: a lone surrogate becomes U+FFFD. */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}

/** A string from UTF-8 bytes, as TextDecoder (WHATWG decoder, malformed sequences → U+FFFD). */
export function utf8Decode(bytes: Uint8Array): string {
  const units: number[] = [];
  const chunks: string[] = [];
  const emit = (cp: number) => {
    if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    else units.push(cp);
    if (units.length >= 8192) chunks.push(String.fromCharCode(...units.splice(0)));
  };
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (needed === 0) {
      if (b <= 0x7f) emit(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x7;
      } else emit(0xfffd);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence breaks off: replace it and read this byte afresh.
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
      emit(0xfffd);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      emit(cp);
      needed = seen = cp = 0;
    }
  }
  if (needed !== 0) emit(0xfffd);
  chunks.push(String.fromCharCode(...units));
  return chunks.join('');
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard Base64 with padding (the form of Apps Script's `Utilities.base64Encode`). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64_ALPHABET[n >> 18] + BASE64_ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64_ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64_ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Bytes of standard Base64, padded or not; throws RangeError on anything else. */
export function fromBase64(s: string): Uint8Array {
  const body = s.replace(/={1,2}$/, '');
  if ((body !== s && s.length % 4 !== 0) || body.length % 4 === 1) throw new RangeError('Not Base64');
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const ch of body) {
    const v = BASE64_ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError('Not Base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}
