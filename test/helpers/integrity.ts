/**
 * Checks the fault and no-loss suites rely on: each source filed exactly once,
 * no half-written row in 客户 or 工单, and each customer's 工单数 and
 * 客户类型标签 true to the tickets on file.
 */
import { CUSTOMERS, TICKETS } from '../../src/sheets/schema';
import type { Runtime } from '../../local/runtime/runtime';
import { rows } from './world';

export interface Integrity {
  customers: number;
  tickets: number;
  /** Problems found; empty when the sheets are whole. */
  problems: string[];
}

export function integrity(rt: Runtime): Integrity {
  // A blank row is a colleague's (inserted between others), not a half-written one of ours.
  const filled = (r: Record<string, unknown>) => Object.values(r).some((v) => v !== '' && v !== null && v !== undefined);
  const customers = rows(rt, '客户').filter(filled);
  const tickets = rows(rt, '工单').filter(filled);
  const problems: string[] = [];
  const customerNos = new Set<string>();
  for (const c of customers) {
    const no = String(c[TICKETS.col.customerNo] ?? '');
    if (!/^C\d{11,}$/.test(no)) problems.push(`customer row without number: ${JSON.stringify(c).slice(0, 80)}`);
    if (customerNos.has(no)) problems.push(`customer number twice: ${no}`);
    customerNos.add(no);
    if (!String(c[CUSTOMERS.col.matchIndex] ?? '')) problems.push(`customer ${no} without match index`);
    if (!(Number(c[CUSTOMERS.col.ticketCount]) >= 1)) problems.push(`customer ${no} without ticket count`);
  }
  const sources = new Set<string>();
  const ticketNos = new Set<string>();
  for (const t of tickets) {
    const no = String(t[TICKETS.col.no] ?? '');
    if (!/^T\d{11,}$/.test(no)) problems.push(`ticket row without number: ${JSON.stringify(t).slice(0, 80)}`);
    if (ticketNos.has(no)) problems.push(`ticket number twice: ${no}`);
    ticketNos.add(no);
    const source = String(t[TICKETS.col.source] ?? '');
    if (!source) problems.push(`ticket ${no} without source id`);
    if (sources.has(source)) problems.push(`source ${source} filed twice`);
    sources.add(source);
    if (!customerNos.has(String(t[TICKETS.col.customerNo]))) problems.push(`ticket ${no} points to a missing customer ${String(t[TICKETS.col.customerNo])}`);
    for (const label of [TICKETS.col.status, TICKETS.col.owner, TICKETS.col.deadline, '填写日期', '需求类型']) if (t[label] === '' || t[label] === null) problems.push(`ticket ${no} without ${label}`);
  }
  const ticketsOf = new Map<string, number>();
  for (const t of tickets) ticketsOf.set(String(t[TICKETS.col.customerNo]), (ticketsOf.get(String(t[TICKETS.col.customerNo])) ?? 0) + 1);
  for (const c of customers) {
    const no = String(c[TICKETS.col.customerNo] ?? '');
    const filed = ticketsOf.get(no) ?? 0;
    if (filed === 0) problems.push(`customer ${no} without any ticket`);
    else if (Number(c[CUSTOMERS.col.ticketCount]) !== filed) problems.push(`customer ${no}: 工单数 ${String(c[CUSTOMERS.col.ticketCount])} for ${filed} tickets`);
    // 老客户 is a customer who came back: with one ticket on file, nobody has come back yet.
    const segment = String(c[CUSTOMERS.col.segment] ?? '');
    if (filed === 1 && segment === '老客户') problems.push(`customer ${no}: 老客户 with one ticket`);
    if (filed > 1 && segment === '新客户') problems.push(`customer ${no}: 新客户 with ${filed} tickets`);
  }
  return { customers: customers.length, tickets: tickets.length, problems };
}
