// Refreshes the README's pictures in docs/: runs the browser tests (which
// leave their screenshots in test-output/screenshots/), the report-mail
// rendering and the pictures of 工单 and 待审核 after the demo, then copies
// the pictures into docs/. Tests never write docs/; this script is the only
// thing that does.
//
//   npm run screenshots
//
// Needs Debian's chromium (/usr/bin/chromium) and a CJK font (fonts-wqy-microhei).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const DOCS = path.join(ROOT, 'docs');
const PICTURES = ['manual-entry.png', 'review.png', 'report-email.png', 'sheet-tickets.png', 'sheet-review.png', 'mail-assignment-390.png'];

function run(what, args, env) {
  console.log(`== ${what}`);
  const res = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (res.status !== 0) {
    console.error(`${what} failed: docs/ left as it was.`);
    process.exit(res.status || 1);
  }
}

fs.rmSync(SHOTS, { recursive: true, force: true });
// CI=1: the browser tests fail instead of skipping when Chromium is missing.
run('browser tests', [require.resolve('jest/bin/jest'), 'test/browser'], { TZ: 'America/Los_Angeles', CI: '1' });
run('report mail', [require.resolve('tsx/cli'), 'scripts/screenshot-report.ts', '--out', path.join(SHOTS, 'report-email.png')]);
run('sheets after the demo', [require.resolve('tsx/cli'), 'scripts/screenshot-sheets.ts', '--out', SHOTS]);

const missing = PICTURES.filter((f) => !fs.existsSync(path.join(SHOTS, f)));
if (missing.length) {
  console.error(`Not taken: ${missing.join(', ')} (expected in ${path.relative(ROOT, SHOTS)}/): docs/ left as it was.`);
  process.exit(1);
}
for (const f of PICTURES) fs.copyFileSync(path.join(SHOTS, f), path.join(DOCS, f));
console.log(`Updated ${PICTURES.map((f) => `docs/${f}`).join(', ')}; review them with git diff before committing.`);
