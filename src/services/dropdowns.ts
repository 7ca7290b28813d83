/**
 * The dropdowns and rules of the sheets' columns: what Sheets itself refuses
 * as typed (the edit trigger checks again, for what a dropdown cannot stop).
 */
import { ownerDirectory } from '../domain/owners';
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
 * 复盘's 负责人 offers the same people; another name (a manager outside 员工)
 * is allowed with Sheets' warning, since an action's owner need not take tickets.
 */
export function setRetroOwnerDropdown(retro: Sheet, config: Pick<AppConfig, 'staff' | 'teams'>): void {
  setRule(retro, RETRO, RETRO.col.owner, SpreadsheetApp.newDataValidation().requireValueInList(ownerDirectory(config).labels, true).setAllowInvalid(true).build());
}
