/**
 * The 导入 sheet as an intake channel: staff paste CRM/CSV rows under the
 * field labels (or keys); the unprocessed rows go through the pipeline in
 * batches (one lock and one write per sheet per batch) and each gets its
 * result written beside it. A row is identified by its content, so running
 * the import again never files a row twice. A run stops well inside Apps
 * Script's 6 minutes and schedules its own continuation; an import left
 * unfinished is marked until one completes, so the hourly sweep can give it a
 * new continuation when that one is lost.
 *
 * Once a row has its result, whatever it is, its sensitive cells (联系地址,
 * 证件号码, their aliases, an ID number under any other header) hold the sealed
 * marker instead of the value: the plaintext leaves the sheet. A row that
 * holds the marker and no result is not filed again (its values are gone).
 */
import { fieldByName } from '../domain/fields';
import { importStalled } from '../domain/intake-recovery';
import { isSealedMarker, isSensitiveAnswer } from '../domain/normalise';
import { CHANNEL, importHandler } from '../domain/vocabulary';
import { MESSAGES } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { IMPORT } from '../sheets/schema';
import type { AppContext } from './context';
import { intakeBatch, type Filed, type FiledMail, type IntakeOutcome, type RawSubmission } from './intake';
import { BusyError } from './lock';
import { deliverAll } from './mail-queue';
import { importMails } from './notify';
import { actingStaff, formatDateTime } from './platform';
import { importUnfinishedAt, markImportUnfinished } from './store';
import { IMPORT_CONTINUE_HANDLER, scheduleOneOff, spendOneOff } from './triggers';

/** Stop starting batches after this long; the continuation trigger takes the rest. */
const IMPORT_BUDGET_MS = 4 * 60 * 1000;
/** Rows filed under one hold of the script lock (other submissions wait meanwhile). */
const BATCH_ROWS = 1000;
const CONTINUE_AFTER_MS = 60 * 1000;

export interface ImportReport {
  processed: number;
  accepted: number;
  review: number;
  duplicate: number;
  /** Rows not filed again: a cell holds the sealed marker, so what they held is no longer there. */
  sealedRows: number;
  /** Rows left for the next run (time budget reached, or the lock was busy). */
  remaining: number;
  /** A continuation run is scheduled for the remaining rows. */
  continues: boolean;
  outcomes: { row: number; outcome: IntakeOutcome }[];
}

interface PendingRow {
  /** 0-based index into the sheet's values (row number − 1). */
  index: number;
  raw: RawSubmission;
}

export function importRows(ctx: AppContext, opts: { handler?: string } = {}): ImportReport {
  const started = Date.now();
  const report: ImportReport = { processed: 0, accepted: 0, review: 0, duplicate: 0, sealedRows: 0, remaining: 0, continues: false, outcomes: [] };
  const sheet = ctx.ss.getSheetByName(IMPORT.name);
  if (!sheet) throw new UserError('sheet.missing', { sheet: IMPORT.name });
  const values = sheet.getDataRange().getValues();
  const headers = (values[0] ?? []).map((h) => String(h).trim());
  let resultCol = headers.indexOf(IMPORT.col.result);
  if (resultCol < 0) {
    resultCol = headers.length;
    sheet.getRange(1, resultCol + 1).setValue(IMPORT.col.result);
  }
  const handler = opts.handler ?? importHandler(actingStaff());
  const pending: PendingRow[] = [];
  /** Rows the import gave a result: sealed now if a run stopped between their result and their seal, or an older version filed them. */
  const done: number[] = [];
  const sealedRows: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const row = values[i]!;
    const result = String(row[resultCol] ?? '');
    if (result !== '') {
      // A note staff typed there keeps its row out of the import, and its values as they are.
      if (isImportResult(result)) done.push(i);
      continue;
    }
    const answers: Record<string, unknown> = {};
    let empty = true;
    headers.forEach((h, c) => {
      if (c === resultCol || h === '') return;
      const v = row[c];
      if (v !== '' && v !== null && v !== undefined) empty = false;
      answers[h] = Object.prototype.toString.call(v) === '[object Date]' ? formatDateTime(v as Date, ctx.timeZone) : v;
    });
    if (empty) continue;
    if (row.some((v, c) => c !== resultCol && isSealedMarker(v))) {
      sealedRows.push(i);
      continue;
    }
    pending.push({ index: i, raw: { answers, channel: CHANNEL.import, handler, sourceId: 'import:' + contentId(answers), receivedAt: new Date() } });
  }

  const sealing = { sheet, values, columns: sealableColumns(headers, resultCol), marker: ctx.t('sealed.marker') };
  if (sealedRows.length > 0) {
    const refusal = ctx.t('import.sealedRow', { marker: sealing.marker });
    writeColumn(sheet, values, resultCol, new Map(sealedRows.map((i) => [i, refusal])));
    report.sealedRows = sealedRows.length;
  }
  sealRows(sealing, [...done, ...sealedRows]);

  const mails: FiledMail[] = [];
  for (let start = 0; start < pending.length; start += BATCH_ROWS) {
    const batch = pending.slice(start, start + BATCH_ROWS);
    if (Date.now() - started > IMPORT_BUDGET_MS) {
      report.remaining = pending.length - start;
      break;
    }
    let filed: Filed[];
    try {
      filed = intakeBatch(ctx, batch.map((p) => p.raw), false);
    } catch (err) {
      if (!(err instanceof BusyError)) throw err;
      report.remaining = pending.length - start;
      break;
    }
    // Results land batch by batch: a run cut short keeps what it did, and the next run skips those rows.
    const results = new Map<number, string>();
    filed.forEach(({ outcome, mail }, k) => {
      const { index } = batch[k]!;
      results.set(index, describeOutcome(ctx, outcome));
      report.processed += 1;
      report[outcome.outcome] += 1;
      report.outcomes.push({ row: index + 1, outcome });
      if (mail) mails.push(mail);
    });
    writeColumn(sheet, values, resultCol, results);
    // After the results: a run that stops in between leaves rows with a result, which the next run seals.
    sealRows(sealing, batch.map((p) => p.index));
  }
  // Marked before scheduling: a continuation that cannot be created is recovered like a lost one.
  markImportUnfinished(report.remaining > 0 ? Date.now() : null);
  if (report.remaining > 0) report.continues = scheduleContinuation();
  deliverAll(ctx, importMails(ctx, mails));
  return report;
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Cells = unknown[][];

