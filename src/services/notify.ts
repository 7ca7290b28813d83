/**
 * Mail to customers and owners at intake. A mail that cannot be sent is never
 * silently lost: over quota it is queued (mail-queue.ts), otherwise the
 * failure is recorded in 历史.
 */
import { renderAcknowledgement, renderAssignment } from '../domain/email';
import type { AppContext } from './context';
import type { FiledMail } from './intake';
import { deliver } from './mail-queue';
import { formatDateTime } from './platform';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  deliver(ctx, { ticketNo: m.ticketNo, to: m.customerEmail, mail });
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
  deliver(ctx, { ticketNo: m.ticketNo, to: m.owner, mail });
}

