/**
 * Emulated UrlFetchApp and HTTPResponse. A fetch goes to the host-side model
 * of the remote endpoints (remote.ts), never to the network, and every
 * request is kept exactly as sent in state.http.outbox.
 *
 * What Google enforces, it enforces (local/runtime/README.md › URL Fetch has
 * the sources): the script.external_request scope when the manifest lists
 * its scopes, no authorised services in a simple trigger, the daily URL
 * Fetch calls per user (each request of a fetchAll is one), the per-call
 * limits (URL length, headers, POST and response size), an exception for a
 * failure status unless muteHttpExceptions, a DNS error for a host that does
 * not resolve (private addresses never do), and a deadline of about a
 * minute. The call is synchronous: the execution's clock moves on by Google's
 * share of the fetch and the endpoint's latency.
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import { googleError, googleText } from './google-errors';
import { URL_FETCH_LIMITS, dailyLimits, usageOf } from './limits';
import type { Remote, RemoteRequest } from './remote';
import { scriptIdOf } from './script-app';
import { httpState, type HttpAnswerState, type HttpMethodName, type HttpRequestRecord } from './state';
import { BlobEmu, decodeBytes, givenArgs, signatureError, toSignedBytes } from './utilities';

type Params = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

/** The scope every UrlFetchApp method needs (the UrlFetchApp reference). */
export const EXTERNAL_REQUEST_SCOPE = 'https://www.googleapis.com/auth/script.external_request';

/**
 * How long one fetch may wait for its answer: about 60 seconds, not
 * configurable (J. Poehnelt, "UrlFetchApp: The Unofficial Documentation",
 * 2025; not on Google's pages, so not confirmed).
 */
export const FETCH_DEADLINE_MS = 60_000;

/** Redirects followed before giving up (not confirmed: no source gives Google's number). */
const MAX_REDIRECTS = 10;

/** The failure message quotes this much of the body: 147 characters and "…" as three dots (three reported messages agree). */
const QUOTED_BODY = 150;

const METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Characters a URL may hold once escaped (RFC 3986: unreserved, reserved and '%'). */
const URL_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;

/** A request ready to send: validated, escaped, with the headers Google adds. */
interface Prepared {
  method: HttpMethodName;
  url: string;
  host: string;
  https: boolean;
  headers: Record<string, string>;
  body: Buffer;
  contentType: string;
  mute: boolean;
  followRedirects: boolean;
  validateCertificates: boolean;
}

/** What came back for one request (after its redirects): a response, or why none did. */
interface Outcome {
  ms: number;
  url: string;
  code?: number;
  headers?: [string, string][];
  body?: Buffer;
  failure?: 'dns' | 'timeout' | 'reset' | 'certificate' | 'redirects';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof BlobEmu);
}

/** Escaping on: spaces, controls and non-ASCII characters are percent-encoded (UTF-8); the rest is left as written. */
function escapeUrl(url: string): string | null {
  let out = '';
  for (const ch of url) {
    const code = ch.codePointAt(0)!;
    if (code > 0x20 && code < 0x7f) {
      out += ch;
      continue;
    }
    try {
      out += encodeURIComponent(ch);
    } catch {
      return null; // a lone surrogate cannot be encoded
    }
  }
  return out;
}

/** Hosts Google's fetchers never reach: loopback, private and link-local addresses (they fail as a DNS error). */
export function isPrivateHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '0.0.0.0' || h === '::1' || h === '::') return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  return h.includes(':') && /^(f[cd]|fe[89ab])/.test(h);
}

/** application/x-www-form-urlencoded, as a browser form sends it (spaces as '+'). */
function formEncode(fields: Record<string, unknown>): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return Object.entries(fields)
    .map(([k, v]) => `${enc(k)}=${enc(v === null || v === undefined ? '' : String(v))}`)
    .join('&');
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
  headers[name] = value;
}

/** The body's text for the outbox: UTF-8, or base64 when the bytes are not UTF-8. */
function payloadText(body: Buffer): { payload: string; payloadEncoding?: 'base64' } {
  const text = body.toString('utf8');
  return Buffer.from(text, 'utf8').equals(body) ? { payload: text } : { payload: body.toString('base64'), payloadEncoding: 'base64' };
}

/** Text of `body` in a charset; null for a charset nobody knows. US-ASCII is strict (the WHATWG label would mean windows-1252). */
function decodeText(body: Buffer, charset: string): string | null {
  const label = charset.trim().replace(/_/g, '-');
  if (/^(us-)?ascii$/i.test(label)) return decodeBytes(body, 'US-ASCII');
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return null;
  }
}

function answerHeaders(answer: HttpAnswerState): [string, string][] {
  return Object.entries(answer.headers ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, String(x)]) : [[k, String(v)]]));
}

