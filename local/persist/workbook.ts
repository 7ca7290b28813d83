/**
 * DIR/workbook.xlsx: the emulated spreadsheet as a real workbook a person can
 * open in Excel or LibreOffice — same sheets in the same order, typed values,
 * number formats, frozen header rows and columns, hidden columns, dropdowns,
 * notes, wrapping and vertical alignment, conditional formats and column
 * widths (wide enough for the dates they hold). It is an export: state.json
 * stays the source of truth.
 */
import ExcelJS from 'exceljs';
import type { ConditionalFormatState, DataValidationState, RowState, RuntimeState, SheetState, StoredValue } from '../runtime/state';
import { zoneOffsetMinutes } from '../runtime/date-format';
import { columnLetter, displayValue } from '../runtime/sheet-data';
import { displayWidth } from '../cli/format';
import { writeFileAtomic } from './atomic';

export const WORKBOOK_FILE = 'workbook.xlsx';

/** Used for a date cell without a date format of its own. */
const DEFAULT_DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Excel caps an inline dropdown list at 255 characters. */
const MAX_INLINE_LIST = 255;
/** Excel caps an input message at 255 characters. */
const MAX_PROMPT = 255;
/** Excel's limit for the text of one cell. */
const MAX_CELL_TEXT = 32_767;
/** Excel's default column width in characters (8.43 for Calibri 11, the workbook's default font). */
const DEFAULT_EXCEL_WIDTH = 8.43;
/** Characters added to a date's text so it shows, not ###: the cell's margins, and fonts a little wider than Calibri. */
const DATE_MARGIN = 2;

export async function writeWorkbook(file: string, state: RuntimeState): Promise<void> {
  const workbook = buildWorkbook(state);
  const buffer = await workbook.xlsx.writeBuffer();
  writeFileAtomic(file, new Uint8Array(buffer));
}

export function buildWorkbook(state: RuntimeState): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = state.owner;
  workbook.created = new Date(state.createdAt);
  workbook.modified = new Date(state.clock);
  const timeZone = state.spreadsheet.timeZone;
  const names = excelSheetNames(state.spreadsheet.sheets.map((s) => s.name));
  state.spreadsheet.sheets.forEach((sheet, i) => writeSheet(workbook.addWorksheet(names[i]), sheet, timeZone));
  const visible = state.spreadsheet.sheets.map((s, i) => (s.hidden ? -1 : i)).filter((i) => i >= 0);
  const active = state.spreadsheet.sheets.findIndex((s) => s.sheetId === state.spreadsheet.activeSheetId);
  const activeTab = visible.includes(active) ? active : (visible[0] ?? 0);
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab, visibility: 'visible' }];
  return workbook;
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: SheetState, timeZone: string): void {
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    const columns = Math.max(row.v.length, row.fmt?.length ?? 0, row.note?.length ?? 0, row.wrap?.length ?? 0, row.valign?.length ?? 0);
    for (let c = 0; c < columns; c++) {
      const value = row.v[c] ?? null;
      const format = row.fmt?.[c] ?? null;
      const note = row.note?.[c] ?? null;
      const alignment = cellAlignment(row, c);
      if (value === null && format === null && !note && !alignment) continue;
      const cell = ws.getCell(r + 1, c + 1);
      writeCell(cell, value, format, timeZone);
      if (note) cell.note = excelText(note);
      if (alignment) cell.alignment = alignment;
    }
  });
  for (const { ref, rule } of validationRanges(sheet)) {
    const validation = toExcelValidation(rule);
    if (validation) (ws as unknown as WithValidations).dataValidations.add(ref, validation);
  }
  for (let r = 1; r <= sheet.frozenRows; r++) ws.getRow(r).font = { bold: true };
  if (sheet.frozenRows > 0 || sheet.frozenColumns > 0) {
    ws.views = [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }];
  }
  applyColumnWidths(ws, sheet, timeZone);
  for (const column of sheet.hiddenColumns ?? []) ws.getColumn(column).hidden = true;
  sheet.conditionalFormats?.forEach((rule, i) => {
    ws.addConditionalFormatting({ ref: rule.ranges.join(' '), rules: [toExcelConditionalRule(rule, i + 1)] });
  });
  if (sheet.hidden) ws.state = 'hidden';
}

/**
 * A cell's wrapping and vertical alignment in Excel's terms: only WRAP wraps
 * (Excel has no clip; OVERFLOW and CLIP both spill into empty neighbours),
 * and a cell never given a strategy overflows, as Sheets shows it.
 */
