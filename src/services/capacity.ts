/** The workbook's cell usage, read from each sheet's grid (two cheap reads a sheet). */
import { cellUsage, type CellUsage } from '../domain/capacity';

export function workbookUsage(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): CellUsage {
  return cellUsage(ss.getSheets().map((s) => ({ rows: s.getMaxRows(), columns: s.getMaxColumns() })));
}
