/**
 * Manual entry (paper forms, phone calls) from the sidebar: the same
 * pipeline, channel 线下录入, handled by the signed-in staff member.
 */
import { UserError } from '../i18n/user-error';
import type { AppContext } from './context';
import { intake, type IntakeOutcome } from './intake';
import { actingStaff } from './platform';
import { CHANNEL } from '../domain/vocabulary';

export interface ManualEntry {
  answers: Record<string, unknown>;
  /** A draft id from the sidebar: submitting the same draft twice (a retry) creates one ticket. */
  clientId?: string;
}

export function submitManualEntry(ctx: AppContext, entry: ManualEntry): IntakeOutcome {
  if (!entry || typeof entry !== 'object' || !entry.answers || typeof entry.answers !== 'object') {
    throw new UserError('manual.badPayload');
  }
  const clientId = typeof entry.clientId === 'string' && /^[\w-]{8,64}$/.test(entry.clientId) ? entry.clientId : Utilities.getUuid();
  return intake(ctx, {
    answers: entry.answers,
    channel: CHANNEL.manual,
    handler: actingStaff(),
    sourceId: 'manual:' + clientId,
    receivedAt: ctx.now,
  }).outcome;
}
