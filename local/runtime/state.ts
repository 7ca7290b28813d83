/**
 * The serialisable state of the emulated Apps Script world. `state.json` is
 * exactly this object; the in-memory services work on it directly, so loading
 * and saving a state changes nothing.
 */

import type { Language } from './google-errors';
import type { QuotaLimits, QuotaUsage } from './limits';

export const STATE_FORMAT = 'kehu-local-state';
export const STATE_VERSION = 1;

/** A stored cell value: blank is null, dates are {d: epoch ms}, formulas {f: source}. */
export type StoredValue = string | number | boolean | null | { d: number } | { f: string };

export interface DataValidationState {
  /** 'list' = dropdown of values; 'checkbox'; 'number' = between min and max; 'date' = any valid date. */
  kind: 'list' | 'checkbox' | 'number' | 'date';
  values?: string[];
  /** requireNumberBetween's start and end as given, in either order (Sheets keeps the order; a check takes the smaller and the larger). */
  min?: number;
  max?: number;
  allowInvalid: boolean;
  helpText?: string;
}

/** Range.setWrapStrategy's strategies (SpreadsheetApp.WrapStrategy). */
export type WrapStrategyName = 'WRAP' | 'OVERFLOW' | 'CLIP';

/** Range.setVerticalAlignment's alignments. */
export type VerticalAlignmentName = 'top' | 'middle' | 'bottom';

export interface RowState {
  /** Values by 0-based column; shorter arrays mean trailing blanks. */
  v: StoredValue[];
  /** Number formats by column (null/undefined = General). */
  fmt?: (string | null)[];
  /** Cell notes by column. */
  note?: (string | null)[];
  /** Data validation by column: index into SheetState.rules. */
  dv?: (number | null)[];
  /** Wrap strategies by column (null = never set: Sheets' default, see Range.getWrap). */
  wrap?: (WrapStrategyName | null)[];
  /** Vertical alignments by column (null = never set: bottom). */
  valign?: (VerticalAlignmentName | null)[];
}

export interface ProtectionState {
  /** 1-based A1-style bounds; a sheet protection has row = 0. */
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  description: string;
  editors: string[];
  warningOnly: boolean;
  /** Everyone in the owner's Workspace domain may edit it (Protection.setDomainEdit); absent: no. */
  domainEdit?: boolean;
}

/** An embedded chart, kept minimally: type, data ranges, options and anchor cell. */
export interface ChartState {
  chartId: number;
  /** e.g. 'LINE', 'COLUMN'. */
  type: string;
  ranges: { row: number; column: number; numRows: number; numColumns: number }[];
  options: Record<string, string | number | boolean>;
  anchor: { row: number; column: number; offsetX: number; offsetY: number };
}

/** SpreadsheetApp.BooleanCriteria a stored conditional format rule may use. */
export type ConditionalCriteriaName = 'CUSTOM_FORMULA' | 'TEXT_EQUAL_TO';

/** A conditional format rule of a sheet, as Sheet.setConditionalFormatRules stores it. */
export interface ConditionalFormatState {
  /** A1 ranges on the sheet ('B2:B1000'); they follow rows and columns inserted, deleted or moved. */
  ranges: string[];
  criteria: ConditionalCriteriaName;
  /** The criteria's values as given: the formula (with its '=') or the text. */
  values: string[];
  /** '#rrggbb' colours and bold; absent = not set by the rule. */
  format: { background?: string; fontColor?: string; bold?: boolean };
}

export interface SheetState {
  sheetId: number;
  name: string;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  /** Rows by 0-based index; null = an empty row. */
  rows: (RowState | null)[];
  rules: DataValidationState[];
  protections: ProtectionState[];
  columnWidths: Record<string, number>;
  /** Embedded charts (absent in states saved before charts existed). */
  charts?: ChartState[];
  /** Columns hidden by the user or a script, 1-based and ascending (absent: none). */
  hiddenColumns?: number[];
  /** Conditional format rules in evaluation order (absent: none). */
  conditionalFormats?: ConditionalFormatState[];
}

export interface SpreadsheetState {
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  activeSheetId: number;
  nextSheetId: number;
  sheets: SheetState[];
  /** File › Settings › Calculation (Spreadsheet.setRecalculationInterval); absent: ON_CHANGE, Sheets' default. */
  recalculationInterval?: 'ON_CHANGE' | 'MINUTE' | 'HOUR';
}

export type FormItemType =
  | 'TEXT'
  | 'PARAGRAPH_TEXT'
  | 'MULTIPLE_CHOICE'
  | 'LIST'
  | 'CHECKBOX'
  | 'SCALE'
  | 'DATE'
  | 'SECTION_HEADER'
  | 'PAGE_BREAK'
  | 'RATING';

