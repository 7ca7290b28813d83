/**
 * The CLI as a user runs it: a child process per command over a state folder,
 * checking stdout, stderr, exit codes and the files left behind.
 */
import { CONFIG, HISTORY, SELF_CHECK, TICKETS } from '../src/sheets/schema';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newSheetState, newState, type RuntimeState } from '../local/runtime/state';
import { loadState, saveState, stateFilePath } from '../local/persist/state-file';
import { writeOutbox } from '../local/persist/outbox';
import { displayWidth, parseDuration, parseTime, renderTable } from '../local/cli/format';

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'local', 'cli', 'main.ts');
/**
 * The CLI bundled once for this file: the same sources `npm run cli` hands to
 * tsx, without tsx's start-up in each of the hundred-odd runs (the first test
 * runs the real `npm run cli`). Kept under test-output/ so its packages resolve
 * from the repository's node_modules; __dirname is the sources' own.
 */
const BUNDLE = path.join(ROOT, 'test-output', 'cli-test', `main-${process.pid}.cjs`);
const T0 = Date.UTC(2026, 10, 23, 1, 0, 0); // 2026-11-23 09:00 in Asia/Shanghai
const HOUR = 3_600_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx local/cli/main.ts ARGS` (what `npm run cli --` runs after the build check) from a scratch cwd. */
function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BUNDLE, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  await esbuild.build({
    entryPoints: [MAIN],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    define: { __dirname: JSON.stringify(path.dirname(MAIN)) },
    logLevel: 'silent',
  });
});
afterAll(() => fs.rmSync(BUNDLE, { force: true }));

let tmp: string;
let dir: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-cli-'));
  dir = path.join(tmp, 'state');
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * A state written without running setup: a 配置 sheet, two sent mails, and two
 * one-off clock triggers — the add-on's missed-submission sweep (nothing to
 * sweep, so it succeeds) and a function the bundle does not have.
 */
async function craftedState(): Promise<RuntimeState> {
  const state = newState({ clock: T0 });
  const config = newSheetState(0, '配置');
  config.frozenRows = 1;
  config.rows = [
    { v: [CONFIG.col.group, CONFIG.col.key, CONFIG.col.value, HISTORY.col.note] },
    { v: ['SLA', '高', 4, '小时'] },
    { v: ['日历', '起始日', { d: T0 }, '多行\n说明'], fmt: [null, null, 'yyyy-MM-dd'] },
  ];
  state.spreadsheet.sheets = [config, newSheetState(1, '客户')];
  state.mail.sent.push(
    { id: 'm1', at: T0, from: 'admin@example.com', to: 'a@example.com', cc: '', bcc: '', replyTo: '', name: '', subject: '第一封', body: '正文一', htmlBody: '' },
    { id: 'm2', at: T0 + HOUR, from: 'admin@example.com', to: 'b@example.com', cc: '', bcc: '', replyTo: '', name: '', subject: '第二封', body: '正文二', htmlBody: '<p>正文二</p>' },
  );
  state.triggers.push(
    { uid: 't1', owner: state.owner, handler: 'sweepSubmissions', eventType: 'CLOCK', source: 'CLOCK', sourceId: '', clock: { kind: 'at', at: T0 + HOUR }, nextRun: T0 + HOUR },
    { uid: 't2', owner: state.owner, handler: 'noSuchHandler', eventType: 'CLOCK', source: 'CLOCK', sourceId: '', clock: { kind: 'at', at: T0 + 90 * 60_000 }, nextRun: T0 + 90 * 60_000 },
  );
  await writeOutbox(dir, state);
  saveState(dir, state);
  return state;
}

describe('help and usage errors', () => {
  test('`npm run --silent cli -- --help` lists the commands', () => {
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const name of ['init', 'show', 'mail', 'clock']) expect(r.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  test('`<command> --help` shows its usage', () => {
    const r = cli('show', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('show SHEET [--json]');
    expect(cli('clock', '--help', '--lang', 'en').stdout).toContain('--advance DURATION');
  });

  test('an unknown option is a usage error (2) with a hint to --help', () => {
    const r = cli('show', '配置', '--bogus', '--state', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('不认识的选项 --bogus；运行 `npm run --silent cli -- show --help` 查看用法\n');
    expect(r.stdout).toBe('');
  });

  test('a missing option value, an unknown command or a bad duration is a usage error', () => {
    expect(cli('clock', '--advance').code).toBe(2);
    expect(cli('frobnicate').code).toBe(2);
    expect(cli().code).toBe(2);
    const r = cli('clock', '--advance', 'soon', '--state', dir, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the duration "soon"');
  });

  test('--lang en switches the CLI messages to English', () => {
    const zh = cli('show', '配置', '--state', dir);
    const en = cli('show', '配置', '--state', dir, '--lang', 'en');
    expect(zh.stderr).toContain('请先运行 `init`');
    expect(en.stderr.split('\n')[0]).toBe(`no state in ${dir}: run \`init\` first`);
    expect(cli('--help', '--lang', 'en').stdout).toContain('Commands:');
  });
});

