/** Host-side reads of the 配置 sheet (not metered): what the CLI needs to act like a staff member. */
import type { RuntimeState } from '../runtime/state';
import { findSheet, getCell, lastColumn, lastRow } from '../runtime/sheet-data';

/** Every 配置 row as [分组, 键, 值], columns found by header. */
function configRows(state: RuntimeState): [string, string, string][] {
  const sheet = findSheet(state, '配置');
  if (!sheet) return [];
  const col: Record<string, number> = {};
  for (let c = 1; c <= lastColumn(sheet); c++) col[String(getCell(sheet, 1, c))] = c;
  if (!col['分组'] || !col['键'] || !col['值']) return [];
  const out: [string, string, string][] = [];
  for (let r = 2; r <= lastRow(sheet); r++) {
    out.push([String(getCell(sheet, r, col['分组']) ?? ''), String(getCell(sheet, r, col['键']) ?? ''), String(getCell(sheet, r, col['值']) ?? '')]);
  }
  return out;
}

/** The 值 of the first 配置 row with this 分组 and 键. */
export function configValue(state: RuntimeState, group: string, key: string): string | undefined {
  return configRows(state).find(([g, k]) => g === group && k === key)?.[2];
}

/** Every 键 of a 分组, with its 值. */
export function configGroup(state: RuntimeState, group: string): [string, string][] {
  return configRows(state).filter(([g]) => g === group).map(([, k, v]) => [k, v]);
}

/** The first staff member listed in Config (the CLI's default `--as`). */
export function firstStaff(state: RuntimeState): string | undefined {
  return configGroup(state, '员工')[0]?.[0];
}
