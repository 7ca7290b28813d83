/**
 * The review queue (待审核): a reviewer corrects a flagged submission's raw
 * data (the 原始数据 JSON) and resubmits it through the same pipeline, or
 * voids it with a reason.
 */
import { fieldByName, fieldLabel } from '../domain/fields';
import { formResponseOf, holdsSensitiveAnswer } from '../domain/form-responses';
import { normaliseRaw } from '../domain/normalise';
import { DIGEST_KEY_PREFIX, answerLines, canonicalContent, closedAs, originOf, resubmissionSource, resubmittedFromPattern } from '../domain/review';
import { isConsent } from '../domain/validate';
import { CHANNEL, CONSENT_WAYS, HISTORY_ACTION, REVIEW_STATE, SURVEY_CHANNEL, isChannel, isConsentWay } from '../domain/vocabulary';
import { HISTORY, INTERNAL, REVIEW, TICKETS } from '../sheets/schema';
import { UserError } from '../i18n/user-error';
import { cellText, type Row, type RowFor } from '../sheets/table';
import type { Duplicate } from './books';
import type { RecordedConsent } from './consent';
import type { AppContext } from './context';
import { deleteFormResponses } from './form-intake';
import { intake, type IntakeOutcome } from './intake';
import { isSealed, keysFrom, reviewPlace, unseal, type Keys } from './keys';
import { withScriptLock } from './lock';
import { actingStaff, formatDateTime, hmacHex } from './platform';
import { readState } from './store';
import type { ReviewItem } from '../contracts/sidebars';

/** The id a void's 历史 row is recorded under, after the row's key: a retried void records it once. */
const VOID_MARK = '#void';
/** After a resubmission's id: the 历史 row of the consent a reviewer recorded for it (what a later resubmission of its 待审核 row keeps). */
const CONSENT_MARK = '#consent';


/** A 待审核 row as found now, with the key that names it wherever staff moved it. */
interface Located {
  row: number;
  values: Row;
  key: string;
}

/**
 * Resubmits the row the reviewer saw (`key`, from the sidebar; without it,
 * whatever row `row` holds now). The same content resubmitted twice, or again
 * after a failure, files once: the second reply is a duplicate naming it.
 */
