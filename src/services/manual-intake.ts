/**
 * Manual entry (paper forms, phone calls) from the sidebar: the same
 * pipeline, channel 线下录入, handled by the signed-in staff member.
 */
import { UserError } from '../i18n/user-error';
import { REVIEW } from '../sheets/schema';
import type { AppContext } from './context';
import { intake, type IntakeOutcome } from './intake';
import { actingStaff } from './platform';
import { CHANNEL } from '../domain/vocabulary';

export interface ManualEntry {
  answers: Record<string, unknown>;
  /** A draft id from the sidebar: submitting the same draft twice (a retry) creates one ticket. */
  clientId?: string;
}

/**
 * The pipeline's outcome, a draft already submitted saying where it went: its
 * ticket, or its 待审核 row with that row's 处理状态 (still 待处理, or dealt with).
 */
export type ManualEntryReply =
  | Exclude<IntakeOutcome, { outcome: 'duplicate' }>
  | { outcome: 'duplicate'; ticket_no: string }
  | { outcome: 'duplicate'; review_row: number; review_state: string };

export function submitManualEntry(ctx: AppContext, entry: ManualEntry): ManualEntryReply {
  if (!entry || typeof entry !== 'object' || !entry.answers || typeof entry.answers !== 'object') {
    throw new UserError('manual.badPayload');
  }
  const clientId = typeof entry.clientId === 'string' && /^[\w-]{8,64}$/.test(entry.clientId) ? entry.clientId : Utilities.getUuid();
  const { outcome } = intake(ctx, {
    answers: entry.answers,
    channel: CHANNEL.manual,
    handler: actingStaff(),
    sourceId: 'manual:' + clientId,
    receivedAt: ctx.now,
  });
  if (outcome.outcome !== 'duplicate') return outcome;
  // The pipeline names the ticket or the row; the sidebar refuses to call a blank ticket a success.
  if (outcome.review_row === undefined) return { outcome: 'duplicate', ticket_no: outcome.ticket_no ?? '' };
  const row = outcome.review_row;
  // Read after the lock: the state is what the sidebar tells the staff member, not a filing decision.
  const state = ctx.table(REVIEW).readRows([row]).get(row)?.[REVIEW.col.state];
  return { outcome: 'duplicate', review_row: row, review_state: String(state ?? '') };
}
