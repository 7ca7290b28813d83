// The end-to-end tests run the shipped bundle: build it once before any test.
// The host time zone is deliberately far from Asia/Shanghai (see package.json's
// test script) so that nothing can pass by relying on it.
const { buildBundle } = require('../scripts/build-lib.js');

module.exports = async () => {
  await buildBundle({ quiet: true });
};
