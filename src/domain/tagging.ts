/**
 * Derived tags of a submission: issue type (keyword rules), customer segment
 * and priority. Values are the stored zh-CN option values.
 */
import { SEGMENT, type Priority, type Segment } from './vocabulary';

export interface IssueTypeRule {
  type: string;
  keywords: string[];
}

/** The issue type when no keyword matches. */
export const FALLBACK_ISSUE_TYPE = '其他';

const STRATEGIC_BUDGET = '10万以上';
const STRATEGIC_COMPANY_SIZE = '200人以上';

/** Case- and width-insensitive form for matching (NFKC, lower case, folded whitespace). */
function foldForMatch(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}

/**
 * The issue type whose keywords occur most often in the texts (each occurrence
 * counts); ties go to the earlier rule; no occurrence at all → 其他.
 */
export function classifyIssue(texts: string[], rules: IssueTypeRule[]): string {
  const haystack = texts.map(foldForMatch).join('\n');
  let best = FALLBACK_ISSUE_TYPE;
  let bestHits = 0;
  for (const rule of rules) {
    let hits = 0;
    for (const keyword of rule.keywords) {
      const needle = foldForMatch(keyword);
      if (needle) hits += countOccurrences(haystack, needle);
    }
    if (hits > bestHits) {
      best = rule.type;
      bestHits = hits;
    }
  }
  return best;
}

/** Whether a customer is on the Config list of strategic customers, by name or customer number. */
export function isStrategic(name: string, customerNo: string | undefined, list: string[]): boolean {
  const wanted = new Set(list.map(foldForMatch).filter(Boolean));
  return [name, customerNo ?? ''].some((s) => {
    const folded = foldForMatch(s);
    return folded !== '' && wanted.has(folded);
  });
}

export function segmentOf(input: {
  returning: boolean;
  strategic: boolean;
  budget?: string;
  company_size?: string;
}): Segment {
  if (input.strategic || (input.budget === STRATEGIC_BUDGET && input.company_size === STRATEGIC_COMPANY_SIZE)) {
    return SEGMENT.strategic;
  }
  return input.returning ? SEGMENT.returning : SEGMENT.new;
}

const RAISED: Record<Priority, Priority> = { 低: '中', 中: '高', 高: '高' };

/**
 * The priority from the expected response time (via the Config map; empty or
 * unknown → 低), raised one level — once, at most to 高 — for an after-sales
 * defect (售后支持 + 功能缺陷) or a strategic customer.
 */
export function priorityOf(
  input: { expected_response?: string; need_type?: string; issue_type?: string; segment: Segment },
  priorityByResponse: Record<string, Priority>,
): Priority {
  const response = input.expected_response ?? '';
  const base: Priority = Object.prototype.hasOwnProperty.call(priorityByResponse, response)
    ? priorityByResponse[response]
    : '低';
  const afterSalesDefect = input.need_type === '售后支持' && input.issue_type === '功能缺陷';
  return afterSalesDefect || input.segment === SEGMENT.strategic ? RAISED[base] : base;
}