export function resubmitReviewRow(ctx: AppContext, row: number, answersOverride?: Record<string, unknown>, key?: string, consentGiven?: ConsentInput): IntakeOutcome {
  const review = ctx.table(REVIEW);
  const staff = actingStaff();
  let recorded: { consent: RecordedConsent; note: string } | undefined;
  // The row's state is checked and the submission filed in one hold of the script lock: a void or
  // another resubmission waits, or finds the row handled. intake() takes the same (re-entrant) lock
  // and releases it once filed, so the state is written under a second hold, checked again.
  const filed = withScriptLock((): { outcome: IntakeOutcome; at?: Located; sourceId?: string } => {
    const keys = keysFrom(readState().all);
    const at = locate(ctx, row, key, () => keys);
    if (at.values[REVIEW.col.channel] === SURVEY_CHANNEL) throw new UserError('review.surveyRow', { row: at.row });
    const answers = answersFor(at, answersOverride, keys);
    const consent = consentOf(ctx, at, consentGiven);
    if (consent === 'missing') throw new UserError('review.consentWayRequired', { row: at.row });
    // The reviewer's record is the consent: the answer says yes, the customer row says how and when.
    if (consent) {
      answers.consent = ctx.config.consentText;
      recorded = consent;
    }
    const sourceId = resubmissionSource(at.key, hmacHex(canonicalContent(contentOf(ctx, answers)), keys.index).slice(0, 16));
    // This row is itself the result of resubmitting this very content: nothing new to file.
    if (sourceId === at.key) return { outcome: { outcome: 'duplicate', review_row: at.row } };
    const closed = closedAs(String(at.values[REVIEW.col.state]));
    if (closed === 'resubmitted') {
      const same = filedFrom(ctx, sourceId, false);
      if (same) return { outcome: { outcome: 'duplicate', ...same } };
      throw new UserError('review.resubmitted', { row: at.row, filed: filedText(ctx, filedFrom(ctx, at.key, true)) });
    }
    if (closed === 'voided') throw new UserError('review.voided', { row: at.row });
    if (closed === 'other') throw new UserError('review.notPending', { row: at.row, state: String(at.values[REVIEW.col.state]) });
    const storedChannel = String(at.values[REVIEW.col.channel] ?? '');
    const { outcome } = intake(ctx, {
      answers,
      channel: isChannel(storedChannel) ? storedChannel : CHANNEL.manual,
      handler: staff,
      sourceId,
      receivedAt: receivedAt(ctx, at),
      ...(consent ? { consent: consent.consent } : {}),
    });
    return { outcome, at, sourceId };
  });
  const { outcome, at, sourceId } = filed;
  if (!at || !sourceId) return outcome;
  purgeFormResponse(ctx, at, sourceId);
  withScriptLock(() => {
    const now = find(ctx, at.row, at.key, storedKeys());
    // Another execution marked it meanwhile, or staff deleted the row: what was filed stands.
    if (!now || closedAs(String(now.values[REVIEW.col.state])) !== null) return;
    const ticketNo = 'ticket_no' in outcome ? (outcome.ticket_no ?? '') : '';
    const reviewRow = 'review_row' in outcome ? outcome.review_row : undefined;
    // Under the resubmission's id: the 待审核 row it may have led to keeps this consent when resubmitted in turn.
    if (recorded) {
      logOnce(ctx, sourceId + CONSENT_MARK, {
        [HISTORY.col.at]: recorded.consent.at,
        [HISTORY.col.ticketNo]: ticketNo,
        [HISTORY.col.actor]: staff,
        [HISTORY.col.action]: HISTORY_ACTION.consentRecorded,
        [HISTORY.col.oldValue]: '',
        [HISTORY.col.newValue]: recorded.consent.way,
        [HISTORY.col.note]: ctx.t('history.consentRecordedNote', { way: recorded.consent.way, note: recorded.note }),
      });
    }
    // 历史 first, under the resubmission's id: a retry after a failed state write records it once.
    logOnce(ctx, sourceId, {
      [HISTORY.col.at]: ctx.now,
      [HISTORY.col.ticketNo]: ticketNo,
      [HISTORY.col.actor]: staff,
      [HISTORY.col.action]: HISTORY_ACTION.resubmitted,
      [HISTORY.col.oldValue]: ctx.t('review.rowRef', { row: now.row }),
      [HISTORY.col.newValue]: reviewRow !== undefined ? ctx.t('review.rowRef', { row: reviewRow }) : ticketNo,
      [HISTORY.col.note]: '',
    });
    review.patch(INTERNAL.source, new Map([[now.row, { [INTERNAL.source]: cellText(now.values[INTERNAL.source]), [REVIEW.col.state]: REVIEW_STATE.resubmitted }]]));
  });
  return outcome;
}

/** The keys of the stored answers that are sealed (the sensitive fields, and ID numbers under other names). */
function sealedKeys(answers: Record<string, unknown>): string[] {
  return Object.keys(answers).filter((k) => typeof answers[k] === 'string' && isSealed(answers[k] as string));
}

/** How the reviewer says consent was obtained (the sidebar's choice and note). */
export interface ConsentInput {
  way: unknown;
  note: unknown;
}

function receivedAt(ctx: AppContext, at: Located): Date {
  return at.values[REVIEW.col.receivedAt] instanceof Date ? (at.values[REVIEW.col.receivedAt] as Date) : ctx.now;
}

