/**
 * What the hourly sweep decides to recover what intake missed: where the next
 * Form sweep starts reading.
 */

/** Re-read a little before the last read, for a response whose timestamp is older than its arrival. */
export const SWEEP_OVERLAP_MS = 10 * 60 * 1000;

/**
 * Where the next sweep starts reading (Form.getResponses(timestamp) returns
 * responses submitted at or after it): the oldest response this run found
 * unfiled and did not file (null: it filed all it found), never later than a
 * little before this read. A run cut short, or a batch that failed, leaves
 * the rest to the next run; an older response the trigger missed while it
 * filed newer ones is found unfiled, so the mark never passes it.
 */
export function nextSweepFrom(oldestUnfiledMs: number | null, readAtMs: number): number {
  return Math.min(readAtMs - SWEEP_OVERLAP_MS, oldestUnfiledMs ?? Infinity);
}
