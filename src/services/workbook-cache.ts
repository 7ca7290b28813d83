/**
 * What the script cache keeps of the workbook, so an execution that finds it
 * there reads no sheet for it (a cache get is ~3 ms, a sheet read ~160 ms):
 *
 * - 配置's rows, for CONFIG_SECONDS. Forgotten by the edit trigger on any edit
 *   of 配置, by the change trigger on any change of the workbook's structure
 *   (a row deleted, the sheet renamed), by setup and repair. A write none of
 *   them sees (another script, the Sheets API) lasts CONFIG_SECONDS at most.
 * - The header rows of the sheets intake and edits write (LAYOUT_SHEETS), for
 *   their callers that check the layout under the lock before trusting it
 *   (`AppContext.tableFromCache`). Forgotten by the change trigger and by an
 *   edit of a row 1; a layout found moved is cached as it now is.
 * - 工单's link base (the spreadsheet's URL and the sheet's gid), for the
 *   links in staff mails, for LAYOUT_SECONDS. The gid changes only when 工单
 *   is deleted and made again: a structural change, which the change trigger
 *   follows by forgetting it.
 */
import type { SheetLink } from '../domain/sheet-link';
import { CUSTOMERS, HISTORY, MAIL_QUEUE, REVIEW, TICKETS } from '../sheets/schema';

const CONFIG_KEY = 'config.rows';
const LINK_KEY = 'link.tickets';
const CONFIG_SECONDS = 600;
/** A layout found stale is found so by the first check under the lock, and then cached again: the longest the cache allows. */
const LAYOUT_SECONDS = 21_600;
/** The script cache's limit for one value is 100 KB: a larger 配置 is read from the sheet each time. */
const MAX_CHARS = 90_000;

export const LAYOUT_SHEETS: readonly string[] = [CUSTOMERS.name, TICKETS.name, REVIEW.name, HISTORY.name, MAIL_QUEUE.name];
const layoutKey = (sheet: string) => `layout.${sheet}`;

/** A Date in JSON: `{ "$date": ms }` (a 配置 cell can hold one; JSON alone would make it a string). */
interface DateCell {
  $date: number;
}

function encode(rows: unknown[][]): string {
  return JSON.stringify(rows.map((r) => r.map((v) => (v instanceof Date ? ({ $date: v.getTime() } satisfies DateCell) : v))));
}

function decodeRows(text: string | undefined): unknown[][] | null {
  if (text === undefined) return null;
  try {
    const rows: unknown = JSON.parse(text);
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) return null;
    return (rows as unknown[][]).map((r) => r.map((v) => (v !== null && typeof v === 'object' && typeof (v as DateCell).$date === 'number' ? new Date((v as DateCell).$date) : v)));
  } catch {
    return null;
  }
}

function decodeHeaders(text: string | undefined): string[] | null {
  if (text === undefined) return null;
  try {
    const headers: unknown = JSON.parse(text);
    return Array.isArray(headers) && headers.every((h) => typeof h === 'string') ? (headers as string[]) : null;
  } catch {
    return null;
  }
}

export interface CachedWorkbook {
  /** 配置's data rows, or null. */
  configRows: unknown[][] | null;
  /** Header rows by sheet name. */
  layouts: Map<string, string[]>;
  /** 工单's link base, or null. */
  ticketsLink: SheetLink | null;
}

function decodeLink(text: string | undefined): SheetLink | null {
  if (text === undefined) return null;
  try {
    const v: unknown = JSON.parse(text);
    const link = v as SheetLink;
    return v !== null && typeof v === 'object' && typeof link.url === 'string' && Number.isInteger(link.gid) ? { url: link.url, gid: link.gid } : null;
  } catch {
    return null;
  }
}

/** Everything cached, in one call; nothing when the cache fails (the sheets are read instead). */
export function readWorkbookCache(): CachedWorkbook {
  const layouts = new Map<string, string[]>();
  try {
    const got = CacheService.getScriptCache().getAll([CONFIG_KEY, LINK_KEY, ...LAYOUT_SHEETS.map(layoutKey)]);
    for (const sheet of LAYOUT_SHEETS) {
      const headers = decodeHeaders(got[layoutKey(sheet)]);
      if (headers) layouts.set(sheet, headers);
    }
    return { configRows: decodeRows(got[CONFIG_KEY]), layouts, ticketsLink: decodeLink(got[LINK_KEY]) };
  } catch {
    return { configRows: null, layouts, ticketsLink: null };
  }
}

/** Keeps 配置's data rows as just read. */
export function rememberConfigRows(rows: unknown[][]): void {
  const text = encode(rows);
  if (text.length <= MAX_CHARS) put(CONFIG_KEY, text, CONFIG_SECONDS);
}

/** Keeps a sheet's header row as just read. */
export function rememberLayout(sheet: string, headers: readonly string[]): void {
  if (LAYOUT_SHEETS.includes(sheet)) put(layoutKey(sheet), JSON.stringify(headers), LAYOUT_SECONDS);
}

/** Keeps 工单's link base as just asked of the spreadsheet. */
export function rememberTicketsLink(link: SheetLink): void {
  put(LINK_KEY, JSON.stringify(link), LAYOUT_SECONDS);
}

function put(key: string, text: string, seconds: number): void {
  try {
    CacheService.getScriptCache().put(key, text, seconds);
  } catch {
    // Not kept: the next execution reads the sheet, as this one did.
  }
}

function forget(keys: string[]): void {
  try {
    CacheService.getScriptCache().removeAll(keys);
  } catch {
    // A cache that fails to forget: 配置 is read afresh within CONFIG_SECONDS, and a stale layout is found under the lock.
  }
}

/** 配置 changed: the next execution reads the sheet. */
export function forgetConfig(): void {
  forget([CONFIG_KEY]);
}

/** A header row was edited: the next execution reads the header rows. */
export function forgetLayouts(): void {
  forget(LAYOUT_SHEETS.map(layoutKey));
}

/** Change types that leave 配置's values and the header rows as they were: an edit (the edit trigger sees it) and a format. */
const UNCHANGED_BY: ReadonlySet<string> = new Set(['EDIT', 'FORMAT']);

/** The change trigger: a structural change (a column inserted, 配置 renamed, …) may have changed what both read as. */
export function followChange(changeType: unknown): void {
  if (!UNCHANGED_BY.has(String(changeType))) forget([CONFIG_KEY, LINK_KEY, ...LAYOUT_SHEETS.map(layoutKey)]);
}
