/**
 * The layers of src/ are lint rules (eslint.config.mjs), not a description:
 * an import pointing up, a UI service in services/, or script properties read
 * outside store.ts fail `npm run lint`. Planted code, linted as if it sat in
 * each folder, shows each rule firing on the wrong thing and only on it.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

interface Case {
  name: string;
  file: string;
  code: string;
  /** The one rule expected to fire; null: nothing may. */
  rule: string | null;
}

interface Finding {
  ruleId: string | null;
  message: string;
}

// ESLint loads eslint.config.mjs with import(), which Jest's module sandbox
// refuses: the Node API runs in a plain Node process, once for all cases.
const RUNNER = `
const { ESLint } = require('eslint');
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const c of JSON.parse(input)) {
    const [result] = await eslint.lintText(c.code, { filePath: c.file });
    out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
  }
  process.stdout.write(JSON.stringify(out));
});`;

function lint(cases: Case[]): Finding[][] {
  const input = JSON.stringify(cases.map(({ file, code }) => ({ file, code })));
  return JSON.parse(execFileSync(process.execPath, ['-e', RUNNER], { cwd: ROOT, input, encoding: 'utf8' })) as Finding[][];
}

const importing = (specifier: string) => `import { planted } from '${specifier}';\nexport const used = planted;\n`;

function imports(file: string, wrong: string[], right: string[]): Case[] {
  return [
    ...wrong.map((s) => ({ name: `${file} may not import ${s}`, file, code: importing(s), rule: 'no-restricted-imports' })),
    ...right.map((s) => ({ name: `${file} may import ${s}`, file, code: importing(s), rule: null })),
  ];
}

const using = (file: string, expr: string, rule: string | null): Case => ({
  name: `${file}: ${expr} ${rule ? 'is refused' : 'is allowed'}`,
  file,
  code: `export const used = () => ${expr};\n`,
  rule,
});

const CASES: Case[] = [
  ...imports('src/domain/planted.ts',
    ['../sheets/schema', '../services/store', '../ui/menu', '../main', '../contracts/sidebars'],
    ['./fields', '../i18n/messages', 'zod/mini']),
  ...imports('src/i18n/planted.ts', ['../domain/fields', '../contracts/sidebars', '../services/store'], ['./catalog/core']),
  ...imports('src/i18n/catalog/planted.ts', ['../../ui/menu'], ['../messages']),
  ...imports('src/contracts/planted.ts', ['../sheets/schema', '../services/review', '../ui/menu', '../main'], ['../domain/fields']),
  ...imports('src/sheets/planted.ts', ['../services/store', '../ui/menu', '../main'], ['./schema', '../domain/fields', '../i18n/messages']),
  ...imports('src/services/planted.ts', ['../ui/menu', '../ui/setup-help', '../main'],
    ['./store', '../sheets/schema', '../domain/fields', '../contracts/sidebars']),
  ...imports('src/ui/planted.ts', ['../main'], ['./menu', '../services/store', '../contracts/sidebars', '../domain/escape']),
  ...imports('src/ui/client/planted.ts',
    ['../menu', '../sidebars', '../../services/store', '../../sheets/schema', '../../main', '../../../local/runtime/state'],
    ['./bridge', '../../contracts/sidebars', '../../i18n/messages', '../../domain/fields']),
  ...imports('src/main.ts', [], ['./ui/menu', './services/store', './contracts/sidebars']),

  using('src/services/planted.ts', "HtmlService.createHtmlOutput('')", 'no-restricted-globals'),
  using('src/services/planted.ts', 'SpreadsheetApp.getUi()', 'no-restricted-properties'),
  using('src/services/planted.ts', 'SpreadsheetApp.getActiveSpreadsheet()', null),
  using('src/ui/planted.ts', "HtmlService.createHtmlOutput('')", null),
  using('src/ui/planted.ts', 'SpreadsheetApp.getUi()', null),

  using('src/services/planted.ts', 'PropertiesService.getScriptProperties()', 'no-restricted-globals'),
  using('src/services/keys.ts', 'PropertiesService.getScriptProperties()', 'no-restricted-globals'),
  using('src/sheets/planted.ts', 'PropertiesService.getScriptProperties()', 'no-restricted-globals'),
  using('src/ui/planted.ts', 'PropertiesService.getScriptProperties()', 'no-restricted-globals'),
  using('src/main.ts', 'PropertiesService.getScriptProperties()', 'no-restricted-globals'),
  using('src/services/store.ts', 'PropertiesService.getScriptProperties()', null),
];

let findings: Finding[][] = [];

beforeAll(() => {
  findings = lint(CASES);
});

test.each(CASES)('$name', (c) => {
  const found = findings[CASES.indexOf(c)]!;
  if (c.rule === null) expect(found).toEqual([]);
  else expect(found.map((f) => f.ruleId)).toEqual([c.rule]);
});
