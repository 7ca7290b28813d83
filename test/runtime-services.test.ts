/**
 * The small emulated services: Utilities, MailApp, PropertiesService,
 * LockService, CacheService, Session, HtmlService, ContentService, Logger.
 */
import { createHash, createHmac } from 'node:crypto';
import { Env } from '../local/runtime/env';
import { Faults, Meter } from '../local/runtime/meter';
import { newState } from '../local/runtime/state';
import { UtilitiesEmu } from '../local/runtime/utilities';
import { MailAppEmu } from '../local/runtime/mail';
import { PropertiesServiceEmu } from '../local/runtime/properties';
import { LockServiceEmu } from '../local/runtime/lock';
import { CacheServiceEmu } from '../local/runtime/cache';
import { SessionEmu } from '../local/runtime/session';
import { HtmlServiceEmu } from '../local/runtime/html';
import { ContentServiceEmu } from '../local/runtime/content';
import { ConsoleEmu, LoggerEmu } from '../local/runtime/logger';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');

/** An English-speaking owner's world: these tests pin Google's English texts (the Chinese ones have their own). */
function setup(opts: { mailDailyLimit?: number; clock?: number; accounts?: 'workspace' | 'consumer'; language?: 'en' | 'zh-CN' } = {}) {
  const faults = new Faults();
  const meter = new Meter(faults);
  const env = new Env(
    newState({ clock: opts.clock ?? T0, seed: 'services', mailDailyLimit: opts.mailDailyLimit, accounts: opts.accounts, language: opts.language ?? 'en' }),
    meter,
  );
  return { env, faults, meter, state: env.state };
}

/** Node's bytes as Apps Script's signed bytes. */
function signed(buf: Buffer): number[] {
  return [...buf].map((b) => (b > 127 ? b - 256 : b));
}

