/** `init`: a new state folder with the add-on set up, as the 客户管理 › 初始化 menu item does. */
import fs from 'node:fs';
import path from 'node:path';
import { defineCommand, readTime } from '../command';
import { CliError } from '../messages';
import { formatTime } from '../format';
import { scriptTimeZone, saveSession, startRuntime } from '../session';
import { newState } from '../../runtime/state';
import { hasState } from '../../persist/state-file';
import { clearOutbox, OUTBOX_DIR } from '../../persist/outbox';
import { WORKBOOK_FILE } from '../../persist/workbook';
import { setConfigValue } from '../../drive/config-view';

export const initCommand = defineCommand({
  name: 'init',
  summary: {
    'zh-CN': '新建状态目录，并运行加载项的初始化（表单、工作表、配置、触发器）',
    en: "create a state folder and run the add-on's setup (form, sheets, config, triggers)",
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- init [--at TIME] [--lang zh-CN|en] [--accounts workspace|consumer] [--force] [--state DIR]',
      '',
      '  --at TIME    模拟时钟的起点，ISO 8601（不带时区时按脚本时区 Asia/Shanghai），默认为现在',
      '  --lang LANG  加载项与命令行的语言：zh-CN（默认）或 en；Google 的服务错误也用这种语言',
      '  --accounts K 账号类型：workspace（同一 Google Workspace 网域，默认）或 consumer（gmail.com 个人账号：触发器看不到同事的邮箱，配额更小）',
      '  --force      覆盖目录中已有的状态',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- init [--at TIME] [--lang zh-CN|en] [--accounts workspace|consumer] [--force] [--state DIR]',
      '',
      '  --at TIME    start of the emulated clock, ISO 8601 (without an offset: in the script zone, Asia/Shanghai); default now',
      "  --lang LANG  language of the add-on and of the CLI: zh-CN (default) or en; Google's service errors come in it too",
      "  --accounts K kind of accounts: workspace (one Google Workspace domain, the default) or consumer (gmail.com accounts: triggers cannot see colleagues' emails, smaller quotas)",
      '  --force      replace a state the folder already holds',
    ].join('\n'),
  },
  options: {
    at: { type: 'string' },
    accounts: { type: 'string' },
    force: { type: 'boolean' },
  },
  async run(ctx) {
    const dir = ctx.stateDir;
    const force = ctx.values.force === true;
    if (!force && hasState(dir)) throw new CliError('stateExists', { dir });
    const timeZone = scriptTimeZone();
    const clock = ctx.values.at !== undefined ? readTime('init', ctx.values.at, timeZone) : Math.floor(Date.now() / 1000) * 1000;
    const accounts = ctx.values.accounts ?? 'workspace';
    if (accounts !== 'workspace' && accounts !== 'consumer') throw new CliError('badAccounts', { value: String(accounts) });
    // The owner's Google account speaks the language the admin works in.
    const state = newState({ clock, timeZone, accounts, language: ctx.lang === 'en' ? 'en' : 'zh-CN' });
    // The spreadsheet's locale is what the add-on sees as the user's locale.
    state.spreadsheet.locale = ctx.lang === 'en' ? 'en_US' : 'zh_CN';
    const runtime = startRuntime(state);
    const setup = runtime.run('setup');
    if (!setup.ok) {
      ctx.err(ctx.t('setupFailed', { error: setup.error ?? '' }));
      return 1;
    }
    // `--lang en` is the admin switching the add-on to English in 配置 (通用 / 语言).
    if (ctx.lang === 'en') setConfigValue(state, '通用', '语言', 'en');
    // A replaced state takes its old emails with it: outbox names restart at 0001.
    if (force && fs.existsSync(path.join(dir, OUTBOX_DIR))) clearOutbox(dir);
    await saveSession(dir, runtime);
    ctx.out(ctx.t('initDone', { dir }));
    ctx.out(ctx.t('initClock', { time: formatTime(state.clock, timeZone), zone: timeZone }));
    ctx.out(ctx.t('initSheets', { sheets: state.spreadsheet.sheets.map((s) => s.name).join(ctx.lang === 'en' ? ', ' : '、') }));
    const forms = state.forms.filter((f) => !f.deleted);
    if (forms.length === 0) ctx.out(ctx.t('initNoForm'));
    for (const form of forms) ctx.out(ctx.t('initForm', { url: runtime.services.FormApp.openById(form.id).getPublishedUrl() }));
    ctx.out(ctx.t('initTriggers', { count: state.triggers.length }));
    ctx.out(ctx.t('initFiles', { workbook: path.join(dir, WORKBOOK_FILE), outbox: path.join(dir, OUTBOX_DIR) }));
    return 0;
  },
});
