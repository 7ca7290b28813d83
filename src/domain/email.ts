/**
 * Emails as data: subject, plain text and HTML. Every value that came from
 * a customer or staff member is escaped in the HTML part; the layout uses
 * inline styles only, so Gmail and Outlook on a phone render it.
 */
import { escapeHtml } from './escape';
import { STATUS } from './vocabulary';
import { translator, type Locale, type Translate } from '../i18n/messages';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The acknowledgement quotes nothing the submitter wrote — not even the name:
 * the public Form is open to anyone, who could type a lure ("点击 http://… 领奖")
 * as a name and an address that is not theirs. It carries the ticket number,
 * the company's own words (its name, its need-type options) and the times.
 */
export interface AcknowledgementInput {
  companyName: string;
  ticketNo: string;
  needType: string;
  /** The latest first contact (配置 › 首次响应), formatted in the script time zone: what the mail promises. */
  firstResponseText: string;
  /** The resolution deadline (配置 › 时限), formatted likewise; '' (or the same text) leaves its row out. */
  deadlineText: string;
  /** The mail carries a Reply-To that reaches staff: its footer invites a reply rather than forbidding one. */
  replyable: boolean;
  locale: Locale;
}

/** The last line of a mail to a customer: a reply reaches staff, or is not read. */
function customerFooter(t: ReturnType<typeof translator>, ticketNo: string, replyable: boolean): string {
  return replyable ? t('mail.customer.replyFooter', { ticket: ticketNo }) : t('mail.customer.noReplyFooter', { ticket: ticketNo });
}

/**
 * How staff reach the customer: what the customer record holds of 手机, 座机
 * and 邮箱 ('' when none). Never a sealed field (联系地址, 证件号码).
 */
export interface Contact {
  mobile: string;
  landline: string;
  email: string;
}

export const NO_CONTACT: Contact = { mobile: '', landline: '', email: '' };

/**
 * What every staff mail about a ticket carries so its reader can act without
 * hunting: whom it greets (their name from 配置 › 员工, null when unknown),
 * the customer's contact and a link that opens 工单 at the ticket's row
 * ('' when there is none).
 */
export interface StaffTicketBits {
  contact: Contact;
  link: string;
}

export interface AssignmentInput extends StaffTicketBits {
  ticketNo: string;
  customerName: string;
  needType: string;
  issueType: string;
  priority: string;
  deadlineText: string;
  summary: string;
  team: string;
  /** The owner's name from 配置 › 员工; null greets without a name. */
  recipientName: string | null;
  locale: Locale;
}

/**
 * A two-column table of label/value pairs, escaped, as wide as the mail: the
 * labels keep to one line, the values wrap (page() lets even a long link or
 * address break), so a phone never scrolls sideways.
 */
function table(rows: [string, string][], fontSize = 14): string {
  const cells = rows
    .map(
      ([k, v]) =>
        `<tr><td style="padding:6px 12px 6px 0;color:#5f6368;white-space:nowrap;vertical-align:top;width:1%">${escapeHtml(k)}</td>` +
        `<td style="padding:6px 0;color:#202124;vertical-align:top">${escapeHtml(v).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" width="100%" style="width:100%;border-collapse:collapse;font-size:${fontSize}px">${cells}</table>`;
}

/** Long unspaced runs (an address, a link, an error code) break anywhere rather than widen a mail on a phone. */
export const BREAK_LONG = 'word-break:break-word;overflow-wrap:anywhere';

/**
 * The frame of every mail. Long words — an address, a link, an error code
 * someone pasted — break anywhere rather than widen the mail (overflow-wrap
 * and word-break are inherited by every paragraph and table cell inside; a
 * table's columns shrink to fit since `anywhere` lowers their minimum width).
 */
function page(title: string, body: string, footer: string): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>' +
    '<body style="margin:0;padding:12px;background:#f8f9fa;font-family:-apple-system,BlinkMacSystemFont,\'PingFang SC\',\'Microsoft YaHei\',Arial,sans-serif">' +
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:20px 16px;${BREAK_LONG}">` +
    `<h2 style="margin:0 0 12px;font-size:18px;color:#1a73e8">${escapeHtml(title)}</h2>${body}` +
    `<p style="margin:16px 0 0;font-size:12px;color:#80868b">${escapeHtml(footer)}</p>` +
    '</div></body></html>'
  );
}