describe('state folder refusals', () => {
  test('a missing state folder exits 2 and says to run init', () => {
    for (const args of [['show', '配置'], ['mail'], ['clock', '--advance', '1h']]) {
      const r = cli(...args, '--state', dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('init');
    }
    expect(fs.existsSync(dir)).toBe(false);
  });

  test('a --state that is a file, or a state.json that is a folder, is said in plain words', () => {
    fs.writeFileSync(path.join(tmp, 'notes.txt'), 'x');
    const file = cli('show', '配置', '--state', 'notes.txt');
    expect(file.code).toBe(2);
    expect(file.stderr).toBe(`${path.join(tmp, 'notes.txt')} 是一个文件，不是文件夹：--state 要给出状态目录（其中有 state.json）\n`);
    fs.mkdirSync(stateFilePath(dir), { recursive: true });
    const folder = cli('mail', '--state', dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`无法读取 ${stateFilePath(dir)}（是一个文件夹，不是文件）：请检查路径和权限\n`);
    expect(cli('mail', '--state', dir, '--lang', 'en').stderr).toBe(`cannot read ${stateFilePath(dir)} (is a folder, not a file): check the path and its permissions\n`);
  });

  test('a corrupt state.json is reported and left untouched', () => {
    fs.mkdirSync(dir);
    fs.writeFileSync(stateFilePath(dir), '{"format": "kehu-local-state", ');
    for (const args of [['show', '配置'], ['clock', '--advance', '1h']]) {
      const r = cli(...args, '--state', dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(stateFilePath(dir));
      expect(r.stderr).toContain('未被改动');
    }
    expect(fs.readFileSync(stateFilePath(dir), 'utf8')).toBe('{"format": "kehu-local-state", ');
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });
});

/** Bytes of a small CSV as Chinese Excel saves "CSV（逗号分隔）": GBK. */
const GBK_CSV = Buffer.from([
  0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x0d, 0x0a, // 姓名,手机号
  0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x33, 0x38, 0x30, 0x30, 0x31, 0x33, 0x38, 0x30, 0x30, 0x30, 0x0d, 0x0a, // 张三,13800138000
]);
const HOW_TO_ZH = 'Excel：另存为 › CSV UTF-8（逗号分隔）；WPS：另存为 › 文件类型 CSV 并选择 UTF-8 编码';

describe('submit: files it cannot read are refused in plain words, nothing submitted', () => {
  const submit = (file: string, ...more: string[]): Run => cli('submit', file, '--state', dir, ...more);
  const write = (name: string, data: string | Buffer): string => {
    fs.writeFileSync(path.join(tmp, name), data);
    return path.join(tmp, name);
  };

  test('a missing file and a folder, relative paths read from where the command runs', () => {
    const missing = submit('nope.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`找不到要提交的文件 ${path.join(tmp, 'nope.csv')}：请检查路径（相对路径从运行命令的目录算起）\n`);
    fs.mkdirSync(path.join(tmp, 'exports'));
    const folder = submit('exports');
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`${path.join(tmp, 'exports')} 是一个文件夹，不是文件：请给出 JSON 或 CSV 文件的路径\n`);
    expect(submit('exports', '--lang', 'en').stderr).toBe(`${path.join(tmp, 'exports')} is a folder, not a file: give the path of a JSON or CSV file\n`);
    expect(missing.stdout + folder.stdout).toBe('');
  });

  test('a UTF-16 CSV (Excel "Unicode 文本", with or without BOM) is named and refused, with how to save it as UTF-8', () => {
    const le = write('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名,手机号\r\n张三,13800138000\r\n', 'utf16le')]));
    const r = submit(le);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${le} 是 UTF-16 LE 编码的文本`);
    expect(r.stderr).toContain('为免乱码，没有提交任何记录');
    expect(r.stderr).toContain(HOW_TO_ZH);
    const be = write('u16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('姓名', 'utf16le').swap16()]));
    expect(submit(be).stderr).toContain('是 UTF-16 BE 编码的文本');
    expect(submit(write('nobom.csv', Buffer.from('name,mobile\r\nZhang,13800138000\r\n', 'utf16le'))).stderr).toContain('是 UTF-16 LE 编码的文本');
    const en = submit(le, '--lang', 'en');
    expect(en.stderr).toContain('is UTF-16 LE text');
    expect(en.stderr).toContain('Excel: Save As › CSV UTF-8 (Comma delimited)');
  });

  test('a GBK CSV is recognised (its header shown as GBK reads it) and refused; other bytes are not guessed at', () => {
    const gbk = write('客户.csv', GBK_CSV);
    const r = submit(gbk);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${gbk} 不是 UTF-8 编码，看起来是 GBK/GB18030（中文版 Excel、WPS 保存 CSV 的默认编码），第一行按 GBK 读出来是“姓名,手机号”：为免乱码，没有提交任何记录。请另存为 UTF-8 后重试——${HOW_TO_ZH}；记事本等文本编辑器：另存为时编码选 UTF-8\n`,
    );
    expect(submit(gbk, '--lang', 'en').stderr).toContain('it looks like GBK/GB18030');
    // Latin-1 "café" is neither UTF-8 nor GBK: the line is named, no encoding is guessed.
    const latin = submit(write('latin.csv', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a])));
    expect(latin.code).toBe(2);
    expect(latin.stderr).toContain('不是 UTF-8 编码（第 2 行有无法识别的字节），也不像 GBK');
    const xlsx = submit(write('export.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])));
    expect(xlsx.stderr).toContain('是 Excel 工作簿（.xlsx），不是 CSV 或 JSON');
  });

  test('broken JSON and CSV say where, without quoting the data', () => {
    const json = submit(write('day.json', '[{"手机号": "13800138000"},\n {"姓名/企业名称": }]'));
    expect(json.code).toBe(2);
    expect(json.stderr).toBe(`${path.join(tmp, 'day.json')} 不是有效的 JSON（第 2 行第 14 列附近）：请检查括号、引号和逗号\n`);
    const csv = submit(write('day.csv', '姓名/企业名称,手机号\n"张三,13800138000\n'));
    expect(csv.stderr).toBe(`${path.join(tmp, 'day.csv')} 不是有效的 CSV（第 2 行：引号没有闭合）\n`);
  });
});

