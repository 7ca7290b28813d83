/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // ts-jest transpiles only (tsc --noEmit type-checks separately); it also
    // turns the ESM-only @noble packages into CommonJS for Jest.
    '^.+\\.(ts|js|mjs)$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@noble/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  globalSetup: '<rootDir>/test/global-setup.js',
  // Long suites first on a fresh clone (test/sequencer.js).
  testSequencer: '<rootDir>/test/sequencer.js',
  testTimeout: 60000,
  // Every core: Jest's default leaves one to its main thread, which only waits (on CI's two cores that
  // would run the files one at a time).
  maxWorkers: '100%',
};
