/**
 * The two hash primitives the request signers use, given by the caller so the
 * signers stay pure: on Apps Script they are `Utilities.computeHmacSha256Signature`
 * and `Utilities.computeDigest(SHA_256, …, UTF_8)` (services/signing-primitives.ts),
 * in tests Node's crypto.
 *
 * The shape is Apps Script's: results are SIGNED byte arrays (−128…127), a
 * string argument means its UTF-8 bytes, and an HMAC key may be a byte array
 * (the chained keys of TC3-HMAC-SHA256 are the previous HMAC's output). The
 * signers convert to hex and Base64 themselves (domain/hex.ts, domain/crypto.ts).
 */
import { toBase64 } from './crypto';
import { toHex, unsignedBytes } from './hex';

/** Bytes as Apps Script passes them: signed; unsigned values read the same (`b & 255`). */
export type ByteArray = readonly number[];

export interface SigningPrimitives {
  /** HMAC-SHA256 of `value` under `key`; a string is its UTF-8 bytes; the MAC as signed bytes. */
  hmacSha256(value: string | ByteArray, key: string | ByteArray): number[];
  /** SHA-256 of `value`; a string is its UTF-8 bytes; the digest as signed bytes. */
  sha256(value: string | ByteArray): number[];
}

/** Lower-case hex SHA-256 of a string's UTF-8 bytes (Lowercase(HexEncode(Hash.SHA256(…)))). */
export function sha256Hex(p: SigningPrimitives, value: string): string {
  return toHex(p.sha256(value));
}

/** Lower-case hex HMAC-SHA256. */
export function hmacHex(p: SigningPrimitives, value: string | ByteArray, key: string | ByteArray): string {
  return toHex(p.hmacSha256(value, key));
}

/** Standard, padded Base64 of an HMAC-SHA256. */
export function hmacBase64(p: SigningPrimitives, value: string | ByteArray, key: string | ByteArray): string {
  return toBase64(unsignedBytes(p.hmacSha256(value, key)));
}
