/**
 * The webhook (doPost) as an intake channel. Apps Script web apps cannot
 * read request headers nor set status codes, so the shared secret comes as
 * `?token=` or a `token` field, and the reply is JSON with a `status` field
 * (200, 400, 401, 403, 500, 503). Every refusal carries a `code` that stays the
 * same whatever the Config's language (README, "Webhook"); `error` is its text.
 */
import { CHANNEL, WEBHOOK_HANDLER } from '../domain/vocabulary';
import { constantTimeEqual } from '../domain/tokens';
import { MAX_WEBHOOK_ID, canonicalJson, contentSourceIds, idSourceId, isReplay, webhookId } from '../domain/webhook-identity';
import { INTERNAL, REVIEW, TICKETS } from '../sheets/schema';
import { defaultConfig } from '../domain/config';
import { AppContext, shown } from './context';
import { intakeBatch, type IntakeOutcome, type RawSubmission } from './intake';
import { UserError } from '../i18n/user-error';
import { BusyError } from './lock';
import { sendRecorded } from './mail-queue';
import { sha256Hex } from './platform';
import { handleFormToolPush, type FormToolReply } from './form-tool-intake';

/** Why one item was not filed: not an object, an unusable id, or an id reused in the request for other content. */
export type RejectCode = 'not_an_object' | 'bad_id' | 'id_too_long' | 'id_conflict';

/** One item's result: the pipeline's outcome, or `rejected` when the item cannot be filed at all. */
export type WebhookResult = (IntakeOutcome | { outcome: 'rejected'; code: RejectCode; problems: string[] }) & { index: number };

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
 * plain reason instead of an HTML error page. A URL naming a form tool
 * (`?tool=jinshuju|wjx|tencent`) carries that tool's push (form-tool-intake.ts).
 */
export function answerWebhook(e: GoogleAppsScript.Events.DoPost): WebhookReply | FormToolReply {
  let ctx: AppContext;
  try {
    ctx = AppContext.load();
  } catch (err) {
    if (err instanceof UserError) return { ok: false, status: 500, code: err.key, error: err.render(defaultConfig().locale) };
    throw err;
  }
  try {
    const tool = e?.parameter?.tool;
    return tool !== undefined ? handleFormToolPush(ctx, e, tool) : handleWebhook(ctx, e);
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
  const source = typeof envelope.source === 'string' && envelope.source.trim() ? envelope.source.trim() : WEBHOOK_HANDLER;
  // The name shown as 经办人 is kept short; the source id keeps the whole name.
  const handler = source.slice(0, 50);

  const results: WebhookResult[] = [];
  const pending: { index: number; raw: RawSubmission; yesterday?: string }[] = [];
  /** Each id's content as first met in this request: the same id again must be the same record. */
  const contentById = new Map<string, string>();
  const receivedAt = ctx.now;
  const utcOffset = ctx.utcOffset;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const reject = (code: RejectCode, problem: string) => results.push({ index, outcome: 'rejected', code, problems: [problem] });
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      reject('not_an_object', ctx.t('webhook.notAnObject'));
      continue;
    }
    const { token: _token, id, source: _source, ...answers } = item as Record<string, unknown>;
    const own = webhookId(id);
    if ('refused' in own) {
      reject(own.refused, own.refused === 'bad_id' ? ctx.t('webhook.badId') : ctx.t('webhook.idTooLong', { length: String(id).length, max: MAX_WEBHOOK_ID }));
      continue;
    }
    const raw = { answers, channel: CHANNEL.webhook, handler, receivedAt };
    if (own.id === null) {
      const ids = contentSourceIds(source, answers, receivedAt.getTime(), utcOffset, sha256Hex);
      pending.push({ index, raw: { ...raw, sourceId: ids.today }, yesterday: ids.yesterday });
      continue;
    }
    const sourceId = idSourceId(source, own.id, sha256Hex);
    const content = canonicalJson(answers);
    const first = contentById.get(sourceId);
    if (first !== undefined && first !== content) {
      reject('id_conflict', ctx.t('webhook.idConflict', { id: own.id }));
      continue;
    }
    contentById.set(sourceId, content);
    pending.push({ index, raw: { ...raw, sourceId } });
  }
  // A replay of a body filed yesterday is answered here; one filed today is the pipeline's own duplicate.
  const earlier = filedUnder(ctx, pending.flatMap((p) => p.yesterday ?? []));
  const fresh: typeof pending = [];
  for (const p of pending) {
    const at = p.yesterday === undefined ? undefined : earlier.get(p.yesterday);
    if (at && isReplay(at.receivedMs, receivedAt.getTime())) results.push({ index: p.index, outcome: 'duplicate', ...at.duplicate });
    else fresh.push(p);
  }
  // One batch: one lock and one write per sheet for the whole request, whatever its size.
  let filed;
  try {
    filed = intakeBatch(ctx, fresh.map((f) => f.raw));
  } catch (err) {
    if (err instanceof BusyError) return { ok: false, status: 503, code: 'busy', error: err.render(ctx.locale) };
    // A sheet staff renamed or a deleted header: the client gets the reason, not an HTML error page.
    if (err instanceof UserError) return { ok: false, status: 500, code: err.key, error: err.render(ctx.locale) };
    throw err;
  }
  filed.forEach(({ outcome, outbox }, k) => {
    results.push({ index: fresh[k]!.index, ...outcome });
    sendRecorded(ctx, outbox);
  });
  results.sort((a, b) => a.index - b.index);
  return { ok: true, status: 200, results };
}

interface FiledAt {
  duplicate: { ticket_no: string } | { review_row: number };
  receivedMs: number | null;
}

/**
 * Where the given source ids were filed, as a ticket or a 待审核 row, and
 * when they were received. Read before the lock (the pipeline's own check of
 * today's id is the one under it): columns, so the calls do not grow with the request.
 */
function filedUnder(ctx: AppContext, sourceIds: readonly string[]): Map<string, FiledAt> {
  const found = new Map<string, FiledAt>();
  if (sourceIds.length === 0) return found;
  const wanted = new Set(sourceIds);
  const ms = (v: unknown) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null);
  const tickets = ctx.table(TICKETS).readColumns([INTERNAL.source, TICKETS.col.no, TICKETS.col.submittedAt]);
  tickets.get(INTERNAL.source)!.forEach((s, i) => {
    if (!wanted.has(String(s)) || found.has(String(s))) return;
    found.set(String(s), { duplicate: { ticket_no: String(tickets.get(TICKETS.col.no)![i]) }, receivedMs: ms(tickets.get(TICKETS.col.submittedAt)![i]) });
  });
  const review = ctx.table(REVIEW).readColumns([INTERNAL.source, REVIEW.col.receivedAt]);
  review.get(INTERNAL.source)!.forEach((s, i) => {
    if (!wanted.has(String(s)) || found.has(String(s))) return;
    found.set(String(s), { duplicate: { review_row: i + 2 }, receivedMs: ms(review.get(REVIEW.col.receivedAt)![i]) });
  });
  return found;
}
