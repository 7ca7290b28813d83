/**
 * The latency model: how long each service call and each cell transferred
 * takes in Apps Script. Every call advances the execution's clock by its
 * figure (so the 6-minute and 30-second limits are measured on modelled
 * time), and the bench adds the script's own CPU to the same figures.
 *
 * Sources (per-call averages; stated so anyone can swap in their own figures):
 * - PropertiesService get 30 ms, set 62 ms; CacheService get 3 ms, put 93 ms:
 *   L. Peralta, "Google Apps Script APIs performance" (100 sample runs),
 *   https://ziritione.org/post/apps_script_performance
 * - Spreadsheet: 50 ms per call plus 0.01 ms per cell transferred, after the
 *   measurement that one 4,000-cell setValues took < 50 ms while per-row and
 *   per-cell writes were 1–2 orders of magnitude slower (developreference,
 *   "What is faster: ScriptDb or SpreadsheetApp?") and Google's "Optimizing
 *   Spreadsheet Operations" (calls are the cost; batch them). An assumption
 *   within those bounds, not a Google-published figure.
 * - Lock 30 ms (assumed: a property-store round trip), Mail send 300 ms and
 *   Form calls 50 ms (assumed), Utilities/Session/Logger/Html/Content 0 ms
 *   (computed in the script's process).
 */
import type { MeterSnapshot } from './meter';

export const LATENCY_MS: Record<string, number> = {
  Spreadsheet: 50,
  Properties: 30,
  Lock: 30,
  Cache: 3,
  Mail: 300,
  Form: 50,
  Script: 50,
  Utilities: 0,
  Session: 0,
  Logger: 0,
  Html: 0,
  Content: 0,
};
/** Methods slower than their service's figure. */
const METHOD_MS: Record<string, number> = {
  'Properties.setProperty': 62,
  'Properties.setProperties': 62,
  'Cache.put': 93,
  'Cache.putAll': 93,
};
export const PER_CELL_MS = 0.01;

/** Modelled milliseconds of one call. */
export function callMs(service: string, method: string): number {
  return METHOD_MS[method] ?? LATENCY_MS[service] ?? 50;
}

/** Modelled wall time (ms) in Apps Script for one execution: its calls and cells, plus the script's CPU. */
export function modelledMs(meter: MeterSnapshot, scriptCpuMs: number): number {
  let ms = scriptCpuMs + (meter.cellsRead + meter.cellsWritten) * PER_CELL_MS;
  for (const [service, n] of Object.entries(meter.byService)) ms += (LATENCY_MS[service] ?? 50) * n;
  for (const [method, n] of Object.entries(meter.calls)) {
    const own = METHOD_MS[method];
    if (own === undefined) continue;
    const service = method.split('.')[0]!;
    ms += (own - (LATENCY_MS[service] ?? 50)) * n;
  }
  return ms;
}
