/**
 * Deadlines and escalation as pure rules over one ticket row: is it late
 * (past 截止时间, or past its first-response time without a response), by
 * how much, and which escalation level is due now. Each level fires once:
 * 1 = the owner, 2 = the team's supervisor, a further interval after level 1,
 * counted in working time. `planEscalation` turns these into what the hourly
 * job writes, records and mails, so the job itself only reads and writes.
 */
import { deadlineFor, workingMinutesBetween, type CalendarSettings, type Sla } from './calendar';
import { overdueAt, worstOverdue, type OverdueRules, type OverdueSince } from './overdue';
import type { Team } from './routing';
import type { HistoryEvent } from './ticket-edit';
import { isMailAddress } from './validate';
import { HISTORY_ACTION, type Priority } from './vocabulary';

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

export type LateKind = 'deadline' | 'response';

export type Lateness = { late: false } | { late: true; kind: LateKind; overdueMs: number; sinceMs: number };

/** The overdue rules of the shared definition (domain/overdue.ts), from the escalation rules. */
export function overdueRules(rules: EscalationRules): OverdueRules {
  return { calendar: rules.calendar, firstResponse: rules.firstResponse, utcOffset: rules.utcOffset };
}

function overdueOf(t: TicketTiming, nowMs: number, rules: EscalationRules): OverdueSince {
  const timing = { status: t.status, priority: t.priority, submittedMs: t.createdMs, deadlineMs: t.deadlineMs, firstResponseMs: t.firstResponseMs };
  return overdueAt(timing, nowMs, overdueRules(rules));
}

/** How late a ticket is at `nowMs` (the worse of its deadline and its first-response time). */
export function lateness(t: TicketTiming, nowMs: number, rules: EscalationRules): Lateness {
  const worst = worstOverdue(overdueOf(t, nowMs, rules), nowMs);
  if (!worst) return { late: false };
  return { late: true, kind: worst.kind === 'deadline' ? 'deadline' : 'response', overdueMs: worst.overdueMs, sinceMs: worst.sinceMs };
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

/** One 工单 row as the hourly job sees it ('' ticketNo: a row without a ticket). */
export interface OpenTicket extends TicketTiming {
  ticketNo: string;
  owner: string;
  team: string;
  /** The 提醒 cell as it stands, so an unchanged reminder is not rewritten. */
  reminder: string;
}

export interface EscalationSettings {
  rules: EscalationRules;
  teams: readonly Pick<Team, 'name' | 'supervisor'>[];
  now: Date;
  /** The 提醒 wording comes from the catalogue, in the caller's locale. */
  reminderText: (kind: LateKind, overdueMs: number) => string;
}

/** The cells of one row to write back (none when nothing changed). */
export interface EscalationWrites {
  reminder?: string;
  escalation?: 1 | 2;
  escalatedAt?: Date;
}

/** A mail to send: `index` is the ticket's position in the planned list. */
export interface EscalationMail {
  index: number;
  ticketNo: string;
  level: 1 | 2;
  to: string;
  overdue: string;
}

export interface EscalationPlan {
  /** Per ticket, in the order given. */
  writes: EscalationWrites[];
  history: HistoryEvent[];
  mails: EscalationMail[];
  scanned: number;
  overdue: number;
}

/**
 * One hourly run over every row: the reminder each ticket shows now (cleared
 * once it is no longer late), and the escalation due, recorded in 历史 to
 * whoever it goes to (even without a usable address, so it shows it fired)
 * and mailed when that is an address.
 */
export function planEscalation(tickets: readonly OpenTicket[], s: EscalationSettings): EscalationPlan {
  const plan: EscalationPlan = { writes: [], history: [], mails: [], scanned: 0, overdue: 0 };
  const nowMs = s.now.getTime();
  tickets.forEach((ticket, index) => {
    const writes: EscalationWrites = {};
    plan.writes.push(writes);
    if (ticket.ticketNo === '') return;
    plan.scanned += 1;
    const late = lateness(ticket, nowMs, s.rules);
    const reminder = late.late ? s.reminderText(late.kind, late.overdueMs) : '';
    if (reminder !== ticket.reminder) writes.reminder = reminder;
    if (!late.late) return;
    plan.overdue += 1;
    const level = dueLevel(ticket, nowMs, s.rules);
    if (level === null) return;
    writes.escalation = level;
    writes.escalatedAt = s.now;
    const to = level === 1 ? ticket.owner : s.teams.find((x) => x.name === ticket.team)?.supervisor ?? '';
    plan.history.push({
      ticketNo: ticket.ticketNo,
      action: level === 1 ? HISTORY_ACTION.escalatedOwner : HISTORY_ACTION.escalatedSupervisor,
      from: '',
      to,
      note: reminder,
    });
    if (isMailAddress(to)) plan.mails.push({ index, ticketNo: ticket.ticketNo, level, to, overdue: reminder });
  });
  return plan;
}

export interface OverdueTicket {
  index: number;
  kind: LateKind;
  overdueMs: number;
  /** Each way it is late (超过处理时限, 首次响应超时), for the digest's two counts. */
  since: OverdueSince;
}

/** The weekly digest's tickets: every late one, most overdue first (ties keep sheet order). */
export function overdueTickets(tickets: readonly OpenTicket[], nowMs: number, rules: EscalationRules): OverdueTicket[] {
  const late: OverdueTicket[] = [];
  tickets.forEach((ticket, index) => {
    if (ticket.ticketNo === '') return;
    const since = overdueOf(ticket, nowMs, rules);
    const worst = worstOverdue(since, nowMs);
    if (worst) late.push({ index, kind: worst.kind === 'deadline' ? 'deadline' : 'response', overdueMs: worst.overdueMs, since });
  });
  return late.sort((a, b) => b.overdueMs - a.overdueMs);
}
