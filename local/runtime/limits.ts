/**
 * Apps Script's limits and per-user daily quotas, by account kind. Sources:
 * Apps Script "Quotas for Google Services" (developers.google.com/apps-script/guides/services/quotas):
 * script runtime 6 min / execution; triggers total runtime 90 min / day
 * (consumer) and 6 h / day (Workspace); email recipients 100 / day (consumer)
 * and 1,500 / day (Workspace); "Quotas are per user and reset 24 hours after
 * the first request". Simple triggers: "They cannot run for longer than 30
 * seconds" (Apps Script guide "Simple triggers", Restrictions). Cells: Google
 * Drive help "Files you can store in Google Drive": up to 10 million cells
 * per spreadsheet. URL Fetch (same quotas page): calls 20,000 / day
 * (consumer) and 100,000 / day (Workspace); per call, response size 50 MB,
 * headers 100, header size 8 KB, POST size 50 MB, URL length 2 KB.
 */
import type { Env } from './env';
import { googleError } from './google-errors';
import type { RuntimeState } from './state';

export const EXECUTION_LIMIT_MS = 6 * 60_000;
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;
export const MAX_CELLS = 10_000_000;
const QUOTA_WINDOW_MS = 24 * 3_600_000;

/** Apps Script quotas page, "Current limitations": URL Fetch, per call, for every kind of account. */
export const URL_FETCH_LIMITS = {
  /** "URL Fetch URL length 2 KB / call" (the reference's fetch(url) says "up to 2,082 characters": the smaller is kept). */
  urlLength: 2 * 1024,
  /** "URL Fetch headers 100 / call". */
  headers: 100,
  /** "URL Fetch header size 8 KB / call": names and values of the script's headers together. */
  headerBytes: 8 * 1024,
  /** "URL Fetch POST size 50 MB / call". */
  payloadBytes: 50 * 1024 * 1024,
  /** "URL Fetch response size 50 MB / call". */
  responseBytes: 50 * 1024 * 1024,
} as const;

export interface QuotaLimits {
  mailRecipients?: number;
  triggerRuntimeMs?: number;
  /** URL Fetch calls a day (each request of a fetchAll is one). */
  urlFetchCalls?: number;
}

export interface QuotaUsage {
  /** When the first request of the current 24-hour window was made. */
  since: number;
  mailRecipients: number;
  triggerRuntimeMs: number;
  /** Absent until the user's first fetch (states saved before UrlFetchApp was modelled have none). */
  urlFetchCalls?: number;
}

/** Apps Script quotas page: recipients, trigger runtime and URL Fetch calls a day, by account kind. */
export const BY_ACCOUNTS: Record<RuntimeState['accounts'], Required<QuotaLimits>> = {
  consumer: { mailRecipients: 100, triggerRuntimeMs: 90 * 60_000, urlFetchCalls: 20_000 },
  workspace: { mailRecipients: 1500, triggerRuntimeMs: 6 * 3_600_000, urlFetchCalls: 100_000 },
};

/** The daily quotas of the world's accounts, with the state's overrides. */
export function dailyLimits(state: RuntimeState): Required<QuotaLimits> {
  return { ...BY_ACCOUNTS[state.accounts], ...state.limits };
}

/** A user's quota usage, starting a new window 24 hours after the first request of the last one. */
export function usageOf(state: RuntimeState, user: string, now: number): QuotaUsage {
  const key = user.toLowerCase();
  const current = state.usage[key];
  if (current && now - current.since < QUOTA_WINDOW_MS) return current;
  const fresh = { since: now, mailRecipients: 0, triggerRuntimeMs: 0 };
  state.usage[key] = fresh;
  return fresh;
}

/** The cells of every sheet of the spreadsheet (its grid, used or not). */
export function cellCount(state: RuntimeState): number {
  return state.spreadsheet.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
}

/** Refuses a change that would take the spreadsheet past 10 million cells, before it is made. */
export function checkCellsAdded(env: Env, added: number): void {
  if (added > 0 && cellCount(env.state) + added > MAX_CELLS) throw googleError(env, 'tooManyCells');
}
