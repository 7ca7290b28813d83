/**
 * 客户管理 › 短信设置 end to end, on the shipped bundle: only the owner
 * stores the SMS provider's key pair; it lands in script properties alone
 * (no cell of any sheet, no mail, no 历史 note holds it) and comes back
 * masked; each provider's shape is checked and the other provider's pair
 * refused, nothing stored on a refusal; saving sends what waited at once,
 * and 恢复发送, 清除待发短信 and 删除密钥 do what they say, each in 历史
 * without a key.
 */
import { HISTORY, OUTBOUND } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { getCell, lastColumn, lastRow } from '../local/runtime/sheet-data';
import { setConfigValue } from '../local/drive/config-view';
import type { SmsSettings } from '../src/contracts/sms';
import { T0, person, rows, submitOne, world } from './helpers/world';

const HOST = 'sms.tencentcloudapi.com';
const TENCENT = { id: 'AKIDu8jzPde0IgxLd6GncfBAepfJBd0Kh8oO', secret: 'OL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJ' };
const ALIYUN = { id: 'LTAI5tTeKdNnFRIBXuDL7Dxt', secret: 'pYlSXpfKtHF4vUCsMehGAkWvj7FAc9' };
const SENT = {
  code: 200,
  body: '{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+8613800138000","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}',
};
const AUTH_FAILURE = { code: 200, body: '{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"The SecretId is not found"},"RequestId":"b1"}}' };
const COLLEAGUE = 'sales1@example.com';

function config(rt: Runtime, key: string, value: string): void {
  expect(setConfigValue(rt.state, '短信', key, value)).toBe(true);
}

/** 腾讯云 named in 配置 › 短信, with a signature, an app ID and the acknowledgement's template; every customer is sent one. */
function tencentWorld(): Runtime {
  const rt = world();
  config(rt, '服务商', '腾讯云');
  config(rt, '签名', '示例科技');
  config(rt, '应用ID', '1400006666');
  config(rt, '受理模板', '1234567');
  config(rt, '发送对象', '邮件之外也发');
  rt.remote.answer(HOST, SENT);
  return rt;
}

const owner = (rt: Runtime) => rt.state.owner;
const run = (rt: Runtime, fn: string, args: unknown[] = [], user = owner(rt)) => rt.run(fn, args, { user });
const dialog = (rt: Runtime): SmsSettings => {
  const r = run(rt, 'smsSettings');
  expect(r.error).toBeUndefined();
  return r.value as SmsSettings;
};
const save = (rt: Runtime, provider: string, id: string, secret: string, user = owner(rt)) => run(rt, 'saveSmsSettings', [provider, id, secret], user);
const act = (rt: Runtime, provider: string, action: string, user = owner(rt)) => run(rt, 'smsSettingsAction', [provider, action], user);
const toTencent = (rt: Runtime) => rt.remote.outbox.filter((r) => new URL(r.url).hostname === HOST);
const settingsRows = (rt: Runtime) => rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.ticketNo] === '' && (h[HISTORY.col.action] === '短信设置变更' || h[HISTORY.col.action] === '清除待发短信'));
const storedSecret = (rt: Runtime) => rt.state.properties.script.SMS_SECRET;

/** Every cell of every sheet, and each sheet whole (notes, validation, formats), with none of these values. */
function expectInNoSheet(rt: Runtime, values: readonly string[]): void {
  for (const sheet of rt.state.spreadsheet.sheets) {
    const whole = JSON.stringify(sheet);
    for (let r = 1; r <= lastRow(sheet); r++) {
      for (let c = 1; c <= lastColumn(sheet); c++) {
        const cell = String(getCell(sheet, r, c) ?? '');
        for (const v of values) expect({ at: `${sheet.name}!${r},${c}`, has: cell.includes(v) }).toEqual({ at: `${sheet.name}!${r},${c}`, has: false });
      }
    }
    for (const v of values) expect({ sheet: sheet.name, has: whole.includes(v) }).toEqual({ sheet: sheet.name, has: false });
  }
}