/** Where a choice or a page break leads: a page break's item id (GO_TO_PAGE) or another PageNavigationType. */
export type PageNavigation = number | 'CONTINUE' | 'RESTART' | 'SUBMIT';

export interface FormItemState {
  id: number;
  type: FormItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices?: string[];
  /** A multiple-choice item's navigation, one per choice (null: none set, the page goes on as its page break says). */
  navigation?: (PageNavigation | null)[];
  /** A page break's navigation after the page before it (PageBreakItem.setGoToPage); absent: CONTINUE. */
  goTo?: PageNavigation;
  /** A rating item's scale level and icon (RatingItem.setRatingScaleLevel / setRatingIcon). */
  rating?: { level: number; icon: string };
  /** Text validation as built: a pattern or a length rule, with its help text. */
  validation?: { kind: 'regex' | 'email' | 'maxLength' | 'minLength' | 'number'; pattern?: string; value?: number; min?: number; max?: number; helpText: string };
  scale?: { lower: number; upper: number; lowerLabel: string; upperLabel: string };
}

export interface FormResponseState {
  id: string;
  timestamp: number;
  respondentEmail: string;
  answers: { itemId: number; response: string | string[] }[];
}

export interface FormState {
  id: string;
  /** The Drive file's name (FormApp.create's argument); the form's own title starts empty. */
  fileName: string;
  title: string;
  description: string;
  /** Forms created by script start unpublished (Google's Forms API change, 2026-06-30). */
  published: boolean;
  acceptingResponses: boolean;
  /** Only signed-in users of the owner's domain may respond (Form.setRequireLogin). */
  requireLogin: boolean;
  confirmationMessage: string;
  collectEmail: boolean;
  nextItemId: number;
  items: FormItemState[];
  responses: FormResponseState[];
  deleted: boolean;
}

export type TriggerEventType = 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT' | 'CLOCK';

export interface ClockSchedule {
  kind: 'everyMinutes' | 'everyHours' | 'everyDays' | 'everyWeeks' | 'atHour' | 'weekly' | 'monthly' | 'at';
  /** Interval for every*; hour (0–23, script time zone) for atHour/weekly/monthly. */
  interval?: number;
  hour?: number;
  /** 1 = Monday … 7 = Sunday, for weekly. */
  weekDay?: number;
  /** 1–31, for monthly. */
  monthDay?: number;
  /** Epoch ms, for 'at'. */
  at?: number;
  /** For hour-based schedules: when in the hour it runs (ms after h:00), fixed at creation. */
  offsetMs?: number;
}

export interface TriggerState {
  uid: string;
  /** The user who installed it: only they see it in getProjectTriggers, and it runs as them. */
  owner: string;
  handler: string;
  eventType: TriggerEventType;
  source: 'SPREADSHEETS' | 'FORMS' | 'CLOCK';
  sourceId: string;
  clock?: ClockSchedule;
  /** Epoch ms of the next run (time-driven only). */
  nextRun?: number;
}

export interface SentMailState {
  id: string;
  at: number;
  from: string;
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  name: string;
  subject: string;
  body: string;
  htmlBody: string;
  /** File name under outbox/, set when the state is saved. */
  file?: string;
}

/** HTTP methods UrlFetchApp sends (its `method` parameter, upper-cased as on the wire). */
export type HttpMethodName = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a remote endpoint does instead of answering: no answer in time, a dropped connection, a name that does not resolve. */
export type HttpFaultName = 'timeout' | 'reset' | 'dns';

/**
 * One answer of a remote endpoint, as plain data: a status and body (and
 * headers), after `latencyMs`; or a fault. `invalidCertificate` serves it
 * with a certificate that does not validate.
 */
export interface HttpAnswerState {
  /** Default 200. */
  code?: number;
  body?: string;
  /** The body as bytes (base64), for one that is not UTF-8 text (a GBK reply); wins over `body`. */
  bodyBase64?: string;
  headers?: Record<string, string | string[]>;
  /** How long the endpoint takes to answer, on the emulated clock (default: no time beyond the fetch itself). */
  latencyMs?: number;
  fault?: HttpFaultName;
  invalidCertificate?: boolean;
}

/**
 * A declarative remote endpoint (it survives in state.json, so the CLI and
 * the demo keep it from command to command): requests to `match` (a host,
 * `oapi.dingtalk.com`, or a URL prefix, `https://oapi.dingtalk.com/robot/`)
 * get `answer`, unless an outage is on or failures are still due.
 */
export interface HttpResponderState {
  match: string;
  answer: HttpAnswerState;
  /** Until this moment (epoch ms) every request gets `answer` of the outage instead. */
  outage?: { until: number; answer: HttpAnswerState };
  /** The next `remaining` requests get this `answer` instead (counted down as they arrive). */
  failNext?: { remaining: number; answer: HttpAnswerState };
}

