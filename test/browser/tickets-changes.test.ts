/**
 * 我的工单 in Chromium: a ticket whose submission gave customer details that
 * differ from the record lists them (the address masked) with 确认更新, which
 * applies them to the customer record. Skips without /usr/bin/chromium unless CI is set.
 */
import type { Page } from 'playwright-core';
import { openRuntime } from '../../local/cli/session';
import { CUSTOMERS } from '../../src/sheets/schema';
import { describeBrowser, openSidebar, type OpenSidebar } from './harness';
import { person, rows, submit, ticketOwner, world } from '../helpers/world';

describeBrowser('我的工单: 确认更新 of a ticket’s pending customer details', () => {
  let ui: OpenSidebar;
  let page: Page;
  let ticketNo: string;

  beforeAll(async () => {
    const rt = world();
    submit(rt, person({ address: '北京市海淀区中关村大街1号' }), 'manual');
    const again = submit(rt, person({ name: '王晓明', email: 'new@example.com', address: '上海市浦东新区世纪大道100号', need_description: '第二次咨询：想再买五台显示器用于会议室' }))[0]!;
    ticketNo = String(again['ticket_no']);
    const owner = ticketOwner(rt, ticketNo);
    ui = await openSidebar(rt, 'tickets', { user: owner, height: 1000 });
    page = ui.page;
    await page.locator(`[data-ticket="${ticketNo}"] .pending`).waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => ui?.close());

  test('the card lists the details to verify, the address masked, and 确认更新 applies them to the record', async () => {
    const card = page.locator(`[data-ticket="${ticketNo}"]`);
    expect(await card.locator('.change').allTextContents()).toEqual(['姓名/企业名称：王晓明', '电子邮箱：new@example.com', '联系地址：上海市浦东新****']);
    expect(await page.locator('#intro').textContent()).toContain('1 张工单有待核实的客户资料变更');
    await card.locator('button.confirm').click();
    await page.locator('#status').filter({ hasText: /客户资料已更新：姓名\/企业名称、电子邮箱、联系地址/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator(`[data-ticket="${ticketNo}"] .pending`).count()).toBe(0);
    expect(ui.dialogs).toEqual([]);
    const rt = openRuntime(ui.dir).runtime;
    expect(rows(rt, '客户')[0]).toMatchObject({ [CUSTOMERS.col.name]: '王晓明', [CUSTOMERS.col.email]: 'new@example.com', [CUSTOMERS.col.address]: '上海市浦东新****' });
    expect(JSON.stringify(rows(rt, '工单'))).not.toContain('世纪大道');
  }, 30_000);
});
