/**
 * The satisfaction survey: a small second Form (关联工单号, 满意度评分,
 * 反馈内容) built by setup with its own submit trigger; an answer fills the
 * ticket's 调查评分 and 调查反馈, never what the customer gave at intake. The
 * link mailed at 问题已解决 is prefilled with the ticket number signed with
 * the blind-index key, so nobody can rate another ticket by guessing numbers; a response with
 * an unknown, unsigned or foreign number goes to 待审核 and changes no ticket.
 */
import { FIELD_LABEL } from '../domain/fields';
import { HISTORY_ACTION, REVIEW_STATE, SURVEY_CHANNEL } from '../domain/vocabulary';
import { answerLines } from '../domain/review';
import { parseSignedTicket, signedTicket } from '../domain/lifecycle';
import { isLowRating, retally, validRating } from '../domain/satisfaction';
import { NO_CONTACT, renderLowRating } from '../domain/email';
import { ownerDirectory } from '../domain/owners';
import { rowLink } from '../domain/sheet-link';
import { isMailAddress } from '../domain/validate';
import { constantTimeEqual } from '../domain/tokens';
import { CUSTOMERS, HISTORY, INTERNAL, REVIEW, TICKETS } from '../sheets/schema';
import type { Translate } from '../i18n/messages';
import { cellText, type Row } from '../sheets/table';
import type { AppContext } from './context';
import { customerContacts } from './contacts';
import { recordMails, sendRecorded, type OutgoingMail, type RecordedMail } from './mail-queue';
import { keysFrom } from './keys';
import { withScriptLock } from './lock';
import { hmacHex } from './platform';
import { readState, surveyFormId } from './store';

type Form = GoogleAppsScript.Forms.Form;

// The survey Form's questions are the field questions of the same name.
const ITEM = { ticket: FIELD_LABEL.related_ticket, score: FIELD_LABEL.satisfaction, feedback: FIELD_LABEL.feedback } as const;

/** Opens the survey Form, or creates it (setup). */
export function ensureSurveyForm(existingId: string | undefined, companyName: string, t: Translate): { form: Form; created: boolean } {
  if (existingId) {
    try {
      return { form: FormApp.openById(existingId), created: false };
    } catch {
      // Deleted by someone: build a new one below.
    }
  }
  // Titled, described and published by setup (publishForm), like the intake Form.
  const form = FormApp.create(t('survey.formTitle', { company: companyName }));
  form.setConfirmationMessage(t('survey.confirmation'));
  form.setCollectEmail(false);
  form.addTextItem().setTitle(ITEM.ticket).setHelpText(t('survey.ticketHelp')).setRequired(true);
  form.addScaleItem().setTitle(ITEM.score).setHelpText(t('survey.scoreHelp')).setBounds(1, 5).setRequired(true);
  form.addParagraphTextItem().setTitle(ITEM.feedback).setRequired(false);
  return { form, created: true };
}

function signature(ticketNo: string): string {
  const keys = keysFrom(readState().all);
  return hmacHex('survey:' + ticketNo, keys.index);
}

/** The prefilled survey link for a ticket; '' when there is no survey Form. */
export function surveyUrl(ticketNo: string): string {
  const id = surveyFormId();
  if (!id) return '';
  const form = FormApp.openById(id);
  const item = form.getItems(FormApp.ItemType.TEXT).find((i) => i.getTitle() === ITEM.ticket);
  if (!item) return '';
  const answer = item.asTextItem().createResponse(signedTicket(ticketNo, signature(ticketNo)));
  return form.createResponse().withItemResponse(answer).toPrefilledUrl();
}

export type SurveyOutcome = { outcome: 'rated'; ticket_no: string; score: number } | { outcome: 'review'; review_row: number };

export type SurveyResult = SurveyOutcome | { outcome: 'duplicate' };