export class HTTPResponseEmu
  implements Emulates<GoogleAppsScript.URL_Fetch.HTTPResponse, 'getResponseCode' | 'getContentText' | 'getContent' | 'getHeaders' | 'getAllHeaders' | 'getBlob'>
{
  constructor(
    private readonly env: Env,
    private readonly code: number,
    private readonly headers: readonly [string, string][],
    private readonly body: Buffer,
  ) {}

  getResponseCode(): number {
    this.env.meter.call('UrlFetch', 'HTTPResponse.getResponseCode');
    return this.code;
  }

  /**
   * In `charset` (any the WHATWG Encoding standard names: UTF-8, GBK, GB18030, …),
   * else the charset the response's Content-Type names, else UTF-8 (that
   * default is not confirmed). An unknown `charset` is refused.
   */
  getContentText(charset?: string): string {
    this.env.meter.call('UrlFetch', 'HTTPResponse.getContentText');
    if (charset !== undefined) {
      const text = decodeText(this.body, String(charset));
      if (text === null) throw googleError(this.env, 'urlFetchInvalid', { value: String(charset) });
      return text;
    }
    const declared = /charset=([^;]+)/i.exec(this.contentType() ?? '')?.[1]?.trim().replace(/^"|"$/g, '');
    return (declared === undefined ? null : decodeText(this.body, declared)) ?? this.body.toString('utf8');
  }

  getContent(): number[] {
    this.env.meter.call('UrlFetch', 'HTTPResponse.getContent');
    return toSignedBytes(this.body);
  }

  /** One value a header (the last one received when it came more than once: not confirmed). */
  getHeaders(): Record<string, string> {
    this.env.meter.call('UrlFetch', 'HTTPResponse.getHeaders');
    const out: Record<string, string> = {};
    for (const [k, v] of this.headers) out[k] = v;
    return out;
  }

  /** Headers that came more than once as arrays (the reference). */
  getAllHeaders(): Record<string, string | string[]> {
    this.env.meter.call('UrlFetch', 'HTTPResponse.getAllHeaders');
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of this.headers) {
      const seen = out[k];
      out[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
    }
    return out;
  }

  /** The body as a blob of the response's media type (without its parameters), unnamed. */
  getBlob(): BlobEmu {
    this.env.meter.call('UrlFetch', 'HTTPResponse.getBlob');
    const type = this.contentType()?.split(';')[0]!.trim() || null;
    return new BlobEmu(this.env, Buffer.from(this.body), type, null);
  }

  private contentType(): string | undefined {
    return this.headers.filter(([k]) => k.toLowerCase() === 'content-type').pop()?.[1];
  }
}

