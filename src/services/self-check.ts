/**
 * 客户管理 › 自检: run once after deploying, on the live account. Each check
 * tests one assumption the add-on makes about Apps Script that can be tested
 * there, and the results replace the previous run's rows in the 自检 sheet.
 * A check that throws is a failure with its message; the others still run.
 * Nothing a customer typed is read into the sheet: the checks touch only the
 * Forms' settings, their own test response and a scratch sheet.
 */
import { FIELD_LABEL } from '../domain/fields';
import { SELF_CHECK_NONCE_TTL_MS, selfCheckMarker } from '../domain/self-check';
import { SELF_CHECK_RESULT, type SelfCheckResult } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import { SELF_CHECK, SHEET } from '../sheets/schema';
import type { AppContext } from './context';
import { workbookUsage } from './capacity';
import { holidayWarning } from './holiday-data';
import { usagePercent } from '../domain/capacity';
import { intakeBacklog } from './form-intake';
import { readinessOf, readinessProblems } from './form-publishing';
import { formatDateTime, SCRIPT_TIME_ZONE } from './platform';
import { createSheet } from './setup';
import { hasKeys, keyFingerprints } from './keys';
import { intakeFormId, readState, saveSelfCheckNonce, setupOwner, surveyFormId } from './store';
import { TRIGGER_SPECS } from './triggers';
import { formToolPushCheck } from './form-tool-check';
import { robotsCheck, smsCheck } from './reach-check';

type Form = GoogleAppsScript.Forms.Form;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Below this many recipients left today, the quota row says mail will queue soon. */
const LOW_QUOTA = 20;
const CJK = /[\u3400-\u9fff]/;

export interface Verdict {
  result: SelfCheckResult;
  detail: string;
  fix?: string;
}

/** A check's id: the catalogue key of its name, the same under every locale. */
export type CheckId =
  | 'selfCheck.config'
  | 'selfCheck.keys'
  | 'selfCheck.intakeForm'
  | 'selfCheck.surveyForm'
  | 'selfCheck.formResponse'
  | 'selfCheck.triggers'
  | 'selfCheck.mailQuota'
  | 'selfCheck.intakeBacklog'
  | 'selfCheck.timeZone'
  | 'selfCheck.errorLanguage'
  | 'selfCheck.cells'
  | 'selfCheck.holidays'
  | 'selfCheck.formToolPush'
  | 'selfCheck.robots'
  | 'selfCheck.sms'
  | ScratchCheckId;

type ScratchCheckId = 'selfCheck.hiddenSearch' | 'selfCheck.plainText' | 'selfCheck.sortHeader';

export interface SelfCheckRow extends Required<Verdict> {
  id: CheckId;
}

export interface SelfCheckReport {
  rows: SelfCheckRow[];
  passed: number;
  failed: number;
  skipped: number;
}

const pass = (detail: string): Verdict => ({ result: SELF_CHECK_RESULT.pass, detail });
const fail = (detail: string, fix: string): Verdict => ({ result: SELF_CHECK_RESULT.fail, detail, fix });
const skip = (detail: string, fix = ''): Verdict => ({ result: SELF_CHECK_RESULT.skip, detail, fix });