describe('show, mail and clock over a state folder', () => {
  test('show SHEET prints a table with row numbers, header first', async () => {
    await craftedState();
    const r = cli('show', '配置', '--state', dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^行\s+分组\s+键\s+值\s+说明$/);
    expect(lines[2]).toMatch(/^2\s+SLA\s+高\s+4\s+小时$/);
    expect(lines[3]).toMatch(/^3\s+日历\s+起始日\s+2026-11-23\s+多行↵说明$/);
    // Columns line up by display width, CJK counting double.
    const start = (line: string, text: string): number => displayWidth(line.slice(0, line.indexOf(text)));
    expect(start(lines[2]!, '4')).toBe(start(lines[0]!, CONFIG.col.value));
    expect(start(lines[3]!, '2026')).toBe(start(lines[0]!, CONFIG.col.value));
  });

  test('show SHEET --json gives objects keyed by header, dates as ISO 8601 with offset', async () => {
    await craftedState();
    const r = cli('show', '配置', '--json', '--state', dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { [CONFIG.col.group]: 'SLA', [CONFIG.col.key]: '高', [CONFIG.col.value]: 4, [CONFIG.col.note]: '小时' },
      { [CONFIG.col.group]: '日历', [CONFIG.col.key]: '起始日', [CONFIG.col.value]: '2026-11-23T09:00:00+08:00', [CONFIG.col.note]: '多行\n说明' },
    ]);
    expect(JSON.parse(cli('show', '客户', '--json', '--state', dir).stdout)).toEqual([]);
  });

  test('an unknown sheet exits 2 and lists the sheet names', async () => {
    await craftedState();
    const r = cli('show', '工单表', '--state', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('配置, 客户');
  });

  test('mail lists the outbox in the script time zone; --json adds body and file', async () => {
    await craftedState();
    const table = cli('mail', '--state', dir);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^2026-11-23 09:00\s+a@example\.com\s+第一封$/m);
    expect(table.stdout).toMatch(/^2026-11-23 10:00\s+b@example\.com\s+第二封$/m);
    const r = cli('mail', '--json', '--last', '1', '--state', dir);
    expect(r.code).toBe(0);
    const mails = JSON.parse(r.stdout) as { time: string; to: string; subject: string; body: string; file: string }[];
    expect(mails).toEqual([
      { time: '2026-11-23T10:00:00+08:00', to: 'b@example.com', cc: '', subject: '第二封', body: '正文二', file: '0002-20261123-100000.eml' },
    ]);
    expect(fs.existsSync(path.join(dir, 'outbox', mails[0]!.file))).toBe(true);
    expect(cli('mail', '--last', '0', '--state', dir).code).toBe(2);
  });

  test('clock --advance runs the triggers that fall due, one line each, and saves the folder', async () => {
    await craftedState();
    const r = cli('clock', '--advance', '2h', '--state', dir);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      '2026-11-23 10:00  sweepSubmissions  ok',
      expect.stringMatching(/^2026-11-23 10:30 {2}noSuchHandler {2}error: .*noSuchHandler/),
    ]);
    // A trigger failed: the rest still ran, and the exit code says so.
    expect(r.code).toBe(1);
    const state = loadState(dir);
    expect(state.clock).toBe(T0 + 2 * HOUR);
    expect(state.triggers).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'workbook.xlsx'))).toBe(true);
  });

  test('clock refuses to go backwards and changes nothing', async () => {
    await craftedState();
    const before = fs.readFileSync(stateFilePath(dir));
    const r = cli('clock', '--set', '2026-11-23T08:00', '--state', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2026-11-23 09:00');
    expect(fs.readFileSync(stateFilePath(dir)).equals(before)).toBe(true);
    expect(cli('clock', '--state', dir).code).toBe(2);
  });

  test('clock --set reads a time without offset in the script zone', async () => {
    await craftedState();
    expect(cli('clock', '--set', '2026-11-23T09:45', '--state', dir).code).toBe(0);
    expect(loadState(dir).clock).toBe(T0 + 45 * 60_000);
  });
});

