/**
 * The hourly follow-up job: sends the queued mail, then finds every ticket
 * past its deadline or its first-response time and not yet resolved; writes
 * 提醒 (已超时 3 小时), mails the owner once, and the team's supervisor once if
 * the ticket is still open a further interval later (working time). Plus the
 * weekly digest of everything overdue. One read of 工单, one write per run of
 * changed rows per column: fits one execution over 100,000 tickets.
 */
import { HISTORY_ACTION, SYSTEM_ACTOR } from '../domain/vocabulary';
import { dueLevel, formatLocal, lateness, overdueHours, type EscalationRules, type TicketTiming } from '../domain/escalation';
import { renderEscalation, renderOverdueDigest, type DigestLine } from '../domain/email';
import { HISTORY, INTERNAL, NUMBER_FORMAT, TICKETS, type ColumnKind } from '../sheets/schema';
import type { Cell, Row, Table } from '../sheets/table';
import type { AppContext } from './context';
import { withScriptLock } from './lock';
import { deliver, deliverAll, flushMailQueue, type OutgoingMail, type QueueReport } from './mail-queue';
import { EMAIL } from './notify';
import { formatDateTime } from './platform';

export interface EscalationReport {
  queue: QueueReport;
  scanned: number;
  overdue: number;
  ownerMails: number;
  supervisorMails: number;
}

function ms(v: Cell | undefined): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  return null;
}

function str(v: Cell | undefined): string {
  return v === undefined || v === null ? '' : String(v).trim();
}

function rulesOf(ctx: AppContext): EscalationRules {
  return {
    calendar: ctx.config.calendar,
    firstResponse: ctx.config.followUp.firstResponse,
    supervisorAfter: ctx.config.followUp.supervisorAfter,
    utcOffset: ctx.utcOffset,
  };
}

function timingOf(v: Row): TicketTiming {
  return {
    status: str(v[TICKETS.col.status]),
    priority: str(v[TICKETS.col.priority]),
    createdMs: ms(v[TICKETS.col.submittedAt]),
    deadlineMs: ms(v[TICKETS.col.deadline]),
    firstResponseMs: ms(v[TICKETS.col.firstResponseAt]),
    level: Number(v[INTERNAL.escalation]) || 0,
    levelAtMs: ms(v[INTERNAL.escalatedAt]),
  };
}

function reminderText(ctx: AppContext, kind: 'deadline' | 'response', overdueMs: number): string {
  const hours = overdueHours(overdueMs);
  return kind === 'deadline' ? ctx.t('reminder.overdue', { hours }) : ctx.t('reminder.noResponse', { hours });
}

/** Time-driven, hourly. */
export function runEscalation(ctx: AppContext): EscalationReport {
  return withScriptLock(() => {
    const queue = flushMailQueue(ctx);
    const tickets = ctx.table(TICKETS);
    const rules = rulesOf(ctx);
    const now = ctx.now.getTime();
    const report: EscalationReport = { queue, scanned: 0, overdue: 0, ownerMails: 0, supervisorMails: 0 };
    const writes = new Map<string, Map<number, Cell>>();
    const write = (label: string, row: number, value: Cell) => {
      const m = writes.get(label) ?? new Map<number, Cell>();
      m.set(row, value);
      writes.set(label, m);
    };
    const mails: OutgoingMail[] = [];
    const history: Row[] = [];
    const all = tickets.readAll();
    for (const { row, values } of all) {
      const ticketNo = str(values[TICKETS.col.no]);
      if (ticketNo === '') continue;
      report.scanned += 1;
      const timing = timingOf(values);
      const late = lateness(timing, now, rules);
      const reminder = late.late ? reminderText(ctx, late.kind, late.overdueMs) : '';
      if (reminder !== str(values[TICKETS.col.reminder])) write(TICKETS.col.reminder, row, reminder);
      if (!late.late) continue;
      report.overdue += 1;
      const level = dueLevel(timing, now, rules);
      if (level === null) continue;
      write(INTERNAL.escalation, row, level);
      write(INTERNAL.escalatedAt, row, ctx.now);
      const owner = str(values[TICKETS.col.owner]);
      const team = str(values[INTERNAL.team]);
      const to = level === 1 ? owner : ctx.config.teams.find((x) => x.name === team)?.supervisor ?? '';
      history.push({
        [HISTORY.col.at]: ctx.now,
        [HISTORY.col.ticketNo]: ticketNo,
        [HISTORY.col.actor]: SYSTEM_ACTOR,
        [HISTORY.col.action]: level === 1 ? HISTORY_ACTION.escalatedOwner : HISTORY_ACTION.escalatedSupervisor,
        [HISTORY.col.oldValue]: '',
        [HISTORY.col.newValue]: to,
        [HISTORY.col.note]: reminder,
      });
      if (!EMAIL.test(to)) continue;
      const deadline = values[TICKETS.col.deadline];
      mails.push({
        ticketNo,
        to,
        mail: renderEscalation({
          level,
          ticketNo,
          customerName: str(values[TICKETS.col.name]),
          status: timing.status,
          priority: timing.priority,
          owner,
          team,
          deadlineText: deadline instanceof Date ? formatLocal(deadline.getTime(), rules.utcOffset) : str(deadline),
          overdue: reminder,
          locale: ctx.config.locale,
        }),
      });
      if (level === 1) report.ownerMails += 1;
      else report.supervisorMails += 1;
    }
    for (const [label, cells] of writes) writeRuns(tickets, label, cells, all);
    if (history.length) ctx.table(HISTORY).append(history);
    deliverAll(ctx, mails);
    return report;
  });
}

