/**
 * The signers' primitive made of Node's crypto, shaped like Apps Script's
 * Utilities: results are SIGNED byte arrays (−128…127), strings are UTF-8, and
 * a byte-array argument must be signed too — an unsigned byte above 127 is
 * refused, as Apps Script's Byte[] parameters take only Java bytes.
 */
import { createHash, createHmac } from 'node:crypto';
import type { ByteArray, SigningPrimitives } from '../../src/domain/signing-primitives';

function input(v: string | ByteArray): Buffer {
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  for (const b of v) if (!Number.isInteger(b) || b < -128 || b > 127) throw new RangeError(`Not a signed byte: ${b}`);
  return Buffer.from(v.map((b) => b & 255));
}

export const signed = (b: Buffer): number[] => [...b].map((x) => (x > 127 ? x - 256 : x));

export const nodePrimitives: SigningPrimitives = {
  hmacSha256: (value, key) => signed(createHmac('sha256', input(key)).update(input(value)).digest()),
  sha256: (value) => signed(createHash('sha256').update(input(value)).digest()),
};

