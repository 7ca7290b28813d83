/**
 * The team-chat robots of 配置 › 通知 as an outbound channel, and what the
 * add-on's events tell them: intake's new (and 高) tickets, the hourly job's
 * breaches, escalations, daily summary and 待审核 backlog. Messages are
 * recorded in 通知队列 with the work they are about (services/outbound.ts),
 * each robot's own platform body made and signed only when it is sent, with
 * the address and secret the owner stored (services/robot-settings.ts).
 */
import { formatRobotValue, type RobotSetting } from '../domain/config-robots';
import type { FiledMail } from './intake';
import { lateness, type EscalationRules, type OpenTicket } from '../domain/escalation';
import { clockStart } from '../domain/entry-delay';
import { localDate, localParts } from '../domain/local-time';
import { UNCONFIGURED, type Refusal } from '../domain/outbound';
import {
  backlogAlert, breachAlert, dailyAlert, escalationAlert, intakeEvent, mentionsFor, mergeAlerts, newTicketAlert, parseAlert, sheetOf,
  type RobotEventKind, type TicketFacts,
} from '../domain/robot-alerts';
import { robotMessage, type RobotAlert } from '../domain/robot-messages';
import { ROBOT_RATE_LIMITS, classifyRobotReply } from '../domain/robot-replies';
import { robotPlatformOf, robotRequest } from '../domain/robot-requests';
import { rowLink } from '../domain/sheet-link';
import { ownerDirectory, type OwnerDirectory } from '../domain/owners';
import { HISTORY_ACTION, OUTBOUND_KIND, REVIEW_STATE, ROBOT_EVENT, isDone } from '../domain/vocabulary';
import { HISTORY, INTERNAL, REVIEW, TICKETS } from '../sheets/schema';
import { cellText, type Row, type RowFor } from '../sheets/table';
import { alertAdmin } from './admin-alert';
import type { AppContext } from './context';
import type { OutboundChannel, OutboundMessage } from './outbound';
import { formatDateTime } from './platform';
import { appsScriptSigningPrimitives } from './signing-primitives';
import { robotMarksIn, robotSecretIn, saveRobotMarks, type RobotMarks } from './store';

/** 飞书's two signature fields, as large as they are, for the size check of a body not signed yet. */
const FEISHU_SIGNED_SIZE = { timestamp: '1700000000', sign: 'x'.repeat(44) };

const EVENT_VALUE: Readonly<Record<RobotEventKind, string>> = ROBOT_EVENT;

function alertOf(ctx: AppContext, bodies: readonly string[]): RobotAlert {
  // A body that cannot be read (edited by hand) still goes, as the text it holds: nothing is dropped.
  return mergeAlerts(ctx.locale, bodies.map((b) => parseAlert(b) ?? { title: b.slice(0, 200), lines: [] }));
}

export const ROBOT_CHANNEL: OutboundChannel = {
  kind: OUTBOUND_KIND.robot,
  target(ctx, name, props) {
    const robot = ctx.config.robots.find((r) => r.name === name);
    const stored = robotSecretIn(props, name);
    if (!robot || !stored) return null;
    // The address must still be the platform's that 配置 names (the dialog checked it; 配置 may have changed since).
    const platform = robotPlatformOf(stored.url);
    if (platform !== robot.platform) return null;
    const signed = stored.secret !== '' && platform === 'feishu' ? FEISHU_SIGNED_SIZE : {};
    return {
      limits: ROBOT_RATE_LIMITS[platform],
      fits: (bodies) => !robotMessage(platform, alertOf(ctx, bodies), ctx.locale, signed).truncated,
      request(bodies, nowMs) {
        const r = robotRequest({ webhookUrl: stored.url, secret: stored.secret }, alertOf(ctx, bodies), { locale: ctx.locale, nowMs, primitives: appsScriptSigningPrimitives() });
        return { url: r.url, params: { method: 'post', contentType: r.contentType, payload: r.payload, muteHttpExceptions: true } };
      },
      classify: (status, body) => classifyRobotReply(platform, status, body),
    };
  },
  tellAdmin(ctx, name, refusal: Refusal, waiting) {
    const unset = refusal.code === UNCONFIGURED;
    return alertAdmin(unset ? 'robotUnset' : 'robotRefused', ctx.locale, { robot: name, code: refusal.code, message: refusal.message || '—', waiting }, name);
  },
  tellOutage(ctx, name, failures, last, waiting) {
    alertAdmin('robotOutage', ctx.locale, { robot: name, failures, last: last || '—', waiting }, name);
  },
};

function message(robot: RobotSetting, event: RobotEventKind, ticketNo: string, alert: RobotAlert): OutboundMessage {
  return { kind: OUTBOUND_KIND.robot, target: robot.name, event: EVENT_VALUE[event], ticketNo, body: JSON.stringify(alert) };
}

/** A filed ticket as intake hands it over; `quiet`: a 资料更新 closed as filed asks nothing of anyone. */
export interface FiledForRobots {
  mail?: FiledMail;
  review: boolean;
  quiet?: boolean;
}