/** One request UrlFetchApp sent, exactly as sent, and what came back. */
export interface HttpRequestRecord {
  at: number;
  /** The effective user: whose quota the call spent (a trigger's installer). */
  user: string;
  method: HttpMethodName;
  url: string;
  /** The headers as sent, Apps Script's own (User-Agent, Content-Type) included. */
  headers: Record<string, string>;
  /** The body as UTF-8 text ('' when none); base64 when it is not UTF-8 (`payloadEncoding`). */
  payload: string;
  payloadEncoding?: 'base64';
  /** The status the remote gave; absent when none came back (`error` says why). */
  code?: number;
  error?: HttpFaultName | 'certificate';
}

/** The remote side of UrlFetchApp: what was sent (the outbox) and the declarative endpoints. */
export interface HttpState {
  outbox: HttpRequestRecord[];
  responders: HttpResponderState[];
}

export interface RuntimeState {
  format: typeof STATE_FORMAT;
  version: number;
  createdAt: number;
  /** The emulated clock, epoch ms. */
  clock: number;
  /** appsscript.json's timeZone. */
  timeZone: string;
  /** Deterministic randomness: Utilities.getUuid() derives from seed + counter. */
  rng: { seed: string; counter: number };
  /** Who runs executions unless a command says otherwise. */
  owner: string;
  /**
   * The kind of accounts: a Workspace domain (the owner's, where colleagues'
   * identities are visible to one another) or consumer accounts (gmail.com),
   * where a trigger or simple trigger sees a blank email for anyone but the owner.
   */
  accounts: 'workspace' | 'consumer';
  /** The owner's account language: Google's service errors are worded in it. */
  language: Language;
  spreadsheet: SpreadsheetState;
  forms: FormState[];
  triggers: TriggerState[];
  properties: { script: Record<string, string>; document: Record<string, string>; user: Record<string, Record<string, string>> };
  cache: Record<string, { value: string; expires: number }>;
  mail: { sent: SentMailState[] };
  /**
   * Whether the script is deployed as a web app: absent means it is (the CLI and
   * the tests post to doPost); `{ deployed: false }` makes Service.getUrl() null.
   */
  webApp?: { deployed: boolean };
  /** UrlFetchApp's requests and remote endpoints (absent until the first is registered or sent; states from before have none). */
  http?: HttpState;
  /** Per-user daily quotas in use, by lower-cased email (see limits.ts). */
  usage: Record<string, QuotaUsage>;
  /** Overrides of the account kind's daily quotas (tests, the bench, a CLI world). */
  limits: QuotaLimits;
  logs: { at: number; level: string; message: string }[];
}

export interface NewStateOptions {
  clock: number;
  timeZone?: string;
  seed?: string;
  owner?: string;
  accounts?: 'workspace' | 'consumer';
  language?: Language;
  spreadsheetName?: string;
  /** Email recipients a day per user, instead of the account kind's quota. */
  mailDailyLimit?: number;
}

/** An empty spreadsheet with one blank sheet, as Google creates it. */
export function newState(opts: NewStateOptions): RuntimeState {
  const timeZone = opts.timeZone ?? 'Asia/Shanghai';
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    createdAt: opts.clock,
    clock: opts.clock,
    timeZone,
    rng: { seed: opts.seed ?? 'local', counter: 0 },
    owner: opts.owner ?? 'admin@example.com',
    accounts: opts.accounts ?? 'workspace',
    language: opts.language ?? 'zh-CN',
    spreadsheet: {
      id: 'ss-local-1',
      name: opts.spreadsheetName ?? '客户信息收集与反馈',
      locale: 'zh_CN',
      timeZone,
      activeSheetId: 0,
      nextSheetId: 1,
      sheets: [newSheetState(0, 'Sheet1')],
    },
    forms: [],
    triggers: [],
    properties: { script: {}, document: {}, user: {} },
    cache: {},
    mail: { sent: [] },
    usage: {},
    limits: opts.mailDailyLimit === undefined ? {} : { mailRecipients: opts.mailDailyLimit },
    logs: [],
  };
}

/** The world's HTTP side, made empty on first use. */
export function httpState(state: RuntimeState): HttpState {
  state.http ??= { outbox: [], responders: [] };
  return state.http;
}

export function newSheetState(sheetId: number, name: string, maxRows = 1000, maxColumns = 26): SheetState {
  return {
    sheetId,
    name,
    maxRows,
    maxColumns,
    frozenRows: 0,
    frozenColumns: 0,
    hidden: false,
    rows: [],
    rules: [],
    protections: [],
    columnWidths: {},
  };
}
