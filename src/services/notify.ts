/**
 * Mail to customers and owners at intake: what to send, rendered. Intake
 * records it in 邮件队列 with the ticket, under the lock, and sends it after
 * (mail-queue.ts), so a run that stops in between loses no mail.
 */
import { renderAcknowledgement, renderAssignment, renderImportDigest } from '../domain/email';
import { isMailAddress } from '../domain/validate';
import type { AppContext } from './context';
import type { FiledMail } from './intake';
import type { OutgoingMail } from './mail-queue';
import { formatDateTime } from './platform';

/** The acknowledgement to the customer and the assignment to the owner of one filed ticket, as Config asks. */
export function intakeMails(ctx: AppContext, m: FiledMail): OutgoingMail[] {
  const out: OutgoingMail[] = [];
  const ack = ctx.config.mail.customerAck ? acknowledgementMail(ctx, m) : null;
  if (ack) out.push(ack);
  if (ctx.config.mail.ownerAssign && isMailAddress(m.owner)) out.push(assignmentMail(ctx, m));
  return out;
}

function assignmentMail(ctx: AppContext, m: FiledMail): OutgoingMail {
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
  return { ticketNo: m.ticketNo, to: m.owner, mail };
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
