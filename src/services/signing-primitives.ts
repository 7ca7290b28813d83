/**
 * The request signers' hash primitives on Apps Script: Utilities'
 * HMAC-SHA256 and SHA-256, whose results are signed byte arrays (−128…127),
 * exactly the shape domain/signing-primitives.ts asks for.
 *
 * Strings are always hashed as UTF-8: without a charset Utilities reads a
 * string as US-ASCII (every Chinese character as '?', local/runtime/README.md),
 * and `computeHmacSha256Signature` has no overload mixing a string with a byte
 * array, so a string beside bytes is encoded here first.
 */
import { utf8Encode } from '../domain/crypto';
import { signedBytes } from '../domain/hex';
import type { ByteArray, SigningPrimitives } from '../domain/signing-primitives';

const bytes = (v: string | ByteArray): number[] => (typeof v === 'string' ? signedBytes(utf8Encode(v)) : signedBytes(v));

export function appsScriptSigningPrimitives(): SigningPrimitives {
  return {
    hmacSha256(value, key) {
      if (typeof value === 'string' && typeof key === 'string') return Utilities.computeHmacSha256Signature(value, key, Utilities.Charset.UTF_8);
      return Utilities.computeHmacSha256Signature(bytes(value), bytes(key));
    },
    sha256(value) {
      if (typeof value === 'string') return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, value, Utilities.Charset.UTF_8);
      return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, bytes(value));
    },
  };
}
