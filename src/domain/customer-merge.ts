/**
 * 合并客户: two records of one customer become one. The decision is pure:
 * given both records (sealed fields opened) and both customers' tickets, it
 * says what the kept record becomes, which tickets move and what 历史 must
 * say. It is the same decision however far an earlier run got: counts and
 * ratings come from the tickets (as intake counts them), first and last
 * contact, 客户类型标签 and the blind index combine by min, max and union,
 * and a merged row reads as empty — so planning again after a stopped run,
 * or a replay, counts nothing twice.
 */
import { CUSTOMER_FIELDS, type CustomerValues } from './customer-changes';
import { FIELDS, type FieldKey } from './fields';
import { ratingAverage } from './satisfaction';
import { SEGMENT } from './vocabulary';

/** One 客户 record as a merge reads it. */
export interface MergeRecord {
  customerNo: string;
  /** The record's fields in plain, its sealed ones opened (one that will not open is absent). */
  values: CustomerValues;
  segment: string;
  firstContactMs?: number;
  lastContactMs?: number;
  consent: { version: string; atMs?: number; channel: string };
  /** The blind-index tokens of 匹配索引. */
  tokens: readonly string[];
  /** 合并至: the record this one was merged into ('' for none). */
  mergedInto: string;
  /** Its personal data was deleted (a PIPL request or retention): nothing to merge, and nothing may be joined to it. */
  erased: boolean;
}

/** A ticket of either customer: its number, whose it is now, its survey rating (调查评分, null for none). */
export interface MergeTicket {
  ticketNo: string;
  customerNo: string;
  rating: number | null;
}

export type MergeRefusal =
  | { reason: 'same'; customerNo: string }
  | { reason: 'merged'; customerNo: string; into: string }
  | { reason: 'erased'; customerNo: string };

/** What the kept record becomes (every merged figure, whether or not it changed). */
export interface KeptRecord {
  /** Fields the kept record had empty, taken from the other. */
  fill: CustomerValues;
  segment: string;
  firstContactMs?: number;
  lastContactMs?: number;
  ticketCount: number;
  ratingSum: number;
  ratingCount: number;
  avgRating: number | null;
  /** The consent record kept: the more recent of the two (the kept one's on a tie or when neither is dated). */
  consentFrom: 'kept' | 'other';
  tokens: string[];
}

export interface MergePlan {
  keptNo: string;
  otherNo: string;
  kept: KeptRecord;
  /** An earlier run had marked the other record merged: this one finishes what it left. */
  resumed: boolean;
  /** Fields both records hold with different values: the kept one's stays; `other` is the value set aside ('' for a sealed field, never shown). */
  conflicts: { key: FieldKey; other: string }[];
  /** The other record's tickets, to carry the kept number. */
  moved: string[];
}

const SENSITIVE = new Set<FieldKey>(FIELDS.filter((f) => f.sensitive).map((f) => f.key));
const SEGMENT_RANK: readonly string[] = [SEGMENT.new, SEGMENT.returning, SEGMENT.strategic];

/** The record a merge would refuse, and why; null when the pair may be merged (or finished merging). */
export function mergeRefusal(kept: MergeRecord, other: MergeRecord): MergeRefusal | null {
  if (kept.customerNo === other.customerNo) return { reason: 'same', customerNo: kept.customerNo };
  if (kept.mergedInto !== '') return { reason: 'merged', customerNo: kept.customerNo, into: kept.mergedInto };
  if (other.mergedInto !== '' && other.mergedInto !== kept.customerNo) return { reason: 'merged', customerNo: other.customerNo, into: other.mergedInto };
  if (other.mergedInto === kept.customerNo) return null;
  for (const r of [kept, other]) if (r.erased) return { reason: 'erased', customerNo: r.customerNo };
  return null;
}

/**
 * The merge of `other` into `kept`, given the tickets of both. 工单数 and the
 * survey tally are those of the tickets together, first contact is the
 * earlier and last contact the later, 战略客户 wins (it is sticky), the kept
 * record's values win and fill only where it has none, and its blind index
 * gains the other's tokens.
 */
export function planMerge(kept: MergeRecord, other: MergeRecord, tickets: readonly MergeTicket[]): MergePlan | MergeRefusal {
  const refused = mergeRefusal(kept, other);
  if (refused) return refused;
  const theirs = new Map<string, MergeTicket>();
  for (const t of tickets) if (t.customerNo === kept.customerNo || t.customerNo === other.customerNo) theirs.set(t.ticketNo, t);
  const all = [...theirs.values()];
  const fill: CustomerValues = {};
  const conflicts: MergePlan['conflicts'] = [];
  for (const key of CUSTOMER_FIELDS) {
    const mine = kept.values[key] ?? '';
    const given = other.values[key] ?? '';
    if (given === '' || given === mine) continue;
    if (mine === '') fill[key] = given;
    else conflicts.push({ key, other: SENSITIVE.has(key) ? '' : given });
  }
  const ratings = all.map((t) => t.rating).filter((r): r is number => r !== null);
  const ratingSum = ratings.reduce((a, b) => a + b, 0);
  const rank = Math.max(SEGMENT_RANK.indexOf(kept.segment), SEGMENT_RANK.indexOf(other.segment), all.length > 1 ? 1 : 0);
  return {
    keptNo: kept.customerNo,
    otherNo: other.customerNo,
    resumed: other.mergedInto === kept.customerNo,
    moved: all.filter((t) => t.customerNo === other.customerNo).map((t) => t.ticketNo),
    conflicts,
    kept: {
      fill,
      segment: SEGMENT_RANK[rank]!,
      firstContactMs: extreme(Math.min, kept.firstContactMs, other.firstContactMs),
      lastContactMs: extreme(Math.max, kept.lastContactMs, other.lastContactMs),
      ticketCount: all.length,
      ratingSum,
      ratingCount: ratings.length,
      avgRating: ratingAverage(ratingSum, ratings.length),
      consentFrom: (other.consent.atMs ?? -Infinity) > (kept.consent.atMs ?? -Infinity) ? 'other' : 'kept',
      tokens: [...new Set([...kept.tokens, ...other.tokens])],
    },
  };
}

function extreme(pick: (a: number, b: number) => number, a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return pick(a, b);
}

/** A token string of 匹配索引 as its tokens. */
export function indexTokens(index: string): string[] {
  return index.split(/\s+/).filter((t) => t !== '');
}

/**
 * 匹配索引 after a record's own identifiers changed from `ownBefore` to
 * `ownAfter` (tokens): a replaced identifier stops matching, and the tokens a
 * merge brought in (the merged record's identifiers) keep matching this one.
 */
export function movedIndex(index: string, ownBefore: readonly string[], ownAfter: readonly string[]): string {
  const before = new Set(ownBefore);
  const merged = indexTokens(index).filter((t) => !before.has(t));
  return [...new Set([...ownAfter, ...merged])].join(' ');
}
