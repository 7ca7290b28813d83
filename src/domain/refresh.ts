/**
 * 定期更新: which customers get this quarter's mail asking them to confirm
 * their details. A customer is due when the details were last given by the
 * customer (最后核实时间, else 首次联系) more than 配置 › 定期更新 ›
 * 核实间隔天数 ago, they had contact in the last twelve months (a customer gone
 * quiet for years is not written to out of the blue), they can be mailed,
 * they consented, and they were not already asked this quarter. The longest
 * unconfirmed go first, up to the day's cap; the rest wait for the next days.
 */
import { periodStart } from './report-periods';

const DAY_MS = 86_400_000;

export interface RefreshCandidate {
  customerNo: string;
  /** The address on record ('' when none: no mail; the SMS channel will take these). */
  email: string;
  consented: boolean;
  /** Merged into another record (合并至) or erased at the customer's request. */
  retired: boolean;
  lastContactMs: number | null;
  firstContactMs: number | null;
  verifiedMs: number | null;
  invitedMs: number | null;
}

export interface RefreshRules {
  nowMs: number;
  utcOffset: number;
  intervalDays: number;
  cap: number;
}

export interface RefreshPlan {
  /** Customer numbers to mail now, the longest unconfirmed first. */
  invite: string[];
  /** Due but left for the next days by the cap. */
  deferred: number;
  /** Due but with no address to mail. */
  noEmail: number;
}

/** When a candidate's details were last confirmed: by the customer, else when first met; null when neither is known. */
function confirmedMs(c: RefreshCandidate): number | null {
  return c.verifiedMs ?? c.firstContactMs;
}

export function planRefresh(candidates: readonly RefreshCandidate[], rules: RefreshRules): RefreshPlan {
  if (rules.intervalDays <= 0) return { invite: [], deferred: 0, noEmail: 0 };
  const quarterStart = periodStart('quarterly', rules.nowMs, rules.utcOffset);
  // "Had contact this year": within the last twelve months, so January does not forget December.
  const yearStart = rules.nowMs - 365 * DAY_MS;
  const staleBefore = rules.nowMs - rules.intervalDays * DAY_MS;
  const due = candidates.filter((c) => {
    const confirmed = confirmedMs(c);
    return !c.retired && c.consented && confirmed !== null && confirmed < staleBefore &&
      c.lastContactMs !== null && c.lastContactMs >= yearStart &&
      (c.invitedMs === null || c.invitedMs < quarterStart);
  });
  const mailable = due.filter((c) => c.email !== '').sort((a, b) => confirmedMs(a)! - confirmedMs(b)! || (a.customerNo < b.customerNo ? -1 : 1));
  const cap = Math.max(0, rules.cap);
  return {
    invite: mailable.slice(0, cap).map((c) => c.customerNo),
    deferred: Math.max(0, mailable.length - cap),
    noEmail: due.length - mailable.length,
  };
}
