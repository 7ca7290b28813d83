/**
 * Percent-encoding of RFC 3986 as the signers need it: every UTF-8 byte
 * outside the unreserved set `A–Z a–z 0–9 - _ . ~` becomes `%XX` (upper-case
 * hex), so a space is `%20` and `*` is `%2A`, never `+` (Aliyun, "V3 request
 * body & signature": https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature,
 * CanonicalURI and CanonicalQueryString).
 *
 * Built on domain/crypto's UTF-8 encoder rather than encodeURIComponent, which
 * leaves `! ' ( ) *` as they are and throws on a lone surrogate (a customer's
 * text can hold one; it becomes U+FFFD here, as TextEncoder does).
 */
import { utf8Encode } from './crypto';

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

export function percentEncode(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const ch = String.fromCharCode(b);
    out += b < 0x80 && UNRESERVED.test(ch) ? ch : '%' + (b + 0x100).toString(16).slice(1).toUpperCase();
  }
  return out;
}
