/**
 * Whether one more customer acknowledgement may go out today. The public
 * Form lets anyone type any address: without limits it would mail whoever an
 * attacker names, as often as they submit, and spend the quota staff and
 * progress mail need. So each address gets a few a day, acknowledgements
 * together never use more than a share of the day's quota, and many to new
 * addresses within an hour is worth telling the admin. Pure: the ledger is
 * read and written by the service.
 */
export interface AckLedger {
  /** Acknowledgements let through today. */
  sent: number;
  /** Held back today, over a limit. */
  skipped: number;
  /** Per recipient (a digest of the address): acknowledgements today. */
  to: Record<string, number>;
  /** When each acknowledgement to an address new today was let through, within the last hour (ms). */
  recentNew: number[];
}

export interface AckLimits {
  perAddress: number;
  /** Percent of the day's quota. */
  quotaShare: number;
  /** New addresses within an hour above which the admin is told. */
  burst: number;
}

export type AckDecision =
  | { send: true; ledger: AckLedger; burst: boolean }
  | { send: false; reason: 'perAddress' | 'quota'; ledger: AckLedger };

const HOUR_MS = 3_600_000;

export function emptyAckLedger(): AckLedger {
  return { sent: 0, skipped: 0, to: {}, recentNew: [] };
}

/**
 * `remainingQuota`: MailApp.getRemainingDailyQuota() now. The day's quota is
 * taken as what remains plus the acknowledgements already sent today — at
 * most the real quota, so the share errs on the side of fewer acknowledgements.
 */
export function decideAck(ledger: AckLedger, recipient: string, now: number, remainingQuota: number, limits: AckLimits): AckDecision {
  const seen = ledger.to[recipient] ?? 0;
  const held = (reason: 'perAddress' | 'quota'): AckDecision => ({ send: false, reason, ledger: { ...ledger, skipped: ledger.skipped + 1 } });
  if (seen >= limits.perAddress) return held('perAddress');
  const dayQuota = Math.max(0, remainingQuota) + ledger.sent;
  if (remainingQuota < 1 || ledger.sent + 1 > Math.floor((dayQuota * limits.quotaShare) / 100)) return held('quota');
  const recentNew = seen === 0 ? [...ledger.recentNew.filter((t) => t > now - HOUR_MS), now] : ledger.recentNew.filter((t) => t > now - HOUR_MS);
  return {
    send: true,
    // Only the newest `burst + 1` times can tell a burst: older ones are dropped, keeping the ledger small.
    ledger: { ...ledger, sent: ledger.sent + 1, to: { ...ledger.to, [recipient]: seen + 1 }, recentNew: recentNew.slice(-(limits.burst + 1)) },
    burst: recentNew.length > limits.burst,
  };
}
