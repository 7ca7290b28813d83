/**
 * Emulated TextFinder: a search of a range, a sheet or the whole spreadsheet
 * for text as displayed (or a formula's text), with Apps Script's options;
 * matches come sheet by sheet, row by row, then column.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { SheetState } from '../state';
import { displayValue, getCell, getCellProp, isFormulaValue, lastColumn, lastRow, type GridRect } from '../sheet-data';
import { fail, own } from './exceptions';
import { RangeEmu } from './range';
import type { UiRecord } from './ui-record';

type FinderScope = { kind: 'spreadsheet' } | { kind: 'sheet'; sheetId: number } | { kind: 'range'; sheetId: number; rect: GridRect };

interface CellPos {
  sheetId: number;
  row: number;
  column: number;
}

function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/**
 * What RE2 (the engine of Google's regular expressions) cannot do and
 * JavaScript can: lookahead and lookbehind, and back-references (\1, \k<name>).
 * Escaped characters and character classes are skipped, so `\(?=` or `[(?=]`
 * are plain text.
 */
export function re2Unsupported(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<'))) return 'back-reference';
      i += 1;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(' && pattern[i + 1] === '?' && /^(?:=|!|<=|<!)/.test(pattern.slice(i + 2, i + 4))) return 'lookaround';
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class TextFinderEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.TextFinder,
      | 'matchCase'
      | 'matchEntireCell'
      | 'useRegularExpression'
      | 'matchFormulaText'
      | 'ignoreDiacritics'
      | 'startFrom'
      | 'findNext'
      | 'findPrevious'
      | 'findAll'
    >
{
  private opts = { matchCase: false, entireCell: false, regex: false, formulaText: false, ignoreDiacritics: false };
  private current: CellPos | null = null;

  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
    private readonly scope: FinderScope,
    private readonly text: string,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `TextFinder.${method}`);
  }

  matchCase(matchCase: boolean): TextFinderEmu {
    this.m('matchCase');
    this.opts.matchCase = !!matchCase;
    return this;
  }

  matchEntireCell(matchEntireCell: boolean): TextFinderEmu {
    this.m('matchEntireCell');
    this.opts.entireCell = !!matchEntireCell;
    return this;
  }

  useRegularExpression(useRegEx: boolean): TextFinderEmu {
    this.m('useRegularExpression');
    this.opts.regex = !!useRegEx;
    return this;
  }

  matchFormulaText(matchFormulaText: boolean): TextFinderEmu {
    this.m('matchFormulaText');
    this.opts.formulaText = !!matchFormulaText;
    return this;
  }

  ignoreDiacritics(ignoreDiacritics: boolean): TextFinderEmu {
    this.m('ignoreDiacritics');
    this.opts.ignoreDiacritics = !!ignoreDiacritics;
    return this;
  }

  /** The search continues after the top-left cell of the range. */
  startFrom(startRange: GoogleAppsScript.Spreadsheet.Range | RangeEmu): TextFinderEmu {
    this.m('startFrom');
    const r = own(this.env, startRange, RangeEmu, 'startRange');
    this.current = { sheetId: r.sheetId, row: r.rect.row, column: r.rect.column };
    return this;
  }

  findNext(): RangeEmu | null {
    this.m('findNext');
    const all = this.matches();
    const at = this.current;
    const next = at ? all.find((p) => this.order(p, at) > 0) : all[0];
    if (!next) return null;
    this.current = next;
    return this.rangeAt(next);
  }

  findPrevious(): RangeEmu | null {
    this.m('findPrevious');
    const at = this.current;
    if (!at) return null;
    const prev = this.matches().filter((p) => this.order(p, at) < 0).pop();
    if (!prev) return null;
    this.current = prev;
    return this.rangeAt(prev);
  }

  findAll(): RangeEmu[] {
    this.m('findAll');
    return this.matches().map((p) => this.rangeAt(p));
  }

  private pattern(): RegExp {
    const raw = this.opts.ignoreDiacritics && !this.opts.regex ? stripDiacritics(this.text) : this.text;
    // Google's regular expressions are RE2: what it lacks is refused, as Sheets refuses it.
    if (this.opts.regex && re2Unsupported(raw)) return fail(this.env, `Invalid regular expression: ${this.text}`);
    const body = this.opts.regex ? raw : escapeRegExp(raw);
    const source = this.opts.entireCell ? `^(?:${body})$` : body;
    const flags = `${this.opts.matchCase ? '' : 'i'}u`;
    try {
      return new RegExp(source, flags);
    } catch {
      return fail(this.env, `Invalid regular expression: ${this.text}`);
    }
  }

  private sheetOrder(sheetId: number): number {
    return this.env.state.spreadsheet.sheets.findIndex((s) => s.sheetId === sheetId);
  }

  private order(a: CellPos, b: CellPos): number {
    return this.sheetOrder(a.sheetId) - this.sheetOrder(b.sheetId) || a.row - b.row || a.column - b.column;
  }

  private searchText(s: SheetState, row: number, column: number): string {
    const v = getCell(s, row, column);
    const text = this.opts.formulaText && isFormulaValue(v) ? v.f : displayValue(v, getCellProp(s, row, column, 'fmt'), this.env.state.spreadsheet.timeZone);
    return this.opts.ignoreDiacritics ? stripDiacritics(text) : text;
  }

  /** Every matching cell in scope, sheet by sheet, row by row, then column. */
  private matches(): CellPos[] {
    const sheets = this.env.state.spreadsheet.sheets;
    const scopeSheets = this.scope.kind === 'spreadsheet' ? sheets : sheets.filter((s) => s.sheetId === (this.scope as { sheetId: number }).sheetId);
    if (this.scope.kind !== 'spreadsheet' && scopeSheets.length === 0) return fail(this.env, 'The sheet you are trying to access has been deleted.');
    const re = this.pattern();
    const out: CellPos[] = [];
    for (const s of scopeSheets) {
      const rect = this.scope.kind === 'range' ? this.scope.rect : { row: 1, column: 1, numRows: lastRow(s), numColumns: lastColumn(s) };
      const lastR = Math.min(rect.row + rect.numRows - 1, lastRow(s));
      const lastC = Math.min(rect.column + rect.numColumns - 1, lastColumn(s));
      for (let r = rect.row; r <= lastR; r++) {
        if (!s.rows[r - 1]) continue;
        for (let c = rect.column; c <= lastC; c++) {
          const text = this.searchText(s, r, c);
          if (text !== '' && re.test(text)) out.push({ sheetId: s.sheetId, row: r, column: c });
        }
      }
    }
    return out;
  }

  private rangeAt(p: CellPos): RangeEmu {
    return new RangeEmu(this.env, this.ui, p.sheetId, { row: p.row, column: p.column, numRows: 1, numColumns: 1 });
  }
}
