/**
 * Every kind of mail the add-on sends, on a phone (390 px wide) and on a
 * desktop (1000 px), in Chromium: nothing wider than the screen, no table
 * cell whose content spills out of it, with the longest values a real
 * workbook holds (a long company name, a long address, a long link, a
 * 500-character description). Customer and staff mails are rendered by the
 * domain functions; the acknowledgement and the report come out of a run of
 * the bundle. Screenshots go to test-output/screenshots/mail-*.png.
 */
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { setConfigValue, forgetCachedConfig } from '../../local/drive/config-view';
import type { Runtime } from '../../local/runtime/runtime';
import {
  renderAcknowledgement, renderAssignDigest, renderAssignment, renderEscalation, renderImportDigest, renderIntakeOutage,
  renderIntakeRecovered, renderOverdueDigest, renderProgress, renderReassignment, type RenderedMail,
} from '../../src/domain/email';
import type { Locale } from '../../src/i18n/messages';
import { describeBrowser, screenshotPath } from './harness';
import { person, submitOne, world } from '../helpers/world';

const CHROMIUM = '/usr/bin/chromium';

const COMPANY = '深圳市前海国际供应链管理与跨境电子商务综合服务有限公司华南区第一分公司（Shenzhen Qianhai International Supply Chain Co., Ltd.）';
const CUSTOMER = '北京市海淀区中关村科技园区智能制造与工业互联网创新研究院有限责任公司';
const EMAIL = 'zhang.wei.customer-success.department.south-china@subsidiary.example-corporation.com.cn';
const URL = 'https://docs.google.com/forms/d/e/1FAIpQLSfV' + 'k3Jx9QwErTyUiOpAsDfGhJkLzXcVbNm'.repeat(4) + '/viewform?usp=pp_url&entry.1234567890=T20261123001-0123456789ab';
const TOKEN = 'ERR_CONNECTION_RESET_WHILE_UPLOADING_QUARTERLY_INVENTORY_RECONCILIATION_REPORT_TO_ERP_GATEWAY';
const SUMMARY = ('我们公司上个月采购的贵司仓储管理系统在导出季度库存对账报表时频繁报错，错误信息为 ' + TOKEN + '，详见 ' + URL + ' 。') .repeat(3).slice(0, 500);
const NOTE = ('已与客户电话沟通，确认问题出在网关超时设置（' + TOKEN + '），已调整并复测通过，详细记录见 ' + URL + ' ；') .repeat(4).slice(0, 1000);
const DEADLINE = '2026-11-24 10:00';
const SHEET_LINK = 'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefgh/edit#gid=1234567890&range=A1234';

function staffAndCustomerMails(locale: Locale): [string, RenderedMail][] {
  // What staff mails add: the customer's contact and a link to the row, both as long as they come.
  const staff = { recipientName: '欧阳娜娜', contact: { mobile: '13800138000', landline: '0755-88886666 转 12345（工作日 9:00-18:00）', email: EMAIL }, link: SHEET_LINK };
  const tickets = Array.from({ length: 8 }, (_, i) => ({ ticketNo: `T2026112300${i + 1}`, customerName: CUSTOMER, priority: '高', deadlineText: DEADLINE, contact: staff.contact, link: SHEET_LINK }));
  const overdue = Array.from({ length: 8 }, (_, i) => ({ ticketNo: `T2026112300${i + 1}`, customerName: CUSTOMER, owner: EMAIL, status: '已联系客户', overdue: '首次响应已超时 2 天 3 小时', contact: staff.contact, link: SHEET_LINK }));
  return [
    ['ack', renderAcknowledgement({ companyName: COMPANY, ticketNo: 'T20261123001', needType: '售后支持', firstResponseText: '2026-11-23 15:00', deadlineText: DEADLINE, replyable: true, locale })],
    ['progress', renderProgress({ companyName: COMPANY, customerName: CUSTOMER, ticketNo: 'T20261123001', status: '已联系客户', note: NOTE, replyable: true, locale })],
    ['resolved', renderProgress({ companyName: COMPANY, customerName: CUSTOMER, ticketNo: 'T20261123001', status: '问题已解决', note: NOTE, surveyUrl: URL, replyable: true, locale })],
    ['assignment', renderAssignment({ ticketNo: 'T20261123001', customerName: CUSTOMER, needType: '售后支持', issueType: '功能缺陷', priority: '高', deadlineText: DEADLINE, summary: SUMMARY, team: '华南区大客户售后技术支持与实施交付中心', ...staff, locale })],
    ['reassignment', renderReassignment({ ticketNo: 'T20261123001', customerName: CUSTOMER, status: '已联系客户', priority: '高', deadlineText: DEADLINE, from: EMAIL, ...staff, locale })],
    ['assign-digest', renderAssignDigest({ tickets, recipientName: staff.recipientName, locale })],
    ['import-digest', renderImportDigest({ tickets, recipientName: staff.recipientName, locale })],
    ['escalation-1', renderEscalation({ level: 1, ticketNo: 'T20261123001', customerName: CUSTOMER, status: '新建', priority: '高', owner: EMAIL, team: '华南区大客户售后技术支持与实施交付中心', deadlineText: DEADLINE, overdue: '首次响应已超时 2 天 3 小时', ...staff, locale })],
    ['escalation-2', renderEscalation({ level: 2, ticketNo: 'T20261123001', customerName: CUSTOMER, status: '新建', priority: '高', owner: EMAIL, team: '华南区大客户售后技术支持与实施交付中心', deadlineText: DEADLINE, overdue: '首次响应已超时 2 天 3 小时', ...staff, locale })],
    ['overdue-digest', renderOverdueDigest(overdue, '2026-11-30 09:00', locale, { deadline: 3, firstResponse: 6 })],
    ['intake-outage', renderIntakeOutage({ sinceText: '2026-11-23 10:00', reason: `工作表“工单”缺少列：${TOKEN}、具体需求描述（可能被改名或删除）；请运行 客户管理 › 初始化/修复`, locale })],
    ['intake-recovered', renderIntakeRecovered({ sinceText: '2026-11-23 10:00', locale })],
  ];
}

