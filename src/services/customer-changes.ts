/**
 * Changes to a customer's record (客户) made on purpose by staff: the details
 * a matched submission left waiting on its ticket (确认更新 in 我的工单), or
 * a correction the customer asked for. One function applies them, so every
 * path masks and seals the same way, moves the blind index with the
 * confirmed identifiers and logs each change in 历史.
 */
import { maskAddress, maskIdNumber } from '../domain/crypto';
import { CUSTOMER_FIELDS, parsePendingChanges, type CustomerValues } from '../domain/customer-changes';
import { movedIndex } from '../domain/customer-merge';
import { FIELDS, fieldLabel, type FieldKey } from '../domain/fields';
import { ownerDirectory } from '../domain/owners';
import { HISTORY_ACTION, TO_VERIFY_TAG } from '../domain/vocabulary';
import { format, listSeparator, type Locale } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { CUSTOMERS, HISTORY, INTERNAL, TICKETS } from '../sheets/schema';
import { cellText, type Row, type RowFor } from '../sheets/table';
import { settlePatch } from './books';
import type { AppContext } from './context';
import { customerPlace, keysFrom, matchTokens, pendingPlace, reseal, seal, tryUnseal, unseal, type Keys } from './keys';
import { withScriptLock } from './lock';
import { writeByKey, type KeyedCell } from './keyed-writes';
import { readState } from './store';

/** The hidden column holding each sensitive customer field, sealed for its customer. */
const SEALED_COLUMN: Partial<Record<FieldKey, string>> = { address: INTERNAL.addressSealed, id_number: INTERNAL.idNumberSealed };

/** What staff see of each sensitive field (the masked view in its 客户 column and in a ticket's pending changes). */
const MASK: Partial<Record<FieldKey, (plain: string) => string>> = { address: maskAddress, id_number: maskIdNumber };

const CUSTOMER_DEFS = FIELDS.filter((f) => f.group === 'customer');

/** Customer cells of `values`: sensitive ones masked, and sealed for this customer in their hidden column ('' clears). */
export function customerCells(values: CustomerValues, customerNo: string, keys: Keys): Row {
  const row: Row = {};
  for (const f of CUSTOMER_DEFS) {
    const v = values[f.key];
    if (v === undefined) continue;
    const sealedAt = SEALED_COLUMN[f.key];
    if (sealedAt) {
      row[f.label] = MASK[f.key]!(v);
      row[sealedAt] = v === '' ? '' : seal(v, keys, customerPlace(customerNo, f.key));
    } else {
      row[f.label] = f.type === 'integer' && v !== '' ? Number(v) : v;
    }
  }
  return row;
}

/** A customer row's fields in plain, its sealed ones opened; one that will not open here is left out. */
export function recordedValues(values: Row, customerNo: string, keys: Keys): CustomerValues {
  const out: CustomerValues = {};
  for (const f of CUSTOMER_DEFS) {
    const sealedAt = SEALED_COLUMN[f.key];
    const v = sealedAt ? tryUnseal(cellText(values[sealedAt]), keys, customerPlace(customerNo, f.key)) : cellText(values[f.label]);
    if (v) out[f.key] = v;
  }
  return out;
}

/** The row's sealed cells that an earlier version sealed unbound (v1), bound to the customer now that the row is written. */
export function resealedCells(values: Row, customerNo: string, keys: Keys): Row {
  const row: Row = {};
  for (const [key, label] of Object.entries(SEALED_COLUMN) as [FieldKey, string][]) {
    const sealed = cellText(values[label]);
    const bound = sealed && reseal(sealed, keys, customerPlace(customerNo, key));
    if (bound && bound !== sealed) row[label] = bound;
  }
  return row;
}

/** 工单.核实事项's line for a ticket's pending customer changes (the same fields give the same line). */
export function pendingLine(locale: Locale, fields: readonly FieldKey[]): string {
  return format('changes.pendingLine', { fields: fields.map((k) => fieldLabel(k, locale)).join(listSeparator(locale)) }, locale);
}

const SENSITIVE = new Set<FieldKey>(FIELDS.filter((f) => f.sensitive).map((f) => f.key));
const IDENTIFIERS = ['mobile', 'email', 'id_number'] as const;

