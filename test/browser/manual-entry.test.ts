/**
 * The manual-entry sidebar in Chromium, against the `cli ui` preview server:
 * instant hints from the shared validation, a paper form entered, a hostile
 * name shown as text; at a desktop window and at 300 px, each answer in view
 * beside the button that asked for it, the same call entered twice asked
 * about, a failed lookup clearing the customer found before. Skips without
 * /usr/bin/chromium unless CI is set.
 */
import type { Page } from 'playwright-core';
import { VIEWPORTS, describeBrowser, expectBeside, expectFullyVisible, expectText, openSidebar, screenshotPath, scrollPage, type OpenSidebar } from './harness';
import { rows, world } from '../helpers/world';
import { openRuntime, saveSession } from '../../local/cli/session';
import { TICKETS } from '../../src/sheets/schema';

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

  test('填写日期 starts at the server’s now and 经办人 at the signed-in member; a date in the future is flagged beside it', async () => {
    const now = await page.inputValue('#f-submitted_at');
    expect(now).toMatch(/^2026-11-23 10:0\d$/);
    expect(await page.inputValue('#f-handler')).toBe('张伟');
    expect(await page.locator('#f-handler option').allTextContents()).toContain('张伟');
    await page.fill('#f-submitted_at', '2026-12-24 09:00');
    await page.locator('#f-submitted_at').blur();
    await expectText(row('submitted_at').locator('.error-hint'), /晚于现在/);
    await page.fill('#f-submitted_at', now);
    await page.locator('#f-submitted_at').blur();
    expect(await row('submitted_at').locator('.error-hint').textContent()).toBe('');
  });

  test('the help under each field speaks to staff about the customer, never to the customer', async () => {
    const helps = await page.locator('#fields .form-group > .secondary:not(.privacy)').allTextContents();
    expect(helps.length).toBeGreaterThan(20);
    expect(helps.filter((h) => /您|请填写/.test(h))).toEqual([]);
    expect(await row('need_description').locator('.secondary').first().textContent()).toMatch(/^尽量具体地记下客户的需求/);
    expect(await row('source_channel').locator('.secondary').textContent()).toMatch(/^客户是从哪里了解到我们的/);
    expect(await row('consent').locator('label').textContent()).toMatch(/^客户已同意“我已阅读并同意：.*”\s\*$/);
  });

  test('submitting with problems keeps everything typed and names each problem: 请选择 for a choice, 请勾选 for the consent box', async () => {
    await page.fill('#f-name', HOSTILE);
    await page.click('#submit');
    await expectText(page.locator('#status'), /请先修正/);
    expect(await page.inputValue('#f-name')).toBe(HOSTILE);
    expect(await page.inputValue('#f-mobile')).toBe('13800138000');
    await expectText(row('need_description').locator('.error-hint'), /具体需求描述/);
    expect(await row('industry').locator('.error-hint').textContent()).toBe('所属行业为必填项，请选择');
    expect(await row('consent').locator('.error-hint').textContent()).toBe('个人信息处理同意为必填项，请勾选');
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
    // The customer found before is gone from the form: this request is not filed under them.
    await expectText(page.locator('#lookup-status'), /之前预填的客户 C\d{11} 的信息已清除/);
    expect(await page.inputValue('#f-name')).toBe('');
    expect(await page.inputValue('#f-mobile')).toBe('');
    expect(await page.inputValue('#f-industry')).toBe('');
    expect(await page.inputValue('#f-need_description')).toBe('这次想加购两台打印机，放在二楼办公室');
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

/** A phone call typed in full, the consent read out and agreed. */
async function enterCall(page: Page, description = '需要10台台式电脑，用于新员工办公，希望了解报价'): Promise<void> {
  await page.selectOption('#f-customer_kind', '个人');
  await page.fill('#f-name', '王小明');
  await page.fill('#f-mobile', '13800138000');
  await page.selectOption('#f-industry', '互联网');
  await page.selectOption('#f-need_type', '产品咨询');
  await page.fill('#f-need_description', description);
  await page.selectOption('#f-time_requirement', '1个月内');
  await page.check('#f-consent');
}

describeBrowser.each(VIEWPORTS)('manual-entry sidebar as staff see it, $name', (viewport) => {
  let ui: OpenSidebar;
  let page: Page;
  const tickets = () => rows(openRuntime(ui.dir).runtime, '工单');
  const shot = (name: string) => page.screenshot({ path: screenshotPath(`manual-${name}-${viewport.name}.png`) });

  beforeAll(async () => {
    ui = await openSidebar(world(), 'manual-entry', { user: STAFF, width: viewport.width, height: viewport.height });
    page = ui.page;
    await page.locator('#f-name').waitFor();
  }, 60_000);

  afterAll(async () => ui?.close());

  test('the ticket number of a filing shows beside the button, fully in view, wherever the form was scrolled', async () => {
    await enterCall(page);
    // Back at the top of the form: only the sticky bar with the button is in view of the end.
    await scrollPage(page, 0);
    await page.click('#submit');
    await expectText(page.locator('#status'), /^已登记，工单编号：T\d{11}$/);
    await expectFullyVisible(page.locator('#status'));
    await expectFullyVisible(page.locator('#submit'));
    await expectBeside(page.locator('#status'), page.locator('#submit'));
    await shot('filed');
    // It stays, in view, while the next entry is scrolled through.
    await scrollPage(page, 1);
    await expectFullyVisible(page.locator('#status'));
    await scrollPage(page, 0.5);
    await expectFullyVisible(page.locator('#status'));
    expect(await page.locator('#status').textContent()).toMatch(/工单编号：T\d{11}/);
    expect(tickets()).toHaveLength(1);
  }, 30_000);

  test('the same call entered again is asked about beside the button; 取消 files nothing, 仍然提交 files it', async () => {
    const first = String(tickets()[0]![TICKETS.col.no]);
    await enterCall(page, '需要10台台式电脑 用于新员工办公 希望了解报价');
    await scrollPage(page, 0);
    await page.click('#submit');
    await expectText(page.locator('#status'), new RegExp(`可能重复录入：工单 ${first} 已于 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 为同一客户登记了相同的需求（经办人：张伟）`));
    for (const id of ['#status', '#repeat-file', '#repeat-cancel']) await expectFullyVisible(page.locator(id));
    await expectBeside(page.locator('#status'), page.locator('#repeat-file'));
    expect(await page.locator('#submit').isVisible()).toBe(false);
    await shot('repeat');
    expect(tickets()).toHaveLength(1);

    await page.click('#repeat-cancel');
    await expectText(page.locator('#status'), new RegExp(`没有提交：这次来电已登记为工单 ${first}`));
    await expectFullyVisible(page.locator('#submit'));
    expect(await page.inputValue('#f-name')).toBe('王小明');
    expect(tickets()).toHaveLength(1);

    // Asked again; a change to the form withdraws the question (it was about what the form held).
    await page.click('#submit');
    await expectText(page.locator('#status'), /可能重复录入/);
    await page.fill('#f-notes', '客户说上次的电话没打通');
    expect(await page.locator('#repeat').isVisible()).toBe(false);
    expect(await page.locator('#status').textContent()).toBe('');
    await page.click('#submit');
    await expectText(page.locator('#status'), /可能重复录入/);
    await page.click('#repeat-file');
    await expectText(page.locator('#status'), /^已登记，工单编号：T\d{11}$/);
    await expectFullyVisible(page.locator('#status'));
    expect(await page.locator('#status').textContent()).not.toContain(first);
    expect(tickets()).toHaveLength(2);
    expect(ui.dialogs).toEqual([]);
  }, 30_000);

  test('a lookup answers under its button; one that finds nobody clears the customer found before', async () => {
    await scrollPage(page, 0);
    await page.fill('#f-need_description', '这次想加购两台打印机，放在二楼办公室');
    await page.fill('#lookup', '13800138000');
    await page.click('#lookup-go');
    await expectText(page.locator('#lookup-status'), /已找到老客户 C\d{11}/);
    await expectFullyVisible(page.locator('#lookup-status'));
    await expectBeside(page.locator('#lookup-status'), page.locator('#lookup-go'));
    expect(await page.inputValue('#f-name')).toBe('王小明');
    await page.fill('#lookup', 'nobody@example.com');
    await page.click('#lookup-go');
    await expectText(page.locator('#lookup-status'), /没有找到这位客户，请按新客户录入。\n之前预填的客户 C\d{11} 的信息已清除。/);
    await expectFullyVisible(page.locator('#lookup-status'));
    await shot('lookup-cleared');
    for (const id of ['#f-name', '#f-mobile', '#f-industry', '#f-customer_kind']) expect(await page.inputValue(id)).toBe('');
    expect(await page.inputValue('#f-need_description')).toBe('这次想加购两台打印机，放在二楼办公室');
  }, 30_000);
});
