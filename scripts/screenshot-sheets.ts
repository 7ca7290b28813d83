/**
 * The README's pictures of the sheets staff read, 工单 and 待审核: runs the
 * demo (`cli demo`, what `npm start` runs) into a temporary folder, then draws
 * each sheet from the runtime's state the way Google Sheets shows what setup
 * set — column widths, hidden columns left out, frozen columns and header row,
 * wrapping and vertical alignment, values as their number and date formats
 * display them — and photographs it in headless Chromium:
 * test-output/screenshots/sheet-tickets.png and sheet-review.png (ignored);
 * `npm run screenshots` copies them into docs/.
 *
 *   npx tsx scripts/screenshot-sheets.ts [--state DIR] [--out DIR]
 *
 * An approximation, not Sheets itself: the runtime keeps conditional format
 * rules without evaluating them, so this script evaluates the custom formulas
 * setup writes (the overdue and 高 highlights: AND, ISNUMBER, NOW, comparisons
 * of cells and text) at the state's clock; fonts, gridline colours and text
 * spilling into an empty neighbour are drawn to look like Sheets. Header rows
 * are bold because setup sets them bold (the runtime counts setFontWeight but
 * does not store it). Needs Debian's chromium (/usr/bin/chromium) and a CJK
 * font (fonts-wqy-microhei).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { REVIEW, TICKETS } from '../src/sheets/schema';
import { REPO_ROOT } from '../local/cli/session';
import { loadState } from '../local/persist/state-file';
import { zoneOffsetMinutes } from '../local/runtime/date-format';
import { columnLetter, columnNumber, displayValue, findSheet, getCell, getCellProp, isDateValue, isFormulaValue, lastColumn, lastRow } from '../local/runtime/sheet-data';
import type { ConditionalFormatState, RuntimeState, SheetState, StoredValue } from '../local/runtime/state';

/** Sheets' defaults: a column 100 px wide, a row 21 px high, the row numbers' column 46 px. */
const DEFAULT_WIDTH = 100;
const ROW_HEIGHT = 21;
const ROW_HEADER_WIDTH = 46;
/** The tallest picture in CSS pixels: a long sheet is cut at the bottom, as a window would. */
const MAX_HEIGHT = 1200;
const DAY_MS = 86_400_000;
/** 1970-01-01 as a Sheets serial day number (days since 1899-12-30). */
const UNIX_EPOCH_SERIAL = 25_569;

interface Picture {
  file: string;
  sheet: string;
  /** The first column shown right of the frozen ones, as a person scrolls there to read it (absent: none skipped). */
  scrollTo?: string;
  /** The browser window's width in CSS pixels: what is wider is cut off at the right, as in Sheets. */
  width: number;
}

const PICTURES: Picture[] = [
  // Scrolled right to the columns staff work in (priority, owner, deadline, status), 工单编号/客户编号 frozen at the left.
  { file: 'sheet-tickets.png', sheet: TICKETS.name, scrollTo: TICKETS.col.issueType, width: 1700 },
  { file: 'sheet-review.png', sheet: REVIEW.name, width: 1180 },
];

// ---------------------------------------------------------------- conditional formats

type Value = number | string | boolean | null;

/** A Sheets serial number of a stored date, in the spreadsheet's zone. */
function serial(ms: number, timeZone: string): number {
  return (ms + zoneOffsetMinutes(ms, timeZone) * 60_000) / DAY_MS + UNIX_EPOCH_SERIAL;
}

/**
 * Evaluates the custom formula of a conditional format rule for one cell:
 * references are relative to the rule range's top-left cell, as Sheets
 * applies them ($ fixes the column or row). Only what setup's rules use is
 * understood; anything else throws, so a picture is never silently wrong.
 */
