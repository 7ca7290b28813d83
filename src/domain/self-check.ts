/**
 * The self-check's test Form response. It carries a one-time nonce that only
 * script properties and the response itself hold; the intake skips a response
 * only if it carries the current, unexpired nonce, so a customer cannot have a
 * real response skipped by typing something that looks like the marker.
 */

/** How long the intake recognises a run's nonce: the submit trigger fires within seconds, or minutes when busy. */
export const SELF_CHECK_NONCE_TTL_MS = 15 * 60 * 1000;

export interface SelfCheckNonce {
  nonce: string;
  /** Epoch ms after which the nonce no longer marks anything. */
  expiresAt: number;
}

const MARKER = /^自检 ([0-9a-f]{32})$/;

/** What the test response answers in its one question. */
export function selfCheckMarker(nonce: string): string {
  return `自检 ${nonce}`;
}

/** The nonce an answer spells as a marker; null for every other answer (the common case costs no property read). */
export function markedNonce(answer: unknown): string | null {
  const m = typeof answer === 'string' ? MARKER.exec(answer.trim()) : null;
  return m ? m[1]! : null;
}

/** Whether `nonce` (from an answer) is the current run's. */
export function isCurrentNonce(nonce: string, stored: SelfCheckNonce | null, nowMs: number): boolean {
  return stored !== null && stored.nonce === nonce && nowMs <= stored.expiresAt;
}
