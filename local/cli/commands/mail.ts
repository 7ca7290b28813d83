/** `mail [--last N] [--json]`: the outbox — every email the add-on sent. */
import { HISTORY, MAIL_QUEUE } from '../../../src/sheets/schema';
import { RECENT_OPTIONS, defineCommand, listRecent } from '../command';
import { formatTime, isoTime } from '../format';
import { loadState } from '../../persist/state-file';

export const mailCommand = defineCommand({
  name: 'mail',
  summary: {
    'zh-CN': '列出发件箱：时间、收件人、主题',
    en: 'list the outbox: time, to, subject',
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- mail [--last N] [--json] [--state DIR]',
      '',
      '  --last N  只列出最近的 N 封',
      '  --json    输出对象数组：time（ISO 8601）、to、cc、subject、body（纯文本正文）、file（outbox/ 中的文件名）',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- mail [--last N] [--json] [--state DIR]',
      '',
      '  --last N  only the N most recent emails',
      '  --json    an array of objects: time (ISO 8601), to, cc, subject, body (plain text), file (its name in outbox/)',
    ].join('\n'),
  },
  options: RECENT_OPTIONS,
  run(ctx) {
    const state = loadState(ctx.stateDir);
    const timeZone = state.timeZone;
    return listRecent(ctx, 'mail', state.mail.sent, {
      json: (m) => ({ time: isoTime(m.at, timeZone), to: m.to, cc: m.cc, subject: m.subject, body: m.body, file: m.file ?? null }),
      empty: ctx.t('noMail'),
      header: ctx.lang === 'en' ? ['time', 'to', 'subject'] : [HISTORY.col.at, MAIL_QUEUE.col.to, MAIL_QUEUE.col.subject],
      row: (m) => [formatTime(m.at, timeZone), m.to, m.subject],
    });
  },
});