export function runSelfCheck(ctx: AppContext): SelfCheckReport {
  const { t } = ctx;
  if (!ctx.ss.getSheetByName(SELF_CHECK.name)) createSheet(ctx.ss, SELF_CHECK, t);
  const table = ctx.table(SELF_CHECK);
  const intake = openForm(intakeFormId());
  const rows = [
    check(ctx, 'selfCheck.config', () => configCheck(ctx)),
    check(ctx, 'selfCheck.keys', () => keysCheck(ctx)),
    check(ctx, 'selfCheck.intakeForm', () => formCheck(ctx, intake, 'setup.formName')),
    check(ctx, 'selfCheck.surveyForm', () => formCheck(ctx, openForm(surveyFormId()), 'setup.surveyFormName')),
    check(ctx, 'selfCheck.formResponse', () => responseCheck(ctx, intake)),
    check(ctx, 'selfCheck.triggers', () => triggersCheck(ctx)),
    check(ctx, 'selfCheck.mailQuota', () => quotaCheck(ctx)),
    check(ctx, 'selfCheck.intakeBacklog', () => backlogCheck(ctx, intake)),
    check(ctx, 'selfCheck.timeZone', () => timeZoneCheck(ctx)),
    check(ctx, 'selfCheck.errorLanguage', () => errorLanguageCheck(ctx, table.sheet)),
    check(ctx, 'selfCheck.cells', () => cellsCheck(ctx)),
    check(ctx, 'selfCheck.holidays', () => holidaysCheck(ctx)),
    ...optionalCheck(ctx, 'selfCheck.formToolPush', () => formToolPushCheck(ctx)),
    ...optionalCheck(ctx, 'selfCheck.robots', () => robotsCheck(ctx)),
    ...optionalCheck(ctx, 'selfCheck.sms', () => smsCheck(ctx)),
    ...scratchChecks(ctx),
  ];

  table.deleteLeadingRows(table.dataRowCount());
  table.append(rows.map((r) => ({
    [SELF_CHECK.col.check]: t(r.id),
    [SELF_CHECK.col.result]: r.result,
    [SELF_CHECK.col.detail]: r.detail,
    [SELF_CHECK.col.fix]: r.fix,
    [SELF_CHECK.col.checkedAt]: ctx.now,
  })));
  const count = (result: SelfCheckResult) => rows.filter((r) => r.result === result).length;
  return { rows, passed: count(SELF_CHECK_RESULT.pass), failed: count(SELF_CHECK_RESULT.fail), skipped: count(SELF_CHECK_RESULT.skip) };
}

/** One check's row; a check that throws is a failure with its message. */
function check(ctx: AppContext, id: CheckId, run: () => Verdict): SelfCheckRow {
  let verdict: Verdict;
  try {
    verdict = run();
  } catch (err) {
    verdict = fail(ctx.t('selfCheck.threw', { message: err instanceof Error ? err.message : String(err) }), ctx.t('selfCheck.fix.threw'));
  }
  return { id, result: verdict.result, detail: verdict.detail, fix: verdict.fix ?? '' };
}

/** A check that has a row only where it applies (its run says null otherwise); one that throws has its failure row. */
function optionalCheck(ctx: AppContext, id: CheckId, run: () => Verdict | null): SelfCheckRow[] {
  let applies = true;
  const row = check(ctx, id, () => {
    const verdict = run();
    applies = verdict !== null;
    return verdict ?? skip('');
  });
  return applies ? [row] : [];
}

/** The workbook against Google's 10 million cells: a failure from 70%, while there is time to archive. */
function cellsCheck(ctx: AppContext): Verdict {
  const usage = workbookUsage(ctx.ss);
  const params = { cells: usage.cells.toLocaleString('en-US'), percent: usagePercent(usage) };
  return usage.warn ? fail(ctx.t('selfCheck.cellsHigh', params), ctx.t('selfCheck.fix.cells')) : pass(ctx.t('selfCheck.cellsOk', params));
}

/** This year's statutory calendar, and from November next year's: without it deadlines count holidays as working days. */
function holidaysCheck(ctx: AppContext): Verdict {
  const warning = holidayWarning(ctx);
  return warning ? fail(warning.text, warning.fix) : pass(ctx.t('selfCheck.holidaysOk'));
}

/** The form of a stored id; null when setup recorded none. Opening a deleted form throws, inside the check that needs it. */
function openForm(id: string | null): () => Form | null {
  let form: Form | null | undefined;
  return () => {
    if (form === undefined) form = id ? FormApp.openById(id) : null;
    return form;
  };
}

/** After setup the 配置 sheet must be there: without it intake stops rather than act on the example defaults. */
function configCheck(ctx: AppContext): Verdict {
  const { t } = ctx;
  return ctx.configMissing ? fail(t('selfCheck.configMissing'), t('selfCheck.fix.configMissing')) : pass(t('selfCheck.configOk'));
}

/** Both keys in script properties, shown by fingerprint so that a restored backup can be recognised. */
function keysCheck(ctx: AppContext): Verdict {
  const { t } = ctx;
  const props = readState().all;
  const prints = keyFingerprints(props);
  return hasKeys(props) ? pass(t('selfCheck.keysOk', prints)) : fail(t('selfCheck.keysLost', prints), t('selfCheck.fix.keysLost'));
}

/** Published, accepting, open to outsiders, titled and described: the same read-back setup reports. */
function formCheck(ctx: AppContext, open: () => Form | null, name: 'setup.formName' | 'setup.surveyFormName'): Verdict {
  const { t } = ctx;
  const form = open();
  if (!form) return fail(t('selfCheck.noFormId', { form: t(name) }), t('selfCheck.fix.runSetup'));
  const problems = readinessProblems(readinessOf(form), t(name), t);
  return problems.length ? fail(problems.join('\n'), t('selfCheck.fix.form')) : pass(t('selfCheck.formReady', { title: form.getTitle() }));
}

