/**
 * The owner's dialogs for what the add-on sends out, in Chromium. 短信设置,
 * as the spreadsheet owner sets up SMS: what 配置 › 短信 will send with, a
 * mistyped SecretId refused with what was typed kept, the right pair saved
 * and shown back masked, and the SMS that waited for it sent at once; a
 * colleague sees only the refusal. 群机器人设置: a 钉钉 robot's address and
 * secret pasted, saved, shown masked, and a test message posted. 表单工具推送:
 * a tool switched on, its push URL shown to copy.
 * Skips without /usr/bin/chromium unless CI is set.
 */
import type { Page } from 'playwright-core';
import { openRuntime } from '../../local/cli/session';
import { forgetCachedConfig, setConfigValue } from '../../local/drive/config-view';
import { findSheet, getCell, lastColumn, lastRow, setCell } from '../../local/runtime/sheet-data';
import type { Runtime } from '../../local/runtime/runtime';
import { CONFIG, HISTORY } from '../../src/sheets/schema';
import { describeBrowser, openSidebar, screenshotPath, type OpenSidebar } from './harness';
import { person, rows, submit, world } from '../helpers/world';

// 腾讯云's documented example pair (https://cloud.tencent.com/document/api/382/52072).
const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const COLLEAGUE = 'sales1@example.com';

/** 配置 › 短信 for 腾讯云, no key pair stored yet, and one customer without an email whose acknowledgement waits for it. */
function tencentWorld(): Runtime {
  const rt = world();
  setConfigValue(rt.state, '短信', '服务商', '腾讯云');
  setConfigValue(rt.state, '短信', '签名', '示例科技');
  setConfigValue(rt.state, '短信', '应用ID', '1400006666');
  setConfigValue(rt.state, '短信', '受理模板', '1110');
  rt.remote.answer('sms.tencentcloudapi.com', {
    code: 200,
    body: JSON.stringify({ Response: { SendStatusSet: [{ PhoneNumber: '+8613800138000', Code: 'Ok', Message: 'send success' }], RequestId: 'r1' } }),
  });
  submit(rt, person({ email: '' }));
  return rt;
}

