/**
 * The triggers the add-on runs on, as data: setup installs each one that is
 * missing and never a second copy. To add a job, add one line here and its
 * entry point in main.ts / entry-points.json.
 */
import { REPORT_HOUR } from '../domain/report-periods';

export type TriggerSpec =
  | { handler: string; kind: 'formSubmit'; form?: 'survey' }
  | { handler: string; kind: 'edit' }
  | { handler: string; kind: 'change' }
  | { handler: string; kind: 'hourly' }
  // By name: ScriptApp's enum cannot be read while the bundle loads.
  | { handler: string; kind: 'weekly'; weekDay: keyof typeof GoogleAppsScript.Base.Weekday; hour: number }
  | { handler: string; kind: 'monthly'; monthDay: number; hour: number };

export const TRIGGER_SPECS: readonly TriggerSpec[] = [
  { handler: 'onFormSubmit', kind: 'formSubmit' },
  // Not onEdit: a function of that name would also run as a simple trigger, without authorisation.
  { handler: 'onSheetEdit', kind: 'edit' },
  // A row or column inserted, deleted or moved, a sheet renamed: the script cache's 配置 and header rows are forgotten.
  { handler: 'onSheetChange', kind: 'change' },
  { handler: 'sweepSubmissions', kind: 'hourly' },
  { handler: 'reportWeekly', kind: 'weekly', weekDay: 'MONDAY', hour: REPORT_HOUR },
  { handler: 'reportMonthly', kind: 'monthly', monthDay: 1, hour: REPORT_HOUR },
  // Apps Script has no quarterly trigger: a monthly one whose run acts on the first day of a quarter only.
  { handler: 'reportQuarterly', kind: 'monthly', monthDay: 1, hour: REPORT_HOUR },
  { handler: 'onSurveySubmit', kind: 'formSubmit', form: 'survey' },
  { handler: 'followUpHourly', kind: 'hourly' },
  { handler: 'overdueDigest', kind: 'weekly', weekDay: 'MONDAY', hour: 9 },
  { handler: 'retentionMonthly', kind: 'monthly', monthDay: 1, hour: 3 },
];

/** One-off runs a long job schedules for itself (`after()`) to go on where it stopped: repair leaves a pending one alone. */
export const IMPORT_CONTINUE_HANDLER = 'importContinue';
export const RETENTION_CONTINUE_HANDLER = 'retentionContinue';
export const INTAKE_CONTINUE_HANDLER = 'intakeContinue';
/** The outbound queue's rows due within minutes (a robot's rate window, a short backoff). */
export const NOTIFY_CONTINUE_HANDLER = 'notifyContinue';
const ONE_OFF_HANDLERS: readonly string[] = [IMPORT_CONTINUE_HANDLER, RETENTION_CONTINUE_HANDLER, INTAKE_CONTINUE_HANDLER, NOTIFY_CONTINUE_HANDLER];

/** Schedules one run of `handler` `afterMs` from now; one pending at most (a run that finds one adds none). */
export function scheduleOneOff(handler: string, afterMs: number): void {
  if (ScriptApp.getProjectTriggers().some((tr) => tr.getHandlerFunction() === handler)) return;
  ScriptApp.newTrigger(handler).timeBased().after(afterMs).create();
}

/** The one-off run has started: its trigger is spent, and deleted first. */
export function spendOneOff(handler: string): void {
  for (const tr of ScriptApp.getProjectTriggers()) {
    if (tr.getHandlerFunction() === handler) ScriptApp.deleteTrigger(tr);
  }
}

/** Installs every trigger of TRIGGER_SPECS that is missing; returns the handlers created. */
export function ensureTriggers(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  form: GoogleAppsScript.Forms.Form,
  survey?: GoogleAppsScript.Forms.Form,
): string[] {
  const existing = ScriptApp.getProjectTriggers();
  const handlers = new Set([...TRIGGER_SPECS.map((s) => s.handler), ...ONE_OFF_HANDLERS]);
  // A submit trigger left on a form that no longer exists would fire for nothing, and one whose
  // handler is gone (the edit trigger was once named onEdit) would fail on every run. A pending
  // continuation of a long import is kept: deleting it would leave the rest of the import waiting.
  const live = existing.filter((tr) => {
    const source = tr.getTriggerSourceId();
    const staleForm = tr.getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT && source !== form.getId() && source !== survey?.getId();
    if (!staleForm && handlers.has(tr.getHandlerFunction())) return true;
    ScriptApp.deleteTrigger(tr);
    return false;
  });
  const created: string[] = [];
  for (const spec of TRIGGER_SPECS) {
    if (live.some((tr) => tr.getHandlerFunction() === spec.handler)) continue;
    if (spec.kind === 'formSubmit' && spec.form === 'survey' && !survey) continue;
    const builder = ScriptApp.newTrigger(spec.handler);
    switch (spec.kind) {
      case 'formSubmit':
        builder.forForm(spec.form === 'survey' && survey ? survey : form).onFormSubmit().create();
        break;
      case 'edit':
        builder.forSpreadsheet(ss).onEdit().create();
        break;
      case 'change':
        builder.forSpreadsheet(ss).onChange().create();
        break;
      case 'hourly':
        builder.timeBased().everyHours(1).create();
        break;
      case 'weekly':
        builder.timeBased().onWeekDay(ScriptApp.WeekDay[spec.weekDay]).atHour(spec.hour).create();
        break;
      case 'monthly':
        builder.timeBased().onMonthDay(spec.monthDay).atHour(spec.hour).create();
        break;
    }
    created.push(spec.handler);
  }
  return created;
}