function cellAlignment(row: RowState, c: number): Partial<ExcelJS.Alignment> | undefined {
  const wrap = row.wrap?.[c] === 'WRAP';
  const vertical = row.valign?.[c] ?? null;
  if (!wrap && vertical === null) return undefined;
  return { ...(wrap ? { wrapText: true } : {}), ...(vertical !== null ? { vertical } : {}) };
}

/**
 * A Sheets rule as Excel's: a custom formula becomes an expression (Excel's
 * conditional formulas have no '=' and, like Sheets', are relative to the
 * range's top-left cell; functions Excel lacks, such as REGEXMATCH, do not
 * work there), an exact text a cell-equals rule (Excel compares text
 * ignoring case). Earlier rules come first, as Sheets evaluates them.
 */
function toExcelConditionalRule(rule: ConditionalFormatState, priority: number): ExcelJS.ConditionalFormattingRule {
  const style = conditionalStyle(rule.format);
  const value = rule.values[0] ?? '';
  switch (rule.criteria) {
    case 'CUSTOM_FORMULA':
      return { type: 'expression', priority, formulae: [value.replace(/^=/, '')], style };
    case 'TEXT_EQUAL_TO':
      return { type: 'cellIs', operator: 'equal', priority, formulae: [`"${value.replace(/"/g, '""')}"`], style };
  }
}

function conditionalStyle(format: ConditionalFormatState['format']): Partial<ExcelJS.Style> {
  const argb = (hex: string) => ({ argb: `FF${hex.slice(1).toUpperCase()}` });
  const style: Partial<ExcelJS.Style> = {};
  // A differential fill's colour is its bgColor for Excel; LibreOffice has read fgColor, so both are set.
  if (format.background) style.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(format.background), bgColor: argb(format.background) };
  if (format.fontColor || format.bold !== undefined) {
    style.font = { ...(format.fontColor ? { color: argb(format.fontColor) } : {}), ...(format.bold !== undefined ? { bold: format.bold } : {}) };
  }
  return style;
}

/** exceljs keeps ranged validations on the worksheet; its typings omit them. */
interface WithValidations {
  dataValidations: { add(ref: string, validation: ExcelJS.DataValidation): void };
}

/** The number format a cell is written with: a date without a date format of its own gets the default one. */
function excelFormat(value: StoredValue, format: string | null): string | null {
  if (value !== null && typeof value === 'object' && 'd' in value) return format && isDateFormat(format) ? format : DEFAULT_DATE_FORMAT;
  return format;
}

function writeCell(cell: ExcelJS.Cell, value: StoredValue, format: string | null, timeZone: string): void {
  if (value !== null && typeof value === 'object') {
    if ('d' in value) {
      // xlsx dates have no zone: write the wall-clock time of the spreadsheet's zone.
      cell.value = new Date(value.d + zoneOffsetMinutes(value.d, timeZone) * 60_000);
      cell.numFmt = excelFormat(value, format)!;
      return;
    }
    cell.value = { formula: value.f.replace(/^=/, '') };
  } else if (typeof value === 'string') {
    cell.value = excelText(value);
  } else if (value !== null) {
    cell.value = value;
  }
  if (format) cell.numFmt = format;
}

/**
 * Text as xlsx can hold it: without the control characters XML forbids, and
 * cut to Excel's cell limit (state.json keeps the full text).
 */
function excelText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  return clean.length > MAX_CELL_TEXT ? `${clean.slice(0, MAX_CELL_TEXT - 1)}…` : clean;
}

