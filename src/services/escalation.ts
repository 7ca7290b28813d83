/**
 * The hourly follow-up job: sends the queued mail, then finds every ticket
 * past its deadline or its first-response time and not yet resolved; writes
 * 提醒 (已超时 2 天 3 小时), mails the owner once, and the team's supervisor once if
 * the ticket is still open a further interval later (working time). Plus the
 * weekly digest of everything overdue. One read of 工单; status and owner
 * changes whose edit trigger was lost are processed first (catchUpEdits), so a
 * handled ticket is not escalated as untouched; every write is addressed by
 * 工单编号 and re-checked just before it lands, one per run of changed rows per column.
 */
import { HISTORY_ACTION, SYSTEM_ACTOR } from '../domain/vocabulary';
import { clockStart } from '../domain/entry-delay';
import { localDateTime } from '../domain/local-time';
import { overdueTickets, planEscalation, type EscalationRules, type EscalationWrites, type LateKind, type OpenTicket } from '../domain/escalation';
import { countOverdue } from '../domain/overdue';
import { overdueSpan, spanText } from '../domain/duration';
import { NO_CONTACT, renderEscalation, renderOverdueDigest, type DigestLine } from '../domain/email';
import { ownerDirectory, type OwnerDirectory } from '../domain/owners';
import { rowLink } from '../domain/sheet-link';
import { HISTORY, INTERNAL, TICKETS } from '../sheets/schema';
import { cellText, type Cell, type Row, type RowFor } from '../sheets/table';
import type { AppContext } from './context';
import { customerContacts } from './contacts';
import { catchUpEdits } from './edits';
import { headersStand, writeByKey, type KeyedCell } from './keyed-writes';
import { withScriptLock } from './lock';
import { deliver, flushMailQueue, markSummarised, recordMails, sendRecorded, type OutgoingMail, type QueueReport, type RecordedMail } from './mail-queue';
import { assignDigests } from './notify';
import { isMailAddress } from '../domain/validate';
import { formatDateTime } from './platform';
import { CHANNELS } from './channels';
import { recordOutbound, sendClaims, type Claim } from './outbound';
import { hourlyMessages } from './robots';
import { allProperties } from './store';

export interface EscalationReport {
  queue: QueueReport;
  scanned: number;
  overdue: number;
  ownerMails: number;
  supervisorMails: number;
}

/** Where each cell of the plan is written, in the order a row's cells were always queued. */
const WRITE_COLUMNS: readonly [keyof EscalationWrites, string][] = [
  ['reminder', TICKETS.col.reminder],
  ['escalation', INTERNAL.escalation],
  ['escalatedAt', INTERNAL.escalatedAt],
];

function ms(v: Cell | undefined): number | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.getTime();
  return null;
}

function rulesOf(ctx: AppContext): EscalationRules {
  return {
    calendar: ctx.config.calendar,
    firstResponse: ctx.config.followUp.firstResponse,
    supervisorAfter: ctx.config.followUp.supervisorAfter,
    utcOffset: ctx.utcOffset,
  };
}

/** A 工单 row as escalation sees it: the owner by mailbox (负责人 shows a name), a team by its name. */
function ticketOf(v: Row, owners: OwnerDirectory): OpenTicket {
  return {
    ticketNo: cellText(v[TICKETS.col.no]),
    status: cellText(v[TICKETS.col.status]),
    priority: cellText(v[TICKETS.col.priority]),
    owner: owners.email(cellText(v[TICKETS.col.owner])) || cellText(v[TICKETS.col.owner]),
    team: cellText(v[INTERNAL.team]),
    // The clock's start, never 填写日期: a paper form entered days late is not late on arrival.
    createdMs: clockStart(cellText(v[TICKETS.col.channel]), ms(v[TICKETS.col.submittedAt]), ms(v[TICKETS.col.enteredAt])),
    deadlineMs: ms(v[TICKETS.col.deadline]),
    firstResponseMs: ms(v[TICKETS.col.firstResponseAt]),
    level: Number(v[INTERNAL.escalation]) || 0,
    levelAtMs: ms(v[INTERNAL.escalatedAt]),
    reminder: cellText(v[TICKETS.col.reminder]),
  };
}

