/**
 * 客户管理 › 初始化/修复: builds (or repairs) everything the add-on needs —
 * the sheets with headers, formats, dropdowns and protected header rows,
 * the Config sheet with its defaults, the Google Form, the keys and the
 * triggers. Running it again changes nothing that is already right.
 */
import { defaultConfig, defaultConfigRows, type AppConfig } from '../domain/config';
import { lastDuePeriods, REPORT_KINDS, type ReportKind } from '../domain/report-periods';
import { PRIORITIES, REVIEW_STATES, STATUSES } from '../domain/vocabulary';
import { translator, type Locale, type Translate } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { CONFIG, CUSTOMERS, HISTORY, IMPORT, MAIL_QUEUE, NUMBER_FORMAT, OUTBOUND, REPORTS, RETRO, REVIEW, TICKETS, type SheetSpec } from '../sheets/schema';
import { forgetConfig, rememberTicketsLink } from './workbook-cache';
import { markConfigProblems } from './config-edits';
import { AppContext } from './context';
import { settleAccess } from './access';
import { hasEncryptedData, newKeyProperties } from './keys';
import { scriptTimeZone } from './platform';
import { readSetupState, type SetupState } from './store';
import { ensureSurveyForm } from './survey';
import { recordConsent } from './consent';
import { describeFormChanges, syncForm } from './form-sync';
import { publishForm, type FormReadiness } from './form-publishing';
import { ensureTriggers } from './triggers';
import { applyLook, applyTicketHighlights } from './sheet-look';
import { setDropdown, setOwnerDropdown, setRetroRules, setRule } from './dropdowns';
import { fillReviewAnswers } from './review';
import { followOwnerLabels } from './owner-labels';
import { holidayWarning, type HolidayWarning } from './holiday-data';
import { keepReportChart } from './report-chart';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupSummary {
  sheetsCreated: string[];
  columnsAdded: string[];
  formUrl: string;
  formCreated: boolean;
  /** What a repair changed on the existing Form to follow 配置, one line each. */
  formChanges: string[];
  /** The intake and survey Forms as respondents meet them (read back after publishing). */
  form: FormReadiness;
  surveyForm: FormReadiness;
  triggersCreated: string[];
  /**
   * The keys: kept or created as usual; `replaced` when they were lost over
   * encrypted data and the admin confirmed new ones; `missing` when the admin
   * declined (intake stays stopped until the backup is restored).
   */
  keys: 'ok' | 'replaced' | 'missing';
  /** 配置 was gone after an earlier setup and has been rebuilt from the example: the admin must fill it in. */
  configRecreated: boolean;
  configProblems: string[];
  /** 配置 › 日历 lacks this year's (or from November next year's) statutory holidays: what and what to add. */
  holidays: HolidayWarning | null;
  /** The Config's 通用 / 语言, in which the summary is shown. */
  locale: Locale;
}

/**
 * Setup belongs to one account: the Forms and triggers it makes are that
 * account's (another editor would see none of them and install a second set).
 * Before anything changes, anyone else is told who the owner is. The person
 * running a menu item is the effective user in a bound script, so this holds
 * on consumer accounts too, where the active user of others is hidden.
 */
function checkOwner(stored: SetupState): string {
  const me = Session.getEffectiveUser().getEmail();
  if (!me) throw new UserError('setup.unknownUser');
  if (stored.owner !== undefined && stored.owner.toLowerCase() !== me.toLowerCase()) {
    throw new UserError('setup.notOwner', { owner: stored.owner, me });
  }
  return stored.owner ?? me;
}

export interface SetupChoices {
  /**
   * Asked only when a key is missing while encrypted data exists: whether to
   * make a new key although the data it protected becomes unreadable.
   */
  confirmNewKeys(t: Translate): boolean;
}

