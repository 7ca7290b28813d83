/**
 * What a submission matched to an existing customer (by mobile, email or ID
 * number) may change on that customer's record. Matching proves only that
 * the submitter knows one identifier; it does not prove they are the
 * customer. So a match never rewrites who the customer is or how to reach
 * them: differing details wait on the ticket until staff confirm them.
 */
import { FIELDS, type FieldKey } from './fields';

/** Customer field values by key, as plain text ('' or absent: none). */
export type CustomerValues = Partial<Record<FieldKey, string>>;

/** The fields of the customer record (客户), in the field contract's order. */
export const CUSTOMER_FIELDS: readonly FieldKey[] = FIELDS.filter((f) => f.group === 'customer').map((f) => f.key);

/**
 * Who the customer is and how to reach them: never written by a matched
 * submission, not even into an empty cell — an email filled in by anyone who
 * knows the mobile would receive the customer's progress mails, and a
 * mobile, email or ID number filled in would let its holder match the record.
 */
export const CONTACT_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(['customer_kind', 'name', 'mobile', 'landline', 'email', 'address', 'id_number']);

export interface CustomerUpdate {
  /** Descriptive fields the record had empty (行业, 职位 …): filled at once, nobody is redirected by them. */
  fill: CustomerValues;
  /** New values differing from the record, and contact details it lacked: kept for staff to confirm (确认更新). */
  pending: CustomerValues;
}

/**
 * Splits a matched submission's customer values: what is filled now and what
 * waits for confirmation. A value equal to the record's changes nothing; a
 * blank answer never clears a field. `stored` holds the record's plain values;
 * a sealed one that could not be opened is absent, so its new value waits.
 */
export function decideCustomerUpdate(stored: CustomerValues, submitted: CustomerValues): CustomerUpdate {
  const fill: CustomerValues = {};
  const pending: CustomerValues = {};
  for (const key of CUSTOMER_FIELDS) {
    const next = submitted[key] ?? '';
    const now = stored[key] ?? '';
    if (next === '' || next === now) continue;
    if (now === '' && !CONTACT_FIELDS.has(key)) fill[key] = next;
    else pending[key] = next;
  }
  return { fill, pending };
}

/** The pending changes a ticket kept, read back: only customer fields with text values, anything else dropped. */
export function parsePendingChanges(json: string): CustomerValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  const out: CustomerValues = {};
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return out;
  for (const key of CUSTOMER_FIELDS) {
    const v = (parsed as Record<string, unknown>)[key];
    if (typeof v === 'string' && v !== '') out[key] = v;
  }
  return out;
}
