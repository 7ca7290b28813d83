/**
 * UrlFetchApp in the Runtime, on a small script of its own: requests reach the
 * host-side endpoints (rt.remote) and are kept as sent in state.http.outbox;
 * Google's scope, quota, limits, failure exceptions, DNS errors and deadline
 * hold; faults come from the call plan and from the endpoints; the outbox and
 * the declarative endpoints survive the state file; the CLI lists the outbox.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Runtime } from '../local/runtime/runtime';
import { newState, type NewStateOptions, type RuntimeState } from '../local/runtime/state';
import { loadState, saveState, stateFilePath } from '../local/persist/state-file';
import { startRuntime } from '../local/cli/session';
import { main } from '../local/cli/main';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const HOUR = 3_600_000;
const OWNER = 'admin@example.com';
const ROBOT = 'https://oapi.dingtalk.com/robot/send?access_token=t0k3n';
const SCOPE = 'https://www.googleapis.com/auth/script.external_request';
const ROOT = path.resolve(__dirname, '..');

const SCRIPT = `
function attempt(fn) {
  try { return fn(); } catch (e) { return { error: e.message }; }
}
function fetchOne(url, params) {
  return attempt(function () {
    var t0 = Date.now();
    var r = params === undefined ? UrlFetchApp.fetch(url) : UrlFetchApp.fetch(url, params);
    return { code: r.getResponseCode(), text: r.getContentText(), headers: r.getAllHeaders(), waited: Date.now() - t0 };
  });
}
function timed(url, params) {
  var t0 = Date.now();
  var out = fetchOne(url, params);
  out.elapsed = Date.now() - t0;
  return out;
}
function fetchMany(requests) {
  return attempt(function () {
    var t0 = Date.now();
    var codes = UrlFetchApp.fetchAll(requests).map(function (r) { return r.getResponseCode(); });
    return { codes: codes, waited: Date.now() - t0 };
  });
}
function postJson(url, body) {
  return fetchOne(url, { method: 'post', contentType: 'application/json', payload: JSON.stringify(body) });
}
function lookUp(url, params) {
  return UrlFetchApp.getRequest(url, params);
}
function blobOf(url) {
  var b = UrlFetchApp.fetch(url).getBlob();
  return [b.getContentType(), b.getDataAsString()];
}
function again(url, n) {
  for (var i = 0; i < n; i++) UrlFetchApp.fetch(url);
  return 'done';
}
function installNotifier() {
  ScriptApp.newTrigger('notify').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
}
function notify(e) {
  UrlFetchApp.fetch('${ROBOT}', { method: 'post', contentType: 'application/json', payload: '{"msgtype":"text"}' });
}
function onEdit(e) {
  UrlFetchApp.fetch('${ROBOT}');
}
`;

function runtime(opts: Partial<NewStateOptions> = {}, state?: RuntimeState): Runtime {
  const rt = new Runtime(state ?? newState({ clock: T0, seed: 'fetch', language: 'en', ...opts }));
  rt.load(SCRIPT);
  return rt;
}

type FetchResult = { code?: number; text?: string; headers?: Record<string, unknown>; waited?: number; elapsed?: number; error?: string };

function fetchOne(rt: Runtime, url: string, params?: Record<string, unknown>, user?: string): FetchResult {
  return rt.call('fetchOne', params === undefined ? [url] : [url, params], user ? { user } : {}) as FetchResult;
}

function fetchMany(rt: Runtime, requests: unknown[]): { codes?: number[]; waited?: number; error?: string } {
  return rt.call('fetchMany', [requests]) as { codes?: number[]; waited?: number; error?: string };
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-fetch-'));
}

describe('requests and the outbox', () => {
  it('sends what the script asked, adds Apps Script’s own headers, and keeps each request exactly as sent', () => {
    const rt = runtime();
    const seen: { method: string; payload: string; headers: Record<string, string> }[] = [];
    rt.remote.on('oapi.dingtalk.com', (req) => {
      seen.push({ method: req.method, payload: req.payload, headers: req.headers });
      return { code: 200, body: '{"errcode":0,"errmsg":"ok"}', headers: { 'Content-Type': 'application/json; charset=utf-8' } };
    });
    const body = { msgtype: 'text', text: { content: '新工单 T20261123001：张三 138****0000' } };
    const r = rt.call('postJson', [ROBOT, body]) as FetchResult;
    expect(r).toMatchObject({ code: 200, text: '{"errcode":0,"errmsg":"ok"}' });

    expect(seen).toHaveLength(1);
    expect(rt.remote.outbox).toHaveLength(1);
    const sent = rt.remote.outbox[0]!;
    expect(sent).toMatchObject({ at: T0 + 200, user: OWNER, method: 'POST', url: ROBOT, payload: JSON.stringify(body), code: 200 });
    expect(JSON.parse(sent.payload)).toEqual(body);
    expect(sent.headers['Content-Type']).toBe('application/json');
    // The default user agent names the script (URL Fetch service reference).
    expect(sent.headers['User-Agent']).toMatch(/^Mozilla\/5\.0 \(compatible; Google-Apps-Script; beanserver; \+https:\/\/script\.google\.com; id: 1[\w-]+\)$/);
    expect(seen[0]!.headers).toEqual(sent.headers);
  });

  it('form-encodes an object payload by default and the endpoint reads back the same fields', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 5 }), (fields) => {
        const rt = runtime();
        rt.remote.answer('sms.example.cn', { code: 200, body: 'OK' });
        const r = fetchOne(rt, 'https://sms.example.cn/send', { method: 'post', payload: fields });
        expect(r.code).toBe(200);
        const sent = rt.remote.outbox[0]!;
        expect(Object.keys(fields).length === 0 || sent.headers['Content-Type'] === 'application/x-www-form-urlencoded').toBe(true);
        expect(Object.fromEntries(new URLSearchParams(sent.payload))).toEqual(fields);
      }),
      { numRuns: 60 },
    );
  });

  it('escapes spaces and non-ASCII characters in the URL (escaping on by default), and the endpoint decodes them back', () => {
    // Text a person might search for: any characters but controls and those a URL's syntax or the quote refusal claims.
    const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/["<>\\^`{|}%#?&=+]/.test(s) && ![...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f'));
    fc.assert(
      fc.property(text, (value) => {
        const rt = runtime();
        let received = '';
        rt.remote.on('api.example.cn', (req) => {
          received = new URL(req.url).searchParams.get('q') ?? '';
          return { code: 200 };
        });
        expect(fetchOne(rt, `https://api.example.cn/search?q=${value}`).code).toBe(200);
        const url = rt.remote.outbox[0]!.url;
        expect(url).toMatch(/^[\x21-\x7e]*$/);
        expect(received).toBe(value);
      }),
      { numRuns: 80 },
    );
    // Escaping off: the URL goes as written, so a space in it is refused.
    const rt = runtime();
    rt.remote.answer('api.example.cn', { code: 200 });
    expect(fetchOne(rt, 'https://api.example.cn/search?q=a b', { escaping: false }).error).toBe('Exception: Invalid argument: https://api.example.cn/search?q=a b');
  });

  it('sends a GET without a body, reads headers, the content in a charset, and the body as a blob', () => {
    const rt = runtime();
    rt.remote.answer('api.example.cn', {
      code: 200,
      body: '{"名":"张三"}',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Set-Cookie': ['a=1', 'b=2'] },
    });
    const r = fetchOne(rt, 'https://api.example.cn/v1/user', { payload: 'ignored' });
    expect(r.text).toBe('{"名":"张三"}');
    expect(r.headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8', 'Set-Cookie': ['a=1', 'b=2'] });
    expect(rt.remote.outbox[0]).toMatchObject({ method: 'GET', payload: '' });
    expect(rt.remote.outbox[0]!.headers['Content-Type']).toBeUndefined();
    expect(rt.call('blobOf', ['https://api.example.cn/v1/user'])).toEqual(['application/json', '{"名":"张三"}']);
  });

  it('reads a reply in the charset its Content-Type names, or the one the script asks for', () => {
    const rt = runtime();
    // 成功 in GBK, as an older SMS gateway might answer.
    const gbk = Buffer.from('b3c9b9a6', 'hex').toString('base64');
    rt.remote.answer('https://sms.example.cn/declared', { code: 200, bodyBase64: gbk, headers: { 'Content-Type': 'text/plain; charset=GBK' } });
    rt.remote.answer('https://sms.example.cn/bare', { code: 200, bodyBase64: gbk, headers: { 'Content-Type': 'text/plain' } });
    expect(fetchOne(rt, 'https://sms.example.cn/declared').text).toBe('成功');
    rt.load(`${SCRIPT}
      function textIn(url, charset) { return attempt(function () { return UrlFetchApp.fetch(url).getContentText(charset); }); }`);
    expect(rt.call('textIn', ['https://sms.example.cn/bare', 'GBK'])).toBe('成功');
    expect(rt.call('textIn', ['https://sms.example.cn/bare', 'no-such-charset'])).toEqual({ error: 'Exception: Invalid argument: no-such-charset' });
  });

  it('records who the request ran as: the person at a menu, a trigger’s installer for its trigger', () => {
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 200, body: '{"errcode":0}' });
    fetchOne(rt, ROBOT, undefined, 'staff@example.com');
    rt.call('installNotifier');
    const edit = rt.editCell('Sheet1', 1, 1, '已联系客户', 'colleague@example.com');
    expect(edit.ok).toBe(true);
    expect(edit.runs.find((x) => x.handler === 'notify')?.ok).toBe(true);
    expect(rt.remote.outbox.map((r) => r.user)).toEqual(['staff@example.com', OWNER]);
  });

  it('gives the request getRequest would send without sending it or spending quota', () => {
    const rt = runtime();
    const req = rt.call('lookUp', ['https://api.example.cn/v1/x?q=中', { method: 'put', payload: 'a=1', headers: { 'X-Token': 'k' } }]) as Record<string, unknown>;
    expect(req).toMatchObject({ url: 'https://api.example.cn/v1/x?q=%E4%B8%AD', method: 'put', contentType: 'application/x-www-form-urlencoded', payload: 'a=1' });
    expect(req.headers).toMatchObject({ 'X-Token': 'k', 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(rt.remote.outbox).toHaveLength(0);
    expect(rt.state.usage[OWNER]?.urlFetchCalls ?? 0).toBe(0);
  });

  it('follows redirects unless told not to, recording every hop', () => {
    const rt = runtime();
    rt.remote.answer('https://api.example.cn/old', { code: 302, headers: { Location: 'https://api.example.cn/new' } });
    rt.remote.answer('https://api.example.cn/new', { code: 200, body: 'moved here' });
    expect(fetchOne(rt, 'https://api.example.cn/old', { method: 'post', payload: 'x=1' })).toMatchObject({ code: 200, text: 'moved here' });
    expect(rt.remote.outbox.map((r) => [r.method, r.url, r.code])).toEqual([
      ['POST', 'https://api.example.cn/old', 302],
      ['GET', 'https://api.example.cn/new', 200],
    ]);
    // Not followed, the 302 itself is the answer (it is not a failure).
    expect(fetchOne(rt, 'https://api.example.cn/old', { followRedirects: false })).toMatchObject({ code: 302 });
  });
});

describe('failure statuses', () => {
  const longBody = `{"errcode":310000,"errmsg":"keywords not in content, more: ${'详'.repeat(200)}"}`;

  it('throws Google’s exception for a 4xx or 5xx, naming the scheme and host and quoting 150 characters of the body', () => {
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 400, body: longBody });
    const r = fetchOne(rt, ROBOT, { method: 'post', payload: '{}' });
    expect(r.error).toBe(
      `Exception: Request failed for https://oapi.dingtalk.com returned code 400. Truncated server response: ${longBody.slice(0, 147)}... (use muteHttpExceptions option to examine full response)`,
    );
    rt.remote.answer('oapi.dingtalk.com', { code: 503, body: 'busy' });
    expect(fetchOne(rt, ROBOT).error).toBe(
      'Exception: Request failed for https://oapi.dingtalk.com returned code 503. Truncated server response: busy (use muteHttpExceptions option to examine full response)',
    );
    // Both requests were sent and got their status.
    expect(rt.remote.outbox.map((x) => x.code)).toEqual([400, 503]);
  });

  it('returns the response, full body and status, with muteHttpExceptions', () => {
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 400, body: longBody });
    expect(fetchOne(rt, ROBOT, { muteHttpExceptions: true })).toMatchObject({ code: 400, text: longBody });
  });

  it('words the exception in the owner’s language', () => {
    const rt = runtime({ language: 'zh-CN' });
    rt.remote.answer('oapi.dingtalk.com', { code: 404, body: 'no' });
    expect(fetchOne(rt, ROBOT).error).toBe('Exception: 对 https://oapi.dingtalk.com 的请求失败，返回代码 404。截断的服务器响应：no（使用 muteHttpExceptions 选项查看完整响应）');
  });
});

describe('addresses', () => {
  it('refuses an invalid URL or a scheme other than http and https before sending anything', () => {
    const rt = runtime();
    for (const url of ['ftp://files.example.cn/a.csv', 'oapi.dingtalk.com/robot/send', 'https://', 'https://api.example.cn/?in=("a","b")']) {
      expect(fetchOne(rt, url).error).toBe(`Exception: Invalid argument: ${url}`);
    }
    expect(fetchOne(rt, 'https://api.example.cn/', { method: 'head' }).error).toBe('Exception: Invalid argument: method');
    expect(rt.remote.outbox).toHaveLength(0);
  });

  it('throws a DNS error for a host nothing answers and for private addresses, even with a responder', () => {
    const rt = runtime();
    expect(fetchOne(rt, 'https://no-such-host.example.cn/x').error).toBe('Exception: DNS error: https://no-such-host.example.cn/x');
    for (const host of ['localhost:8082', '127.0.0.1', '10.0.0.5', '192.168.1.20', '[::1]']) {
      rt.remote.on(host.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''), () => ({ code: 200 }));
      expect(fetchOne(rt, `http://${host}/hook`).error).toBe(`Exception: DNS error: http://${host}/hook`);
    }
    // The attempts left Google (they spent quota) but got no answer.
    expect(rt.remote.outbox.map((x) => [x.code, x.error])).toEqual(Array(6).fill([undefined, 'dns']));
  });

  it('a URL prefix responder wins over its host’s', () => {
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 200, body: 'host' });
    rt.remote.answer('https://oapi.dingtalk.com/robot/', { code: 200, body: 'prefix' });
    expect(fetchOne(rt, ROBOT).text).toBe('prefix');
    expect(fetchOne(rt, 'https://oapi.dingtalk.com/gettoken').text).toBe('host');
  });
});

describe('limits per call (quotas page)', () => {
  it('refuses a URL over 2 KB', () => {
    const rt = runtime();
    rt.remote.answer('api.example.cn', { code: 200 });
    const base = 'https://api.example.cn/?ids=';
    expect(fetchOne(rt, base + '1'.repeat(2048 - base.length)).code).toBe(200);
    expect(fetchOne(rt, base + '1'.repeat(2049 - base.length)).error).toBe('Exception: Limit Exceeded: URLFetch URL Length.');
    // Escaping counts: 中 becomes 9 characters.
    expect(fetchOne(rt, base + '中'.repeat(228)).error).toBe('Exception: Limit Exceeded: URLFetch URL Length.');
    expect(rt.remote.outbox).toHaveLength(1);
  });

  it('refuses more than 100 headers or more than 8 KB of them', () => {
    const rt = runtime();
    rt.remote.answer('api.example.cn', { code: 200 });
    const many = (n: number, size = 1) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`X-H${i}`, 'v'.repeat(size)]));
    expect(fetchOne(rt, 'https://api.example.cn/', { headers: many(100) }).code).toBe(200);
    expect(fetchOne(rt, 'https://api.example.cn/', { headers: many(101) }).error).toBe('Exception: Limit Exceeded: URLFetch Headers.');
    expect(fetchOne(rt, 'https://api.example.cn/', { headers: { Authorization: 'v'.repeat(8 * 1024) } }).error).toBe('Exception: Limit Exceeded: URLFetch Header Size.');
  });

  it('refuses a payload over 50 MB and a response over 50 MB', () => {
    const rt = runtime();
    rt.remote.answer('api.example.cn', { code: 200, body: 'ok' });
    rt.load(`${SCRIPT}
      function big(n) { return attempt(function () { return UrlFetchApp.fetch('https://api.example.cn/up', { method: 'post', payload: new Array(n + 1).join('x') }).getResponseCode(); }); }`);
    expect(rt.call('big', [50 * 1024 * 1024])).toBe(200);
    expect(rt.call('big', [50 * 1024 * 1024 + 1])).toEqual({ error: 'Exception: Limit Exceeded: URLFetch POST Size.' });
    rt.remote.answer('api.example.cn', { code: 200, body: 'x'.repeat(50 * 1024 * 1024 + 1) });
    expect(fetchOne(rt, 'https://api.example.cn/down').error).toBe('Exception: Limit Exceeded: URLFetch Response Size.');
  });
});

describe('the daily URL Fetch quota', () => {
  function spent(rt: Runtime, user: string, calls: number): void {
    rt.state.usage[user] = { since: rt.state.clock, mailRecipients: 0, triggerRuntimeMs: 0, urlFetchCalls: calls };
  }

  it('gives a consumer account 20,000 calls a day, each request of a fetchAll one of them, renewed 24 hours after the first', () => {
    const rt = runtime({ accounts: 'consumer' });
    rt.remote.answer('api.example.cn', { code: 200 });
    spent(rt, OWNER, 19_998);
    expect(fetchMany(rt, ['https://api.example.cn/a', 'https://api.example.cn/b']).codes).toEqual([200, 200]);
    expect(fetchOne(rt, 'https://api.example.cn/c').error).toBe('Exception: Service invoked too many times for one day: urlfetch.');
    expect(rt.remote.outbox).toHaveLength(2);
    // Another user's quota is their own.
    expect(fetchOne(rt, 'https://api.example.cn/d', undefined, 'staff@example.com').code).toBe(200);
    rt.advanceClockTo(T0 + 24 * HOUR);
    expect(fetchOne(rt, 'https://api.example.cn/e').code).toBe(200);
  });

  it('gives a Workspace account 100,000, and refuses a fetchAll that would pass it whole', () => {
    const rt = runtime({ accounts: 'workspace' });
    rt.remote.answer('api.example.cn', { code: 200 });
    spent(rt, OWNER, 99_999);
    expect(fetchMany(rt, ['https://api.example.cn/a', 'https://api.example.cn/b']).error).toBe('Exception: Service invoked too many times for one day: urlfetch.');
    expect(rt.remote.outbox).toHaveLength(0);
    expect(fetchOne(rt, 'https://api.example.cn/a').code).toBe(200);
    expect(fetchOne(rt, 'https://api.example.cn/b').error).toBe('Exception: Service invoked too many times for one day: urlfetch.');
  });

  it('counts per user in a state that started before URL Fetch was counted', () => {
    const rt = runtime({ accounts: 'consumer' });
    rt.state.usage[OWNER] = { since: T0, mailRecipients: 3, triggerRuntimeMs: 0 };
    rt.remote.answer('api.example.cn', { code: 200 });
    expect(fetchOne(rt, 'https://api.example.cn/a').code).toBe(200);
    expect(rt.state.usage[OWNER]).toEqual({ since: T0, mailRecipients: 3, triggerRuntimeMs: 0, urlFetchCalls: 1 });
  });
});

describe('the scope and the manifest', () => {
  const refusal = (method: string) => `Exception: You do not have permission to call ${method}. Required permissions: ${SCOPE}`;

  it('refuses every UrlFetchApp call under a manifest that lists its scopes without external_request', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
    // As the CLI and the end-to-end tests start it (the built bundle with its manifest), here running the small script.
    const rt = startRuntime(newState({ clock: T0, seed: 'fetch', language: 'en' }));
    rt.load(SCRIPT);
    rt.setManifest({ ...manifest, oauthScopes: manifest.oauthScopes.filter((s) => s !== SCOPE) });
    rt.remote.answer('oapi.dingtalk.com', { code: 200 });
    expect(fetchOne(rt, ROBOT).error).toBe(refusal('UrlFetchApp.fetch'));
    expect(fetchMany(rt, [ROBOT]).error).toBe(refusal('UrlFetchApp.fetchAll'));
    expect(() => rt.call('lookUp', [ROBOT])).toThrow(refusal('UrlFetchApp.getRequest'));
    expect(rt.remote.outbox).toHaveLength(0);
  });

  it('fetches under the product\'s manifest, which lists the scope for its team-chat robots, and under one without explicit scopes', () => {
    const current = JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
    expect(current.oauthScopes).toContain(SCOPE);
    const started = startRuntime(newState({ clock: T0, seed: 'fetch', language: 'en' }));
    started.load(SCRIPT);
    started.remote.answer('oapi.dingtalk.com', { code: 200 });
    expect(fetchOne(started, ROBOT).code).toBe(200);
    for (const manifest of [current, { timeZone: 'Asia/Shanghai' }]) {
      const rt = runtime();
      rt.setManifest(manifest);
      rt.remote.answer('oapi.dingtalk.com', { code: 200 });
      expect(fetchOne(rt, ROBOT).code).toBe(200);
    }
  });

  it('refuses a simple trigger (onEdit), which cannot use a service that needs authorisation', () => {
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 200 });
    const edit = rt.editCell('Sheet1', 1, 1, 'x', OWNER);
    expect(edit.runs.find((r) => r.handler === 'onEdit')?.error).toBe(refusal('UrlFetchApp.fetch'));
    expect(rt.remote.outbox).toHaveLength(0);
  });
});

describe('time', () => {
  it('waits synchronously: the execution’s clock moves on by Google’s share and the endpoint’s latency', () => {
    const rt = runtime();
    rt.remote.answer('api.example.cn', { code: 200, latencyMs: 2_500 });
    const r = rt.call('timed', ['https://api.example.cn/slow']) as FetchResult;
    expect(r.code).toBe(200);
    expect(r.waited).toBe(2_700);
    expect(rt.state.clock).toBe(T0 + 2_700);
  });

  it('a fetchAll waits for its slowest request, not the sum', () => {
    const rt = runtime();
    rt.remote.answer('https://api.example.cn/a', { code: 200, latencyMs: 3_000 });
    rt.remote.answer('https://api.example.cn/b', { code: 200, latencyMs: 1_000 });
    expect(fetchMany(rt, ['https://api.example.cn/a', 'https://api.example.cn/b'])).toEqual({ codes: [200, 200], waited: 3_200 });
  });

  it('throws Timeout when the endpoint takes longer than the fetch deadline (about a minute), after that minute', () => {
    const rt = runtime();
    rt.remote.answer('api.example.cn', { code: 200, latencyMs: 59_000 });
    expect(rt.call('timed', ['https://api.example.cn/x'])).toMatchObject({ code: 200, elapsed: 59_200 });
    rt.remote.latency('api.example.cn', 61_000);
    expect(rt.call('timed', ['https://api.example.cn/x'])).toEqual({ error: 'Exception: Timeout: https://api.example.cn/x', elapsed: 60_200 });
    expect(rt.remote.outbox.map((x) => [x.code, x.error])).toEqual([
      [200, undefined],
      [undefined, 'timeout'],
    ]);
  });

  it('is bounded by the execution’s 6 minutes: slow endpoints stop the execution', () => {
    const rt = runtime();
    rt.remote.answer('api.example.cn', { code: 200, latencyMs: 50_000 });
    const r = rt.run('again', ['https://api.example.cn/x', 10]);
    expect(r.ok).toBe(false);
    expect(r.error).toBe('Exception: Exceeded maximum execution time');
    // Seven fetches fit in 6 minutes; the eighth ran past it.
    expect(rt.remote.outbox).toHaveLength(8);
  });
});

describe('faults', () => {
  it('the call plan makes the nth fetch throw, and that call sends nothing', () => {
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 200 });
    rt.faults.failCall('UrlFetchApp.fetch', 2);
    expect(fetchOne(rt, ROBOT).code).toBe(200);
    expect(fetchOne(rt, ROBOT).error).toBe('Exception: Service error: UrlFetchApp.fetch failed (injected fault)');
    expect(fetchOne(rt, ROBOT).code).toBe(200);
    expect(rt.remote.outbox).toHaveLength(2);
  });

  it('an endpoint fails n times with 503, then answers', () => {
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 200, body: '{"errcode":0}' });
    rt.remote.failNext('oapi.dingtalk.com', 2);
    const codes = [1, 2, 3].map(() => fetchOne(rt, ROBOT, { muteHttpExceptions: true }).code);
    expect(codes).toEqual([503, 503, 200]);
  });

  it('an outage lasts until its end, then the endpoint answers again', () => {
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 200 });
    rt.remote.outage('oapi.dingtalk.com', T0 + HOUR, { code: 502, body: 'Bad Gateway' });
    expect(fetchOne(rt, ROBOT).error).toMatch(/^Exception: Request failed for https:\/\/oapi\.dingtalk\.com returned code 502\./);
    rt.advanceClockTo(T0 + HOUR);
    expect(fetchOne(rt, ROBOT).code).toBe(200);
  });

  it('a connection reset, a timeout, a 4xx and a bad certificate, as the script sees them', () => {
    const rt = runtime();
    rt.remote.on('https://api.example.cn/reset', () => ({ fault: 'reset' }));
    rt.remote.on('https://api.example.cn/hang', () => ({ fault: 'timeout' }));
    rt.remote.on('https://api.example.cn/deny', () => ({ code: 403, body: 'forbidden' }));
    rt.remote.on('https://api.example.cn/cert', () => ({ code: 200, invalidCertificate: true }));
    expect(fetchOne(rt, 'https://api.example.cn/reset').error).toBe('Exception: Address unavailable: https://api.example.cn/reset');
    expect(rt.call('timed', ['https://api.example.cn/hang'])).toMatchObject({ error: 'Exception: Timeout: https://api.example.cn/hang', elapsed: 60_200 });
    expect(fetchOne(rt, 'https://api.example.cn/deny', { muteHttpExceptions: true })).toMatchObject({ code: 403, text: 'forbidden' });
    expect(fetchOne(rt, 'https://api.example.cn/cert').error).toBe('Exception: SSL Error: https://api.example.cn/cert');
    expect(fetchOne(rt, 'https://api.example.cn/cert', { validateHttpsCertificates: false }).code).toBe(200);
  });

  it('a fetchAll sends every request, then throws for the first that failed', () => {
    const rt = runtime();
    rt.remote.answer('https://api.example.cn/ok', { code: 200 });
    rt.remote.answer('https://api.example.cn/gone', { code: 404, body: 'gone' });
    const r = fetchMany(rt, ['https://api.example.cn/ok', 'https://api.example.cn/gone', { url: 'https://nowhere.example.cn/' }]);
    expect(r.error).toMatch(/^Exception: Request failed for https:\/\/api\.example\.cn returned code 404\./);
    expect(rt.remote.outbox.map((x) => x.url)).toEqual(['https://api.example.cn/ok', 'https://api.example.cn/gone', 'https://nowhere.example.cn/']);
    const muted = fetchMany(rt, [
      { url: 'https://api.example.cn/ok', muteHttpExceptions: true },
      { url: 'https://api.example.cn/gone', muteHttpExceptions: true },
    ]);
    expect(muted.codes).toEqual([200, 404]);
  });
});

describe('the state file', () => {
  it('keeps the outbox and the declarative endpoints, plans included, from one session to the next', () => {
    const dir = tmpDir();
    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 200, body: '{"errcode":0}' });
    rt.remote.failNext('oapi.dingtalk.com', 2, { code: 503, body: 'busy' });
    expect(fetchOne(rt, ROBOT, { muteHttpExceptions: true }).code).toBe(503);
    saveState(dir, rt.state);

    const loaded = loadState(dir);
    expect(loaded.http).toEqual(rt.state.http);
    const next = runtime({}, loaded);
    expect([1, 2].map(() => fetchOne(next, ROBOT, { muteHttpExceptions: true }).code)).toEqual([503, 200]);
    expect(next.remote.outbox.map((x) => x.code)).toEqual([503, 503, 200]);
  });

  it('loads a state saved before UrlFetchApp was modelled, and refuses a damaged one', () => {
    const dir = tmpDir();
    const old = newState({ clock: T0, seed: 'fetch' });
    expect(old.http).toBeUndefined();
    saveState(dir, old);
    const loaded = loadState(dir);
    const rt = runtime({}, loaded);
    rt.remote.answer('api.example.cn', { code: 200 });
    expect(fetchOne(rt, 'https://api.example.cn/').code).toBe(200);

    fs.writeFileSync(stateFilePath(dir), JSON.stringify({ ...old, http: { outbox: {} } }));
    expect(() => loadState(dir)).toThrow(/http\.outbox/);
  });
});

describe('the CLI’s `http` command', () => {
  async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists the outbox read-only: a table, or JSON with what was sent', async () => {
    const dir = tmpDir();
    const empty = newState({ clock: T0, seed: 'fetch' });
    saveState(dir, empty);
    expect(await run('http', '--state', dir)).toEqual({ code: 0, out: '（UrlFetchApp 还没有发出过请求）', err: '' });

    const rt = runtime();
    rt.remote.answer('oapi.dingtalk.com', { code: 200 });
    rt.call('postJson', [ROBOT, { msgtype: 'text' }]);
    fetchOne(rt, 'https://nowhere.example.cn/');
    saveState(dir, rt.state);
    const before = fs.readFileSync(stateFilePath(dir), 'utf8');

    const table = await run('http', '--state', dir, '--lang', 'en');
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(/^time\s+user\s+method\s+url\s+status$/);
    expect(table.out).toMatch(/2026-11-23 10:00 +admin@example\.com +POST +https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=t0k3n +200/);
    expect(table.out).toMatch(/GET +https:\/\/nowhere\.example\.cn\/ +dns/);

    const json = await run('http', '--state', dir, '--json', '--last', '2');
    const records = JSON.parse(json.out) as Record<string, unknown>[];
    expect(records[0]).toEqual({
      time: '2026-11-23T10:00:00+08:00',
      user: OWNER,
      method: 'POST',
      url: ROBOT,
      headers: rt.remote.outbox[0]!.headers,
      payload: '{"msgtype":"text"}',
      code: 200,
      error: null,
    });
    expect(records[1]).toMatchObject({ url: 'https://nowhere.example.cn/', code: null, error: 'dns' });
    expect(JSON.parse((await run('http', '--state', dir, '--json', '--last', '1')).out)).toHaveLength(1);
    expect(fs.readFileSync(stateFilePath(dir), 'utf8')).toBe(before);
  });
});
