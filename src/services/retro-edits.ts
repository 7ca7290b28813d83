/**
 * Staff typing into 复盘: 状态 must be one of the four and 期限 a date, since
 * the next quarterly report sorts and flags the actions by them. The sheet's
 * own rules stop a typed value; a paste gets past them, so the edit trigger
 * checks again: a refused value is put back (a single cell's old value; a
 * pasted cell, whose old value the event does not carry, is emptied) with a
 * note saying why.
 */
import { localMidnight } from '../domain/local-time';
import { isDate } from '../domain/normalise';
import { RETRO_STATUSES, isRetroStatus } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import { RETRO } from '../sheets/schema';
import { cellText } from '../sheets/table';
import type { AppContext } from './context';

type Range = GoogleAppsScript.Spreadsheet.Range;

const DAY_MS = 86_400_000;
/** Day 0 of a Sheets date serial, 1899-12-30, in epoch days. */
const SERIAL_EPOCH_DAYS = 25_569;

export function handleRetroEdit(ctx: AppContext, r: Range, event: { oldValue?: unknown }): void {
  const sheet = r.getSheet();
  const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]!.map((h) => String(h).trim());
  const first = Math.max(2, r.getRow());
  const height = r.getLastRow() - first + 1;
  if (height < 1) return;
  const single = r.getNumRows() === 1 && r.getNumColumns() === 1;
  const checks: [string, (v: unknown) => string | null, (old: string) => unknown][] = [
    [RETRO.col.status, (v) => statusProblem(ctx, v), (old) => old],
    [RETRO.col.due, (v) => dueProblem(ctx, v), (old) => dueValue(old, ctx.utcOffset)],
  ];
  for (const [label, problem, restore] of checks) {
    const col = headers.indexOf(label) + 1;
    if (col === 0 || col < r.getColumn() || col > r.getLastColumn()) continue;
    const range = sheet.getRange(first, col, height, 1);
    const values = range.getValues();
    const notes = range.getNotes();
    let refused = false;
    values.forEach((row, i) => {
      const why = problem(row[0]);
      // What was just typed is checked afresh: an earlier refusal's note goes with it.
      notes[i]![0] = why ?? '';
      if (why === null) return;
      refused = true;
      row[0] = single && event.oldValue !== undefined ? restore(String(event.oldValue)) : '';
    });
    if (refused) range.setValues(values);
    range.setNotes(notes);
  }
}

function statusProblem(ctx: AppContext, v: unknown): string | null {
  const typed = cellText(v);
  if (typed === '' || isRetroStatus(typed)) return null;
  return ctx.t('retro.badStatus', { value: typed, options: RETRO_STATUSES.join(listSeparator(ctx.locale)) });
}

function dueProblem(ctx: AppContext, v: unknown): string | null {
  if (isDate(v) && !Number.isNaN(v.getTime())) return null;
  const typed = cellText(v);
  return typed === '' ? null : ctx.t('retro.badDue', { value: typed });
}

/**
 * A date cell's old value as the edit event gives it — a date serial, or
 * the date as text (yyyy-MM-dd, a time after it) — back as the day it was;
 * anything else is emptied.
 */
function dueValue(old: string, utcOffset: number): unknown {
  const text = old.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return new Date((Math.floor(Number(text)) - SERIAL_EPOCH_DAYS) * DAY_MS - utcOffset * 60_000);
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$/.exec(text);
  return m ? new Date(localMidnight(Number(m[1]), Number(m[2]), Number(m[3]), utcOffset)) : '';
}