/**
 * Writes `changes` — values already normalised and validated as intake
 * would (domain/normalise, domain/validate) — to the customer's record ('' clears a field), seals the
 * sensitive ones for it, recomputes the blind index from the resulting
 * mobile, email and ID number (an identifier replaced no longer matches: it
 * may belong to someone else now) and logs each field in 历史 — old and new
 * in plain for ordinary fields, only that it changed for sensitive ones.
 * An identifier another customer already holds is refused. Values equal to
 * the record change nothing, so applying the same changes twice logs once.
 * `ticketNo` names the ticket in 历史 when the change comes from one.
 * Returns the fields changed.
 */
export function applyCustomerChanges(
  ctx: AppContext,
  customerNo: string,
  changes: Partial<Record<FieldKey, string>>,
  actor: string,
  note: string,
  ticketNo = '',
  /** What the cells held before staff typed over them in 客户 (null: not known, a pasted block). */
  before: Partial<Record<FieldKey, string | null>> = {},
): FieldKey[] {
  for (const key of Object.keys(changes)) {
    if (!(CUSTOMER_FIELDS as readonly string[]).includes(key)) throw new UserError('changes.notCustomerField', { field: key });
  }
  return withScriptLock(() => {
    const customers = ctx.table(CUSTOMERS);
    const found = customers.findRows(CUSTOMERS.col.no, customerNo);
    if (found.length !== 1) throw new UserError('changes.noSuchCustomer', { customer: customerNo });
    const row = found[0]!;
    const values = customers.readRows([row]).get(row)!;
    const into = cellText(values[CUSTOMERS.col.mergedInto]);
    if (into !== '') throw new UserError('merge.isMerged', { customer: customerNo, into });
    const keys = keysFrom(readState().all);
    const typedOver = Object.fromEntries(Object.entries(before).filter(([, v]) => typeof v === 'string')) as CustomerValues;
    const recorded: CustomerValues = { ...recordedValues(values, customerNo, keys), ...typedOver };
    const unknown = (k: FieldKey) => before[k] === null;
    const changed = CUSTOMER_FIELDS.filter((k) => changes[k] !== undefined && (unknown(k) || changes[k] !== (recorded[k] ?? '')));
    if (changed.length === 0) return [];
    const applied: CustomerValues = Object.fromEntries(changed.map((k) => [k, changes[k]!]));
    const next: CustomerValues = { ...recorded, ...applied };
    const own = (v: CustomerValues) => matchTokens({ mobile: v.mobile || undefined, email: v.email || undefined, id_number: v.id_number || undefined }, keys);
    const tokens = own(next);
    for (const key of IDENTIFIERS) {
      if (!changed.includes(key) || !next[key]) continue;
      const token = matchTokens({ [key]: next[key] }, keys)[0]!;
      const other = customers.findRows(INTERNAL.matchIndex, token, { partial: true }).find((r) => r !== row);
      if (other !== undefined) {
        throw new UserError('changes.identifierTaken', { field: fieldLabel(key, ctx.locale), customer: cellText(customers.readRows([other]).get(other)![CUSTOMERS.col.no]) });
      }
    }
    const report = customers.patch(CUSTOMERS.col.no, new Map([[row, {
      ...resealedCells(values, customerNo, keys),
      ...customerCells(applied, customerNo, keys),
      [CUSTOMERS.col.no]: customerNo,
      // A merged record's identifiers (合并客户) keep matching this one.
      [INTERNAL.matchIndex]: movedIndex(cellText(values[INTERNAL.matchIndex]), own(recorded), tokens),
      // Details the customer gave on a ticket, now confirmed: the record is as the customer last stated it (定期更新).
      ...(ticketNo !== '' ? { [CUSTOMERS.col.verifiedAt]: ctx.now } : {}),
    }]]));
    settlePatch(ctx, report);
    ctx.table(HISTORY).append(changed.map((k) => {
      const sensitive = SENSITIVE.has(k);
      return customerUpdateRow(ctx, {
        customerNo, ticketNo, actor, note, field: fieldLabel(k, ctx.locale), sealed: sensitive,
        oldValue: sensitive || unknown(k) ? '' : recorded[k] ?? '',
        newValue: sensitive ? '' : applied[k]!,
      });
    }));
    return changed;
  });
}

