// npm run coverage [-- JEST ARGS]: the test suite with V8 coverage, reported
// for every layer. Jest measures the files it loads itself (src/domain,
// local/, …); the rest of src/ runs only inside dist/Code.js in the runtime's
// node:vm, so V8's counts for the bundle (kept by scripts/coverage-reporter.js)
// are mapped back to src/ through dist/Code.js.map and merged in.
// Writes coverage/ (git-ignored): index.html, lcov.info, coverage-final.json,
// coverage-summary.json; prints one row per folder. Exits with Jest's status.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');
const libCoverage = require('istanbul-lib-coverage');
const libReport = require('istanbul-lib-report');
const reports = require('istanbul-reports');
const v8toIstanbul = require('v8-to-istanbul');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'coverage');
const RAW = path.join(OUT, 'raw');
const BUNDLE = path.join(ROOT, 'dist', 'Code.js');
const SRC = path.join(ROOT, 'src') + path.sep;
/** What the report covers; src/ui/client is browser code (run in Chromium, not measured). */
const MEASURED = ['src', 'local'];

function runJest(args) {
  const jest = require.resolve('jest/bin/jest');
  const r = spawnSync(process.execPath, [jest, '--config', path.join(ROOT, 'jest.coverage.config.js'), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return r.status ?? 1;
}

/** The bundle's merged V8 counts as istanbul coverage of the src/ files it was built from. */
async function bundleCoverage() {
  const raw = JSON.parse(fs.readFileSync(path.join(RAW, 'bundle-v8.json'), 'utf8'));
  if (raw.result.length === 0) return {}; // no test ran the bundle
  if (raw.result.length !== 1) throw new Error(`expected one merged script for ${BUNDLE}, got ${raw.result.length}`);
  if (!fs.existsSync(BUNDLE + '.map')) throw new Error(`${BUNDLE}.map is missing: npm run build writes it`);
  const sourcemap = JSON.parse(fs.readFileSync(BUNDLE + '.map', 'utf8'));
  // Only src/: the bundled node_modules (zod, chinese-days, @noble) are not ours to measure.
  // v8-to-istanbul asks with the map's relative source paths as well as resolved ones.
  const notOurs = (file) => !path.resolve(path.dirname(BUNDLE), file).startsWith(SRC);
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const converter = v8toIstanbul(BUNDLE, 0, { source, sourceMap: { sourcemap } }, notOurs);
  await converter.load();
  converter.applyCoverage(raw.result[0].functions);
  const coverage = converter.toIstanbul();
  // A map that does not fit the bundle would put the counts nowhere.
  if (!coverage[path.join(ROOT, 'src', 'main.ts')]) throw new Error('the bundle coverage did not map back to src/main.ts');
  return coverage;
}

/** TypeScript files of the measured folders that hold code at run time (type-only files have none). */
function codeFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (p !== path.join(ROOT, 'src', 'ui', 'client')) walk(p);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const js = esbuild.transformSync(fs.readFileSync(p, 'utf8'), { loader: 'ts', format: 'esm' }).code;
        if (js.trim() !== '') files.push(p);
      }
    }
  };
  for (const dir of MEASURED) walk(path.join(ROOT, dir));
  return files;
}

/** src/domain, local/runtime, …; a file directly under src/ or local/ (src/main.ts) is its own row. */
function folderOf(file) {
  const parts = path.relative(ROOT, file).split(path.sep);
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts.join('/');
}

function pct(t) {
  return t.total === 0 ? '—' : `${t.pct.toFixed(1)}%`;
}

function folderTable(map) {
  const folders = new Map();
  const totals = new Map(MEASURED.map((top) => [top, libCoverage.createCoverageSummary()]));
  for (const file of map.files()) {
    const summary = map.fileCoverageFor(file).toSummary();
    const folder = folderOf(file);
    if (!folders.has(folder)) folders.set(folder, { files: 0, summary: libCoverage.createCoverageSummary() });
    folders.get(folder).files += 1;
    folders.get(folder).summary.merge(summary);
    totals.get(folder.split('/')[0])?.merge(summary);
  }
  const rows = [...folders].sort(([a], [b]) => a.localeCompare(b)).map(([name, f]) => [name, String(f.files), f.summary]);
  for (const [top, summary] of totals) rows.push([`${top}/ (all)`, '', summary]);
  const header = ['folder', 'files', 'lines', 'branches', 'functions'];
  const cells = rows.map(([name, files, s]) => [name, files, pct(s.lines), pct(s.branches), pct(s.functions)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  const status = runJest(process.argv.slice(2));
  const jestJson = path.join(RAW, 'coverage-final.json');
  if (!fs.existsSync(jestJson) || !fs.existsSync(path.join(RAW, 'bundle-v8.json'))) {
    console.error('coverage: the test run left no coverage data (see above)');
    process.exit(status || 1);
  }
  const map = libCoverage.createCoverageMap(JSON.parse(fs.readFileSync(jestJson, 'utf8')));
  // Jest's own entry for the bundle counts generated lines; the mapped counts replace it.
  map.filter((file) => file !== BUNDLE);
  map.merge(await bundleCoverage());

  const context = libReport.createContext({ dir: OUT, coverageMap: map, defaultSummarizer: 'nested' });
  for (const name of ['html', 'lcovonly', 'json', 'json-summary']) reports.create(name).execute(context);

  console.log(`\nCoverage by V8 (lines, branches, functions); report: ${path.relative(process.cwd(), OUT)}/index.html\n`);
  console.log(folderTable(map));
  const measured = new Set(map.files());
  const missed = codeFiles().filter((f) => !measured.has(f)).map((f) => path.relative(ROOT, f));
  // Code that only child processes run (the CLI's entry) is not counted, nor is any file no test loads.
  if (missed.length > 0) console.log(`\nNot loaded by any measured test (not in the figures): ${missed.join(', ')}`);
  process.exit(status);
}

main().catch((err) => {
  console.error(`coverage: ${err.stack || err}`);
  process.exit(1);
});
