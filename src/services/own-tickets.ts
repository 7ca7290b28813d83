/**
 * 我的工单: the signed-in staff member's open tickets, nearest deadline first
 * (one read of the needed columns of 工单), with the customer changes each
 * waits to have confirmed; a status change made there, handled by the same
 * code as an edit in the sheet (edits.ts), and 确认更新 (customer-changes.ts).
 */
import { ownerDirectory } from '../domain/owners';
import { NO_CONTACT } from '../domain/email';
import { rowLink } from '../domain/sheet-link';
import { STATUS, STATUSES } from '../domain/vocabulary';
import { INTERNAL, TICKETS } from '../sheets/schema';
import { cellText } from '../sheets/table';
import type { ConfirmedChanges, OwnTicket, OwnTickets } from '../contracts/sidebars';
import type { AppContext } from './context';
import { customerContacts } from './contacts';
import { confirmPendingChanges, pendingView } from './customer-changes';
import { changeOwnTicketStatus } from './edits';
import { keysFrom, type Keys } from './keys';
import { actingStaff, formatDateTime } from './platform';
import { readState } from './store';

const COLUMNS = [
  TICKETS.col.no, TICKETS.col.customerNo, TICKETS.col.name, TICKETS.col.needType, TICKETS.col.needDescription, TICKETS.col.priority, TICKETS.col.owner,
  TICKETS.col.deadline, TICKETS.col.status, TICKETS.col.reminder, INTERNAL.pendingChanges,
] as const;

export function ownTickets(ctx: AppContext): OwnTickets {
  const me = actingStaff();
  const cols = ctx.table(TICKETS).readColumns(COLUMNS);
  const col = (label: (typeof COLUMNS)[number]) => cols.get(label)!;
  const owners = ownerDirectory(ctx.config);
  const found: { at: number; customerNo: string; ticket: OwnTicket }[] = [];
  // Rows of this read: the card's link opens the ticket where it is now (reloading the list finds it again after a sort).
  const link = ctx.ticketsLink();
  let keys: Keys | undefined;
  const storedKeys = () => (keys ??= keysFrom(readState().all));
  col(TICKETS.col.no).forEach((no, i) => {
    if (String(no) === '' || !owners.owns(String(col(TICKETS.col.owner)[i]), me) || col(TICKETS.col.status)[i] === STATUS.closed) return;
    const deadline = col(TICKETS.col.deadline)[i];
    const at = deadline instanceof Date ? deadline.getTime() : Infinity;
    const summary = String(col(TICKETS.col.needDescription)[i] ?? '');
    const pending = pendingView(ctx, String(no), cellText(col(INTERNAL.pendingChanges)[i]), storedKeys);
    found.push({
      at,
      customerNo: cellText(col(TICKETS.col.customerNo)[i]),
      ticket: {
        ticketNo: String(no),
        customer: String(col(TICKETS.col.name)[i] ?? ''),
        needType: String(col(TICKETS.col.needType)[i] ?? ''),
        priority: String(col(TICKETS.col.priority)[i] ?? ''),
        status: String(col(TICKETS.col.status)[i] ?? ''),
        deadline: deadline instanceof Date ? formatDateTime(deadline, ctx.timeZone) : '',
        reminder: String(col(TICKETS.col.reminder)[i] ?? ''),
        summary: summary.length > 80 ? summary.slice(0, 80) + '…' : summary,
        contact: NO_CONTACT,
        link: rowLink(link, i + 2),
        ...(pending ? { pending } : {}),
      },
    });
  });
  found.sort((a, b) => a.at - b.at);
  // The customers' 手机, 座机, 邮箱 in one lookup for the whole list (never a sealed field).
  const contacts = customerContacts(ctx, found.map((f) => f.customerNo));
  return { locale: ctx.locale, me, statuses: STATUSES, tickets: found.map((f) => ({ ...f.ticket, contact: contacts.get(f.customerNo) ?? NO_CONTACT })) };
}

/** The sidebar's status change: the staff member must own the ticket. */
export function setOwnTicketStatus(ctx: AppContext, ticketNo: string, status: string, note: string): OwnTickets {
  changeOwnTicketStatus(ctx, String(ticketNo), String(status), String(note ?? ''), actingStaff());
  return ownTickets(ctx);
}

/** The sidebar's 确认更新: the staff member must own the ticket; its pending customer changes go to the record. */
export function confirmOwnTicketChanges(ctx: AppContext, ticketNo: string): ConfirmedChanges {
  const fields = confirmPendingChanges(ctx, String(ticketNo), actingStaff());
  return { list: ownTickets(ctx), fields };
}
