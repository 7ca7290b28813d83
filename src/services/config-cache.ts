/**
 * 配置 as last read, kept in the script cache so an execution that finds it
 * there reads no sheet for it (a cache get is ~3 ms, the sheet's three reads
 * ~0.5 s). What changes 配置 forgets it: the edit trigger on any edit of 配置,
 * the change trigger on any change of the workbook's structure (a row deleted,
 * the sheet renamed), setup and repair. What none of them sees (a write by
 * another script or the Sheets API) lasts at most CACHE_SECONDS.
 */
const KEY = 'config.rows';
/** At most this long is a change no trigger saw ignored. */
const CACHE_SECONDS = 600;
/** The script cache's limit for one value is 100 KB: a larger 配置 is read from the sheet each time. */
const MAX_CHARS = 90_000;

/** A Date in JSON: `{ "$date": ms }` (a 配置 cell can hold one; JSON alone would make it a string). */
interface DateCell {
  $date: number;
}

function encode(rows: unknown[][]): string {
  return JSON.stringify(rows.map((r) => r.map((v) => (v instanceof Date ? ({ $date: v.getTime() } satisfies DateCell) : v))));
}

function decode(text: string): unknown[][] | null {
  try {
    const rows: unknown = JSON.parse(text);
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) return null;
    return (rows as unknown[][]).map((r) => r.map((v) => (v !== null && typeof v === 'object' && typeof (v as DateCell).$date === 'number' ? new Date((v as DateCell).$date) : v)));
  } catch {
    return null;
  }
}

/** 配置's data rows as cached, or null (never cached, expired, forgotten, or the cache failed). */
export function cachedConfigRows(): unknown[][] | null {
  try {
    const text = CacheService.getScriptCache().get(KEY);
    return text === null ? null : decode(text);
  } catch {
    return null;
  }
}

/** Keeps 配置's data rows as just read. */
export function rememberConfigRows(rows: unknown[][]): void {
  const text = encode(rows);
  if (text.length > MAX_CHARS) return;
  try {
    CacheService.getScriptCache().put(KEY, text, CACHE_SECONDS);
  } catch {
    // Not kept: the next execution reads the sheet, as this one did.
  }
}

/** 配置 changed: the next execution reads the sheet. */
export function forgetConfig(): void {
  try {
    CacheService.getScriptCache().remove(KEY);
  } catch {
    // A cache that fails to forget serves the old 配置 for CACHE_SECONDS at most.
  }
}

/** Change types that leave 配置's values as they were: an edit (the edit trigger sees it) and a format. */
const UNCHANGED_BY: ReadonlySet<string> = new Set(['EDIT', 'FORMAT']);

/** The change trigger: a structural change (a row deleted, 配置 renamed, …) may have changed what 配置 reads as. */
export function followChange(changeType: unknown): void {
  if (!UNCHANGED_BY.has(String(changeType))) forgetConfig();
}