describe('the owner stores a 腾讯云 key pair', () => {
  const rt = tencentWorld();
  const before = dialog(rt);
  const filed = submitOne(rt, person());
  const waiting = dialog(rt);
  const fetchedBefore = toTencent(rt).length;
  const queued = rows(rt, OUTBOUND.name).map((q) => [q[OUTBOUND.col.kind], q[OUTBOUND.col.target], q[OUTBOUND.col.state]]);
  const saved = save(rt, 'tencent', ` ${TENCENT.id} `, `${TENCENT.secret}\n`);
  const after = saved.value as SmsSettings;

  test('the dialog shows 配置 › 短信 as it will be used, and that nothing can go yet', () => {
    expect(before).toMatchObject({
      provider: 'tencent', providerName: '腾讯云短信', signName: '示例科技', appId: '1400006666', region: 'ap-guangzhou',
      templates: { ack: '1234567', progress: '', survey: '' }, mode: '邮件之外也发', missing: [], dailyCap: 100, today: 0,
      id: '', secret: '', storedFor: '', status: 'unset', waiting: 0, elsewhere: [], done: '',
    });
  });

  test('an SMS decided before the keys waits for them, counted against the day', () => {
    expect(filed.outcome).toBe('accepted');
    expect(fetchedBefore).toBe(0);
    expect(waiting).toMatchObject({ status: 'unset', waiting: 1, today: 1 });
    expect(queued).toEqual([['短信', 'tencent', '待发送']]);
  });

  test('saving sends what waited at once, signed with the pair, and says how many went', () => {
    expect(saved.error).toBeUndefined();
    expect(after.done).toBe('已保存腾讯云短信的密钥；发出等待的短信 1 条');
    const [request] = toTencent(rt);
    expect(request!.headers.Authorization).toContain(`Credential=${TENCENT.id}/`);
    expect(after).toMatchObject({ status: 'ok', waiting: 0, today: 1, id: 'AKID…h8oO', secret: '…mxgJ' });
    const ticketNo = String(filed.ticket_no);
    expect(rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.ticketNo] === ticketNo && String(h[HISTORY.col.action]).startsWith('短信')).map((h) => h[HISTORY.col.action]))
      .toEqual(['短信已排队', '短信已发送']);
  });

  test('the change is in 历史 with what changed, never the values', () => {
    expect(settingsRows(rt).map((h) => [h[HISTORY.col.ticketNo], h[HISTORY.col.actor], h[HISTORY.col.note]])).toEqual([['', owner(rt), '腾讯云短信：更新了SecretId、SecretKey']]);
  });

  test('the pair is in script properties only: in no cell of any sheet, no mail, and never shown back whole', () => {
    expect(JSON.parse(storedSecret(rt)!)).toEqual({ provider: 'tencent', ...TENCENT });
    expectInNoSheet(rt, [TENCENT.id, TENCENT.secret]);
    const shown = JSON.stringify([before, waiting, after, dialog(rt)]);
    const mail = JSON.stringify(rt.state.mail.sent);
    for (const v of [TENCENT.id, TENCENT.secret, TENCENT.id.slice(4, 20), TENCENT.secret.slice(0, 16)]) {
      expect(shown).not.toContain(v);
      expect(mail).not.toContain(v);
    }
  });

  test('blank keeps what is stored: a new SecretKey alone', () => {
    const newKey = 'Q7'.padEnd(32, 'z');
    expect(save(rt, 'tencent', '', newKey).error).toBeUndefined();
    expect(JSON.parse(storedSecret(rt)!)).toEqual({ provider: 'tencent', id: TENCENT.id, secret: newKey });
    expect(settingsRows(rt).at(-1)![HISTORY.col.note]).toBe('腾讯云短信：更新了SecretKey');
    expect(save(rt, 'tencent', '', '').error).toContain('没有填写新的密钥');
  });

  test('the menu item opens the dialog for the owner', () => {
    expect(run(rt, 'showSmsSettings').ok).toBe(true);
    expect(rt.services.SpreadsheetApp.ui.dialog).toMatchObject({ title: '短信设置' });
    expect(rt.services.SpreadsheetApp.ui.dialog!.html).toContain('smsSettings');
    expect(rt.services.SpreadsheetApp.ui.dialog!.html).not.toContain(TENCENT.secret);
  });
});

