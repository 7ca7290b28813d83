/**
 * Byte helpers the request signers need beside domain/crypto's UTF-8 and
 * Base64: lower-case hex, and Apps Script's signed byte arrays.
 *
 * `Utilities.computeDigest` and `computeHmacSha256Signature` return Java
 * bytes, −128…127 (docs/design.md, "Byte arrays are signed"); every helper
 * here reads a byte as `b & 255`, so signed and unsigned arrays give the same
 * result and a caller never has to convert first.
 */

/** Lower-case hex of bytes, signed or unsigned (the HexEncode of Tencent's and Aliyun's signing documents). */
export function toHex(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += ((bytes[i]! & 255) + 0x100).toString(16).slice(1);
  return out;
}

/** Bytes of a hex string (either case); throws RangeError on anything else. */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || /[^0-9a-fA-F]/.test(hex)) throw new RangeError('Not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Unsigned bytes (0…255) of a signed or unsigned byte array. */
export function unsignedBytes(bytes: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i]! & 255;
  return out;
}

/** Signed bytes (−128…127), the form Apps Script's byte-array parameters take. */
export function signedBytes(bytes: ArrayLike<number>): number[] {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]! & 255;
    out[i] = b > 127 ? b - 256 : b;
  }
  return out;
}
