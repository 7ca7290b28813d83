/**
 * 个人信息请求 in Chromium, as a staff member handling a customer's request:
 * find the customer, export (on screen and as a CSV download), correct a
 * field, delete; and a staff member without the right sees only the refusal.
 * Skips without /usr/bin/chromium unless CI is set.
 */
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { openRuntime } from '../../local/cli/session';
import type { Runtime } from '../../local/runtime/runtime';
import type { AccessSettings } from '../../src/contracts/access';
import { CUSTOMERS } from '../../src/sheets/schema';
import { describeBrowser, openSidebar, screenshotPath, type OpenSidebar } from './harness';
import { person, rows, submit, world } from '../helpers/world';

const OWNER = 'admin@example.com';
/** A clerk, given the reveal right below (not on the list by default). */
const CLERK = 'sales1@example.com';
/** Not on the owner's reveal list. */
const OTHER = 'sales2@example.com';
const ADDRESS = '北京市海淀区中关村大街1号';
const MOBILE = '13800138000';

/** The owner puts `email` on the reveal list, keeping everyone already there. */
function grantReveal(rt: Runtime, email: string): void {
  const now = rt.call('accessSettings', [], { user: OWNER }) as AccessSettings;
  rt.call('saveAccessSettings', [[...now.reveal, email].join('\n'), now.admins.join('\n')], { user: OWNER });
}

async function find(page: Page, query: string): Promise<void> {
  await page.fill('#query', query);
  await page.click('#find');
}

async function noPageOverflow(page: Page): Promise<void> {
  const [scroll, client] = await page.locator('html').evaluate((root) => [root.scrollWidth, root.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
}

describeBrowser('个人信息请求: a customer’s request to see, correct or delete their data', () => {
  let ui: OpenSidebar;
  let page: Page;
  let customerNo: string;

  beforeAll(async () => {
    const rt = world();
    submit(rt, person({ address: ADDRESS, id_number: '11010519491231002X', need_description: '=1+1 需要10台台式电脑，用于新员工办公，希望了解报价和交付时间' }), 'manual');
    customerNo = String(rows(rt, '客户')[0]![CUSTOMERS.col.no]);
    grantReveal(rt, CLERK);
    ui = await openSidebar(rt, 'personal-requests', { user: CLERK, height: 1000 });
    page = ui.page;
    await page.locator('#lookup:not([hidden])').waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => ui?.close());

  test('the intro says what the dialog is for, and a lookup by mobile shows the customer’s card', async () => {
    expect(await page.locator('#intro').textContent()).toMatch(/查阅\/复制、更正或删除.*历史/);
    expect(await page.locator('label[for=query]').textContent()).toBe('查找客户');
    await find(page, MOBILE);
    await page.locator('#card-no').filter({ hasText: customerNo }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#card-name').textContent()).toBe('王小明');
    expect(await page.locator('#card-tickets').textContent()).toBe('1');
    expect(await page.locator('#export').isVisible()).toBe(true);
    await noPageOverflow(page);
  }, 30_000);

  test('导出 shows the 客户记录 section with the full address, and 下载 CSV saves it with a BOM and formulas escaped', async () => {
    await page.click('#export');
    await page.locator('#export-status.ok').waitFor({ timeout: 15_000 });
    const customer = page.locator('.export-section').filter({ has: page.locator('h4', { hasText: /^客户记录$/ }) });
    expect(await customer.locator('td').allTextContents()).toContain(ADDRESS);
    expect(await page.locator('#export-note').textContent()).toMatch(/只发送给客户本人/);
    await noPageOverflow(page);
    await page.screenshot({ path: screenshotPath('personal-requests.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toContain(customerNo);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(ADDRESS);
    expect(text).toContain("'=1+1");
    expect(text).not.toMatch(/(^|[,"])=1\+1/m);
  }, 30_000);

  test('a lookup that finds nobody clears the previous customer from the screen', async () => {
    await find(page, '13900139000');
    await page.locator('#status.error').waitFor({ timeout: 15_000 });
    expect(await page.locator('#person').isHidden()).toBe(true);
    expect(await page.locator('.sidebar').textContent()).not.toContain(customerNo);
    expect(await page.locator('.sidebar').textContent()).not.toContain(ADDRESS);
  }, 30_000);

  test('更正 of 电子邮箱: a bad value is refused and kept as typed; a good one is applied and said so beside the action', async () => {
    await find(page, customerNo);
    await page.locator('#card-no').filter({ hasText: customerNo }).waitFor({ timeout: 15_000 });
    await page.selectOption('#correct-field', { label: '电子邮箱' });
    await page.fill('#correct-value', 'not-an-address');
    await page.click('#correct');
    await page.locator('#correct-status.error').waitFor({ timeout: 15_000 });
    expect(await page.inputValue('#correct-value')).toBe('not-an-address');

    await page.fill('#correct-value', 'xiaoming.wang@example.com');
    await page.fill('#correct-note', '客户来电要求更正');
    await page.click('#correct');
    await page.locator('#correct-status.ok').filter({ hasText: /电子邮箱/ }).waitFor({ timeout: 15_000 });
    await page.locator('#find:not([disabled])').waitFor({ timeout: 15_000 });
    expect(await page.locator('#card-no').textContent()).toBe(customerNo);
    const rt = openRuntime(ui.dir).runtime;
    expect(rows(rt, '客户')[0]![CUSTOMERS.col.email]).toBe('xiaoming.wang@example.com');
  }, 30_000);

  test('删除 stays disabled until the number is typed, then deletes: the card shows （已删除） and the actions go', async () => {
    const erase = page.locator('#erase');
    expect(await erase.isDisabled()).toBe(true);
    await page.fill('#erase-typed', 'C00000000001');
    expect(await erase.isDisabled()).toBe(true);
    await page.fill('#erase-typed', ` ${customerNo.toLowerCase()} `);
    expect(await erase.isDisabled()).toBe(false);
    await page.fill('#erase-note', '客户书面要求删除');
    await erase.click();
    await page.locator('#card-name').filter({ hasText: '（已删除）' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#erase-status.ok').textContent()).toMatch(/删除/);
    expect(await page.locator('#export').isVisible()).toBe(false);
    expect(await page.locator('#correct').isVisible()).toBe(false);
    expect(await erase.isVisible()).toBe(false);
    expect(ui.dialogs).toEqual([]);
    const rt = openRuntime(ui.dir).runtime;
    expect(JSON.stringify(rows(rt, '客户'))).not.toContain(MOBILE);
  }, 30_000);
});

describeBrowser('个人信息请求 without the right', () => {
  test('a staff member not on the reveal list sees the refusal and no lookup form', async () => {
    const rt = world();
    submit(rt, person({ address: ADDRESS }), 'manual');
    const ui = await openSidebar(rt, 'personal-requests', { user: OTHER, height: 800 });
    try {
      await ui.page.locator('#status.error').waitFor({ timeout: 15_000 });
      expect(await ui.page.locator('#status').textContent()).toMatch(/权限/);
      expect(await ui.page.locator('#lookup').isHidden()).toBe(true);
      expect(await ui.page.locator('#person').isHidden()).toBe(true);
    } finally {
      await ui.close();
    }
  }, 60_000);
});
