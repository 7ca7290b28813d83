/**
 * The Google Form as an intake channel: the form-submit trigger, and the
 * sweep that finds responses a failed or dropped trigger never processed.
 */
import { FIELD_LABEL } from '../domain/fields';
import { isCurrentNonce, markedNonce } from '../domain/self-check';
import { tickedConsent } from '../domain/validate';
import { CHANNEL, FORM_HANDLER } from '../domain/vocabulary';
import type { AppContext } from './context';
import { recordedSources } from './books';
import { intake, intakeBatch, type IntakeOutcome, type RawSubmission } from './intake';
import { sendAcknowledgement, sendAssignment } from './notify';
import { readSelfCheckNonce, readSweepState } from './store';

type Form = GoogleAppsScript.Forms.Form;
type FormResponse = GoogleAppsScript.Forms.FormResponse;

/** How far back the sweep looks at most: a day of missed triggers, with margin. */
const SWEEP_WINDOW_MS = 48 * 3600 * 1000;
const SWEEP_OVERLAP_MS = 2 * 3600 * 1000;
/** Responses filed under one hold of the script lock. */
const SWEEP_BATCH = 200;
/** Stop sweeping well before Apps Script's 6-minute limit; the next run goes on. */
const SWEEP_BUDGET_MS = 4 * 60 * 1000;

export function answersFromResponse(response: FormResponse): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const ir of response.getItemResponses()) {
    const title = ir.getItem().getTitle();
    answers[title] = title === FIELD_LABEL.consent ? tickedConsent(ir.getResponse()) : ir.getResponse();
  }
  return answers;
}

function rawFromResponse(response: FormResponse): RawSubmission {
  return {
    answers: answersFromResponse(response),
    channel: CHANNEL.form,
    handler: FORM_HANDLER,
    sourceId: response.getId(),
    receivedAt: response.getTimestamp() as unknown as Date,
  };
}

/** What became of a Form response: filed, or recognised as the self-check's own test response. */
export type FormOutcome = IntakeOutcome | { outcome: 'selfCheck' };

/**
 * The self-check's test response carries the current run's nonce (domain/self-check.ts):
 * it is neither filed nor mailed, and deleted. An answer that merely looks like the marker
 * is filed as usual.
 */
function skippedSelfCheck(form: Form, raw: RawSubmission): boolean {
  const nonce = markedNonce(raw.answers[FIELD_LABEL.name]);
  if (nonce === null || !isCurrentNonce(nonce, readSelfCheckNonce(), Date.now())) return false;
  try {
    form.deleteResponse(raw.sourceId);
  } catch {
    // The self-check deletes it too: whichever comes second finds it gone.
  }
  return true;
}

export function processFormResponse(ctx: AppContext, form: Form, response: FormResponse): FormOutcome {
  const raw = rawFromResponse(response);
  if (skippedSelfCheck(form, raw)) return { outcome: 'selfCheck' };
  const result = intake(ctx, raw);
  // No consent, or a sensitive field: the encrypted copy in 客户 (or nothing) is the only record.
  if (result.purgeSource) form.deleteResponse(response.getId());
  return result.outcome;
}

export function handleFormSubmit(ctx: AppContext, e: GoogleAppsScript.Events.FormsOnFormSubmit): FormOutcome {
  return processFormResponse(ctx, e.source, e.response);
}

export interface SweepReport {
  checked: number;
  processed: number;
  outcomes: IntakeOutcome[];
  unfinished: boolean;
}

/**
 * Processes every recent Form response not yet recorded (each is recorded by
 * its response id). One read of the recorded ids, then only the missing
 * responses are read and filed, as one batch: an hourly run over a busy day's
 * responses costs a handful of calls, not a pipeline run per response. The
 * window starts shortly before the last complete sweep (at most two days back).
 */
export function sweepFormResponses(ctx: AppContext): SweepReport {
  const started = Date.now();
  const stored = readSweepState();
  const report: SweepReport = { checked: 0, processed: 0, outcomes: [], unfinished: false };
  if (!stored.formId) return report;
  const form = FormApp.openById(stored.formId);
  const since = Math.max(started - SWEEP_WINDOW_MS, stored.sweptUntil - SWEEP_OVERLAP_MS);
  const responses = form.getResponses(new Date(since));
  report.checked = responses.length;
  const known = recordedSources(ctx);
  const missing = responses.filter((r) => !known.has(r.getId()));
  for (let start = 0; start < missing.length; start += SWEEP_BATCH) {
    if (Date.now() - started > SWEEP_BUDGET_MS) {
      report.unfinished = true;
      break;
    }
    const batch = missing.slice(start, start + SWEEP_BATCH).map(rawFromResponse).filter((raw) => !skippedSelfCheck(form, raw));
    const filed = intakeBatch(ctx, batch);
    filed.forEach((f, i) => {
      if (f.purgeSource) form.deleteResponse(batch[i]!.sourceId);
      if (f.mail) {
        sendAcknowledgement(ctx, f.mail);
        sendAssignment(ctx, f.mail);
      }
      if (f.outcome.outcome !== 'duplicate') {
        report.processed += 1;
        report.outcomes.push(f.outcome);
      }
    });
  }
  if (!report.unfinished) stored.markSwept(started);
  return report;
}