export function evaluateRuleFormula(formula: string, at: { row: number; column: number }, origin: { row: number; column: number },
  cell: (row: number, column: number) => StoredValue, now: number, timeZone: string): boolean {
  const src = formula.replace(/^=/, '');
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`conditional format formula not understood (${why}) at ${i}: ${formula}`);
  };
  const skip = () => {
    while (src[i] === ' ') i++;
  };
  const value = (v: StoredValue): Value => {
    if (v === null) return null;
    if (isDateValue(v)) return serial(v.d, timeZone);
    if (isFormulaValue(v)) return fail('a formula cell');
    return v;
  };
  const primary = (): Value => {
    skip();
    const ch = src[i];
    if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) fail('unterminated text');
      const text = src.slice(i + 1, end);
      i = end + 1;
      return text;
    }
    if (ch !== undefined && /[0-9.]/.test(ch)) {
      const m = /^[0-9.]+/.exec(src.slice(i))!;
      i += m[0].length;
      return Number(m[0]);
    }
    const ref = /^(\$?)([A-Z]+)(\$?)([0-9]+)/.exec(src.slice(i));
    if (ref) {
      i += ref[0].length;
      const col = ref[1] ? columnNumber(ref[2]!) : columnNumber(ref[2]!) + (at.column - origin.column);
      const row = ref[3] ? Number(ref[4]) : Number(ref[4]) + (at.row - origin.row);
      return value(cell(row, col));
    }
    const fn = /^([A-Z]+)\(/.exec(src.slice(i));
    if (!fn) return fail('unexpected character');
    i += fn[0].length;
    const args: Value[] = [];
    skip();
    if (src[i] !== ')') {
      for (;;) {
        args.push(comparison());
        skip();
        if (src[i] === ',') i++;
        else break;
      }
    }
    skip();
    if (src[i] !== ')') fail('missing )');
    i++;
    switch (fn[1]) {
      case 'AND': return args.every((a) => truthy(a));
      case 'OR': return args.some((a) => truthy(a));
      case 'NOT': return !truthy(args[0] ?? null);
      case 'ISNUMBER': return typeof args[0] === 'number';
      case 'ISBLANK': return args[0] === null || args[0] === '';
      case 'NOW': return serial(now, timeZone);
      default: return fail(`function ${fn[1]}`);
    }
  };
  const comparison = (): Value => {
    const left = primary();
    skip();
    const op = /^(<>|<=|>=|=|<|>)/.exec(src.slice(i));
    if (!op) return left;
    i += op[0].length;
    return compare(left, op[0], primary());
  };
  const result = comparison();
  skip();
  if (i !== src.length) fail('trailing text');
  return truthy(result);
}

function truthy(v: Value): boolean {
  return v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'string' && v.toUpperCase() === 'TRUE');
}

/** Sheets' comparison: text compares without case, a blank is 0 or "" as the other side needs. */
function compare(a: Value, op: string, b: Value): boolean {
  const norm = (v: Value, other: Value): number | string => {
    if (v === null) return typeof other === 'string' ? '' : 0;
    if (typeof v === 'boolean') return v ? 1 : 0;
    return typeof v === 'string' ? v.toLowerCase() : v;
  };
  const x = norm(a, b);
  const y = norm(b, a);
  if (typeof x !== typeof y) return op === '<>';
  switch (op) {
    case '=': return x === y;
    case '<>': return x !== y;
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    default: return x >= y;
  }
}

interface Rect { row: number; column: number; lastRow: number; lastColumn: number }

