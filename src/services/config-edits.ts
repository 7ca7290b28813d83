/**
 * Edits of the 配置 sheet (the installable edit trigger): what lives outside
 * the spreadsheet and must follow 配置 — the Form (its items, options,
 * required marks, help texts and consent sentence), and the consent versions
 * a changed sentence starts — what 配置 only shows — the
 * owner's reveal list, put back if someone typed a flag there — and the
 * notes that say, on the row's own value cell, why a row was not taken.
 */
import { followAccessInConfig } from './access';
import { recordConsent } from './consent';
import { describeFormChanges, syncForm } from './form-sync';
import { AppContext } from './context';
import { withScriptLock } from './lock';
import { intakeFormId } from './store';
import { CONFIG, RETRO, TICKETS } from '../sheets/schema';
import { setOwnerDropdown, setRetroRules } from './dropdowns';
import { followOwnerLabels } from './owner-labels';
import { configNotes } from '../domain/config-notes';

/** `row`: the edited row of 配置 (the top one of a paste), where the Form's changes are noted. */
export function followConfigEdit(row: number): void {
  const formId = intakeFormId();
  let changes: string[] = [];
  // Under the script lock: setup changes the same Form, and the later run must read the later 配置.
  const ctx = formId
    ? withScriptLock(() => {
      const locked = AppContext.load();
      recordConsent(locked.config, locked.now);
      changes = describeFormChanges(locked, syncForm(locked, FormApp.openById(formId), false));
      followAccessInConfig(locked);
      return locked;
    })
    : AppContext.load();
  // After the lock: notes and dropdowns are the sheets' own, and a later edit rewrites them all from a later read.
  markConfigProblems(ctx, changes.length ? { row, note: ctx.t('form.sync.note', { changes: changes.join(ctx.locale === 'en' ? '; ' : '；') }) } : undefined);
  // 员工 or 团队 may have changed: 负责人's dropdown follows (after setup: before it, 工单 does not exist).
  const tickets = ctx.ss.getSheetByName(TICKETS.name);
  if (tickets && tickets.getLastColumn() > 0) {
    setOwnerDropdown(tickets, ctx.config);
    followOwnerLabels(ctx, false);
  }
  const retro = ctx.ss.getSheetByName(RETRO.name);
  if (retro && retro.getLastColumn() > 0) setRetroRules(retro, ctx.config, true);
}

/**
 * Puts each problem of 配置 as a note on its row's 值 cell and takes away the
 * notes of rows that are fine now: one read and at most one write of the
 * column's notes. Notes staff wrote themselves (not starting with the mark) stay.
 */
export function markConfigProblems(ctx: AppContext, info?: { row: number; note: string }): void {
  const sheet = ctx.ss.getSheetByName(CONFIG.name);
  if (!sheet) return;
  const rows = sheet.getLastRow() - 1;
  if (rows < 1) return;
  // 配置 is read by position (分组, 键, 值): the value is the third column, as parseConfig reads it.
  const range = sheet.getRange(2, CONFIG.columns.findIndex((c) => c.label === CONFIG.col.value) + 1, rows, 1);
  const current = range.getNotes().map((r) => String(r[0] ?? ''));
  const next = configNotes(current, ctx.configProblems, 2, info);
  if (next.some((n, i) => n !== current[i])) range.setNotes(next.map((n) => [n]));
}

