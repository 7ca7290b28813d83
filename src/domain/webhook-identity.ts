/**
 * Which request a webhook item is, so that it is filed once: by the
 * integration's own id when it gives one (unique per integration, for ever),
 * by its content when it does not (a replay within a day). Both become the
 * item's source id, the key the pipeline de-duplicates on.
 */
import { localDay } from './local-time';

/** Longer ids are refused rather than cut: two ids sharing a prefix must stay two records. */
export const MAX_WEBHOOK_ID = 200;
/** A replay of a body without an id is caught this long after the original. */
export const REPLAY_WINDOW_MS = 86_400_000;
/** A readable source id up to this length; a longer one is stored as its digest. */
const MAX_READABLE = 120;

export type WebhookIdRefusal = 'bad_id' | 'id_too_long';

/** The item's own id as text, null when it has none, or why it cannot be one. */
export function webhookId(id: unknown): { id: string | null } | { refused: WebhookIdRefusal } {
  if (id === undefined || id === null || id === '') return { id: null };
  if (typeof id !== 'string' && typeof id !== 'number') return { refused: 'bad_id' };
  // 1 and "1" are the same record: integrations are not consistent about JSON types.
  const text = String(id);
  return text.length > MAX_WEBHOOK_ID ? { refused: 'id_too_long' } : { id: text };
}

/** JSON with object keys sorted at every level: the same answers give the same text whatever their order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The source id of an item with an id: the integration and the id, whole
 * (as a JSON pair, so no separator inside either can make two pairs meet);
 * a long pair is stored as its SHA-256 (`digest`, lower-case hex).
 */
export function idSourceId(source: string, id: string, digest: (text: string) => string): string {
  const pair = JSON.stringify([source, id]);
  return pair.length <= MAX_READABLE ? `webhook:${pair}` : `webhook:sha256:${digest(pair)}`;
}

/**
 * The source ids an item without an id may have been filed under: its
 * content's digest with the local day of receipt, today's first (what it is
 * filed under) and yesterday's (so a replay just after midnight is caught).
 */
export function contentSourceIds(
  source: string,
  answers: Record<string, unknown>,
  receivedMs: number,
  utcOffset: number,
  digest: (text: string) => string,
): { today: string; yesterday: string } {
  const stem = `webhook:body:${digest(canonicalJson([source, answers]))}@`;
  return { today: stem + localDay(receivedMs, utcOffset), yesterday: stem + localDay(receivedMs - REPLAY_WINDOW_MS, utcOffset) };
}

/**
 * Whether a body received at `nowMs` replays one filed under yesterday's id
 * at `originalMs`. A time staff overwrote (null) counts as a replay: found
 * under yesterday's id, the original is at most two days old, and a second
 * ticket would be worse than a missed resend.
 */
export function isReplay(originalMs: number | null, nowMs: number): boolean {
  return originalMs === null || nowMs - originalMs <= REPLAY_WINDOW_MS;
}