/** The acknowledgement, the weekly report and the quarterly one (with its 季度复盘, also in en) as the bundle sends them, from a week of long-winded tickets. */
function bundleMails(): [string, RenderedMail][] {
  const rt: Runtime = world(Date.parse('2026-11-23T08:00:00+08:00'));
  setConfigValue(rt.state, '通用', '公司名称', COMPANY);
  forgetCachedConfig(rt.state);
  for (let i = 0; i < 6; i++) {
    submitOne(rt, person({ name: `${CUSTOMER}${i}`, mobile: `1390013900${i}`, email: i === 0 ? EMAIL : `c${i}@example.com`, need_description: SUMMARY, industry: i % 2 ? '制造业' : '零售' }), 'form', Date.parse(`2026-11-2${3 + (i % 3)}T10:00:00+08:00`));
  }
  const ack = rt.state.mail.sent.find((m) => m.to === EMAIL)!;
  rt.advanceClockTo(Date.parse('2026-11-26T10:00:00+08:00'));
  const r = rt.run('reportNow', ['weekly']);
  if (!r.ok) throw new Error(r.error);
  const report = rt.state.mail.sent.at(-1)!;
  expect(report.subject).toContain('周报');
  const mail = (m: typeof ack): RenderedMail => ({ subject: m.subject, text: m.body, html: m.htmlBody });
  const quarterly = (): typeof ack => {
    const q = rt.run('reportNow', ['quarterly']);
    if (!q.ok) throw new Error(q.error);
    return rt.state.mail.sent.at(-1)!;
  };
  const zh = quarterly();
  expect(zh.body).toContain('【季度复盘】');
  setConfigValue(rt.state, '通用', '语言', 'en');
  forgetCachedConfig(rt.state);
  const en = quarterly();
  expect(en.body).toContain('Quarterly review');
  return [['bundle-ack', mail(ack)], ['report', mail(report)], ['report-quarterly', mail(zh)], ['report-quarterly-en', mail(en)]];
}

const VIEWPORTS = [{ name: 'phone', width: 390, height: 844 }, { name: 'desktop', width: 1000, height: 800 }] as const;

describeBrowser('every mail on a phone and a desktop', () => {
  let browser: Browser;
  const mails: [string, RenderedMail][] = [
    ...staffAndCustomerMails('zh-CN'),
    ...staffAndCustomerMails('en').map(([name, m]): [string, RenderedMail] => [`${name}-en`, m]),
  ];

  beforeAll(async () => {
    mails.push(...bundleMails());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);

  afterAll(async () => browser?.close());

  test('every kind is covered, and the long values are in them', () => {
    expect(mails.map(([n]) => n)).toEqual(expect.arrayContaining([
      'ack', 'progress', 'resolved', 'assignment', 'reassignment', 'assign-digest', 'import-digest', 'escalation-1', 'escalation-2',
      'overdue-digest', 'intake-outage', 'intake-recovered', 'bundle-ack', 'report', 'report-quarterly', 'report-quarterly-en',
    ]));
    const html = (name: string) => mails.find(([n]) => n === name)![1].html;
    expect(html('assignment')).toContain(TOKEN);
    expect(html('resolved')).toContain(TOKEN);
    expect(html('overdue-digest')).toContain(EMAIL);
    for (const kind of ['assignment', 'reassignment', 'assign-digest', 'import-digest', 'escalation-1', 'overdue-digest']) {
      expect(html(kind)).toContain(SHEET_LINK.replace(/&/g, '&amp;'));
      expect(html(kind)).toContain('0755-88886666');
    }
    expect(html('bundle-ack')).toContain('深圳市前海国际供应链');
    expect(html('report')).toContain('深圳市前海国际供应链');
  });

  for (const vp of VIEWPORTS) {
    test(`at ${vp.width} px nothing is wider than the screen and no cell spills`, async () => {
      const page = await browser.newPage({ viewport: { width: vp.width, height: vp.height } });
      const problems: string[] = [];
      try {
        for (const [name, mail] of mails) {
          await page.setContent(mail.html, { waitUntil: 'load' });
          const seen = await page.locator('html').evaluate((doc) => {
            const cells = [...doc.querySelectorAll('td, th')]
              .filter((c) => c.scrollWidth > c.clientWidth)
              .map((c) => `${c.tagName} ${c.scrollWidth}>${c.clientWidth} “${(c.textContent ?? '').slice(0, 40)}”`);
            return { width: doc.scrollWidth, cells };
          });
          if (seen.width > vp.width) problems.push(`${name}: page ${seen.width} px wide`);
          for (const c of seen.cells) problems.push(`${name}: ${c}`);
          const file = screenshotPath(`mail-${name}-${vp.width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect(fs.statSync(file).size).toBeGreaterThan(0);
        }
      } finally {
        await page.close();
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
