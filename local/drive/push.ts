/**
 * A form tool's push, as 金数据, 问卷星 or 腾讯问卷 would send it: the body
 * POSTed verbatim to the web app at the push URL the owner pasted into the
 * tool (`?tool=…&token=…`). A tool not switched on yet is switched on first
 * as the owner would (客户管理 › 表单工具推送), and 问卷星's `sign` is made
 * as 问卷星 makes it when a 推送密钥 is set. Used by `cli submit --via
 * jinshuju|wjx|tencent`, the tests and the README's samples.
 */
import { createHash } from 'node:crypto';
import type { Runtime } from '../runtime/runtime';
import type { SubmitLine } from './submit';

export const PUSH_VIAS = ['jinshuju', 'wjx', 'tencent'] as const;
export type PushVia = (typeof PUSH_VIAS)[number];

interface Secrets { token?: string; signKey?: string }

function secretsOf(rt: Runtime, tool: PushVia): Secrets {
  try {
    const all = JSON.parse(rt.state.properties.script['FORM_TOOL_SECRETS'] ?? '{}') as Record<string, Secrets>;
    return all[tool] ?? {};
  } catch {
    return {};
  }
}

/** The owner switches the tool on in the dialog; what it returns (or why not). */
function switchOn(rt: Runtime, tool: PushVia): string | null {
  const r = rt.run('renewFormToolToken', [tool], { user: rt.state.owner });
  return r.ok ? null : (r.error ?? 'failed');
}

/**
 * 问卷星's sign, made as its documentation says (sha1 of activity + index +
 * 推送密钥, https://www.showdoc.com.cn/wjxopenapi/7664690808275512), into a
 * body that left it blank; a body that carries a sign of its own keeps it.
 */
function signedAsWjx(text: string, key: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return text;
  const o = body as Record<string, unknown>;
  if (typeof o.sign === 'string' && o.sign !== '') return text;
  if (o.activity === undefined || o.index === undefined) return text;
  const sign = createHash('sha1').update(`${String(o.activity)}${String(o.index)}${key}`, 'utf8').digest('hex');
  return JSON.stringify({ ...o, sign });
}

export interface PushOptions {
  /** Sent instead of the stored token (a wrong one, to see it refused). */
  token?: string;
}

/**
 * The pushes a file holds: a JSON array is one push per element, anything
 * else one push of the text exactly as written (not JSON included: the tool
 * would send it so, and the reply says why it was refused).
 */
export function pushBodies(text: string): string[] {
  try {
    const data: unknown = JSON.parse(text);
    if (Array.isArray(data)) return data.map((d) => JSON.stringify(d));
  } catch {
    // One body, as it is.
  }
  return [text];
}

/** One line per push: the reply's result (accepted, review, duplicate, ignored) or its refusal with `status` and `code`. */
export function submitPushes(rt: Runtime, tool: PushVia, bodies: readonly string[], opts: PushOptions = {}): { lines: SubmitLine[]; switchedOn: boolean } {
  let switchedOn = false;
  if (opts.token === undefined && !secretsOf(rt, tool).token) {
    const error = switchOn(rt, tool);
    if (error) return { lines: bodies.map((_, index) => ({ index, outcome: 'failed', error })), switchedOn };
    switchedOn = true;
  }
  const { token = '', signKey } = secretsOf(rt, tool);
  const sent = opts.token ?? token;
  const lines = bodies.map((raw, index): SubmitLine => {
    const contents = tool === 'wjx' && signKey ? signedAsWjx(raw, signKey) : raw;
    const parameter = { tool, token: sent };
    const queryString = `tool=${tool}&token=${encodeURIComponent(sent)}`;
    const r = rt.run('doPost', [{
      postData: { contents, type: 'application/json', length: contents.length, name: 'postData' },
      parameter, parameters: { tool: [tool], token: [sent] }, contextPath: '', contentLength: contents.length, queryString,
    }], { user: '' });
    if (!r.ok) return { index, outcome: 'failed', error: r.error };
    const reply = JSON.parse((r.value as { getContent(): string }).getContent()) as {
      ok: boolean; status: number; code?: string; error?: string; results?: Record<string, unknown>[]; unmapped?: string[];
    };
    const result = reply.results?.[0];
    if (!result) return { index, outcome: 'refused', status: reply.status, code: reply.code, error: reply.error };
    const { index: _i, ...rest } = result;
    return { index, ...rest, outcome: String(rest.outcome), ...(reply.unmapped?.length ? { unmapped: reply.unmapped } : {}) };
  });
  return { lines, switchedOn };
}