function textTable(rows: [string, string][]): string {
  return rows.map(([k, v]) => `${k}：${v}`).join('\n');
}

export function renderAcknowledgement(m: AcknowledgementInput): RenderedMail {
  const t = translator(m.locale);
  const subject = t('mail.ack.subject', { company: m.companyName, ticket: m.ticketNo });
  const greeting = t('mail.ack.greeting');
  const intro = t('mail.ack.intro', { company: m.companyName });
  const next = t('mail.ack.next', { firstResponse: m.firstResponseText });
  const rows: [string, string][] = [
    [t('mail.label.ticket', ), m.ticketNo],
    [t('mail.label.needType', ), m.needType],
    [t('mail.label.expected', ), m.firstResponseText],
  ];
  if (m.deadlineText !== '' && m.deadlineText !== m.firstResponseText) rows.push([t('mail.label.resolveBy'), m.deadlineText]);
  const footer = customerFooter(t, m.ticketNo, m.replyable);
  const text = [greeting, '', intro, '', textTable(rows), '', next, '', footer].join('\n');
  const body =
    `<p style="margin:0 0 8px;font-size:14px;color:#202124">${escapeHtml(greeting)}</p>` +
    `<p style="margin:0 0 12px;font-size:14px;color:#202124">${escapeHtml(intro)}</p>` +
    table(rows) +
    `<p style="margin:12px 0 0;font-size:14px;color:#202124">${escapeHtml(next)}</p>`;
  return { subject, text, html: page(t('mail.ack.title', ), body, footer) };
}

/** The greeting of a staff mail: by name when 配置 › 员工 gives one. */
function staffGreeting(t: Translate, name: string | null): string {
  return name ? t('mail.staff.greeting', { name }) : t('mail.staff.greetingNoName');
}

/** The customer's contact as label/value rows: only what the record holds. */
function contactRows(t: Translate, c: Contact): [string, string][] {
  const rows: [string, string][] = [
    [t('mail.label.mobile'), c.mobile],
    [t('mail.label.landline'), c.landline],
    [t('mail.label.email'), c.email],
  ];
  return rows.filter(([, v]) => v.trim() !== '');
}

/** What to do next, with the deadline when the ticket has one. */
function nextStep(t: Translate, deadlineText: string): string {
  return deadlineText.trim() ? t('mail.staff.next', { deadline: deadlineText }) : t('mail.staff.nextNoDeadline');
}

/**
 * A staff mail about one ticket: greeting, intro, the ticket's details with
 * the customer's contact, what to do next and the link to the ticket's row
 * (a button in HTML, the plain address in the text part).
 */
function staffTicketMail(t: Translate, p: { subject: string; title: string; greeting: string; intro: string; rows: [string, string][]; next: string; link: string; footer: string }): RenderedMail {
  const linkLines = p.link ? ['', t('mail.staff.openText', { url: p.link })] : [];
  const text = [p.greeting, p.intro, '', textTable(p.rows), '', p.next, ...linkLines, '', p.footer].join('\n');
  const body =
    `<p style="margin:0 0 4px;font-size:14px;color:#202124">${escapeHtml(p.greeting)}</p>` +
    paragraph(p.intro) +
    table(p.rows) +
    `<p style="margin:12px 0 0;font-size:14px;color:#202124">${escapeHtml(p.next)}</p>` +
    (p.link ? button(p.link, t('mail.staff.open')) : '');
  return { subject: p.subject, text, html: page(p.title, body, p.footer) };
}

