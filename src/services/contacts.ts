/**
 * The customer's 手机, 座机 and 邮箱 for staff mails and 我的工单, by 客户编号:
 * a search and a row read each for a few customers, one read of the needed
 * columns for many, so the calls stay flat whatever the number of tickets.
 * Sealed fields (联系地址, 证件号码) are never taken: only these three columns.
 */
import { NO_CONTACT, type Contact } from '../domain/email';
import { CUSTOMERS } from '../sheets/schema';
import { cellText, type Row } from '../sheets/table';
import type { AppContext } from './context';

/** Above this many customers, the columns are read in one batch instead of one search each. */
const LOOKUP_BATCH = 5;

/** A 客户 row's contact, as staff may see it. */
export function contactOf(v: Row | undefined): Contact {
  if (!v) return NO_CONTACT;
  return { mobile: cellText(v[CUSTOMERS.col.mobile]), landline: cellText(v[CUSTOMERS.col.landline]), email: cellText(v[CUSTOMERS.col.email]) };
}

/**
 * Contacts by 客户编号 (a customer not found is absent). `batchAbove`: how many
 * customers a search each is cheaper for; a job that mails many (the hourly
 * escalation, the digests) passes 0 and always reads the columns, in 3 calls.
 */
export function customerContacts(ctx: AppContext, customerNos: readonly string[], batchAbove = LOOKUP_BATCH): Map<string, Contact> {
  const wanted = new Set(customerNos.filter((n) => n !== ''));
  const out = new Map<string, Contact>();
  if (wanted.size === 0) return out;
  const customers = ctx.table(CUSTOMERS);
  if (wanted.size <= batchAbove) {
    for (const no of wanted) {
      const row = customers.findRows(CUSTOMERS.col.no, no)[0];
      if (row !== undefined) out.set(no, contactOf(customers.readRows([row]).get(row)));
    }
    return out;
  }
  const cols = customers.readColumns([CUSTOMERS.col.no, CUSTOMERS.col.mobile, CUSTOMERS.col.landline, CUSTOMERS.col.email]);
  const at = (label: typeof CUSTOMERS.col.mobile | typeof CUSTOMERS.col.landline | typeof CUSTOMERS.col.email, i: number) => cellText(cols.get(label)![i]);
  cols.get(CUSTOMERS.col.no)!.forEach((cell, i) => {
    const no = cellText(cell);
    if (wanted.has(no) && !out.has(no)) out.set(no, { mobile: at(CUSTOMERS.col.mobile, i), landline: at(CUSTOMERS.col.landline, i), email: at(CUSTOMERS.col.email, i) });
  });
  return out;
}
