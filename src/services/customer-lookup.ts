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
    row = customers.findRows(CUSTOMERS.col.no, q.toUpperCase())[0];
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
