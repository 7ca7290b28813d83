/**
 * 老客户预填: find a returning customer for the manual-entry sidebar by
 * mobile or email (through the blind index: the HMAC of the normalised value,
 * never a plaintext scan) or by 客户编号, and return the fields staff may
 * see — never 联系地址 or 证件号码.
 */
import { FIELDS } from '../domain/fields';
import { normaliseEmail, normaliseMobile, normaliseText } from '../domain/normalise';
import { isEmail } from '../domain/validate';
import { UserError } from '../i18n/user-error';
import { CUSTOMERS, INTERNAL } from '../sheets/schema';
import type { FoundCustomer } from '../contracts/sidebars';
import type { Row } from '../sheets/table';
import { cellText } from '../sheets/table';
import type { AppContext } from './context';
import { keysFrom, matchTokens } from './keys';
import { readState } from './store';

const SHOWN = FIELDS.filter((f) => f.group === 'customer' && !f.sensitive);

export function findCustomerForEntry(ctx: AppContext, query: string): FoundCustomer | null {
  const customers = ctx.table(CUSTOMERS);
  const row = customerRowFor(ctx, query);
  if (row === undefined) return null;
  const values = customers.readRows([row]).get(row)!;
  const answers: Record<string, string> = {};
  for (const f of SHOWN) {
    const v = values[f.label];
    if (v !== undefined && v !== '') answers[f.key] = String(v);
  }
  return { customerNo: String(values[CUSTOMERS.col.no]), answers };
}

/** The 客户 row a 客户编号, mobile or email names (the latter two through the blind index); a query that is none of them is refused. */
export function customerRowFor(ctx: AppContext, query: string): number | undefined {
  const q = normaliseText(String(query ?? ''));
  if (q === '') throw new UserError('lookup.empty');
  const customers = ctx.table(CUSTOMERS);
  let row: number | undefined;
  if (/^C\d{11,}$/i.test(q)) {
    row = keptCustomer(ctx, q.toUpperCase())?.row;
  } else {
    const mobile = normaliseMobile(q);
    const email = normaliseEmail(q);
    const ids = /^1\d{10}$/.test(mobile) ? { mobile } : isEmail(email) ? { email } : null;
    if (!ids) throw new UserError('lookup.badQuery');
    const [token] = matchTokens(ids, keysFrom(readState().all));
    row = customers.findRows(INTERNAL.matchIndex, token!, { regex: true, partial: true })[0];
  }
  return row;
}

/** Hops of 合并至 followed at most: merges made in turn (A into B, B into C) stay well within it, and a loop typed by hand cannot hang a lookup. */
const MAX_HOPS = 5;

/**
 * The record a 客户编号 names, read: a record merged into another (合并客户)
 * answers with the one it was merged into, so a number staff or a customer
 * still quote finds the customer's tickets and details. Undefined when the
 * number is nowhere (or is there twice).
 */
export function keptCustomer(ctx: AppContext, customerNo: string): { row: number; customerNo: string; values: Row } | undefined {
  const customers = ctx.table(CUSTOMERS);
  let number = customerNo;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const found = customers.findRows(CUSTOMERS.col.no, number);
    if (found.length !== 1) return undefined;
    const values = customers.readRows(found).get(found[0]!)!;
    const into = cellText(values[CUSTOMERS.col.mergedInto]);
    if (into === '' || hop === MAX_HOPS) return { row: found[0]!, customerNo: number, values };
    number = into;
  }
  return undefined;
}
