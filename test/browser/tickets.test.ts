/**
 * The 我的工单 sidebar in Chromium, against the `cli ui` preview server: the
 * signed-in owner's open tickets, nearest deadline first, and a status change
 * made there handled like an edit in the sheet (历史, stamp, customer mail).
 * Skips without /usr/bin/chromium unless CI is set.
 */
import { HISTORY, TICKETS } from '../../src/sheets/schema';
import type { Page } from 'playwright-core';
import { openRuntime } from '../../local/cli/session';
import { describeBrowser, openSidebar, type OpenSidebar } from './harness';
import { ownerEmail, person, rows, submit, world } from '../helpers/world';

describeBrowser('我的工单 sidebar in a real browser', () => {
  let ui: OpenSidebar;
  let page: Page;
  let owner: string;
  let mine: { no: string; deadline: number }[];

  beforeAll(async () => {
    const rt = world();
    submit(rt, Array.from({ length: 8 }, (_, i) => person({
      name: `客户${i}`,
      mobile: `139${String(i).padStart(8, '0')}`,
      email: `t${i}@example.com`,
      expected_response: i % 2 ? '24小时内' : '3个工作日内',
    })), 'manual');
    const tickets = rows(rt, '工单');
    const shown = tickets[0]![TICKETS.col.owner];
    owner = ownerEmail(rt, shown);
    mine = tickets.filter((x) => x[TICKETS.col.owner] === shown).map((x) => ({ no: String(x[TICKETS.col.no]), deadline: Date.parse(String(x[TICKETS.col.deadline])) }));
    mine.sort((a, b) => a.deadline - b.deadline);
    expect(mine.length).toBeGreaterThan(1);
    ui = await openSidebar(rt, 'tickets', { user: owner, height: 1000 });
    page = ui.page;
    await page.locator('.ticket').first().waitFor({ timeout: 15_000 });
  }, 60_000);

  afterAll(async () => ui?.close());

  test('lists only the owner’s open tickets, nearest deadline first', async () => {
    const shown = await page.locator('.ticket').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-ticket')));
    expect(shown).toEqual(mine.map((m) => m.no));
  });

  test('each card shows the customer’s 手机 and 邮箱 and a link to the ticket’s row in 工单', async () => {
    const tickets = rows(openRuntime(ui.dir).runtime, '工单');
    const index = tickets.findIndex((x) => x[TICKETS.col.no] === mine[0]!.no);
    const i = Number(String(tickets[index]![TICKETS.col.name]).replace('客户', ''));
    const card = page.locator(`[data-ticket="${mine[0]!.no}"]`);
    await expect(card.locator('.contact').innerText()).resolves.toContain(`手机：139${String(i).padStart(8, '0')}`);
    await expect(card.locator('.contact').innerText()).resolves.toContain(`邮箱：t${i}@example.com`);
    expect(await card.locator('a.open').getAttribute('href')).toMatch(new RegExp(`/edit#gid=\\d+&range=A${index + 2}$`));
    expect(await card.locator('a.open').getAttribute('target')).toBe('_blank');
  });

  test('a status change is handled as an edit in the sheet: 历史, first-response stamp, customer mail', async () => {
    const first = page.locator(`[data-ticket="${mine[0]!.no}"]`);
    await first.locator('select').selectOption('已联系客户');
    await first.locator('.note').fill('已电话联系，约周三上门');
    await first.locator('button.action').click();
    await page.locator('#status').filter({ hasText: /已改为“已联系客户”/ }).waitFor({ timeout: 10_000 });
    const rt = openRuntime(ui.dir).runtime;
    const ticket = rows(rt, '工单').find((x) => x[TICKETS.col.no] === mine[0]!.no)!;
    expect(ticket[TICKETS.col.status]).toBe('已联系客户');
    expect(String(ticket[TICKETS.col.firstResponseAt])).toMatch(/^2026-11-23T/);
    const history = rows(rt, '历史').filter((h) => h[HISTORY.col.ticketNo] === mine[0]!.no);
    expect(history.at(-1)).toMatchObject({ [HISTORY.col.actor]: owner, [HISTORY.col.oldValue]: '新建', [HISTORY.col.newValue]: '已联系客户', [HISTORY.col.note]: '已电话联系，约周三上门' });
    expect(rt.state.mail.sent.some((m) => m.subject.includes(mine[0]!.no) && m.subject.includes('已联系客户'))).toBe(true);
  }, 30_000);

  test('请客户补充信息 needs a note, then pauses the ticket and mails the customer their pre-filled link', async () => {
    const card = page.locator(`[data-ticket="${mine[1]!.no}"]`);
    await card.getByRole('button', { name: '请客户补充信息' }).click();
    await page.locator('#status').filter({ hasText: /请先在进度说明里写明/ }).waitFor({ timeout: 10_000 });
    await card.locator('.note').fill('请告诉我们需要的台数');
    await card.getByRole('button', { name: '请客户补充信息' }).click();
    await page.locator('#status').filter({ hasText: /已请客户补充信息/ }).waitFor({ timeout: 10_000 });
    const rt = openRuntime(ui.dir).runtime;
    expect(rows(rt, '工单').find((x) => x[TICKETS.col.no] === mine[1]!.no)![TICKETS.col.status]).toBe('待客户补充');
    const mail = rt.state.mail.sent.find((m) => m.subject === `请补充信息：您的工单 ${mine[1]!.no}`)!;
    expect(mail.body).toContain('请告诉我们需要的台数');
    expect(mail.body).toMatch(/viewform\?usp=pp_url&entry\./);
    await expect(page.locator(`[data-ticket="${mine[1]!.no}"]`).innerText()).resolves.toContain('正在等待客户补充信息');
  }, 30_000);

  test('a closed ticket leaves the list', async () => {
    const first = page.locator(`[data-ticket="${mine[0]!.no}"]`);
    await first.locator('select').selectOption('已关闭');
    await first.locator('button.action').click();
    await page.locator('#status').filter({ hasText: /已改为“已关闭”/ }).waitFor({ timeout: 10_000 });
    expect(await page.locator(`[data-ticket="${mine[0]!.no}"]`).count()).toBe(0);
    expect(await page.locator('.ticket').count()).toBe(mine.length - 1);
  }, 30_000);
});
