/**
 * Emails as data: subject, plain text and HTML. Every value that came from
 * a customer or staff member is escaped in the HTML part; the layout uses
 * inline styles only, so Gmail and Outlook on a phone render it.
 */
import { escapeHtml } from './escape';
import { t, type Locale } from '../i18n/messages';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface AcknowledgementInput {
  companyName: string;
  customerName: string;
  ticketNo: string;
  needType: string;
  /** When the customer can expect an answer, already formatted in the script time zone. */
  deadlineText: string;
  locale?: Locale;
}

export interface AssignmentInput {
  ticketNo: string;
  customerName: string;
  needType: string;
  issueType: string;
  priority: string;
  deadlineText: string;
  summary: string;
  team: string;
  locale?: Locale;
}

/** A two-column table of label/value pairs, escaped. */
function table(rows: [string, string][]): string {
  const cells = rows
    .map(
      ([k, v]) =>
        `<tr><td style="padding:6px 12px 6px 0;color:#5f6368;white-space:nowrap;vertical-align:top">${escapeHtml(k)}</td>` +
        `<td style="padding:6px 0;color:#202124">${escapeHtml(v).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" style="border-collapse:collapse;font-size:14px">${cells}</table>`;
}

function page(title: string, body: string, footer: string): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>' +
    '<body style="margin:0;padding:16px;background:#f8f9fa;font-family:-apple-system,BlinkMacSystemFont,\'PingFang SC\',\'Microsoft YaHei\',Arial,sans-serif">' +
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:20px">' +
    `<h2 style="margin:0 0 12px;font-size:18px;color:#1a73e8">${escapeHtml(title)}</h2>${body}` +
    `<p style="margin:16px 0 0;font-size:12px;color:#80868b">${escapeHtml(footer)}</p>` +
    '</div></body></html>'
  );
}

function textTable(rows: [string, string][]): string {
  return rows.map(([k, v]) => `${k}：${v}`).join('\n');
}

export function renderAcknowledgement(m: AcknowledgementInput): RenderedMail {
  const L = m.locale;
  const subject = t('mail.ack.subject', { company: m.companyName, ticket: m.ticketNo }, L);
  const greeting = t('mail.ack.greeting', { name: m.customerName }, L);
  const intro = t('mail.ack.intro', { company: m.companyName }, L);
  const next = t('mail.ack.next', { deadline: m.deadlineText }, L);
  const rows: [string, string][] = [
    [t('mail.label.ticket', {}, L), m.ticketNo],
    [t('mail.label.needType', {}, L), m.needType],
    [t('mail.label.expected', {}, L), m.deadlineText],
  ];
  const footer = t('mail.ack.footer', { ticket: m.ticketNo }, L);
  const text = [greeting, '', intro, '', textTable(rows), '', next, '', footer].join('\n');
  const body =
    `<p style="margin:0 0 8px;font-size:14px;color:#202124">${escapeHtml(greeting)}</p>` +
    `<p style="margin:0 0 12px;font-size:14px;color:#202124">${escapeHtml(intro)}</p>` +
    table(rows) +
    `<p style="margin:12px 0 0;font-size:14px;color:#202124">${escapeHtml(next)}</p>`;
  return { subject, text, html: page(t('mail.ack.title', {}, L), body, footer) };
}

export function renderAssignment(m: AssignmentInput): RenderedMail {
  const L = m.locale;
  const subject = t('mail.assign.subject', { ticket: m.ticketNo, priority: m.priority }, L);
  const intro = t('mail.assign.intro', { team: m.team }, L);
  const rows: [string, string][] = [
    [t('mail.label.ticket', {}, L), m.ticketNo],
    [t('mail.label.customer', {}, L), m.customerName],
    [t('mail.label.needType', {}, L), m.needType],
    [t('mail.label.issueType', {}, L), m.issueType],
    [t('mail.label.priority', {}, L), m.priority],
    [t('mail.label.deadline', {}, L), m.deadlineText],
    [t('mail.label.summary', {}, L), m.summary.length > 500 ? m.summary.slice(0, 500) + '…' : m.summary],
  ];
  const footer = t('mail.assign.footer', {}, L);
  const text = [intro, '', textTable(rows), '', footer].join('\n');
  const body = `<p style="margin:0 0 12px;font-size:14px;color:#202124">${escapeHtml(intro)}</p>` + table(rows);
  return { subject, text, html: page(t('mail.assign.title', {}, L), body, footer) };
}
