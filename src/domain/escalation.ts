/**
 * Deadlines and escalation as pure rules over one ticket row: is it late
 * (past 截止时间, or past its first-response time without a response), by
 * how much, and which escalation level is due now. Each level fires once:
 * 1 = the owner, 2 = the team's supervisor, a further interval after level 1,
 * counted in working time.
 */
import { deadlineFor, workingMinutesBetween, type CalendarSettings, type Sla } from './calendar';
import { isDone, type Priority } from './vocabulary';

export interface TicketTiming {
  status: string;
  priority: string;
  createdMs: number | null;
  deadlineMs: number | null;
  firstResponseMs: number | null;
  level: number;
  levelAtMs: number | null;
}

export interface EscalationRules {
  calendar: CalendarSettings;
  firstResponse: Record<Priority, Sla>;
  supervisorAfter: Sla;
  utcOffset: number;
}

export type Lateness = { late: false } | { late: true; kind: 'deadline' | 'response'; overdueMs: number; sinceMs: number };

/** How late a ticket is at `nowMs` (the worse of its deadline and its first-response time). */
export function lateness(t: TicketTiming, nowMs: number, rules: EscalationRules): Lateness {
  if (isDone(t.status)) return { late: false };
  const candidates: { kind: 'deadline' | 'response'; at: number }[] = [];
  if (t.deadlineMs !== null) candidates.push({ kind: 'deadline', at: t.deadlineMs });
  const sla = rules.firstResponse[t.priority as Priority];
  if (t.firstResponseMs === null && t.createdMs !== null && sla) {
    candidates.push({ kind: 'response', at: deadlineFor(t.createdMs, sla, rules.calendar, rules.utcOffset) });
  }
  const due = candidates.filter((c) => c.at < nowMs).sort((a, b) => a.at - b.at)[0];
  return due ? { late: true, kind: due.kind, overdueMs: nowMs - due.at, sinceMs: due.at } : { late: false };
}

/** Whole hours late, at least 1 (a reminder never says 0 hours). */
export function overdueHours(overdueMs: number): number {
  return Math.max(1, Math.floor(overdueMs / 3_600_000));
}

/** The escalation level due now (1 owner, 2 supervisor), or null when nothing new is due. */
export function dueLevel(t: TicketTiming, nowMs: number, rules: EscalationRules): 1 | 2 | null {
  if (!lateness(t, nowMs, rules).late) return null;
  if (t.level < 1) return 1;
  if (t.level === 1 && t.levelAtMs !== null && reached(t.levelAtMs, nowMs, rules.supervisorAfter, rules)) return 2;
  return null;
}

function reached(fromMs: number, nowMs: number, sla: Sla, rules: EscalationRules): boolean {
  if (sla.unit === 'h') return nowMs - fromMs >= sla.amount * 3_600_000;
  if (sla.unit === 'wh') return workingMinutesBetween(fromMs, nowMs, rules.calendar, rules.utcOffset) >= sla.amount * 60;
  return deadlineFor(fromMs, sla, rules.calendar, rules.utcOffset) <= nowMs;
}
