/**
 * The manual-entry sidebar in Chromium, against the `cli ui` preview server:
 * instant hints from the shared validation, a paper form entered, a hostile
 * name shown as text. Skips without /usr/bin/chromium unless CI is set.
 */
import type { Page } from 'playwright-core';
import { describeBrowser, expectText, openSidebar, screenshotPath, type OpenSidebar } from './harness';
import { rows, world } from '../helpers/world';

const STAFF = 'sales1@example.com';
const HOSTILE = '<img src=x onerror=alert(1)>';

describeBrowser('manual-entry sidebar in a real browser', () => {
  let ui: OpenSidebar;
  let page: Page;

  beforeAll(async () => {
    ui = await openSidebar(world(), 'manual-entry', { user: STAFF, height: 1400 });
    page = ui.page;
    await page.locator('#f-name').waitFor();
  }, 60_000);

  afterAll(async () => ui?.close());

  const row = (key: string) => page.locator(`[data-field="${key}"]`);

  test('a bad mobile number is flagged beside its field as soon as it is left', async () => {
    await page.fill('#f-mobile', '12345');
    await page.locator('#f-mobile').blur();
    await expectText(row('mobile').locator('.error-hint'), /手机号/);
    await page.fill('#f-mobile', '13800138000');
    await page.locator('#f-mobile').blur();
    expect(await row('mobile').locator('.error-hint').textContent()).toBe('');
  });

  test('company-only fields appear only for 企业', async () => {
    await page.selectOption('#f-customer_kind', '企业');
    expect(await row('company_size').isVisible()).toBe(true);
    await page.selectOption('#f-customer_kind', '个人');
    expect(await row('company_size').isVisible()).toBe(false);
  });

  test('submitting with problems keeps everything typed and names each problem', async () => {
    await page.fill('#f-name', HOSTILE);
    await page.click('#submit');
    await expectText(page.locator('#status'), /请先修正/);
    expect(await page.inputValue('#f-name')).toBe(HOSTILE);
    expect(await page.inputValue('#f-mobile')).toBe('13800138000');
    await expectText(row('need_description').locator('.error-hint'), /具体需求描述/);
  });

  test('a paper form entered in full survives a dropped connection, gets a ticket number, and a hostile name stays text', async () => {
    await page.selectOption('#f-industry', '互联网');
    await page.selectOption('#f-need_type', '产品咨询');
    await page.fill('#f-need_description', '需要10台台式电脑，用于新员工办公，希望了解报价');
    await page.selectOption('#f-time_requirement', '1个月内');
    await page.check('#f-consent');
    await page.screenshot({ path: screenshotPath('manual-entry.png'), fullPage: true });
    // The connection drops on the first try: everything typed stays, and the message says what to do.
    await page.route('**/run', (route) => route.abort(), { times: 1 });
    await page.click('#submit');
    await expectText(page.locator('#status'), /提交失败，已填写的内容都保留着/);
    expect(await page.inputValue('#f-need_description')).toBe('需要10台台式电脑，用于新员工办公，希望了解报价');
    expect(await page.isChecked('#f-consent')).toBe(true);
    await page.click('#submit');
    await expectText(page.locator('#status'), /工单编号：T\d{11}/);
    expect(await page.locator('img').count()).toBe(0);
    expect(ui.dialogs).toEqual([]);
    // The ticket was filed by the runtime, as the staff member, through 线下录入, and saved to the folder.
    const { openRuntime } = await import('../../local/cli/session');
    const tickets = rows(openRuntime(ui.dir).runtime, '工单');
    expect(tickets).toHaveLength(1);
    expect(JSON.stringify(tickets[0])).toContain('线下录入');
  }, 30_000);

  test('a returning customer found by mobile pre-fills their details, never the sensitive ones', async () => {
    await page.reload();
    await page.locator('#f-name').waitFor();
    await page.fill('#f-need_description', '这次想加购两台打印机，放在二楼办公室');
    await page.fill('#lookup', '138 0013 8000');
    await page.click('#lookup-go');
    await expectText(page.locator('#lookup-status'), /已找到老客户 C\d{11}/);
    expect(await page.inputValue('#f-name')).toBe(HOSTILE);
    expect(await page.inputValue('#f-mobile')).toBe('13800138000');
    expect(await page.inputValue('#f-industry')).toBe('互联网');
    expect(await page.inputValue('#f-address')).toBe('');
    // What was already typed for this request stays.
    expect(await page.inputValue('#f-need_description')).toBe('这次想加购两台打印机，放在二楼办公室');
    await page.fill('#lookup', '13912345678');
    await page.click('#lookup-go');
    await expectText(page.locator('#lookup-status'), /没有找到这位客户/);
    await page.fill('#lookup', '不是号码');
    await page.click('#lookup-go');
    await expectText(page.locator('#lookup-status'), /请输入11位手机号/);
    expect(await page.locator('img').count()).toBe(0);
  }, 30_000);
});
