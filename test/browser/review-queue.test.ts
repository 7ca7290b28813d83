/**
 * The review-queue sidebar in Chromium, against the `cli ui` preview server:
 * a flagged submission shown with its problems beside its fields, fixed and
 * resubmitted; another voided with a reason; an encrypted answer kept without
 * ever reaching the browser; at a desktop window and at 300 px, each answer
 * under the button that asked for it, a handled item's result in view until
 * 下一条. Skips without /usr/bin/chromium unless CI is set.
 */
import { CUSTOMERS, HISTORY, REVIEW } from '../../src/sheets/schema';
import type { Page } from 'playwright-core';
import { openRuntime } from '../../local/cli/session';
import { VIEWPORTS, describeBrowser, expectBeside, expectFullyVisible, expectText, openSidebar, screenshotPath, scrollPage, type OpenSidebar } from './harness';
import { person, rows, submit, world } from '../helpers/world';

const STAFF = 'support1@example.com';
const HOSTILE = '<img src=x onerror=alert(1)>';
const ADDRESS = '北京市朝阳区建国路88号';

describeBrowser('review-queue sidebar in a real browser', () => {
  let ui: OpenSidebar;
  let page: Page;

  beforeAll(async () => {
    const rt = world();
    const out = submit(rt, [
      person({ name: HOSTILE, mobile: '12345' }),
      person({ name: '钱七', email: 'not-an-email', mobile: '13900000002' }),
      person({ name: '孙八', mobile: '139', email: 'sunba@example.com', address: ADDRESS }),
    ], 'manual');
    expect(out.map((o) => o.outcome)).toEqual(['review', 'review', 'review']);
    ui = await openSidebar(rt, 'review-queue', { user: STAFF, height: 1500 });
    page = ui.page;
    await page.locator('#position').filter({ hasText: /第 1\/3 条/ }).waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => ui?.close());

  const row = (key: string) => page.locator(`[data-field="${key}"]`);
  const saved = () => openRuntime(ui.dir).runtime;

  test('a flagged submission shows its problems beside the fields, and a hostile name as text', async () => {
    await expectText(page.locator('#problems'), /手机号/);
    await expectText(row('mobile').locator('.error-hint'), /手机号/);
    expect(await row('email').locator('.error-hint').textContent()).toBe('');
    expect(await page.inputValue('#f-name')).toBe(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    // A manual entry's own 经办人 (who entered it, by name) is shown to keep or correct; 填写日期 was left as entered.
    expect(await page.inputValue('#f-handler')).toBe('系统管理员');
    expect(await row('submitted_at').isVisible()).toBe(true);
    expect(await page.inputValue('#f-submitted_at')).toBe('');
    await page.screenshot({ path: screenshotPath('review.png'), fullPage: true });
  });

  test('fixed and resubmitted: a ticket number, and the queue moves on at 下一条', async () => {
    await page.fill('#f-mobile', '13800138001');
    await page.click('#resubmit');
    await expectText(page.locator('#resubmit-status'), /第 2 行已重新提交并受理，工单编号：T\d{11}/);
    await page.click('#continue');
    await expectText(page.locator('#position'), /第 1\/2 条/);
    const rt = saved();
    expect(rows(rt, '工单')).toHaveLength(1);
    expect(rows(rt, '工单')[0]!['姓名/企业名称']).toBe(HOSTILE);
    expect(rows(rt, '待审核')[0]![REVIEW.col.state]).toBe('已重新提交');
  }, 30_000);

  test('voiding needs a reason, and the reason is recorded in 历史', async () => {
    await page.click('#void');
    await expectText(page.locator('#void-status'), /请先写明作废原因/);
    await page.fill('#reason', '客户来电撤回');
    await page.click('#void');
    await expectText(page.locator('#void-status'), /第 3 行已作废/);
    await page.click('#continue');
    const history = rows(saved(), '历史');
    expect(history.some((h) => h[HISTORY.col.note] === '客户来电撤回' && h[HISTORY.col.actor] === STAFF)).toBe(true);
  }, 30_000);

  test('an encrypted answer never reaches the browser and is kept on resubmission', async () => {
    await expectText(page.locator('#position'), /第 1\/1 条/);
    expect(await page.inputValue('#f-address')).toBe('');
    await expectText(row('address').locator('.secondary'), /已加密保存/);
    expect(await page.content()).not.toContain('建国路');
    await page.fill('#f-mobile', '13900000003');
    await page.click('#resubmit');
    await expectText(page.locator('#resubmit-status'), /工单编号：T\d{11}/);
    await expectText(page.locator('#resubmit-status'), /待审核队列是空的/);
    expect(await page.locator('#continue').isVisible()).toBe(false);
    const customer = rows(saved(), '客户').find((c) => c['姓名/企业名称'] === '孙八')!;
    expect(String(customer['联系地址'])).toMatch(/^北京市/);
    expect(String(customer['联系地址'])).not.toContain('88号');
    expect(String(customer[CUSTOMERS.col.addressSealed])).toMatch(/^enc:v2:/);
    expect(ui.dialogs).toEqual([]);
  }, 30_000);
});

describeBrowser.each(VIEWPORTS)('review-queue sidebar as a reviewer sees it, $name', (viewport) => {
  let ui: OpenSidebar;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: screenshotPath(`review-${name}-${viewport.name}.png`) });

  beforeAll(async () => {
    const rt = world();
    submit(rt, [person({ name: '赵六', mobile: '12345' }), person({ name: '周九', mobile: '139', email: 'zhoujiu@example.com' })], 'manual');
    ui = await openSidebar(rt, 'review-queue', { user: STAFF, width: viewport.width, height: viewport.height });
    page = ui.page;
    await page.locator('#position').filter({ hasText: /第 1\/2 条/ }).waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => ui?.close());

  test('a problem before resubmitting shows under 重新提交, in view', async () => {
    await page.fill('#f-mobile', '');
    await page.click('#resubmit');
    await expectText(page.locator('#resubmit-status'), /请先修正标出的 1 处问题/);
    await expectFullyVisible(page.locator('#resubmit-status'));
    await expectBeside(page.locator('#resubmit-status'), page.locator('#resubmit'));
    expect(await page.locator('#status').textContent()).toBe('');
  }, 30_000);

  test('after 重新提交 the ticket number stays beside the button, the item locked, until 下一条 shows the next', async () => {
    await page.fill('#f-mobile', '13800138002');
    await page.click('#resubmit');
    await expectText(page.locator('#resubmit-status'), /^第 2 行已重新提交并受理，工单编号：T\d{11}$/);
    for (const id of ['#resubmit-status', '#continue']) await expectFullyVisible(page.locator(id));
    await expectBeside(page.locator('#resubmit-status'), page.locator('#resubmit'));
    await expectBeside(page.locator('#continue'), page.locator('#resubmit-status'));
    // What was filed is still the item shown, and can no longer be changed; no timer takes the answer away.
    expect(await page.inputValue('#f-name')).toBe('赵六');
    expect(await page.isDisabled('#f-name')).toBe(true);
    expect(await page.isDisabled('#resubmit')).toBe(true);
    await shot('resubmitted');
    await page.waitForTimeout(1500);
    await expectText(page.locator('#resubmit-status'), /工单编号：T\d{11}/);
    await page.click('#continue');
    await expectText(page.locator('#position'), /第 1\/1 条/);
    expect(await page.inputValue('#f-name')).toBe('周九');
    expect(await page.isDisabled('#f-name')).toBe(false);
    expect(await page.locator('#resubmit-status').textContent()).toBe('');
    await expectFullyVisible(page.locator('#title'));
  }, 30_000);

  test('作废 answers under its own button; the last item handled says the queue is empty', async () => {
    await scrollPage(page, 1);
    await page.click('#void');
    await expectText(page.locator('#void-status'), /请先写明作废原因/);
    await expectFullyVisible(page.locator('#void-status'));
    await expectBeside(page.locator('#void-status'), page.locator('#void'));
    await page.fill('#reason', '重复录入');
    await page.click('#void');
    await expectText(page.locator('#void-status'), /^第 3 行已作废。\n待审核队列是空的/);
    await expectFullyVisible(page.locator('#void-status'));
    expect(await page.locator('#continue').isVisible()).toBe(false);
    await shot('voided');
    expect(ui.dialogs).toEqual([]);
  }, 30_000);
});