async function noPageOverflow(page: Page): Promise<void> {
  const [scroll, client] = await page.locator('html').evaluate((root) => [root.scrollWidth, root.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
}

describeBrowser('短信设置: the owner stores the provider\'s keys', () => {
  let ui: OpenSidebar;
  let page: Page;

  beforeAll(async () => {
    const rt = tencentWorld();
    ui = await openSidebar(rt, 'sms', { user: rt.state.owner, height: 900, width: 640 });
    page = ui.page;
    await page.locator('#sms h2').waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => ui?.close());

  test('shows what 配置 › 短信 sends with, the one SMS waiting, and 腾讯云\'s own names for the two keys', async () => {
    expect(await page.locator('#sms h2').textContent()).toContain('腾讯云短信');
    const text = await page.locator('#sms').textContent();
    expect(text).toContain('示例科技');
    expect(text).toContain('1400006666');
    expect(text).toMatch(/等待发送 1 条|1 条/);
    expect(await page.locator('label[for=sms-id]').textContent()).toBe('SecretId');
    expect(await page.locator('label[for=sms-secret]').textContent()).toBe('SecretKey');
    expect(await page.locator('#sms-id').getAttribute('type')).toBe('password');
    expect(await page.locator('#intro').textContent()).toContain('没有“发送测试短信”');
    await noPageOverflow(page);
  }, 30_000);

  test('a SecretId cut short is refused with the reason, and what was typed stays to be corrected', async () => {
    await page.fill('#sms-id', 'AKIDz8krbsJ5');
    await page.fill('#sms-secret', SECRET_KEY);
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('#status.error').waitFor({ timeout: 15_000 });
    expect(await page.locator('#status').textContent()).toContain('SecretId 格式不对');
    expect(await page.inputValue('#sms-id')).toBe('AKIDz8krbsJ5');
    expect(JSON.stringify(openRuntime(ui.dir).runtime.state.properties.script)).not.toContain(SECRET_KEY);
  }, 30_000);

  test('the right pair is saved: shown back masked, never whole, and the waiting SMS goes at once', async () => {
    await page.fill('#sms-id', SECRET_ID);
    await page.fill('#sms-secret', SECRET_KEY);
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('#status.ok').filter({ hasText: /已保存腾讯云短信的密钥；发出等待的短信 1 条/ }).waitFor({ timeout: 15_000 });
    const shown = await page.locator('.sidebar').textContent();
    expect(shown).not.toContain(SECRET_ID);
    expect(shown).not.toContain(SECRET_KEY);
    expect(shown).toContain('AKID…MPLE');
    // The first real SMS's answer, beside the keys.
    expect(shown).toMatch(/最近一条：T\d{11} 受理 已发送（2026-11-23 \d\d:\d\d，服务商答复 Ok）/);
    expect(await page.inputValue('#sms-id')).toBe('');
    await noPageOverflow(page);
    await page.screenshot({ path: screenshotPath('sms-settings.png'), fullPage: true });
    const rt = openRuntime(ui.dir).runtime;
    expect(rt.remote.outbox.filter((r) => r.url.startsWith('https://sms.tencentcloudapi.com/'))).toHaveLength(1);
    expect(rows(rt, HISTORY.name).map((h) => h[HISTORY.col.action])).toEqual(expect.arrayContaining(['短信设置变更', '短信已发送']));
    expect(JSON.stringify(rows(rt, HISTORY.name))).not.toContain(SECRET_KEY);
    expect(ui.dialogs).toEqual([]);
  }, 30_000);
});

describeBrowser('短信设置 for a colleague', () => {
  test('a staff member who is not the owner is told who is, and gets no key fields', async () => {
    const rt = tencentWorld();
    const ui = await openSidebar(rt, 'sms', { user: COLLEAGUE, height: 600, width: 640 });
    try {
      await ui.page.locator('#status.error').waitFor({ timeout: 15_000 });
      expect(await ui.page.locator('#status').textContent()).toContain(`只有所有者（${rt.state.owner}）`);
      expect(await ui.page.locator('#sms-id').count()).toBe(0);
    } finally {
      await ui.close();
    }
  }, 60_000);
});

const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=d1ngd1ngd1ngd1ng0123';
const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab';

describeBrowser('群机器人设置: the owner pastes a robot\'s address and secret', () => {
  test('saved, shown back masked, and a test message reaches the group', async () => {
    const rt = world();
    const sheet = findSheet(rt.state, CONFIG.name)!;
    const col = (label: string) => Array.from({ length: lastColumn(sheet) }, (_, i) => getCell(sheet, 1, i + 1)).indexOf(label) + 1;
    const row = lastRow(sheet) + 1;
    setCell(sheet, row, col(CONFIG.col.group), '通知');
    setCell(sheet, row, col(CONFIG.col.key), '销售群');
    setCell(sheet, row, col(CONFIG.col.value), '钉钉：新工单、高优先级');
    forgetCachedConfig(rt.state);
    rt.remote.answer('oapi.dingtalk.com', { code: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const ui = await openSidebar(rt, 'robots', { user: rt.state.owner, height: 800, width: 640 });
    try {
      const page = ui.page;
      await page.locator('#robots h2').filter({ hasText: '销售群（钉钉）' }).waitFor({ timeout: 15_000 });
      expect(await page.locator('#robots').textContent()).toContain('未设置网址');
      await page.fill('#url-0', DINGTALK);
      await page.fill('#secret-0', DING_SECRET);
      await page.getByRole('button', { name: '保存' }).click();
      await page.locator('#status.ok').filter({ hasText: /已保存“销售群”的设置/ }).waitFor({ timeout: 15_000 });
      const shown = await page.locator('.sidebar').textContent();
      expect(shown).not.toContain(DING_SECRET);
      expect(shown).not.toContain('d1ngd1ngd1ngd1ng0123');
      expect(shown).toContain('SEC…89ab');
      await page.getByRole('button', { name: '发送测试消息' }).click();
      await page.locator('#status.ok').filter({ hasText: /测试消息已发到“销售群”的群里/ }).waitFor({ timeout: 15_000 });
      await noPageOverflow(page);
      await page.screenshot({ path: screenshotPath('robot-settings.png'), fullPage: true });
      const sent = openRuntime(ui.dir).runtime.remote.outbox.filter((r) => r.url.startsWith('https://oapi.dingtalk.com/robot/send'));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.payload).toContain('工单通知测试');
      expect(ui.dialogs).toEqual([]);
    } finally {
      await ui.close();
    }
  }, 60_000);
});

describeBrowser('表单工具推送: the owner switches a tool\'s push on', () => {
  test('开启推送 shows the tool on and its push URL with a token to copy', async () => {
    const rt = world();
    const ui = await openSidebar(rt, 'form-tools', { user: rt.state.owner, height: 800, width: 640 });
    try {
      const page = ui.page;
      const jinshuju = page.locator('.tool').filter({ has: page.locator('h2', { hasText: '金数据' }) });
      await jinshuju.waitFor({ timeout: 15_000 });
      expect(await jinshuju.locator('textarea').count()).toBe(0);
      await jinshuju.getByRole('button', { name: '开启推送' }).click();
      await page.locator('#status.ok').waitFor({ timeout: 15_000 });
      const url = await page.locator('.tool').filter({ has: page.locator('h2', { hasText: '金数据' }) }).locator('textarea.url').inputValue();
      expect(url).toMatch(/\?tool=jinshuju&token=[0-9a-f]{40}$/);
      await noPageOverflow(page);
      expect(ui.dialogs).toEqual([]);
    } finally {
      await ui.close();
    }
  }, 60_000);
});
