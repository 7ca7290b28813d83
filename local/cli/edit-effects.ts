/**
 * What a staff member's edit did, as they would see it in the workbook and
 * the outbox: the edit is made through the runtime (protection, dropdowns,
 * then the edit triggers), and the state before and after is compared —
 * the cell as it stands (onSheetEdit may have put the old value back), its
 * note, the other visible cells of the row that changed (提醒, 首次响应时间 …),
 * the new 历史 rows, the mails sent and the mails queued in 邮件队列.
 */
import { CONFIG, CUSTOMERS, HISTORY, IMPORT, MAIL_QUEUE, REVIEW, TICKETS, type SheetSpec } from '../../src/sheets/schema';
import type { Runtime } from '../runtime/runtime';
import type { SheetState, StoredValue } from '../runtime/state';
import { displayValue, findSheet, getCell, getCellProp, isBlankValue, isFormulaValue, lastColumn, lastRow, parseInput } from '../runtime/sheet-data';
import type { MessageKey, MessageParams } from './messages';

export interface Refused {
  refused: true;
  /** Google's words for the refusal (protected cell, a value outside the dropdown). */
  message: string;
}

export interface EditEffects {
  refused: false;
  /** The cell before the edit, the value typed (as Sheets parses it), and the cell once the triggers ran. */
  before: string;
  typed: string;
  now: string;
  /** The cell does not hold what was typed: onSheetEdit refused it and put back `now`. */
  reverted: boolean;
  /** The cell's note when the edit was refused (its reason) or left a new one (a 配置 problem). */
  note: string;
  /** The other visible cells of the row that changed. */
  changes: { column: string; from: string; to: string }[];
  history: { action: string; from: string; to: string; note: string }[];
  sent: { to: string; subject: string }[];
  queued: { to: string; subject: string }[];
  failed: { handler: string; error: string }[];
}

/** Types `input` into the cell as `user` and says what came of it. */
export function editAndObserve(runtime: Runtime, sheetName: string, row: number, column: number, input: string, user: string): Refused | EditEffects {
  const state = runtime.state;
  const timeZone = state.spreadsheet.timeZone;
  const sheet = findSheet(state, sheetName)!;
  const rowBefore = readRow(sheet, row);
  const format = getCellProp(sheet, row, column, 'fmt');
  const typed = parseInput(input, format, state.spreadsheet).value;
  const noteBefore = getCellProp(sheet, row, column, 'note') ?? '';
  const historyFrom = rowCount(runtime, HISTORY.name);
  const queueFrom = rowCount(runtime, MAIL_QUEUE.name);
  const mailFrom = state.mail.sent.length;

  const result = runtime.editCell(sheetName, row, column, input, user);
  if (!result.ok) return { refused: true, message: result.message };

  // The sheet as it stands now (a trigger may have recreated it, never moved the row).
  const after = findSheet(state, sheetName) ?? sheet;
  const shown = (value: StoredValue, col: number): string => show(value, getCellProp(after, row, col, 'fmt'), timeZone);
  const now = getCell(after, row, column);
  const note = getCellProp(after, row, column, 'note') ?? '';
  const hidden = hiddenLabels(sheetName);
  const headers = readRow(after, 1).map((h) => String(h ?? ''));
  const rowAfter = readRow(after, row);
  const changes = headers.flatMap((label, i) => {
    const col = i + 1;
    if (col === column || !label || hidden.has(label) || same(rowBefore[i] ?? null, rowAfter[i] ?? null)) return [];
    return [{ column: label, from: shown(rowBefore[i] ?? null, col), to: shown(rowAfter[i] ?? null, col) }];
  });
  const reverted = !same(now, typed);
  return {
    refused: false,
    before: shown(rowBefore[column - 1] ?? null, column),
    typed: show(typed, format, timeZone),
    now: shown(now, column),
    reverted,
    // A refusal's note is its reason, even when an earlier refusal left the same one.
    note: reverted || note !== noteBefore ? note : '',
    changes,
    history: newRows(runtime, HISTORY.name, historyFrom).map((r) => ({
      action: r[HISTORY.col.action] ?? '',
      from: r[HISTORY.col.oldValue] ?? '',
      to: r[HISTORY.col.newValue] ?? '',
      note: r[HISTORY.col.note] ?? '',
    })),
    sent: state.mail.sent.slice(mailFrom).map((m) => ({ to: m.to, subject: m.subject })),
    queued: newRows(runtime, MAIL_QUEUE.name, queueFrom).map((r) => ({ to: r[MAIL_QUEUE.col.to] ?? '', subject: r[MAIL_QUEUE.col.subject] ?? '' })),
    failed: result.runs.filter((r) => !r.ok).map((r) => ({ handler: r.handler, error: r.error ?? '' })),
  };
}

