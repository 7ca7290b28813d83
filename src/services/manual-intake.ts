/**
 * Manual entry (paper forms, phone calls) from the sidebar: the same
 * pipeline, channel 线下录入, handled by the signed-in staff member.
 */
import { t } from '../i18n/messages';
import { AppContext } from './context';
import { intake, type IntakeOutcome } from './intake';

export interface ManualEntry {
  answers: Record<string, unknown>;
  /** A draft id from the sidebar: submitting the same draft twice (a retry) creates one ticket. */
  clientId?: string;
}

/** The staff member at the keyboard; Session may hide it (other domains), so fall back. */
export function currentStaff(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || t('handler.unknownStaff');
}

export function submitManualEntry(entry: ManualEntry): IntakeOutcome {
  if (!entry || typeof entry !== 'object' || !entry.answers || typeof entry.answers !== 'object') {
    throw new Error(t('manual.badPayload'));
  }
  const ctx = AppContext.load();
  const clientId = typeof entry.clientId === 'string' && /^[\w-]{8,64}$/.test(entry.clientId) ? entry.clientId : Utilities.getUuid();
  return intake(ctx, {
    answers: entry.answers,
    channel: '线下录入',
    handler: currentStaff(),
    sourceId: 'manual:' + clientId,
    receivedAt: ctx.now,
  }).outcome;
}