/** True when a number format shows a date or a time. */
function isDateFormat(format: string): boolean {
  // Ignore quoted literals and escapes, then look for date/time letters.
  return /[ydhms]/i.test(format.replace(/"[^"]*"|'[^']*'|\\./g, ''));
}

export interface ValidationRange {
  /** A1 range, e.g. "L2:L1000" or "B2:C50". */
  ref: string;
  rule: DataValidationState;
}

/**
 * The sheet's validations as ranges: consecutive rows of a column with the
 * same rule form one run, and side-by-side columns with the same runs merge
 * into one rectangle.
 */
export function validationRanges(sheet: SheetState): ValidationRange[] {
  interface Run {
    rule: number;
    top: number;
    bottom: number;
    left: number;
    right: number;
  }
  const runs: Run[] = [];
  const columns = Math.max(0, ...sheet.rows.map((row) => row?.dv?.length ?? 0));
  for (let c = 0; c < columns; c++) {
    let open: Run | undefined;
    sheet.rows.forEach((row, r) => {
      const rule = row?.dv?.[c] ?? null;
      if (open && rule === open.rule && r === open.bottom + 1) {
        open.bottom = r;
        return;
      }
      open = undefined;
      if (rule !== null && sheet.rules[rule]) {
        open = { rule, top: r, bottom: r, left: c, right: c };
        runs.push(open);
      }
    });
  }
  // Merge a run into the one just left of it when rule and rows agree.
  const merged: Run[] = [];
  const byKey = new Map<string, Run>();
  for (const run of runs) {
    const key = `${run.rule}:${run.top}:${run.bottom}`;
    const left = byKey.get(key);
    if (left && left.right === run.left - 1) {
      left.right = run.right;
      continue;
    }
    byKey.set(key, run);
    merged.push(run);
  }
  return merged.map((run) => {
    const from = a1(run.top, run.left);
    const to = a1(run.bottom, run.right);
    return { ref: from === to ? from : `${from}:${to}`, rule: sheet.rules[run.rule]! };
  });
}

/** The Excel form of a rule, or undefined when Excel cannot express it inline. */
function toExcelValidation(rule: DataValidationState): ExcelJS.DataValidation | undefined {
  const common = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
    ...(rule.helpText ? { showInputMessage: true, prompt: rule.helpText.slice(0, MAX_PROMPT) } : {}),
  };
  switch (rule.kind) {
    case 'list': {
      const values = rule.values ?? [];
      const list = values.join(',');
      // Excel's inline list separates by commas and has no escape for them.
      if (values.length === 0 || values.some((v) => v.includes(',')) || list.length > MAX_INLINE_LIST) return undefined;
      return { ...common, type: 'list', formulae: [`"${list.replace(/"/g, '""')}"`] };
    }
    case 'checkbox':
      return { ...common, type: 'list', formulae: ['"TRUE,FALSE"'] };
    case 'number': {
      const { min, max } = rule;
      if (min !== undefined && max !== undefined) return { ...common, type: 'decimal', operator: 'between', formulae: [min, max] };
      if (min !== undefined) return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [min] };
      if (max !== undefined) return { ...common, type: 'decimal', operator: 'lessThanOrEqual', formulae: [max] };
      return { ...common, type: 'decimal', operator: 'between', formulae: [-Number.MAX_VALUE, Number.MAX_VALUE] };
    }
    case 'date':
      // Excel has no "any valid date": a date after 1900-01-01 is the nearest.
      return { ...common, type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))] };
    default:
      return undefined;
  }
}

/**
 * Widths set in the sheet (pixels, keyed by 1-based column) become Excel
 * character widths (a character of Calibri 11, Excel's default font, is 7
 * pixels); other columns fit their first row's text. Either way a column is
 * at least as wide as the widest date it shows: Excel and LibreOffice show
 * ### for a date that does not fit, where Sheets would let it overflow.
 */
function applyColumnWidths(ws: ExcelJS.Worksheet, sheet: SheetState, timeZone: string): void {
  for (const [key, px] of Object.entries(sheet.columnWidths)) {
    const column = Number(key);
    if (Number.isInteger(column) && column >= 1 && px > 0) ws.getColumn(column).width = Math.round((px / 7) * 100) / 100;
  }
  const header = sheet.rows[0]?.v ?? [];
  header.forEach((value, c) => {
    if (typeof value !== 'string' || value === '' || sheet.columnWidths[String(c + 1)] !== undefined) return;
    ws.getColumn(c + 1).width = Math.min(50, Math.max(10, displayWidth(value) + 4));
  });
  for (const [column, chars] of dateWidths(sheet, timeZone)) {
    const col = ws.getColumn(column);
    col.width = Math.max(col.width ?? DEFAULT_EXCEL_WIDTH, chars + DATE_MARGIN);
  }
}

/**
 * The widest date text of each column (1-based), in characters (CJK ones
 * count two): dates, and numbers under a date format, as their format shows
 * them.
 */
function dateWidths(sheet: SheetState, timeZone: string): Map<number, number> {
  const widths = new Map<number, number>();
  for (const row of sheet.rows) {
    row?.v.forEach((value, c) => {
      const format = excelFormat(value, row.fmt?.[c] ?? null);
      const isDate = (typeof value === 'number' || (value !== null && typeof value === 'object' && 'd' in value)) && format !== null && isDateFormat(format);
      if (!isDate) return;
      const chars = displayWidth(displayValue(value, format, timeZone));
      widths.set(c + 1, Math.max(widths.get(c + 1) ?? 0, chars));
    });
  }
  return widths;
}

/** 0-based row and column → A1 (e.g. 0,0 → A1; 1,27 → AB2). */
function a1(row: number, column: number): string {
  return `${columnLetter(column + 1)}${row + 1}`;
}

/**
 * Excel's sheet-name rules (≤ 31 characters, none of \ / ? * [ ] :, no
 * leading or trailing apostrophe, unique ignoring case), keeping names that
 * already comply unchanged.
 */
export function excelSheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = name.replace(/[\\/?*[\]:]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Sheet';
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
