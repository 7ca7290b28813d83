/**
 * The reports' SMS line: how many SMS the period sent (the providers bill
 * each), how many a provider refused for their number, and how many the
 * day's cap stopped — from the per-day counts kept in script properties.
 */
export interface SmsFigures {
  sent: number;
  undeliverable: number;
  capped: number;
}

/** The days `from`…`to` (local dates, inclusive) summed. */
export function smsFigures(days: readonly { day: string; count: number; undeliverable: number; capped: number }[], from: string, to: string): SmsFigures {
  const out: SmsFigures = { sent: 0, undeliverable: 0, capped: 0 };
  for (const d of days) {
    if (d.day < from || d.day > to) continue;
    out.sent += d.count;
    out.undeliverable += d.undeliverable;
    out.capped += d.capped;
  }
  return out;
}
