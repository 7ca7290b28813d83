/** `status TICKET_NO STATUS [--as EMAIL] [--note TEXT]`: a staff member picks a status in 工单.状态. */
import { TICKETS } from '../../../src/sheets/schema';
import { defineCommand } from '../command';
import { CliError } from '../messages';
import { openRuntime, saveSession } from '../session';
import { firstStaff } from '../../drive/config-view';
import { findSheet, getCell, lastRow } from '../../runtime/sheet-data';
import { applyEdit, columnOf } from './edit';

export const statusCommand = defineCommand({
  name: 'status',
  summary: {
    'zh-CN': '员工在工单表的“状态”下拉框中选择状态（触发 onSheetEdit）',
    en: "a staff member picks a status in the 工单 sheet's 状态 dropdown (fires onSheetEdit)",
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- status TICKET_NO STATUS [--as EMAIL] [--note TEXT] [--state DIR]',
      '',
      '  STATUS       新建、已联系客户、方案已提交、问题已解决 或 已关闭（其他值会被下拉框拒绝）',
      '  --note TEXT  先在“进度说明”列写下说明，再选择状态（说明会记入历史）',
      '  --as EMAIL   操作的员工（默认：配置中的第一位员工）',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- status TICKET_NO STATUS [--as EMAIL] [--note TEXT] [--state DIR]',
      '',
      '  STATUS       新建, 已联系客户, 方案已提交, 问题已解决 or 已关闭 (the dropdown refuses anything else)',
      '  --note TEXT  first write a note in 进度说明, then pick the status (the note goes to 历史)',
      '  --as EMAIL   the staff member (default: the first staff member in Config)',
    ].join('\n'),
  },
  options: { as: { type: 'string' }, note: { type: 'string' } },
  positionals: [
    { name: 'TICKET_NO', required: true },
    { name: 'STATUS', required: true },
  ],
  async run(ctx) {
    const [ticket, status] = ctx.positionals as [string, string];
    const { runtime } = openRuntime(ctx.stateDir);
    const user = ctx.values.as ?? firstStaff(runtime.state) ?? runtime.state.owner;
    const idCol = columnOf(runtime, '工单', TICKETS.col.no);
    const statusCol = columnOf(runtime, '工单', TICKETS.col.status);
    const sheet = findSheet(runtime.state, '工单')!;
    let row = 0;
    for (let r = 2; r <= lastRow(sheet) && !row; r++) if (String(getCell(sheet, r, idCol)) === ticket) row = r;
    if (!row) throw new CliError('noTicket', { ticket }, 1);
    let code: 0 | 1 = 0;
    if (ctx.values.note !== undefined) code = applyEdit(runtime, ctx, '工单', row, columnOf(runtime, '工单', TICKETS.col.progressNote), ctx.values.note, user);
    if (code === 0) code = applyEdit(runtime, ctx, '工单', row, statusCol, status, user);
    await saveSession(ctx.stateDir, runtime);
    return code;
  },
});
