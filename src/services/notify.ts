/**
 * Mail to customers and owners. A mail that cannot be sent (quota, bad
 * address) is never silently lost: the failure is recorded in 历史.
 */
import { renderAcknowledgement, renderAssignment, type RenderedMail } from '../domain/email';
import { t } from '../i18n/messages';
import { HISTORY } from '../sheets/schema';
import type { AppContext } from './context';
import type { FiledMail } from './intake';
import { formatDateTime } from './platform';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function sendAcknowledgement(ctx: AppContext, m: FiledMail): void {
  if (!ctx.config.mail.customerAck || !m.customerEmail) return;
  const mail = renderAcknowledgement({
    companyName: ctx.config.companyName,
    customerName: m.customerName,
    ticketNo: m.ticketNo,
    needType: m.needType,
    deadlineText: formatDateTime(m.deadline, ctx.timeZone),
    locale: ctx.config.locale,
  });
  deliver(ctx, m.ticketNo, m.customerEmail, mail);
}

export function sendAssignment(ctx: AppContext, m: FiledMail): void {
  if (!ctx.config.mail.ownerAssign || !EMAIL.test(m.owner)) return;
  const mail = renderAssignment({
    ticketNo: m.ticketNo,
    customerName: m.customerName,
    needType: m.needType,
    issueType: m.issueType,
    priority: m.priority,
    deadlineText: formatDateTime(m.deadline, ctx.timeZone),
    summary: m.summary,
    team: m.ownerTeam,
    locale: ctx.config.locale,
  });
  deliver(ctx, m.ticketNo, m.owner, mail);
}

function deliver(ctx: AppContext, ticketNo: string, to: string, mail: RenderedMail): void {
  try {
    MailApp.sendEmail({ to, subject: mail.subject, body: mail.text, htmlBody: mail.html, name: ctx.config.mail.senderName });
  } catch (err) {
    ctx.table(HISTORY).append([
      {
        时间: new Date(),
        工单编号: ticketNo,
        操作人: t('history.system'),
        动作: t('history.mailFailed'),
        原值: '',
        新值: to,
        说明: err instanceof Error ? err.message : String(err),
      },
    ]);
  }
}
