/**
 * Mail to customers and owners at intake: what to send, rendered. Intake
 * records it in 邮件队列 with the ticket, under the lock, and sends it after
 * (mail-queue.ts), so a run that stops in between loses no mail.
 *
 * Acknowledgements go to whatever address a submitter typed, so they are
 * admitted against the day's limits first (domain/ack-limits.ts): one held
 * back is said in the ticket's 历史 and counted, the ticket filed as ever.
 */
import { decideAck } from '../domain/ack-limits';
import { ownerMailOn } from '../domain/config-robots';
import { NO_CONTACT, renderAcknowledgement, renderAssignDigest, renderAssignment, renderImportDigest, type Contact } from '../domain/email';
import { rowLink } from '../domain/sheet-link';
import { normaliseEmail } from '../domain/normalise';
import { replyToFor } from '../domain/reply-to';
import { ownerDirectory } from '../domain/owners';
import { isMailAddress } from '../domain/validate';
import { HISTORY_ACTION, SYSTEM_ACTOR } from '../domain/vocabulary';
import { HISTORY, TICKETS } from '../sheets/schema';
import { cellText, type Row, type RowFor } from '../sheets/table';
import { alertAdmin } from './admin-alert';
import type { AppContext } from './context';
import type { FiledMail } from './intake';
import { withScriptLock } from './lock';
import { remainingQuota, type HeldNotice, type OutgoingMail } from './mail-queue';
import { formatDateTime, formatDay } from './platform';
import { readAckLedger, setupOwner } from './store';

/**
 * The acknowledgement to the customer and the assignment to the owner of one
 * filed ticket, as Config asks. Called under the script lock (intake), which
 * the acknowledgement ledger needs.
 */
export function intakeMails(ctx: AppContext, m: FiledMail): OutgoingMail[] {
  const out: OutgoingMail[] = [];
  if (ctx.config.mail.customerAck) out.push(...admitted(ctx, [m]));
  if (ownerMailOn(ctx.config) && isMailAddress(m.owner)) {
    // 每小时汇总: recorded 待汇总 with the ticket, for the hourly digest (sent on its own never).
    const notice = assignmentMail(ctx, m);
    out.push(ctx.config.mail.ownerAssignMode === 'hourly' ? { ...notice, held: true } : notice);
  }
  return out;
}

/**
 * The hourly digests of held new-ticket notices: one mail per recipient,
 * listing their tickets as 工单 holds them now (`tickets` by 工单编号, with the
 * row each was read at; a ticket no longer there is listed by its number).
 * `contacts` by 客户编号, looked up by the caller with everything else it mails.
 */
export function assignDigests(ctx: AppContext, held: readonly HeldNotice[], tickets: ReadonlyMap<string, { row: number; values: Row }>, contacts: ReadonlyMap<string, Contact>): OutgoingMail[] {
  const byOwner = new Map<string, HeldNotice[]>();
  for (const h of held) byOwner.set(h.to, [...(byOwner.get(h.to) ?? []), h]);
  const link = held.length ? ctx.ticketsLink() : null;
  return [...byOwner].map(([to, notices]) => ({
    ticketNo: notices[0]!.ticketNo,
    to,
    mail: renderAssignDigest({
      tickets: notices.map((n) => {
        const found = tickets.get(n.ticketNo);
        const v = found?.values;
        const deadline = v?.[TICKETS.col.deadline];
        return {
          ticketNo: n.ticketNo,
          customerName: cellText(v?.[TICKETS.col.name]),
          priority: cellText(v?.[TICKETS.col.priority]),
          deadlineText: deadline instanceof Date ? formatDateTime(deadline, ctx.timeZone) : cellText(deadline),
          contact: contacts.get(cellText(v?.[TICKETS.col.customerNo])) ?? NO_CONTACT,
          // The row of this run's read of 工单: the link is made as the digest is.
          link: rowLink(link, found?.row),
        };
      }),
      recipientName: ownerDirectory(ctx.config).name(to),
      locale: ctx.config.locale,
    }),
  }));
}

