/**
 * How long something is overdue, in the units staff read at a glance: whole
 * days and hours (2 天 3 小时), hours alone under a day, "under an hour" below
 * that. The numbers are decided here; the catalogue (duration.*) says them.
 */
import type { Translate } from '../i18n/messages';

export interface Span {
  days: number;
  /** 0–23 when `days` > 0. */
  hours: number;
}

const HOUR_MS = 3_600_000;

/** Whole days and the whole hours left over (rounded down; negative counts as 0). */
export function overdueSpan(ms: number): Span {
  const total = Math.max(0, Math.floor(ms / HOUR_MS));
  return { days: Math.floor(total / 24), hours: total % 24 };
}

/** A span in words: "2 天 3 小时", "2 天", "5 小时", "不到 1 小时". */
export function spanText(t: Translate, s: Span): string {
  if (s.days > 0) return s.hours > 0 ? t('duration.daysHours', { days: s.days, hours: s.hours }) : t('duration.days', { days: s.days });
  return s.hours > 0 ? t('duration.hours', { hours: s.hours }) : t('duration.underHour');
}
