/** `http [--last N] [--json]`: UrlFetchApp's outbox — every request the add-on sent, as sent, and the status it got. */
import { RECENT_OPTIONS, defineCommand, listRecent } from '../command';
import { formatTime, isoTime } from '../format';
import { loadState } from '../../persist/state-file';

export const httpCommand = defineCommand({
  name: 'http',
  summary: {
    'zh-CN': '列出 UrlFetchApp 发出的请求：时间、用户、方法、网址、状态',
    en: "list UrlFetchApp's requests: time, user, method, URL, status",
  },
  usage: {
    'zh-CN': [
      '用法：npm run --silent cli -- http [--last N] [--json] [--state DIR]',
      '',
      '  --last N  只列出最近的 N 个请求',
      '  --json    输出对象数组：time（ISO 8601）、user（以谁的身份发出，计入谁的配额）、method、url、headers、',
      '            payload（请求体文本；不是 UTF-8 时为 base64，并有 payloadEncoding: "base64"）、',
      '            code（对方返回的状态码，没有回应时为 null）、error（没有回应的原因：dns、timeout、reset、certificate）',
    ].join('\n'),
    en: [
      'Usage: npm run --silent cli -- http [--last N] [--json] [--state DIR]',
      '',
      '  --last N  only the N most recent requests',
      '  --json    an array of objects: time (ISO 8601), user (who it ran as, whose quota it spent), method, url, headers,',
      '            payload (the body as text; base64 when not UTF-8, with payloadEncoding: "base64"),',
      '            code (the status the remote gave, null when none came), error (why none came: dns, timeout, reset, certificate)',
    ].join('\n'),
  },
  options: RECENT_OPTIONS,
  run(ctx) {
    const state = loadState(ctx.stateDir);
    const timeZone = state.timeZone;
    return listRecent(ctx, 'http', state.http?.outbox ?? [], {
      json: (r) => ({
        time: isoTime(r.at, timeZone),
        user: r.user,
        method: r.method,
        url: r.url,
        headers: r.headers,
        payload: r.payload,
        ...(r.payloadEncoding ? { payloadEncoding: r.payloadEncoding } : {}),
        code: r.code ?? null,
        error: r.error ?? null,
      }),
      empty: ctx.t('noHttp'),
      // The columns of a request, not of a sheet: named in the CLI's catalogue.
      header: ctx.t('httpHeader').split('|'),
      row: (r) => [formatTime(r.at, timeZone), r.user, r.method, r.url, r.code !== undefined ? String(r.code) : (r.error ?? '')],
    });
  },
});
