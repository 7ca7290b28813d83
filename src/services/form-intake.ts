/**
 * The Google Form as an intake channel: the form-submit trigger, and the
 * sweep that finds responses a failed, dropped or deferred trigger never
 * processed. In a burst (a marketing push), a submission that finds the
 * script lock busy does not queue for it: it leaves its response in the Form
 * and asks for a batch run a minute later (one pending at most), which files
 * everything waiting under one hold of the lock.
 */
import { renderIntakeOutage, renderIntakeRecovered, type RenderedMail } from '../domain/email';
import { FIELD_LABEL, FIELDS, fieldByName } from '../domain/fields';
import type { ResponseForm } from '../domain/form-responses';
import { nextSweepFrom } from '../domain/intake-recovery';
import { isCurrentNonce, markedNonce } from '../domain/self-check';
import { tickedConsent } from '../domain/validate';
import { CHANNEL, FORM_HANDLER } from '../domain/vocabulary';
import { UserError } from '../i18n/user-error';
import type { AppContext } from './context';
import { recordedSources } from './books';
import { intake, intakeBatch, type IntakeOutcome, type RawSubmission } from './intake';
import { BusyError, scriptLockFree } from './lock';
import { sendRecorded } from './mail-queue';
import { formatDateTime } from './platform';
import { INTAKE_CONTINUE_HANDLER, spendOneOff } from './triggers';
import { formItemKeys, intakeContinueDue, markIntakeContinueDue, intakeFormId, readIntakeOutage, readSelfCheckNonce, readSweepState, saveIntakeOutage, setupOwner, surveyFormId, type IntakeOutage } from './store';

type Form = GoogleAppsScript.Forms.Form;
type FormResponse = GoogleAppsScript.Forms.FormResponse;

/** Responses filed under one hold of the script lock: their mails (two each) go out before the next batch is read. */
const SWEEP_BATCH = 50;
/** Stop sweeping well before Apps Script's 6-minute limit; the next run goes on. */
const SWEEP_BUDGET_MS = 4 * 60 * 1000;
/** How long a submission that found the lock free waits for it when another execution took it meanwhile. */
const FORM_LOCK_WAIT_MS = 5000;
/** When the batch run for deferred submissions runs (Apps Script runs a one-off trigger at the earliest then). */
const DEFERRED_AFTER_MS = 60 * 1000;
/** A batch run this late has not come: the next deferred submission asks again. */
const DUE_GRACE_MS = 10 * 60 * 1000;

/**
 * The answers by field label. An item staff renamed is found by its id
 * (form-sync.ts keeps which item is which field), read only when a title
 * names no field.
 */
export function answersFromResponse(response: FormResponse): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  let keys: Map<number, string> | undefined;
  for (const ir of response.getItemResponses()) {
    const item = ir.getItem();
    let title = item.getTitle();
    if (!fieldByName(title)) {
      keys ??= formItemKeys();
      const key = keys.get(item.getId());
      const field = key ? FIELDS.find((f) => f.key === key) : undefined;
      if (field) title = field.label;
    }
    answers[title] = title === FIELD_LABEL.consent ? tickedConsent(ir.getResponse()) : ir.getResponse();
  }
  return answers;
}

function timestampOf(response: FormResponse): Date {
  return response.getTimestamp() as unknown as Date;
}

function rawFromResponse(response: FormResponse): RawSubmission {
  return {
    answers: answersFromResponse(response),
    channel: CHANNEL.form,
    handler: FORM_HANDLER,
    sourceId: response.getId(),
    receivedAt: timestampOf(response),
  };
}

/** What became of a Form response: filed, recognised as the self-check's own test response, or left to the batch run (a busy lock). */
export type FormOutcome = IntakeOutcome | { outcome: 'selfCheck' } | { outcome: 'deferred' };

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

export function processFormResponse(ctx: AppContext, form: Form, response: FormResponse, lockWaitMs?: number): FormOutcome {
  const raw = rawFromResponse(response);
  if (skippedSelfCheck(form, raw)) return { outcome: 'selfCheck' };
  const result = intake(ctx, raw, lockWaitMs);
  // No consent, or a sensitive answer filed or sent to 待审核: the sealed copy (or nothing) is the only record.
  if (result.purgeSource) form.deleteResponse(response.getId());
  return result.outcome;
}

/**
 * Deletes the responses among `ids` still in one of the add-on's Forms (one
 * read of its responses since `sinceMs`, one call per deletion): after a
 * review resubmission, and for what retention empties. Returns how many went.
 */
