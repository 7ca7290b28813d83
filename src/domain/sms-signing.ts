/**
 * The two cloud API signatures the SMS requests carry, step by step so each
 * intermediate the vendors publish can be checked.
 *
 * 腾讯云 TC3-HMAC-SHA256 (签名方法 v3, one text under every product: https://cloud.tencent.com/document/api/362/4208,
 * https://cloud.tencent.com/document/api/306/57449; English "Signature v3", e.g.
 * https://tencentcloud.com/document/api/1105/41894):
 *   CanonicalRequest = Method \n "/" \n "" \n CanonicalHeaders \n SignedHeaders \n hex(sha256(payload)),
 *   headers "key:value\n" with key AND value lower-cased and trimmed, sorted by key (the current
 *   example signs content-type, host and x-tc-action; content-type and host are required);
 *   StringToSign = "TC3-HMAC-SHA256" \n timestamp \n date/service/tc3_request \n hex(sha256(CanonicalRequest)),
 *   the date being the UTC date of the timestamp ("如果加入系统本地时区信息 … 凌晨时调用必定失败");
 *   SecretDate = HMAC("TC3" + SecretKey, date), SecretService = HMAC(SecretDate, service),
 *   SecretSigning = HMAC(SecretService, "tc3_request"), Signature = hex(HMAC(SecretSigning, StringToSign));
 *   Authorization = "TC3-HMAC-SHA256 Credential=" + SecretId + "/" + scope + ", SignedHeaders=" + … + ", Signature=" + ….
 *   A timestamp more than five minutes from Tencent's clock fails (AuthFailure.SignatureExpire).
 *
 * 阿里云 ACS3-HMAC-SHA256 (V3 请求体&签名机制: https://help.aliyun.com/document_detail/2593177.html,
 * English https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature):
 *   CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n
 *   hex(sha256(body)); the query sorted by name, names and values RFC 3986-encoded; the headers
 *   host, content-type and every x-acs-* header, names lower-cased, values trimmed, sorted;
 *   StringToSign = "ACS3-HMAC-SHA256" \n hex(sha256(CanonicalRequest));
 *   Signature = hex(HMAC(AccessKeySecret, StringToSign)) — the raw secret, no derived key;
 *   Authorization = "ACS3-HMAC-SHA256 Credential=" + AccessKeyId + ",SignedHeaders=" + … + ",Signature=" + ….
 *   x-acs-date is UTC "yyyy-MM-ddTHH:mm:ssZ" within 15 minutes of the request; x-acs-signature-nonce
 *   is unique per request, and the caller supplies it (Apps Script's Utilities.getUuid).
 */