/**
 * The consent a resubmission records: none needed when the customer
 * consented with the submission; else the way the reviewer gives now, or the
 * one recorded when the row's own content was resubmitted before (a chain of
 * 待审核 rows keeps it); 'missing' when there is neither.
 */
function consentOf(ctx: AppContext, at: Located, given: ConsentInput | undefined): { consent: RecordedConsent; note: string } | 'missing' | null {
  if (given && given.way !== undefined && given.way !== null && given.way !== '') {
    const way = String(given.way);
    if (!isConsentWay(way)) throw new UserError('review.consentWayUnknown', { way: way.slice(0, 50), ways: CONSENT_WAYS.join('、') });
    const note = String(given.note ?? '').trim();
    if (!note) throw new UserError('review.consentWayRequired', { row: at.row });
    if (!consentedRow(ctx, at)) return { consent: { way, at: ctx.now }, note: note.slice(0, 500) };
  }
  const earlier = recordedConsent(ctx, at.key);
  if (earlier) return { consent: earlier, note: '' };
  return consentedRow(ctx, at) ? null : 'missing';
}

/** Whether the customer consented with the submission this row holds. */
function consentedRow(ctx: AppContext, at: Located): boolean {
  const stored = storedAnswers(at.values, at.row);
  return typeof stored.consent === 'string' && isConsent(stored.consent, ctx.config.consentText);
}

/** The consent a reviewer recorded when resubmitting the content this row holds (it was filed under `key`). */
function recordedConsent(ctx: AppContext, key: string): RecordedConsent | null {
  if (originOf(key) === key) return null; // not itself a resubmission
  const history = ctx.table(HISTORY);
  const hit = history.findRows(INTERNAL.source, key + CONSENT_MARK)[0];
  if (hit === undefined) return null;
  const values = history.readRows([hit]).get(hit)!;
  const way = cellText(values[HISTORY.col.newValue]);
  const when = values[HISTORY.col.at];
  return isConsentWay(way) ? { way, at: when instanceof Date ? when : ctx.now } : null;
}

/**
 * After a resubmission from a Form row, the Form response it started as goes
 * if it holds what must not stay there (a sensitive answer, or any answer of
 * a customer who did not consent), in case it was not deleted when the row
 * was made (an earlier version kept it, or that deletion failed).
 */
function purgeFormResponse(ctx: AppContext, at: Located, sourceId: string): void {
  const response = formResponseOf(String(at.values[REVIEW.col.channel] ?? ''), sourceId);
  if (response?.form !== 'intake') return;
  if (!holdsSensitiveAnswer(storedAnswers(at.values, at.row)) && consentedRow(ctx, at)) return;
  deleteFormResponses('intake', new Set([response.id]), receivedAt(ctx, at).getTime());
}

/** The answers to file: the stored ones, or the reviewer's with the sealed ones they left empty; unsealed. */
function answersFor(at: Located, override: Record<string, unknown> | undefined, keys: Keys): Record<string, unknown> {
  const stored = storedAnswers(at.values, at.row);
  let answers: Record<string, unknown> = { ...stored };
  if (override) {
    // A sensitive field the reviewer left empty keeps its stored (encrypted) value: the sidebar never gets it.
    answers = { ...override };
    for (const k of sealedKeys(stored)) if (answers[k] === undefined || answers[k] === '') answers[k] = stored[k];
  }
  // Whatever its key: a second ID number under a CRM's own column name is sealed too.
  for (const [k, v] of Object.entries(answers)) {
    if (typeof v === 'string' && isSealed(v)) answers[k] = unseal(v, keys, reviewPlace(cellText(at.values[INTERNAL.source]), k));
  }
  return answers;
}

/** What a resubmission says, as intake will read it: the same answers typed differently are the same content. */
function contentOf(ctx: AppContext, answers: Record<string, unknown>): Record<string, string | undefined> {
  const { values, unknown } = normaliseRaw(answers, ctx.locale);
  return { ...unknown, ...values };
}

