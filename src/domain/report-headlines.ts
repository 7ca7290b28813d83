/**
 * What a report says first: the headline figures beside the previous
 * period's, with their change, and one-line suggestions for the figures past
 * their thresholds.
 */
import type { PeriodFigures, Rate } from './report-figures';
import { OPTIONAL_NEED_LABELS, type Anomaly } from './report-records';

export type HeadlineKey =
  | 'tickets'
  | 'newCustomers'
  | 'satisfaction'
  | 'responseRate'
  | 'firstResponse'
  | 'resolution'
  | 'reviewShare'
  | 'toVerify';

export interface Headline {
  key: HeadlineKey;
  unit: 'count' | 'score' | 'rate';
  current: number | null;
  previous: number | null;
  /** count/score: relative change (0.05 = +5%); rate: difference in percentage points; null when not comparable. */
  change: number | null;
  /** Whether a rise is good news (for colouring). */
  higherIsBetter: boolean;
}

export type SuggestionKey =
  | 'reviewHigh'
  | 'completionLow'
  | 'toVerifyHigh'
  | 'firstResponseLow'
  | 'resolutionLow'
  | 'satisfactionLow'
  | 'responseRateLow'
  | 'overdue'
  | 'anomalies';

export interface Suggestion {
  key: SuggestionKey;
  /** The figure that triggered it, already rounded: a percentage, a score or a count. */
  value: number;
  /** What it concerns, when specific (a channel, a problem). */
  subject: string;
}

function headline(key: HeadlineKey, unit: Headline['unit'], current: number | null, previous: number | null, higherIsBetter = true): Headline {
  let change: number | null = null;
  if (current !== null && previous !== null) {
    if (unit === 'rate') change = (current - previous) * 100;
    else if (previous > 0) change = (current - previous) / previous;
  }
  return { key, unit, current, previous, change, higherIsBetter };
}

/** The overview figures of a period beside the previous period's. */
export function headlines(c: PeriodFigures, p: PeriodFigures): Headline[] {
  return [
    headline('tickets', 'count', c.tickets, p.tickets),
    headline('newCustomers', 'count', c.newCustomers, p.newCustomers),
    headline('satisfaction', 'score', c.satisfaction.average, p.satisfaction.average),
    headline('responseRate', 'rate', c.satisfaction.response.rate, p.satisfaction.response.rate),
    headline('firstResponse', 'rate', c.firstResponse?.rate ?? null, p.firstResponse?.rate ?? null),
    headline('resolution', 'rate', c.resolution?.rate ?? null, p.resolution?.rate ?? null),
    headline('reviewShare', 'rate', c.review.rate, p.review.rate, false),
    headline('toVerify', 'rate', c.toVerify.rate, p.toVerify.rate, false),
  ];
}

/** Thresholds below (or above) which a figure gets a one-line suggestion. */
export const THRESHOLDS = {
  reviewShare: 0.2,
  completion: 0.5,
  toVerify: 0.15,
  firstResponse: 0.8,
  resolution: 0.8,
  satisfaction: 3.5,
  responseRate: 0.3,
  /** Rates are judged only on at least this many cases. */
  minCases: 5,
} as const;

const pct = (r: number) => Math.round(r * 100);

/** One suggestion per figure past its threshold (judged on enough cases), then overdue tickets and bad rows. */
export function suggestions(c: PeriodFigures, overdue: number, anomalies: readonly Anomaly[]): Suggestion[] {
  const out: Suggestion[] = [];
  const enough = (r: Rate | null): r is Rate & { rate: number } => r !== null && r.rate !== null && r.total >= THRESHOLDS.minCases;
  if (enough(c.review) && c.review.rate > THRESHOLDS.reviewShare) {
    out.push({ key: 'reviewHigh', value: pct(c.review.rate), subject: c.problems[0]?.label ?? '' });
  }
  for (const ch of c.completion) {
    const r = ch.completion;
    if (r.rate !== null && r.total >= THRESHOLDS.minCases * OPTIONAL_NEED_LABELS.length / 2 && r.rate < THRESHOLDS.completion) {
      out.push({ key: 'completionLow', value: pct(r.rate), subject: ch.channel });
    }
  }
  if (enough(c.toVerify) && c.toVerify.rate > THRESHOLDS.toVerify) out.push({ key: 'toVerifyHigh', value: pct(c.toVerify.rate), subject: '' });
  if (enough(c.firstResponse) && c.firstResponse.rate < THRESHOLDS.firstResponse) {
    out.push({ key: 'firstResponseLow', value: pct(c.firstResponse.rate), subject: '' });
  }
  if (enough(c.resolution) && c.resolution.rate < THRESHOLDS.resolution) {
    out.push({ key: 'resolutionLow', value: pct(c.resolution.rate), subject: '' });
  }
  const s = c.satisfaction;
  if (s.average !== null && s.count >= THRESHOLDS.minCases && s.average < THRESHOLDS.satisfaction) {
    out.push({ key: 'satisfactionLow', value: Math.round(s.average * 10) / 10, subject: '' });
  }
  if (enough(s.response) && s.response.rate < THRESHOLDS.responseRate) {
    out.push({ key: 'responseRateLow', value: pct(s.response.rate), subject: '' });
  }
  if (overdue > 0) out.push({ key: 'overdue', value: overdue, subject: '' });
  const bad = anomalies.reduce((n, a) => n + a.rows.length, 0);
  if (bad > 0) out.push({ key: 'anomalies', value: bad, subject: '' });
  return out;
}
