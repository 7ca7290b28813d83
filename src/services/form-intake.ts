/**
 * The Google Form as an intake channel: the form-submit trigger, and the
 * sweep that finds responses a failed or dropped trigger never processed.
 */
import { t } from '../i18n/messages';
import { AppContext } from './context';
import { intake, type IntakeOutcome } from './intake';
import { PROP } from './keys';

type Form = GoogleAppsScript.Forms.Form;
type FormResponse = GoogleAppsScript.Forms.FormResponse;

/** How far back the sweep looks: a day of missed triggers, with margin. */
const SWEEP_WINDOW_MS = 48 * 3600 * 1000;
/** Stop sweeping well before Apps Script's 6-minute limit; the next run goes on. */
const SWEEP_BUDGET_MS = 4 * 60 * 1000;

export function answersFromResponse(response: FormResponse): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const ir of response.getItemResponses()) answers[ir.getItem().getTitle()] = ir.getResponse();
  return answers;
}

export function processFormResponse(ctx: AppContext, form: Form, response: FormResponse): IntakeOutcome {
  const result = intake(ctx, {
    answers: answersFromResponse(response),
    channel: '在线表单',
    handler: t('handler.form'),
    sourceId: response.getId(),
    receivedAt: response.getTimestamp() as unknown as Date,
  });
  // No consent, or a sensitive field: the encrypted copy in 客户 (or nothing) is the only record.
  if (result.purgeSource) form.deleteResponse(response.getId());
  return result.outcome;
}

export function handleFormSubmit(e: GoogleAppsScript.Events.FormsOnFormSubmit): IntakeOutcome {
  return processFormResponse(AppContext.load(), e.source, e.response);
}

export interface SweepReport {
  checked: number;
  processed: number;
  outcomes: IntakeOutcome[];
  unfinished: boolean;
}

/** Processes every recent Form response not yet recorded (each is recorded by its response id). */
export function sweepFormResponses(): SweepReport {
  const started = Date.now();
  const formId = PropertiesService.getScriptProperties().getProperty(PROP.formId);
  const report: SweepReport = { checked: 0, processed: 0, outcomes: [], unfinished: false };
  if (!formId) return report;
  const ctx = AppContext.load();
  const form = FormApp.openById(formId);
  for (const response of form.getResponses(new Date(started - SWEEP_WINDOW_MS))) {
    if (Date.now() - started > SWEEP_BUDGET_MS) {
      report.unfinished = true;
      break;
    }
    report.checked += 1;
    const outcome = processFormResponse(ctx, form, response);
    if (outcome.outcome !== 'duplicate') {
      report.processed += 1;
      report.outcomes.push(outcome);
    }
  }
  return report;
}