/**
 * Writes values into one column at the given 0-based row indexes, as one span from the first to
 * the last, the rows between written back as read (plain text, as the whole 导入 body is).
 */
function writeColumn(sheet: Sheet, values: Cells, col: number, cells: ReadonlyMap<number, string>): void {
  if (cells.size === 0) return;
  let first = Infinity;
  let last = -1;
  for (const i of cells.keys()) {
    first = Math.min(first, i);
    last = Math.max(last, i);
  }
  const span = values.slice(first, last + 1).map((r) => [r[col] ?? '']);
  for (const [i, v] of cells) {
    span[i - first] = [v];
    values[i]![col] = v;
  }
  sheet.getRange(first + 1, col + 1, span.length, 1).setNumberFormat('@').setValues(span);
}

/**
 * The columns whose cells may hold a sensitive value, 0-based: a sensitive field's (every
 * cell), and those of no field (a cell holding an ID number); a column of another field
 * keeps what it holds, as the field does.
 */
function sealableColumns(headers: readonly string[], resultCol: number): { col: number; header: string }[] {
  return headers.flatMap((header, col) => (col !== resultCol && header !== '' && (fieldByName(header)?.sensitive ?? true) ? [{ col, header }] : []));
}

/** Puts the marker in place of each sensitive value of the given rows: one write per column that has one. */
function sealRows(s: { sheet: Sheet; values: Cells; columns: readonly { col: number; header: string }[]; marker: string }, rows: readonly number[]): void {
  for (const { col, header } of s.columns) {
    const cells = new Map<number, string>();
    for (const i of rows) {
      const v = s.values[i]![col];
      const text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
      if (text.trim() !== '' && !isSealedMarker(text) && isSensitiveAnswer(header, text)) cells.set(i, s.marker);
    }
    writeColumn(s.sheet, s.values, col, cells);
  }
}

/** One pending continuation at most: a run that finds one already scheduled adds none. */
function scheduleContinuation(): boolean {
  scheduleOneOff(IMPORT_CONTINUE_HANDLER, CONTINUE_AFTER_MS);
  return true;
}

/** The continuation run: its own one-off trigger is spent, so it is deleted first. */
export function continueImport(ctx: AppContext): ImportReport {
  spendOneOff(IMPORT_CONTINUE_HANDLER);
  return importRows(ctx);
}

/**
 * The hourly sweep's part: an import that stopped early and has not gone on
 * since (its continuation trigger lost, or its run failed) gets a new
 * continuation. Only an import someone started is marked: rows merely pasted
 * into 导入 wait for the menu item.
 */
export function resumeStalledImport(): boolean {
  if (!importStalled(importUnfinishedAt(), Date.now())) return false;
  return scheduleContinuation();
}

/** A short plain-text result for the cell beside the row. */
export function describeOutcome(ctx: AppContext, o: IntakeOutcome): string {
  switch (o.outcome) {
    case 'accepted':
      return ctx.t('import.accepted', { ticket: o.ticket_no, customer: o.customer_no }) +
        (o.warnings.length ? '\n' + ctx.t('import.warnings', { list: o.warnings.join('；') }) : '');
    case 'review':
      return ctx.t('import.review', { row: o.review_row, problems: o.problems.join('；') });
    case 'duplicate':
      return o.ticket_no ? ctx.t('import.duplicateTicket', { ticket: o.ticket_no }) : ctx.t('import.duplicateReview', { row: o.review_row ?? '' });
  }
}

const RESULT_KEYS = ['import.accepted', 'import.review', 'import.duplicateTicket', 'import.duplicateReview', 'import.sealedRow'] as const;
/** The fixed beginnings of the results the import writes, in either language (a re-run may be under the other). */
const RESULT_STARTS = (['zh-CN', 'en'] as const).flatMap((l) => RESULT_KEYS.map((k) => MESSAGES[l][k].split('{')[0]!));

/** Whether a 处理结果 cell holds a result the import wrote. */
function isImportResult(text: string): boolean {
  return RESULT_STARTS.some((start) => text.startsWith(start));
}

/** A stable id of a row's content (MD5 is fine here: it identifies, it does not protect). */
function contentId(answers: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.keys(answers).sort().map((k) => [k, String(answers[k])]));
  return Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, canonical, Utilities.Charset.UTF_8)
    .map((b) => ((b & 255) + 0x100).toString(16).slice(1))
    .join('');
}
