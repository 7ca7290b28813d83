/**
 * The 导入 sheet as an intake channel: staff paste CRM/CSV rows under the
 * field labels (or keys); the unprocessed rows go through the pipeline in
 * batches (one lock and one write per sheet per batch) and each gets its
 * result written beside it. A row is identified by its content, so running
 * the import again never files a row twice. A run stops well inside Apps
 * Script's 6 minutes and schedules its own continuation; an import left
 * unfinished is marked until one completes, so the hourly sweep can give it a
 * new continuation when that one is lost.
 */
import { importStalled } from '../domain/intake-recovery';
import { CHANNEL, importHandler } from '../domain/vocabulary';
import { UserError } from '../i18n/user-error';
import { IMPORT } from '../sheets/schema';
import type { AppContext } from './context';
import { intakeBatch, type Filed, type FiledMail, type IntakeOutcome, type RawSubmission } from './intake';
import { BusyError } from './lock';
import { deliverAll } from './mail-queue';
import { importMails } from './notify';
import { actingStaff, formatDateTime } from './platform';
import { importUnfinishedAt, markImportUnfinished } from './store';
import { IMPORT_CONTINUE_HANDLER } from './triggers';

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
  const report: ImportReport = { processed: 0, accepted: 0, review: 0, duplicate: 0, remaining: 0, continues: false, outcomes: [] };
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
  for (let i = 1; i < values.length; i++) {
    const row = values[i]!;
    if (String(row[resultCol] ?? '') !== '') continue;
    const answers: Record<string, unknown> = {};
    let empty = true;
    headers.forEach((h, c) => {
      if (c === resultCol || h === '') return;
      const v = row[c];
      if (v !== '' && v !== null && v !== undefined) empty = false;
      answers[h] = Object.prototype.toString.call(v) === '[object Date]' ? formatDateTime(v as Date, ctx.timeZone) : v;
    });
    if (empty) continue;
    pending.push({ index: i, raw: { answers, channel: CHANNEL.import, handler, sourceId: 'import:' + contentId(answers), receivedAt: new Date() } });
  }

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
    const first = batch[0]!.index;
    const results = values.slice(first, batch[batch.length - 1]!.index + 1).map((r) => [String(r[resultCol] ?? '')]);
    filed.forEach(({ outcome, mail }, k) => {
      const { index } = batch[k]!;
      results[index - first] = [describeOutcome(ctx, outcome)];
      report.processed += 1;
      report[outcome.outcome] += 1;
      report.outcomes.push({ row: index + 1, outcome });
      if (mail) mails.push(mail);
    });
    sheet.getRange(first + 1, resultCol + 1, results.length, 1).setNumberFormat('@').setValues(results);
  }
  // Marked before scheduling: a continuation that cannot be created is recovered like a lost one.
  markImportUnfinished(report.remaining > 0 ? Date.now() : null);
  if (report.remaining > 0) report.continues = scheduleContinuation();
  deliverAll(ctx, importMails(ctx, mails));
  return report;
}

/** One pending continuation at most: a run that finds one already scheduled adds none. */
function scheduleContinuation(): boolean {
  const scheduled = ScriptApp.getProjectTriggers().some((tr) => tr.getHandlerFunction() === IMPORT_CONTINUE_HANDLER);
  if (!scheduled) ScriptApp.newTrigger(IMPORT_CONTINUE_HANDLER).timeBased().after(CONTINUE_AFTER_MS).create();
  return true;
}

/** The continuation run: its own one-off trigger is spent, so it is deleted first. */
export function continueImport(ctx: AppContext): ImportReport {
  for (const tr of ScriptApp.getProjectTriggers()) {
    if (tr.getHandlerFunction() === IMPORT_CONTINUE_HANDLER) ScriptApp.deleteTrigger(tr);
  }
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

/** A stable id of a row's content (MD5 is fine here: it identifies, it does not protect). */
function contentId(answers: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.keys(answers).sort().map((k) => [k, String(answers[k])]));
  return Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, canonical, Utilities.Charset.UTF_8)
    .map((b) => ((b & 255) + 0x100).toString(16).slice(1))
    .join('');
}