export function deleteFormResponses(which: ResponseForm, ids: ReadonlySet<string>, sinceMs: number): number {
  const formId = which === 'intake' ? intakeFormId() : surveyFormId();
  if (!formId || ids.size === 0) return 0;
  const form = FormApp.openById(formId);
  let deleted = 0;
  for (const r of form.getResponses(new Date(sinceMs))) {
    if (!ids.has(r.getId())) continue;
    form.deleteResponse(r.getId());
    deleted += 1;
  }
  return deleted;
}

export function handleFormSubmit(ctx: AppContext, e: GoogleAppsScript.Events.FormsOnFormSubmit): FormOutcome {
  try {
    // A busy lock: stepped aside before the response is even read (the batch run reads it once).
    if (!scriptLockFree()) return deferIntake();
    return processFormResponse(ctx, e.source, e.response, FORM_LOCK_WAIT_MS);
  } catch (err) {
    if (err instanceof BusyError) return deferIntake();
    noteOutage(ctx, err, () => timestampOf(e.response).getTime());
    throw err;
  }
}

/**
 * The response stays in the Form, unfiled; the batch run a minute from now
 * files it (and what else waits). Should that run not be scheduled (the
 * trigger limit, a service error), the hourly sweep files it.
 */
function deferIntake(): FormOutcome {
  try {
    scheduleBatchRun();
  } catch {
    // The hourly sweep is the net under this one.
  }
  return { outcome: 'deferred' };
}

/**
 * Asks for the batch run unless one is pending: a mark in script properties
 * (one read), not the trigger list (a call per trigger), since every
 * submission of a burst asks. Two asking at the same moment may make two
 * runs; the second finds nothing left. A mark past due by DUE_GRACE_MS is a
 * run that never came (deleted by hand): asked for again.
 */
function scheduleBatchRun(): void {
  const due = intakeContinueDue();
  if (due !== null && Date.now() < due + DUE_GRACE_MS) return;
  ScriptApp.newTrigger(INTAKE_CONTINUE_HANDLER).timeBased().after(DEFERRED_AFTER_MS).create();
  markIntakeContinueDue(Date.now() + DEFERRED_AFTER_MS);
}

/**
 * The one-off batch run for deferred submissions: files every response that
 * waits, as the hourly sweep does; runs again a minute later when it could
 * not finish (its time budget, a lock still busy).
 */
export function continueDeferredIntake(ctx: AppContext): SweepReport {
  // Spent first: a submission deferred while this run files asks for the next one.
  spendOneOff(INTAKE_CONTINUE_HANDLER);
  markIntakeContinueDue(null);
  try {
    const report = sweepFormResponses(ctx);
    if (report.unfinished) scheduleBatchRun();
    return report;
  } catch (err) {
    if (!(err instanceof BusyError)) throw err;
    scheduleBatchRun();
    return { checked: 0, processed: 0, outcomes: [], unfinished: true };
  }
}

/**
 * The admin's mails about intake go straight out, not through the mail queue:
 * the queue and its 历史 note live in sheets, and a broken sheet is what they
 * report. False when it could not be sent (no quota): the next run tries again.
 */
function mailAdmin(ctx: AppContext, mail: RenderedMail): boolean {
  const to = setupOwner() ?? Session.getEffectiveUser().getEmail();
  if (!to) return false;
  try {
    MailApp.sendEmail({ to, subject: mail.subject, body: mail.text, htmlBody: mail.html, name: ctx.config.mail.senderName });
    return true;
  } catch {
    return false;
  }
}

/**
 * Intake failed with a UserError (a renamed sheet, a deleted column: staff
 * can fix it, and every response waits in the Form meanwhile): the setup
 * owner is mailed once per outage, the mark in script properties saying so.
 * Anything else (a busy lock, a service hiccup) passes by itself.
 */
const ALERTED_ELSEWHERE: ReadonlySet<string> = new Set(['config.sheetMissing', 'keys.lost']);

function noteOutage(ctx: AppContext, err: unknown, since: () => number): void {
  if (!(err instanceof UserError)) return;
  try {
    if (readIntakeOutage()) return;
    const outage: IntakeOutage = { sinceMs: since(), reason: err.render(ctx.locale) };
    // A missing 配置 or lost keys have their own daily mail (admin-alert): recorded here, not mailed twice.
    if (ALERTED_ELSEWHERE.has(err.key)) return saveIntakeOutage(outage);
    const mail = renderIntakeOutage({ sinceText: formatDateTime(new Date(outage.sinceMs), ctx.timeZone), reason: outage.reason, locale: ctx.locale });
    if (mailAdmin(ctx, mail)) saveIntakeOutage(outage);
  } catch {
    // The execution reports the intake's own error; the next failure tells the admin.
  }
}