function factsOfFiled(ctx: AppContext, m: FiledMail, link: string): TicketFacts {
  return {
    ticketNo: m.ticketNo,
    customerName: m.customerName,
    priority: m.priority,
    needType: m.needType,
    issueType: m.issueType,
    deadlineText: formatDateTime(m.deadline, ctx.timeZone),
    owner: ownerDirectory(ctx.config).label(m.owner),
    team: m.ownerTeam,
    link,
  };
}

/**
 * Intake's robot messages (call under the script lock, `props` as read in
 * it): each robot sent new tickets gets one per ticket (高 said in it), one
 * sent 高 tickets only gets those; a submission sent to 待审核 may take the
 * queue past a robot's threshold, told once until it falls back.
 */
export function intakeMessages(ctx: AppContext, filed: readonly FiledForRobots[], props: () => Readonly<Record<string, string>>): OutboundMessage[] {
  const robots = ctx.config.robots;
  if (robots.length === 0) return [];
  const out: OutboundMessage[] = [];
  const tickets = filed.filter((f) => f.mail && !f.quiet).map((f) => f.mail!);
  const wanted = tickets.flatMap((m) => robots.map((r) => ({ m, r, event: intakeEvent(r.events, m.priority) }))).filter((x) => x.event !== null);
  const base = wanted.length ? ctx.ticketsLink() : null;
  for (const { m, r, event } of wanted) {
    const alert = newTicketAlert(ctx.locale, factsOfFiled(ctx, m, rowLink(base, m.row)), event!, mentionsFor(ctx.config.staff, [m.owner], r.platform));
    out.push(message(r, event!, m.ticketNo, alert));
  }
  if (filed.some((f) => f.review) && robots.some((r) => r.events.backlog !== null)) out.push(...backlogMessages(ctx, pendingReviews(ctx), props()));
  return out;
}

/** 待审核 rows waiting for a reviewer (one search, no cells read). */
function pendingReviews(ctx: AppContext): number {
  return ctx.table(REVIEW).findRows(REVIEW.col.state, REVIEW_STATE.pending).length;
}

/** Robots told of the backlog once it passes their threshold; told again only after it fell back (marks saved here). */
function backlogMessages(ctx: AppContext, count: number, props: Readonly<Record<string, string>>): OutboundMessage[] {
  const out: OutboundMessage[] = [];
  const changed: Record<string, RobotMarks> = {};
  for (const r of ctx.config.robots) {
    if (r.events.backlog === null) continue;
    const marks = robotMarksIn(props, r.name);
    const above = count > r.events.backlog;
    if (above && !marks.backlogAbove) out.push(message(r, 'backlog', '', backlogAlert(ctx.locale, count, r.events.backlog)));
    if (above !== marks.backlogAbove) changed[r.name] = { ...marks, backlogAbove: above };
  }
  saveRobotMarks(changed);
  return out;
}

/** A 工单 row's facts for an alert (`known`: what the caller already read of it; `owners` made once by the caller). */
function factsOfRow(ctx: AppContext, owners: OwnerDirectory, values: Row, link: string, known: { priority: string; owner: string; team: string }): TicketFacts {
  const deadline = values[TICKETS.col.deadline];
  return {
    ticketNo: cellText(values[TICKETS.col.no]),
    customerName: cellText(values[TICKETS.col.name]),
    priority: known.priority,
    needType: cellText(values[TICKETS.col.needType]),
    issueType: cellText(values[TICKETS.col.issueType]),
    deadlineText: deadline instanceof Date ? formatDateTime(deadline, ctx.timeZone) : cellText(deadline),
    owner: owners.label(known.owner),
    team: known.team,
    link,
  };
}

/** A ticket staff raised to 高 after it was filed: the row as the edit wrote it, where it was, from what and by whom. */
export interface RaisedTicket {
  values: Row;
  row: number;
  from: string;
  who: string;
}

/**
 * The robots sent 高 tickets hear of one raised to 高 by hand, as of one
 * filed 高 (call under the script lock). A robot sent every new ticket
 * heard of it when it was filed, and is told of the raise only if it is
 * sent 高 tickets too.
 */
export function raisedMessages(ctx: AppContext, raised: readonly RaisedTicket[]): OutboundMessage[] {
  const robots = ctx.config.robots.filter((r) => r.events.high);
  if (robots.length === 0 || raised.length === 0) return [];
  const base = ctx.ticketsLink();
  const owners = ownerDirectory(ctx.config);
  return raised.flatMap((t) => {
    const shown = cellText(t.values[TICKETS.col.owner]);
    const owner = owners.email(shown) || shown;
    const facts = factsOfRow(ctx, owners, t.values, rowLink(base, t.row), { priority: '高', owner, team: cellText(t.values[INTERNAL.team]) });
    const who = owners.label(t.who);
    return robots.map((r) => {
      const alert = newTicketAlert(ctx.locale, facts, 'high', mentionsFor(ctx.config.staff, [owner], r.platform));
      return message(r, 'high', facts.ticketNo, { ...alert, lines: [...alert.lines, ctx.t('robots.line.raised', { from: t.from || '—', who })] });
    });
  });
}

