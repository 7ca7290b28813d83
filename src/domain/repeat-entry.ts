/**
 * Whether a manual entry repeats a ticket already on file: the same call
 * entered twice, by one staff member after a reload or by two at once. A
 * repeat is the same customer (found by the entry's mobile or email), the
 * same need description (spacing, punctuation and case aside), filed within
 * 配置 › 通用 › 重复录入提醒分钟数 of it. The sidebar asks before filing it.
 */

/** A ticket on file, as the check reads it. */
export interface FiledTicket {
  ticketNo: string;
  customerNo: string;
  description: string;
  submittedMs: number;
  /** Where it was filed from (the draft's source id for manual entry). */
  sourceId: string;
  /** Who entered it (a staff member's email, 线上表单, an integration): what the question names. */
  handler: string;
}

/** The entry about to be filed. */
export interface RepeatCandidate {
  /** The customers its mobile and email name (none for a new customer). */
  customerNos: readonly string[];
  description: string;
  receivedMs: number;
  sourceId: string;
}

/**
 * The latest ticket the entry repeats, or null. A retry of the very draft
 * (its own ticket on file) is no repeat: intake answers it with its ticket.
 */
export function repeatedTicket(entry: RepeatCandidate, filed: readonly FiledTicket[], windowMinutes: number): FiledTicket | null {
  if (windowMinutes <= 0 || filed.some((f) => f.sourceId === entry.sourceId)) return null;
  const said = contentOf(entry.description);
  const windowMs = windowMinutes * 60_000;
  let latest: FiledTicket | null = null;
  for (const f of filed) {
    if (!entry.customerNos.includes(f.customerNo) || contentOf(f.description) !== said) continue;
    if (Math.abs(entry.receivedMs - f.submittedMs) > windowMs) continue;
    if (!latest || f.submittedMs > latest.submittedMs) latest = f;
  }
  return latest;
}

/** A description's letters and digits, lower case: what two entries of one call have in common however they were spaced. */
function contentOf(description: string): string {
  return (description.normalize('NFKC').match(/[\p{L}\p{N}]/gu) ?? []).join('').toLowerCase();
}
