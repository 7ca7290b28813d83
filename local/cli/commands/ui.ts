/** `ui [--port N] [--as EMAIL]`: serves the staff sidebars on 127.0.0.1 against the state folder. */
import { defineCommand, usageError } from '../command';
import { openRuntime } from '../session';
import { firstStaff } from '../../drive/config-view';
import { sidebarNames, startPreview } from '../../preview/server';

export const uiCommand = defineCommand({
  name: 'ui',
  summary: {
    'zh-CN': '在本机浏览器中预览侧边栏（google.script.run 调用本地运行时）',
    en: 'preview the sidebars in a local browser (google.script.run calls the local runtime)',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- ui [--port N] [--as EMAIL] [--state DIR]',
      '',
      '  --port N     监听 127.0.0.1 的端口（默认 8787）',
      '  --as EMAIL   以哪位员工的身份调用（默认：配置中的第一位员工）',
      '  每次调用后保存状态文件夹；按 Ctrl+C 退出。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- ui [--port N] [--as EMAIL] [--state DIR]',
      '',
      '  --port N     port on 127.0.0.1 (default 8787)',
      '  --as EMAIL   the staff member the calls run as (default: the first staff member in Config)',
      '  The state folder is saved after each call; Ctrl+C stops.',
    ].join('\n'),
  },
  options: { port: { type: 'string' }, as: { type: 'string' } },
  async run(ctx) {
    const port = ctx.values.port === undefined ? 8787 : Number(ctx.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError('ui', 'badCount', { value: String(ctx.values.port) });
    const { runtime } = openRuntime(ctx.stateDir);
    const user = ctx.values.as ?? firstStaff(runtime.state) ?? runtime.state.owner;
    const preview = await startPreview({ stateDir: ctx.stateDir, user, port });
    for (const name of sidebarNames()) ctx.out(`${preview.url}/${name}  (${user})`);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    await preview.close();
    return 0;
  },
});
