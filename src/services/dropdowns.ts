/**
 * The dropdowns and rules of the sheets' columns: what Sheets itself refuses
 * as typed (the edit trigger checks again, for what a dropdown cannot stop).
 */
import { ownerDirectory } from '../domain/owners';
import { RETRO_STATUSES } from '../domain/vocabulary';
import type { AppConfig } from '../domain/config';
import { UserError } from '../i18n/user-error';
import { RETRO, TICKETS, type SheetSpec } from '../sheets/schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function setDropdown(sheet: Sheet, spec: SheetSpec, label: string, values: string[]): void {
  setRule(sheet, spec, label, SpreadsheetApp.newDataValidation().requireValueInList(values, true).setAllowInvalid(false).build());
}

/** A column's validation, below the header. */
export function setRule(sheet: Sheet, spec: SheetSpec, label: string, rule: GoogleAppsScript.Spreadsheet.DataValidation): void {
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map((h) => String(h).trim());
  const col = headers.indexOf(label) + 1;
  if (col === 0) throw new UserError('sheet.columnsMissing', { sheet: spec.name, columns: label });
  sheet.getRange(2, col, sheet.getMaxRows() - 1, 1).setDataValidation(rule);
}

/** 负责人 picked from 配置 › 员工 (and the teams): set by setup, and again when 配置 is edited. */
export function setOwnerDropdown(tickets: Sheet, config: Pick<AppConfig, 'staff' | 'teams'>): void {
  setDropdown(tickets, TICKETS, TICKETS.col.owner, ownerDirectory(config).labels);
}

/**
 * 复盘's rules: 状态 one of the four and 期限 a date, refusing anything else;
 * 负责人 offers the same people as 工单's, and allows another name (a manager
 * outside 员工) with Sheets' warning, since an action's owner need not take
 * tickets. One read of the header and the size for all of them (setup's time
 * is counted); `ownerOnly` after an edit of 配置, where only the people changed.
 */
export function setRetroRules(retro: Sheet, config: Pick<AppConfig, 'staff' | 'teams'>, ownerOnly = false): void {
  const headers = retro.getRange(1, 1, 1, retro.getLastColumn()).getValues()[0]!.map((h) => String(h).trim());
  const rows = retro.getMaxRows() - 1;
  if (rows < 1) return;
  const rule = () => SpreadsheetApp.newDataValidation();
  const rules: [string, GoogleAppsScript.Spreadsheet.DataValidation][] = [
    [RETRO.col.owner, rule().requireValueInList(ownerDirectory(config).labels, true).setAllowInvalid(true).build()],
    ...(ownerOnly ? [] : [
      [RETRO.col.status, rule().requireValueInList([...RETRO_STATUSES], true).setAllowInvalid(false).build()],
      [RETRO.col.due, rule().requireDate().setAllowInvalid(false).build()],
    ] as [string, GoogleAppsScript.Spreadsheet.DataValidation][]),
  ];
  for (const [label, r] of rules) {
    const col = headers.indexOf(label) + 1;
    if (col === 0) throw new UserError('sheet.columnsMissing', { sheet: RETRO.name, columns: label });
    retro.getRange(2, col, rows, 1).setDataValidation(r);
  }
}
