/**
 * 我的工单: the signed-in staff member's open tickets, nearest deadline first
 * (one read of the needed columns of 工单), and a status change made there,
 * handled by the same code as an edit in the sheet (edits.ts).
 */
import { STATUSES } from '../domain/vocabulary';
import { TICKETS } from '../sheets/schema';
import type { OwnTicket, OwnTickets } from '../contracts/sidebars';
import { AppContext } from './context';
import { changeOwnTicketStatus } from './edits';
import { currentStaff } from './manual-intake';
import { formatDateTime } from './platform';

const COLUMNS = ['工单编号', '姓名/企业名称', '需求类型', '具体需求描述', '优先级', '负责人', '截止时间', '状态', '提醒'];
const CLOSED = STATUSES[STATUSES.length - 1];

export function ownTickets(): OwnTickets {
  const ctx = AppContext.load();
  const me = currentStaff();
  const cols = ctx.table(TICKETS).readColumns(COLUMNS);
  const col = (label: string) => cols.get(label)!;
  const found: { at: number; ticket: OwnTicket }[] = [];
  col('工单编号').forEach((no, i) => {
    if (String(no) === '' || String(col('负责人')[i]).toLowerCase() !== me.toLowerCase() || col('状态')[i] === CLOSED) return;
    const deadline = col('截止时间')[i];
    const at = deadline instanceof Date ? deadline.getTime() : Infinity;
    const summary = String(col('具体需求描述')[i] ?? '');
    found.push({
      at,
      ticket: {
        ticketNo: String(no),
        customer: String(col('姓名/企业名称')[i] ?? ''),
        needType: String(col('需求类型')[i] ?? ''),
        priority: String(col('优先级')[i] ?? ''),
        status: String(col('状态')[i] ?? ''),
        deadline: deadline instanceof Date ? formatDateTime(deadline, ctx.timeZone) : '',
        reminder: String(col('提醒')[i] ?? ''),
        summary: summary.length > 80 ? summary.slice(0, 80) + '…' : summary,
      },
    });
  });
  found.sort((a, b) => a.at - b.at);
  return { me, statuses: STATUSES, tickets: found.map((f) => f.ticket) };
}

/** The sidebar's status change: the staff member must own the ticket. */
export function setOwnTicketStatus(ticketNo: string, status: string, note: string): OwnTickets {
  changeOwnTicketStatus(String(ticketNo), String(status), String(note ?? ''), currentStaff());
  return ownTickets();
}
