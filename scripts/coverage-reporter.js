// A Jest reporter for the coverage run: keeps V8's raw counts for
// dist/Code.js from every test file, merged into one script coverage, in
// coverage/raw/bundle-v8.json. Jest would report the bundle as one file;
// scripts/coverage.js instead maps these counts to src/ through the map.
const fs = require('node:fs');
const path = require('node:path');
const { mergeProcessCovs } = require('@bcoe/v8-coverage');

class BundleCoverageReporter {
  constructor(globalConfig) {
    this.dir = globalConfig.coverageDirectory;
    this.bundle = path.join(globalConfig.rootDir, 'dist', 'Code.js');
    this.merged = { result: [] };
    this.testFiles = 0;
  }

  onTestResult(_test, testResult) {
    // Every runtime compiles the bundle anew: one entry per compiled copy.
    const scripts = (testResult.v8Coverage ?? []).map((e) => e.result).filter((r) => r.url === this.bundle);
    if (scripts.length === 0) return;
    // Merged as results arrive, so memory holds one copy, not one per test file.
    this.merged = mergeProcessCovs([this.merged, { result: scripts }]);
    this.testFiles += 1;
  }

  onRunComplete() {
    fs.mkdirSync(this.dir, { recursive: true });
    const out = { bundle: this.bundle, testFiles: this.testFiles, result: this.merged.result };
    fs.writeFileSync(path.join(this.dir, 'bundle-v8.json'), JSON.stringify(out));
  }
}

module.exports = BundleCoverageReporter;
