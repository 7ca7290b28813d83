/**
 * The latency model: how long Apps Script takes for each service call and
 * each cell, from the evidence there is. Every call advances the execution's
 * clock by its figure (so the 6-minute and 30-second limits are measured on
 * modelled time), and the bench adds the script's own CPU.
 *
 * Spreadsheet calls are of three kinds:
 * - **local**: builders and getters that only describe what to fetch
 *   (`getActiveSpreadsheet`, `getRange`, `createTextFinder` and its option
 *   setters, a range's own coordinates, `getScriptLock`,
 *   `getScriptProperties`, the data-validation and conditional-format rule
 *   builders and the rules they give) most likely never leave the script
 *   process: 0 ms.
 *   Assumed, from their contracts: they return at once with an object that
 *   fetches nothing until a value is asked for.
 * - **writes** are cached by Apps Script and sent in bundles: Google's
 *   "Best practices" ("Apps Script … caches writes") and the reference of
 *   `SpreadsheetApp.flush()` ("Spreadsheet operations are sometimes bundled
 *   together to improve performance"). A write call costs
 *   {@link WRITE_CALL_MS} while its cells wait; they are committed at the
 *   next read, at `flush()` or when the execution ends, in one round trip
 *   plus {@link COMMIT_PER_CELL_MS} a cell. Evidence: one 4,000-cell
 *   `setValues` measured < 50 ms without a flush and ~610 ms with one. The
 *   write call is taken at that bound (50 ms), so the model is never kinder
 *   than Google; the per-cell share of the commit is (610 − 50 − 160) / 4,000.
 *   (These figures and getLastRow's below were gathered in the team's
 *   performance issue; they are not re-verified offline, and 自检 does not
 *   time them.)
 * - **reads** (values, notes, `getLastRow`, a TextFinder's search, the
 *   sheet list) are one round trip each, {@link ROUND_TRIP_MS} (getLastRow
 *   measured at ~160 ms a call in a loop), plus {@link READ_PER_CELL_MS} a
 *   cell (assumed: small beside the round trip, as the batching advice in
 *   Google's "Best practices" implies).
 *
 * Other services, per call: PropertiesService get 30 ms, set 62 ms;
 * CacheService get 3 ms, put 93 ms (L. Peralta, "Google Apps Script APIs
 * performance", 100 sample runs, https://ziritione.org/post/apps_script_performance).
 * Assumed: a lock operation 30 ms (a property-store round trip), a mail
 * 300 ms, a Form call 50 ms, a trigger call 50 ms; Utilities, Session,
 * Logger, Html and Content are computed in the script's process (0 ms).
 *
 * UrlFetchApp: a fetch (or a fetchAll, whose requests go out in parallel)
 * costs {@link SERVICE_MS}.UrlFetch for Google's side of it, and then the
 * remote endpoint's own latency (its responder's `latencyMs`; the slowest of
 * a fetchAll's), capped by the fetch deadline (url-fetch.ts). The 200 ms is a
 * modelled guess: one published measurement (pre-practice.net, 2020: three
 * sequential GETs to the Google Books API took 1.769 s, the same three in one
 * fetchAll 0.929 s) gives about 590 ms a fetch, remote work included, and
 * does not split Google's share from the remote's. `getRequest` sends nothing
 * and an HTTPResponse's getters read what already arrived: 0 ms.
 */
import type { ServiceName } from './meter';

/** One round trip to the spreadsheet's server (a read, or the commit of cached writes). */
export const ROUND_TRIP_MS = 160;
/** A write call whose cells wait in Apps Script's cache. */
export const WRITE_CALL_MS = 50;
/** Committing one cached cell (at the next read, a flush, or the end of the execution). */
export const COMMIT_PER_CELL_MS = 0.1;
/** Transferring one cell read. */
export const READ_PER_CELL_MS = 0.01;

