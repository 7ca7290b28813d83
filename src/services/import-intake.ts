/**
 * The 导入 sheet as an intake channel: staff paste CRM/CSV rows under the
 * field labels (or keys); each unprocessed row goes through the pipeline and
 * gets its result written beside it. A row is identified by its content, so
 * running the import again never files a row twice.
 */
import { t } from '../i18n/messages';
import { IMPORT, IMPORT_RESULT } from '../sheets/schema';
import { AppContext } from './context';
import { intake, type IntakeOutcome } from './intake';
import { currentStaff } from './manual-intake';
import { formatDateTime } from './platform';

/** Stop well inside Apps Script's 6-minute limit; the next run continues where this one stopped. */
const IMPORT_BUDGET_MS = 4 * 60 * 1000;

export interface ImportReport {
  processed: number;
  accepted: number;
  review: number;
  duplicate: number;
  /** Rows left for the next run (time budget reached). */
  remaining: number;
  outcomes: { row: number; outcome: IntakeOutcome }[];
}

export function importRows(opts: { handler?: string } = {}): ImportReport {
  const started = Date.now();
  const ctx = AppContext.load();
  const report: ImportReport = { processed: 0, accepted: 0, review: 0, duplicate: 0, remaining: 0, outcomes: [] };
  const sheet = ctx.ss.getSheetByName(IMPORT.name);
  if (!sheet) throw new Error(t('sheet.missing', { sheet: IMPORT.name }));
  const values = sheet.getDataRange().getValues();
  const headers = (values[0] ?? []).map((h) => String(h).trim());
  let resultCol = headers.indexOf(IMPORT_RESULT);
  if (resultCol < 0) {
    resultCol = headers.length;
    sheet.getRange(1, resultCol + 1).setValue(IMPORT_RESULT);
  }
  const results: string[][] = [];
  const handler = opts.handler ?? t('handler.import', { staff: currentStaff() });
  for (let i = 1; i < values.length; i++) {
    const row = values[i]!;
    const previous = String(row[resultCol] ?? '');
    results.push([previous]);
    const answers: Record<string, unknown> = {};
    let empty = true;
    headers.forEach((h, c) => {
      if (c === resultCol || h === '') return;
      const v = row[c];
      if (v !== '' && v !== null && v !== undefined) empty = false;
      answers[h] = Object.prototype.toString.call(v) === '[object Date]' ? formatDateTime(v as Date, ctx.timeZone) : v;
    });
    if (empty || previous !== '') continue;
    if (Date.now() - started > IMPORT_BUDGET_MS) {
      report.remaining += 1;
      continue;
    }
    const { outcome } = intake(ctx, {
      answers,
      channel: '导入',
      handler,
      sourceId: 'import:' + contentId(answers),
      receivedAt: new Date(),
    });
    report.processed += 1;
    report[outcome.outcome] += 1;
    report.outcomes.push({ row: i + 1, outcome });
    results[results.length - 1] = [describeOutcome(outcome)];
  }
  if (results.length) sheet.getRange(2, resultCol + 1, results.length, 1).setNumberFormat('@').setValues(results);
  return report;
}

/** A short plain-text result for the cell beside the row. */
export function describeOutcome(o: IntakeOutcome): string {
  switch (o.outcome) {
    case 'accepted':
      return t('import.accepted', { ticket: o.ticket_no, customer: o.customer_no }) +
        (o.warnings.length ? '\n' + t('import.warnings', { list: o.warnings.join('；') }) : '');
    case 'review':
      return t('import.review', { row: o.review_row, problems: o.problems.join('；') });
    case 'duplicate':
      return o.ticket_no ? t('import.duplicateTicket', { ticket: o.ticket_no }) : t('import.duplicateReview', { row: o.review_row ?? '' });
  }
}

/** A stable id of a row's content (MD5 is fine here: it identifies, it does not protect). */
function contentId(answers: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.keys(answers).sort().map((k) => [k, String(answers[k])]));
  return Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, canonical, Utilities.Charset.UTF_8)
    .map((b) => ((b & 255) + 0x100).toString(16).slice(1))
    .join('');
}
