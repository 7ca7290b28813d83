/**
 * The README's picture of a report email: takes the HTML part of a report
 * .eml from an outbox and renders it in headless Chromium, at a phone's
 * width, into test-output/screenshots/report-email.png (ignored);
 * `npm run screenshots` runs it and copies the picture into docs/.
 *
 *   npx tsx scripts/screenshot-report.ts [--state DIR] [--out FILE]
 *
 * With --state, the latest report in DIR/outbox is used; without it, a fresh
 * state in a temporary folder lives through a week of submissions and staff
 * work on the built bundle, then sends a weekly report. Needs Debian's
 * chromium (/usr/bin/chromium) and a CJK font (fonts-wqy-microhei).
 */
import { TICKETS } from '../src/sheets/schema';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { parseSubmissions, readInputFile, type RawRecord } from '../local/drive/input';
import { submitVia } from '../local/drive/submit';
import { REPO_ROOT, saveSession, startRuntime } from '../local/cli/session';
import { OUTBOX_DIR } from '../local/persist/outbox';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCell, lastColumn, lastRow } from '../local/runtime/sheet-data';
import { newState } from '../local/runtime/state';

/** The report mail's heading, e.g. 周报 · 2026-11-23 至 2026-11-27. */
const REPORT_TITLE = /<h2[^>]*>(周报|月报|季报|Weekly report|Monthly report|Quarterly report) · \d{4}-/;
const at = (local: string) => Date.parse(`${local}+08:00`);

/** A week in the life of the add-on, ending with an on-demand weekly report. */
async function makeState(dir: string): Promise<void> {
  const rt = startRuntime(newState({ clock: at('2026-11-23T08:30:00'), seed: 'screenshot' }));
  if (!rt.run('setup').ok) throw new Error('setup failed');
  const example = (name: string): RawRecord[] => {
    const { text } = readInputFile(path.join(REPO_ROOT, 'examples', name));
    return parseSubmissions(text, name);
  };
  const base = example('day-form.json')[0]!;
  const variants: RawRecord[] = [
    { need_description: '手机端登录卡顿，打开首页要等十几秒', industry: '零售', satisfaction: '3' },
    { need_description: '最近登录卡顿，尤其是早上高峰期', industry: '制造业', source_channel: '官网', budget: '1-5万' },
    { need_description: '后台登录卡顿，导出报表也很慢', industry: '互联网', need_type: '技术支持', satisfaction: '4' },
    { need_description: '想了解企业版价格，约200人使用', industry: '教育', need_type: '产品咨询', expected_response: '3个工作日内', budget: '10万以上' },
    { need_description: '希望增加批量导入客户的功能', industry: '金融', need_type: '其他', cooperation_mode: '长期合作' },
  ];
  const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'];
  example('day-form.json').forEach((r, i) => submitVia(rt, 'form', [r], { at: at(`${days[i % 4]}T${10 + i}:05:00`) }));
  variants.forEach((v, i) =>
    submitVia(rt, 'form', [{ ...base, ...v, name: `客户${i + 1}`, mobile: `1390000000${i}`, email: `c${i}@example.com` }], { at: at(`${days[i % 4]}T15:${10 + i}:00`) }),
  );
  submitVia(rt, 'manual', example('phone-call.json'), { at: at('2026-11-24T11:30:00'), as: 'support1@example.com' });
  submitVia(rt, 'import', example('crm-export.csv'), { at: at('2026-11-25T13:40:00'), as: 'sales1@example.com' });
  submitVia(rt, 'webhook', example('webhook.json'), { at: at('2026-11-26T14:05:00') });
  staffWork(rt);
  rt.advanceClockTo(at('2026-11-27T17:30:00'));
  const report = rt.run('reportNow', ['weekly']);
  if (!report.ok) throw new Error(`report failed: ${report.error}`);
  await saveSession(dir, rt);
}

/** Staff move a few tickets on (the first answered, the second resolved). */
function staffWork(rt: Runtime): void {
  const sheet = findSheet(rt.state, '工单')!;
  const col = (label: string) => {
    for (let c = 1; c <= lastColumn(sheet); c++) if (getCell(sheet, 1, c) === label) return c;
    throw new Error(`no column ${label}`);
  };
  const statusCol = col(TICKETS.col.status);
  const ownerCol = col(TICKETS.col.owner);
  rt.advanceClockTo(at('2026-11-26T16:00:00'));
  for (let r = 2; r <= Math.min(lastRow(sheet), 6); r++) {
    const owner = String(getCell(sheet, r, ownerCol));
    const user = owner.includes('@') ? owner : 'admin@example.com';
    rt.editCell('工单', r, statusCol, '已联系客户', user);
    if (r % 2 === 0) rt.editCell('工单', r, statusCol, '问题已解决', user);
  }
}

/** The decoded HTML part of an RFC 5322 message (quoted-printable or base64). */
function htmlPart(eml: string): string {
  const m = /Content-Type: text\/html[^\r\n]*\r?\n((?:[^\r\n]+\r?\n)*?)\r?\n([\s\S]*?)\r?\n--/i.exec(eml);
  if (!m) throw new Error('the message has no HTML part');
  const headers = m[1]!;
  const body = m[2]!;
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

function latestReport(dir: string): string {
  const outbox = path.join(dir, OUTBOX_DIR);
  const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).sort().reverse();
  for (const f of files) {
    const html = htmlPart(fs.readFileSync(path.join(outbox, f), 'utf8'));
    if (REPORT_TITLE.test(html)) return html;
  }
  throw new Error(`no report in ${outbox}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { state: { type: 'string' }, out: { type: 'string' } } });
  const out = path.resolve(values.out ?? path.join(REPO_ROOT, 'test-output', 'screenshots', 'report-email.png'));
  let dir = values.state ? path.resolve(values.state) : '';
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-report-'));
    await makeState(dir);
  }
  const html = latestReport(dir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 430, height: 900 }, deviceScaleFactor: 2 });
    // The mail is self-contained (inline styles, no images): nothing may be fetched.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
  }
  console.log(`${path.relative(process.cwd(), out)} (from ${dir})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