export function renderAssignment(m: AssignmentInput): RenderedMail {
  const t = translator(m.locale);
  const rows: [string, string][] = [
    [t('mail.label.ticket', ), m.ticketNo],
    [t('mail.label.customer', ), m.customerName],
    ...contactRows(t, m.contact),
    [t('mail.label.needType', ), m.needType],
    [t('mail.label.issueType', ), m.issueType],
    [t('mail.label.priority', ), m.priority],
    [t('mail.label.deadline', ), m.deadlineText],
    [t('mail.label.summary', ), m.summary.length > 500 ? m.summary.slice(0, 500) + '…' : m.summary],
  ];
  return staffTicketMail(t, {
    subject: t('mail.assign.subject', { ticket: m.ticketNo, priority: m.priority }),
    title: t('mail.assign.title'),
    greeting: staffGreeting(t, m.recipientName),
    intro: t('mail.assign.intro', { team: m.team, ticket: m.ticketNo }),
    rows,
    next: nextStep(t, m.deadlineText),
    link: m.link,
    footer: t('mail.assign.footer'),
  });
}

export interface DigestTicket extends StaffTicketBits {
  ticketNo: string;
  customerName: string;
  priority: string;
  deadlineText: string;
}

export interface ImportDigestInput {
  /** New tickets of one owner from one import run, nearest deadline first or in import order. */
  tickets: DigestTicket[];
  /** The owner's name from 配置 › 员工; null greets without a name. */
  recipientName: string | null;
  locale: Locale;
}

/** Listed in an import digest at most (each a card with contact and link: 40 keep it under Gmail's ~100 KB clipping); the rest are counted. */
const DIGEST_LIMIT = 40;

/** One mail per owner for an import, instead of one per imported ticket. */
export function renderImportDigest(m: ImportDigestInput): RenderedMail {
  return renderOwnerDigest('import', m);
}

/** One mail per owner an hour listing the tickets assigned meanwhile (邮件 › 负责人通知方式 = 每小时汇总). */
export function renderAssignDigest(m: ImportDigestInput): RenderedMail {
  return renderOwnerDigest('assign', m);
}

function renderOwnerDigest(kind: 'import' | 'assign', m: ImportDigestInput): RenderedMail {
  const t = translator(m.locale);
  const key = kind === 'import' ? 'importDigest' : 'assignDigest';
  const n = m.tickets.length;
  const subject = t(`mail.${key}.subject`, { count: n });
  const greeting = staffGreeting(t, m.recipientName);
  const intro = t(`mail.${key}.intro`, { count: n });
  const shown = m.tickets.slice(0, DIGEST_LIMIT);
  const more = n > shown.length ? t(`mail.${key}.more`, { count: n - shown.length }) : '';
  const footer = t('mail.assign.footer', );
  const cards = shown.map((x) => ({
    head: `${x.ticketNo}\u3000${x.priority}`,
    rows: [[t('mail.label.customer'), x.customerName], ...contactRows(t, x.contact), [t('mail.label.deadline'), x.deadlineText]] as [string, string][],
    link: x.link,
  }));
  const text = [greeting, intro, '', ...cards.map((c) => cardText(t, c)), ...(more ? [more, ''] : []), t('mail.staff.nextMany'), '', footer].join('\n');
  const body =
    `<p style="margin:0 0 4px;font-size:14px;color:#202124">${escapeHtml(greeting)}</p>` +
    paragraph(intro) +
    cards.map((c) => cardHtml(t, c)).join('') +
    (more ? `<p style="margin:8px 0 0;font-size:13px;color:#5f6368">${escapeHtml(more)}</p>` : '') +
    `<p style="margin:12px 0 0;font-size:14px;color:#202124">${escapeHtml(t('mail.staff.nextMany'))}</p>`;
  return { subject, text, html: page(t(`mail.${key}.title`), body, footer) };
}

/** One ticket of a digest: a heading line, its label/value rows, its link. */
interface DigestCard {
  head: string;
  rows: [string, string][];
  link: string;
}

/**
 * A digest's ticket as a card of its own (stacked, not a table of 4+
 * columns), so a list of tickets fits a 390 px phone.
 */
function cardHtml(t: Translate, c: DigestCard): string {
  const link = /^https?:\/\//.test(c.link)
    ? `<a href="${escapeHtml(c.link)}" style="display:inline-block;margin-top:6px;padding:4px 10px;background:#1a73e8;color:#ffffff;border-radius:4px;text-decoration:none;font-size:13px">${escapeHtml(t('mail.staff.openShort'))}</a>`
    : '';
  return (
    '<div style="border:1px solid #e8eaed;border-radius:6px;padding:8px 10px;margin:0 0 8px">' +
    `<div style="font-size:14px;font-weight:bold;color:#202124;margin:0 0 4px">${escapeHtml(c.head)}</div>` +
    table(c.rows, 13) +
    link +
    '</div>'
  );
}