/**
 * Submits a test response carrying a fresh nonce, reads it back and deletes it.
 * The submit trigger fires for it too; the intake recognises the nonce and
 * files nothing (services/form-intake.ts).
 */
function responseCheck(ctx: AppContext, open: () => Form | null): Verdict {
  const { t } = ctx;
  const form = open();
  // An unpublished form never accepts responses (see form-publishing.ts).
  if (!form || !form.isAcceptingResponses()) return skip(t('selfCheck.responseSkipped'));
  const item = form.getItems(FormApp.ItemType.TEXT).find((i) => i.getTitle() === FIELD_LABEL.name);
  if (!item) return fail(t('selfCheck.noTestItem', { title: FIELD_LABEL.name }), t('selfCheck.fix.testItem'));
  const nonce = Utilities.getUuid().replace(/-/g, '').toLowerCase();
  saveSelfCheckNonce({ nonce, expiresAt: Date.now() + SELF_CHECK_NONCE_TTL_MS });
  const marker = selfCheckMarker(nonce);
  const id = form.createResponse().withItemResponse(item.asTextItem().createResponse(marker)).submit().getId();
  let readBack: boolean;
  try {
    readBack = form.getResponse(id).getItemResponses().some((r) => r.getResponse() === marker);
  } finally {
    form.deleteResponse(id);
  }
  return readBack ? pass(t('selfCheck.responseOk')) : fail(t('selfCheck.responseMismatch'), t('selfCheck.fix.report'));
}

/**
 * getProjectTriggers() lists only the current user's triggers, so only the
 * setup owner can see whether theirs are installed.
 */
function triggersCheck(ctx: AppContext): Verdict {
  const { t } = ctx;
  const owner = setupOwner();
  const me = Session.getEffectiveUser().getEmail();
  if (!owner) return fail(t('selfCheck.ownerUnknown'), t('selfCheck.fix.runSetup'));
  if (owner.toLowerCase() !== me.toLowerCase()) return skip(t('selfCheck.notOwner', { owner, me }), t('selfCheck.fix.notOwner', { owner }));
  const installed = ScriptApp.getProjectTriggers();
  const forms = { intake: intakeFormId(), survey: surveyFormId() };
  const missing = TRIGGER_SPECS.filter((spec) =>
    !installed.some((tr) =>
      tr.getHandlerFunction() === spec.handler &&
      (spec.kind !== 'formSubmit' || tr.getTriggerSourceId() === (spec.form === 'survey' ? forms.survey : forms.intake))),
  ).map((spec) => spec.handler);
  return missing.length
    ? fail(t('selfCheck.triggersMissing', { list: missing.join(listSeparator(ctx.locale)) }), t('selfCheck.fix.runSetup'))
    : pass(t('selfCheck.triggersOk', { count: TRIGGER_SPECS.length, owner }));
}

function quotaCheck(ctx: AppContext): Verdict {
  const { t } = ctx;
  const left = MailApp.getRemainingDailyQuota();
  if (left <= 0) return fail(t('selfCheck.quotaEmpty'), t('selfCheck.fix.quota'));
  return pass(t(left < LOW_QUOTA ? 'selfCheck.quotaLow' : 'selfCheck.quotaOk', { left }));
}

/** Form responses waiting unfiled, and since when: a failure while intake cannot file (an outage). */
function backlogCheck(ctx: AppContext, open: () => Form | null): Verdict {
  const { t } = ctx;
  const form = open();
  if (!form) return skip(t('selfCheck.noFormId', { form: t('setup.formName') }), t('selfCheck.fix.runSetup'));
  const { waiting, oldestMs, down } = intakeBacklog(ctx, form);
  const at = (ms: number) => formatDateTime(new Date(ms), ctx.timeZone);
  if (down) return fail(t('selfCheck.intakeDown', { reason: down.reason, count: waiting, since: at(oldestMs ?? down.sinceMs) }), t('selfCheck.fix.intakeDown'));
  return pass(oldestMs === null ? t('selfCheck.intakeFiled') : t('selfCheck.intakeWaiting', { count: waiting, since: at(oldestMs) }));
}

