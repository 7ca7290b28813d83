/**
 * Satisfaction ratings: what counts as a rating (an integer 1–5, as a number
 * or typed as text), and the customer's running tally of survey ratings,
 * where a ticket's later survey answer replaces its earlier one.
 */

/** A rating as stored or typed: 1–5, else null (blank, text, out of range, a fraction). */
export function validRating(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[1-5]\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

/** The highest rating that counts as low: 1–2 of 5 alert the owner and supervisor and are listed in the report. */
export const LOW_RATING_MAX = 2;

export function isLowRating(score: number): boolean {
  return score <= LOW_RATING_MAX;
}

export interface RatingTally {
  sum: number;
  count: number;
  /** sum / count to two decimals; null when nothing is counted. */
  average: number | null;
}

/**
 * The tally after one ticket's survey rating goes from `previous` (null: the
 * ticket had none) to `score`: a first rating adds one, a re-rating replaces.
 * A stored sum or count that is not a number counts as none.
 */
export function retally(stored: { sum: unknown; count: unknown }, previous: number | null, score: number): RatingTally {
  const sum = (Number(stored.sum) || 0) + score - (previous ?? 0);
  const count = (Number(stored.count) || 0) + (previous === null ? 1 : 0);
  return { sum, count, average: ratingAverage(sum, count) };
}

/** sum / count to two decimals (客户.平均满意度); null when nothing is counted. */
export function ratingAverage(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 100) / 100 : null;
}
