/**
 * The far side of UrlFetchApp: the endpoints a fetch reaches (team-chat
 * robots, SMS gateways), modelled on the host. Nothing leaves the machine.
 *
 * Two kinds of responder answer a request, by host (`oapi.dingtalk.com`) or
 * URL prefix (`https://oapi.dingtalk.com/robot/send`), the longest match
 * winning:
 * - functions registered with `on()`, for tests: they see the request and
 *   answer as they like; they live on the Runtime only (a function cannot be
 *   saved in state.json);
 * - declarative responders in state.http.responders (`answer`, `outage`,
 *   `failNext`, `latency`): plain data, so the CLI and the demo keep them
 *   from one command to the next.
 * On a tie a function wins. A request nothing answers does not resolve (the
 * fetch throws a DNS error, as for a host that does not exist).
 */
import type { Env } from './env';
import { httpState, type HttpAnswerState, type HttpMethodName, type HttpRequestRecord, type HttpResponderState } from './state';

/** A request as the endpoint receives it. */
export interface RemoteRequest {
  method: HttpMethodName;
  /** As sent (after UrlFetchApp's escaping). */
  url: string;
  /** Lower-cased host name, without the port. */
  host: string;
  headers: Record<string, string>;
  /** The body as UTF-8 text ('' when none). */
  payload: string;
  bytes: Buffer;
  /** When it arrives, on the emulated clock. */
  at: number;
  /** The effective user the fetch runs as. */
  user: string;
}

export type Responder = (request: RemoteRequest) => HttpAnswerState;

/** The answer of a declarative responder nobody configured yet: 200 with an empty body. */
const DEFAULT_ANSWER: HttpAnswerState = { code: 200, body: '' };
/** What an outage or a failure plan answers unless told: 503. */
const DEFAULT_FAILURE: HttpAnswerState = { code: 503, body: '' };

/** True when `match` (a host or a URL prefix) covers the request. */
function covers(match: string, url: string, host: string): boolean {
  return match.includes('://') ? url.startsWith(match) : match.toLowerCase() === host;
}

export class Remote {
  private handlers: { match: string; respond: Responder }[] = [];

  constructor(private readonly env: Env) {}

  /** Every request sent so far, oldest first (state.http.outbox). */
  get outbox(): readonly HttpRequestRecord[] {
    return this.env.state.http?.outbox ?? [];
  }

  /** Host: `respond` answers requests to `match`, until the returned function removes it. */
  on(match: string, respond: Responder): () => void {
    const entry = { match, respond };
    this.handlers.push(entry);
    return () => {
      this.handlers = this.handlers.filter((h) => h !== entry);
    };
  }

  /** Host: the declarative endpoint at `match` answers `answer` (replacing its normal answer; its outage and failures stay). */
  answer(match: string, answer: HttpAnswerState): void {
    this.responder(match).answer = { ...answer };
  }

  /** Host: requests to `match` take `ms` more before their answer. */
  latency(match: string, ms: number): void {
    const r = this.responder(match);
    r.answer = { ...r.answer, latencyMs: ms };
  }

  /** Host: until `until` (epoch ms) every request to `match` gets `answer` (default 503), then the normal answer again. */
  outage(match: string, until: number, answer: HttpAnswerState = DEFAULT_FAILURE): void {
    this.responder(match).outage = { until, answer: { ...answer } };
  }

  /** Host: the next `times` requests to `match` get `answer` (default 503). */
  failNext(match: string, times: number, answer: HttpAnswerState = DEFAULT_FAILURE): void {
    this.responder(match).failNext = { remaining: times, answer: { ...answer } };
  }

  /** Host: forget every responder, functions and declarative ones (the outbox stays). */
  clear(): void {
    this.handlers = [];
    if (this.env.state.http) this.env.state.http.responders = [];
  }

  /**
   * The answer to a request, or null when nothing answers for its host. A
   * declarative responder's failure plan is consumed here (one failure per
   * request); an outage that is over is dropped.
   */
  resolve(request: RemoteRequest): HttpAnswerState | null {
    const fn = this.handlers
      .filter((h) => covers(h.match, request.url, request.host))
      .reduce<{ match: string; respond: Responder } | null>((best, h) => (best && best.match.length > h.match.length ? best : h), null);
    const declared = (this.env.state.http?.responders ?? [])
      .filter((r) => covers(r.match, request.url, request.host))
      .reduce<HttpResponderState | null>((best, r) => (best && best.match.length >= r.match.length ? best : r), null);
    if (fn && (!declared || fn.match.length >= declared.match.length)) return fn.respond(request);
    if (!declared) return null;
    if (declared.outage) {
      if (request.at < declared.outage.until) return declared.outage.answer;
      delete declared.outage;
    }
    if (declared.failNext && declared.failNext.remaining > 0) {
      const answer = declared.failNext.answer;
      declared.failNext.remaining -= 1;
      if (declared.failNext.remaining === 0) delete declared.failNext;
      return answer;
    }
    return declared.answer;
  }

  /** The declarative responder at exactly `match`, made (answering 200) when there is none. */
  private responder(match: string): HttpResponderState {
    const list = httpState(this.env.state).responders;
    let r = list.find((x) => x.match === match);
    if (!r) {
      r = { match, answer: { ...DEFAULT_ANSWER } };
      list.push(r);
    }
    return r;
  }
}
