/**
 * The review-queue sidebar in Chromium, against the `cli ui` preview server:
 * a flagged submission shown with its problems beside its fields, fixed and
 * resubmitted; another voided with a reason; an encrypted answer kept without
 * ever reaching the browser. Skips without /usr/bin/chromium unless CI is set.
 */
import { CUSTOMERS, HISTORY, REVIEW } from '../../src/sheets/schema';
import type { Page } from 'playwright-core';
import { openRuntime } from '../../local/cli/session';
import { describeBrowser, expectText, openSidebar, screenshotPath, type OpenSidebar } from './harness';
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
    await page.screenshot({ path: screenshotPath('review.png'), fullPage: true });
  });

  test('fixed and resubmitted: a ticket number, and the queue moves on', async () => {
    await page.fill('#f-mobile', '13800138001');
    await page.click('#resubmit');
    await expectText(page.locator('#status'), /第 2 行已重新提交并受理，工单编号：T\d{11}/);
    await expectText(page.locator('#position'), /第 1\/2 条/);
    const rt = saved();
    expect(rows(rt, '工单')).toHaveLength(1);
    expect(rows(rt, '工单')[0]!['姓名/企业名称']).toBe(HOSTILE);
    expect(rows(rt, '待审核')[0]![REVIEW.col.state]).toBe('已重新提交');
  }, 30_000);

  test('voiding needs a reason, and the reason is recorded in 历史', async () => {
    await page.click('#void');
    await expectText(page.locator('#status'), /请先写明作废原因/);
    await page.fill('#reason', '客户来电撤回');
    await page.click('#void');
    await expectText(page.locator('#status'), /第 3 行已作废/);
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
    await expectText(page.locator('#status'), /工单编号：T\d{11}/);
    await expectText(page.locator('#status'), /待审核队列是空的/);
    const customer = rows(saved(), '客户').find((c) => c['姓名/企业名称'] === '孙八')!;
    expect(String(customer['联系地址'])).toMatch(/^北京市/);
    expect(String(customer['联系地址'])).not.toContain('88号');
    expect(String(customer[CUSTOMERS.col.addressSealed])).toMatch(/^enc:v2:/);
    expect(ui.dialogs).toEqual([]);
  }, 30_000);
});