function assignmentMail(ctx: AppContext, m: FiledMail): OutgoingMail {
  // The row the ticket was just filed at: the link is made with the mail (a later sort moves the ticket, not the link).
  const mail = renderAssignment({
    ticketNo: m.ticketNo,
    customerName: m.customerName,
    needType: m.needType,
    issueType: m.issueType,
    priority: m.priority,
    deadlineText: formatDateTime(m.deadline, ctx.timeZone),
    summary: m.summary,
    team: m.ownerTeam,
    recipientName: ownerDirectory(ctx.config).name(m.owner),
    contact: m.contact,
    link: rowLink(ctx.ticketsLink(), m.row),
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
    // An import's mails are made after its lock: the ledger takes the lock of its own (busy: the tickets are filed, their mail goes unchecked).
    try {
      out.push(...withScriptLock(() => admitted(ctx, filed)));
    } catch (err) {
      out.push(...unchecked(ctx, filed.filter((m) => m.customerEmail), err));
    }
  }
  // An import's tickets are no robot's news: its owners' digests go whenever owners are mailed at all.
  if (ctx.config.mail.ownerAssign === false) return out;
  const byOwner = new Map<string, FiledMail[]>();
  for (const m of filed) if (isMailAddress(m.owner)) byOwner.set(m.owner, [...(byOwner.get(m.owner) ?? []), m]);
  const link = byOwner.size ? ctx.ticketsLink() : null;
  for (const [owner, mails] of byOwner) {
    const tickets = mails.map((m) => ({
      ticketNo: m.ticketNo,
      customerName: m.customerName,
      priority: m.priority,
      deadlineText: formatDateTime(m.deadline, ctx.timeZone),
      contact: m.contact,
      // The rows the import just wrote: the links are made with the digest.
      link: rowLink(link, m.row),
    }));
    // 历史 of a digest goes to its first ticket: the mail is about all of them.
    out.push({ ticketNo: mails[0]!.ticketNo, to: owner, mail: renderImportDigest({ tickets, recipientName: ownerDirectory(ctx.config).name(owner), locale: ctx.config.locale }) });
  }
  return out;
}

/**
 * The acknowledgements of `filed` that today's limits admit, rendered; the
 * others' tickets get a 历史 line. One read and one write of the day's ledger
 * (call under the script lock); the admin hears of a burst once a day.
 */
function admitted(ctx: AppContext, filed: readonly FiledMail[]): OutgoingMail[] {
  const withAddress = filed.filter((m) => m.customerEmail);
  if (withAddress.length === 0) return [];
  try {
    return admit(ctx, withAddress);
  } catch (err) {
    return unchecked(ctx, withAddress, err);
  }
}

/**
 * The tickets are being filed (or are filed), with their mails: a limit check
 * that fails (the quota or the ledger unreadable, the lock busy) must not lose
 * them. One acknowledgement too many is the lesser harm.
 */
function unchecked(ctx: AppContext, withAddress: readonly FiledMail[], err: unknown): OutgoingMail[] {
  console.error(`acknowledgement limits not checked: ${err instanceof Error ? err.message : String(err)}`);
  return withAddress.map((m) => acknowledgementMail(ctx, m, m.customerEmail!));
}

function admit(ctx: AppContext, withAddress: readonly FiledMail[]): OutgoingMail[] {
  const stored = readAckLedger(formatDay(ctx.now, ctx.timeZone));
  const { ackPerAddress: perAddress, ackQuotaShare: quotaShare, ackBurst: burst } = ctx.config.mail;
  let ledger = stored.ledger;
  let burstSeen = false;
  const out: OutgoingMail[] = [];
  const held: RowFor<typeof HISTORY>[] = [];
  for (const m of withAddress) {
    // Recipients the quota allows now, less the acknowledgements admitted in this run and not sent yet.
    const decision = decideAck(ledger, recipientKey(m.customerEmail!), Date.now(), remainingQuota(ctx) - out.length, { perAddress, quotaShare, burst });
    ledger = decision.ledger;
    if (decision.send) {
      out.push(acknowledgementMail(ctx, m, m.customerEmail!));
      burstSeen ||= decision.burst;
      continue;
    }
    const note = decision.reason === 'perAddress' ? ctx.t('ack.skippedPerAddress', { limit: perAddress }) : ctx.t('ack.skippedQuota', { share: quotaShare });
    held.push({ [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: m.ticketNo, [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.action]: HISTORY_ACTION.ackSkipped, [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: note });
  }
  stored.save(ledger);
  if (held.length) ctx.table(HISTORY).append(held);
  if (burstSeen) alertAdmin('ackBurst', ctx.locale, { count: ledger.recentNew.length, threshold: burst, sent: ledger.sent, skipped: ledger.skipped });
  return out;
}

/** What the ledger keys a recipient by: a short digest, so script properties hold no addresses. */
function recipientKey(email: string): string {
  const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, normaliseEmail(email), Utilities.Charset.UTF_8);
  return Utilities.base64EncodeWebSafe(digest).slice(0, 8);
}

function acknowledgementMail(ctx: AppContext, m: FiledMail, to: string): OutgoingMail {
  const replyTo = customerReplyTo(ctx, m.owner, m.ownerTeam);
  const mail = renderAcknowledgement({
    companyName: ctx.config.companyName,
    ticketNo: m.ticketNo,
    needType: m.needType,
    firstResponseText: formatDateTime(m.firstResponse, ctx.timeZone),
    deadlineText: formatDateTime(m.deadline, ctx.timeZone),
    replyable: replyTo !== '',
    locale: ctx.config.locale,
  });
  return { ticketNo: m.ticketNo, to, mail, ...(replyTo ? { replyTo } : {}) };
}

/** The setup owner per execution: one property read, and only for a mail nobody nearer answers. */
const setupOwners = new WeakMap<AppContext, string | null>();

/** The Reply-To of a mail to a ticket's customer ('' when nobody's address is known). */
export function customerReplyTo(ctx: AppContext, owner: string, team: string): string {
  return replyToFor({
    configured: ctx.config.mail.replyTo,
    // 负责人 shows a name; a former colleague's address left in the cell is still their mailbox.
    owner: ownerDirectory(ctx.config).email(owner) || owner,
    team,
    teams: ctx.config.teams,
    setupOwner: () => {
      if (!setupOwners.has(ctx)) setupOwners.set(ctx, setupOwner());
      return setupOwners.get(ctx)!;
    },
  });
}