function reminderText(ctx: AppContext, kind: LateKind, overdueMs: number): string {
  const duration = spanText(ctx.t, overdueSpan(overdueMs));
  return kind === 'deadline' ? ctx.t('reminder.overdue', { duration }) : ctx.t('reminder.noResponse', { duration });
}

/**
 * Time-driven, hourly. Its mails are recorded in 邮件队列 with the cells they
 * are about, under the lock, and sent after it (a slow mail server never holds
 * up a submission); a run that stops in between leaves them to the next run.
 */
export function runEscalation(ctx: AppContext): EscalationReport {
  const { report, outbox, claims } = withScriptLock(() => planAndWrite(ctx));
  sendRecorded(ctx, outbox);
  sendClaims(ctx, CHANNELS, claims);
  return report;
}

/** The run's reads, decisions and writes, its mails and robot messages recorded (call under the script lock). */
function planAndWrite(ctx: AppContext): { report: EscalationReport; outbox: RecordedMail[]; claims: Claim[] } {
  const { report: queue, held } = flushMailQueue(ctx);
  const tickets = ctx.table(TICKETS);
  const rules = rulesOf(ctx);
  const all = tickets.readAll();
  // Columns moved since row 1 was read: nothing is decided on this read; the next run does it.
  if (!headersStand(tickets)) return { report: { queue, scanned: 0, overdue: 0, ownerMails: 0, supervisorMails: 0 }, outbox: [], claims: [] };
  // Changes whose edit trigger was lost are handled first, so they count as handled below.
  catchUpEdits(ctx, tickets, all);
  const records = all.map(({ values }) => ticketOf(values, ownerDirectory(ctx.config)));
  const plan = planEscalation(records, { rules, teams: ctx.config.teams, now: ctx.now, reminderText: (kind, overdueMs) => reminderText(ctx, kind, overdueMs) });

  // Each changed cell, addressed by its ticket: rows may have moved since the read.
  const cells: KeyedCell[] = [];
  plan.writes.forEach((w, i) => {
    for (const [field, label] of WRITE_COLUMNS) {
      const value = w[field];
      if (value !== undefined) cells.push({ key: records[i]!.ticketNo, row: all[i]!.row, label, value });
    }
  });
  const history: RowFor<typeof HISTORY>[] = plan.history.map((h) => ({
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: h.ticketNo, [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.action]: h.action,
    [HISTORY.col.oldValue]: h.from, [HISTORY.col.newValue]: h.to, [HISTORY.col.note]: h.note,
  }));
  // A ticket whose cells could not be placed is planned again next hour: nothing recorded or mailed now.
  const unplaced = new Set(writeByKey(tickets, TICKETS.col.no, cells).map((c) => c.key));
  const placed = history.filter((h) => !unplaced.has(String(h[HISTORY.col.ticketNo])));
  if (placed.length) ctx.table(HISTORY).append(placed);
  const due = plan.mails.filter((m) => !unplaced.has(m.ticketNo));
  const byNo = new Map(all.map((r) => [cellText(r.values[TICKETS.col.no]), r]));
  // The customers of every mail this run makes, in one lookup (one read of their columns when there are many).
  const contacts = customerContacts(ctx, [
    ...due.map((m) => cellText(all[m.index]!.values[TICKETS.col.customerNo])),
    ...held.map((h) => cellText(byNo.get(h.ticketNo)?.values[TICKETS.col.customerNo])),
  ], 0);
  const link = due.length ? ctx.ticketsLink() : null;
  const mails: OutgoingMail[] = due.map((m) => {
    const ticket = records[m.index]!;
    const { row, values } = all[m.index]!;
    const deadline = values[TICKETS.col.deadline];
    return {
      ticketNo: m.ticketNo,
      to: m.to,
      mail: renderEscalation({
        level: m.level,
        ticketNo: m.ticketNo,
        customerName: cellText(values[TICKETS.col.name]),
        status: ticket.status,
        priority: ticket.priority,
        owner: ownerDirectory(ctx.config).label(ticket.owner),
        team: ticket.team,
        deadlineText: deadline instanceof Date ? localDateTime(deadline.getTime(), rules.utcOffset) : cellText(deadline),
        overdue: m.overdue,
        recipientName: ownerDirectory(ctx.config).name(m.to),
        contact: contacts.get(cellText(values[TICKETS.col.customerNo])) ?? NO_CONTACT,
        // The row of this run's read: staff sorting 工单 later moves the ticket; the next mail links where it is then.
        link: rowLink(link, row),
        locale: ctx.config.locale,
      }),
    };
  });
  // New-ticket notices held for the digest: one mail per owner, recorded before the notices are marked 已汇总.
  const digests = assignDigests(ctx, held, byNo, contacts);
  const outbox = recordMails(ctx, [...mails, ...digests]);
  markSummarised(ctx, held);
  // The robots of 配置 › 通知: this run's breaches and escalations, the day's summary, the 待审核 backlog.
  const escalations = placed.filter((h) => h[HISTORY.col.action] === HISTORY_ACTION.escalatedOwner || h[HISTORY.col.action] === HISTORY_ACTION.escalatedSupervisor);
  const props = ctx.config.robots.length ? allProperties() : {};
  const robotMessages = ctx.config.robots.length ? hourlyMessages(ctx, { all, records, escalations, overdue: plan.overdue, rules }, props) : [];
  const claims = robotMessages.length ? recordOutbound(ctx, CHANNELS, robotMessages, props) : [];
  const ownerMails = plan.mails.filter((m) => m.level === 1).length;
  return {
    report: { queue, scanned: plan.scanned, overdue: plan.overdue, ownerMails, supervisorMails: plan.mails.length - ownerMails },
    outbox,
    claims,
  };
}