describe('anyone but the owner', () => {
  test('is refused by every function, told who the owner is; nothing is stored or changed', () => {
    const rt = tencentWorld();
    expect(save(rt, 'tencent', TENCENT.id, TENCENT.secret).ok).toBe(true);
    rt.remote.answer(HOST, AUTH_FAILURE);
    submitOne(rt, person());
    const props = JSON.stringify(rt.state.properties.script);
    const queue = JSON.stringify(rows(rt, OUTBOUND.name));
    const history = rows(rt, HISTORY.name).length;
    const calls: [string, unknown[]][] = [
      ['smsSettings', []],
      ['saveSmsSettings', ['tencent', 'AKID'.padEnd(36, '1'), '2'.repeat(32)]],
      ['smsSettingsAction', ['tencent', 'resume']],
      ['smsSettingsAction', ['tencent', 'purge']],
      ['smsSettingsAction', ['tencent', 'forget']],
    ];
    for (const [fn, args] of calls) {
      const r = run(rt, fn, args, COLLEAGUE);
      expect({ fn, ok: r.ok }).toEqual({ fn, ok: false });
      expect(r.error).toBe(`只有所有者（${owner(rt)}）可以查看和修改这项设置。您当前的账号是 ${COLLEAGUE}。`);
    }
    expect(JSON.stringify(rt.state.properties.script)).toBe(props);
    expect(JSON.stringify(rows(rt, OUTBOUND.name))).toBe(queue);
    expect(rows(rt, HISTORY.name)).toHaveLength(history);
    // The menu item tells them instead of opening a dialog that would only fail.
    const ui = rt.services.SpreadsheetApp.ui;
    ui.dialog = null;
    expect(run(rt, 'showSmsSettings', [], COLLEAGUE).ok).toBe(true);
    expect(ui.dialog).toBeNull();
    expect(ui.alerts.at(-1)).toMatchObject({ title: '短信设置', prompt: expect.stringContaining(owner(rt)) });
  });
});

