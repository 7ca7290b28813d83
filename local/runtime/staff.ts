/**
 * What people do in the Sheets UI while the add-on runs: sort a sheet,
 * insert, delete or move a column or row, rename a sheet, type or paste.
 * Each acts on the spreadsheet at once, so a test can make it happen between
 * any two service calls of an execution (`meter.onCall('*', k, …)`), as a
 * colleague's click lands in the middle of a trigger's run in Apps Script;
 * the edit triggers of a typed or pasted change then run after that
 * execution, as their own executions.
 */
import type { EditResult, PasteResult, Runtime } from './runtime';
import type { SheetState } from './state';
import { deleteColumns, deleteRows, findSheet, getCell, insertColumns, insertRows, lastColumn, lastRow, moveColumns, sortRect } from './sheet-data';

export class Staff {
  constructor(private readonly rt: Runtime) {}

  /** The 1-based column whose header (row 1) is `label`. */
  column(sheetName: string, label: string): number {
    const sheet = this.sheet(sheetName);
    for (let c = 1; c <= lastColumn(sheet); c++) if (getCell(sheet, 1, c) === label) return c;
    throw new Error(`No column "${label}" in sheet "${sheetName}".`);
  }

  /** Data › Sort sheet: every row below the frozen ones, by one column (a number or a header label). */
  sortSheet(sheetName: string, by: number | string, ascending = true): void {
    const sheet = this.sheet(sheetName);
    const column = typeof by === 'number' ? by : this.column(sheetName, by);
    const first = sheet.frozenRows + 1;
    const rows = lastRow(sheet) - first + 1;
    if (rows < 2) return;
    sortRect(sheet, { row: first, column: 1, numRows: rows, numColumns: lastColumn(sheet) }, [{ column, ascending }], this.rt.state.spreadsheet.locale);
  }

  /** Insert 1 column left of `at`; it takes the formats of the column that was there. */
  insertColumn(sheetName: string, at: number): void {
    insertColumns(this.sheet(sheetName), at, 1, at);
    this.rt.fireChange('INSERT_COLUMN');
  }

  deleteColumn(sheetName: string, at: number): void {
    deleteColumns(this.sheet(sheetName), at, 1);
    this.rt.fireChange('REMOVE_COLUMN');
  }

  /** Drags `count` columns from `from` to sit before column `dest`. */
  moveColumn(sheetName: string, from: number, dest: number, count = 1): void {
    moveColumns(this.sheet(sheetName), from, count, dest);
    this.rt.fireChange('OTHER');
  }

  /** Insert 1 row above `at`; it takes the formats of the row that was there. */
  insertRow(sheetName: string, at: number): void {
    insertRows(this.sheet(sheetName), at, 1, at);
    this.rt.fireChange('INSERT_ROW');
  }

  deleteRow(sheetName: string, at: number): void {
    deleteRows(this.sheet(sheetName), at, 1);
    this.rt.fireChange('REMOVE_ROW');
  }

  renameSheet(from: string, to: string): void {
    if (findSheet(this.rt.state, to)) throw new Error(`A sheet named "${to}" exists already.`);
    this.sheet(from).name = to;
    this.rt.fireChange('OTHER');
  }

  /** Types into a cell (protections and dropdowns apply; see Runtime.editCell). */
  type(sheetName: string, row: number, column: number, input: string, user: string): EditResult {
    return this.rt.editCell(sheetName, row, column, input, user);
  }

  paste(sheetName: string, row: number, column: number, inputs: readonly (readonly string[])[], user: string): PasteResult {
    return this.rt.pasteRange(sheetName, row, column, inputs, user);
  }

  private sheet(name: string): SheetState {
    const sheet = findSheet(this.rt.state, name);
    if (!sheet) throw new Error(`No sheet named "${name}".`);
    return sheet;
  }
}
