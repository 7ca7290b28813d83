/** `show SHEET [--json]`: a sheet as a table, or as JSON objects keyed by header label. */
import { defineCommand } from '../command';
import { CliError } from '../messages';
import { renderTable } from '../format';
import { loadState } from '../../persist/state-file';
import { columnLetter, displayValue, findSheet, isFormulaValue, readGrid, toIsoValue } from '../../runtime/sheet-data';
import type { SheetState, StoredValue } from '../../runtime/state';

export const showCommand = defineCommand({
  name: 'show',
  summary: {
    'zh-CN': '显示一个工作表（表格或 JSON）',
    en: 'print a sheet (a table, or JSON)',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- show SHEET [--json] [--state DIR]',
      '',
      '  SHEET   工作表名称，例如 客户、工单、待审核、历史、配置、导入',
      '  --json  输出对象数组，键为表头；值按加载项保存的原样，日期为带时区偏移的 ISO 8601',
      '',
      '表格第一列是工作表中的行号。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- show SHEET [--json] [--state DIR]',
      '',
      '  SHEET   a sheet name, e.g. 客户, 工单, 待审核, 历史, 配置, 导入',
      '  --json  an array of objects keyed by header label; values as the add-on stored them, dates as ISO 8601 with offset',
      '',
      "The table's first column is the row number in the sheet.",
    ].join('\n'),
  },
  options: {
    json: { type: 'boolean' },
  },
  positionals: [{ name: 'SHEET', required: true }],
  run(ctx) {
    const state = loadState(ctx.stateDir);
    const name = ctx.positionals[0]!;
    const sheet = findSheet(state, name);
    if (!sheet) {
      throw new CliError('unknownSheet', { name, names: state.spreadsheet.sheets.map((s) => s.name).join(', ') });
    }
    const timeZone = state.spreadsheet.timeZone;
    const grid = readGrid(sheet);
    if (ctx.values.json) {
      ctx.out(JSON.stringify(sheetObjects(grid, timeZone), null, 2));
      return 0;
    }
    if (grid.length === 0) {
      ctx.out(ctx.t('emptySheet', { name }));
      return 0;
    }
    const rowLabel = ctx.lang === 'en' ? 'row' : '行';
    const rows = grid.map((line, r) => [r === 0 ? rowLabel : String(r + 1), ...line.map((v, c) => cellText(sheet, v, r, c, timeZone))]);
    ctx.out(renderTable(rows));
    return 0;
  },
});

/**
 * Every row below the header as an object keyed by header label (a blank
 * label becomes the column letter, a repeated one gets " (2)", " (3)" …).
 * Blank rows are kept, so the n-th object is sheet row n + 2.
 */
export function sheetObjects(grid: StoredValue[][], timeZone: string): Record<string, string | number | boolean>[] {
  const [header = [], ...body] = grid;
  const keys = headerKeys(header.map((v) => String(toIsoValue(v, timeZone))));
  return body.map((line) => Object.fromEntries(keys.map((key, c) => [key, toIsoValue(line[c] ?? null, timeZone)])));
}

function headerKeys(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label, c) => {
    const base = label.trim() === '' ? columnLetter(c + 1) : label;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** What the cell shows; a formula (not evaluated locally) shows its source. */
function cellText(sheet: SheetState, value: StoredValue, r: number, c: number, timeZone: string): string {
  if (isFormulaValue(value)) return value.f;
  return displayValue(value, sheet.rows[r]?.fmt?.[c] ?? null, timeZone);
}