import { hmacHex, sha256Hex, type ByteArray, type SigningPrimitives } from './signing-primitives';
import { toHex } from './hex';
import { percentEncode } from './percent-encoding';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The UTC date (yyyy-MM-dd) of a Unix timestamp in seconds: the Date of TC3's credential scope. */
export function utcDate(timestampSec: number): string {
  const d = new Date(Math.floor(timestampSec) * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** ACS3's x-acs-date: UTC, to the second, `yyyy-MM-ddTHH:mm:ssZ`. */
export function acs3Date(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${utcDate(ms / 1000)}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
}

/** Canonical headers and the signed-header list of TC3 (names and values lower-cased and trimmed) or ACS3 (values trimmed only). */
function canonical(headers: Readonly<Record<string, string>>, lowerValues: boolean): { canonicalHeaders: string; signedHeaders: string } {
  const entries = Object.keys(headers)
    .map((k) => [k.trim().toLowerCase(), lowerValues ? headers[k]!.trim().toLowerCase() : headers[k]!.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    canonicalHeaders: entries.map(([k, v]) => `${k}:${v}\n`).join(''),
    signedHeaders: entries.map(([k]) => k).join(';'),
  };
}

// ---------------------------------------------------------------- TC3 (腾讯云)

export interface Tc3Request {
  secretId: string;
  secretKey: string;
  /** The product, as in its host: `sms` for sms.tencentcloudapi.com, `cvm` for the documented example. */
  service: string;
  host: string;
  action: string;
  /** X-TC-Timestamp: Unix seconds. */
  timestampSec: number;
  /** The body exactly as it is sent. */
  payload: string;
  /** Defaults to `application/json; charset=utf-8`. */
  contentType?: string;
  /** Whether x-tc-action is signed as well, as the current example does (default true). */
  signAction?: boolean;
}

export interface Tc3Signature {
  date: string;
  hashedPayload: string;
  canonicalHeaders: string;
  signedHeaders: string;
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  credentialScope: string;
  stringToSign: string;
  /** The derived keys, hex, as the document prints them. */
  secretDate: string;
  secretService: string;
  secretSigning: string;
  signature: string;
  authorization: string;
}

export function tc3SecretDate(p: SigningPrimitives, secretKey: string, date: string): number[] {
  return p.hmacSha256(date, `TC3${secretKey}`);
}

export function tc3SecretService(p: SigningPrimitives, secretDate: ByteArray, service: string): number[] {
  return p.hmacSha256(service, secretDate);
}

export function tc3SecretSigning(p: SigningPrimitives, secretService: ByteArray): number[] {
  return p.hmacSha256('tc3_request', secretService);
}

export function tc3Signature(p: SigningPrimitives, secretSigning: ByteArray, stringToSign: string): string {
  return hmacHex(p, stringToSign, secretSigning);
}

export function tc3Sign(p: SigningPrimitives, req: Tc3Request): Tc3Signature {
  const date = utcDate(req.timestampSec);
  const hashedPayload = sha256Hex(p, req.payload);
  const headers: Record<string, string> = { 'content-type': req.contentType ?? 'application/json; charset=utf-8', host: req.host };
  if (req.signAction !== false) headers['x-tc-action'] = req.action;
  const { canonicalHeaders, signedHeaders } = canonical(headers, true);
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, hashedPayload].join('\n');
  const hashedCanonicalRequest = sha256Hex(p, canonicalRequest);
  const credentialScope = `${date}/${req.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(Math.floor(req.timestampSec)), credentialScope, hashedCanonicalRequest].join('\n');
  const secretDate = tc3SecretDate(p, req.secretKey, date);
  const secretService = tc3SecretService(p, secretDate, req.service);
  const secretSigning = tc3SecretSigning(p, secretService);
  const signature = tc3Signature(p, secretSigning, stringToSign);
  return {
    date,
    hashedPayload,
    canonicalHeaders,
    signedHeaders,
    canonicalRequest,
    hashedCanonicalRequest,
    credentialScope,
    stringToSign,
    secretDate: toHex(secretDate),
    secretService: toHex(secretService),
    secretSigning: toHex(secretSigning),
    signature,
    authorization: `${TC3_ALGORITHM} Credential=${req.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

// ---------------------------------------------------------------- ACS3 (阿里云)

export interface Acs3Request {
  accessKeyId: string;
  accessKeySecret: string;
  method: 'GET' | 'POST';
  host: string;
  /** `/` for RPC-style APIs (Dysmsapi). */
  canonicalUri?: string;
  /** Parameters sent in the query string. */
  query: Readonly<Record<string, string>>;
  /** The body exactly as it is sent; '' for none. */
  body?: string;
  /** Signed when the request carries one. */
  contentType?: string;
  action: string;
  version: string;
  /** x-acs-date (acs3Date). */
  date: string;
  /** x-acs-signature-nonce. */
  nonce: string;
}

export interface Acs3Signature {
  canonicalQueryString: string;
  hashedPayload: string;
  canonicalHeaders: string;
  signedHeaders: string;
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  stringToSign: string;
  signature: string;
  authorization: string;
  /** The headers to send: the signed ones less host (the fetch sets it from the URL), plus Authorization. */
  headers: Record<string, string>;
}

/** The query string of RFC 3986-encoded name=value pairs sorted by name: canonical and sent alike, so the two cannot differ. */
export function acs3QueryString(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${percentEncode(k)}=${percentEncode(query[k]!)}`)
    .join('&');
}

export function acs3Sign(p: SigningPrimitives, req: Acs3Request): Acs3Signature {
  const canonicalQueryString = acs3QueryString(req.query);
  const hashedPayload = sha256Hex(p, req.body ?? '');
  const headers: Record<string, string> = {
    host: req.host,
    'x-acs-action': req.action,
    'x-acs-content-sha256': hashedPayload,
    'x-acs-date': req.date,
    'x-acs-signature-nonce': req.nonce,
    'x-acs-version': req.version,
  };
  if (req.contentType) headers['content-type'] = req.contentType;
  const { canonicalHeaders, signedHeaders } = canonical(headers, false);
  const canonicalRequest = [req.method, req.canonicalUri ?? '/', canonicalQueryString, canonicalHeaders, signedHeaders, hashedPayload].join('\n');
  const hashedCanonicalRequest = sha256Hex(p, canonicalRequest);
  const stringToSign = `${ACS3_ALGORITHM}\n${hashedCanonicalRequest}`;
  const signature = hmacHex(p, stringToSign, req.accessKeySecret);
  const authorization = `${ACS3_ALGORITHM} Credential=${req.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  const sent: Record<string, string> = { Authorization: authorization };
  for (const [k, v] of Object.entries(headers)) if (k !== 'host' && k !== 'content-type') sent[k] = v;
  return { canonicalQueryString, hashedPayload, canonicalHeaders, signedHeaders, canonicalRequest, hashedCanonicalRequest, stringToSign, signature, authorization, headers: sent };
}