/** Day arithmetic uses the script zone's fixed offset; cells show the spreadsheet's zone. */
function timeZoneCheck(ctx: AppContext): Verdict {
  const { t } = ctx;
  const script = Session.getScriptTimeZone();
  const sheet = ctx.ss.getSpreadsheetTimeZone();
  if (script !== SCRIPT_TIME_ZONE) {
    return fail(t('selfCheck.timeZoneScript', { script, expected: SCRIPT_TIME_ZONE }), t('selfCheck.fix.timeZoneScript', { expected: SCRIPT_TIME_ZONE }));
  }
  if (sheet !== script) return fail(t('selfCheck.timeZoneSheet', { sheet, script }), t('selfCheck.fix.timeZoneSheet'));
  return pass(t('selfCheck.timeZoneOk', { zone: script }));
}

/** Records the language service errors come in (the owner's): the add-on never matches their wording. */
function errorLanguageCheck(ctx: AppContext, sheet: Sheet): Verdict {
  const { t } = ctx;
  try {
    sheet.getRange(0, 1);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return pass(t(CJK.test(message) ? 'selfCheck.errorChinese' : 'selfCheck.errorOther', { message }));
  }
  return pass(t('selfCheck.errorNone'));
}

const SCRATCH_CHECKS: readonly [ScratchCheckId, (ctx: AppContext, sheet: Sheet) => Verdict][] = [
  ['selfCheck.hiddenSearch', hiddenSearchCheck],
  ['selfCheck.plainText', plainTextCheck],
  ['selfCheck.sortHeader', sortHeaderCheck],
];

/** The checks that change a sheet, on a fresh scratch sheet that is always deleted (a crashed run's too). */
function scratchChecks(ctx: AppContext): SelfCheckRow[] {
  let sheet: Sheet;
  try {
    const leftover = ctx.ss.getSheetByName(SHEET.selfCheckScratch);
    if (leftover) ctx.ss.deleteSheet(leftover);
    sheet = ctx.ss.insertSheet(SHEET.selfCheckScratch);
  } catch (err) {
    return SCRATCH_CHECKS.map(([id]) => check(ctx, id, () => { throw err; }));
  }
  try {
    return SCRATCH_CHECKS.map(([id, run]) => check(ctx, id, () => run(ctx, sheet)));
  } finally {
    ctx.ss.deleteSheet(sheet);
  }
}

const NEEDLE = 'selfcheck-needle';

/** Returning customers and duplicates are found by TextFinder in hidden bookkeeping columns (sheets/table.ts). */
function hiddenSearchCheck(ctx: AppContext, sheet: Sheet): Verdict {
  const { t } = ctx;
  sheet.getRange(2, 2).setNumberFormat('@').setValue(NEEDLE);
  sheet.hideColumns(2);
  const found = sheet.getRange(1, 2, sheet.getMaxRows(), 1).createTextFinder(NEEDLE).matchCase(true).matchEntireCell(true).findAll();
  return found.length === 1 && found[0]!.getRow() === 2
    ? pass(t('selfCheck.hiddenFound'))
    : fail(t('selfCheck.hiddenMissed', { count: found.length }), t('selfCheck.fix.report'));
}

/** Every text column is written plain text (@) so that a customer's "=…" is never evaluated. */
function plainTextCheck(ctx: AppContext, sheet: Sheet): Verdict {
  const { t } = ctx;
  const cell = sheet.getRange(1, 3);
  cell.setNumberFormat('@').setValue('=1+1');
  const value = String(cell.getValue());
  const formula = cell.getFormula();
  return value === '=1+1' && formula === ''
    ? pass(t('selfCheck.plainOk'))
    : fail(t('selfCheck.plainFailed', { value, formula }), t('selfCheck.fix.report'));
}

/** Staff sort the sheets; the header must stay, since every sheet is read by its header row. */
function sortHeaderCheck(ctx: AppContext, sheet: Sheet): Verdict {
  const { t } = ctx;
  const column = sheet.getRange(1, 1, 3, 1);
  // The header sorts after the data: if sort moved it, it would end up last.
  column.setNumberFormat('@').setValues([['z'], ['b'], ['a']]);
  sheet.setFrozenRows(1);
  sheet.sort(1);
  const after = column.getValues().map((r) => String(r[0]));
  return after.join() === 'z,a,b'
    ? pass(t('selfCheck.sortOk'))
    : fail(t('selfCheck.sortFailed', { rows: after.join(listSeparator(ctx.locale)) }), t('selfCheck.fix.report'));
}
