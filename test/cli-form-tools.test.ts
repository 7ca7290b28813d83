/**
 * `submit --via jinshuju|wjx|tencent` and `config` as a user runs them, in
 * test/cli.test.ts's way (a child process per command over a state folder):
 * each sample in examples/pushes/ files a ticket, 问卷星's after its rows are
 * added; a replay is a duplicate; a refusal says why and exits 1.
 */
import { spawnSync } from 'node:child_process';
import { CONFIG } from '../src/sheets/schema';
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'local', 'cli', 'main.ts');
const BUNDLE = path.join(ROOT, 'test-output', 'cli-test', `form-tools-${process.pid}.cjs`);
const SAMPLES = path.join(ROOT, 'examples', 'pushes');

let tmp: string;
let dir: string;

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BUNDLE, ...args, '--state', dir], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  await esbuild.build({
    entryPoints: [MAIN], outfile: BUNDLE, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    packages: 'external', define: { __dirname: JSON.stringify(path.dirname(MAIN)) }, logLevel: 'silent',
  });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-cli-tools-'));
  dir = path.join(tmp, 'state');
  expect(cli('init', '--at', '2026-11-23T10:00:00+08:00').code).toBe(0);
});
afterAll(() => {
  fs.rmSync(BUNDLE, { force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the 金数据 and 腾讯问卷 samples file tickets; the first push of a tool switches it on as the owner, and says so', () => {
  const jin = cli('submit', path.join(SAMPLES, 'jinshuju.json'), '--via', 'jinshuju');
  expect(jin.code).toBe(0);
  expect(lines(jin.stdout)).toEqual([expect.objectContaining({ index: 0, outcome: 'accepted', ticket_no: 'T20261123001', unmapped: ['field_9'] })]);
  expect(jin.stderr).toContain('金数据的推送原来未开启：已以所有者身份开启');
  const ten = cli('submit', path.join(SAMPLES, 'tencent.json'), '--via', 'tencent', '--lang', 'en');
  expect(ten.code).toBe(0);
  expect(lines(ten.stdout)[0]).toMatchObject({ outcome: 'accepted', ticket_no: 'T20261123002' });
  expect(ten.stderr).toContain('1 pushes: 1 filed');
  // Sent again, the same entry: a duplicate, and no second note about switching on.
  const again = cli('submit', path.join(SAMPLES, 'jinshuju.json'), '--via', 'jinshuju');
  expect([again.code, lines(again.stdout)[0]]).toEqual([0, expect.objectContaining({ outcome: 'duplicate', ticket_no: 'T20261123001' })]);
  expect(again.stderr).not.toContain('未开启');
});

test('问卷星\'s sample is refused until its rows are in 配置, then filed; a typo\'d row is reported with its note', () => {
  const refused = cli('submit', path.join(SAMPLES, 'wjx.json'), '--via', 'wjx');
  expect(refused.code).toBe(1);
  expect(lines(refused.stdout)[0]).toMatchObject({ outcome: 'refused', status: 422, code: 'no_required_field' });
  const rows = cli('config', '--file', path.join(SAMPLES, 'wjx-rows.tsv'));
  expect(rows.code).toBe(0);
  expect(lines(rows.stdout)).toHaveLength(19);
  const typo = cli('config', '表单工具', '问卷星 › q10', '生日日期');
  expect(typo.code).toBe(1);
  expect(lines(typo.stdout)[0]!.note).toMatch(/^⚠ .*“生日日期”不是客户信息字段/);
  const filed = cli('submit', path.join(SAMPLES, 'wjx.json'), '--via', 'wjx');
  expect(filed.code).toBe(0);
  expect(lines(filed.stdout)[0]).toMatchObject({ outcome: 'accepted', unmapped: ['q9'] });
  const shown = JSON.parse(cli('show', '工单', '--json').stdout) as Record<string, unknown>[];
  expect(shown.map((t) => [t['收集渠道'], t['经办人']])).toEqual([['金数据', '金数据'], ['腾讯问卷', '腾讯问卷'], ['问卷星', '问卷星']]);
  expect(String(shown[2]!['备注'])).toContain('q9: 周末也可以联系');
});

test('a wrong --token is refused (exit 1); --token without a tool and an unknown --via are usage errors (exit 2)', () => {
  const bad = cli('submit', path.join(SAMPLES, 'tencent.json'), '--via', 'tencent', '--token', 'nope');
  expect([bad.code, lines(bad.stdout)[0]]).toEqual([1, expect.objectContaining({ outcome: 'refused', status: 401, code: 'bad_token' })]);
  expect(cli('submit', path.join(SAMPLES, 'tencent.json'), '--token', 'nope').code).toBe(2);
  const unknown = cli('submit', path.join(SAMPLES, 'tencent.json'), '--via', 'wenjuan');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('jinshuju、wjx 或 tencent');
});

test('config on a setting that has its row changes that row\'s value, as an admin would; a bad value gets its note there', () => {
  const set = cli('config', '短信', '服务商', '腾讯云');
  expect(set.code).toBe(0);
  const [row] = lines(set.stdout);
  expect(row).toEqual({ row: expect.any(Number), group: '短信', key: '服务商', value: '腾讯云' });
  const bad = cli('config', '短信', '服务商', '京东云');
  expect(bad.code).toBe(1);
  expect(lines(bad.stdout)[0]).toMatchObject({ row: row!.row, value: '京东云', note: expect.stringMatching(/^⚠ 短信服务商“京东云”无效/) });
  const shown = JSON.parse(cli('show', '配置', '--json').stdout) as Record<string, unknown>[];
  expect(shown.filter((r) => r[CONFIG.col.group] === '短信' && r[CONFIG.col.key] === '服务商')).toHaveLength(1);
});
