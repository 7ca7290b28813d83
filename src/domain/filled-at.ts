/**
 * 填写日期 of a paper or phone form: when the customer filled it in or called,
 * as staff type it (sidebar) or paste it (导入). It is parsed in the script
 * zone, never guessed: a value that is not a date, lies in the future or is
 * older than FILLED_AT_MAX_AGE_DAYS is a problem for staff to fix, and a
 * blank means "as entered" (录入时间).
 */
import { localMidnight } from './local-time';
import type { Issue } from './validate';
import { quoted } from './normalise';
import { translator, type Locale } from '../i18n/messages';

/** Older forms are refused: a mistyped year or month, more likely than a form kept a month unentered. */
export const FILLED_AT_MAX_AGE_DAYS = 30;
/** A phone's or a wall clock's lead over the server's, which must not make "just now" a future time. */
const CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

// 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日; then optionally 14:30, 14:30:05, 14时30分, 14点30分, 14点.
const DATE_TIME = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:(?:\s+|T|\s*)(\d{1,2})\s*(?::|时|点)\s*(?:(\d{1,2})\s*(?::\s*(\d{1,2}))?\s*分?)?)?$/;

/**
 * The instant a typed 填写日期 names (local time at `utcOffset` minutes east of
 * UTC; a date alone is its midnight), or null when it names no real date and
 * time (2026-02-30, 25:00, free text).
 */
export function parseFilledAt(text: string, utcOffset: number): number | null {
  const m = DATE_TIME.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC rolls 2026-02-30 over into March: the day must come back as typed.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return localMidnight(year, month, day, utcOffset) + ((hour * 60 + minute) * 60 + second) * 1000;
}

export type FilledAt = { ok: true; ms: number | null } | { ok: false; issue: Issue };

/**
 * A typed 填写日期 checked against `nowMs`: its instant (null for a blank),
 * or the problem in plain words, naming the value and what to do.
 */
export function checkFilledAt(text: string | undefined, nowMs: number, utcOffset: number, locale: Locale, label: string): FilledAt {
  const value = (text ?? '').trim();
  if (value === '') return { ok: true, ms: null };
  const t = translator(locale);
  const ms = parseFilledAt(value, utcOffset);
  const issue = (code: string, message: string): FilledAt => ({ ok: false, issue: { field: 'submitted_at', code, message } });
  if (ms === null) return issue('format', t('validate.filledAtFormat', { label, value: quoted(value) }));
  if (ms > nowMs + CLOCK_SKEW_MS) return issue('future', t('validate.filledAtFuture', { label, value: quoted(value) }));
  if (ms < nowMs - FILLED_AT_MAX_AGE_DAYS * DAY_MS) {
    return issue('too_old', t('validate.filledAtTooOld', { label, value: quoted(value), days: FILLED_AT_MAX_AGE_DAYS }));
  }
  return { ok: true, ms };
}