/** One message per line, indented under the line that says what the edit was; `always` also says when no 历史 row or mail came of it. */
export function describeEffects(e: EditEffects, t: (key: MessageKey, params?: MessageParams) => string, opts: { always?: boolean } = {}): string[] {
  const blank = t('blankCell');
  const or = (text: string) => (text === '' ? blank : text);
  const lines = [
    ...e.changes.map((c) => t('effectCell', { column: c.column, from: or(c.from), to: or(c.to) })),
    ...e.history.map((h) => {
      const change = h.from === '' ? or(h.to) : `${h.from} → ${or(h.to)}`;
      return t(h.note ? 'effectHistoryNote' : 'effectHistory', { action: h.action, change, note: h.note });
    }),
    ...e.sent.map((m) => t('effectMailSent', { to: m.to, subject: m.subject })),
    ...e.queued.map((m) => t('effectMailQueued', { to: m.to, subject: m.subject })),
  ];
  if (opts.always) {
    if (e.history.length === 0) lines.push(t('effectNoHistory'));
    if (e.sent.length + e.queued.length === 0) lines.push(t('effectNoMail'));
  }
  if (e.note && !e.reverted) lines.push(t('effectNote', { note: e.note }));
  return lines.map((l) => `  ${l}`);
}

/** The schema's hidden (bookkeeping) columns of a sheet: never reported. */
function hiddenLabels(sheetName: string): Set<string> {
  const specs: SheetSpec[] = [CUSTOMERS, TICKETS, REVIEW, HISTORY, CONFIG, IMPORT, MAIL_QUEUE];
  const spec = specs.find((s) => s.name === sheetName);
  return new Set((spec?.columns ?? []).filter((c) => c.hidden).map((c) => c.label));
}

function readRow(sheet: SheetState, row: number): StoredValue[] {
  return Array.from({ length: lastColumn(sheet) }, (_, i) => getCell(sheet, row, i + 1));
}

function rowCount(runtime: Runtime, name: string): number {
  const sheet = findSheet(runtime.state, name);
  return sheet ? lastRow(sheet) : 0;
}

/** The rows below `from` of a sheet, as text keyed by header. */
function newRows(runtime: Runtime, name: string, from: number): Record<string, string>[] {
  const sheet = findSheet(runtime.state, name);
  if (!sheet) return [];
  const timeZone = runtime.state.spreadsheet.timeZone;
  const headers = readRow(sheet, 1).map((h) => String(h ?? ''));
  const rows: Record<string, string>[] = [];
  for (let r = Math.max(2, from + 1); r <= lastRow(sheet); r++) {
    rows.push(Object.fromEntries(headers.map((h, i) => [h, show(getCell(sheet, r, i + 1), getCellProp(sheet, r, i + 1, 'fmt'), timeZone)])));
  }
  return rows;
}

/** A value as the cell shows it; a formula as typed (formulas are not evaluated locally). */
function show(value: StoredValue, format: string | null, timeZone: string): string {
  if (value !== null && isFormulaValue(value)) return value.f;
  return displayValue(value, format, timeZone);
}

function same(a: StoredValue, b: StoredValue): boolean {
  if (isBlankValue(a) && isBlankValue(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
