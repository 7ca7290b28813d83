/**
 * The secrets of the form-tool pushes: per tool, the token its push URL
 * carries (`?tool=jinshuju&token=…`), and for 问卷星 the 推送密钥 its `sign`
 * is made with. They live in one script property (services/store.ts), set
 * by the owner only, never in the sheet: an editor of 配置 could otherwise
 * read them or file entries as any form tool.
 */
import { FORM_TOOLS, type FormTool } from './form-tool-push';
import { constantTimeEqual } from './tokens';

export interface ToolSecret {
  /** What the push URL carries; a push without it is refused. */
  token: string;
  /** 问卷星's 推送密钥 (sign = sha1(activity + index + 推送密钥)); only 问卷星 signs. */
  signKey?: string;
}

/** The tools whose pushes are switched on, each with its secrets. */
export type FormToolSecrets = Partial<Record<FormTool, ToolSecret>>;

/** A token is the hex of two UUIDs' random parts at least: this short a value is no token the product made. */
export const MIN_TOKEN_LENGTH = 32;
/** 问卷星's customer service gives the key; anything this long is a paste gone wrong. */
export const MAX_SIGN_KEY_LENGTH = 200;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The stored JSON as secrets. Anything unreadable counts as no secret at all
 * (every push refused until the owner makes a token again), never as a token
 * that would admit anyone.
 */
export function parseFormToolSecrets(stored: string | null): FormToolSecrets {
  if (!stored) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const out: FormToolSecrets = {};
  for (const tool of FORM_TOOLS) {
    const s = parsed[tool];
    if (!isRecord(s) || typeof s.token !== 'string' || s.token.length < MIN_TOKEN_LENGTH) continue;
    out[tool] = { token: s.token, ...(tool === 'wjx' && typeof s.signKey === 'string' && s.signKey !== '' ? { signKey: s.signKey } : {}) };
  }
  return out;
}

export function serialiseFormToolSecrets(secrets: FormToolSecrets): string {
  return JSON.stringify(Object.fromEntries(FORM_TOOLS.filter((t) => secrets[t]).map((t) => [t, secrets[t]])));
}

/** Which tool a push URL names (`?tool=`), by its code; null for anything else. */
export function toolOfParameter(value: unknown): FormTool | null {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return (FORM_TOOLS as readonly string[]).includes(v) ? (v as FormTool) : null;
}

/** Whether the URL's token is this tool's: compared in constant time; a tool switched off admits nothing. */
export function tokenAdmits(secrets: FormToolSecrets, tool: FormTool, given: unknown): boolean {
  const expected = secrets[tool]?.token;
  return expected !== undefined && constantTimeEqual(typeof given === 'string' ? given : '', expected);
}

/**
 * The URL to paste into the tool's push settings: the web app's URL with the
 * tool and its token. The token is URL-safe (hex), so nothing needs escaping.
 */
export function pushUrl(webAppUrl: string, tool: FormTool, token: string): string {
  return `${webAppUrl}${webAppUrl.includes('?') ? '&' : '?'}tool=${tool}&token=${encodeURIComponent(token)}`;
}

/** A 推送密钥 as pasted: surrounding blanks dropped; null when it cannot be one (blank, too long, or with a line break). */
export function readSignKey(typed: unknown): string | null {
  const key = typeof typed === 'string' ? typed.trim() : '';
  if (key === '' || key.length > MAX_SIGN_KEY_LENGTH || /[\r\n]/.test(key)) return null;
  return key;
}
