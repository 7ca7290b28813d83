/**
 * Who may reveal 联系地址/证件号码 and who, besides the owner, may edit 配置:
 * two lists the owner keeps in script properties (never in a sheet, which any
 * editor could change). Parsing, checking and the one-time migration from the
 * 配置 grants of older versions are pure.
 */
import { splitList } from './config-values';
import { normaliseEmail } from './normalise';
import { isEmail } from './validate';

export interface AccessLists {
  /** May reveal the sealed fields. */
  reveal: string[];
  /** May edit 配置 (with the owner, who always may). */
  admins: string[];
}

/** The stored form of the lists; null when nothing (or something unreadable) is stored. */
export function parseAccess(stored: string | null | undefined): AccessLists | null {
  if (!stored) return null;
  try {
    const value: unknown = JSON.parse(stored);
    if (!value || typeof value !== 'object') return null;
    const { reveal, admins } = value as Record<string, unknown>;
    const list = (x: unknown) => (Array.isArray(x) ? x.filter((e): e is string => typeof e === 'string').map(normaliseEmail) : []);
    return { reveal: list(reveal), admins: list(admins) };
  } catch {
    return null;
  }
}

export function serialiseAccess(a: AccessLists): string {
  return JSON.stringify({ reveal: a.reveal, admins: a.admins });
}

/** Whether `email` is on the list (case and width as normalised; a blank is never on it). */
export function listed(list: readonly string[], email: string): boolean {
  const e = normaliseEmail(email);
  return e !== '' && list.includes(e);
}

/** The owner's input (one address a line, or separated by 、 , ;) as lists without repeats, or the first bad address. */
export function readAccessInput(reveal: unknown, admins: unknown): { ok: true; value: AccessLists } | { ok: false; bad: string } {
  const [r, a] = [reveal, admins].map((text) => [...new Set(splitList(typeof text === 'string' ? text : '').map(normaliseEmail))]) as [string[], string[]];
  const bad = [...r, ...a].find((e) => !isEmail(e));
  return bad === undefined ? { ok: true, value: { reveal: r, admins: a } } : { ok: false, bad };
}
