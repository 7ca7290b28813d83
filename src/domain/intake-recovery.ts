/**
 * What the hourly sweep decides to recover what intake missed: where the next
 * Form sweep starts reading, and whether an import stopped early has lost its
 * continuation.
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

/**
 * A continuation runs a minute after an import stops early and either
 * finishes it or stops early again (which renews the mark) within an
 * execution's 6 minutes: a mark older than this is a chain that broke.
 */
export const IMPORT_STALLED_AFTER_MS = 15 * 60 * 1000;

/** Whether an import marked unfinished at `markedAtMs` (null: none) has stalled by `nowMs`. */
export function importStalled(markedAtMs: number | null, nowMs: number): boolean {
  return markedAtMs !== null && nowMs - markedAtMs > IMPORT_STALLED_AFTER_MS;
}
