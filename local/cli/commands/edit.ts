/** `edit SHEET ROW COLUMN VALUE [--as EMAIL]`: a staff member types into a cell; onSheetEdit runs. */
import { defineCommand, usageError } from '../command';
import { CliError, type MessageParams } from '../messages';
import { openRuntime, saveSession } from '../session';
import { firstStaff } from '../../drive/config-view';
import { findSheet, getCell, lastColumn } from '../../runtime/sheet-data';
import type { Runtime } from '../../runtime/runtime';
import type { Output } from '../command';

export const editCommand = defineCommand({
  name: 'edit',
  summary: {
    'zh-CN': '员工修改一个单元格（触发 onSheetEdit），用于检验员工对表格能做什么',
    en: 'a staff member edits one cell (fires onSheetEdit): what staff can do to the sheets',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- edit SHEET ROW COLUMN VALUE [--as EMAIL] [--state DIR]',
      '',
      '  SHEET    工作表名称；ROW 为行号（从 1 开始，第 1 行是表头）；COLUMN 为表头文字',
      '  VALUE    像在表格中输入一样解析（数字、日期、公式）；受保护或不符合下拉选项的输入会被拒绝',
      '  --as     操作的员工（默认：配置中的第一位员工）',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- edit SHEET ROW COLUMN VALUE [--as EMAIL] [--state DIR]',
      '',
      '  SHEET    a sheet name; ROW a 1-based row (row 1 is the header); COLUMN a header label',
      '  VALUE    parsed as if typed in Sheets (numbers, dates, formulas); protected cells and values outside a dropdown are refused',
      '  --as     the staff member (default: the first staff member in Config)',
    ].join('\n'),
  },
  options: { as: { type: 'string' } },
  positionals: [
    { name: 'SHEET', required: true },
    { name: 'ROW', required: true },
    { name: 'COLUMN', required: true },
    { name: 'VALUE', required: true },
  ],
  async run(ctx) {
    const [sheetName, rowText, column, value] = ctx.positionals as [string, string, string, string];
    const { runtime } = openRuntime(ctx.stateDir);
    const user = ctx.values.as ?? firstStaff(runtime.state) ?? runtime.state.owner;
    const col = columnOf(runtime, sheetName, column);
    const sheet = findSheet(runtime.state, sheetName)!;
    const row = Number(rowText);
    if (!Number.isInteger(row) || row < 1 || row > sheet.maxRows) throw usageError('edit', 'badRow', { value: rowText, max: sheet.maxRows });
    const code = applyEdit(runtime, ctx, sheetName, row, col, value, user);
    await saveSession(ctx.stateDir, runtime);
    if (code === 0) ctx.out(ctx.t('editDone', { sheet: sheetName, row, column, value }));
    return code;
  },
});

/** The 1-based column of a header label, or a usage error listing the sheet's columns. */
export function columnOf(runtime: Runtime, sheetName: string, label: string): number {
  const sheet = findSheet(runtime.state, sheetName);
  if (!sheet) {
    throw new CliError('unknownSheet', { name: sheetName, names: runtime.state.spreadsheet.sheets.map((s) => s.name).join(', ') });
  }
  const headers = Array.from({ length: lastColumn(sheet) }, (_, i) => String(getCell(sheet, 1, i + 1) ?? ''));
  const col = headers.indexOf(label) + 1;
  if (col === 0) throw new CliError('noColumn', { sheet: sheetName, column: label, columns: headers.filter(Boolean).join(', ') });
  return col;
}

/** Types the value; reports a refusal or a failed trigger on stderr. Returns the exit code. */
export function applyEdit(
  runtime: Runtime,
  io: Output & { t(key: 'editRefused' | 'triggerFailed', params: MessageParams): string },
  sheet: string,
  row: number,
  col: number,
  value: string,
  user: string,
): 0 | 1 {
  const result = runtime.editCell(sheet, row, col, value, user);
  if (!result.ok) {
    io.err(io.t('editRefused', { message: result.message }));
    return 1;
  }
  const failed = result.runs.filter((r) => !r.ok);
  for (const r of failed) io.err(io.t('triggerFailed', { handler: r.handler, error: r.error ?? '' }));
  return failed.length ? 1 : 0;
}
