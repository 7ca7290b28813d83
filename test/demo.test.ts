/** `npm start` — the demo a newcomer runs first — works end to end and leaves files a person can open, in its own folder. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../local/cli/main';

const ROOT = path.resolve(__dirname, '..');

function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
/** A scratch folder, removed after the tests. */
function scratch(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

const emls = (dir: string): string[] => fs.readdirSync(path.join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));

describe('demo', () => {
  const dir = scratch('demo-');

  test('runs a whole day and says which folder it made and where the workbook and emails are', async () => {
    const r = await run(['demo', '--state', dir]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(`演示目录：${dir}（新建）`);
    expect(r.out).toContain('受理 T20261123001');
    expect(r.out).toContain('待审核第 2 行');
    expect(r.out).toContain(`完成。打开表格：${path.join(dir, 'workbook.xlsx')}`);
    expect(fs.existsSync(path.join(dir, 'workbook.xlsx'))).toBe(true);
    expect(emls(dir).length).toBeGreaterThan(5);
    // The manager's weekly report went out.
    const reportMail = emls(dir).map((f) => fs.readFileSync(path.join(dir, 'outbox', f), 'utf8')).find((m) => /^To: manager@example\.com/m.test(m));
    expect(reportMail).toBeDefined();
    expect(r.out).toContain('主管生成本周周报');
    // Issue 19's walk-through: an option typed into 配置 reaching the Form, a pause moving a deadline, a corrected mobile matched afterwards.
    expect(r.out).toContain('表单的“需求类型”随即变为 产品咨询、合作洽谈、售后支持、技术支持、资料更新、其他、服务合作');
    expect(r.out).toMatch(/T20261123001 恢复为“已联系客户”，截止时间按暂停的工作时间顺延：2026-11-24 09:12 → 2026-11-25 13:07/);
    expect(r.out).toMatch(/王小明用新手机号来电，客服线下录入：王小明 → 受理 T\d+（客户 C20261123001，老客户/);
    expect(r.out).toContain('含季度复盘：表单完成率、信息准确率、线下表单回收率和问题分配延迟');
    // The last two mails: the weekly report and the quarterly one.
    for (const f of emls(dir).sort().slice(-2)) expect(fs.readFileSync(path.join(dir, 'outbox', f), 'utf8')).toMatch(/^To: manager@example\.com/m);
    const state = fs.readFileSync(path.join(dir, 'state.json'), 'utf8');
    // The phone call's ID number and address are only stored encrypted.
    expect(state).not.toContain('11010519491231002X');
    expect(state).not.toContain('望京街');
  });

  test('run twice, it replaces its own folder and says so; the old emails go with it', async () => {
    const before = emls(dir);
    const again = await run(['demo', '--state', dir]);
    expect(again.code).toBe(0);
    expect(again.out.split('\n')[0]).toBe(`演示目录：${dir}（替换了上次演示的结果）`);
    expect(emls(dir)).toEqual(before);
  });

  test('never replaces a state someone made with init, nor its own once changed since; --force does, and says so', async () => {
    const other = scratch('not-demo-');
    expect((await run(['init', '--state', other, '--at', '2026-11-23T09:00:00+08:00'])).code).toBe(0);
    const userState = fs.readFileSync(path.join(other, 'state.json'));
    const refused = await run(['demo', '--state', other]);
    expect(refused.code).toBe(2);
    expect(refused.out).toBe('');
    expect(refused.err).toBe(`${other} 中已有不是演示生成的状态，没有改动：演示默认使用 ./demo-state；如确要用演示替换它，请加 --force（npm start -- --force）`);
    expect(fs.readFileSync(path.join(other, 'state.json')).equals(userState)).toBe(true);
    expect(fs.existsSync(path.join(other, '.demo'))).toBe(false);

    // Someone worked in the demo's folder: that is their work now.
    expect((await run(['status', 'T20261123002', '已联系客户', '--state', dir])).code).toBe(0);
    const changed = fs.readFileSync(path.join(dir, 'state.json'));
    const kept = await run(['demo', '--state', dir, '--lang', 'en']);
    expect(kept.code).toBe(2);
    expect(kept.err).toContain(`${dir} holds the last demo, changed since`);
    expect(fs.readFileSync(path.join(dir, 'state.json')).equals(changed)).toBe(true);

    const forced = await run(['demo', '--state', other, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.out.split('\n')[0]).toBe(`演示目录：${other}（--force：替换了其中原有的状态）`);
    expect(fs.readFileSync(path.join(other, 'state.json')).equals(userState)).toBe(false);
  });

  test('speaks English with --lang en', async () => {
    const fresh = scratch('demo-en-');
    const r = await run(['demo', '--state', fresh, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(`demo folder: ${fresh} (new)`);
    expect(r.out).toContain('accepted T20261123001');
  });
});

describe('npm start without --state', () => {
  test('uses ./demo-state, so the ./local-state a user works in is never touched', () => {
    const cwd = scratch('demo-cwd-');
    const tsx = (...args: string[]) => spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'local', 'cli', 'main.ts'), ...args], { cwd, encoding: 'utf8' });
    expect(tsx('init', '--at', '2026-11-23T09:00').status).toBe(0);
    const userState = fs.readFileSync(path.join(cwd, 'local-state', 'state.json'));
    const r = tsx('demo');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`演示目录：${path.join(cwd, 'demo-state')}（新建）`);
    expect(fs.existsSync(path.join(cwd, 'demo-state', 'workbook.xlsx'))).toBe(true);
    expect(fs.readFileSync(path.join(cwd, 'local-state', 'state.json')).equals(userState)).toBe(true);
  });
});
