/**
 * Whether a push really comes from the form tool, where the tool signs it.
 *
 * - 问卷星 adds `sign` = sha1(activity + index + 推送密钥) to the body
 *   (https://www.showdoc.com.cn/wjxopenapi/7664690808275512). It covers the
 *   form and the entry number, not the answers: it tells who sent the push,
 *   not that the answers arrived unchanged (HTTPS does that).
 * - 金数据 and 腾讯问卷 document no signature of the body (腾讯问卷: “后续会增加可选的
 *   密钥项目用于校验”, https://wj.qq.com/docs/webhook/), and a web app's doPost
 *   cannot read request headers anyway: for them, as for every push, the
 *   shared token in the push URL (?token=, 配置 › 接口) is what admits it.
 *
 * The digest is injected, shaped like Apps Script's Utilities.computeDigest:
 * SHA-1 of the UTF-8 text as signed bytes (−128…127).
 */
import { constantTimeEqual } from './tokens';
import type { FormTool } from './form-tool-push';

/** SHA-1 of a text's UTF-8 bytes, as Utilities.computeDigest(SHA_1, text, UTF_8) returns it: signed bytes. */
export type Sha1Digest = (text: string) => readonly number[];

/** Lower-case hex of signed (or unsigned) bytes. */
export function hexOf(bytes: readonly number[]): string {
  return bytes.map((b) => (b & 255).toString(16).padStart(2, '0')).join('');
}

export type VerifyOutcome =
  | { ok: true; /** Whether a signature was checked (false: the URL token alone admits it). */ signed: boolean }
  | { ok: false; refused: 'bad_signature' | 'missing_signature' };

/** The push keys set for the tools that sign; a tool without one is not checked. */
export interface PushKeys {
  wjx?: string;
}

function idText(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

/**
 * 问卷星's signature of a parsed body. With a key set, a body without `sign`
 * (or without the index it covers) is refused: an unsigned push is exactly
 * what a forger would send. Never throws.
 */
export function verifyWjx(body: unknown, key: string, sha1: Sha1Digest): VerifyOutcome {
  const o = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const sign = typeof o.sign === 'string' ? o.sign.trim() : '';
  const activity = idText(o.activity);
  const index = idText(o.index);
  if (sign === '' || activity === undefined || index === undefined) return { ok: false, refused: 'missing_signature' };
  const expected = hexOf(sha1(activity + index + key));
  return constantTimeEqual(sign.toLowerCase(), expected) ? { ok: true, signed: true } : { ok: false, refused: 'bad_signature' };
}

/** Whether a push from `tool` may be filed, as far as its signature goes. */
export function verifyPush(tool: FormTool, body: unknown, keys: PushKeys, sha1: Sha1Digest): VerifyOutcome {
  if (tool === 'wjx' && keys.wjx) return verifyWjx(body, keys.wjx, sha1);
  return { ok: true, signed: false };
}