function answersOf(response: GoogleAppsScript.Forms.FormResponse): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const ir of response.getItemResponses()) answers[ir.getItem().getTitle()] = String(ir.getResponse());
  return answers;
}

/** The survey Form's submit trigger. */
export function handleSurveySubmit(ctx: AppContext, e: GoogleAppsScript.Events.FormsOnFormSubmit): SurveyResult {
  return recordRatingOnce(ctx, answersOf(e.response), e.response.getId());
}

/**
 * Under the script lock, and once per response: a trigger fired twice, or the
 * sweep meeting a response its trigger already handled, changes nothing.
 */
function recordRatingOnce(ctx: AppContext, answers: Record<string, string>, responseId: string): SurveyResult {
  let alerts: RecordedMail[] = [];
  const result = withScriptLock((): SurveyResult => {
    if (isRecorded(ctx, responseId)) return { outcome: 'duplicate' };
    const rated = recordRating(ctx, answers, responseId);
    // Recorded with the rating, sent after the lock: a failed send waits in 邮件队列, never lost.
    alerts = recordMails(ctx, rated.alerts);
    return rated.outcome;
  });
  if (alerts.length) sendRecorded(ctx, alerts);
  return result;
}

/**
 * A rating of 1–2 reopens nothing, but the owner and the team's supervisor
 * hear of it — once per ticket: a later rating that stays low tells no one again.
 */
function lowRatingAlerts(ctx: AppContext, values: Row, row: number, score: number, previous: number | null, feedback: string): OutgoingMail[] {
  if (!isLowRating(score) || (previous !== null && isLowRating(previous))) return [];
  const owners = ownerDirectory(ctx.config);
  const shown = cellText(values[TICKETS.col.owner]);
  const team = cellText(values[INTERNAL.team]);
  const supervisor = ctx.config.teams.find((x) => x.name === team)?.supervisor ?? '';
  const ticketNo = cellText(values[TICKETS.col.no]);
  const customerNo = cellText(values[TICKETS.col.customerNo]);
  const contact = customerContacts(ctx, [customerNo]).get(customerNo) ?? NO_CONTACT;
  const link = rowLink(ctx.ticketsLink(), row);
  const ownerEmail = owners.email(shown).toLowerCase();
  const recipients = [...new Set([ownerEmail, supervisor.toLowerCase()].filter((to) => isMailAddress(to)))];
  return recipients.map((to) => ({
    ticketNo,
    to,
    mail: renderLowRating({
      ticketNo, customerName: cellText(values[TICKETS.col.name]), score, feedback, owner: owners.label(shown),
      toSupervisor: to !== ownerEmail, recipientName: owners.name(to),
      contact, link, locale: ctx.config.locale,
    }),
  }));
}

function isRecorded(ctx: AppContext, responseId: string): boolean {
  return ctx.table(HISTORY).findRows(INTERNAL.source, responseId).length > 0 || ctx.table(REVIEW).findRows(INTERNAL.source, responseId).length > 0;
}

/** How far back the survey sweep looks: a day of missed triggers, with margin. */
const SURVEY_SWEEP_WINDOW_MS = 48 * 3600 * 1000;

/** Records the recent survey responses a failed or dropped trigger missed (part of the hourly sweep). */
export function sweepSurveyResponses(ctx: AppContext): number {
  const id = surveyFormId();
  if (!id) return 0;
  const responses = FormApp.openById(id).getResponses(new Date(Date.now() - SURVEY_SWEEP_WINDOW_MS));
  if (responses.length === 0) return 0;
  const known = new Set([
    ...ctx.table(HISTORY).readColumns([INTERNAL.source]).get(INTERNAL.source)!,
    ...ctx.table(REVIEW).readColumns([INTERNAL.source]).get(INTERNAL.source)!,
  ].map(String));
  let recorded = 0;
  for (const response of responses) {
    if (known.has(response.getId())) continue;
    if (recordRatingOnce(ctx, answersOf(response), response.getId()).outcome !== 'duplicate') recorded += 1;
  }
  return recorded;
}

