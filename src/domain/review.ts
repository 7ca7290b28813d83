/**
 * The review queue's decisions: what names a 待审核 row, which source id a
 * resubmission of it files under, and whether a row may still be handled.
 */
import { REVIEW_STATE } from './vocabulary';

/** The key of a row without a source id (rows typed in by hand): a digest of what it holds. */
export const DIGEST_KEY_PREFIX = 'review-digest:';

/** Between a row's key and the digest of the content resubmitted from it. */
const RESUBMISSION_MARK = '#r:';

/**
 * The source id a resubmission files under: the first row of its chain and
 * the resubmitted content. The same content resubmitted again, from the row
 * or from the row it led to, is the same id, which intake answers as a
 * duplicate of what the first filed: never a second ticket or 待审核 row.
 */
export function resubmissionSource(rowKey: string, contentDigest: string): string {
  return originOf(rowKey) + RESUBMISSION_MARK + contentDigest;
}

/** The source id a chain of resubmissions started from (a Form response id, a draft id, …). */
export function originOf(sourceId: string): string {
  const at = sourceId.indexOf(RESUBMISSION_MARK);
  return at < 0 ? sourceId : sourceId.slice(0, at);
}

/** Content as one text, the same whatever order its fields came in. */
export function canonicalContent(values: Readonly<Record<string, string | undefined>>): string {
  const kept = Object.entries(values).filter(([, v]) => v !== undefined && v !== '');
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(kept);
}

/** Why a row in `state` can no longer be resubmitted or voided; null while it is pending. */
export function closedAs(state: string): 'resubmitted' | 'voided' | 'other' | null {
  if (state === REVIEW_STATE.pending) return null;
  if (state === REVIEW_STATE.resubmitted) return 'resubmitted';
  if (state === REVIEW_STATE.voided) return 'voided';
  return 'other';
}

/** A RE2 pattern matching, as a whole cell, the ids of everything resubmitted from the row `rowKey`. */
export function resubmittedFromPattern(rowKey: string): string {
  return rowKey.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&') + '#r.*';
}

/** Indents a value's further lines, so each `字段：值` stands out from the text of a long answer. */
const CONTINUATION = '\u3000\u3000';

/**
 * What a 待审核 row shows staff of the answers it holds: one `字段：值` line
 * per answer, in the order given, with a value's further lines indented.
 * Callers pass labels in the sheet's language and sealed values as the
 * marker, never as the ciphertext or the plaintext.
 */
export function answerLines(answers: readonly (readonly [label: string, value: string])[]): string {
  return answers.map(([label, value]) => `${label}：${value.split('\n').join('\n' + CONTINUATION)}`).join('\n');
}
