/**
 * Staff typing into 客户: a field of the record (手机, 邮箱, 姓名 …) is taken
 * like a correction — checked as intake would check it, logged in 历史 with the
 * old and the new value, and the blind index moved — so the customer's next
 * submission matches the corrected mobile instead of making a second record.
 * A value intake would refuse is put back with a note saying why; a sealed
 * column is never typed into (its cell shows a mask, not the value).
 */
import { requiredFieldKeys } from '../domain/config-form-fields';
import { CUSTOMER_FIELDS } from '../domain/customer-changes';
import { FIELDS, type FieldKey } from '../domain/fields';
import { checkFieldValue } from '../domain/validate';
import { UserError } from '../i18n/user-error';
import { SEGMENTS } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import { CUSTOMERS, HISTORY } from '../sheets/schema';
import { withScriptLock } from './lock';
import { cellText } from '../sheets/table';
import type { AppContext } from './context';
import { applyCustomerChanges, customerUpdateRow } from './customer-changes';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** Cells of record fields one edit is checked for; a larger paste is noted, not taken cell by cell. */
const MAX_CELLS = 50;

/** The customer fields staff may type into 客户, by column label; sealed ones are corrected through 个人信息请求. */
const EDITABLE: ReadonlyMap<string, FieldKey> = new Map(
  FIELDS.filter((f) => CUSTOMER_FIELDS.includes(f.key) && !f.sensitive).map((f) => [f.label, f.key]),
);
const SEALED: ReadonlySet<string> = new Set(FIELDS.filter((f) => CUSTOMER_FIELDS.includes(f.key) && f.sensitive).map((f) => f.label));

/**
 * One typed cell of 客户 (`event.oldValue` is what it held). A pasted block
 * carries no old values: its cells are checked and noted, and each row's
 * record is taken as it now reads.
 */
export function handleCustomerEdit(ctx: AppContext, r: Range, event: { oldValue?: unknown; value?: unknown }, who: string): void {
  const customers = ctx.table(CUSTOMERS);
  const single = r.getNumRows() === 1 && r.getNumColumns() === 1;
  const followed: number[] = [];
  for (let c = r.getColumn(); c <= r.getLastColumn(); c++) {
    const label = customers.headers[c - 1] ?? '';
    if (EDITABLE.has(label) || SEALED.has(label) || label === CUSTOMERS.col.segment) followed.push(c);
  }
  if (followed.length === 0) return;
  // Each cell is a checked correction under the lock (a dozen calls): a large paste would outrun the trigger's time.
  if (followed.length * r.getNumRows() > MAX_CELLS) {
    r.getCell(1, followed[0]! - r.getColumn() + 1).setNote(ctx.t('customerEdit.tooMany', { max: MAX_CELLS }));
    return;
  }
  // The rows' customer numbers and the cells as typed, read once for the whole edit.
  const first = Math.max(2, r.getRow());
  const height = r.getLastRow() - first + 1;
  if (height < 1) return;
  const numbers = customers.sheet.getRange(first, customers.column(CUSTOMERS.col.no), height, 1).getValues();
  const mergedInto = customers.sheet.getRange(first, customers.column(CUSTOMERS.col.mergedInto), height, 1).getValues();
  const typedCells = customers.sheet.getRange(first, r.getColumn(), height, r.getNumColumns()).getValues();
  for (const c of followed) {
    const label = customers.headers[c - 1] ?? '';
    const key = EDITABLE.get(label);
    for (let i = 0; i < height; i++) {
      const row = first + i;
      const cell = customers.sheet.getRange(row, c);
      const customerNo = cellText(numbers[i]![0]);
      if (customerNo === '') continue;
      const typed = cellText(typedCells[i]![c - r.getColumn()]);
      // A single cell's event says what it held (nothing: it was empty); a block's says nothing.
      const old = single ? String(event.oldValue ?? '') : null;
      const into = cellText(mergedInto[i]![0]);
      if (into !== '') {
        // 合并客户 left this row only its number: the customer is the kept record now.
        if (old !== null) cell.setValue(old);
        cell.setNote(ctx.t('customerEdit.refused', { reason: ctx.t('merge.isMerged', { customer: customerNo, into }) }));
        continue;
      }
      if (label === CUSTOMERS.col.segment) {
        segmentEdit(ctx, cell, customerNo, typed, old, who);
        continue;
      }
      if (key === undefined) {
        // A mask typed over: the sealed value stays; correcting it is a 个人信息请求.
        if (old !== null) cell.setValue(old);
        cell.setNote(ctx.t('customerEdit.sealed', { field: label }));
        continue;
      }
      const checked = checkFieldValue(key, typed, { options: ctx.config.options, consentText: ctx.config.consentText, required: requiredFieldKeys(ctx.config), locale: ctx.locale });
      if (!checked.ok) {
        if (old !== null) cell.setValue(old);
        cell.setNote(ctx.t(old !== null ? 'customerEdit.refused' : 'customerEdit.refusedPasted', { reason: checked.message }));
        continue;
      }
      // Written normalised, the blind index moved and 历史 told what it was before (unknown for a paste).
      try {
        applyCustomerChanges(ctx, customerNo, { [key]: checked.value }, who, ctx.t('customerEdit.note'), '', { [key]: old });
        cell.setNote(null);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        if (old !== null) cell.setValue(old);
        cell.setNote(ctx.t('customerEdit.refused', { reason: err.render(ctx.locale) }));
      }
    }
  }
}

/**
 * 客户类型标签 set by hand (a customer made strategic, or no longer): one of
 * the stored tags, logged like any change of the record; later tickets keep
 * it (domain/filing: strategic is sticky).
 */
function segmentEdit(ctx: AppContext, cell: Range, customerNo: string, typed: string, old: string | null, who: string): void {
  if (!(SEGMENTS as readonly string[]).includes(typed)) {
    if (old !== null) cell.setValue(old);
    const reason = ctx.t('customerEdit.badSegment', { value: typed, list: SEGMENTS.join(listSeparator(ctx.locale)) });
    cell.setNote(ctx.t(old !== null ? 'customerEdit.refused' : 'customerEdit.refusedPasted', { reason }));
    return;
  }
  cell.setNote(null);
  if (old === typed) return;
  withScriptLock(() => ctx.table(HISTORY).append([customerUpdateRow(ctx, {
    customerNo, ticketNo: '', actor: who, field: CUSTOMERS.col.segment, oldValue: old ?? '', newValue: typed, note: ctx.t('customerEdit.note'), sealed: false,
  })]));
}