export class UrlFetchAppEmu implements Emulates<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch' | 'fetchAll' | 'getRequest'> {
  constructor(
    private readonly env: Env,
    private readonly remote: Remote,
  ) {}

  fetch(url: string, params?: Params): HTTPResponseEmu {
    const method = 'UrlFetchApp.fetch';
    this.env.meter.call('UrlFetch', method);
    this.authorise(method);
    const request = this.prepare(method, url, params);
    this.spendQuota(1);
    const outcome = this.send(request);
    this.env.meter.wait(outcome.ms);
    return this.conclude(request, outcome);
  }

  /**
   * The requests go out together and the call returns when the slowest has
   * answered (or met the deadline); every one is sent and recorded even when
   * one of them makes the call throw, as the first failure in request order does.
   */
  fetchAll(requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]): HTTPResponseEmu[] {
    const method = 'UrlFetchApp.fetchAll';
    this.env.meter.call('UrlFetch', method);
    this.authorise(method);
    if (!Array.isArray(requests)) throw signatureError(this.env, method, givenArgs(requests));
    const prepared = requests.map((r: unknown) => {
      if (typeof r === 'string') return this.prepare(method, r, undefined);
      if (isPlainObject(r)) return this.prepare(method, r.url, r as Params);
      throw signatureError(this.env, method, [requests]);
    });
    this.spendQuota(prepared.length);
    const outcomes = prepared.map((p) => this.send(p));
    this.env.meter.wait(Math.max(0, ...outcomes.map((o) => o.ms)));
    return prepared.map((p, i) => this.conclude(p, outcomes[i]!));
  }

  /** The request fetch would send, without sending it (nor spending quota). */
  getRequest(url: string, params?: Params): GoogleAppsScript.URL_Fetch.URLFetchRequest {
    const method = 'UrlFetchApp.getRequest';
    this.env.meter.call('UrlFetch', method);
    this.authorise(method);
    const p = this.prepare(method, url, params);
    const request: GoogleAppsScript.URL_Fetch.URLFetchRequest & { useIntranet: boolean } = {
      url: p.url,
      method: p.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
      contentType: p.contentType,
      payload: payloadText(p.body).payload,
      headers: { ...p.headers },
      muteHttpExceptions: p.mute,
      followRedirects: p.followRedirects,
      validateHttpsCertificates: p.validateCertificates,
      useIntranet: false,
    };
    return request;
  }

  /**
   * UrlFetchApp needs script.external_request: a simple trigger cannot have
   * it, and a manifest that lists its scopes must list it.
   */
  private authorise(method: string): void {
    const scopes = this.env.manifest?.oauthScopes;
    const listed = !Array.isArray(scopes) || scopes.includes(EXTERNAL_REQUEST_SCOPE);
    if (this.env.execution.authMode !== 'FULL' || !listed) throw googleError(this.env, 'urlFetchPermission', { method });
  }

  /** Counts `n` URL Fetch calls against the effective user's day, or refuses them all. */
  private spendQuota(n: number): void {
    const usage = usageOf(this.env.state, this.env.execution.effectiveUser, this.env.now());
    const used = usage.urlFetchCalls ?? 0;
    if (used + n > dailyLimits(this.env.state).urlFetchCalls) throw googleError(this.env, 'urlFetchQuota');
    usage.urlFetchCalls = used + n;
  }

  private prepare(method: string, url: unknown, params: Params | undefined): Prepared {
    if (typeof url !== 'string' || (params !== undefined && !isPlainObject(params))) throw signatureError(this.env, method, givenArgs(url, params));
    const o = params ?? {};
    const invalid = (value: string) => googleError(this.env, 'urlFetchInvalid', { value });
    const sent = o.escaping === false ? url : escapeUrl(url);
    if (sent === null || !URL_CHARS.test(sent) || /%(?![0-9A-Fa-f]{2})/.test(sent)) throw invalid(url);
    let parsed: URL;
    try {
      parsed = new URL(sent);
    } catch {
      throw invalid(url);
    }
    if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') throw invalid(url);
    if (sent.length > URL_FETCH_LIMITS.urlLength) throw googleError(this.env, 'urlFetchUrlLength');

    const verb = o.method === undefined || o.method === null ? 'get' : String(o.method).toLowerCase();
    if (!METHODS.has(verb)) throw invalid('method');

    const headers: Record<string, string> = {};
    if (o.headers !== undefined && o.headers !== null) {
      if (!isPlainObject(o.headers)) throw invalid('headers');
      for (const [k, v] of Object.entries(o.headers)) headers[k] = String(v);
    }
    const names = Object.keys(headers);
    if (names.length > URL_FETCH_LIMITS.headers) throw googleError(this.env, 'urlFetchHeaders');
    if (names.reduce((n, k) => n + Buffer.byteLength(k) + Buffer.byteLength(headers[k]!), 0) > URL_FETCH_LIMITS.headerBytes) {
      throw googleError(this.env, 'urlFetchHeaderSize');
    }

    const { body, contentType: payloadType } = this.body(o.payload);
    if (body.length > URL_FETCH_LIMITS.payloadBytes) throw googleError(this.env, 'urlFetchPostSize');
    const contentType = o.contentType !== undefined && o.contentType !== null ? String(o.contentType) : (headerValue(headers, 'content-type') ?? payloadType ?? 'application/x-www-form-urlencoded');
    // A GET carries no body ("Certain HTTP methods (e.g. GET) do not accept a payload"): it is not sent.
    const carried = verb === 'get' ? Buffer.alloc(0) : body;
    if (carried.length > 0) setHeader(headers, 'Content-Type', contentType);
    if (headerValue(headers, 'user-agent') === undefined) {
      headers['User-Agent'] = `Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: ${scriptIdOf(this.env.state)})`;
    }
    return {
      method: verb.toUpperCase() as HttpMethodName,
      url: sent,
      host: parsed.hostname.toLowerCase(),
      https: parsed.protocol === 'https:',
      headers,
      body: carried,
      contentType,
      mute: o.muteHttpExceptions === true,
      followRedirects: o.followRedirects !== false,
      validateCertificates: o.validateHttpsCertificates !== false,
    };
  }

  /** The bytes of a payload: text as UTF-8, an object as a form, a byte array or a Blob as they are. */
  private body(payload: unknown): { body: Buffer; contentType?: string } {
    if (payload === undefined || payload === null) return { body: Buffer.alloc(0) };
    if (typeof payload === 'string') return { body: Buffer.from(payload, 'utf8') };
    if (Array.isArray(payload)) return { body: Buffer.from(payload.map((b) => Number(b) & 255)) };
    if (payload instanceof BlobEmu) {
      const { bytes, contentType } = payload.hostContent();
      return { body: Buffer.from(bytes), contentType: contentType ?? undefined };
    }
    if (isPlainObject(payload)) {
      // Google sends an object holding a Blob as multipart/form-data; the product has no use for it yet.
      if (Object.values(payload).some((v) => v instanceof BlobEmu)) {
        throw this.env.meter.error('Exception: A Blob in a payload object (multipart/form-data) is not supported by the local runtime.');
      }
      return { body: Buffer.from(formEncode(payload), 'utf8'), contentType: 'application/x-www-form-urlencoded' };
    }
    return { body: Buffer.from(String(payload), 'utf8') };
  }

  /** Sends one request (and its redirects), records each in the outbox, and says what came back after how long. */
  private send(first: Prepared): Outcome {
    let request = first;
    let ms = 0;
    for (let hop = 0; ; hop++) {
      const at = this.env.now() + Math.floor(ms);
      const answer = isPrivateHost(request.host) ? null : this.remote.resolve(this.remoteRequest(request, at));
      const record: HttpRequestRecord = {
        at,
        user: this.env.execution.effectiveUser,
        method: request.method,
        url: request.url,
        headers: { ...request.headers },
        ...payloadText(request.body),
      };
      httpState(this.env.state).outbox.push(record);
      const latency = Math.max(0, answer?.latencyMs ?? 0);
      const fail = (failure: NonNullable<HttpRequestRecord['error']>, spent: number): Outcome => {
        record.error = failure;
        return { ms: spent, url: request.url, failure };
      };
      if (answer === null || answer.fault === 'dns') return fail('dns', ms);
      if (answer.fault === 'timeout' || ms + latency > FETCH_DEADLINE_MS) return fail('timeout', FETCH_DEADLINE_MS);
      ms += latency;
      if (answer.fault === 'reset') return fail('reset', ms);
      if (answer.invalidCertificate && request.https && request.validateCertificates) return fail('certificate', ms);
      const code = answer.code ?? 200;
      record.code = code;
      const headers = answerHeaders(answer);
      const body = answer.bodyBase64 !== undefined ? Buffer.from(answer.bodyBase64, 'base64') : Buffer.from(answer.body ?? '', 'utf8');
      const location = headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
      if (!request.followRedirects || ![301, 302, 303, 307, 308].includes(code) || location === undefined) {
        return { ms, url: request.url, code, headers, body };
      }
      if (hop >= MAX_REDIRECTS) return { ms, url: request.url, failure: 'redirects' };
      request = this.redirected(request, code, location);
    }
  }

  /** The request a redirect leads to: 307 and 308 keep the method and body, the others become a GET without one. */
  private redirected(from: Prepared, code: number, location: string): Prepared {
    let next: URL;
    try {
      next = new URL(location, from.url);
    } catch {
      throw googleError(this.env, 'urlFetchInvalid', { value: location });
    }
    const keep = code === 307 || code === 308;
    const headers = { ...from.headers };
    if (!keep) for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-type') delete headers[k];
    return {
      ...from,
      method: keep ? from.method : 'GET',
      url: next.href,
      host: next.hostname.toLowerCase(),
      https: next.protocol === 'https:',
      headers,
      body: keep ? from.body : Buffer.alloc(0),
    };
  }

  private remoteRequest(p: Prepared, at: number): RemoteRequest {
    return { method: p.method, url: p.url, host: p.host, headers: { ...p.headers }, payload: p.body.toString('utf8'), bytes: Buffer.from(p.body), at, user: this.env.execution.effectiveUser };
  }

  /** The response, or the exception Apps Script throws instead. */
  private conclude(request: Prepared, outcome: Outcome): HTTPResponseEmu {
    const env = this.env;
    switch (outcome.failure) {
      case 'dns':
        throw googleError(env, 'urlFetchDns', { url: outcome.url });
      case 'timeout':
        throw googleError(env, 'urlFetchTimeout', { url: outcome.url });
      case 'reset':
        throw googleError(env, 'urlFetchUnavailable', { url: outcome.url });
      case 'certificate':
        throw googleError(env, 'urlFetchCertificate', { url: outcome.url });
      case 'redirects':
        throw googleError(env, 'urlFetchRedirects', { url: outcome.url });
      case undefined:
        break;
    }
    const body = outcome.body!;
    if (body.length > URL_FETCH_LIMITS.responseBytes) throw googleError(env, 'urlFetchResponseSize');
    const code = outcome.code!;
    if (code >= 400 && !request.mute) {
      const text = body.toString('utf8');
      const quoted = text.length > QUOTED_BODY ? `${text.slice(0, QUOTED_BODY - 3)}...` : text;
      // The endpoint is named by scheme and host only ("Request failed for https://api.notion.com returned code 400").
      throw env.meter.error(`Exception: ${googleText(env, 'urlFetchFailed', { origin: new URL(outcome.url).origin, code, body: quoted })}`);
    }
    return new HTTPResponseEmu(env, code, outcome.headers!, body);
  }
}
