/**
 * What each event tells a team-chat robot, as a RobotAlert (title, lines,
 * the ticket's row link, whom to @): a new ticket, a 高 one, a first-response
 * or deadline breach, an escalation to the 主管, a growing 待审核 queue, the
 * daily summary — and several of them merged into one message when a robot
 * has more waiting than its rate allows. robot-messages.ts turns an alert
 * into each platform's body and makes every line inert.
 *
 * An alert carries what staff need to act and no more: the ticket number,
 * the customer's name, need and issue type, priority, deadline, owner and
 * the link to the row — never a customer's contact details or a sealed
 * field. Every title says 工单 (ticket), so a robot whose security setting
 * is a keyword works with the keyword 工单.
 */
import { listSeparator, translator, type Locale } from '../i18n/messages';
import type { AppConfig, StaffMember } from './config';
import type { RobotEvents } from './config-robots';
import type { RobotAlert, RobotPlatform } from './robot-messages';
import { normaliseEmail } from './normalise';

/** A ticket as an alert shows it (all text already as 工单 holds it). */
export interface TicketFacts {
  ticketNo: string;
  customerName: string;
  priority: string;
  needType: string;
  issueType: string;
  deadlineText: string;
  /** 负责人 as 工单 shows it (a name), and the team. */
  owner: string;
  team: string;
  /** The row's link ('' when none). */
  link: string;
}

export type RobotEventKind = 'newTicket' | 'high' | 'responseBreach' | 'deadlineBreach' | 'escalation' | 'backlog' | 'daily' | 'test';

/** Whom an alert @-mentions on a platform: the person's id there, else their mobile where the platform takes mobiles. */
export function mentionsFor(staff: readonly StaffMember[], emails: readonly string[], platform: RobotPlatform): NonNullable<RobotAlert['mentions']> {
  const mobiles: string[] = [];
  const userIds: string[] = [];
  for (const email of emails) {
    const member = staff.find((s) => normaliseEmail(s.email) === normaliseEmail(email));
    const id = member?.chatIds?.[platform];
    if (id) userIds.push(id);
    else if (member?.mobile && platform !== 'feishu') mobiles.push(member.mobile);
  }
  return { mobiles, userIds };
}

/** The event a new ticket is to a robot: a new ticket (高 said in the title), a 高 one only, or nothing. */
export function intakeEvent(events: RobotEvents, priority: string): 'newTicket' | 'high' | null {
  if (events.newTicket) return 'newTicket';
  return events.high && priority === '高' ? 'high' : null;
}

function ticketLines(locale: Locale, t: TicketFacts, extra: readonly string[] = []): string[] {
  const tr = translator(locale);
  const sep = ' · ';
  return [
    tr('robots.line.customer', { name: t.customerName || '—' }),
    [t.needType && tr('robots.line.need', { need: t.needType }), t.issueType && tr('robots.line.issue', { issue: t.issueType })].filter(Boolean).join(sep),
    [tr('robots.line.priority', { priority: t.priority || '—' }), t.deadlineText && tr('robots.line.deadline', { deadline: t.deadlineText })].filter(Boolean).join(sep),
    tr('robots.line.owner', { owner: [t.owner, t.team].filter(Boolean).join(locale === 'en' ? ', ' : '，') || '—' }),
    ...extra,
  ].filter((l) => l !== '');
}

function rowLink(locale: Locale, url: string): RobotAlert['link'] {
  return url ? { label: translator(locale)('robots.link.ticket'), url } : null;
}

/** A new ticket (`high`: its priority is 高 and the robot is told so). */
export function newTicketAlert(locale: Locale, t: TicketFacts, event: 'newTicket' | 'high', mentions: RobotAlert['mentions']): RobotAlert {
  const tr = translator(locale);
  const title = event === 'high'
    ? tr('robots.title.high', { ticket: t.ticketNo })
    : t.priority === '高' ? tr('robots.title.newHigh', { ticket: t.ticketNo }) : tr('robots.title.new', { ticket: t.ticketNo });
  return { title, lines: ticketLines(locale, t), link: rowLink(locale, t.link), mentions };
}

/** A ticket past its first response (`response`) or its deadline, with 提醒's words for how late. */
export function breachAlert(locale: Locale, t: TicketFacts, kind: 'response' | 'deadline', overdue: string, mentions: RobotAlert['mentions']): RobotAlert {
  const tr = translator(locale);
  const title = kind === 'response' ? tr('robots.title.responseBreach', { ticket: t.ticketNo }) : tr('robots.title.deadlineBreach', { ticket: t.ticketNo });
  return { title, lines: ticketLines(locale, t, [tr('robots.line.overdue', { overdue })]), link: rowLink(locale, t.link), mentions };
}