describe('Utilities', () => {
  it('formats a date in the zone asked for, not the host’s', () => {
    const u = new UtilitiesEmu(setup().env);
    const d = new Date('2026-12-31T20:30:00Z');
    expect(u.formatDate(d, 'Asia/Shanghai', 'yyyy-MM-dd HH:mm')).toBe('2027-01-01 04:30');
    expect(u.formatDate(d, 'UTC', 'yyyy-MM-dd HH:mm')).toBe('2026-12-31 20:30');
    expect(() => u.formatDate('2026-01-01' as unknown as Date, 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  it('returns SHA-256 digests and HMACs as signed bytes equal to Node’s', () => {
    const u = new UtilitiesEmu(setup().env);
    const digest = u.computeDigest(u.DigestAlgorithm.SHA_256, '客户 13800138000', u.Charset.UTF_8);
    expect(digest).toEqual(signed(createHash('sha256').update('客户 13800138000', 'utf8').digest()));
    // Without a charset a string is US-ASCII, as on Google (live-verified): each Chinese character hashes as '?'.
    expect(u.computeDigest(u.DigestAlgorithm.SHA_256, '客户 13800138000')).toEqual(signed(createHash('sha256').update('?? 13800138000').digest()));
    expect(u.computeHmacSha256Signature('客户', 'k')).toEqual(signed(createHmac('sha256', 'k').update('??').digest()));
    expect(digest.some((b) => b < 0)).toBe(true);
    expect(digest.every((b) => b >= -128 && b <= 127)).toBe(true);

    const mac = u.computeHmacSha256Signature('13800138000', 'secret-key');
    expect(mac).toEqual(signed(createHmac('sha256', 'secret-key').update('13800138000').digest()));
    // Byte-array inputs (signed, as the bundle holds them) give the same result.
    const keyBytes = signed(Buffer.from('secret-key'));
    expect(u.computeHmacSignature(u.MacAlgorithm.HMAC_SHA_256, signed(Buffer.from('13800138000')), keyBytes)).toEqual(mac);
    expect(u.computeDigest(u.DigestAlgorithm.MD5, 'abc')).toEqual(signed(createHash('md5').update('abc').digest()));
  });

  it('round-trips UTF-8 text (Chinese, emoji) through base64 and blobs', () => {
    const u = new UtilitiesEmu(setup().env);
    const text = '张三的反馈 😀 ok';
    const encoded = u.base64Encode(text, u.Charset.UTF_8);
    expect(encoded).toBe(Buffer.from(text, 'utf8').toString('base64'));
    const bytes = u.base64Decode(encoded);
    expect(bytes.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(u.newBlob(bytes).getDataAsString()).toBe(text);
    // A blob made from text is text/plain; one made from bytes has no content type.
    expect(u.newBlob(text).getContentType()).toBe('text/plain');
    expect(u.newBlob(bytes).getContentType()).toBeNull();
    expect(u.newBlob(text, 'text/plain', 'a.txt').getBytes()).toEqual(bytes);

    const webSafe = u.base64EncodeWebSafe(bytes);
    expect(webSafe).not.toMatch(/[+/]/);
    expect(u.base64DecodeWebSafe(webSafe)).toEqual(bytes);
    expect(() => u.base64Decode('not base64!')).toThrow('Could not decode string.');
  });

  it('keeps blob names and content types, and copies blobs', () => {
    const u = new UtilitiesEmu(setup().env);
    const blob = u.newBlob('a,b', 'text/csv', 'x.csv');
    const copy = blob.copyBlob().setName('y.csv').setDataFromString('c,d');
    expect([blob.getName(), blob.getContentType(), blob.getDataAsString()]).toEqual(['x.csv', 'text/csv', 'a,b']);
    expect([copy.getName(), copy.getDataAsString()]).toEqual(['y.csv', 'c,d']);
  });

  it('sleeps on the emulated clock and gives deterministic UUIDs', () => {
    const { env, state } = setup();
    const u = new UtilitiesEmu(env);
    u.sleep(1500);
    expect(state.clock).toBe(T0 + 1500);
    const id = u.getUuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new UtilitiesEmu(setup().env).getUuid()).toBe(id);
  });

  it('parses CSV with quotes, embedded delimiters and line breaks', () => {
    const u = new UtilitiesEmu(setup().env);
    expect(u.parseCsv('姓名,备注\r\n"王五","说 ""你好"", 再见"\n李四,"两\n行"\n')).toEqual([
      ['姓名', '备注'],
      ['王五', '说 "你好", 再见'],
      ['李四', '两\n行'],
    ]);
    expect(u.parseCsv('a\tb', '\t')).toEqual([['a', 'b']]);
  });
});

describe('MailApp', () => {
  it('charges one quota unit per recipient and records the mail', () => {
    const { env, state } = setup({ mailDailyLimit: 5 });
    const mail = new MailAppEmu(env);
    mail.sendEmail({ to: 'a@example.com, b@example.com', cc: 'c@example.com', subject: '周报', body: '正文', htmlBody: '<p>正文</p>', name: '客户管理' });
    expect(mail.getRemainingDailyQuota()).toBe(2);
    expect(state.mail.sent).toHaveLength(1);
    expect(state.mail.sent[0]).toMatchObject({ to: 'a@example.com, b@example.com', cc: 'c@example.com', from: state.owner, at: T0, subject: '周报', htmlBody: '<p>正文</p>' });
  });

  it('refuses a mail that would exceed the quota, sends nothing, and renews 24 hours after the first request', () => {
    const { env, state } = setup({ mailDailyLimit: 2, clock: Date.parse('2026-11-23T23:30:00+08:00') });
    const mail = new MailAppEmu(env);
    mail.sendEmail('a@example.com', 's', 'b');
    expect(() => mail.sendEmail('x@example.com', 's', 'b', { cc: 'y@example.com' })).toThrow(
      'Exception: Service invoked too many times for one day: email.',
    );
    expect(state.mail.sent).toHaveLength(1);
    expect(mail.getRemainingDailyQuota()).toBe(1);

    state.clock += 60 * 60 * 1000; // a new day in Shanghai (and in Pacific time), but not 24 hours on
    expect(mail.getRemainingDailyQuota()).toBe(1);
    state.clock += 23 * 60 * 60 * 1000;
    expect(mail.getRemainingDailyQuota()).toBe(2);
    mail.sendEmail('x@example.com', 's', 'b', { cc: 'y@example.com' });
    expect(state.mail.sent).toHaveLength(2);
  });

  it('counts recipients per sender: 100 a day for a consumer account, 1,500 for Workspace; each user has their own', () => {
    const consumer = setup({ accounts: 'consumer' });
    expect(new MailAppEmu(consumer.env).getRemainingDailyQuota()).toBe(100);
    const { env, state } = setup();
    const mail = new MailAppEmu(env);
    expect(mail.getRemainingDailyQuota()).toBe(1500);
    mail.sendEmail({ to: 'a@example.com, b@example.com', subject: 's', body: 'b' });
    expect(mail.getRemainingDailyQuota()).toBe(1498);
    env.execution = env.newExecution('trigger', '', 'FULL', 'staff@example.com');
    expect(mail.getRemainingDailyQuota()).toBe(1500);
    mail.sendEmail('c@example.com', 's', 'b');
    expect(state.mail.sent.at(-1)!.from).toBe('staff@example.com');
    env.execution = env.newExecution('menu', state.owner, 'FULL', state.owner);
    expect(mail.getRemainingDailyQuota()).toBe(1498);
  });

  it('rejects an invalid address without sending', () => {
    const { env, state } = setup();
    const mail = new MailAppEmu(env);
    expect(() => mail.sendEmail({ to: 'ok@example.com', bcc: 'not-an-address', subject: 's', body: 'b' })).toThrow('Exception: Invalid email: not-an-address');
    expect(state.mail.sent).toHaveLength(0);
    expect(mail.getRemainingDailyQuota()).toBe(1500);
  });

  it('reads four strings as (to, replyTo, subject, body)', () => {
    const { env, state } = setup();
    new MailAppEmu(env).sendEmail('a@example.com', 'reply@example.com', '主题', '内容');
    expect(state.mail.sent[0]).toMatchObject({ to: 'a@example.com', replyTo: 'reply@example.com', subject: '主题', body: '内容' });
  });
});

describe('PropertiesService', () => {
  it('stores strings per scope and per user', () => {
    const { env, state } = setup();
    const ps = new PropertiesServiceEmu(env);
    const script = ps.getScriptProperties();
    script.setProperty('count', 42 as unknown as string).setProperties({ a: '1', b: '2' });
    expect(script.getProperty('count')).toBe('42');
    expect(script.getKeys()).toEqual(['count', 'a', 'b']);
    expect(ps.getDocumentProperties().getProperty('count')).toBeNull();
    script.setProperties({ only: 'x' }, true);
    expect(script.getProperties()).toEqual({ only: 'x' });
    script.deleteProperty('only');
    expect(script.getKeys()).toEqual([]);

    ps.getUserProperties().setProperty('lang', 'en');
    env.execution = env.newExecution('other', 'staff@example.com', 'FULL');
    expect(ps.getUserProperties().getProperty('lang')).toBeNull();
    expect(state.properties.user[state.owner]).toEqual({ lang: 'en' });
  });

  it('refuses a value over 9 KB and a store over 500 KB, changing nothing', () => {
    const { env } = setup();
    const props = new PropertiesServiceEmu(env).getScriptProperties();
    props.setProperty('k', 'v');
    expect(() => props.setProperty('k', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    expect(props.getProperty('k')).toBe('v');
    const big: Record<string, string> = {};
    for (let i = 0; i < 60; i++) big[`key${i}`] = 'y'.repeat(9000);
    expect(() => props.setProperties(big)).toThrow('You have exceeded the property storage quota');
    expect(props.getKeys()).toEqual(['k']);
  });

  it('counts calls and lets a test inject a fault into one method', () => {
    const { env, faults, meter } = setup();
    const props = new PropertiesServiceEmu(env).getScriptProperties();
    props.setProperty('a', '1');
    faults.failCall('Properties.setProperty', 1, { message: 'Exception: 服务暂时不可用' });
    expect(() => props.setProperty('a', '2')).toThrow('Exception: 服务暂时不可用');
    expect(props.getProperty('a')).toBe('1');
    props.setProperty('a', '3');
    expect(props.getProperty('a')).toBe('3');
    const snap = meter.snapshot();
    expect(snap.calls['Properties.setProperty']).toBe(3);
    expect(snap.calls['Properties.getProperty']).toBe(2);
    expect(snap.byService['Properties']).toBe(6);
  });
});

describe('LockService', () => {
  it('a negative timeout never obtains the lock: tryLock(-1) is false and waitLock(-1) throws, even when it is free', () => {
    const { env } = setup();
    const locks = new LockServiceEmu(env);
    expect(locks.getScriptLock().tryLock(-1)).toBe(false);
    expect(() => locks.getScriptLock().waitLock(-1)).toThrow(/Lock timeout/);
    expect(locks.getScriptLock().tryLock(0)).toBe(true);
  });

  it('lets the holding execution re-acquire and blocks another until it ends', () => {
    const { env, state } = setup();
    const locks = new LockServiceEmu(env);
    const first = env.newExecution('first', state.owner, 'FULL');
    const second = env.newExecution('second', '', 'FULL');

    env.execution = first;
    const lock = locks.getScriptLock();
    expect(lock.tryLock(1000)).toBe(true);
    expect(locks.getScriptLock().tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);

    env.execution = second;
    const before = state.clock;
    expect(locks.getScriptLock().tryLock(5000)).toBe(false);
    // The wait and tryLock's own 30 ms pass on the execution's clock (getScriptLock is a builder: 0 ms).
    expect(state.clock).toBe(before + 5000 + 30);
    expect(() => locks.getScriptLock().waitLock(1000)).toThrow('Exception: Lock timeout: another process was holding the lock for too long.');
    expect(locks.getDocumentLock().tryLock(10)).toBe(true);

    locks.releaseAll(first);
    expect(locks.getScriptLock().tryLock(10)).toBe(true);
  });

  it('releases on releaseLock', () => {
    const { env } = setup();
    const locks = new LockServiceEmu(env);
    const lock = locks.getScriptLock();
    lock.waitLock(100);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
    env.execution = env.newExecution('next', '', 'FULL');
    expect(locks.getScriptLock().tryLock(10)).toBe(true);
  });

  it('fails every acquisition when the lockTimeout fault is set', () => {
    const { env, faults } = setup();
    const locks = new LockServiceEmu(env);
    faults.lockTimeout = true;
    expect(locks.getScriptLock().tryLock(10)).toBe(false);
    expect(() => locks.getUserLock().waitLock(10)).toThrow(/Lock timeout/);
    faults.lockTimeout = false;
    expect(locks.getScriptLock().tryLock(10)).toBe(true);
  });
});

describe('CacheService', () => {
  it('expires entries by the emulated clock', () => {
    const { env, state } = setup();
    const cache = new CacheServiceEmu(env).getScriptCache();
    cache.put('short', 'a', 60);
    cache.put('default', 'b');
    state.clock += 59_000;
    expect(cache.getAll(['short', 'default', 'missing'])).toEqual({ short: 'a', default: 'b' });
    state.clock += 1_000;
    expect(cache.get('short')).toBeNull();
    state.clock += 540_000;
    expect(cache.get('default')).toBeNull();
  });

  it('keeps scopes apart and enforces key and value sizes', () => {
    const { env } = setup();
    const cs = new CacheServiceEmu(env);
    cs.getScriptCache().putAll({ k: 'script' });
    cs.getUserCache().put('k', 'user');
    expect(cs.getScriptCache().get('k')).toBe('script');
    expect(cs.getDocumentCache().get('k')).toBeNull();
    cs.getScriptCache().removeAll(['k']);
    expect(cs.getUserCache().get('k')).toBe('user');
    expect(() => cs.getScriptCache().put('k'.repeat(251), 'v')).toThrow(/Argument too large: key/);
    expect(() => cs.getScriptCache().put('k', 'v'.repeat(100 * 1024 + 1))).toThrow(/Argument too large: value/);
  });
});

describe('Session', () => {
  it('reports the active user ("" when hidden), the effective user and the script time zone', () => {
    const { env, state } = setup();
    const session = new SessionEmu(env);
    expect(session.getActiveUser().getEmail()).toBe(state.owner);
    env.execution = env.newExecution('onFormSubmit', '', 'FULL');
    expect(session.getActiveUser().getEmail()).toBe('');
    expect(session.getEffectiveUser().getEmail()).toBe(state.owner);
    expect(session.getScriptTimeZone()).toBe('Asia/Shanghai');
    expect(session.getTemporaryActiveUserKey()).toBe(session.getTemporaryActiveUserKey());
  });
});

describe('HtmlService and ContentService', () => {
  it('serves project HTML files and escapes untrusted text', () => {
    const html = new HtmlServiceEmu(setup().env);
    html.htmlFiles = { Sidebar: '<h1>客户</h1>' };
    const out = html.createHtmlOutputFromFile('Sidebar').setTitle('审核').setWidth(300).appendUntrusted('<script>"x"</script>');
    expect(out.getContent()).toBe('<h1>客户</h1>&lt;script&gt;&quot;x&quot;&lt;/script&gt;');
    expect([out.getTitle(), out.getWidth()]).toEqual(['审核', 300]);
    expect(() => html.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
    expect(html.createHtmlOutput('<b>x</b>').append('y').getContent()).toBe('<b>x</b>y');
  });

  it('builds text outputs with a MIME type', () => {
    const content = new ContentServiceEmu(setup().env);
    const out = content.createTextOutput('{"ok":').append('true}').setMimeType(content.MimeType.JSON);
    expect(out.getContent()).toBe('{"ok":true}');
    expect(out.getMimeType()).toBe(content.MimeType.JSON);
    expect(content.createTextOutput().getMimeType()).toBe(content.MimeType.TEXT);
  });
});

describe('Logger and console', () => {
  it('formats messages into the state’s log and the execution’s getLog', () => {
    const { env, state } = setup();
    const logger = new LoggerEmu(env);
    logger.log('工单 %s 优先级 %s', 'T20261123001', '高');
    logger.log({ a: 1 });
    expect(logger.getLog()).toBe('工单 T20261123001 优先级 高\n{"a":1}\n');
    new ConsoleEmu(env).error('失败:', 'quota');
    expect(state.logs.map((l) => [l.level, l.message])).toEqual([
      ['INFO', '工单 T20261123001 优先级 高'],
      ['INFO', '{"a":1}'],
      ['ERROR', '失败: quota'],
    ]);
    env.execution = env.newExecution('next', '', 'FULL');
    expect(logger.getLog()).toBe('');
  });
});
