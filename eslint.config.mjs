// Lint: typescript-eslint's recommended rules everywhere, plus the Apps
// Script facts of docs/design.md and the layers of src/ as rules for the code
// that ships (src/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const notInAppsScript = ['require', 'process', 'Buffer', 'TextEncoder', 'TextDecoder', 'setTimeout', 'setInterval',
  'fetch', 'URL', 'URLSearchParams', 'structuredClone', 'crypto', 'Intl', 'window', 'document', 'global']
  .map((name) => ({ name, message: `${name} does not exist in Apps Script (see docs/design.md).` }));

const appsScriptServices = ['SpreadsheetApp', 'FormApp', 'MailApp', 'PropertiesService', 'LockService',
  'CacheService', 'ScriptApp', 'Utilities', 'Session', 'HtmlService', 'ContentService', 'Logger', 'UrlFetchApp']
  .map((name) => ({ name, message: 'The domain is pure: pass data in, do the I/O in services/ or sheets/.' }));

const propertiesOutsideStore = { name: 'PropertiesService', message: 'Script properties are read and written in src/services/store.ts only.' };
const uiServices = ['HtmlService', 'Browser']
  .map((name) => ({ name, message: `${name} is UI: services/ return what to show, src/ui/ shows it.` }));
const notDateParse = { object: 'Date', property: 'parse', message: 'Date.parse depends on the host; parse explicitly.' };
const notGetUi = { object: 'SpreadsheetApp', property: 'getUi', message: 'The spreadsheet UI is for src/ui/: services/ return what to show.' };

// The layers of src/, bottom up: i18n (the catalogue), domain, contracts (the types the sidebars'
// browser code shares with the server), sheets, services, ui, main.ts. An import may point down,
// never up. The rule sees the import's text, not the resolved file, so each pattern is a relative
// path climbing into a top-level folder of src/.
const importsOf = (folders, message) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message });
const layer = (...patterns) => ['error', { patterns }];

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
      'no-restricted-globals': ['error', ...notInAppsScript, propertiesOutsideStore],
      'no-restricted-properties': ['error', notDateParse],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/i18n/**/*.ts', 'src/contracts/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...notInAppsScript, ...appsScriptServices] },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...notInAppsScript, propertiesOutsideStore, ...uiServices],
      'no-restricted-properties': ['error', notDateParse, notGetUi],
    },
  },
  {
    files: ['src/services/store.ts'],
    rules: { 'no-restricted-globals': ['error', ...notInAppsScript, ...uiServices] },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': layer(importsOf(['contracts', 'sheets', 'services', 'ui', 'main'],
      'src/domain sits below everything but i18n: pass data in instead.')) },
  },
  {
    files: ['src/i18n/**/*.ts'],
    rules: { 'no-restricted-imports': layer(importsOf(['domain', 'contracts', 'sheets', 'services', 'ui', 'main'],
      'src/i18n is imported by every layer, so it imports none.')) },
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: { 'no-restricted-imports': layer(importsOf(['sheets', 'services', 'ui', 'main'],
      'src/contracts is shared with the browser code: types of its own, or of domain/.')) },
  },
  {
    files: ['src/sheets/**/*.ts'],
    rules: { 'no-restricted-imports': layer(importsOf(['services', 'ui', 'main'],
      'src/sheets sits below services, ui and main.ts.')) },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: { 'no-restricted-imports': layer(importsOf(['ui', 'main'],
      'src/services sits below ui and main.ts: return what to show, src/ui/ shows it.')) },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: { 'no-restricted-imports': layer(importsOf(['main'], 'main.ts is the top: nothing imports it.')) },
  },
  {
    // The sidebars' browser scripts (bundled separately, inlined into the HTML): the DOM exists there,
    // and of src/ only what runs in a browser too: domain, i18n, contracts and their own folder.
    files: ['src/ui/client/**/*.ts'],
    rules: {
      'no-restricted-globals': 'off',
      'no-restricted-imports': layer({ regex: '^\\.\\./(?!\\.\\./(domain|i18n|contracts)/)',
        message: 'Browser code imports only src/domain, src/i18n, src/contracts and src/ui/client.' }),
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