export interface SweepReport {
  checked: number;
  processed: number;
  outcomes: IntakeOutcome[];
  unfinished: boolean;
}

/**
 * Processes every Form response not yet recorded (each is recorded by its
 * response id), reading from the oldest one a previous sweep left unfiled:
 * an outage of any length loses nothing. One read of the recorded ids, then
 * only the missing responses are read and filed, in batches: an hourly run
 * over a busy day's responses costs a handful of calls, not a pipeline run
 * per response. A run cut short by its budget, or a batch that fails, leaves
 * the mark at the first response it did not file.
 */
export function sweepFormResponses(ctx: AppContext): SweepReport {
  const started = Date.now();
  const stored = readSweepState();
  const report: SweepReport = { checked: 0, processed: 0, outcomes: [], unfinished: false };
  if (!stored.formId) return report;
  const form = FormApp.openById(stored.formId);
  const responses = form.getResponses(new Date(stored.from));
  report.checked = responses.length;
  let known: Set<string>;
  try {
    known = recordedSources(ctx);
  } catch (err) {
    noteOutage(ctx, err, () => started);
    throw err;
  }
  const missing = responses.filter((r) => !known.has(r.getId()));
  // Reading a response costs a call per answer: the budget is checked per response, so a long backlog is cut anywhere.
  let done = 0;
  try {
    while (done < missing.length && !report.unfinished) {
      const batch: RawSubmission[] = [];
      let read = done;
      while (read < missing.length && batch.length < SWEEP_BATCH) {
        if (Date.now() - started > SWEEP_BUDGET_MS) {
          report.unfinished = true;
          break;
        }
        const raw = rawFromResponse(missing[read]!);
        read += 1;
        if (!skippedSelfCheck(form, raw)) batch.push(raw);
      }
      const filed = batch.length ? intakeBatch(ctx, batch) : [];
      filed.forEach((f, i) => {
        if (f.purgeSource) form.deleteResponse(batch[i]!.sourceId);
        if (f.outcome.outcome !== 'duplicate') {
          report.processed += 1;
          report.outcomes.push(f.outcome);
        }
      });
      // The batch's mails in one go: one write marks them all sent.
      sendRecorded(ctx, filed.flatMap((f) => f.outbox));
      done = read;
    }
  } catch (err) {
    noteOutage(ctx, err, () => started);
    throw err;
  } finally {
    const left = missing[done];
    const from = nextSweepFrom(left ? timestampOf(left).getTime() : null, started);
    if (from !== stored.from) stored.markFrom(from);
  }
  if (stored.outage && !report.unfinished) {
    const mail = renderIntakeRecovered({ sinceText: formatDateTime(new Date(stored.outage.sinceMs), ctx.timeZone), locale: ctx.locale });
    // A recovery mail that cannot go out is not worth keeping the mark: 自检 shows what waits.
    mailAdmin(ctx, mail);
    stored.clearOutage();
  }
  return report;
}

export interface IntakeBacklog {
  /** Form responses not yet filed. */
  waiting: number;
  /** The oldest waiting response's timestamp (ms); null when none waits. */
  oldestMs: number | null;
  /** Since when and why intake cannot file, when it cannot (an outage, or the recorded ids unreadable now). */
  down: IntakeOutage | null;
}

/**
 * What waits unfiled, for 自检: the responses from the sweep's mark that are
 * not recorded. When the recorded ids cannot be read (the outage itself),
 * every response since the outage began waits.
 */
export function intakeBacklog(ctx: AppContext, form: Form): IntakeBacklog {
  const stored = readSweepState();
  const responses = form.getResponses(new Date(stored.from));
  let waiting: FormResponse[];
  let down = stored.outage;
  try {
    const known = recordedSources(ctx);
    waiting = responses.filter((r) => !known.has(r.getId()));
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    down ??= { sinceMs: ctx.now.getTime(), reason: err.render(ctx.locale) };
    const since = down.sinceMs;
    waiting = responses.filter((r) => timestampOf(r).getTime() >= since);
  }
  return { waiting: waiting.length, oldestMs: waiting[0] ? timestampOf(waiting[0]).getTime() : null, down };
}
