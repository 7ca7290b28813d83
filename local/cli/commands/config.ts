/**
 * `config GROUP KEY VALUE | config --file FILE [--as EMAIL]`: an admin adds
 * rows to 配置, typing 分组, 键 and 值 into the next empty row as in Sheets
 * (each a cell edit, so onSheetEdit runs and notes a bad row on its 值 cell).
 */
import path from 'node:path';
import { defineCommand, usageError } from '../command';
import { openRuntime, saveSession } from '../session';
import { readInputFile } from '../../drive/input';
import { findSheet, getCell, getCellProp, insertRows, lastRow } from '../../runtime/sheet-data';
import type { Runtime } from '../../runtime/runtime';
import { columnOf } from './edit';
import { CONFIG } from '../../../src/sheets/schema';

/** Rows of a file: one a line, 分组, 键 and 值 separated by tabs (or commas when a line has no tab); blank lines skipped. */
export function configRowsOf(text: string): [string, string, string][] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').map((line) => {
    const cells = (line.includes('\t') ? line.split('\t') : line.split(',')).map((c) => c.trim());
    return [cells[0] ?? '', cells[1] ?? '', cells.slice(2).join(line.includes('\t') ? '\t' : ',')];
  });
}

/** The first row of 配置 with this group and key (as an admin would find it), or null. */
function rowOf(rt: Runtime, group: string, key: string): number | null {
  const sheet = findSheet(rt.state, CONFIG.name)!;
  const g = columnOf(rt, CONFIG.name, CONFIG.col.group);
  const k = columnOf(rt, CONFIG.name, CONFIG.col.key);
  for (let r = 2; r <= lastRow(sheet); r++) {
    if (String(getCell(sheet, r, g) ?? '').trim() === group.trim() && String(getCell(sheet, r, k) ?? '').trim() === key.trim()) return r;
  }
  return null;
}

/**
 * Types one row: into the row that already has its group and key (its 值
 * cell only, as an admin changes a setting), else into the first row below
 * the last; what its 值 cell's note says afterwards ('' when none).
 */
function typeRow(rt: Runtime, row: [string, string, string], user: string): { at: number; note: string; failed: { handler: string; error: string }[]; refused?: string } {
  const sheet = findSheet(rt.state, CONFIG.name)!;
  const existing = row[0] !== '' && row[1] !== '' ? rowOf(rt, row[0], row[1]) : null;
  const at = existing ?? lastRow(sheet) + 1;
  if (sheet.maxRows < at) insertRows(sheet, sheet.maxRows + 1, at - sheet.maxRows, sheet.maxRows);
  const failed: { handler: string; error: string }[] = [];
  const labels = [CONFIG.col.group, CONFIG.col.key, CONFIG.col.value];
  for (let i = existing === null ? 0 : 2; i < 3; i++) {
    if (row[i] === '' && existing === null) continue;
    const r = rt.staff.type(CONFIG.name, at, columnOf(rt, CONFIG.name, labels[i]!), row[i]!, user);
    if (!r.ok) return { at, note: '', failed, refused: r.message };
    for (const run of r.runs) if (!run.ok) failed.push({ handler: run.handler, error: run.error ?? '' });
  }
  const valueColumn = columnOf(rt, CONFIG.name, CONFIG.col.value);
  return { at, note: String(getCellProp(sheet, at, valueColumn, 'note') ?? ''), failed };
}

export const configCommand = defineCommand({
  name: 'config',
  summary: {
    'zh-CN': '管理员在“配置”表中添加行或改值（像在表格中输入一样，写错的行在值单元格上得到批注）',
    en: 'an admin adds rows to 配置 or changes a value (typed as in Sheets: a bad row gets a note on its value cell)',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- config GROUP KEY VALUE [--as EMAIL] [--state DIR]',
      '      npm run --silent cli -- config --file FILE [--as EMAIL] [--state DIR]',
      '',
      '  GROUP KEY VALUE  一行：分组、键、值（例：表单工具 "问卷星 › q2" 姓名/企业名称）',
      '  --file FILE      每行一个配置行，分组、键、值用制表符分隔（没有制表符时用逗号）',
      '  --as EMAIL       输入的人（默认：所有者；只有所有者和管理员能编辑“配置”）',
      '',
      '已有同一分组和键的行时（例：短信 服务商 腾讯云），改那一行的值，和在表格中改值单元格一样；否则在最后一行下面添加。',
      '每行输出一行 JSON：所在行号、分组、键、值，以及值单元格上的批注（note）。有批注以 ⚠ 开头（此行有问题）时退出码为 1。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- config GROUP KEY VALUE [--as EMAIL] [--state DIR]',
      '       npm run --silent cli -- config --file FILE [--as EMAIL] [--state DIR]',
      '',
      '  GROUP KEY VALUE  one row: group, key, value (e.g. 表单工具 "问卷星 › q2" 姓名/企业名称)',
      '  --file FILE      one Config row a line, group, key and value separated by tabs (by commas on a line without a tab)',
      '  --as EMAIL       who types (default: the owner; only the owner and the admins may edit 配置)',
      '',
      'When a row with the same group and key exists (e.g. 短信 服务商 腾讯云), its value is changed, as an admin changes the value cell; otherwise the row is added below the last.',
      'Prints one JSON line per row: its row number, group, key, value and the note on its value cell. Exits 1 when a note starts with ⚠ (the row has a problem).',
    ].join('\n'),
  },
  options: { file: { type: 'string' }, as: { type: 'string' } },
  positionals: [
    { name: 'GROUP', required: false },
    { name: 'KEY', required: false },
    { name: 'VALUE', required: false },
  ],
  async run(ctx) {
    let rows: [string, string, string][];
    if (ctx.values.file !== undefined) {
      if (ctx.positionals.length > 0) throw usageError('config', 'configFileOrRow', {});
      rows = configRowsOf(readInputFile(ctx.values.file === '-' ? '-' : path.resolve(ctx.cwd, ctx.values.file)).text);
    } else {
      if (ctx.positionals.length !== 3) throw usageError('config', 'configFileOrRow', {});
      rows = [ctx.positionals as [string, string, string]];
    }
    const { runtime } = openRuntime(ctx.stateDir);
    const user = ctx.values.as ?? runtime.state.owner;
    let bad = false;
    for (const row of rows) {
      const added = typeRow(runtime, row, user);
      if (added.refused) {
        ctx.err(ctx.t('editRefused', { message: added.refused }));
        bad = true;
        break;
      }
      for (const f of added.failed) ctx.err(ctx.t('triggerFailed', { handler: f.handler, error: f.error }));
      bad ||= added.failed.length > 0;
      const sheet = findSheet(runtime.state, CONFIG.name)!;
      const value = String(getCell(sheet, added.at, columnOf(runtime, CONFIG.name, CONFIG.col.value)) ?? '');
      ctx.out(JSON.stringify({ row: added.at, group: row[0], key: row[1], value, ...(added.note ? { note: added.note } : {}) }));
      if (added.note.startsWith('⚠')) bad = true;
    }
    await saveSession(ctx.stateDir, runtime);
    return bad ? 1 : 0;
  },
});
