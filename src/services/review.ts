/**
 * The review queue (待审核): a reviewer corrects a flagged submission's raw
 * data (the 原始数据 JSON) and resubmits it through the same pipeline, or
 * voids it with a reason.
 */
import { FIELDS } from '../domain/fields';
import { CHANNEL, HISTORY_ACTION, REVIEW_STATE, SURVEY_CHANNEL, isChannel } from '../domain/vocabulary';
import { HISTORY, INTERNAL, REVIEW } from '../sheets/schema';
import { UserError } from '../i18n/user-error';
import type { AppContext } from './context';
import { intake, type IntakeOutcome } from './intake';
import { isSealed, keysFrom, unseal } from './keys';
import { actingStaff, formatDateTime } from './platform';
import { readState } from './store';
import type { Row } from '../sheets/table';
import type { ReviewItem } from '../contracts/sidebars';

const SENSITIVE = new Set<string>(FIELDS.filter((f) => f.sensitive).map((f) => f.key));

export function resubmitReviewRow(ctx: AppContext, row: number, answersOverride?: Record<string, unknown>): IntakeOutcome {
  const review = ctx.table(REVIEW);
  if (!Number.isInteger(row) || row < 2 || row > review.lastRow()) throw new UserError('review.noSuchRow', { row });
  const values = review.readRows([row]).get(row)!;
  const state = String(values[REVIEW.col.state]);
  if (state !== REVIEW_STATE.pending) throw new UserError('review.notPending', { row, state });
  if (values[REVIEW.col.channel] === SURVEY_CHANNEL) throw new UserError('review.surveyRow', { row });
  const stored = storedAnswers(values, row);
  let answers: Record<string, unknown> = stored;
  if (answersOverride) {
    // A sensitive field the reviewer left empty keeps its stored (encrypted) value: the sidebar never gets it.
    answers = { ...answersOverride };
    for (const k of SENSITIVE) if ((answers[k] === undefined || answers[k] === '') && stored[k] !== undefined) answers[k] = stored[k];
  }
  const keys = keysFrom(readState().all);
  for (const [k, v] of Object.entries(answers)) {
    if (SENSITIVE.has(k) && typeof v === 'string' && isSealed(v)) answers[k] = unseal(v, keys);
  }
  const storedChannel = String(values[REVIEW.col.channel] ?? '');
  const channel = isChannel(storedChannel) ? storedChannel : CHANNEL.manual;
  const staff = actingStaff();
  const source = String(values[INTERNAL.source] || `review:${row}`);
  const { outcome } = intake(ctx, {
    answers,
    channel,
    handler: staff,
    // A new id per resubmission of this row's content; the original id stays with the original row.
    sourceId: `${source}#r${row}:${Utilities.getUuid().slice(0, 8)}`,
    receivedAt: values[REVIEW.col.receivedAt] instanceof Date ? (values[REVIEW.col.receivedAt] as Date) : ctx.now,
  });
  review.patch(INTERNAL.source, new Map([[row, { [INTERNAL.source]: String(values[INTERNAL.source] ?? ''), [REVIEW.col.state]: REVIEW_STATE.resubmitted }]]));
  ctx.table(HISTORY).append([
    {
      [HISTORY.col.at]: ctx.now,
      [HISTORY.col.ticketNo]: outcome.outcome === 'accepted' ? outcome.ticket_no : '',
      [HISTORY.col.actor]: staff,
      [HISTORY.col.action]: HISTORY_ACTION.resubmitted,
      [HISTORY.col.oldValue]: ctx.t('review.rowRef', { row }),
      [HISTORY.col.newValue]: outcome.outcome === 'review' ? ctx.t('review.rowRef', { row: outcome.review_row }) : outcome.outcome,
      [HISTORY.col.note]: '',
    },
  ]);
  return outcome;
}

/** The raw answers a 待审核 row keeps (sensitive ones sealed). */
function storedAnswers(values: Row, row: number): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(String(values[REVIEW.col.rawData] || '{}'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new UserError('review.badJson', { row });
  }
}

/** The open 待审核 rows, oldest first, for the review sidebar (one read of the sheet). */
export function pendingReviewItems(ctx: AppContext): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const { row, values } of ctx.table(REVIEW).readAll()) {
    if (values[REVIEW.col.state] !== REVIEW_STATE.pending) continue;
    let answers: Record<string, unknown>;
    try {
      answers = storedAnswers(values, row);
    } catch {
      answers = {};
    }
    const sealed = Object.keys(answers).filter((k) => SENSITIVE.has(k) && typeof answers[k] === 'string' && isSealed(answers[k] as string));
    for (const k of sealed) delete answers[k];
    const at = values[REVIEW.col.receivedAt];
    items.push({
      row,
      receivedAt: at instanceof Date ? formatDateTime(at, ctx.timeZone) : String(at ?? ''),
      channel: String(values[REVIEW.col.channel] ?? ''),
      problems: String(values[REVIEW.col.problems] ?? ''),
      answers,
      sealed,
    });
  }
  return items;
}

export function voidReviewRow(ctx: AppContext, row: number, reason: string): void {
  const review = ctx.table(REVIEW);
  if (!Number.isInteger(row) || row < 2 || row > review.lastRow()) throw new UserError('review.noSuchRow', { row });
  const why = String(reason ?? '').trim();
  if (!why) throw new UserError('review.reasonRequired');
  const source = String(review.readRows([row]).get(row)![INTERNAL.source] ?? '');
  review.patch(INTERNAL.source, new Map([[row, { [INTERNAL.source]: source, [REVIEW.col.state]: REVIEW_STATE.voided }]]));
  ctx.table(HISTORY).append([
    { [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: actingStaff(), [HISTORY.col.action]: HISTORY_ACTION.voided, [HISTORY.col.oldValue]: ctx.t('review.rowRef', { row }), [HISTORY.col.newValue]: '', [HISTORY.col.note]: why.slice(0, 500) },
  ]);
}
