/**
 * What filing one valid submission decides, without touching a sheet: the
 * customer and ticket numbers, whether the customer is returning, the tags
 * (segment, issue type, priority), the owner and the working-time deadline,
 * and the counters and rotation to commit. Intake reads the books, calls
 * this, and writes the rows it describes.
 */
import { deadlineFor } from './calendar';
import type { AppConfig } from './config';
import { localDay } from './local-time';
import { nextSerial, type SerialCounters } from './numbering';
import { route, type Rotation } from './routing';
import { classifyIssue, isStrategic, priorityOf, segmentOf } from './tagging';
import type { Submission } from './validate';
import { SEGMENT, type Priority, type Segment } from './vocabulary';

/** The customer row a submission's blind-index tokens matched, as plain values. */
export interface MatchedCustomer {
  customerNo: string;
  /** 客户类型标签 as stored. */
  segment: string;
  /**
   * Tickets already on file for the customer. Counted from 工单, never kept
   * as a running total: a retry after a failed write (a customer row written,
   * its ticket not) finds none and files the first ticket, not a return.
   */
  filedTickets: number;
}

export interface FilingInput {
  submission: Submission;
  receivedMs: number;
  utcOffset: number;
  match: MatchedCustomer | null;
  /** Counters already seeded for the submission's local day (intake's seedCounters). */
  counters: SerialCounters;
  rotation: Rotation;
  config: Pick<AppConfig, 'strategicCustomers' | 'issueTypes' | 'priorityByResponse' | 'routes' | 'teams' | 'sla' | 'calendar'> & { followUp: Pick<AppConfig['followUp'], 'firstResponse'> };
}

export interface FilingDecision {
  customerNo: string;
  ticketNo: string;
  segment: Segment;
  /** 客户类型标签 to store: a returning customer is never 新客户 again, a strategic one never less than 战略客户. */
  customerSegment: string;
  /** 工单数 to store on the customer row. */
  ticketCount: number;
  issueType: string;
  priority: Priority;
  owner: string;
  team: string;
  deadlineMs: number;
  /** When the customer is first contacted at the latest (配置 › 首次响应; never after the deadline): what the acknowledgement promises. */
  firstResponseMs: number;
  counters: SerialCounters;
  rotation: Rotation;
}

export function decideFiling(input: FilingInput): FilingDecision {
  const { submission: s, match, config } = input;
  const returning = match !== null && match.filedTickets > 0;
  const day = localDay(input.receivedMs, input.utcOffset);

  let counters = input.counters;
  let customerNo: string;
  if (match) customerNo = match.customerNo;
  else ({ serial: customerNo, counters } = nextSerial(counters, 'C', day));
  const ticket = nextSerial(counters, 'T', day);
  counters = ticket.counters;

  const segment = segmentOf({
    returning,
    // Once strategic, always strategic: a later ticket without the budget/size answers does not demote the customer.
    strategic: match?.segment === SEGMENT.strategic || isStrategic(s.name, customerNo, config.strategicCustomers),
    budget: s.budget,
    company_size: s.company_size,
  });
  const issueType = classifyIssue([s.need_description, s.feedback ?? ''], config.issueTypes);
  const priority = priorityOf(
    { expected_response: s.expected_response, need_type: s.need_type, issue_type: issueType, segment },
    config.priorityByResponse,
  );
  const routed = route({ need_type: s.need_type, issue_type: issueType }, config.routes, config.teams, input.rotation);
  const deadlineMs = deadlineFor(input.receivedMs, config.sla[priority], config.calendar, input.utcOffset);
  const firstResponseMs = Math.min(deadlineMs, deadlineFor(input.receivedMs, config.followUp.firstResponse[priority], config.calendar, input.utcOffset));

  return {
    customerNo,
    ticketNo: ticket.serial,
    segment,
    customerSegment: segment,
    ticketCount: (match?.filedTickets ?? 0) + 1,
    issueType,
    priority,
    owner: routed.owner,
    team: routed.team,
    deadlineMs,
    firstResponseMs,
    counters,
    rotation: routed.rotation,
  };
}
