// Rebuilds dist/Code.js before a CLI command when the sources are newer, so
// the local runtime always runs the bundle of the code in the work tree.
const { buildBundle, isStale } = require('./build-lib.js');

if (isStale()) {
  buildBundle({ quiet: true }).catch((err) => {
    console.error(`Build failed: ${err.message}`);
    process.exit(2);
  });
}