/** The keys, read from script properties when first needed (a row without a source id needs them to be named). */
function storedKeys(): () => Keys {
  let keys: Keys | undefined;
  return () => (keys ??= keysFrom(readState().all));
}

/** The key naming a row: its source id, or for a row without one a keyed digest of when it came and what it holds. */
function keyOf(values: Row, keys: () => Keys): string {
  const source = cellText(values[INTERNAL.source]);
  if (source) return source;
  return DIGEST_KEY_PREFIX + hmacHex(`${cellText(values[REVIEW.col.receivedAt])}\n${cellText(values[REVIEW.col.rawData])}`, keys().index).slice(0, 16);
}

/** The row named by `key`: at `row` if staff left it there, else wherever it went; null when deleted. */
function find(ctx: AppContext, row: number, key: string, keys: () => Keys): Located | null {
  const review = ctx.table(REVIEW);
  if (Number.isInteger(row) && row >= 2 && row <= review.lastRow()) {
    const values = review.readRows([row]).get(row)!;
    if (keyOf(values, keys) === key) return { row, values, key };
  }
  if (key.startsWith(DIGEST_KEY_PREFIX)) {
    const hit = review.readAll().find((r) => keyOf(r.values, keys) === key);
    return hit ? { ...hit, key } : null;
  }
  const at = review.findRows(INTERNAL.source, key)[0];
  return at === undefined ? null : { row: at, values: review.readRows([at]).get(at)!, key };
}

/**
 * The row the reviewer means. With the sidebar's key, the item they saw even
 * after staff sorted the sheet, or a plain refusal if it is gone; without one
 * (the CLI, a script: callers that read the sheet as it is), row `row` now.
 */
function locate(ctx: AppContext, row: number, key: string | undefined, keys: () => Keys): Located {
  if (key) {
    const found = find(ctx, row, key, keys);
    if (!found) throw new UserError('review.rowGone', { row });
    return found;
  }
  const review = ctx.table(REVIEW);
  if (!Number.isInteger(row) || row < 2 || row > review.lastRow()) throw new UserError('review.noSuchRow', { row });
  const values = review.readRows([row]).get(row)!;
  return { row, values, key: keyOf(values, keys) };
}

/** The ticket or 待审核 row filed under `sourceId`, or (`resubmissions`) under any resubmission of the row it names. */
function filedFrom(ctx: AppContext, sourceId: string, resubmissions: boolean): Duplicate | null {
  const needle = resubmissions ? resubmittedFromPattern(sourceId) : sourceId;
  const opts = { regex: resubmissions };
  const tickets = ctx.table(TICKETS);
  const hit = tickets.findRows(INTERNAL.source, needle, opts)[0];
  if (hit !== undefined) return { ticket_no: String(tickets.readRows([hit]).get(hit)![TICKETS.col.no]) };
  const again = ctx.table(REVIEW).findRows(INTERNAL.source, needle, opts)[0];
  return again === undefined ? null : { review_row: again };
}

function filedText(ctx: AppContext, filed: Duplicate | null): string {
  if (!filed) return '';
  return 'ticket_no' in filed ? ctx.t('review.asTicket', { ticket: filed.ticket_no }) : ctx.t('review.asRow', { row: filed.review_row });
}

