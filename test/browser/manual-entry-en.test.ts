/**
 * The manual-entry sidebar under 配置 › 通用 › 语言 = en: every text the
 * sidebar shows is English, the validation problems it computes itself with
 * the server's rules included; the option values stay zh-CN (stored values).
 */
import type { Page } from 'playwright-core';
import { CONFIG } from '../../src/sheets/schema';
import { findSheet, getCell, setCell } from '../../local/runtime/sheet-data';
import { forgetCachedConfig } from '../../local/drive/config-view';
import { describeBrowser, expectText, openSidebar, type OpenSidebar } from './harness';
import { world } from '../helpers/world';

describeBrowser('manual-entry sidebar in English', () => {
  let ui: OpenSidebar;
  let page: Page;

  beforeAll(async () => {
    const rt = world();
    const config = findSheet(rt.state, CONFIG.name)!;
    for (let r = 2; r <= config.rows.length; r++) {
      if (getCell(config, r, 1) === '通用' && getCell(config, r, 2) === '语言') setCell(config, r, 3, 'en');
    }
    forgetCachedConfig(rt.state);
    ui = await openSidebar(rt, 'manual-entry', { user: 'sales1@example.com', height: 1400 });
    page = ui.page;
    await page.locator('#f-name').waitFor();
  }, 60_000);

  afterAll(async () => ui?.close());

  test('titles, labels, hints and a client-side validation problem are English; options stay zh-CN', async () => {
    await expectText(page.locator('#title'), /^New customer record/);
    expect(await page.locator('[data-field="mobile"] label').textContent()).toBe('Mobile *');
    // The hint under a field is English too; its example is the value as stored.
    expect(await page.locator('[data-field="mobile"] .secondary').textContent()).toBe('An 11-digit mainland China mobile number, e.g. 13800138000');
    await page.fill('#f-mobile', '12345');
    await page.locator('#f-mobile').blur();
    await expectText(page.locator('[data-field="mobile"] .error-hint'), /^Mobile is malformed/);
    expect(await page.locator('#f-customer_kind option').allTextContents()).toEqual(expect.arrayContaining(['个人', '企业']));
    await page.click('#submit');
    await expectText(page.locator('#status'), /[A-Za-z]/);
    expect(await page.locator('#status').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.locator('[data-field="industry"] .error-hint').textContent()).toBe('Industry is required: choose one');
    expect(await page.locator('[data-field="consent"] .error-hint').textContent()).toBe('Consent to personal data processing is required: tick the box');
  });

  test('the consent box says staff record the customer’s consent, and when to tick it', async () => {
    expect(await page.locator('[data-field="consent"] label').textContent()).toMatch(/^The customer agreed to “.+” \*$/);
    expect(await page.locator('[data-field="consent"] .secondary').first().textContent()).toBe('Tick only once the customer agreed (ticked on the paper form, or read out on the phone and agreed), e.g. “同意” (ticked)');
  });
});
