/**
 * Column labels are written once, in src/sheets/schema.ts (field columns take
 * theirs from the field contract, src/domain/fields.ts), and everything else
 * uses the handles (`TICKETS.col.status`). This test reads every TypeScript
 * file of the repository and fails on a string literal or object key that
 * spells a column label, so a renamed column cannot leave a stale copy behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { FIELDS } from '../src/domain/fields';
import { CONFIG, CUSTOMERS, HISTORY, IMPORT, INTERNAL, MAIL_QUEUE, OUTBOUND, REPORTS, RETRO, REVIEW, SELF_CHECK, SHEET, TICKETS } from '../src/sheets/schema';

const ROOT = path.resolve(__dirname, '..');

/** Where a label may be written as text, and why. */
const EXEMPT: readonly [RegExp, string][] = [
  [/^src\/sheets\/schema\.ts$/, 'the schema itself'],
  [/^src\/domain\/fields\.ts$/, 'the field contract: a field label is its column header'],
  [/^src\/i18n\/catalog\//, 'catalogue text, translated per locale (a mail table header may read like a label)'],
  [/^(src\/domain\/config|test\/domain-config)/, '配置 vocabulary: group and key names (优先级, 报表, 收件人) that happen to equal labels'],
  [/^bench\/naive\//, 'the naive baseline is a stand-alone script with no imports, written the way a hand-made add-on is'],
  [/^local\/runtime\//, 'the emulator knows nothing of the product schema'],
  [/^test\/runtime-[\w-]+\.test\.ts$/, 'emulator tests use arbitrary sheet data'],
  [/^test\/schema-labels\.test\.ts$/, 'this test'],
  [/^src\/domain\/report-archive\.ts$/, 'report figure names stored in 报表.指标 (工单数, 平均满意度) read like labels'],
  [/^src\/domain\/report-phrases\.ts$/, 'a stop-word list of common words (问题)'],
];

/** Single literals that are not column labels where they stand. */
const EXEMPT_LITERALS: readonly [string, string, string][] = [
  ['test/e2e-reports.test.ts', '工单数', 'a report figure name (报表.指标), not the 客户 column'],
  ['test/e2e-reports.test.ts', '平均满意度', 'a report figure name (报表.指标), not the 客户 column'],
  ['test/e2e-survey-reports.test.ts', '平均满意度', 'a report figure name (报表.指标), not the 客户 column'],
  ['test/domain-report-figures.test.ts', '收件人', 'the 配置 key 报表 / 收件人, not the 邮件队列 column'],
  ['test/domain-report-figures.test.ts', '工单数', 'a report figure name (报表.指标), not the 客户 column'],
  ['test/domain-report-figures.test.ts', '问题', 'a piece of generated description text'],
  ['src/domain/report-chart.ts', '平均满意度', 'a 配置 › 报表 › 图表指标 choice as the admin types it, not the 客户 column'],
  ['test/e2e-customer-mail.test.ts', '回复地址', 'the 配置 key 邮件 / 回复地址, not the 邮件队列 column'],
];

const FIELD_LABELS = new Set(FIELDS.map((f) => f.label));
const SHEETS = [CUSTOMERS, TICKETS, REVIEW, HISTORY, CONFIG, IMPORT, REPORTS, MAIL_QUEUE, OUTBOUND, SELF_CHECK, RETRO];
// A label that is also a sheet's name (报表.报表) is left out: as text it names the sheet far more often.
const SHEET_NAMES = new Set<string>(Object.values(SHEET));
const ALL_LABELS = new Set(
  [...SHEETS.flatMap((s) => s.columns.map((c) => c.label)), ...Object.values(INTERNAL)].filter((l) => !SHEET_NAMES.has(l)),
);

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(rel));
    else if (rel.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** Label literals of one file: in src a field label counts too (code reads columns through handles); in tests and
 * tools a field label may be an answer key of a submission, so there only the other columns count. */
function labelLiterals(rel: string, source = fs.readFileSync(path.join(ROOT, rel), 'utf8')): string[] {
  const labels = rel.startsWith('src/') ? ALL_LABELS : new Set([...ALL_LABELS].filter((l) => !FIELD_LABELS.has(l)));
  const file = ts.createSourceFile(rel, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isIdentifier(node) && node.parent && (ts.isPropertyAssignment(node.parent) || ts.isPropertyAccessExpression(node.parent))) text = node.text;
    if (text !== undefined && labels.has(text) && !EXEMPT_LITERALS.some(([f, l]) => f === rel && l === text)) {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
      found.push(`${rel}:${line + 1} '${text}'`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('column labels', () => {
  test('the scanner finds a planted label literal and a planted object key', () => {
    const planted = `const a = row['${TICKETS.col.status}'];\nconst b = { ${HISTORY.col.action}: 1 };\nconst c = { [HISTORY.col.action]: 1 };\n`;
    expect(labelLiterals('src/services/planted.ts', planted)).toEqual([
      `src/services/planted.ts:1 '${TICKETS.col.status}'`,
      `src/services/planted.ts:2 '${HISTORY.col.action}'`,
    ]);
    // A field label is a column read in src, but may be a submission's answer key in a test.
    const fieldKey = `const answers = { '${TICKETS.col.needDescription}': 'x' };\n`;
    expect(labelLiterals('src/services/planted.ts', fieldKey)).toHaveLength(1);
    expect(labelLiterals('test/planted.test.ts', fieldKey)).toHaveLength(0);
  });

  test('appear as text only in the schema (and the places listed with a reason)', () => {
    const files = ['src', 'local', 'bench', 'test', 'scripts'].filter((d) => fs.existsSync(path.join(ROOT, d))).flatMap(tsFiles);
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) => !EXEMPT.some(([re]) => re.test(f))).flatMap((f) => labelLiterals(f));
    expect(offenders).toEqual([]);
  });
});