/** Per call, services other than Spreadsheet; methods slower than their service in METHOD_MS. */
export const SERVICE_MS: Record<string, number> = {
  Properties: 30,
  Lock: 30,
  Cache: 3,
  Mail: 300,
  UrlFetch: 200,
  Form: 50,
  Script: 50,
  Utilities: 0,
  Session: 0,
  Logger: 0,
  Html: 0,
  Content: 0,
};
const METHOD_MS: Record<string, number> = {
  'Properties.setProperty': 62,
  'Properties.setProperties': 62,
  'Properties.deleteProperty': 62,
  'Properties.deleteAllProperties': 62,
  'Cache.put': 93,
  'Cache.putAll': 93,
};

/** Calls that build or describe without asking a server (see above). */
const LOCAL: ReadonlySet<string> = new Set([
  'SpreadsheetApp.getActiveSpreadsheet', 'SpreadsheetApp.getActive', 'SpreadsheetApp.getUi', 'SpreadsheetApp.newDataValidation',
  'SpreadsheetApp.newConditionalFormatRule',
  'Spreadsheet.getRange', 'Sheet.getRange', 'Range.getCell', 'Range.offset', 'Range.getSheet',
  // A range's own coordinates, the last ones included: Range.getLastRow "Returns the end row position"
  // of the range (Google's Range reference), arithmetic on what the range was built with — unlike
  // Sheet.getLastRow, which asks where the sheet's content ends.
  'Range.getRow', 'Range.getColumn', 'Range.getNumRows', 'Range.getNumColumns', 'Range.getLastRow', 'Range.getLastColumn',
  'Spreadsheet.createTextFinder', 'Sheet.createTextFinder', 'Range.createTextFinder',
  'TextFinder.matchCase', 'TextFinder.matchEntireCell', 'TextFinder.useRegularExpression', 'TextFinder.matchFormulaText', 'TextFinder.ignoreDiacritics', 'TextFinder.startFrom',
  'LockService.getScriptLock', 'LockService.getDocumentLock', 'LockService.getUserLock',
  'PropertiesService.getScriptProperties', 'PropertiesService.getDocumentProperties', 'PropertiesService.getUserProperties',
  'CacheService.getScriptCache', 'CacheService.getDocumentCache', 'CacheService.getUserCache',
  'UrlFetchApp.getRequest',
]);

/** Objects built and read in the script's process: a builder, a menu, an answer already given. */
const LOCAL_CLASSES: ReadonlySet<string> = new Set([
  'DataValidationBuilder', 'DataValidation', 'ConditionalFormatRuleBuilder', 'ConditionalFormatRule', 'BooleanCondition',
  'EmbeddedChartBuilder', 'Menu', 'PromptResponse', 'HTTPResponse',
]);

/** Spreadsheet method names that change the document (cached, committed later). */
const WRITE_VERB = /^(set|insert|delete|append|clear|hide|show|unhide|sort|protect|remove|add|copy|move|activate|autoResize|merge|unmerge|build)/;

export type CallKind = 'local' | 'read' | 'write' | 'flush' | 'service';

/** What a call costs in the model: see the file's comment. */
export function kindOf(service: ServiceName | string, method: string): CallKind {
  if (LOCAL.has(method) || LOCAL_CLASSES.has(method.slice(0, method.indexOf('.')))) return 'local';
  // Computed in the script's process (Utilities, Session, Logger, Html, Content): no round trip.
  if (SERVICE_MS[service] === 0) return 'local';
  if (service !== 'Spreadsheet') return 'service';
  if (method === 'SpreadsheetApp.flush') return 'flush';
  const name = method.slice(method.indexOf('.') + 1);
  return WRITE_VERB.test(name) ? 'write' : 'read';
}

/** Modelled milliseconds of a call of another service (Spreadsheet calls are priced by kind in meter.ts). */
export function serviceMs(service: string, method: string): number {
  return METHOD_MS[method] ?? SERVICE_MS[service] ?? 50;
}
