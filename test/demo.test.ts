/** `npm start` — the demo a newcomer runs first — works end to end and leaves files a person can open. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../local/cli/main';

function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

describe('demo', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-'));

  test('runs a whole day and says where the workbook and emails are', async () => {
    const r = await run(['demo', '--state', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('受理 T20261123001');
    expect(r.out).toContain('待审核第 2 行');
    expect(r.out).toContain('workbook.xlsx');
    expect(fs.existsSync(path.join(dir, 'workbook.xlsx'))).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'outbox')).filter((f) => f.endsWith('.eml')).length).toBeGreaterThan(5);
    // The manager's weekly report went out.
    const emls = fs.readdirSync(path.join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
    const reportMail = emls.map((f) => fs.readFileSync(path.join(dir, 'outbox', f), 'utf8')).find((m) => /^To: manager@example\.com/m.test(m));
    expect(reportMail).toBeDefined();
    expect(r.out).toContain('主管生成本周周报');
    const state = fs.readFileSync(path.join(dir, 'state.json'), 'utf8');
    // The phone call's ID number and address are only stored encrypted.
    expect(state).not.toContain('11010519491231002X');
    expect(state).not.toContain('望京街');
  });

  test('runs again over its own folder, but never over a state it did not make', async () => {
    expect((await run(['demo', '--state', dir])).code).toBe(0);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'not-demo-'));
    expect((await run(['init', '--state', other, '--at', '2026-11-23T09:00:00+08:00'])).code).toBe(0);
    const refused = await run(['demo', '--state', other]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--force');
  });

  test('speaks English with --lang en', async () => {
    const r = await run(['demo', '--state', dir, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('accepted T20261123001');
  });
});
