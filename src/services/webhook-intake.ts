/**
 * The webhook (doPost) as an intake channel. Apps Script web apps cannot
 * read request headers nor set status codes, so the shared secret comes as
 * `?token=` or a `token` field, and the reply is JSON with a `status` field
 * (200, 400, 401, 403, 500, 503). Every refusal carries a `code` that stays the
 * same whatever the Config's language (README, "Webhook"); `error` is its text.
 */
import { CHANNEL, WEBHOOK_HANDLER } from '../domain/vocabulary';
import { constantTimeEqual } from '../domain/tokens';
import { defaultConfig } from '../domain/config';
import { AppContext, shown } from './context';
import { intakeBatch, type IntakeOutcome, type RawSubmission } from './intake';
import { UserError } from '../i18n/user-error';
import { BusyError } from './lock';
import { sendAcknowledgement, sendAssignment } from './notify';

/** One item's result: the pipeline's outcome, or `rejected` when the item is not a submission at all. */
export type WebhookResult = (IntakeOutcome | { outcome: 'rejected'; code: 'not_an_object'; problems: string[] }) & { index: number };

/** Why a whole request was refused; a user error not listed here answers with its message key. */
export type WebhookCode = 'disabled' | 'not_json' | 'bad_token' | 'bad_count' | 'busy';

export interface WebhookReply {
  ok: boolean;
  status: number;
  code?: WebhookCode | string;
  error?: string;
  results?: WebhookResult[];
}

interface Envelope {
  token?: unknown;
  source?: unknown;
  submissions?: unknown;
}

const MAX_ITEMS = 100;

/**
 * doPost: the request's reply, JSON even when the execution cannot start
 * (配置 missing after setup), so that an integration reads a `code` and a
 * plain reason instead of an HTML error page.
 */
export function answerWebhook(e: GoogleAppsScript.Events.DoPost): WebhookReply {
  let ctx: AppContext;
  try {
    ctx = AppContext.load();
  } catch (err) {
    if (err instanceof UserError) return { ok: false, status: 500, code: err.key, error: err.render(defaultConfig().locale) };
    throw err;
  }
  try {
    return handleWebhook(ctx, e);
  } catch (err) {
    throw shown(err, ctx.locale);
  }
}

export function handleWebhook(ctx: AppContext, e: GoogleAppsScript.Events.DoPost): WebhookReply {
  const expected = ctx.config.webhookToken;
  if (!expected) return { ok: false, status: 403, code: 'disabled', error: ctx.t('webhook.disabled') };
  let body: unknown;
  try {
    body = JSON.parse(e?.postData?.contents ?? '');
  } catch {
    return { ok: false, status: 400, code: 'not_json', error: ctx.t('webhook.badJson') };
  }
  const envelope: Envelope = body && typeof body === 'object' && !Array.isArray(body) ? (body as Envelope) : {};
  const given = String(e?.parameter?.token ?? envelope.token ?? '');
  if (!constantTimeEqual(given, expected)) return { ok: false, status: 401, code: 'bad_token', error: ctx.t('webhook.badToken') };

  const items: unknown[] = Array.isArray(body)
    ? body
    : Array.isArray(envelope.submissions)
      ? envelope.submissions
      : [body];
  if (items.length === 0 || items.length > MAX_ITEMS) return { ok: false, status: 400, code: 'bad_count', error: ctx.t('webhook.badCount', { max: MAX_ITEMS }) };
  const source = typeof envelope.source === 'string' && envelope.source.trim() ? envelope.source.trim().slice(0, 50) : WEBHOOK_HANDLER;

  const results: WebhookResult[] = [];
  const raws: RawSubmission[] = [];
  const indexes: number[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      results.push({ index, outcome: 'rejected', code: 'not_an_object', problems: [ctx.t('webhook.notAnObject')] });
      continue;
    }
    const { token: _token, id, source: _source, ...answers } = item as Record<string, unknown>;
    const sourceId = typeof id === 'string' || typeof id === 'number' ? `webhook:${String(id).slice(0, 100)}` : `webhook:${Utilities.getUuid()}`;
    raws.push({ answers, channel: CHANNEL.webhook, handler: source, sourceId, receivedAt: new Date() });
    indexes.push(index);
  }
  // One batch: one lock and one write per sheet for the whole request, whatever its size.
  let filed;
  try {
    filed = intakeBatch(ctx, raws);
  } catch (err) {
    if (err instanceof BusyError) return { ok: false, status: 503, code: 'busy', error: err.render(ctx.locale) };
    // A sheet staff renamed or a deleted header: the client gets the reason, not an HTML error page.
    if (err instanceof UserError) return { ok: false, status: 500, code: err.key, error: err.render(ctx.locale) };
    throw err;
  }
  filed.forEach(({ outcome, mail }, k) => {
    results.push({ index: indexes[k]!, ...outcome });
    if (mail) {
      sendAcknowledgement(ctx, mail);
      sendAssignment(ctx, mail);
    }
  });
  results.sort((a, b) => a.index - b.index);
  return { ok: true, status: 200, results };
}
