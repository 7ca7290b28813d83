/**
 * The one definition of "overdue", shared by the reports, the supervisors'
 * weekly digest and the hourly reminders. At an instant, an open ticket (a
 * status before 问题已解决) is
 *   超过处理时限: its 截止时间 has passed, and/or
 *   首次响应超时: it has no 首次响应时间 and its first-response time limit
 *                 (by priority, from 提交时间, in working time) has passed.
 * A ticket may be both; "overdue" means at least one of the two. A ticket
 * waiting for the customer (待客户补充) is neither: its clock is stopped.
 */
import { deadlineFor, type CalendarSettings, type Sla } from './calendar';
import { isDone, isPaused } from './vocabulary';

export type OverdueKind = 'deadline' | 'firstResponse';

export interface OverdueTiming {
  status: string;
  priority: string;
  submittedMs: number | null;
  deadlineMs: number | null;
  firstResponseMs: number | null;
}

export interface OverdueRules {
  calendar: CalendarSettings;
  /** First-response time limit by priority; null: none applies (no 首次响应超时 at all). */
  firstResponse: Readonly<Record<string, Sla>> | null;
  utcOffset: number;
}

/** For each kind that applies, when it became due (ms); absent when that kind is not late. */
export type OverdueSince = Partial<Record<OverdueKind, number>>;

/** The first-response due time of a ticket, or null when no limit applies to it. */
export function firstResponseDue(t: Pick<OverdueTiming, 'priority' | 'submittedMs'>, rules: OverdueRules): number | null {
  const sla = rules.firstResponse?.[t.priority];
  if (!sla || t.submittedMs === null) return null;
  return deadlineFor(t.submittedMs, sla, rules.calendar, rules.utcOffset);
}

/** Which kinds of overdue a ticket is at `nowMs` (empty when it is done or on time). */
export function overdueAt(t: OverdueTiming, nowMs: number, rules: OverdueRules): OverdueSince {
  const out: OverdueSince = {};
  // A ticket waiting for the customer (待客户补充) has its clock stopped: late neither way until it resumes.
  if (isDone(t.status) || isPaused(t.status)) return out;
  if (t.deadlineMs !== null && t.deadlineMs < nowMs) out.deadline = t.deadlineMs;
  if (t.firstResponseMs === null) {
    const due = firstResponseDue(t, rules);
    if (due !== null && due < nowMs) out.firstResponse = due;
  }
  return out;
}

export function isOverdue(s: OverdueSince): boolean {
  return s.deadline !== undefined || s.firstResponse !== undefined;
}

/** The kind that has been late longest (the deadline on a tie), with how long; null when on time. */
export function worstOverdue(s: OverdueSince, nowMs: number): { kind: OverdueKind; sinceMs: number; overdueMs: number } | null {
  const kinds = (['deadline', 'firstResponse'] as const).filter((k) => s[k] !== undefined);
  if (kinds.length === 0) return null;
  const kind = kinds.reduce((a, b) => (s[b]! < s[a]! ? b : a));
  return { kind, sinceMs: s[kind]!, overdueMs: nowMs - s[kind]! };
}

export interface OverdueCounts {
  /** 超过处理时限 */
  deadline: number;
  /** 首次响应超时 */
  firstResponse: number;
  /** Tickets late in either way (a ticket late both ways counts once). */
  any: number;
}

export function countOverdue(all: readonly OverdueSince[]): OverdueCounts {
  const c: OverdueCounts = { deadline: 0, firstResponse: 0, any: 0 };
  for (const s of all) {
    if (s.deadline !== undefined) c.deadline++;
    if (s.firstResponse !== undefined) c.firstResponse++;
    if (isOverdue(s)) c.any++;
  }
  return c;
}
