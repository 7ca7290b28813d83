/**
 * How the sheets look, decided from their header rows: column widths, which
 * columns are frozen and wrapped, and the conditional formats that flag an
 * overdue ticket and a 高 one. Setup applies it; nothing here touches a sheet.
 */
import { STATUS, type Priority } from './vocabulary';

const HIGH: Priority = '高';

/** Pixels: Sheets' default is 100; a date and time needs about 140 to show without ###. */
export const WIDTH = { wide: 320, dateTime: 140, date: 100, code: 130 } as const;

/** Red for late, orange for urgent (Google Sheets' own light red 2 and light orange 2). */
export const LOOK_COLOURS = { overdue: '#f4cccc', high: '#fce5cd' } as const;

/** Sheets' A1 letters of a 1-based column. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Frozen columns: up to the last of the columns that name a row, when they lead the sheet (else none). */
export function frozenColumns(headers: readonly string[], naming: readonly string[], max = 3): number {
  const positions = naming.map((l) => headers.indexOf(l) + 1).filter((p) => p > 0);
  if (positions.length === 0) return 0;
  const last = Math.max(...positions);
  return last <= max ? last : 0;
}

export interface HighlightRule {
  /** Which of ours it is (setup replaces its own rules and keeps anyone else's). */
  kind: 'overdue' | 'high';
  formula: string;
  background: string;
  /** The columns it colours, 1-based, first and last. */
  from: number;
  to: number;
}

/**
 * 工单's two highlights: a row past 截止时间 and not yet 问题已解决 / 已关闭 is
 * red; a 高 ticket's 优先级 cell is orange. Formulas are relative to row 2, as
 * Sheets applies a custom formula to each row of its range. Columns missing
 * from the header give no rule.
 */
export function ticketHighlights(headers: readonly string[], labels: { deadline: string; status: string; priority: string }): HighlightRule[] {
  const at = (l: string) => headers.indexOf(l) + 1;
  const rules: HighlightRule[] = [];
  const deadline = at(labels.deadline);
  const status = at(labels.status);
  const priority = at(labels.priority);
  if (deadline > 0 && status > 0) {
    const d = `$${columnLetter(deadline)}2`;
    const s = `$${columnLetter(status)}2`;
    rules.push({
      kind: 'overdue',
      formula: `=AND(ISNUMBER(${d}),${d}<NOW(),${s}<>"${STATUS.resolved}",${s}<>"${STATUS.closed}")`,
      background: LOOK_COLOURS.overdue,
      from: 1,
      to: headers.length,
    });
  }
  if (priority > 0) {
    rules.push({ kind: 'high', formula: `=$${columnLetter(priority)}2="${HIGH}"`, background: LOOK_COLOURS.high, from: priority, to: priority });
  }
  return rules;
}

/** Whether a custom formula is one of the highlights (a column move since gives other letters, the same shape). */
export function isOwnHighlight(formula: string): boolean {
  return /^=AND\(ISNUMBER\(\$[A-Z]+2\),\$[A-Z]+2<NOW\(\),/.test(formula) || /^=\$[A-Z]+2="高"$/.test(formula);
}
