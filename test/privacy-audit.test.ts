/**
 * The plaintext audit: a customer's address and ID number, typed through
 * every channel, reviewed, revealed, exported, corrected and deleted, are
 * found nowhere but in their sealed columns — not in any sheet, the Form's
 * responses, sent or queued mail, logs, script properties or cache, what the
 * local runtime saves (state.json, workbook.xlsx), nor in any reply a staff
 * member's browser or a webhook client receives (the reveal to a staff
 * member with the right, and the export made for the customer, excepted).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { saveSession } from '../local/cli/session';
import { WORKBOOK_FILE } from '../local/persist/workbook';
import { STATE_FILE } from '../local/persist/state-file';
import type { Runtime } from '../local/runtime/runtime';
import { CUSTOMERS, REVIEW } from '../src/sheets/schema';
import { person, rows, submitOne, world } from './helpers/world';

/** A resident ID number with its check digit (GB 11643-1999). */
function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

/** One customer's secrets per channel, so a leak names the path it took. */
const CHANNELS = ['form', 'manual', 'import', 'webhook', 'review'] as const;
type Channel = (typeof CHANNELS)[number];
const SECRETS: Record<Channel, { address: string; street: string; id: string; mobile: string; email: string }> = Object.fromEntries(
  CHANNELS.map((c, i) => {
    const street = `建国路${81 + i}号现代城${i + 1}号楼`;
    return [c, { address: `北京市朝阳区${street}1203室`, street, id: residentId(`110105${1980 + i}0${i + 1}1500${i}`), mobile: `1390000010${i}`, email: `${c}@example.com` }];
  }),
) as never;

/** The parts of a sensitive value that must not appear: the whole and the part a mask hides. */
function needles(s: (typeof SECRETS)[Channel]): string[] {
  return [s.address, s.street, s.id, s.id.slice(3, 14)];
}

async function workbookText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text), String(cell.note ?? '')))));
  return parts.join('\n');
}