/** Appends a 历史 row unless one was already recorded under `source`. */
function logOnce(ctx: AppContext, source: string, entry: RowFor<typeof HISTORY>): void {
  const history = ctx.table(HISTORY);
  if (history.findRows(INTERNAL.source, source).length > 0) return;
  history.append([{ ...entry, [INTERNAL.source]: source }]);
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
  const keys = storedKeys();
  for (const { row, values } of ctx.table(REVIEW).readAll()) {
    if (values[REVIEW.col.state] !== REVIEW_STATE.pending) continue;
    let answers: Record<string, unknown>;
    try {
      answers = storedAnswers(values, row);
    } catch {
      answers = {};
    }
    const sealed = sealedKeys(answers);
    for (const k of sealed) delete answers[k];
    // Only a yes reaches the sidebar's consent box: a stored 否 must not tick it.
    const consented = typeof answers.consent === 'string' && isConsent(answers.consent, ctx.config.consentText);
    if (!consented) delete answers.consent;
    const at = values[REVIEW.col.receivedAt];
    items.push({
      row,
      key: keyOf(values, keys),
      receivedAt: at instanceof Date ? formatDateTime(at, ctx.timeZone) : String(at ?? ''),
      channel: String(values[REVIEW.col.channel] ?? ''),
      problems: String(values[REVIEW.col.problems] ?? ''),
      answers,
      sealed,
      consented,
    });
  }
  return items;
}

/**
 * Voids the row the reviewer saw, under the script lock: refused once the row
 * is resubmitted or voided, and while a resubmission of it is being marked.
 */
export function voidReviewRow(ctx: AppContext, row: number, reason: string, key?: string): void {
  const why = String(reason ?? '').trim();
  if (!why) throw new UserError('review.reasonRequired');
  const staff = actingStaff();
  withScriptLock(() => {
    const at = locate(ctx, row, key, storedKeys());
    const closed = closedAs(String(at.values[REVIEW.col.state]));
    if (closed === 'voided') throw new UserError('review.alreadyVoided', { row: at.row });
    if (closed === 'other') throw new UserError('review.notPending', { row: at.row, state: String(at.values[REVIEW.col.state]) });
    // Still 待处理 but already filed: a resubmission between filing and marking it.
    const filed = filedFrom(ctx, at.key, true);
    if (closed === 'resubmitted' || filed) throw new UserError('review.resubmitted', { row: at.row, filed: filedText(ctx, filed) });
    logOnce(ctx, at.key + VOID_MARK, {
      [HISTORY.col.at]: ctx.now,
      [HISTORY.col.ticketNo]: '',
      [HISTORY.col.actor]: staff,
      [HISTORY.col.action]: HISTORY_ACTION.voided,
      [HISTORY.col.oldValue]: ctx.t('review.rowRef', { row: at.row }),
      [HISTORY.col.newValue]: '',
      [HISTORY.col.note]: why.slice(0, 500),
    });
    ctx.table(REVIEW).patch(INTERNAL.source, new Map([[at.row, { [INTERNAL.source]: cellText(at.values[INTERNAL.source]), [REVIEW.col.state]: REVIEW_STATE.voided }]]));
  });
}

/**
 * Fills 填写内容 of the 待审核 rows an older version wrote (原始数据 only, which
 * setup now hides): the same 字段：值 lines intake writes, sealed values as
 * the marker. Rows that have it, or have nothing, are left alone.
 */
export function fillReviewAnswers(ctx: AppContext): void {
  const review = ctx.table(REVIEW);
  if (review.dataRowCount() === 0) return;
  const cols = review.readColumns([REVIEW.col.rawData, REVIEW.col.answers]);
  const raw = cols.get(REVIEW.col.rawData)!;
  const shown = cols.get(REVIEW.col.answers)!;
  const marker = ctx.t('sealed.marker');
  const patches = new Map<number, RowFor<typeof REVIEW>>();
  raw.forEach((cell, i) => {
    const json = cellText(cell);
    if (json === '' || cellText(shown[i]) !== '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      return; // not the add-on's: left for the reviewer as it is
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return;
    const lines = answerLines(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => {
      const f = fieldByName(k);
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return [f ? fieldLabel(f.key, ctx.locale) : k, isSealed(text) ? marker : text] as const;
    }));
    patches.set(2 + i, // readColumns starts at the first data row
      { [REVIEW.col.rawData]: json, [REVIEW.col.answers]: lines });
  });
  if (patches.size) review.patch(REVIEW.col.rawData, patches);
}
