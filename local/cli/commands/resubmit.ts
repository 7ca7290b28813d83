/** `resubmit ROW [--as EMAIL] [--consent WAY --consent-note TEXT]`: the review queue's action on a corrected 待审核 row. */
import { defineCommand, usageError } from '../command';
import { openRuntime, saveSession } from '../session';
import { firstStaff } from '../../drive/config-view';

export const resubmitCommand = defineCommand({
  name: 'resubmit',
  summary: {
    'zh-CN': '把改正后的待审核记录重新提交（与审核队列的“重新提交”相同）',
    en: 'resubmit a corrected 待审核 row through the pipeline (the review queue action)',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- resubmit ROW [--as EMAIL] [--consent WAY --consent-note TEXT] [--state DIR]',
      '',
      '  ROW         待审核表中的行号（第 2 行起）；先用 edit 修改该行的“原始数据”',
      '  --as EMAIL  操作的员工（默认：配置中的第一位员工）',
      '  --consent WAY, --consent-note TEXT',
      '              客户提交时没有同意时必填：取得同意的方式（电话口头同意、书面同意、邮件同意）和说明',
      '',
      '输出一行 JSON，与 submit 相同。仍有问题时会生成新的待审核行，退出码为 1。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- resubmit ROW [--as EMAIL] [--consent WAY --consent-note TEXT] [--state DIR]',
      '',
      '  ROW         the row in 待审核 (from 2); correct its 原始数据 first with edit',
      '  --as EMAIL  the staff member (default: the first staff member in Config)',
      '  --consent WAY, --consent-note TEXT',
      '              required when the customer did not consent: how consent was obtained (电话口头同意, 书面同意, 邮件同意) and details',
      '',
      'Prints one JSON line, as submit does. Still flawed: a new review row, exit code 1.',
    ].join('\n'),
  },
  options: { as: { type: 'string' }, consent: { type: 'string' }, 'consent-note': { type: 'string' } },
  positionals: [{ name: 'ROW', required: true }],
  async run(ctx) {
    const row = Number(ctx.positionals[0]);
    if (!Number.isInteger(row) || row < 2) throw usageError('resubmit', 'badRow', { value: ctx.positionals[0]!, max: '…' });
    const { runtime } = openRuntime(ctx.stateDir);
    const user = ctx.values.as ?? firstStaff(runtime.state) ?? runtime.state.owner;
    const way = ctx.values.consent;
    const consent = way === undefined ? [] : [null, undefined, { way, note: ctx.values['consent-note'] ?? '' }];
    const result = runtime.run('resubmitReview', [row, ...consent], { user });
    await saveSession(ctx.stateDir, runtime);
    if (!result.ok) {
      ctx.err(ctx.t('resubmitFailed', { error: result.error ?? '' }));
      return 1;
    }
    const outcome = result.value as { outcome: string };
    ctx.out(JSON.stringify({ index: 0, ...outcome }));
    return outcome.outcome === 'accepted' ? 0 : 1;
  },
});