export function runSetup(choices: SetupChoices): SetupSummary {
  const stored = readSetupState();
  const owner = checkOwner(stored);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const summary: SetupSummary = {
    sheetsCreated: [],
    columnsAdded: [],
    formUrl: '',
    formCreated: false,
    formChanges: [],
    form: { titled: false, described: false, published: false, accepting: false, anyone: false },
    surveyForm: { titled: false, described: false, published: false, accepting: false, anyone: false },
    triggersCreated: [],
    keys: 'ok',
    configRecreated: false,
    configProblems: [],
    holidays: null,
    locale: defaultConfig().locale,
  };
  ss.setSpreadsheetTimeZone(scriptTimeZone());
  const headers: Headers = new Map();

  // A 配置 sheet created now holds the defaults, so its header note is in the default Config's locale.
  const configSheet = ensureSheet(ss, CONFIG, summary, translator(defaultConfig().locale), headers);
  if (configSheet.getLastRow() < 2) {
    const rows = defaultConfigRows();
    configSheet.getRange(2, 1, rows.length, 4).setNumberFormat('@').setValues(rows);
  }
  summary.configRecreated = stored.done && summary.sheetsCreated.includes(CONFIG.name);
  // Setup is also how an admin makes every execution read 配置 afresh.
  forgetConfig();
  const ctx = AppContext.load();
  summary.locale = ctx.locale;
  // Each problem's text already names its row (配置第N行：…).
  summary.configProblems = ctx.configProblems.map((p) => p.message);
  summary.holidays = holidayWarning(ctx);
  markConfigProblems(ctx);

  const customers = ensureSheet(ss, CUSTOMERS, summary, ctx.t, headers);
  const tickets = ensureSheet(ss, TICKETS, summary, ctx.t, headers);
  const review = ensureSheet(ss, REVIEW, summary, ctx.t, headers);
  // An older 待审核 gains 填写内容 now: its rows get their answers in plain words.
  if (summary.columnsAdded.includes(`${REVIEW.name}.${REVIEW.col.answers}`)) fillReviewAnswers(ctx);
  ensureSheet(ss, HISTORY, summary, ctx.t, headers);
  ensureSheet(ss, IMPORT, summary, ctx.t, headers);
  const reports = ensureSheet(ss, REPORTS, summary, ctx.t, headers);
  keepReportChart(ctx, reports);
  const retro = ensureSheet(ss, RETRO, summary, ctx.t, headers);
  ensureSheet(ss, MAIL_QUEUE, summary, ctx.t, headers).hideSheet();
  // 通知队列 only once a robot is in 配置 › 通知 (the first message makes it too): setup adds no call without one.
  if (ctx.config.robots.length) ensureSheet(ss, OUTBOUND, summary, ctx.t, headers).hideSheet();
  dropBlankDefaultSheet(ss);
  // 配置 editable by the owner and the owner's admins only, 历史 with a warning; the reveal list moved out of 配置 once.
  settleAccess(ctx);
  hideInternalColumns(customers, CUSTOMERS, headers);
  hideInternalColumns(tickets, TICKETS, headers);
  hideInternalColumns(review, REVIEW, headers);
  hideInternalColumns(reports, REPORTS, headers);
  const history = ss.getSheetByName(HISTORY.name)!;
  const imports = ss.getSheetByName(IMPORT.name)!;
  for (const [sheet, spec] of [[customers, CUSTOMERS], [tickets, TICKETS], [review, REVIEW], [history, HISTORY], [imports, IMPORT], [reports, REPORTS], [retro, RETRO]] as const) applyLook(sheet, spec, headerIndex(spec, headers));
  applyTicketHighlights(ss, tickets);
  setDropdown(tickets, TICKETS, TICKETS.col.status, [...STATUSES]);
  setDropdown(tickets, TICKETS, TICKETS.col.priority, [...PRIORITIES]);
  setOwnerDropdown(tickets, ctx.config);
  followOwnerLabels(ctx, true);
  // The staff mails' link base, asked now that 工单 is as it stays (a recreated 工单 has a new gid), so intake never asks.
  primeTicketsLink(ss, tickets);
  setRule(tickets, TICKETS, TICKETS.col.deadline, SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).build());
  setDropdown(review, REVIEW, REVIEW.col.state, [...REVIEW_STATES]);
  setRetroRules(retro, ctx.config);

  const { form, created } = ensureForm(stored.formId, ctx.config, ctx.t);
  recordConsent(ctx.config, ctx.now);
  const changes = syncForm(ctx, form, created);
  if (!created) summary.formChanges = describeFormChanges(ctx, changes);
  summary.form = publishForm(form, ctx.t('form.title', { company: ctx.config.companyName }), ctx.t('form.description'));
  summary.formUrl = form.getPublishedUrl();
  summary.formCreated = created;
  const survey = ensureSurveyForm(stored.surveyFormId, ctx.config.companyName, ctx.t).form;
  summary.surveyForm = publishForm(survey, ctx.t('survey.formTitle', { company: ctx.config.companyName }), ctx.t('survey.formDescription'));
  const offset = ctx.utcOffset;
  const reportsDue = Object.fromEntries(REPORT_KINDS.map((kind) => [kind, lastDuePeriods(kind, ctx.now.getTime(), offset).key])) as Record<ReportKind, string>;
  stored.save(keysToCreate(ss, stored, summary, () => choices.confirmNewKeys(ctx.t)), form.getId(), survey.getId(), owner, reportsDue);

  summary.triggersCreated = ensureTriggers(ss, form, survey);
  return summary;
}

