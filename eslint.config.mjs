// Lint: typescript-eslint's recommended rules everywhere, plus the Apps
// Script facts of docs/design.md as rules for the code that ships (src/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const notInAppsScript = ['require', 'process', 'Buffer', 'TextEncoder', 'TextDecoder', 'setTimeout', 'setInterval',
  'fetch', 'URL', 'URLSearchParams', 'structuredClone', 'crypto', 'Intl', 'window', 'document', 'global']
  .map((name) => ({ name, message: `${name} does not exist in Apps Script (see docs/design.md).` }));

const appsScriptServices = ['SpreadsheetApp', 'FormApp', 'MailApp', 'PropertiesService', 'LockService',
  'CacheService', 'ScriptApp', 'Utilities', 'Session', 'HtmlService', 'ContentService', 'Logger']
  .map((name) => ({ name, message: 'The domain is pure: pass data in, do the I/O in services/ or sheets/.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'local-state/**', 'test-output/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...notInAppsScript],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'parse', message: 'Date.parse depends on the host; parse explicitly.' }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/i18n/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...notInAppsScript, ...appsScriptServices] },
  },
  {
    // The sidebars' browser scripts (bundled separately, inlined into the HTML): the DOM exists there.
    files: ['src/ui/client/**/*.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
