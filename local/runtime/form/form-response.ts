/**
 * Emulated FormResponse: a response's answers in form order, its edit and
 * pre-filled links, and submit().
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { FormResponseState } from '../state';
import { signatureError } from '../utilities';
import { addResponse, answered, copyAnswer, type Answer } from './answers';
import { ItemResponseEmu } from './item-response';
import { ItemBase } from './items/item-base';
import { liveForm } from './live-form';
import { publishedUrl } from './published-url';

/** URL-encodes as Google's pre-filled links do (spaces as '+'). */
function encodeFormValue(v: string): string {
  return encodeURIComponent(v).replace(/%20/g, '+');
}

/**
 * A submitted response (responseId set) or one being built by
 * Form.createResponse(); withItemResponse() edits either, submit() stores it.
 */
export class FormResponseEmu
  implements
    Emulates<
      GoogleAppsScript.Forms.FormResponse,
      | 'getId'
      | 'getTimestamp'
      | 'getRespondentEmail'
      | 'getItemResponses'
      | 'getResponseForItem'
      | 'getEditResponseUrl'
      | 'withItemResponse'
      | 'toPrefilledUrl'
      | 'submit'
    >
{
  /** Answers being edited; null = read the stored response. */
  private pending: Answer[] | null;

  constructor(
    private readonly env: Env,
    private readonly formId: string,
    private readonly responseId: string | null,
    /** The response as submitted, for a form-submit event: still readable after the script deleted it. */
    private readonly snapshot?: FormResponseState,
  ) {
    this.pending = responseId === null ? [] : null;
  }

  /** '' until the response is submitted. */
  getId(): string {
    this.meter('getId');
    return this.responseId === null ? '' : this.stored().id;
  }

  getTimestamp(): GoogleAppsScript.Base.Date {
    this.meter('getTimestamp');
    if (this.responseId === null) throw this.env.meter.error('Exception: The response has not been submitted yet.');
    return this.env.realm.newDate(this.stored().timestamp);
  }

  /** '' when the form does not collect email addresses. */
  getRespondentEmail(): string {
    this.meter('getRespondentEmail');
    return this.responseId === null ? '' : this.stored().respondentEmail;
  }

  /** One per answered question, in form order. */
  getItemResponses(): ItemResponseEmu[] {
    this.meter('getItemResponses');
    return this.itemResponses();
  }

  getResponseForItem(item: ItemBase | GoogleAppsScript.Forms.Item): ItemResponseEmu | null {
    this.meter('getResponseForItem');
    if (!(item instanceof ItemBase)) throw signatureError(this.env, 'FormResponse.getResponseForItem', [item]);
    return this.itemResponses().find((r) => r.itemId === item.itemId) ?? null;
  }

  getEditResponseUrl(): string {
    this.meter('getEditResponseUrl');
    if (this.responseId === null) throw this.env.meter.error('Exception: The response has not been submitted yet.');
    return `${publishedUrl(this.formId)}?edit2=${encodeURIComponent(this.stored().id)}`;
  }

  withItemResponse(response: ItemResponseEmu | GoogleAppsScript.Forms.ItemResponse): this {
    this.meter('withItemResponse');
    if (!(response instanceof ItemResponseEmu)) throw signatureError(this.env, 'FormResponse.withItemResponse', [response]);
    const answer = response.answerForHost();
    this.pending = (this.pending ?? this.stored().answers.map(copyAnswer)).filter((a) => a.itemId !== answer.itemId);
    this.pending.push(answer);
    return this;
  }

  /** The form's link with these answers filled in: …/viewform?usp=pp_url&entry.<itemId>=<value>. */
  toPrefilledUrl(): string {
    this.meter('toPrefilledUrl');
    const params = this.answersInFormOrder().flatMap((a) =>
      (Array.isArray(a.response) ? a.response : [a.response]).map((v) => `entry.${a.itemId}=${encodeFormValue(v)}`),
    );
    return `${publishedUrl(this.formId)}?usp=pp_url${params.map((p) => `&${p}`).join('')}`;
  }

  /** Stores the response (a new one, or the edit of a submitted one) and returns it. */
  submit(): FormResponseEmu {
    this.meter('submit');
    const form = liveForm(this.env, this.formId);
    if (!form.acceptingResponses) throw this.env.meter.error('Exception: This form is not accepting responses.');
    const answers = (this.pending ?? []).filter(answered).map(copyAnswer);
    if (this.responseId !== null) {
      const stored = this.stored();
      if (this.pending) stored.answers = answers;
      stored.timestamp = this.env.now();
      this.pending = null;
      return this;
    }
    const state = addResponse(this.env, form, answers, this.env.now(), form.collectEmail ? this.env.execution.activeUser : '');
    // Like a respondent's, it fires the form's submit triggers, in executions of their own (after this one).
    this.env.scriptSubmits.push({ formId: this.formId, response: { ...state, answers: state.answers.map(copyAnswer) } });
    return new FormResponseEmu(this.env, this.formId, state.id);
  }

  private itemResponses(): ItemResponseEmu[] {
    return this.answersInFormOrder()
      .filter(answered)
      .map((a) => new ItemResponseEmu(this.env, this.formId, a.itemId, copyAnswer(a).response));
  }

  /** The answers whose items still exist, in the form's item order. */
  private answersInFormOrder(): Answer[] {
    const form = liveForm(this.env, this.formId);
    const answers = this.pending ?? this.stored().answers;
    const index = new Map(form.items.map((item, i) => [item.id, i]));
    return answers.filter((a) => index.has(a.itemId)).sort((a, b) => index.get(a.itemId)! - index.get(b.itemId)!);
  }

  private stored(): FormResponseState {
    const r = liveForm(this.env, this.formId).responses.find((x) => x.id === this.responseId) ?? this.snapshot;
    if (!r) throw this.env.meter.error(`Exception: No response with ID ${this.responseId} exists for this form.`);
    return r;
  }

  private meter(method: string): void {
    this.env.meter.call('Form', `FormResponse.${method}`);
  }
}
