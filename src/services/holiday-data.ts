/**
 * The warning that the working-time calendar lacks a year's statutory
 * holidays, in the words setup, 自检 and the weekly report all use: the bundled
 * data ends with its last published year, and a deadline past it must never
 * fall back to the plain work week without someone being told.
 */
import { fixedStatutoryDays, holidayYearMissing, STATUTORY_YEARS } from '../domain/calendar';
import { DAY_KIND } from '../domain/config-values';
import { listSeparator } from '../i18n/messages';
import type { AppContext } from './context';

export interface HolidayWarning {
  /** What is missing and what it does to deadlines. */
  text: string;
  /** What to add to 配置 › 日历, with the rows that can be added now. */
  fix: string;
}

/** The warning for the year the calendar needs and lacks now; null when nothing is missing. */
export function holidayWarning(ctx: AppContext): HolidayWarning | null {
  const year = holidayYearMissing(ctx.now.getTime(), ctx.config.calendar, ctx.utcOffset);
  if (year === null) return null;
  const rows = fixedStatutoryDays(year).map((day) => `${day} ${DAY_KIND.format('holiday')}`).join(listSeparator(ctx.config.locale));
  return {
    text: ctx.t('calendar.yearMissing', { year, last: STATUTORY_YEARS[STATUTORY_YEARS.length - 1] ?? '' }),
    fix: ctx.t('calendar.yearMissingFix', { year, rows }),
  };
}
