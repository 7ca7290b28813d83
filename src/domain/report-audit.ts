/**
 * The reports' audit line: how often sensitive fields were revealed, and
 * refused, in the period, and by whom (staff named as in the rest of the
 * report), from the per-day counts kept in script properties.
 */
import { ownerName } from './report-figures';

export interface RevealAuditFigures {
  revealed: number;
  refused: number;
  /** Most reveals first. */
  people: { who: string; revealed: number; refused: number }[];
}

/** Counts of the days `from`…`to` (local dates, inclusive) of `days` (yyyy-MM-dd → actor → [revealed, refused]). */
export function revealAudit(
  days: Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>>,
  from: string,
  to: string,
  staffNames: Record<string, string>,
): RevealAuditFigures {
  const byWho = new Map<string, { who: string; revealed: number; refused: number }>();
  for (const [day, actors] of Object.entries(days)) {
    if (day < from || day > to) continue;
    for (const [actor, [revealed, refused]] of Object.entries(actors)) {
      const who = ownerName(actor, staffNames);
      const p = byWho.get(who) ?? { who, revealed: 0, refused: 0 };
      p.revealed += Number(revealed) || 0;
      p.refused += Number(refused) || 0;
      byWho.set(who, p);
    }
  }
  const people = [...byWho.values()].sort((a, b) => b.revealed - a.revealed || b.refused - a.refused || (a.who < b.who ? -1 : 1));
  return { revealed: people.reduce((n, p) => n + p.revealed, 0), refused: people.reduce((n, p) => n + p.refused, 0), people };
}
