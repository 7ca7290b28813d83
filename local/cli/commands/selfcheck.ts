/** `selfcheck [--as EMAIL]`: 客户管理 › 自检 in the local world — the same checks an admin runs on the live account. */
import { defineCommand } from '../command';
import { renderTable } from '../format';
import { openRuntime, saveSession } from '../session';
import { SELF_CHECK } from '../../../src/sheets/schema';
import { findSheet, readGrid, toIsoValue } from '../../runtime/sheet-data';

export const selfcheckCommand = defineCommand({
  name: 'selfcheck',
  summary: {
    'zh-CN': '运行 客户管理 › 自检（与管理员部署后在真实账号上运行的检查相同），并显示 自检 表',
    en: 'run 客户管理 › 自检 (the checks an admin runs on the live account after deploying) and print the 自检 sheet',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- selfcheck [--as EMAIL] [--state DIR]',
      '',
      '  --as EMAIL  运行自检的账号（默认：初始化账号）',
      '',
      '每项检查一行：检查项、结果（通过、未通过、跳过）、详情、处理办法。有未通过的检查时退出码为 1。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- selfcheck [--as EMAIL] [--state DIR]',
      '',
      '  --as EMAIL  the account that runs it (default: the account that ran setup)',
      '',
      'One row per check: check, result (通过 pass, 未通过 fail, 跳过 skipped), detail, what to do. Exit code 1 when a check fails.',
    ].join('\n'),
  },
  options: { as: { type: 'string' } },
  async run(ctx) {
    const { runtime, state } = openRuntime(ctx.stateDir);
    const user = ctx.values.as ?? state.owner;
    const result = runtime.run('runSelfCheck', [], { user });
    await saveSession(ctx.stateDir, runtime);
    const alert = runtime.services.SpreadsheetApp.ui.alerts.at(-1);
    if (!result.ok || result.value === null) {
      ctx.err(result.ok ? (alert?.prompt ?? '') : ctx.t('selfCheckFailed', { error: result.error ?? '' }));
      return 1;
    }
    const sheet = findSheet(state, SELF_CHECK.name);
    if (sheet) {
      const grid = readGrid(sheet).map((line) => line.map((v) => String(toIsoValue(v, state.spreadsheet.timeZone))));
      ctx.out(renderTable(grid));
    }
    if (alert) ctx.err(alert.prompt);
    return (result.value as { failed: number }).failed > 0 ? 1 : 0;
  },
});