/** Every place personal data could rest, as text, by name. */
async function places(rt: Runtime, replies: readonly unknown[]): Promise<Record<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-audit-'));
  try {
    await saveSession(dir, rt);
    const out: Record<string, string> = {};
    for (const sheet of rt.state.spreadsheet.sheets) out[`sheet ${sheet.name}`] = JSON.stringify(sheet);
    out['Form responses'] = JSON.stringify(rt.state.forms.map((f) => f.responses));
    out['sent mail'] = JSON.stringify(rt.state.mail.sent);
    out.logs = JSON.stringify(rt.state.logs);
    out['script properties'] = JSON.stringify(rt.state.properties);
    out['replies'] = JSON.stringify(replies);
    out['state.json'] = fs.readFileSync(path.join(dir, STATE_FILE), 'utf8');
    out['workbook.xlsx'] = await workbookText(path.join(dir, WORKBOOK_FILE));
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** "<channel>'s <value> in <place>" for every sensitive value found outside its sealed column. */
async function leaks(rt: Runtime, replies: readonly unknown[], channels: readonly Channel[] = CHANNELS): Promise<string[]> {
  const where = await places(rt, replies);
  return Object.entries(where).flatMap(([place, text]) =>
    channels.flatMap((c) => needles(SECRETS[c]).filter((n) => text.includes(n)).map((n) => `${c}'s ${n} in ${place}`)),
  );
}

/** A world whose admin turned the webhook on (a token in 配置 › 接口 / 令牌). */
function auditWorld(): Runtime {
  const rt = world();
  const config = rt.state.spreadsheet.sheets.find((s) => s.name === '配置')!;
  const row = config.rows.findIndex((r) => r && r.v[0] === '接口' && r.v[1] === '令牌') + 1;
  const typed = rt.staff.type('配置', row, 3, 'audit-token-0123456789abcdef', rt.state.owner);
  if (!typed.ok) throw new Error(typed.message);
  return rt;
}

const LEAD = 'sales-lead@example.com'; // on the owner's reveal list (setup takes it from the sample 配置)
const STAFF = 'sales1@example.com';

function answers(c: Channel, extra: Record<string, string> = {}): Record<string, string> {
  const s = SECRETS[c];
  return person({ name: `客户${c}`, mobile: s.mobile, email: s.email, address: s.address, id_number: s.id, ...extra }) as Record<string, string>;
}

describe('the plaintext audit', () => {
  test('every channel, a review, a returning customer and a reveal leave no plaintext address or ID number', async () => {
    const rt = auditWorld();
    const replies: unknown[] = [];
    const keep = <T>(x: T): T => (replies.push(x), x);
    for (const c of ['form', 'manual', 'import', 'webhook'] as const) {
      const line = keep(submitOne(rt, answers(c), c));
      expect([c, line]).toEqual([c, expect.objectContaining({ outcome: 'accepted' })]);
    }
    // A Form response with a wrong email goes to 待审核; its reviewer corrects and resubmits it.
    expect(keep(submitOne(rt, answers('review', { email: 'not-an-email' }), 'form')).outcome).toBe('review');
    const item = rows(rt, '待审核').findIndex((r) => String(r[REVIEW.col.problems]).length > 0) + 2;
    const resubmitted = rt.run('resubmitReview', [item, { email: SECRETS.review.email }], { user: STAFF });
    expect(resubmitted.ok).toBe(true);
    keep(resubmitted.value);
    // Each customer comes back through another channel with the same ID number.
    expect(keep(submitOne(rt, answers('form', { need_description: '上次的电脑需要加装内存，请安排工程师上门' }), 'manual')).outcome).toBe('accepted');
    expect(keep(submitOne(rt, answers('manual', { need_description: '想再订购5台显示器，请报价并说明交期' }), 'webhook')).outcome).toBe('accepted');
    // A staff member without the right is refused; the reply to one with the right is the reveal itself.
    const manualCustomer = String(rows(rt, '客户').find((r) => r[CUSTOMERS.col.mobile] === SECRETS.manual.mobile)![CUSTOMERS.col.no]);
    keep(rt.run('revealSensitive', [manualCustomer], { user: STAFF }).value);
    const revealed = rt.run('revealSensitive', [manualCustomer], { user: LEAD });
    expect(revealed.value).toMatchObject({ ok: true, address: SECRETS.manual.address, id_number: SECRETS.manual.id });
    expect(await leaks(rt, replies)).toEqual([]);
  });

  test('an export, corrections of both sealed fields and a deletion leave no plaintext; the deleted customer is gone from every store', async () => {
    const rt = auditWorld();
    const replies: unknown[] = [];
    for (const c of ['form', 'manual', 'import', 'webhook'] as const) replies.push(submitOne(rt, answers(c), c));
    const numberOf = (c: Channel) => String(rows(rt, '客户').find((r) => r[CUSTOMERS.col.mobile] === SECRETS[c].mobile)![CUSTOMERS.col.no]);
    const [manual, imported, webhook] = [numberOf('manual'), numberOf('import'), numberOf('webhook')];
    // The export is made for the customer: its reply is the one place their values may be, and it is not kept.
    const exported = rt.run('exportPersonalData', [manual], { user: LEAD });
    expect(JSON.stringify(exported.value)).toContain(SECRETS.manual.address);
    // The import customer's address and ID number are corrected to the review customer's (unused) ones.
    for (const [field, value] of [['address', SECRETS.review.address], ['id_number', SECRETS.review.id]] as const) {
      const r = rt.run('correctPersonalData', [imported, field, value, '客户来电更正'], { user: LEAD });
      expect([field, r.ok]).toEqual([field, true]);
      replies.push(r.value);
    }
    const erased = rt.run('erasePersonalData', [webhook, webhook, '来电请求删除'], { user: LEAD });
    expect(erased.ok).toBe(true);
    replies.push(erased.value, rt.run('findPersonalData', [webhook], { user: LEAD }).value);
    expect(await leaks(rt, replies)).toEqual([]);
    // Beyond the sealed fields: nothing that names or reaches the deleted customer stays, mail already delivered excepted.
    const where = await places(rt, replies);
    delete where['sent mail'];
    const saved = JSON.parse(where['state.json']!) as { mail: { sent: unknown[] } };
    saved.mail.sent = [];
    where['state.json'] = JSON.stringify(saved);
    const s = SECRETS.webhook;
    const found = Object.entries(where).flatMap(([place, text]) => ['客户webhook', s.mobile, s.email].filter((n) => text.includes(n)).map((n) => `${n} in ${place}`));
    expect(found).toEqual([]);
  });

  test('two different ID numbers in one submission are named, not quoted, in every reply and sheet', async () => {
    const rt = auditWorld();
    const replies: unknown[] = [];
    const twice = { ...answers('manual'), 身份证号: SECRETS.import.id };
    for (const via of ['manual', 'webhook', 'import'] as const) replies.push(submitOne(rt, twice, via));
    expect(await leaks(rt, replies, ['manual', 'import'])).toEqual([]);
  });
});