describe('init', () => {
  const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'Code.js'), 'utf8');
  const hasSetup = /^function setup\(/m.test(bundle);

  test('init runs setup and creates the state folder (or reports why setup failed)', () => {
    const r = cli('init', '--at', '2026-11-23T09:00', '--state', dir);
    if (!hasSetup) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('setup');
      expect(fs.existsSync(stateFilePath(dir))).toBe(false);
      return;
    }
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(dir);
    const state = loadState(dir);
    // Setup took modelled time: the clock moved on by its calls, well inside the 6 minutes.
    expect(state.clock - T0).toBeGreaterThan(0);
    expect(state.clock - T0).toBeLessThan(6 * 60_000);
    const names = state.spreadsheet.sheets.map((s) => s.name);
    for (const name of ['客户', '工单', '待审核', '历史', '配置', '导入']) {
      expect(names).toContain(name);
      expect(r.stdout).toContain(name);
    }
    expect(r.stdout).toContain(`${state.triggers.length}`);
    expect(fs.existsSync(path.join(dir, 'workbook.xlsx'))).toBe(true);

    const config = JSON.parse(cli('show', '配置', '--json', '--state', dir).stdout) as Record<string, unknown>[];
    expect(config.length).toBeGreaterThan(0);
    expect(Object.keys(config[0]!)).toEqual(expect.arrayContaining([CONFIG.col.group, CONFIG.col.key, CONFIG.col.value, HISTORY.col.note]));

    const mail = cli('mail', '--json', '--state', dir);
    expect(mail.code).toBe(0);
    expect(Array.isArray(JSON.parse(mail.stdout))).toBe(true);

    const before = loadState(dir).clock;
    const clock = cli('clock', '--advance', '2h', '--state', dir);
    expect(clock.code).toBe(0);
    for (const line of clock.stdout.split('\n').filter(Boolean)) expect(line).toMatch(/^2026-11-23 \d\d:\d\d {2}\S+ {2}(ok|error: .*)$/);
    expect(loadState(dir).clock).toBe(before + 2 * HOUR);
  });

  test('selfcheck runs 自检 in the local world: every check passes and the 自检 sheet is printed', () => {
    if (!hasSetup) return;
    // October: next year's holidays are not asked for before 1 November.
    expect(cli('init', '--at', '2026-10-19T09:00', '--state', dir).code).toBe(0);
    const r = cli('selfcheck', '--state', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(SELF_CHECK.col.check);
    expect(r.stdout.split('\n').filter((l) => l.includes('  通过  '))).toHaveLength(15);
    expect(r.stderr).toContain('15 项通过，0 项未通过');
    // On 1 November the holiday check fails until 配置 › 日历 has a row in 2027, and selfcheck says so by its exit code.
    expect(cli('clock', '--advance', '14d', '--state', dir).code).toBe(0);
    const november = cli('selfcheck', '--state', dir);
    expect(november.code).not.toBe(0);
    expect(november.stderr).toContain('未通过：法定节假日和调休数据');
    const colleague = cli('selfcheck', '--as', 'sales-lead@example.com', '--state', dir);
    expect(colleague.stdout).toContain('跳过');
  });

  test('init --accounts consumer makes a world of gmail.com accounts; an unknown kind is refused plainly', () => {
    const bad = cli('init', '--accounts', 'company', '--state', dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('不支持的账号类型 "company"');
    expect(fs.existsSync(stateFilePath(dir))).toBe(false);
    if (!hasSetup) return;
    expect(cli('init', '--accounts', 'consumer', '--lang', 'en', '--at', '2026-11-23T09:00+08:00', '--state', dir).code).toBe(0);
    expect(loadState(dir)).toMatchObject({ accounts: 'consumer', language: 'en' });
  });

  test('init refuses a folder that already holds a state unless --force', () => {
    fs.mkdirSync(dir);
    const old = JSON.stringify({ format: 'kehu-local-state', version: 1 });
    fs.writeFileSync(stateFilePath(dir), old);
    const r = cli('init', '--state', dir, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force');
    expect(fs.readFileSync(stateFilePath(dir), 'utf8')).toBe(old);
    if (hasSetup) {
      expect(cli('init', '--force', '--at', '2026-11-23T09:00+08:00', '--state', dir).code).toBe(0);
      // A new world from 09:00, moved on only by setup's own modelled time.
      expect(loadState(dir).clock - T0).toBeGreaterThan(0);
      expect(loadState(dir).clock - T0).toBeLessThan(6 * 60_000);
    }
  });

  test('submit --via manual files a call once; the same call again is a repeat, not filed, and the exit code says so', () => {
    if (!hasSetup) return;
    expect(cli('init', '--at', '2026-11-23T09:00', '--state', dir).code).toBe(0);
    const call = { customer_kind: '个人', name: '王小明', industry: '互联网', mobile: '13800138000', need_type: '产品咨询', need_description: '需要10台台式电脑，用于新员工办公', time_requirement: '1个月内', consent: '同意' };
    fs.writeFileSync(path.join(tmp, 'calls.json'), JSON.stringify([call, call]));
    const r = cli('submit', 'calls.json', '--via', 'manual', '--state', dir);
    const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['outcome'])).toEqual(['accepted', 'repeat']);
    expect(lines[1]).toMatchObject({ ticket_no: lines[0]!['ticket_no'] });
    expect(r.stderr).toContain('受理 1，待审核 0，重复 0，疑似重复录入（未提交）1，失败 0');
    expect(r.code).toBe(1);
  });

  test('a CSV with a UTF-8 BOM is submitted as usual; a GBK one leaves the state as it was', () => {
    if (!hasSetup) return;
    expect(cli('init', '--at', '2026-11-23T09:00', '--state', dir).code).toBe(0);
    const csv = path.join(tmp, 'crm.csv');
    fs.writeFileSync(csv, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(path.join(ROOT, 'examples', 'crm-export.csv'))]));
    const r = cli('submit', csv, '--via', 'import', '--state', dir);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { outcome: string; segment?: string });
    expect(lines.length).toBeGreaterThan(1);
    // 客户类型, the first header, is read as itself (the BOM is not part of it): 企业 is the first record's kind.
    expect(lines[0]).toMatchObject({ outcome: 'accepted' });
    expect(JSON.parse(cli('show', '客户', '--json', '--state', dir).stdout)[0]).toMatchObject({ 客户类型: '企业', '姓名/企业名称': '蓝海教育科技有限公司' });
    const before = fs.readFileSync(stateFilePath(dir));
    fs.writeFileSync(path.join(tmp, 'gbk.csv'), GBK_CSV);
    const gbk = cli('submit', 'gbk.csv', '--state', dir);
    expect(gbk.code).toBe(2);
    expect(gbk.stdout).toBe('');
    expect(fs.readFileSync(stateFilePath(dir)).equals(before)).toBe(true);
  });

  test('setup re-runs 初始化/修复 on an existing state and prints what it repaired; another account is refused', () => {
    expect(cli('setup', '--state', dir).code).toBe(2);
    if (!hasSetup) return;
    expect(cli('init', '--at', '2026-11-23T09:00', '--state', dir).code).toBe(0);
    // Someone deleted 历史 and every trigger.
    const broken = loadState(dir);
    broken.spreadsheet.sheets = broken.spreadsheet.sheets.filter((s) => s.name !== HISTORY.name);
    broken.triggers = [];
    saveState(dir, broken);
    const r = cli('setup', '--state', dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`已在 ${dir} 上重新运行 初始化/修复（账号 admin@example.com）：`);
    expect(lines[1]).toBe('初始化完成');
    expect(lines).toContain(`已创建工作表：${HISTORY.name}`);
    expect(lines.find((l) => l.startsWith('已创建触发器：'))).toContain('onFormSubmit');
    const repaired = loadState(dir);
    expect(repaired.spreadsheet.sheets.map((s) => s.name)).toContain(HISTORY.name);
    const triggers = repaired.triggers.length;
    expect(triggers).toBeGreaterThan(0);

    // Run again: everything is in place, nothing is added twice.
    const again = cli('setup', '--state', dir, '--lang', 'en');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`ran 初始化/修复 again on ${dir} (account admin@example.com):`);
    expect(again.stdout).toContain('工作表已就绪');
    expect(again.stdout).toContain('触发器已就绪');
    expect(loadState(dir).triggers).toHaveLength(triggers);

    const colleague = cli('setup', '--as', 'sales1@example.com', '--state', dir);
    expect(colleague.code).toBe(1);
    expect(colleague.stdout).toBe('');
    expect(colleague.stderr).toContain(`初始化/修复 被拒绝（账号 sales1@example.com，目录 ${dir}）：`);
    expect(colleague.stderr).toContain('初始化/修复只能由 admin@example.com 运行');
  });

  test('setup over encrypted data whose key is lost answers "no" to new keys unless --replace-keys, and says so', () => {
    if (!hasSetup) return;
    expect(cli('init', '--at', '2026-11-23T09:00', '--state', dir).code).toBe(0);
    expect(cli('submit', path.join(ROOT, 'examples', 'phone-call.json'), '--via', 'manual', '--state', dir).code).toBe(0);
    const lost = loadState(dir);
    const keyName = Object.keys(lost.properties.script).find((k) => k.startsWith('FIELD_KEY'))!;
    delete lost.properties.script[keyName];
    saveState(dir, lost);
    const r = cli('setup', '--state', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('setup 询问“生成新的加密密钥？”：\n');
    expect(r.stdout).toMatch(/^命令行回答：否（要回答“是”，请加 --replace-keys）$/m);
    expect(r.stdout).toContain('未生成新密钥：加密密钥仍然缺失，受理保持暂停');
    expect(loadState(dir).properties.script[keyName]).toBeUndefined();
    const replaced = cli('setup', '--replace-keys', '--state', dir);
    expect(replaced.stdout).toMatch(/^命令行回答：是（--replace-keys）$/m);
    expect(loadState(dir).properties.script[keyName]).toBeDefined();
  });

  test('a bad --at is a usage error', () => {
    const r = cli('init', '--at', '2026-02-30', '--state', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2026-02-30');
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('status and edit say what they did', () => {
  const hasSetup = /^function setup\(/m.test(fs.readFileSync(path.join(ROOT, 'dist', 'Code.js'), 'utf8'));
  const AS = 'sales1@example.com';
  /** Setup at 09:00 and the morning's Form submissions (T20261123001 is 王小明's, wang.xm@example.com). */
  function morning(): void {
    expect(cli('init', '--at', '2026-11-23T09:00', '--state', dir).code).toBe(0);
    expect(cli('submit', path.join(ROOT, 'examples', 'day-form.json'), '--state', dir).code).toBe(1); // one flawed, one without consent
  }
  const tickets = () => JSON.parse(cli('show', '工单', '--json', '--state', dir).stdout) as Record<string, string>[];

  test('status prints the ticket, old → new, and what onSheetEdit did; a value outside the dropdown is refused plainly', () => {
    if (!hasSetup) return;
    morning();
    const r = cli('status', 'T20261123001', '已联系客户', '--note', '已电话联系', '--as', AS, '--state', dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      `工单 T20261123001：状态 新建 → 已联系客户（操作人 ${AS}）`,
      expect.stringMatching(/^ {2}首次响应时间：（空） → 2026-11-23 \d\d:\d\d$/),
      '  历史：状态变更（新建 → 已联系客户），说明：已电话联系',
      '  邮件：已发给 wang.xm@example.com，主题“您的工单 T20261123001 有新进展：已联系客户”',
    ]);

    const same = cli('status', 'T20261123001', '已联系客户', '--state', dir);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('工单 T20261123001 的状态本来就是“已联系客户”，没有变化\n');

    const refused = cli('status', 'T20261123001', '搞定了', '--state', dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('工单 T20261123001 的状态没有改变：“状态”下拉框不接受“搞定了”（输入的值必须是指定列表中的项：新建、已联系客户、方案已提交、待客户补充、问题已解决、已关闭）\n');
    expect(tickets()[0]).toMatchObject({ [TICKETS.col.no]: 'T20261123001', [TICKETS.col.status]: '已联系客户' });
    expect(cli('status', 'T20261123001', 'done', '--state', dir, '--lang', 'en').stderr).toContain('ticket T20261123001 keeps its status: the 状态 dropdown does not accept "done"');
  });

  test('status says when it cleared a reminder and when the mail had to wait in 邮件队列', () => {
    if (!hasSetup) return;
    morning();
    expect(cli('clock', '--advance', '2d', '--state', dir).code).toBe(0);
    const overdue = tickets().find((t) => t[TICKETS.col.no] === 'T20261123002')!;
    expect(overdue[TICKETS.col.reminder]).toMatch(/超时/);
    // Today's mail quota is used up: the customer's mail is queued.
    const world = loadState(dir);
    world.limits = { mailRecipients: 0 };
    saveState(dir, world);
    const r = cli('status', 'T20261123002', '问题已解决', '--as', AS, '--lang', 'en', '--state', dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`ticket T20261123002: status 新建 → 问题已解决 (by ${AS})`);
    expect(lines).toContain(`  提醒: ${overdue[TICKETS.col.reminder]} → (blank)`);
    expect(lines).toContain('  历史: 状态变更 (新建 → 问题已解决)');
    expect(lines.find((l) => l.startsWith('  mail: queued in 邮件队列, sent to procurement@huadong-zz.example.com later by the hourly job'))).toBeDefined();
    expect(lines.some((l) => l.startsWith('  mail: sent'))).toBe(false);
  });

  test('edit reports what it changed, and when onSheetEdit put the old value back (typed, now, the note), exit 1', () => {
    if (!hasSetup) return;
    morning();
    const kept = cli('edit', '工单', '2', TICKETS.col.progressNote, '已回电', '--state', dir);
    expect(kept.code).toBe(0);
    expect(kept.stdout.split('\n')[0]).toBe('已修改 工单 第 2 行“进度说明”：（空） → 已回电');

    const reverted = cli('edit', '工单', '2', TICKETS.col.no, 'T999', '--state', dir);
    expect(reverted.code).toBe(1);
    expect(reverted.stdout).toBe('');
    expect(reverted.stderr).toBe('修改没有被接受：工单 第 2 行“工单编号”输入了“T999”，onSheetEdit 恢复了原值，单元格现在是“T20261123001”。单元格批注：工单编号不能修改或删除，已恢复为 T20261123001\n');
    expect(tickets()[0]![TICKETS.col.no]).toBe('T20261123001');
    const en = cli('edit', '工单', '2', TICKETS.col.no, 'T998', '--state', dir, '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('the edit was not accepted: 工单 row 2 "工单编号" was typed "T998"; onSheetEdit put the old value back, the cell holds "T20261123001". The cell\'s note: ');

    const dropdown = cli('edit', '工单', '2', TICKETS.col.status, '搞定了', '--state', dir);
    expect(dropdown.code).toBe(1);
    expect(dropdown.stderr).toContain('修改被拒绝：输入的值必须是指定列表中的项');
  });
});

describe('times, durations and tables', () => {
  test('a time without offset is read in the script zone, whatever the host zone', () => {
    expect(parseTime('2026-11-23T09:00', 'Asia/Shanghai')).toBe(T0);
    expect(parseTime('2026-11-23 09:00:00', 'Asia/Shanghai')).toBe(T0);
    expect(parseTime('2026-11-23', 'Asia/Shanghai')).toBe(T0 - 9 * HOUR);
    expect(parseTime('2026-11-23T01:00Z', 'Asia/Shanghai')).toBe(T0);
    expect(parseTime('2026-11-22T20:00-05:00', 'Asia/Shanghai')).toBe(T0);
    expect(parseTime('2026-13-01', 'Asia/Shanghai')).toBeUndefined();
    expect(parseTime('tomorrow', 'Asia/Shanghai')).toBeUndefined();
  });

  test('durations', () => {
    expect(parseDuration('3d')).toBe(72 * HOUR);
    expect(parseDuration('2h')).toBe(2 * HOUR);
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('1d12h')).toBe(36 * HOUR);
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration('2x')).toBeUndefined();
    expect(parseDuration('h')).toBeUndefined();
  });

  test('tables align CJK text by display width', () => {
    const lines = renderTable([
      ['姓名', 'name'],
      ['张三丰', 'x'],
      ['ab', 'y'],
    ]).split('\n');
    expect(lines.map((l) => displayWidth(l.replace(/\S+$/, '')))).toEqual([8, 8, 8, 8]);
  });
});
