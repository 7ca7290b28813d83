/** `edit SHEET ROW COLUMN VALUE [--as EMAIL]`: a staff member types into a cell; onSheetEdit runs. */
import { defineCommand, usageError } from '../command';
import { CliError, type MessageKey, type MessageParams } from '../messages';
import { describeEffects, editAndObserve, type EditEffects } from '../edit-effects';
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
      '',
      '输出修改前后的值，以及 onSheetEdit 随之做了什么（同一行其他列的变化、历史、邮件、批注）。',
      '被拒绝（受保护、下拉框），或 onSheetEdit 不接受并恢复原值时，在 stderr 说明（输入了什么、单元格现在是什么、批注），退出码为 1。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- edit SHEET ROW COLUMN VALUE [--as EMAIL] [--state DIR]',
      '',
      '  SHEET    a sheet name; ROW a 1-based row (row 1 is the header); COLUMN a header label',
      '  VALUE    parsed as if typed in Sheets (numbers, dates, formulas); protected cells and values outside a dropdown are refused',
      '  --as     the staff member (default: the first staff member in Config)',
      '',
      'Prints the value before and after, and what onSheetEdit did (other cells of the row, 历史, mails, notes).',
      'Refused (protected, dropdown), or not accepted by onSheetEdit, which puts the old value back: said on stderr (what was typed, what the cell holds, the note), exit 1.',
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
    const effects = editAndObserve(runtime, sheetName, row, col, value, user);
    await saveSession(ctx.stateDir, runtime);
    if (effects.refused) {
      ctx.err(ctx.t('editRefused', { message: effects.message }));
      return 1;
    }
    const where = { sheet: sheetName, row, column };
    if (effects.reverted) {
      ctx.err(ctx.t(effects.now === effects.before ? 'editReverted' : 'editReplaced', { ...where, typed: effects.typed, now: effects.now, note: noteOf(effects.note) }));
    } else {
      ctx.out(ctx.t('editDone', { ...where, from: effects.before || ctx.t('blankCell'), to: effects.now || ctx.t('blankCell') }));
      for (const line of describeEffects(effects, ctx.t)) ctx.out(line);
    }
    const failed = reportFailures(ctx, effects);
    return failed || effects.reverted ? 1 : 0;
  },
});

/** The refusal's note, as the tail of a sentence (nothing when the add-on left none). */
export function noteOf(note: string): MessageParams[string] {
  return note ? { key: 'refusalNote', params: { note } } : '';
}

/** Says which edit triggers failed (on stderr); true when one did. */
export function reportFailures(io: Output & { t(key: MessageKey, params?: MessageParams): string }, effects: EditEffects): boolean {
  for (const f of effects.failed) io.err(io.t('triggerFailed', { handler: f.handler, error: f.error }));
  return effects.failed.length > 0;
}

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
