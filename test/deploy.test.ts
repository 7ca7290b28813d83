/**
 * Deploying as the README says, on a fresh checkout: the clasp installed by
 * `npm ci` (@google/clasp 3.x, a devDependency) accepts every command and flag
 * the README's deploy steps use, `clasp create` is not refused for a project
 * file the repository brought along, and `clasp push` sends the bundle and the
 * sidebars' HTML without the source map. Nothing here logs in or talks to
 * Google: HOME is an empty folder, so clasp finds no credentials.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/bundle';

const CLASP_PKG = path.join(ROOT, 'node_modules', '@google', 'clasp', 'package.json');
const pkg = JSON.parse(fs.readFileSync(CLASP_PKG, 'utf8')) as { version: string; bin: Record<string, string> };
/** What `npx clasp` runs: the package's own bin. */
const CLASP_BIN = path.join(path.dirname(CLASP_PKG), pkg.bin.clasp!);
const README_ZH = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const README_EN = fs.readFileSync(path.join(ROOT, 'README.en.md'), 'utf8');

let scratch = '';
let home = '';

/** The repository as a fresh clone has it (the index, not this work tree's untracked or ignored files). */
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-deploy-'));
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-home-'));
  execFileSync('git', ['checkout-index', '--all', `--prefix=${scratch}${path.sep}`], { cwd: ROOT });
});
afterAll(() => {
  for (const dir of [scratch, home]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function clasp(args: string[], cwd = scratch): { status: number | null; out: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
  delete env.clasp_config_auth;
  delete env.clasp_config_project;
  const r = spawnSync(process.execPath, [CLASP_BIN, ...args], { cwd, env, encoding: 'utf8', input: '', timeout: 30000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('deploying with clasp, as the README says', () => {
  test('clasp is the devDependency, version 3, and the README names the npm script that runs it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>; scripts: Record<string, string>;
    };
    expect(manifest.devDependencies['@google/clasp']).toBe(pkg.version);
    expect(pkg.version).toMatch(/^3\./);
    expect(manifest.scripts.push).toBe('npm run build && clasp push --force');
    for (const readme of [README_ZH, README_EN]) expect(readme).toContain('npm run push');
  });

  test('a fresh clone has no .clasp.json: each admin writes their own, and git ignores it', () => {
    const tracked = execFileSync('git', ['ls-files', '--', '.clasp.json', '**/.clasp.json'], { cwd: ROOT, encoding: 'utf8' });
    expect(tracked).toBe('');
    expect(fs.existsSync(path.join(scratch, '.clasp.json'))).toBe(false);
    const ignored = spawnSync('git', ['check-ignore', '-q', '.clasp.json'], { cwd: ROOT });
    expect(ignored.status).toBe(0);
  });

  test('`clasp create --type sheets` in a fresh clone goes on to sign-in instead of refusing an existing project', () => {
    const r = clasp(['create', '--type', 'sheets', '--title', '客户信息收集与反馈', '--rootDir', 'dist']);
    expect(r.out).not.toMatch(/Project file already exists/);
    // With no ~/.clasprc.json it stops before any request to Google.
    expect(r.out).toMatch(/No credentials found/);
    expect(r.status).not.toBe(0);
    expect(fs.existsSync(path.join(scratch, '.clasp.json'))).toBe(false);
  });

  test.each([
    ['login', ['--no-localhost']],
    ['create', ['--type', '--title', '--rootDir']],
    ['clone', ['--rootDir']],
    ['push', ['--force']],
  ])('`clasp %s --help` lists the flags the README uses', (command, flags) => {
    const r = clasp([command, '--help']);
    expect(r.status).toBe(0);
    for (const flag of flags) expect(r.out).toContain(flag);
    for (const readme of [README_ZH, README_EN]) expect(readme).toMatch(new RegExp(`clasp ${command}\\b`));
  });

  test('the README\'s hand-written .clasp.json pushes dist/: the bundle, manifest and HTML, never the source map', () => {
    // What `npm run build` leaves in dist/ (built once by the global setup).
    fs.cpSync(path.join(ROOT, 'dist'), path.join(scratch, 'dist'), { recursive: true });
    const settings = { scriptId: '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijklmnopq', rootDir: 'dist' };
    for (const readme of [README_ZH, README_EN]) expect(readme).toContain('"rootDir": "dist"');
    fs.writeFileSync(path.join(scratch, '.clasp.json'), JSON.stringify(settings));
    try {
      // show-file-status reads .clasp.json and the ignore rules only: no login, no network.
      const r = clasp(['show-file-status', '--json']);
      expect(r).toMatchObject({ status: 0 });
      const status = JSON.parse(r.out) as { filesToPush: string[]; untrackedFiles: string[] };
      expect(status.filesToPush).toContain('dist/Code.js');
      expect(status.filesToPush).toContain('dist/appsscript.json');
      expect(status.filesToPush.some((f) => f.endsWith('.html'))).toBe(true);
      expect(status.filesToPush.filter((f) => !f.startsWith('dist/'))).toEqual([]);
      expect(status.filesToPush.filter((f) => f.endsWith('.map'))).toEqual([]);
      expect(status.untrackedFiles).toContain('dist/Code.js.map');
      // A file clone or create pulled into dist/ would be pushed beside the bundle: why the README has dist/ removed first.
      fs.writeFileSync(path.join(scratch, 'dist', '代码.js'), 'function myFunction() {}\n');
      const pulled = JSON.parse(clasp(['show-file-status', '--json']).out) as { filesToPush: string[] };
      expect(pulled.filesToPush).toContain('dist/代码.js');
      for (const readme of [README_ZH, README_EN]) expect(readme).toContain('rm -rf dist');
      // With a project file, create refuses: why the repository must not bring one.
      expect(clasp(['create', '--type', 'sheets', '--rootDir', 'dist']).out).toMatch(/Project file already exists/);
    } finally {
      fs.rmSync(path.join(scratch, '.clasp.json'));
    }
  });
});
