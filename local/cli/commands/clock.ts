/** `clock --advance DURATION | --set TIME`: moves the emulated clock, firing the time-driven triggers on the way. */
import { defineCommand, readDuration, readTime, usageError } from '../command';
import { formatTime } from '../format';
import { openRuntime, saveSession } from '../session';

export const clockCommand = defineCommand({
  name: 'clock',
  summary: {
    'zh-CN': '拨动模拟时钟，依次运行途中到期的定时触发器',
    en: 'move the emulated clock, running every time-driven trigger that falls due on the way',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- clock --advance DURATION | --set TIME [--state DIR]',
      '',
      '  --advance DURATION  向前拨动，例如 3d、2h、90m、1d12h',
      '  --set TIME          拨到某个时刻，ISO 8601（不带时区时按脚本时区）；不能倒退',
      '',
      '每运行一个触发器输出一行：时间、处理函数、ok 或 error: 原因。有触发器出错时退出码为 1。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- clock --advance DURATION | --set TIME [--state DIR]',
      '',
      '  --advance DURATION  move forward, e.g. 3d, 2h, 90m, 1d12h',
      '  --set TIME          move to a time, ISO 8601 (without an offset: in the script zone); never backwards',
      '',
      'Prints one line per trigger run: time, handler, ok or error: reason. Exits with 1 when a trigger failed.',
    ].join('\n'),
  },
  options: {
    advance: { type: 'string' },
    set: { type: 'string' },
  },
  async run(ctx) {
    const { advance, set } = ctx.values;
    if ((advance === undefined) === (set === undefined)) throw usageError('clock', 'oneOf', { a: '--advance', b: '--set' });
    const step = advance !== undefined ? readDuration('clock', advance) : undefined;
    const { runtime, state } = openRuntime(ctx.stateDir);
    const timeZone = state.timeZone;
    const to = step !== undefined ? state.clock + step : readTime('clock', set!, timeZone);
    if (to < state.clock) {
      throw usageError('clock', 'clockBackwards', { now: formatTime(state.clock, timeZone), to: formatTime(to, timeZone) });
    }
    const runs = runtime.advanceClockTo(to);
    for (const { at, result } of runs) {
      ctx.out(`${formatTime(at, timeZone)}  ${result.handler}  ${result.ok ? 'ok' : `error: ${oneLine(result.error ?? '')}`}`);
    }
    await saveSession(ctx.stateDir, runtime);
    ctx.err(ctx.t('clockNow', { time: formatTime(state.clock, timeZone), count: runs.length }));
    return runs.every((r) => r.result.ok) ? 0 : 1;
  },
});

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