function rangeRect(a1: string): Rect {
  const m = /^([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)$/.exec(a1);
  if (!m) throw new Error(`conditional format range not understood: ${a1}`);
  return { column: columnNumber(m[1]!), row: Number(m[2]), lastColumn: columnNumber(m[3]!), lastRow: Number(m[4]) };
}

/** The background the first rule that holds gives the cell (Sheets applies one rule per cell, in order), or none. */
function ruleBackground(rules: readonly ConditionalFormatState[], sheet: SheetState, row: number, column: number, now: number, timeZone: string): string | null {
  for (const rule of rules) {
    for (const a1 of rule.ranges) {
      const r = rangeRect(a1);
      if (row < r.row || row > r.lastRow || column < r.column || column > r.lastColumn) continue;
      const holds = rule.criteria === 'CUSTOM_FORMULA'
        ? evaluateRuleFormula(rule.values[0] ?? '', { row, column }, r, (rr, cc) => getCell(sheet, rr, cc), now, timeZone)
        : String(getCell(sheet, row, column) ?? '') === (rule.values[0] ?? '');
      if (holds) return rule.format.background ?? null;
    }
  }
  return null;
}

// ---------------------------------------------------------------- the picture

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The columns in view: visible ones only, the frozen ones first, then from `scrollTo` on. */
function columnsInView(sheet: SheetState, scrollTo: string | undefined): { columns: number[]; frozen: number } {
  const hidden = new Set(sheet.hiddenColumns ?? []);
  const all = Array.from({ length: lastColumn(sheet) }, (_, i) => i + 1);
  const frozen = all.filter((c) => c <= sheet.frozenColumns && !hidden.has(c));
  let rest = all.filter((c) => c > sheet.frozenColumns && !hidden.has(c));
  if (scrollTo) {
    const at = all.find((c) => getCell(sheet, 1, c) === scrollTo);
    if (!at) throw new Error(`${sheet.name} has no column ${scrollTo}`);
    rest = rest.filter((c) => c >= at);
  }
  return { columns: [...frozen, ...rest], frozen: frozen.length };
}

/** HTML of a sheet as Sheets draws it: letters above, row numbers at the left, the frozen panes' grey bars. */
export function sheetHtml(state: RuntimeState, name: string, scrollTo?: string): string {
  const sheet = findSheet(state, name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const tz = state.spreadsheet.timeZone;
  const rules = sheet.conditionalFormats ?? [];
  const { columns, frozen } = columnsInView(sheet, scrollTo);
  const widthOf = (c: number) => sheet.columnWidths[String(c)] ?? DEFAULT_WIDTH;
  const frozenEdge = (i: number) => (i === frozen - 1 ? ' frozen-col' : '');
  const head = columns.map((c, i) => `<th class="letter${frozenEdge(i)}">${columnLetter(c)}</th>`).join('');
  const body: string[] = [];
  for (let r = 1; r <= lastRow(sheet); r++) {
    const cells = columns.map((c, i) => {
      const value = getCell(sheet, r, c);
      const text = displayValue(value, getCellProp(sheet, r, c, 'fmt'), tz);
      const wrap = getCellProp(sheet, r, c, 'wrap');
      const valign = getCellProp(sheet, r, c, 'valign') ?? 'bottom';
      // Sheets aligns numbers and dates right, booleans centre, text left (a number kept as text is text).
      const align = typeof value === 'number' || (value !== null && isDateValue(value)) ? 'right' : typeof value === 'boolean' ? 'center' : 'left';
      const background = r === 1 ? null : ruleBackground(rules, sheet, r, c, state.clock, tz);
      // Unwrapped text spills into the next cell when that one is empty, as Sheets draws it; else it is cut at the edge.
      const next = columns[i + 1];
      const spills = wrap !== 'WRAP' && wrap !== 'CLIP' && align === 'left' && next !== undefined && next === c + 1 && displayValue(getCell(sheet, r, next), null, tz) === '';
      const classes = [wrap === 'WRAP' ? 'wrap' : spills ? 'spill' : 'clip', `v-${valign}`, `a-${align}`, r <= sheet.frozenRows ? 'header' : ''];
      const style = background ? ` style="background:${background}"` : '';
      return `<td class="${classes.join(' ').trim()}${frozenEdge(i)}"${style}><div>${escapeHtml(text)}</div></td>`;
    });
    const rowClass = r === sheet.frozenRows ? ' class="frozen-row"' : '';
    body.push(`<tr${rowClass}><th class="rownum">${r}</th>${cells.join('')}</tr>`);
  }
  const colgroup = [`<col style="width:${ROW_HEADER_WIDTH}px">`, ...columns.map((c) => `<col style="width:${widthOf(c)}px">`)].join('');
  const total = ROW_HEADER_WIDTH + columns.reduce((sum, c) => sum + widthOf(c), 0);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { margin: 0; background: #fff; font: 13px/17px Arial, "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; color: #000; }
  .tab { display: inline-block; margin: 6px 8px; padding: 4px 14px; background: #e1e9f7; color: #0b57d0; border-radius: 4px; font-weight: bold; font-size: 12px; }
  table { border-collapse: collapse; table-layout: fixed; width: ${total}px; }
  td, th { border: 1px solid #e2e3e3; padding: 0 3px; height: ${ROW_HEIGHT - 1}px; overflow: hidden; }
  th { background: #f8f9fa; color: #444; font-weight: normal; font-size: 11px; text-align: center; }
  th.letter { height: 20px; }
  th.rownum { text-align: center; }
  td > div { max-height: 400px; }
  td.clip > div { white-space: pre; overflow: hidden; }
  td.spill { overflow: visible; }
  td.spill > div { white-space: pre; position: relative; z-index: 1; width: max-content; }
  td.wrap > div { white-space: pre-wrap; word-break: break-all; }
  td.v-top { vertical-align: top; } td.v-middle { vertical-align: middle; } td.v-bottom { vertical-align: bottom; }
  td.a-right { text-align: right; } td.a-center { text-align: center; }
  td.header { font-weight: bold; }
  .frozen-col { border-right: 4px solid #c0c3c7; }
  tr.frozen-row td, tr.frozen-row th { border-bottom: 4px solid #c0c3c7; }
</style></head><body><div class="tab">${escapeHtml(name)}</div><table><colgroup>${colgroup}</colgroup>
<thead><tr><th class="corner"></th>${head}</tr></thead><tbody>${body.join('\n')}</tbody></table></body></html>`;
}

// ---------------------------------------------------------------- main

/**
 * A customer who writes in as the demo ends, urgent (期望响应时间 24小时内): a 高 ticket not yet overdue, so
 * the picture shows the orange of 高 beside the red of the overdue rows (the demo's own 高 tickets are all late by then).
 */
const LATE_ARRIVAL = {
  客户类型: '个人', '姓名/企业名称': '赵敏', 所属行业: '零售', 手机号: '13900139011', 电子邮箱: 'zhao.min@example.com', 来源渠道: '官网',
  需求类型: '售后支持', 具体需求描述: '打印小票时收银系统卡死，重启后仍然出现，需要尽快处理', 期望响应时间: '24小时内', 时间要求: '1周内', 个人信息处理同意: '同意',
};

/** Runs the demo into `dir` with the built bundle, as `npm start` does, then files LATE_ARRIVAL through the Form. */
function runDemo(dir: string): void {
  const cli = [require.resolve('tsx/cli'), path.join(REPO_ROOT, 'local', 'cli', 'main.ts')];
  const input = path.join(path.dirname(dir), 'late-arrival.json');
  fs.writeFileSync(input, JSON.stringify([LATE_ARRIVAL]));
  for (const args of [[path.join(REPO_ROOT, 'scripts', 'ensure-build.js')], [...cli, 'demo', '--state', dir], [...cli, 'submit', input, '--state', dir]]) {
    const r = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { state: { type: 'string' }, out: { type: 'string' } } });
  const out = path.resolve(values.out ?? path.join(REPO_ROOT, 'test-output', 'screenshots'));
  let dir = values.state ? path.resolve(values.state) : '';
  const temporary = !dir;
  if (temporary) {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kehu-sheets-')), 'demo-state');
    runDemo(dir);
  }
  const state = loadState(dir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    fs.mkdirSync(out, { recursive: true });
    for (const picture of PICTURES) {
      const page = await browser.newPage({ viewport: { width: picture.width, height: 400 }, deviceScaleFactor: 1 });
      // The page is self-contained: nothing may be fetched.
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(sheetHtml(state, picture.sheet, picture.scrollTo), { waitUntil: 'load' });
      const height = Number(await page.evaluate('document.body.scrollHeight'));
      const file = path.join(out, picture.file);
      // The window's width, cut at the right as Sheets cuts what does not fit; the demo's rows from the top.
      await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: picture.width, height: Math.min(height, MAX_HEIGHT) } });
      await page.close();
      console.log(`${path.relative(process.cwd(), file)} (${picture.sheet}, from ${dir})`);
    }
  } finally {
    await browser.close();
    if (temporary) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
