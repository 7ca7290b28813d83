/**
 * Small durable state in script properties, read once and written once per
 * submission: per-day number counters and the routing rotation.
 */
import { pruneCounters } from '../domain/numbering';

const SEQ = 'seq:';
const ROT = 'rot:';

export interface StoredState {
  /** Every script property, as read. */
  all: Record<string, string>;
  counters: Record<string, number>;
  rotation: Record<string, number>;
}

export function readState(): StoredState {
  const all = PropertiesService.getScriptProperties().getProperties();
  const counters: Record<string, number> = {};
  const rotation: Record<string, number> = {};
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(SEQ)) counters[k.slice(SEQ.length)] = Number(v) || 0;
    else if (k.startsWith(ROT)) rotation[k.slice(ROT.length)] = Number(v) || 0;
  }
  return { all, counters, rotation };
}

/** Writes the counters and rotation that changed, in one call. */
export function writeState(state: StoredState, counters: Record<string, number>, rotation: Record<string, number>): void {
  const changed: Record<string, string> = {};
  for (const [k, v] of Object.entries(counters)) if (state.counters[k] !== v) changed[SEQ + k] = String(v);
  for (const [k, v] of Object.entries(rotation)) if (state.rotation[k] !== v) changed[ROT + k] = String(v);
  if (Object.keys(changed).length) PropertiesService.getScriptProperties().setProperties(changed);
  state.counters = counters;
  state.rotation = rotation;
}

/** Deletes counters of days before `keepFromDay` (yyyyMMdd): a daily job keeps the store small. */
export function pruneOldCounters(keepFromDay: string): number {
  const state = readState();
  const kept = pruneCounters(state.counters, keepFromDay);
  const props = PropertiesService.getScriptProperties();
  let removed = 0;
  for (const k of Object.keys(state.counters)) {
    if (!(k in kept)) {
      props.deleteProperty(SEQ + k);
      removed += 1;
    }
  }
  return removed;
}