/** A late ticket escalated to its team's 主管. */
export function escalationAlert(locale: Locale, t: TicketFacts, supervisor: string, overdue: string, mentions: RobotAlert['mentions']): RobotAlert {
  const tr = translator(locale);
  return {
    title: tr('robots.title.escalation', { ticket: t.ticketNo }),
    lines: ticketLines(locale, t, [tr('robots.line.supervisor', { supervisor: supervisor || '—' }), tr('robots.line.overdue', { overdue })]),
    link: rowLink(locale, t.link),
    mentions,
  };
}

/** More than `threshold` submissions wait in 待审核. */
export function backlogAlert(locale: Locale, count: number, threshold: number): RobotAlert {
  const tr = translator(locale);
  return { title: tr('robots.title.backlog', { count }), lines: [tr('robots.line.backlog', { count, threshold })], link: null };
}

export interface DailyFigures {
  day: string;
  newTickets: number;
  newHigh: number;
  open: number;
  overdue: number;
  review: number;
}

/** The day's summary, with a link to 工单. */
export function dailyAlert(locale: Locale, f: DailyFigures, sheetUrl: string): RobotAlert {
  const tr = translator(locale);
  return {
    title: tr('robots.title.daily', { day: f.day }),
    lines: [
      tr('robots.line.dailyNew', { count: f.newTickets, high: f.newHigh }),
      tr('robots.line.dailyOpen', { open: f.open, overdue: f.overdue }),
      tr('robots.line.dailyReview', { count: f.review }),
    ],
    link: sheetUrl ? { label: tr('robots.link.sheet'), url: sheetUrl } : null,
  };
}

/** The message the owner's dialog sends to check a robot's address and secret. */
export function testAlert(locale: Locale, robot: string, company: string): RobotAlert {
  const tr = translator(locale);
  return { title: tr('robots.title.test', { robot }), lines: [tr('robots.line.test', { company })], link: null };
}

/** The link to the sheet a row link points into (its `range` dropped), for a message about several rows. */
export function sheetOf(rowUrl: string): string {
  return rowUrl.replace(/&range=[^&]*$/, '');
}

/**
 * Several alerts as one message: a title counting them, one line per alert
 * (its title, then its lines), everyone any of them mentions, and one link —
 * to the sheet the first linked alert points into (one message has one live link).
 */
export function mergeAlerts(locale: Locale, alerts: readonly RobotAlert[]): RobotAlert {
  if (alerts.length === 1) return alerts[0]!;
  const tr = translator(locale);
  const sep = locale === 'en' ? '; ' : '；';
  const lines = alerts.map((a) => `${a.title}${locale === 'en' ? ': ' : '：'}${a.lines.join(sep)}`);
  const first = alerts.find((a) => a.link)?.link;
  const unique = (xs: readonly string[]) => [...new Set(xs)];
  return {
    title: tr('robots.title.batch', { count: alerts.length }),
    lines,
    link: first ? { label: tr('robots.link.sheet'), url: sheetOf(first.url) } : null,
    mentions: {
      mobiles: unique(alerts.flatMap((a) => a.mentions?.mobiles ?? [])),
      userIds: unique(alerts.flatMap((a) => a.mentions?.userIds ?? [])),
    },
  };
}

/** An alert stored in the queue's 内容 as JSON, read back; null for anything that is not one. */
export function parseAlert(text: string): RobotAlert | null {
  try {
    const v = JSON.parse(text) as Partial<RobotAlert> | null;
    if (!v || typeof v.title !== 'string' || !Array.isArray(v.lines)) return null;
    const strings = (xs: unknown): string[] => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string') : []);
    const link = v.link && typeof v.link.url === 'string' && typeof v.link.label === 'string' ? { label: v.link.label, url: v.link.url } : null;
    return { title: v.title, lines: strings(v.lines), link, mentions: { mobiles: strings(v.mentions?.mobiles), userIds: strings(v.mentions?.userIds) } };
  } catch {
    return null;
  }
}

/** What the owner's dialog says a robot is sent, in the workbook's language. */
export function describeEvents(locale: Locale, e: RobotEvents): string {
  const tr = translator(locale);
  const parts = [
    ...(e.newTicket ? [tr('robots.event.newTicket')] : []),
    ...(e.high ? [tr('robots.event.high')] : []),
    ...(e.responseBreach ? [tr('robots.event.responseBreach')] : []),
    ...(e.deadlineBreach ? [tr('robots.event.deadlineBreach')] : []),
    ...(e.escalation ? [tr('robots.event.escalation')] : []),
    ...(e.backlog !== null ? [tr('robots.event.backlog', { count: e.backlog })] : []),
    ...(e.dailyHour !== null ? [tr('robots.event.daily', { hour: e.dailyHour })] : []),
  ];
  return parts.join(listSeparator(locale));
}

/** The robots of 配置 that are sent an event (null threshold/hour: not sent). */
export function robotsFor(config: Pick<AppConfig, 'robots'>, pick: (e: RobotEvents) => boolean): AppConfig['robots'] {
  return config.robots.filter((r) => pick(r.events));
}
