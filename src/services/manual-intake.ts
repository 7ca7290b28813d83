/**
 * Manual entry (paper forms, phone calls) from the sidebar: the same
 * pipeline, channel 线下录入, entered by the signed-in staff member, with the
 * form's own 填写日期 and 经办人 (by default now and that member). An entry
 * that repeats a ticket just filed for the same customer is asked about
 * before it is filed (domain/repeat-entry.ts).
 */
import { clockStart } from '../domain/entry-delay';
import { ownerDirectory } from '../domain/owners';
import { repeatedTicket, type FiledTicket } from '../domain/repeat-entry';
import type { Submission } from '../domain/validate';
import { CHANNEL } from '../domain/vocabulary';
import { UserError } from '../i18n/user-error';
import { CUSTOMERS, INTERNAL, REVIEW, TICKETS } from '../sheets/schema';
import { cellText } from '../sheets/table';
import type { AppContext } from './context';
import { checkSubmission, intake, type IntakeOutcome, type RawSubmission } from './intake';
import { keysFrom, matchTokens } from './keys';
import { withScriptLock } from './lock';
import { actingStaff, formatDateTime } from './platform';
import { cellMs } from './scrub';
import { readState } from './store';

export interface ManualEntry {
  answers: Record<string, unknown>;
  /** A draft id from the sidebar: submitting the same draft twice (a retry) creates one ticket. */
  clientId?: string;
  /** The ticket the sidebar said this entry may repeat, beside which the staff member chose to file it all the same (仍然提交). */
  fileRepeatOf?: string;
}

/**
 * The pipeline's outcome, a draft already submitted saying where it went: its
 * ticket, or its 待审核 row with that row's 处理状态 (still 待处理, or dealt with);
 * or, nothing filed, the ticket on file it may repeat: when and by whom it was
 * entered (no customer detail: the staff member typed those).
 */
export type ManualEntryReply =
  | Exclude<IntakeOutcome, { outcome: 'duplicate' }>
  | { outcome: 'duplicate'; ticket_no: string }
  | { outcome: 'duplicate'; review_row: number; review_state: string }
  | { outcome: 'repeat'; ticket_no: string; filed_at: string; handler: string };

/** How many of a customer's tickets, the latest rows first, are read to find a repeat. */
const RECENT_TICKETS = 3;

export function submitManualEntry(ctx: AppContext, entry: ManualEntry): ManualEntryReply {
  if (!entry || typeof entry !== 'object' || !entry.answers || typeof entry.answers !== 'object') {
    throw new UserError('manual.badPayload');
  }
  const clientId = typeof entry.clientId === 'string' && /^[\w-]{8,64}$/.test(entry.clientId) ? entry.clientId : Utilities.getUuid();
  const staff = actingStaff();
  // 经办人 left blank: whoever is entering it took the call, shown by name as the sidebar's dropdown shows them.
  const given = entry.answers.handler ?? entry.answers[TICKETS.col.handler];
  const handler = typeof given === 'string' && given.trim() !== '' ? {} : { handler: ownerDirectory(ctx.config).label(staff) };
  const raw: RawSubmission = {
    answers: { ...entry.answers, ...handler },
    channel: CHANNEL.manual,
    handler: staff,
    sourceId: 'manual:' + clientId,
    receivedAt: ctx.now,
  };
  const submission = ctx.config.repeatWindowMinutes > 0 ? fileable(ctx, raw) : null;
  if (!submission) return file(ctx, raw);
  // Checked and filed in one hold of the script lock (intake takes it again, re-entrant): of two staff
  // entering one call at once, the second finds the first's ticket and is asked.
  return withScriptLock((): ManualEntryReply => {
    const repeat = repeatOf(ctx, raw, submission);
    if (repeat && repeat.ticketNo !== entry.fileRepeatOf) {
      return { outcome: 'repeat', ticket_no: repeat.ticketNo, filed_at: formatDateTime(new Date(repeat.submittedMs), ctx.timeZone), handler: repeat.handler };
    }
    return file(ctx, raw);
  });
}

/** The submission as intake will file it, or null when it goes to 待审核 (nothing to ask about). */
function fileable(ctx: AppContext, raw: RawSubmission): Submission | null {
  const { result, problems } = checkSubmission(ctx, raw);
  return result.ok && problems.length === 0 ? result.submission : null;
}

/**
 * The ticket on file this submission repeats, with who entered it. Its
 * customers are found by the blind index of its mobile and email (a row read
 * is taken only if it still holds the token: a colleague may have sorted
 * 客户 between search and read); their latest tickets are read.
 */
function repeatOf(ctx: AppContext, raw: RawSubmission, s: Submission): FiledTicket | null {
  const tokens = matchTokens({ mobile: s.mobile, email: s.email }, keysFrom(readState().all));
  if (tokens.length === 0) return null;
  const customers = ctx.table(CUSTOMERS);
  const customerNos: string[] = [];
  // Tokens are [a-z]:hex, safe inside a regular expression.
  for (const row of customers.findRows(INTERNAL.matchIndex, tokens.join('|'), { regex: true, partial: true }).slice(0, 3)) {
    const values = customers.readRows([row]).get(row)!;
    const index = cellText(values[INTERNAL.matchIndex]).split(' ');
    if (tokens.some((t) => index.includes(t))) customerNos.push(cellText(values[CUSTOMERS.col.no]));
  }
  const tickets = ctx.table(TICKETS);
  const filed: FiledTicket[] = [];
  for (const customerNo of new Set(customerNos)) {
    // Tickets are appended: the highest rows are the latest (one a colleague sorted away is not looked for).
    const latest = tickets.findRows(TICKETS.col.customerNo, customerNo).sort((a, b) => b - a).slice(0, RECENT_TICKETS);
    for (const row of latest) {
      const values = tickets.readRows([row]).get(row)!;
      // When it was entered: two entries of one call are minutes apart, whatever 填写日期 each was given.
      const at = clockStart(cellText(values[TICKETS.col.channel]), cellMs(values[TICKETS.col.submittedAt]), cellMs(values[TICKETS.col.enteredAt]));
      if (at === null) continue;
      filed.push({
        ticketNo: cellText(values[TICKETS.col.no]),
        customerNo: cellText(values[TICKETS.col.customerNo]),
        description: cellText(values[TICKETS.col.needDescription]),
        submittedMs: at,
        sourceId: cellText(values[INTERNAL.source]),
        handler: cellText(values[TICKETS.col.handler]),
      });
    }
  }
  return repeatedTicket(
    { customerNos, description: s.need_description, receivedMs: raw.receivedAt.getTime(), sourceId: raw.sourceId },
    filed,
    ctx.config.repeatWindowMinutes,
  );
}

function file(ctx: AppContext, raw: RawSubmission): ManualEntryReply {
  const { outcome } = intake(ctx, raw);
  if (outcome.outcome !== 'duplicate') return outcome;
  // The pipeline names the ticket or the row; the sidebar refuses to call a blank ticket a success.
  if (outcome.review_row === undefined) return { outcome: 'duplicate', ticket_no: outcome.ticket_no ?? '' };
  const row = outcome.review_row;
  // Read after the lock: the state is what the sidebar tells the staff member, not a filing decision.
  const state = ctx.table(REVIEW).readRows([row]).get(row)?.[REVIEW.col.state];
  return { outcome: 'duplicate', review_row: row, review_state: String(state ?? '') };
}