/** Spreadsheet.getUrl and Sheet.getSheetId once, into the script cache (AppContext.ticketsLink reads it). */
function primeTicketsLink(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tickets: GoogleAppsScript.Spreadsheet.Sheet): void {
  try {
    rememberTicketsLink({ url: ss.getUrl(), gid: tickets.getSheetId() });
  } catch (err) {
    // Not kept: the first mail with a link asks for it.
    console.error(`no link to 工单 cached: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The keys setup stores. A key is made only where none exists; a missing key
 * while encrypted data exists is a lost key, replaced only if the admin says so.
 */
function keysToCreate(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, stored: SetupState, summary: SetupSummary, confirm: () => boolean): Record<string, string> {
  const created = newKeyProperties(stored.existing);
  if (Object.keys(created).length === 0 || !hasEncryptedData(ss)) return created;
  if (confirm()) {
    summary.keys = 'replaced';
    return created;
  }
  summary.keys = 'missing';
  return {};
}

/** The names Sheets gives a new spreadsheet's first sheet (English and Chinese UI). */
const DEFAULT_SHEET_NAMES = ['Sheet1', '工作表1'];

/**
 * The empty first sheet a new spreadsheet comes with: nobody uses it, and its
 * grid (1,000 × 26) counts against the 10 million cells. Only a sheet with
 * nothing in it goes; one staff typed into stays.
 */
function dropBlankDefaultSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  for (const name of DEFAULT_SHEET_NAMES) {
    const sheet = ss.getSheetByName(name);
    if (sheet && sheet.getLastRow() === 0 && sheet.getLastColumn() === 0 && ss.getSheets().length > 1) ss.deleteSheet(sheet);
  }
}

/**
 * The header rows one setup run made or read, by sheet name: its later steps
 * (hiding, widths) use them instead of reading row 1 again, each read being a
 * round trip in setup's counted time.
 */
type Headers = Map<string, string[]>;

/** The sheet with its header row; creates it, or adds missing header columns at the end. */
function ensureSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec, summary: SetupSummary, t: Translate, headers: Headers): Sheet {
  const sheet = ss.getSheetByName(spec.name);
  const labels = spec.columns.map((c) => c.label);
  if (!sheet) {
    summary.sheetsCreated.push(spec.name);
    headers.set(spec.name, labels);
    return createSheet(ss, spec, t);
  }
  const width = sheet.getLastColumn();
  const present = width > 0 ? sheet.getRange(1, 1, 1, width).getValues()[0]!.map((h) => String(h).trim()) : [];
  const missing = labels.filter((l) => !present.includes(l));
  headers.set(spec.name, [...present, ...missing]);
  if (missing.length) {
    if (sheet.getMaxColumns() < width + missing.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), width + missing.length - sheet.getMaxColumns());
    sheet.getRange(1, width + 1, 1, missing.length).setNumberFormat('@').setValues([missing]).setFontWeight('bold');
    summary.columnsAdded.push(...missing.map((m) => `${spec.name}.${m}`));
  }
  // Empty columns past the last one in use (an older version left Sheets' 26) are cells the cap counts for nothing.
  const used = width + missing.length;
  if (used > 0 && sheet.getMaxColumns() > used) sheet.deleteColumns(used + 1, sheet.getMaxColumns() - used);
  // A sheet from an older version may lack the body formats: repair gives them (once: a sheet whose
  // last row has them was formatted whole, and rows added later inherit them).
  const expected = bodyFormats([...present, ...missing], spec);
  if (!lastRowHas(sheet, expected)) formatBody(sheet, spec, expected);
  return sheet;
}

/** A new sheet with the spec's frozen, protected (warning only) header row. */
export function createSheet(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, spec: SheetSpec, t: Translate): Sheet {
  const labels = spec.columns.map((c) => c.label);
  const sheet = ss.insertSheet(spec.name);
  // Exactly the columns it uses: every cell of the grid counts against Google's 10 million a spreadsheet.
  const spare = sheet.getMaxColumns() - labels.length;
  if (spare < 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), -spare);
  else if (spare > 0) sheet.deleteColumns(labels.length + 1, spare);
  if (spec.rows !== undefined) {
    const extra = sheet.getMaxRows() - 1 - spec.rows;
    if (extra > 0) sheet.deleteRows(spec.rows + 2, extra);
  }
  sheet.getRange(1, 1, 1, labels.length).setNumberFormat('@').setValues([labels]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  const protection = sheet.getRange(1, 1, 1, labels.length).protect().setDescription(t('setup.headerProtection'));
  protection.setWarningOnly(true);
  formatBody(sheet, spec, bodyFormats(labels, spec));
  return sheet;
}

/**
 * Gives every body cell its column's number format, so what staff type or
 * paste is read for that kind: in a text column an ID number, a phone with a
 * leading 0, a code 007, a leading = or + and TRUE stay as typed (Sheets
 * would make numbers, formulas and booleans of them); date columns read dates.
 * Columns staff added keep their own formats, except in a sheet pasted into
 * whole, which is plain text throughout. Table writes set the same formats
 * on the rows they add.
 */
function formatBody(sheet: Sheet, spec: SheetSpec, expected: readonly (string | undefined)[]): void {
  const rows = sheet.getMaxRows() - 1;
  if (rows < 1) return;
  if (spec.pastedInto) {
    sheet.getRange(2, 1, rows, sheet.getMaxColumns()).setNumberFormat(NUMBER_FORMAT.text);
    return;
  }
  // One call per run of adjacent columns with the same format.
  for (let start = 0; start < expected.length; ) {
    let end = start + 1;
    while (end < expected.length && expected[end] === expected[start]) end++;
    const format = expected[start];
    if (format) sheet.getRange(2, start + 1, rows, end - start).setNumberFormat(format);
    start = end;
  }
}

/** The number format each column's body should hold, by header label (undefined: a column staff added keeps its own). */
function bodyFormats(headers: readonly string[], spec: SheetSpec): (string | undefined)[] {
  const byLabel = new Map(spec.columns.map((c) => [c.label, NUMBER_FORMAT[c.kind]]));
  return headers.map((h) => (spec.pastedInto ? NUMBER_FORMAT.text : byLabel.get(h)));
}

/** Whether the sheet's bottom row carries those formats (one read). */
function lastRowHas(sheet: Sheet, expected: readonly (string | undefined)[]): boolean {
  const rows = sheet.getMaxRows();
  if (rows < 2 || expected.length === 0) return true;
  const formats = sheet.getRange(rows, 1, 1, expected.length).getNumberFormats()[0]!;
  return expected.every((f, i) => f === undefined || formats[i] === f);
}

/** The header row of a sheet as ensureSheet left it in this run. */
function headerIndex(spec: SheetSpec, headers: Headers): string[] {
  return headers.get(spec.name)!;
}

/** Hides the bookkeeping columns, one call per run of neighbouring ones. */
function hideInternalColumns(sheet: Sheet, spec: SheetSpec, known: Headers): void {
  const headers = headerIndex(spec, known);
  const hidden = new Set(spec.columns.filter((c) => c.hidden).map((c) => c.label));
  for (let c = 0; c < headers.length; c++) {
    if (!hidden.has(headers[c]!)) continue;
    let end = c + 1;
    while (end < headers.length && hidden.has(headers[end]!)) end++;
    sheet.hideColumns(c + 1, end - c);
    c = end - 1;
  }
}

/** The intake Form, opened, or created empty when there is none (syncForm gives it its items). */
function ensureForm(formId: string | undefined, config: AppConfig, t: Translate): { form: GoogleAppsScript.Forms.Form; created: boolean } {
  if (formId) {
    try {
      return { form: FormApp.openById(formId), created: false };
    } catch {
      // The form was deleted: build a new one below.
    }
  }
  // The name titles the Drive file only; publishForm gives the form its title and opens it.
  const form = FormApp.create(t('form.title', { company: config.companyName }));
  form.setConfirmationMessage(t('form.confirmation'));
  form.setCollectEmail(false);
  form.setProgressBar(true);
  return { form, created: true };
}
