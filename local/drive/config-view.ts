/** Host-side reads of the 配置 sheet (not metered): what the CLI needs to act like a staff member. */
import { CONFIG } from '../../src/sheets/schema';
import type { RuntimeState, SheetState } from '../runtime/state';
import { findSheet, getCell, lastColumn, lastRow, setCell } from '../runtime/sheet-data';

/** The 配置 sheet's columns 分组, 键 and 值, found by header. */
function configColumns(state: RuntimeState): { sheet: SheetState; g: number; k: number; v: number } | null {
  const sheet = findSheet(state, '配置');
  if (!sheet) return null;
  const col: Record<string, number> = {};
  for (let c = 1; c <= lastColumn(sheet); c++) col[String(getCell(sheet, 1, c))] = c;
  const [g, k, v] = [col[CONFIG.col.group], col[CONFIG.col.key], col[CONFIG.col.value]];
  return g && k && v ? { sheet, g, k, v } : null;
}

/** Every 配置 row as [分组, 键, 值]. */
function configRows(state: RuntimeState): [string, string, string][] {
  const c = configColumns(state);
  if (!c) return [];
  const out: [string, string, string][] = [];
  for (let r = 2; r <= lastRow(c.sheet); r++) {
    out.push([String(getCell(c.sheet, r, c.g) ?? ''), String(getCell(c.sheet, r, c.k) ?? ''), String(getCell(c.sheet, r, c.v) ?? '')]);
  }
  return out;
}

/**
 * What the add-on's edit trigger does first on an edit of 配置, for host-side
 * writes that fire no trigger: it forgets 配置 as the script cache holds it
 * (src/services/workbook-cache.ts), so the next execution reads the sheet.
 */
export function forgetCachedConfig(state: RuntimeState): void {
  delete state.cache['script:config.rows'];
}

/** An admin typing a 值 into an existing 配置 row; false when there is no such row. */
export function setConfigValue(state: RuntimeState, group: string, key: string, value: string): boolean {
  const c = configColumns(state);
  if (!c) return false;
  for (let r = 2; r <= lastRow(c.sheet); r++) {
    if (String(getCell(c.sheet, r, c.g)) === group && String(getCell(c.sheet, r, c.k)) === key) {
      setCell(c.sheet, r, c.v, value);
      forgetCachedConfig(state);
      return true;
    }
  }
  return false;
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
