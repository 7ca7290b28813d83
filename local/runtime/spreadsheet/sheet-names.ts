/**
 * Apps Script's rules for a sheet's name: not blank, and unique ignoring case.
 * Spreadsheet.insertSheet and Sheet.setName both apply them.
 */
import type { Env } from '../env';
import { fail } from './exceptions';

export function sheetNameTaken(env: Env, name: string, except: number | null): boolean {
  const lower = name.toLowerCase();
  return env.state.spreadsheet.sheets.some((s) => s.sheetId !== except && s.name.toLowerCase() === lower);
}

export function checkNewSheetName(env: Env, name: string, except: number | null): void {
  if (name.trim() === '') fail(env, 'Sheet names cannot be empty.');
  if (sheetNameTaken(env, name, except)) fail(env, `A sheet with the name "${name}" already exists. Please enter another name.`);
}