/** What the hourly job decided, as it hands it over (under the lock). */
export interface HourlyFacts {
  all: readonly { row: number; values: Row }[];
  records: readonly OpenTicket[];
  /** 历史 rows of escalations written this run (their cells placed). */
  escalations: readonly RowFor<typeof HISTORY>[];
  overdue: number;
  rules: EscalationRules;
}

/**
 * The hourly job's robot messages (call under the script lock): each
 * escalation of this run — to the owner, a first-response or deadline
 * breach; to the 主管, an escalation — the day's summary in its hour (once a
 * day), and the 待审核 backlog. `props`: every script property, read now.
 */
export function hourlyMessages(ctx: AppContext, facts: HourlyFacts, props: Readonly<Record<string, string>>): OutboundMessage[] {
  const robots = ctx.config.robots;
  if (robots.length === 0) return [];
  const out: OutboundMessage[] = [];
  const nowMs = ctx.now.getTime();
  const indexOf = new Map(facts.records.map((r, i) => [r.ticketNo, i]));
  const wantsBreach = robots.some((r) => r.events.responseBreach || r.events.deadlineBreach || r.events.escalation);
  const base = ctx.ticketsLink();
  if (wantsBreach) {
    const owners = ownerDirectory(ctx.config);
    for (const h of facts.escalations) {
      const no = cellText(h[HISTORY.col.ticketNo]);
      const i = indexOf.get(no);
      if (i === undefined) continue;
      const record = facts.records[i]!;
      const { row, values } = facts.all[i]!;
      const t = factsOfRow(ctx, owners, values, rowLink(base, row), { priority: record.priority, owner: record.owner, team: record.team });
      const overdue = cellText(h[HISTORY.col.note]);
      if (h[HISTORY.col.action] === HISTORY_ACTION.escalatedSupervisor) {
        const supervisor = cellText(h[HISTORY.col.newValue]);
        for (const r of robots.filter((x) => x.events.escalation)) {
          out.push(message(r, 'escalation', no, escalationAlert(ctx.locale, t, owners.label(supervisor), overdue, mentionsFor(ctx.config.staff, [supervisor], r.platform))));
        }
        continue;
      }
      const late = lateness(record, nowMs, facts.rules);
      const kind = late.late ? late.kind : 'deadline';
      for (const r of robots.filter((x) => (kind === 'response' ? x.events.responseBreach : x.events.deadlineBreach))) {
        out.push(message(r, kind === 'response' ? 'responseBreach' : 'deadlineBreach', no, breachAlert(ctx.locale, t, kind, overdue, mentionsFor(ctx.config.staff, [record.owner], r.platform))));
      }
    }
  }
  const wantsCount = robots.some((r) => r.events.backlog !== null || r.events.dailyHour !== null);
  if (!wantsCount) return out;
  const review = pendingReviews(ctx);
  out.push(...backlogMessages(ctx, review, props));
  const offset = ctx.utcOffset;
  const today = localDate(nowMs, offset);
  const hour = localParts(nowMs, offset).hour;
  const due = robots.filter((r) => r.events.dailyHour !== null && hour >= r.events.dailyHour && robotMarksIn(props, r.name).daily !== today);
  if (due.length === 0) return out;
  const figures = dailyFigures(facts, today, offset, review);
  const changed: Record<string, RobotMarks> = {};
  for (const r of due) {
    out.push(message(r, 'daily', '', dailyAlert(ctx.locale, figures, base ? sheetOf(rowLink(base, 2)) : '')));
    changed[r.name] = { ...robotMarksIn(props, r.name), daily: today };
  }
  saveRobotMarks(changed);
  return out;
}

/** The day's figures from the hourly job's read of 工单 (nothing more is read). */
function dailyFigures(facts: HourlyFacts, today: string, offset: number, review: number): Parameters<typeof dailyAlert>[1] {
  let newTickets = 0;
  let newHigh = 0;
  let open = 0;
  facts.all.forEach(({ values }, i) => {
    const record = facts.records[i]!;
    if (record.ticketNo === '') return;
    const started = clockStart(cellText(values[TICKETS.col.channel]), ms(values[TICKETS.col.submittedAt]), ms(values[TICKETS.col.enteredAt]));
    if (started !== null && localDate(started, offset) === today) {
      newTickets += 1;
      if (record.priority === '高') newHigh += 1;
    }
    if (!isDone(record.status)) open += 1;
  });
  return { day: today, newTickets, newHigh, open, overdue: facts.overdue, review };
}

function ms(v: unknown): number | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null;
}

/** A robot's row as 配置 shows it (for the dialog). */
export function robotRowValue(r: RobotSetting): string {
  return formatRobotValue(r);
}
