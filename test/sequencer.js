// The order Jest starts test files in. With timings from an earlier run (a developer's cache) Jest's own order
// stands: failed first, then longest first. A fresh clone (CI) has none, and Jest would order by file size, which
// starts some of the longest suites last (interleave-staff is a small file): one worker then runs alone at the end.
// The suites known to be long go first there, longest first; the rest keep Jest's order.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Seconds each took on CI's two cores (fresh clone, 2026-12-04); only the order matters. */
const LONG = {
  'no-loss.test.ts': 141,
  'interleave-staff.test.ts': 132,
  'cli.test.ts': 114,
  'no-loss-edits.test.ts': 107,
  'e2e-followup.test.ts': 70,
  'e2e-reports.test.ts': 50,
  'browser/manual-entry.test.ts': 49,
  'fuzz.test.ts': 37,
  'browser/review-queue.test.ts': 32,
  'demo.test.ts': 31,
  'no-loss-review.test.ts': 30,
  'e2e-customer-merge.test.ts': 28,
  'faults.test.ts': 23,
};

const TEST_DIR = __dirname;
const known = (test) => LONG[path.relative(TEST_DIR, test.path).split(path.sep).join('/')] ?? 0;

class LongFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.some((t) => t.duration != null)) return sorted;
    // Array.prototype.sort is stable: the rest stay in Jest's order.
    return [...sorted].sort((a, b) => known(b) - known(a));
  }
}

module.exports = LongFirst;