function recordRating(ctx: AppContext, answers: Record<string, string>, responseId: string): { outcome: SurveyOutcome; alerts: OutgoingMail[] } {
  const raw = (answers[ITEM.ticket] ?? '').trim();
  const score = validRating(answers[ITEM.score]);
  const feedback = (answers[ITEM.feedback] ?? '').trim().slice(0, 2000);
  const parsed = parseSignedTicket(raw);
  const tickets = ctx.table(TICKETS);
  const row = parsed && constantTimeEqual(parsed.signature, signedTicket(parsed.ticketNo, signature(parsed.ticketNo)).slice(-parsed.signature.length))
    ? tickets.findRows(TICKETS.col.no, parsed.ticketNo)[0]
    : undefined;
  if (!parsed || row === undefined || score === null) {
    const reviewRow = ctx.table(REVIEW).append([
      {
        [REVIEW.col.receivedAt]: ctx.now,
        [REVIEW.col.channel]: SURVEY_CHANNEL,
        [REVIEW.col.problems]: ctx.t('survey.badTicket', { value: raw.slice(0, 60) }),
        [REVIEW.col.answers]: answerLines(Object.entries(answers)),
        [REVIEW.col.rawData]: JSON.stringify(answers),
        [REVIEW.col.state]: REVIEW_STATE.pending,
        [REVIEW.col.handler]: '',
        [INTERNAL.source]: responseId,
      },
    ]);
    return { outcome: { outcome: 'review', review_row: reviewRow }, alerts: [] };
  }
  // The survey has columns of its own: what the customer gave at intake (满意度评分, 反馈内容) stays as filed.
  const values = tickets.readRows([row]).get(row)!;
  const previous = validRating(values[TICKETS.col.surveyRating]);
  tickets.patch(TICKETS.col.no, new Map([[row, { [TICKETS.col.no]: parsed.ticketNo, [TICKETS.col.surveyRating]: score, [TICKETS.col.surveyFeedback]: feedback }]]));
  ctx.table(HISTORY).append([
    {
      [HISTORY.col.at]: ctx.now,
      [HISTORY.col.ticketNo]: parsed.ticketNo,
      [HISTORY.col.actor]: SURVEY_CHANNEL,
      [HISTORY.col.action]: HISTORY_ACTION.survey,
      [HISTORY.col.oldValue]: previous === null ? '' : String(previous),
      [HISTORY.col.newValue]: String(score),
      [HISTORY.col.note]: ctx.t('history.surveyNote', { score, feedback }),
      [INTERNAL.source]: responseId,
    },
  ]);
  updateCustomerRating(ctx, String(values[TICKETS.col.customerNo] ?? ''), score, previous);
  return { outcome: { outcome: 'rated', ticket_no: parsed.ticketNo, score }, alerts: lowRatingAlerts(ctx, values, row, score, previous, feedback) };
}

/** 客户.平均满意度: the average of the customer's survey ratings, one per ticket, from a running sum and count. */
function updateCustomerRating(ctx: AppContext, customerNo: string, score: number, previous: number | null): void {
  if (!customerNo) return;
  const customers = ctx.table(CUSTOMERS);
  const row = customers.findRows(TICKETS.col.customerNo, customerNo)[0];
  if (row === undefined) return;
  const v = customers.readRows([row]).get(row)!;
  const tally = retally({ sum: v[INTERNAL.ratingSum], count: v[INTERNAL.ratingCount] }, previous, score);
  customers.patch(CUSTOMERS.col.no, new Map([[row, {
    [CUSTOMERS.col.no]: customerNo,
    [INTERNAL.ratingSum]: tally.sum,
    [INTERNAL.ratingCount]: tally.count,
    [CUSTOMERS.col.avgRating]: tally.average ?? '',
  }]]));
}
