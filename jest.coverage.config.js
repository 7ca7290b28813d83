// The test suite with V8 coverage (npm run coverage runs it through
// scripts/coverage.js, which writes the report). Jest covers the files it
// loads itself (src/domain, local/); dist/Code.js is listed so that V8's
// counts for the bundle, which the runtime runs in node:vm, reach the bundle
// reporter (scripts/coverage-reporter.js) for scripts/coverage.js to map back
// to src/ through dist/Code.js.map.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  collectCoverage: true,
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts', 'local/**/*.ts', 'dist/Code.js'],
  coverageDirectory: '<rootDir>/coverage/raw',
  coverageReporters: ['json'],
  reporters: ['default', '<rootDir>/scripts/coverage-reporter.js'],
  // Under precise coverage V8 keeps every closure's feedback, so each fresh
  // global scope the runtime creates stays alive until the test file ends,
  // and the process does not give that memory back. A worker that is
  // replaced once it holds more than this keeps the next file fast.
  workerIdleMemoryLimit: '1GB',
  // The no-loss, interleaving and fault sweeps repeat one job at every service call, and the follow-up and
  // report suites run hundreds of executions (weeks of hourly jobs, a year of reports): each execution is a
  // fresh global scope, which precise coverage makes 3-4 times slower, for lines the rest of the suite
  // already runs. `CI_COVERAGE=1 bash .ci/run` runs them after, without coverage.
  testPathIgnorePatterns: [
    ...(base.testPathIgnorePatterns ?? ['/node_modules/']),
    '/test/no-loss', '/test/interleave-staff', '/test/faults', '/test/e2e-followup', '/test/e2e-reports',
  ],
};
