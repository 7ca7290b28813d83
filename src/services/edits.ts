/**
 * Staff edits in the sheets (the installable edit trigger): a status picked
 * in 工单.状态 is recorded in 历史; a value outside the list is refused
 * (the old value restored, the reason left in a note).
 */
import { STATUSES } from '../domain/fields';
import { t } from '../i18n/messages';
import { HISTORY, TICKETS } from '../sheets/schema';
import { AppContext } from './context';

export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // A function named onEdit also runs as a simple trigger (no triggerUid, no
  // authorisation); the installable trigger handles every edit, once.
  if (!e || !(e as unknown as { triggerUid?: string }).triggerUid || !e.range) return;
  const sheet = e.range.getSheet();
  if (sheet.getName() !== TICKETS.name) return;
  const ctx = AppContext.load();
  const tickets = ctx.table(TICKETS);
  const statusCol = tickets.column('状态');
  const r = e.range;
  if (statusCol < r.getColumn() || statusCol > r.getLastColumn() || r.getLastRow() < 2) return;
  const firstRow = Math.max(2, r.getRow());
  const rows = Array.from({ length: r.getLastRow() - firstRow + 1 }, (_, i) => firstRow + i);
  const read = tickets.readRows(rows);
  const who = (e.user && e.user.getEmail()) || Session.getActiveUser().getEmail() || t('handler.unknownStaff');
  const single = rows.length === 1;
  const history: Record<string, string | Date>[] = [];
  for (const row of rows) {
    const values = read.get(row)!;
    const status = String(values['状态'] ?? '');
    const old = single ? String(e.oldValue ?? '') : '';
    if (!(STATUSES as readonly string[]).includes(status)) {
      const cell = sheet.getRange(row, statusCol);
      cell.setValue(old);
      cell.setNote(t('edit.badStatus', { value: status, allowed: STATUSES.join('、') }));
      continue;
    }
    history.push({
      时间: ctx.now,
      工单编号: String(values['工单编号'] ?? ''),
      操作人: who,
      动作: t('history.statusChanged'),
      原值: old,
      新值: status,
      说明: String(values['进度说明'] ?? ''),
    });
  }
  if (history.length) ctx.table(HISTORY).append(history);
}