/** The 历史 row of one change of a customer record (a sealed field's values are never written, only that it changed). */
export function customerUpdateRow(
  ctx: AppContext,
  c: { customerNo: string; ticketNo: string; actor: string; field: string; oldValue: string; newValue: string; note: string; sealed: boolean },
): RowFor<typeof HISTORY> {
  const params = { customer: c.customerNo, field: c.field, note: c.note };
  return {
    [HISTORY.col.at]: ctx.now,
    [HISTORY.col.ticketNo]: c.ticketNo,
    [HISTORY.col.actor]: c.actor,
    [HISTORY.col.action]: HISTORY_ACTION.customerUpdated,
    [HISTORY.col.oldValue]: c.oldValue,
    [HISTORY.col.newValue]: c.newValue,
    [HISTORY.col.note]: c.sealed ? ctx.t('changes.historySealed', params) : ctx.t('changes.historyNote', params),
    // The record changed: a deletion request finds the row by it.
    [INTERNAL.source]: c.customerNo,
  };
}

/** A ticket's pending customer changes, as staff see them: ordinary values in plain, sensitive ones masked; null if it has none. */
export interface PendingView {
  /** Empty when the kept changes cannot be opened here (the cell was copied from another ticket, or changed). */
  fields: { label: string; value: string }[];
}

export function pendingView(ctx: AppContext, ticketNo: string, sealed: string, keys: () => Keys): PendingView | null {
  if (sealed === '') return null;
  const plain = tryUnseal(sealed, keys(), pendingPlace(ticketNo));
  const changes = plain === undefined ? {} : parsePendingChanges(plain);
  return {
    fields: (Object.keys(changes) as FieldKey[]).map((k) => {
      const v = changes[k]!;
      const mask = MASK[k];
      return { label: fieldLabel(k, ctx.locale), value: mask ? mask(v) : v };
    }),
  };
}

/**
 * 确认更新: the ticket's owner confirms the customer details the submission
 * left waiting. They are applied to the customer's record, and the ticket's
 * pending changes, its 核实事项 line and (when nothing else is to verify) its
 * 待核实 tag are cleared. Returns the labels of the fields changed.
 */
export function confirmPendingChanges(ctx: AppContext, ticketNo: string, actor: string): string[] {
  return withScriptLock(() => {
    const tickets = ctx.table(TICKETS);
    const row = tickets.findRows(TICKETS.col.no, ticketNo)[0];
    if (row === undefined) throw new UserError('edit.noSuchTicket', { ticket: ticketNo });
    const values = tickets.readRows([row]).get(row)!;
    if (!ownerDirectory(ctx.config).owns(cellText(values[TICKETS.col.owner]), actor)) throw new UserError('edit.notYourTicket', { ticket: ticketNo });
    const sealed = cellText(values[INTERNAL.pendingChanges]);
    if (sealed === '') throw new UserError('changes.nonePending', { ticket: ticketNo });
    const keys = keysFrom(readState().all);
    const changes = parsePendingChanges(unseal(sealed, keys, pendingPlace(ticketNo)));
    const fields = Object.keys(changes) as FieldKey[];
    // The record first: a retry after a failed ticket write finds the values applied and logs nothing twice.
    const changed = applyCustomerChanges(ctx, cellText(values[TICKETS.col.customerNo]), changes, actor, ctx.t('changes.confirmedNote', { ticket: ticketNo }), ticketNo);
    const ours = new Set([pendingLine('zh-CN', fields), pendingLine('en', fields)]);
    const left = cellText(values[TICKETS.col.toVerify]).split('\n').filter((l) => l !== '' && !ours.has(l));
    const tags = cellText(values[TICKETS.col.tags]);
    const cells: KeyedCell[] = [
      { key: ticketNo, row, label: INTERNAL.pendingChanges, value: '' },
      { key: ticketNo, row, label: TICKETS.col.toVerify, value: left.join('\n') },
      { key: ticketNo, row, label: TICKETS.col.tags, value: left.length === 0 && tags === TO_VERIFY_TAG ? '' : tags },
    ];
    if (writeByKey(tickets, TICKETS.col.no, cells).length) throw new UserError('edit.noSuchTicket', { ticket: ticketNo });
    return changed.map((k) => fieldLabel(k, ctx.locale));
  });
}