/** Beyond this many runs of changed rows, one write spans them all. */
const MAX_RUNS = 20;

/**
 * Writes one column's changed cells: one range per run of consecutive rows,
 * or — when the changes are scattered — one range from the first to the last,
 * the unchanged cells written back as `read` found them (call under the lock).
 */
export function writeRuns(table: Table, label: string, cells: ReadonlyMap<number, Cell>, read: readonly { row: number; values: Row }[]): void {
  const rows = [...cells.keys()].sort((a, b) => a - b);
  const col = table.column(label);
  const kind: ColumnKind = table.spec.columns.find((c) => c.label === label)?.kind ?? 'text';
  let runs = 0;
  for (let k = 0; k < rows.length; k++) if (k === 0 || rows[k] !== rows[k - 1]! + 1) runs++;
  if (runs > MAX_RUNS) {
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const byRow = new Map(read.map((r) => [r.row, r.values[label]] as const));
    const values = Array.from({ length: last - first + 1 }, (_, k) => {
      const v = cells.has(first + k) ? cells.get(first + k) : byRow.get(first + k);
      return [v === undefined || v === null ? '' : v];
    });
    table.sheet.getRange(first, col, values.length, 1).setNumberFormats(values.map(() => [NUMBER_FORMAT[kind]])).setValues(values);
    return;
  }
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    const values = rows.slice(i, j + 1).map((r) => [cells.get(r)!]);
    table.sheet.getRange(rows[i]!, col, values.length, 1).setNumberFormats(values.map(() => [NUMBER_FORMAT[kind]])).setValues(values);
    i = j + 1;
  }
}

export interface DigestReport {
  overdue: number;
  recipients: string[];
}

/** Time-driven, Monday 09:00: every overdue, unresolved ticket, to the supervisors and the report recipients. */
export function runOverdueDigest(ctx: AppContext): DigestReport {
  const rules = rulesOf(ctx);
  const now = ctx.now.getTime();
  const late: (DigestLine & { overdueMs: number })[] = [];
  for (const { values } of ctx.table(TICKETS).readAll()) {
    const ticketNo = str(values[TICKETS.col.no]);
    const l = ticketNo ? lateness(timingOf(values), now, rules) : { late: false as const };
    if (!l.late) continue;
    late.push({ ticketNo, owner: str(values[TICKETS.col.owner]), status: str(values[TICKETS.col.status]), overdue: reminderText(ctx, l.kind, l.overdueMs), overdueMs: l.overdueMs });
  }
  // Most overdue first.
  const lines: DigestLine[] = late.sort((a, b) => b.overdueMs - a.overdueMs);
  const recipients = [...new Set([...ctx.config.teams.map((x) => x.supervisor ?? ''), ...ctx.config.reportRecipients])].filter((e) => EMAIL.test(e));
  if (lines.length > 0 && recipients.length > 0) {
    const mail = renderOverdueDigest(lines, formatDateTime(ctx.now, ctx.timeZone), ctx.config.locale);
    deliver(ctx, { ticketNo: '', to: recipients.join(','), mail });
  }
  return { overdue: lines.length, recipients: lines.length ? recipients : [] };
}