describe('what the owner types is checked first', () => {
  test.each([
    ['a SecretId cut short', 'tencent', TENCENT.id.slice(0, 30), TENCENT.secret, 'SecretId 格式不对：它以 AKID 开头，共 36 位字母和数字'],
    ['a SecretKey with a space inside', 'tencent', TENCENT.id, `${TENCENT.secret.slice(0, 16)} ${TENCENT.secret.slice(17)}`, 'SecretKey 格式不对：它是 32 位字母和数字'],
    ['the SecretId in both fields', 'tencent', TENCENT.id, TENCENT.id, 'SecretKey 格式不对'],
    ['a first save with one field blank', 'tencent', TENCENT.id, '', '第一次保存（或换了服务商之后）需要同时填写 SecretId 和 SecretKey'],
    ['an 阿里云 pair for 腾讯云', 'tencent', ALIYUN.id, ALIYUN.secret, '配置 › 短信 › 服务商 是腾讯云短信，填写的却是阿里云短信的密钥'],
    ['a dialog left open across a change of 服务商', 'aliyun', ALIYUN.id, ALIYUN.secret, '配置 › 短信 › 服务商 现在是腾讯云短信：请关闭并重新打开 短信设置'],
  ])('%s is refused with its reason; nothing stored', (_, provider, id, secret, message) => {
    const rt = tencentWorld();
    const r = save(rt, provider, id, secret);
    expect(r.ok).toBe(false);
    expect(r.error).toContain(message);
    expect(storedSecret(rt)).toBeUndefined();
    expect(settingsRows(rt)).toEqual([]);
  });

  test('with 阿里云 named, its own pair is taken and a 腾讯云-shaped one refused as the wrong provider\'s', () => {
    const rt = tencentWorld();
    config(rt, '服务商', '阿里云');
    const wrong = save(rt, 'aliyun', TENCENT.id, TENCENT.secret);
    expect(wrong.error).toBe('配置 › 短信 › 服务商 是阿里云短信，填写的却是腾讯云短信的密钥：请填写阿里云短信的密钥，或先改 配置 › 短信 › 服务商');
    expect(storedSecret(rt)).toBeUndefined();
    expect(save(rt, 'aliyun', ALIYUN.id, 'x'.repeat(29)).error).toContain('AccessKey Secret 格式不对');
    const ok = save(rt, 'aliyun', ALIYUN.id, ALIYUN.secret);
    expect(ok.error).toBeUndefined();
    expect(ok.value).toMatchObject({ provider: 'aliyun', providerName: '阿里云短信', id: 'LTAI…7Dxt', secret: '…FAc9', status: 'ok', missing: [] });
    expect(settingsRows(rt).map((h) => h[HISTORY.col.note])).toEqual(['阿里云短信：更新了AccessKey ID、AccessKey Secret']);
    expectInNoSheet(rt, [ALIYUN.id, ALIYUN.secret]);
  });

  test('服务商 无: the dialog says how to turn SMS on, and nothing can be stored', () => {
    const rt = world();
    expect(dialog(rt)).toMatchObject({ provider: 'none', providerName: '', missing: [], status: 'ok', waiting: 0 });
    expect(save(rt, 'tencent', TENCENT.id, TENCENT.secret).error).toContain('配置 › 短信 › 服务商 是“无”');
    expect(storedSecret(rt)).toBeUndefined();
  });

  test('what 配置 › 短信 lacks is listed, and without 签名 the provider cannot send', () => {
    const rt = tencentWorld();
    config(rt, '签名', '');
    config(rt, '应用ID', '');
    config(rt, '受理模板', '');
    expect(save(rt, 'tencent', TENCENT.id, TENCENT.secret).ok).toBe(true);
    expect(dialog(rt)).toMatchObject({ missing: ['signName', 'appId', 'template'], status: 'unset', id: 'AKID…h8oO' });
  });
});

