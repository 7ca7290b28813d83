/** `report weekly|monthly|quarterly [--at TIME]`: makes that report now (the period so far), sends and archives it. */
import { defineCommand, readTime, usageError } from '../command';
import { formatTime } from '../format';
import { openRuntime, saveSession } from '../session';

const KINDS = ['weekly', 'monthly', 'quarterly'] as const;

export const reportCommand = defineCommand({
  name: 'report',
  summary: {
    'zh-CN': '立即生成并发送周报、月报或季报（本期截至现在），并存档到“报表”表',
    en: 'make and send the weekly, monthly or quarterly report now (the period so far), archived in 报表',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- report weekly|monthly|quarterly [--at TIME] [--state DIR]',
      '',
      '  weekly     本周（周一起）至今，对比上周同期',
      '  monthly    本月至今，对比上月同期',
      '  quarterly  本季度至今，对比上季度同期',
      '  --at TIME  先把时钟拨到该时刻（ISO 8601；途中到期的定时触发器会运行）；不能倒退',
      '',
      '输出一行 JSON：报表类型、结果（sent、noRecipients、mailFailed）、期间、收件人数、存档行数、工单数、数据异常行数。',
      '定时触发器发送的是上一个完整的周、月或季度（每周一、每月1日、每季度第一天 09:00 至 10:00 之间，具体分钟由 Apps Script 决定）。',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- report weekly|monthly|quarterly [--at TIME] [--state DIR]',
      '',
      '  weekly     this week (from Monday) so far, compared with the same span of last week',
      '  monthly    this month so far, compared with the same span of last month',
      '  quarterly  this quarter so far, compared with the same span of last quarter',
      '  --at TIME  first move the clock to TIME (ISO 8601; triggers due on the way run); never backwards',
      '',
      'Prints one JSON line: kind, outcome (sent, noRecipients, mailFailed), period, recipients, archived rows, tickets, anomaly rows.',
      'The time-driven triggers send the last complete week, month or quarter (Mondays, the 1st, the first day of a quarter, between 09:00 and 10:00: Apps Script picks the minute).',
    ].join('\n'),
  },
  options: { at: { type: 'string' } },
  positionals: [{ name: 'KIND', required: true }],
  async run(ctx) {
    const kind = ctx.positionals[0]!;
    if (!(KINDS as readonly string[]).includes(kind)) throw usageError('report', 'badReportKind', { value: kind });
    const { runtime, state } = openRuntime(ctx.stateDir);
    if (ctx.values.at !== undefined) {
      const to = readTime('report', ctx.values.at, state.timeZone);
      if (to < state.clock) {
        throw usageError('report', 'clockBackwards', { now: formatTime(state.clock, state.timeZone), to: formatTime(to, state.timeZone) });
      }
      runtime.advanceClockTo(to);
    }
    const result = runtime.run('reportNow', [kind]);
    await saveSession(ctx.stateDir, runtime);
    if (!result.ok) {
      ctx.err(ctx.t('reportFailed', { error: result.error ?? '' }));
      return 1;
    }
    const report = result.value as { outcome: string; message: string } & Record<string, unknown>;
    const { message, ...line } = report;
    ctx.out(JSON.stringify(line));
    ctx.err(message);
    return report.outcome === 'mailFailed' ? 1 : 0;
  },
});