function cardText(t: Translate, c: DigestCard): string {
  return [c.head, ...c.rows.map(([k, v]) => `  ${k}：${v}`), ...(c.link ? [`  ${t('mail.staff.openText', { url: c.link })}`] : []), ''].join('\n');
}

export interface ProgressInput {
  companyName: string;
  customerName: string;
  ticketNo: string;
  status: string;
  /** 进度说明 as staff wrote it; may be blank. */
  note: string;
  /** The prefilled survey link, at 问题已解决 only. */
  surveyUrl?: string;
  /** The mail carries a Reply-To that reaches staff (see AcknowledgementInput). */
  replyable: boolean;
  locale: Locale;
}

/** A link button (the URL is escaped; only http(s) links are rendered). */
function button(url: string, label: string): string {
  if (!/^https?:\/\//.test(url)) return '';
  return (
    `<p style="margin:12px 0 0"><a href="${escapeHtml(url)}" style="display:inline-block;padding:8px 16px;background:#1a73e8;` +
    `color:#ffffff;border-radius:4px;text-decoration:none;font-size:14px">${escapeHtml(label)}</a></p>`
  );
}

function paragraph(s: string): string {
  return `<p style="margin:0 0 12px;font-size:14px;color:#202124">${escapeHtml(s)}</p>`;
}

/**
 * To the customer when a status Config marks as notifying is reached. At
 * 问题已解决 it reads as a person would write it: done, once, then what was
 * done and the survey; other statuses are named once, in the intro.
 */
export function renderProgress(m: ProgressInput): RenderedMail {
  const t = translator(m.locale);
  const resolved = m.status === STATUS.resolved;
  const subject = resolved
    ? t('mail.resolved.subject', { company: m.companyName, ticket: m.ticketNo })
    : t('mail.progress.subject', { ticket: m.ticketNo, status: m.status });
  const greeting = t('mail.progress.greeting', { name: m.customerName });
  const intro = resolved ? t('mail.resolved.intro') : t('mail.progress.intro', { company: m.companyName, status: m.status });
  const rows: [string, string][] = [[t('mail.label.ticket', ), m.ticketNo]];
  const note = m.note.length > 1000 ? m.note.slice(0, 1000) + '…' : m.note;
  if (m.note.trim() !== '') rows.push([resolved ? t('mail.label.resolution') : t('mail.label.progress', ), note]);
  const footer = resolved && m.replyable ? t('mail.resolved.replyFooter', { ticket: m.ticketNo }) : customerFooter(t, m.ticketNo, m.replyable);
  const survey = m.surveyUrl ? t('mail.progress.survey', ) : '';
  const text = [greeting, '', intro, '', textTable(rows), ...(m.surveyUrl ? ['', survey, m.surveyUrl] : []), '', footer].join('\n');
  const body =
    paragraph(greeting) +
    paragraph(intro) +
    table(rows) +
    (m.surveyUrl ? `<p style="margin:12px 0 0;font-size:14px;color:#202124">${escapeHtml(survey)}</p>` + button(m.surveyUrl, t('mail.progress.surveyLink', )) : '');
  return { subject, text, html: page(resolved ? t('mail.resolved.title') : t('mail.progress.title', ), body, footer) };
}

export interface InfoRequestInput {
  companyName: string;
  customerName: string;
  ticketNo: string;
  /** 进度说明: what staff need from the customer; may be blank. */
  note: string;
  /** The intake Form pre-filled for this customer and ticket; '' when there is no Form. */
  formUrl: string;
  replyable: boolean;
  locale: Locale;
}

/** To the customer when staff set 待客户补充: what is missing, and the pre-filled Form to answer with. */
export function renderInfoRequest(m: InfoRequestInput): RenderedMail {
  const t = translator(m.locale);
  const greeting = t('mail.progress.greeting', { name: m.customerName });
  const intro = t('mail.infoRequest.intro', { company: m.companyName });
  const note = m.note.trim() === '' ? t('mail.infoRequest.neededDefault') : m.note.length > 1000 ? m.note.slice(0, 1000) + '…' : m.note;
  const rows: [string, string][] = [[t('mail.label.ticket'), m.ticketNo], [t('mail.infoRequest.needed'), note]];
  const how = m.formUrl ? t('mail.infoRequest.form') : m.replyable ? t('mail.infoRequest.noForm') : '';
  const after = t('mail.infoRequest.after');
  const footer = customerFooter(t, m.ticketNo, m.replyable);
  const text = [greeting, '', intro, '', textTable(rows), ...(how ? ['', how] : []), ...(m.formUrl ? [m.formUrl] : []), '', after, '', footer].join('\n');
  const body =
    paragraph(greeting) +
    paragraph(intro) +
    table(rows) +
    (how ? `<p style="margin:12px 0 0;font-size:14px;color:#202124">${escapeHtml(how)}</p>` : '') +
    (m.formUrl ? button(m.formUrl, t('mail.infoRequest.button')) : '') +
    paragraph(after);
  return { subject: t('mail.infoRequest.subject', { ticket: m.ticketNo }), text, html: page(t('mail.infoRequest.title'), body, footer) };
}

export interface RefreshRequestInput {
  companyName: string;
  customerName: string;
  customerNo: string;
  /** The intake Form pre-filled with the record's non-sensitive details and 需求类型 资料更新. */
  formUrl: string;
  replyable: boolean;
  locale: Locale;
}

/** 定期更新: asks a customer to confirm or correct the details on record, through the pre-filled Form. */
export function renderRefreshRequest(m: RefreshRequestInput): RenderedMail {
  const t = translator(m.locale);
  const greeting = t('mail.progress.greeting', { name: m.customerName });
  const intro = t('mail.refresh.intro', { company: m.companyName });
  const how = t('mail.refresh.form');
  const after = t('mail.refresh.after');
  const footer = m.replyable ? t('mail.refresh.replyFooter', { customer: m.customerNo }) : t('mail.refresh.noReplyFooter', { customer: m.customerNo });
  const text = [greeting, '', intro, '', how, m.formUrl, '', after, '', footer].join('\n');
  const body =
    paragraph(greeting) +
    paragraph(intro) +
    `<p style="margin:12px 0 0;font-size:14px;color:#202124">${escapeHtml(how)}</p>` +
    button(m.formUrl, t('mail.refresh.button')) +
    paragraph(after);
  return { subject: t('mail.refresh.subject', { company: m.companyName }), text, html: page(t('mail.refresh.title'), body, footer) };
}

export interface ReassignmentInput extends StaffTicketBits {
  ticketNo: string;
  customerName: string;
  status: string;
  priority: string;
  deadlineText: string;
  /** Who handed the ticket over (the previous owner or the editor), by name when 员工 gives one. */
  from: string;
  /** The new owner's name from 配置 › 员工; null greets without a name. */
  recipientName: string | null;
  locale: Locale;
}

/** To the new owner when 负责人 is edited. */
export function renderReassignment(m: ReassignmentInput): RenderedMail {
  const t = translator(m.locale);
  const rows: [string, string][] = [
    [t('mail.label.ticket', ), m.ticketNo],
    [t('mail.label.customer', ), m.customerName],
    ...contactRows(t, m.contact),
    [t('mail.label.status', ), m.status],
    [t('mail.label.priority', ), m.priority],
    [t('mail.label.deadline', ), m.deadlineText],
  ];
  return staffTicketMail(t, {
    subject: t('mail.reassign.subject', { ticket: m.ticketNo }),
    title: t('mail.assign.title'),
    greeting: staffGreeting(t, m.recipientName),
    intro: t('mail.reassign.intro', { from: m.from, ticket: m.ticketNo }),
    rows,
    next: nextStep(t, m.deadlineText),
    link: m.link,
    footer: t('mail.assign.footer'),
  });
}

export interface SuppliedInput extends StaffTicketBits {
  ticketNo: string;
  /** The ticket the customer's answer was filed as. */
  answerTicket: string;
  customerName: string;
  /** The status the ticket went back to. */
  status: string;
  deadlineText: string;
  recipientName: string | null;
  locale: Locale;
}

/** To the owner when the customer answers a 请补充信息 through the link: the ticket runs again. */
export function renderSupplied(m: SuppliedInput): RenderedMail {
  const t = translator(m.locale);
  const rows: [string, string][] = [
    [t('mail.label.ticket'), m.ticketNo],
    [t('mail.label.customer'), m.customerName],
    ...contactRows(t, m.contact),
    [t('mail.supplied.answer'), m.answerTicket],
    [t('mail.label.status'), m.status],
    [t('mail.label.deadline'), m.deadlineText],
  ];
  return staffTicketMail(t, {
    subject: t('mail.supplied.subject', { ticket: m.ticketNo }),
    title: t('mail.supplied.title'),
    greeting: staffGreeting(t, m.recipientName),
    intro: t('mail.supplied.intro', { ticket: m.ticketNo, answer: m.answerTicket, status: m.status }),
    rows,
    next: nextStep(t, m.deadlineText),
    link: m.link,
    footer: t('mail.assign.footer'),
  });
}

export interface EscalationInput extends StaffTicketBits {
  level: 1 | 2;
  ticketNo: string;
  customerName: string;
  status: string;
  priority: string;
  /** The owner as staff know them: a name from 员工, else the address or the team. */
  owner: string;
  team: string;
  deadlineText: string;
  /** e.g. 已超时 2 天 3 小时. */
  overdue: string;
  /** The recipient's name from 员工 (the owner at level 1, the supervisor at 2); null greets without a name. */
  recipientName: string | null;
  locale: Locale;
}

/** Level 1 to the owner, level 2 to the team's supervisor. */
export function renderEscalation(m: EscalationInput): RenderedMail {
  const t = translator(m.locale);
  const subject = m.level === 1
    ? t('mail.escalate.ownerSubject', { ticket: m.ticketNo, overdue: m.overdue })
    : t('mail.escalate.supervisorSubject', { ticket: m.ticketNo, overdue: m.overdue });
  const intro = m.level === 1 ? t('mail.escalate.ownerIntro', { ticket: m.ticketNo }) : t('mail.escalate.supervisorIntro', { team: m.team, ticket: m.ticketNo });
  const rows: [string, string][] = [
    [t('mail.label.ticket', ), m.ticketNo],
    [t('mail.label.customer', ), m.customerName],
    ...contactRows(t, m.contact),
    [t('mail.label.status', ), m.status],
    [t('mail.label.priority', ), m.priority],
    [t('mail.label.owner', ), m.owner],
    [t('mail.label.deadline', ), m.deadlineText],
    [t('mail.label.overdue', ), m.overdue],
  ];
  return staffTicketMail(t, {
    subject,
    title: t('mail.escalate.title'),
    greeting: staffGreeting(t, m.recipientName),
    intro,
    rows,
    next: m.level === 1 ? t('mail.escalate.ownerNext') : t('mail.escalate.supervisorNext', { owner: m.owner }),
    link: m.link,
    footer: t('mail.escalate.footer'),
  });
}

export interface LowRatingInput extends StaffTicketBits {
  ticketNo: string;
  customerName: string;
  score: number;
  /** What the customer wrote beside the rating ('' when nothing). */
  feedback: string;
  /** The owner as staff know them. */
  owner: string;
  /** To the owner, or to the team's supervisor (told who owns it). */
  toSupervisor: boolean;
  recipientName: string | null;
  locale: Locale;
}

/** A rating of 1–2: the owner and the supervisor hear of it once; the ticket stays as it is. */
export function renderLowRating(m: LowRatingInput): RenderedMail {
  const t = translator(m.locale);
  const rows: [string, string][] = [
    [t('mail.label.ticket'), m.ticketNo],
    [t('mail.label.customer'), m.customerName],
    ...contactRows(t, m.contact),
    [t('mail.lowRating.score'), t('mail.lowRating.scoreValue', { score: m.score })],
    ...(m.feedback ? [[t('mail.lowRating.feedback'), m.feedback] as [string, string]] : []),
    [t('mail.label.owner'), m.owner],
  ];
  return staffTicketMail(t, {
    subject: t('mail.lowRating.subject', { ticket: m.ticketNo, score: m.score }),
    title: t('mail.lowRating.title'),
    greeting: staffGreeting(t, m.recipientName),
    intro: t('mail.lowRating.intro', { ticket: m.ticketNo, score: m.score }),
    rows,
    next: m.toSupervisor ? t('mail.lowRating.supervisorNext', { owner: m.owner }) : t('mail.lowRating.ownerNext'),
    link: m.link,
    footer: t('mail.lowRating.footer'),
  });
}

export interface DigestLine extends StaffTicketBits {
  ticketNo: string;
  customerName: string;
  /** The owner as staff know them: a name from 员工, else the address or the team. */
  owner: string;
  status: string;
  overdue: string;
}

/** Cards in one weekly digest: each carries contact and a link (~2 KB), and the mail stays under Gmail's clipping size (~100 KB). */
const DIGEST_MAX_LINES = 40;

/** The weekly list of every overdue, unresolved ticket, as given (the first 40 when there are more, the rest counted). */
export function renderOverdueDigest(all: readonly DigestLine[], timeText: string, locale: Locale, counts: { deadline: number; firstResponse: number }): RenderedMail {
  const t = translator(locale);
  const intro = t('mail.digest.intro', { time: timeText, count: all.length });
  // The same two counts as the reports' (domain/overdue.ts): a ticket late both ways is in both.
  const split = t('mail.digest.counts', counts);
  // A mail stays readable (and under Gmail's clipping size): the first lines, the count says the rest.
  const lines = all.slice(0, DIGEST_MAX_LINES);
  const more = all.length > lines.length ? t('mail.digest.more', { count: all.length - lines.length }) : '';
  const footer = t('mail.digest.footer', );
  const cards: DigestCard[] = lines.map((l) => ({
    head: `${l.ticketNo}\u3000${l.overdue}`,
    rows: [
      [t('mail.label.owner'), l.owner],
      [t('mail.label.status'), l.status],
      [t('mail.label.customer'), l.customerName],
      ...contactRows(t, l.contact),
    ],
    link: l.link,
  }));
  const html =
    paragraph(intro) +
    paragraph(split) +
    cards.map((c) => cardHtml(t, c)).join('') +
    (more ? `<p style="margin:8px 0 0;font-size:13px;color:#5f6368">${escapeHtml(more)}</p>` : '');
  const text = [intro, split, '', ...cards.map((c) => cardText(t, c)), ...(more ? [more, ''] : []), footer].join('\n');
  return { subject: t('mail.digest.subject', { count: all.length }), text, html: page(t('mail.digest.title', ), html, footer) };
}

export interface IntakeOutageInput {
  /** When intake stopped filing, already formatted in the script time zone. */
  sinceText: string;
  /** Why, in the admin's words (the rendered error). */
  reason: string;
  locale: Locale;
}

/** To the setup owner, once per outage: Form responses wait unfiled until a sheet is fixed. */
export function renderIntakeOutage(m: IntakeOutageInput): RenderedMail {
  const t = translator(m.locale);
  const intro = t('mail.intakeDown.intro', { since: m.sinceText, reason: m.reason });
  const action = t('mail.intakeDown.action');
  const footer = t('mail.intakeDown.footer');
  return {
    subject: t('mail.intakeDown.subject', { reason: m.reason }),
    text: [intro, '', action, '', footer].join('\n'),
    html: page(t('mail.intakeDown.title'), paragraph(intro) + paragraph(action), footer),
  };
}

/** To the setup owner when the sweep has filed every response that waited during an outage. */
export function renderIntakeRecovered(m: { sinceText: string; locale: Locale }): RenderedMail {
  const t = translator(m.locale);
  const intro = t('mail.intakeRecovered.intro', { since: m.sinceText });
  return { subject: t('mail.intakeRecovered.subject'), text: intro, html: page(t('mail.intakeRecovered.title'), paragraph(intro), '') };
}
