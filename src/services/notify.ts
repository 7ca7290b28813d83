/**
 * Mail to customers and owners at intake. A mail that cannot be sent is never
 * silently lost: over quota it is queued (mail-queue.ts), otherwise the
 * failure is recorded in 历史.
 */
import { renderAcknowledgement, renderAssignment, renderImportDigest } from '../domain/email';
import { isMailAddress } from '../domain/validate';
import type { AppContext } from './context';
import type { FiledMail } from './intake';
import { deliver, type OutgoingMail } from './mail-queue';
import { formatDateTime } from './platform';

export function sendAcknowledgement(ctx: AppContext, m: FiledMail): void {
  if (!ctx.config.mail.customerAck) return;
  const mail = acknowledgementMail(ctx, m);
  if (mail) deliver(ctx, mail);
}

export function sendAssignment(ctx: AppContext, m: FiledMail): void {
  if (!ctx.config.mail.ownerAssign || !isMailAddress(m.owner)) return;
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

/**
 * The mails of an import run: one digest per owner (not one mail per
 * ticket), and customer acknowledgements only when Config asks for them.
 */
export function importMails(ctx: AppContext, filed: readonly FiledMail[]): OutgoingMail[] {
  const out: OutgoingMail[] = [];
  if (ctx.config.mail.customerAck && ctx.config.mail.importAck) {
    for (const m of filed) {
      const mail = acknowledgementMail(ctx, m);
      if (mail) out.push(mail);
    }
  }
  if (!ctx.config.mail.ownerAssign) return out;
  const byOwner = new Map<string, FiledMail[]>();
  for (const m of filed) if (isMailAddress(m.owner)) byOwner.set(m.owner, [...(byOwner.get(m.owner) ?? []), m]);
  for (const [owner, mails] of byOwner) {
    const tickets = mails.map((m) => ({
      ticketNo: m.ticketNo,
      customerName: m.customerName,
      priority: m.priority,
      deadlineText: formatDateTime(m.deadline, ctx.timeZone),
    }));
    // 历史 of a digest goes to its first ticket: the mail is about all of them.
    out.push({ ticketNo: mails[0]!.ticketNo, to: owner, mail: renderImportDigest({ tickets, locale: ctx.config.locale }) });
  }
  return out;
}

function acknowledgementMail(ctx: AppContext, m: FiledMail): OutgoingMail | null {
  if (!m.customerEmail) return null;
  const mail = renderAcknowledgement({
    companyName: ctx.config.companyName,
    customerName: m.customerName,
    ticketNo: m.ticketNo,
    needType: m.needType,
    deadlineText: formatDateTime(m.deadline, ctx.timeZone),
    locale: ctx.config.locale,
  });
  return { ticketNo: m.ticketNo, to: m.customerEmail, mail };
}
