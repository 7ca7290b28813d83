/**
 * The manual-entry sidebar in Chromium, against the `cli ui` preview server:
 * instant hints from the shared validation, a paper form entered, a hostile
 * name shown as text. Skips without /usr/bin/chromium unless CI is set.
 */
import type { Page } from 'playwright-core';
import { describeBrowser, expectText, openSidebar, screenshotPath, type OpenSidebar } from './harness';
import { rows, world } from '../helpers/world';
import { openRuntime, saveSession } from '../../local/cli/session';

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

describeBrowser('manual-entry sidebar opened before a 配置 change', () => {
  let ui: OpenSidebar;

  beforeAll(async () => {
    ui = await openSidebar(world(), 'manual-entry', { user: STAFF, height: 1400 });
    await ui.page.locator('#f-name').waitFor();
  }, 60_000);

  afterAll(async () => ui?.close());

  test('submitted twice, it says the entry waits in 待审核 and in which row, never success without a ticket number', async () => {
    const { page } = ui;
    // Meanwhile an admin renames the 所属行业 option this sidebar still offers.
    const { runtime } = openRuntime(ui.dir);
    const config = runtime.state.spreadsheet.sheets.find((s) => s.name === '配置')!;
    const row = config.rows.findIndex((r) => r && r.v[0] === '选项' && r.v[1] === '所属行业') + 1;
    expect(runtime.staff.type('配置', row, 3, '制造业、零售、互联网/软件、教育、金融、医疗、政府/公共事业、其他', 'admin@example.com').ok).toBe(true);
    await saveSession(ui.dir, runtime);

    await page.selectOption('#f-customer_kind', '个人');
    await page.fill('#f-name', '王小明');
    await page.fill('#f-mobile', '13800138000');
    await page.selectOption('#f-industry', '互联网');
    await page.selectOption('#f-need_type', '产品咨询');
    await page.fill('#f-need_description', '需要10台台式电脑，用于新员工办公，希望了解报价');
    await page.selectOption('#f-time_requirement', '1个月内');
    await page.check('#f-consent');
    await page.click('#submit');
    await expectText(page.locator('#status'), /待审核队列（第 2 行）/);
    await page.click('#submit');
    await expectText(page.locator('#status'), /正在待审核队列第 2 行等待审核/);
    expect(await page.getAttribute('#status', 'class')).toContain('error');
    expect(await page.locator('#status').textContent()).not.toMatch(/工单/);
    // What was typed stays, and the entry exists once, in 待审核.
    expect(await page.inputValue('#f-need_description')).toBe('需要10台台式电脑，用于新员工办公，希望了解报价');
    const saved = openRuntime(ui.dir).runtime;
    expect(rows(saved, '待审核')).toHaveLength(1);
    expect(rows(saved, '工单')).toHaveLength(0);
  }, 30_000);
});
