/**
 * 待客户补充 as pure rules. A ticket waiting for the customer stops its
 * clock: while it waits it is neither overdue nor escalated (overdue.ts), and
 * when the wait ends (staff move on, or the customer answers the 请补充信息
 * mail) its 截止时间 moves on by the working time the wait lasted, so the team
 * gets back exactly the time it spent waiting. The working minutes of every
 * pause are summed per ticket, for the reports to count apart.
 */
import { addWorkingMinutes, workingMinutesBetween, type CalendarSettings } from './calendar';

export interface PausedTicket {
  /** When the current pause began (暂停开始); null when none is recorded. */
  pausedAtMs: number | null;
  /** Working minutes of the earlier pauses (暂停工作分钟). */
  pausedMinutes: number;
  deadlineMs: number | null;
}

export interface PauseEnd {
  /** Working minutes this pause lasted (whole minutes). */
  minutes: number;
  /** The moved deadline; null when the ticket has none. */
  deadlineMs: number | null;
  /** Working minutes of all its pauses, this one included. */
  totalMinutes: number;
}

/** What ending a pause at `nowMs` does; null when no pause is recorded (nothing to move). */
export function endPause(t: PausedTicket, nowMs: number, cal: CalendarSettings, utcOffset: number): PauseEnd | null {
  if (t.pausedAtMs === null) return null;
  const minutes = Math.max(0, Math.round(workingMinutesBetween(t.pausedAtMs, nowMs, cal, utcOffset)));
  const deadlineMs = t.deadlineMs === null ? null : minutes === 0 ? t.deadlineMs : addWorkingMinutes(t.deadlineMs, minutes, cal, utcOffset);
  return { minutes, deadlineMs, totalMinutes: Math.max(0, t.pausedMinutes) + minutes };
}

/** Working minutes as the hours staff read: one decimal, no trailing ".0" (90 → "1.5", 120 → "2"). */
export function workingHoursText(minutes: number): string {
  return String(Math.round(Math.max(0, minutes) / 6) / 10);
}
