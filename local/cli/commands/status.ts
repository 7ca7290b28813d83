/** `status TICKET_NO STATUS [--as EMAIL] [--note TEXT]`: a staff member picks a status in 工单.状态. */
import { TICKETS } from '../../../src/sheets/schema';
import { defineCommand } from '../command';
import { CliError } from '../messages';
import { openRuntime, saveSession } from '../session';
import { firstStaff } from '../../drive/config-view';
import { findSheet, getCell, lastRow } from '../../runtime/sheet-data';
import { columnOf, noteOf, reportFailures } from './edit';
import { describeEffects, editAndObserve } from '../edit-effects';
import type { Runtime } from '../../runtime/runtime';

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
      '  STATUS       新建、已联系客户、方案已提交、待客户补充、问题已解决 或 已关闭（其他值会被下拉框拒绝；待客户补充 暂停处理时限，并给客户发“请补充信息”邮件）',
      '  --note TEXT  先在“进度说明”列写下说明，再选择状态（说明会记入历史）',
      '  --as EMAIL   操作的员工（默认：配置中的第一位员工）',
      '',
      '输出工单、原状态 → 新状态，以及 onSheetEdit 做了什么（历史、发给客户的邮件或排队的邮件、提醒和时间等列的变化）。',
      '下拉框拒绝或 onSheetEdit 恢复原值时在 stderr 说明原因，退出码为 1。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- status TICKET_NO STATUS [--as EMAIL] [--note TEXT] [--state DIR]',
      '',
      '  STATUS       新建, 已联系客户, 方案已提交, 待客户补充, 问题已解决 or 已关闭 (the dropdown refuses anything else; 待客户补充 pauses the time limit and mails the customer the 请补充信息 request)',
      '  --note TEXT  first write a note in 进度说明, then pick the status (the note goes to 历史)',
      '  --as EMAIL   the staff member (default: the first staff member in Config)',
      '',
      'Prints the ticket, old → new status and what onSheetEdit did (历史, the mail to the customer or the one queued, changes to 提醒 and the time columns).',
      'Refused by the dropdown or put back by onSheetEdit: the reason on stderr, exit 1.',
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
    const idCol = columnOf(runtime, TICKETS.name, TICKETS.col.no);
    const statusCol = columnOf(runtime, TICKETS.name, TICKETS.col.status);
    const sheet = findSheet(runtime.state, TICKETS.name)!;
    let row = 0;
    for (let r = 2; r <= lastRow(sheet) && !row; r++) if (String(getCell(sheet, r, idCol)) === ticket) row = r;
    if (!row) throw new CliError('noTicket', { ticket }, 1);
    const code = changeStatus(ctx, runtime, ticket, row, statusCol, status, user);
    await saveSession(ctx.stateDir, runtime);
    return code;
  },
});

/** `--note` first, then the status; says what came of it. Returns the exit code. */
function changeStatus(ctx: Parameters<typeof statusCommand.run>[0], runtime: Runtime, ticket: string, row: number, statusCol: number, status: string, user: string): 0 | 1 {
  if (ctx.values.note !== undefined) {
    const note = editAndObserve(runtime, TICKETS.name, row, columnOf(runtime, TICKETS.name, TICKETS.col.progressNote), ctx.values.note, user);
    if (note.refused) {
      ctx.err(ctx.t('editRefused', { message: note.message }));
      return 1;
    }
    if (reportFailures(ctx, note)) return 1;
  }
  const effects = editAndObserve(runtime, TICKETS.name, row, statusCol, status, user);
  if (effects.refused) {
    ctx.err(ctx.t('statusRefused', { ticket, value: status, message: effects.message }));
    return 1;
  }
  const failed = reportFailures(ctx, effects);
  if (effects.reverted) {
    ctx.err(ctx.t('statusReverted', { ticket, typed: effects.typed, now: effects.now, note: noteOf(effects.note) }));
    return 1;
  }
  if (effects.before === effects.now) {
    ctx.out(ctx.t('statusSame', { ticket, status: effects.now }));
    return failed ? 1 : 0;
  }
  ctx.out(ctx.t('statusChanged', { ticket, from: effects.before || ctx.t('blankCell'), to: effects.now, user }));
  for (const line of describeEffects(effects, ctx.t, { always: true })) ctx.out(line);
  return failed ? 1 : 0;
}