describe('恢复发送, 清除待发短信, 删除密钥', () => {
  test('a refusal pauses the provider; 恢复发送 sends what waited; 删除密钥 forgets the pair; 清除待发短信 clears what then waits', () => {
    const rt = tencentWorld();
    expect(save(rt, 'tencent', TENCENT.id, TENCENT.secret).ok).toBe(true);
    rt.remote.answer(HOST, AUTH_FAILURE);
    submitOne(rt, person());
    submitOne(rt, person({ mobile: '13900000002', email: 'b@example.com' }));
    // Refused once: the second was not tried, both wait.
    expect(toTencent(rt)).toHaveLength(1);
    const refused = dialog(rt);
    expect(refused).toMatchObject({ status: 'refused', waiting: 2, today: 2 });
    // A refusal of the whole request is no answer for an SMS: nothing is said to have gone.
    expect(refused.last).toBe('');
    expect(refused.detail).toMatch(/^AuthFailure\.SecretIdNotFound The SecretId is not found（\d{4}-\d\d-\d\d \d\d:\d\d）$/);

    // Fixed in the console; the owner presses 恢复发送.
    rt.remote.answer(HOST, SENT);
    const resumed = act(rt, 'tencent', 'resume');
    expect(resumed.error).toBeUndefined();
    expect((resumed.value as SmsSettings).done).toBe('腾讯云短信已恢复发送；发出等待的短信 2 条');
    expect(rows(rt, OUTBOUND.name).map((q) => q[OUTBOUND.col.state])).toEqual(['已发送', '已发送']);
    expect(dialog(rt)).toMatchObject({ status: 'ok', waiting: 0 });
    expect(dialog(rt).last).toMatch(/^最近一条：T\d{11} 受理 已发送（\d{4}-\d\d-\d\d \d\d:\d\d，服务商答复 Ok）$/);

    const forgotten = act(rt, 'tencent', 'forget');
    expect((forgotten.value as SmsSettings)).toMatchObject({ done: '已删除腾讯云短信的密钥', id: '', secret: '', status: 'unset' });
    expect(storedSecret(rt)).toBeUndefined();
    expect(act(rt, 'tencent', 'forget').error).toBe('没有保存的短信密钥');

    submitOne(rt, person({ mobile: '13900000003', email: 'c@example.com' }));
    expect(dialog(rt)).toMatchObject({ status: 'unset', waiting: 1 });
    const waitingTicket = String(rows(rt, OUTBOUND.name).at(-1)![OUTBOUND.col.ticketNo]);
    const purged = act(rt, 'tencent', 'purge');
    expect((purged.value as SmsSettings)).toMatchObject({ done: '已清除等待通过腾讯云短信发送的 1 条短信', waiting: 0 });
    // The ticket's own 历史 closes its 短信已排队.
    expect(rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.ticketNo] === waitingTicket).map((h) => [h[HISTORY.col.action], h[HISTORY.col.newValue]]).slice(-2))
      .toEqual([['短信已排队', '受理'], ['清除待发短信', '受理']]);
    expect(rows(rt, OUTBOUND.name).map((q) => [q[OUTBOUND.col.state], q[OUTBOUND.col.body]]).at(-1)).toEqual(['已清除', '']);
    // The refused try, then the two sent on 恢复发送; the purged one never went.
    const numbers = () => toTencent(rt).map((r) => (JSON.parse(r.payload) as { PhoneNumberSet: string[] }).PhoneNumberSet[0]);
    expect(numbers()).toEqual(['+8613800138000', '+8613800138000', '+8613900000002']);
    rt.advanceClockTo(T0 + 3 * 3_600_000);
    expect(numbers()).toHaveLength(3);

    expect(settingsRows(rt).map((h) => [h[HISTORY.col.action], h[HISTORY.col.ticketNo], h[HISTORY.col.actor], h[HISTORY.col.note]])).toEqual([
      ['短信设置变更', '', owner(rt), '腾讯云短信：更新了SecretId、SecretKey'],
      ['短信设置变更', '', owner(rt), '腾讯云短信：删除了密钥'],
      ['清除待发短信', '', owner(rt), '腾讯云短信：清除了 1 条待发短信'],
    ]);
    expectInNoSheet(rt, [TENCENT.id, TENCENT.secret]);
    expect(act(rt, 'tencent', 'test').error).toBe('未知的操作');
    expect(act(rt, 'other', 'purge').error).toBe('没有名为“other”的短信服务商');
  });

  test('after 服务商 changes, the old pair is not used and what waited for the old provider can be cleared', () => {
    const rt = tencentWorld();
    submitOne(rt, person());
    expect(save(rt, 'tencent', TENCENT.id, TENCENT.secret).ok).toBe(true);
    rt.remote.outage(HOST, Number.MAX_SAFE_INTEGER);
    submitOne(rt, person({ mobile: '13900000002', email: 'b@example.com' }));
    config(rt, '服务商', '阿里云');
    config(rt, '受理模板', 'SMS_123456');
    const view = dialog(rt);
    expect(view).toMatchObject({ provider: 'aliyun', id: '', secret: '', storedFor: 'tencent', storedForName: '腾讯云短信', status: 'unset', elsewhere: [{ provider: 'tencent', name: '腾讯云短信', waiting: 1 }] });
    expect(save(rt, 'aliyun', '', ALIYUN.secret).error).toContain('需要同时填写 AccessKey ID 和 AccessKey Secret');
    expect(act(rt, 'tencent', 'resume').error).toContain('现在是阿里云短信');
    expect((act(rt, 'tencent', 'purge').value as SmsSettings).elsewhere).toEqual([]);
    expect((act(rt, 'tencent', 'forget').value as SmsSettings).storedFor).toBe('');
  });
});