export interface DigestReport {
  overdue: number;
  /** 超过处理时限 / 首次响应超时, as the reports count them. */
  deadline: number;
  firstResponse: number;
  recipients: string[];
}

/** Time-driven, Monday 09:00: every overdue, unresolved ticket, to the supervisors and the report recipients. */
export function runOverdueDigest(ctx: AppContext): DigestReport {
  const rules = rulesOf(ctx);
  const now = ctx.now.getTime();
  const all = ctx.table(TICKETS).readAll();
  const owners = ownerDirectory(ctx.config);
  const records = all.map(({ values }) => ticketOf(values, owners));
  const late = overdueTickets(records, now, rules);
  const counts = countOverdue(late.map((l) => l.since));
  const recipients = [...new Set([...ctx.config.teams.map((x) => x.supervisor ?? ''), ...ctx.config.reportRecipients])].filter((e) => isMailAddress(e));
  const mailed = late.length > 0 && recipients.length > 0;
  const customerNo = (index: number) => cellText(all[index]!.values[TICKETS.col.customerNo]);
  const contacts = mailed ? customerContacts(ctx, late.map(({ index }) => customerNo(index)), 0) : new Map();
  const link = mailed ? ctx.ticketsLink() : null;
  const lines: DigestLine[] = late.map(({ index, kind, overdueMs }) => {
    const ticket = records[index]!;
    return {
      ticketNo: ticket.ticketNo,
      customerName: cellText(all[index]!.values[TICKETS.col.name]),
      owner: owners.label(ticket.owner),
      status: ticket.status,
      overdue: reminderText(ctx, kind, overdueMs),
      contact: contacts.get(customerNo(index)) ?? NO_CONTACT,
      // The row of this read, as the digest is made.
      link: rowLink(link, all[index]!.row),
    };
  });
  if (mailed) {
    const mail = renderOverdueDigest(lines, formatDateTime(ctx.now, ctx.timeZone), ctx.config.locale, counts);
    deliver(ctx, { ticketNo: '', to: recipients.join(','), mail });
  }
  return { overdue: lines.length, deadline: counts.deadline, firstResponse: counts.firstResponse, recipients: lines.length ? recipients : [] };
}
