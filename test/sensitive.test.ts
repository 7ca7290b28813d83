/**
 * Sensitive plaintext (address, ID number) never lands in what the local
 * runtime saves: state.json, workbook.xlsx, the mails, the logs — whether
 * the submission is accepted or sent to 待审核.
 */
import { TICKETS } from '../src/sheets/schema';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { saveSession } from '../local/cli/session';
import { WORKBOOK_FILE } from '../local/persist/workbook';
import { STATE_FILE } from '../local/persist/state-file';
import type { Runtime } from '../local/runtime/runtime';
import { person, submitOne, world } from './helpers/world';

const ADDRESS = '北京市朝阳区建国路88号现代城5号楼1203室';
const ID_NUMBER = '11010519491231002X';
const SECRETS = [ADDRESS, ID_NUMBER, '建国路88号', '19491231002'];

async function workbookText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.text)))));
  return parts.join('\n');
}

async function leaks(rt: Runtime): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-sensitive-'));
  try {
    await saveSession(dir, rt);
    const where: Record<string, string> = {
      'state.json': fs.readFileSync(path.join(dir, STATE_FILE), 'utf8'),
      'workbook.xlsx': await workbookText(path.join(dir, WORKBOOK_FILE)),
      mails: rt.state.mail.sent.map((m) => [m.to, m.subject, m.body, m.htmlBody].join('\n')).join('\n'),
      logs: rt.state.logs.map((l) => l.message).join('\n'),
    };
    expect(where['workbook.xlsx']).toContain(TICKETS.col.customerNo);
    return Object.entries(where).flatMap(([file, text]) => SECRETS.filter((s) => text.includes(s)).map((s) => `${s} in ${file}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('address and ID number appear in no saved file, mail or log', async () => {
  const rt = world();
  const sensitive = { address: ADDRESS, id_number: ID_NUMBER };
  expect(submitOne(rt, person({ ...sensitive, mobile: '13900000001', email: 'a@example.com' }), 'manual').outcome).toBe('accepted');
  expect(submitOne(rt, person({ address: ADDRESS, mobile: '13900000002', email: 'b@example.com' }), 'form').outcome).not.toBe('failed');
  // Invalid in other fields: goes to 待审核 with its raw data.
  expect(submitOne(rt, person({ ...sensitive, mobile: '123', email: 'not-an-email' }), 'manual').outcome).toBe('review');
  // Returning customer known by the same ID number only (the same mobile and need minutes later would be asked about as entered twice).
  expect(submitOne(rt, person({ ...sensitive, mobile: '13900000003', email: 'c@example.com' }), 'manual').outcome).toBe('accepted');
  expect(rt.state.mail.sent.length).toBeGreaterThan(0);
  expect(await leaks(rt)).toEqual([]);
});

// Once filed, the row's address and ID number cells in 导入 hold the sealed marker instead.
test('an imported row leaves no plaintext address or ID number in 导入', async () => {
  const rt = world();
  expect(submitOne(rt, person({ address: ADDRESS, id_number: ID_NUMBER, mobile: '13900000004' }), 'import').outcome).toBe('accepted');
  expect(await leaks(rt)).toEqual([]);
});
