/**
 * `setup [--as EMAIL] [--replace-keys]`: 客户管理 › 初始化/修复 again on an
 * existing state — the same `setup` entry point `init` runs — printing the
 * summary setup shows in its dialog (what it created, repaired or left).
 */
import { defineCommand } from '../command';
import { openRuntime, saveSession } from '../session';

/** Script property naming the account that ran setup first (src/services/store.ts, PROP.setupOwner). */
const SETUP_OWNER = 'SETUP_OWNER';

export const setupCommand = defineCommand({
  name: 'setup',
  summary: {
    'zh-CN': '在已有的状态上重新运行 客户管理 › 初始化/修复，并显示它创建、修复或保留了什么',
    en: 'run 客户管理 › 初始化/修复 again on an existing state and print what it created, repaired or left',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- setup [--as EMAIL] [--replace-keys] [--state DIR]',
      '',
      '  --as EMAIL      运行的账号（默认：初始化账号；其他账号会被拒绝，什么都不改）',
      '  --replace-keys  加密密钥丢失而已有加密数据时，对“生成新密钥？”回答“是”（旧数据将无法解密）；默认回答“否”',
      '',
      '输出 setup 对话框中的摘要。退出码：0 已完成；1 被拒绝（不是初始化账号）或运行出错；2 目录中没有状态。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- setup [--as EMAIL] [--replace-keys] [--state DIR]',
      '',
      '  --as EMAIL      the account that runs it (default: the account that ran setup; any other is refused and nothing changes)',
      '  --replace-keys  when the keys are lost over encrypted data, answer yes to "make new keys?" (the old data stays unreadable); the default answer is no',
      '',
      "Prints the summary of setup's dialog. Exit code 0 done; 1 refused (not the setup account) or failed; 2 no state in the folder.",
    ].join('\n'),
  },
  options: { as: { type: 'string' }, 'replace-keys': { type: 'boolean' } },
  async run(ctx) {
    const { runtime, state } = openRuntime(ctx.stateDir);
    const user = ctx.values.as ?? state.properties.script[SETUP_OWNER] ?? state.owner;
    const ui = runtime.services.SpreadsheetApp.ui;
    const shown = ui.alerts.length;
    // Nobody at a terminal answers setup's one question (new keys over encrypted data): no, unless asked for.
    ui.answers.push({ button: ctx.values['replace-keys'] === true ? 'YES' : 'NO' });
    const result = runtime.run('setup', [], { user });
    ui.answers.length = 0;
    await saveSession(ctx.stateDir, runtime);
    if (!result.ok) {
      ctx.err(ctx.t('setupFailed', { error: result.error ?? '' }));
      return 1;
    }
    const dialogs = ui.alerts.slice(shown);
    for (const question of dialogs.filter((a) => a.buttons === 'YES_NO')) {
      ctx.out(ctx.t('setupAsked', { title: question.title, question: question.prompt, answer: ctx.t(question.answer === 'YES' ? 'answerYes' : 'answerNo') }));
    }
    const summary = dialogs.filter((a) => a.buttons !== 'YES_NO').at(-1);
    // A refusal (another account) is setup's dialog too, and nothing changed.
    const refused = result.value === null;
    const write = refused ? ctx.err : ctx.out;
    write(ctx.t(refused ? 'setupRefused' : 'setupDone', { dir: ctx.stateDir, user }));
    if (summary) write(`${summary.title}\n${summary.prompt}`);
    return refused ? 1 : 0;
  },
});
