/**
 * Emulated FormApp: forms, their items, validations and responses, all in
 * state.forms. Objects hold ids and look the state up on every call. The
 * emulated form does not enforce its own required marks or validations
 * (spec/LOCAL.md), so the add-on's server-side validation always runs.
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import type { FormItemState, FormItemType, FormResponseState, FormState } from './state';
import { isDate, signatureError, stringEnum } from './utilities';

type Answer = FormResponseState['answers'][number];
type ValidationRule = NonNullable<FormItemState['validation']>;

export const FORM_NOT_FOUND =
  'Exception: No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

const ITEM_TYPES = [
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'FILE_UPLOAD',
] as const;

/** The first item id of a new form (Apps Script item ids are large integers). */
const FIRST_ITEM_ID = 1_000_000_001;

/** A form that exists and is not deleted, or Apps Script's error. */
export function liveForm(env: Env, formId: string): FormState {
  const form = env.state.forms.find((f) => f.id === formId && !f.deleted);
  if (!form) throw env.meter.error(FORM_NOT_FOUND);
  return form;
}

function publishedUrl(formId: string): string {
  return `https://docs.google.com/forms/d/e/${formId}/viewform`;
}

/** URL-encodes as Google's pre-filled links do (spaces as '+'). */
function encodeFormValue(v: string): string {
  return encodeURIComponent(v).replace(/%20/g, '+');
}

/** Drops unanswered questions: an empty string or an empty selection is no answer. */
function answered(a: Answer): boolean {
  return Array.isArray(a.response) ? a.response.length > 0 : a.response !== '';
}

function copyAnswer(a: Answer): Answer {
  return { itemId: a.itemId, response: Array.isArray(a.response) ? [...a.response] : a.response };
}

// ---------------------------------------------------------------- items

abstract class ItemBase {
  constructor(
    protected readonly env: Env,
    readonly formId: string,
    readonly itemId: number,
    private readonly className: string,
  ) {}

  getId(): number {
    this.meter('getId');
    this.state();
    return this.itemId;
  }

  getTitle(): string {
    this.meter('getTitle');
    return this.state().title;
  }

  getType(): GoogleAppsScript.Forms.ItemType {
    this.meter('getType');
    return itemTypeEnum[this.state().type];
  }

  setTitle(title: string): this {
    this.meter('setTitle');
    this.state().title = String(title);
    return this;
  }

  setHelpText(text: string): this {
    this.meter('setHelpText');
    this.state().helpText = String(text);
    return this;
  }

  protected meter(method: string): void {
    this.env.meter.call('Form', `${this.className}.${method}`);
  }

  protected state(): FormItemState {
    const item = liveForm(this.env, this.formId).items.find((i) => i.id === this.itemId);
    if (!item) throw this.env.meter.error(`Exception: Item with ID ${this.itemId} does not exist.`);
    return item;
  }

  protected response(response: string | string[]): ItemResponseEmu {
    return new ItemResponseEmu(this.env, this.formId, this.itemId, response);
  }
}

const itemTypeEnum = stringEnum<typeof GoogleAppsScript.Forms.ItemType>(ITEM_TYPES);

/** A question that can be marked required. */
abstract class QuestionItem extends ItemBase {
  setRequired(enabled: boolean): this {
    this.meter('setRequired');
    this.state().required = enabled === true;
    return this;
  }

  isRequired(): boolean {
    this.meter('isRequired');
    return this.state().required;
  }
}

export class ChoiceEmu implements Emulates<GoogleAppsScript.Forms.Choice, 'getValue'> {
  constructor(
    private readonly env: Env,
    private readonly value: string,
  ) {}

  getValue(): string {
    this.env.meter.call('Form', 'Choice.getValue');
    return this.value;
  }

  /** Host (not metered). */
  valueForHost(): string {
    return this.value;
  }
}

/** A question answered by picking from choices. */
abstract class ChoiceQuestion extends QuestionItem {
  setChoiceValues(values: string[]): this {
    this.meter('setChoiceValues');
    if (!Array.isArray(values)) throw signatureError(this.env, 'Item.setChoiceValues', [values]);
    this.state().choices = values.map(String);
    return this;
  }

  setChoices(choices: (ChoiceEmu | GoogleAppsScript.Forms.Choice)[]): this {
    this.meter('setChoices');
    const values: string[] = [];
    for (const c of Array.isArray(choices) ? choices : [null]) {
      if (!(c instanceof ChoiceEmu)) throw signatureError(this.env, 'Item.setChoices', [choices]);
      values.push(c.valueForHost());
    }
    this.state().choices = values;
    return this;
  }

  createChoice(value: string): ChoiceEmu {
    this.meter('createChoice');
    return new ChoiceEmu(this.env, String(value));
  }

  getChoices(): ChoiceEmu[] {
    this.meter('getChoices');
    return (this.state().choices ?? []).map((v) => new ChoiceEmu(this.env, v));
  }
}

/** What TextValidationBuilder/ParagraphTextValidationBuilder.build() return. */
export class TextValidationEmu {
  constructor(
    readonly rule: ValidationRule,
    readonly paragraph: boolean,
  ) {}
}

export class TextItemEmu
  extends QuestionItem
  implements
    Emulates<
      GoogleAppsScript.Forms.TextItem,
      'getId' | 'getTitle' | 'getType' | 'setTitle' | 'setHelpText' | 'setRequired' | 'isRequired' | 'setValidation' | 'createResponse'
    >
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'TextItem');
  }

  setValidation(validation: GoogleAppsScript.Forms.TextValidation): this {
    this.meter('setValidation');
    if (!(validation instanceof TextValidationEmu) || validation.paragraph) throw signatureError(this.env, 'TextItem.setValidation', [validation]);
    this.state().validation = { ...validation.rule };
    return this;
  }

  createResponse(response: string): ItemResponseEmu {
    this.meter('createResponse');
    return this.response(String(response));
  }
}

export class ParagraphTextItemEmu
  extends QuestionItem
  implements
    Emulates<
      GoogleAppsScript.Forms.ParagraphTextItem,
      'getId' | 'getTitle' | 'getType' | 'setTitle' | 'setHelpText' | 'setRequired' | 'isRequired' | 'setValidation'
    >
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'ParagraphTextItem');
  }

  setValidation(validation: GoogleAppsScript.Forms.ParagraphTextValidation): this {
    this.meter('setValidation');
    if (!(validation instanceof TextValidationEmu) || !validation.paragraph) {
      throw signatureError(this.env, 'ParagraphTextItem.setValidation', [validation]);
    }
    this.state().validation = { ...validation.rule };
    return this;
  }
}

type ChoiceMethods = 'setChoiceValues' | 'setChoices' | 'createChoice' | 'getChoices' | 'setRequired' | 'isRequired';
type CommonMethods = 'getId' | 'getTitle' | 'getType' | 'setTitle' | 'setHelpText';

export class MultipleChoiceItemEmu
  extends ChoiceQuestion
  implements Emulates<GoogleAppsScript.Forms.MultipleChoiceItem, CommonMethods | ChoiceMethods>
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'MultipleChoiceItem');
  }
}

export class ListItemEmu extends ChoiceQuestion implements Emulates<GoogleAppsScript.Forms.ListItem, CommonMethods | ChoiceMethods> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'ListItem');
  }
}

export class CheckboxItemEmu
  extends ChoiceQuestion
  implements Emulates<GoogleAppsScript.Forms.CheckboxItem, CommonMethods | ChoiceMethods | 'createResponse'>
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'CheckboxItem');
  }

  createResponse(responses: string[]): ItemResponseEmu {
    this.meter('createResponse');
    if (!Array.isArray(responses)) throw signatureError(this.env, 'CheckboxItem.createResponse', [responses]);
    return this.response(responses.map(String));
  }
}

export class ScaleItemEmu
  extends QuestionItem
  implements
    Emulates<
      GoogleAppsScript.Forms.ScaleItem,
      | CommonMethods
      | 'setRequired'
      | 'isRequired'
      | 'setBounds'
      | 'setLabels'
      | 'getLowerBound'
      | 'getUpperBound'
      | 'getLeftLabel'
      | 'createResponse'
    >
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'ScaleItem');
  }

  /** Lower bound 0 or 1, upper bound 3–10, as Google Forms allows. */
  setBounds(lower: number, upper: number): this {
    this.meter('setBounds');
    const lo = Number(lower);
    const hi = Number(upper);
    if ((lo !== 0 && lo !== 1) || !Number.isInteger(hi) || hi < 3 || hi > 10) throw this.env.meter.error('Exception: Invalid argument: bounds');
    this.scale().lower = lo;
    this.scale().upper = hi;
    return this;
  }

  setLabels(lower: string, upper: string): this {
    this.meter('setLabels');
    this.scale().lowerLabel = String(lower);
    this.scale().upperLabel = String(upper);
    return this;
  }

  getLowerBound(): number {
    this.meter('getLowerBound');
    return this.scale().lower;
  }

  getUpperBound(): number {
    this.meter('getUpperBound');
    return this.scale().upper;
  }

  getLeftLabel(): string {
    this.meter('getLeftLabel');
    return this.scale().lowerLabel;
  }

  /** The answer reads back as a string ("5"). */
  createResponse(response: number): ItemResponseEmu {
    this.meter('createResponse');
    return this.response(String(response));
  }

  private scale(): NonNullable<FormItemState['scale']> {
    const item = this.state();
    return (item.scale ??= { lower: 1, upper: 5, lowerLabel: '', upperLabel: '' });
  }
}

export class DateItemEmu extends QuestionItem implements Emulates<GoogleAppsScript.Forms.DateItem, CommonMethods | 'setRequired' | 'isRequired'> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'DateItem');
  }
}

export class SectionHeaderItemEmu extends ItemBase implements Emulates<GoogleAppsScript.Forms.SectionHeaderItem, CommonMethods> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'SectionHeaderItem');
  }
}

export class PageBreakItemEmu extends ItemBase implements Emulates<GoogleAppsScript.Forms.PageBreakItem, CommonMethods> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'PageBreakItem');
  }
}

/** The generic Item that Form.getItems() returns; as…Item() gives the typed one. */
export class ItemEmu
  extends ItemBase
  implements
    Emulates<
      GoogleAppsScript.Forms.Item,
      | CommonMethods
      | 'asTextItem'
      | 'asCheckboxItem'
    >
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'Item');
  }

  asTextItem(): TextItemEmu {
    return new TextItemEmu(this.env, this.formId, this.as('asTextItem', 'TEXT'));
  }

  asCheckboxItem(): CheckboxItemEmu {
    return new CheckboxItemEmu(this.env, this.formId, this.as('asCheckboxItem', 'CHECKBOX'));
  }

  private as(method: string, type: FormItemType): number {
    this.meter(method);
    const actual = this.state().type;
    if (actual !== type) throw this.env.meter.error(`Exception: Invalid conversion for item type: ${actual}`);
    return this.itemId;
  }
}

// ---------------------------------------------------------------- validation

abstract class ValidationBuilderBase {
  protected rule: Omit<ValidationRule, 'helpText'> | null = null;
  private helpText = '';

  constructor(
    protected readonly env: Env,
    private readonly className: string,
    private readonly paragraph: boolean,
  ) {}

  requireTextMatchesPattern(pattern: string): this {
    return this.set('requireTextMatchesPattern', { kind: 'regex', pattern: String(pattern) });
  }

  requireTextLengthLessThanOrEqualTo(number: number): this {
    return this.set('requireTextLengthLessThanOrEqualTo', { kind: 'maxLength', value: Number(number) });
  }

  setHelpText(text: string): this {
    this.env.meter.call('Form', `${this.className}.setHelpText`);
    this.helpText = String(text);
    return this;
  }

  build(): TextValidationEmu {
    this.env.meter.call('Form', `${this.className}.build`);
    if (!this.rule) throw this.env.meter.error('Exception: The validation has no rule: call a require… method before build().');
    return new TextValidationEmu({ ...this.rule, helpText: this.helpText }, this.paragraph);
  }

  /** A validation holds one rule: the last one set wins. */
  protected set(method: string, rule: Omit<ValidationRule, 'helpText'>): this {
    this.env.meter.call('Form', `${this.className}.${method}`);
    this.rule = rule;
    return this;
  }
}

export class TextValidationBuilderEmu
  extends ValidationBuilderBase
  implements
    Emulates<
      GoogleAppsScript.Forms.TextValidationBuilder,
      | 'requireTextMatchesPattern'
      | 'requireTextIsEmail'
      | 'requireTextLengthLessThanOrEqualTo'
      | 'requireNumberBetween'
      | 'setHelpText'
      | 'build'
    >
{
  constructor(env: Env) {
    super(env, 'TextValidationBuilder', false);
  }

  requireTextIsEmail(): this {
    return this.set('requireTextIsEmail', { kind: 'email' });
  }

  requireNumberBetween(start: number, end: number): this {
    return this.set('requireNumberBetween', { kind: 'number', min: Number(start), max: Number(end) });
  }
}

export class ParagraphTextValidationBuilderEmu
  extends ValidationBuilderBase
  implements
    Emulates<
      GoogleAppsScript.Forms.ParagraphTextValidationBuilder,
      'requireTextMatchesPattern' | 'requireTextLengthLessThanOrEqualTo' | 'setHelpText' | 'build'
    >
{
  constructor(env: Env) {
    super(env, 'ParagraphTextValidationBuilder', true);
  }
}

// ---------------------------------------------------------------- responses

export class ItemResponseEmu implements Emulates<GoogleAppsScript.Forms.ItemResponse, 'getItem' | 'getResponse'> {
  constructor(
    private readonly env: Env,
    private readonly formId: string,
    readonly itemId: number,
    private readonly value: string | string[],
  ) {}

  getItem(): ItemEmu {
    this.env.meter.call('Form', 'ItemResponse.getItem');
    return new ItemEmu(this.env, this.formId, this.itemId);
  }

  /** A string, or a string[] for a checkbox item. */
  getResponse(): string | string[] {
    this.env.meter.call('Form', 'ItemResponse.getResponse');
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }

  /** Host (not metered). */
  answerForHost(): Answer {
    return copyAnswer({ itemId: this.itemId, response: this.value });
  }
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
    const r = liveForm(this.env, this.formId).responses.find((x) => x.id === this.responseId);
    if (!r) throw this.env.meter.error(`Exception: No response with ID ${this.responseId} exists for this form.`);
    return r;
  }

  private meter(method: string): void {
    this.env.meter.call('Form', `FormResponse.${method}`);
  }
}

function addResponse(env: Env, form: FormState, answers: Answer[], at: number, respondentEmail: string): FormResponseState {
  const response: FormResponseState = {
    id: `2_${env.uuid().replace(/-/g, '')}`,
    timestamp: at,
    respondentEmail,
    answers,
  };
  form.responses.push(response);
  return response;
}

// ---------------------------------------------------------------- form

export class FormEmu
  implements
    Emulates<
      GoogleAppsScript.Forms.Form,
      | 'getId'
      | 'getTitle'
      | 'setDescription'
      | 'getPublishedUrl'
      | 'setConfirmationMessage'
      | 'setCollectEmail'
      | 'setAcceptingResponses'
      | 'setProgressBar'
      | 'addTextItem'
      | 'addParagraphTextItem'
      | 'addMultipleChoiceItem'
      | 'addListItem'
      | 'addCheckboxItem'
      | 'addScaleItem'
      | 'addSectionHeaderItem'
      | 'addPageBreakItem'
      | 'addDateItem'
      | 'getItems'
      | 'getResponses'
      | 'getResponse'
      | 'deleteResponse'
      | 'deleteAllResponses'
      | 'createResponse'
    >
{
  constructor(
    private readonly env: Env,
    readonly formId: string,
  ) {}

  getId(): string {
    this.meter('getId');
    return this.form().id;
  }

  getTitle(): string {
    this.meter('getTitle');
    return this.form().title;
  }

  setDescription(description: string): FormEmu {
    this.meter('setDescription');
    this.form().description = String(description);
    return this;
  }

  getPublishedUrl(): string {
    this.meter('getPublishedUrl');
    return publishedUrl(this.form().id);
  }

  setConfirmationMessage(message: string): FormEmu {
    this.meter('setConfirmationMessage');
    this.form().confirmationMessage = String(message);
    return this;
  }

  setCollectEmail(collect: boolean): FormEmu {
    this.meter('setCollectEmail');
    this.form().collectEmail = collect === true;
    return this;
  }

  setAcceptingResponses(enabled: boolean): FormEmu {
    this.meter('setAcceptingResponses');
    this.form().acceptingResponses = enabled === true;
    return this;
  }

  /** Accepted; a progress bar only changes how the form looks (not kept in FormState). */
  setProgressBar(_enabled: boolean): FormEmu {
    this.meter('setProgressBar');
    this.form();
    return this;
  }

  addTextItem(): TextItemEmu {
    return new TextItemEmu(this.env, this.formId, this.addItem('addTextItem', 'TEXT'));
  }

  addParagraphTextItem(): ParagraphTextItemEmu {
    return new ParagraphTextItemEmu(this.env, this.formId, this.addItem('addParagraphTextItem', 'PARAGRAPH_TEXT'));
  }

  addMultipleChoiceItem(): MultipleChoiceItemEmu {
    return new MultipleChoiceItemEmu(this.env, this.formId, this.addItem('addMultipleChoiceItem', 'MULTIPLE_CHOICE'));
  }

  addListItem(): ListItemEmu {
    return new ListItemEmu(this.env, this.formId, this.addItem('addListItem', 'LIST'));
  }

  addCheckboxItem(): CheckboxItemEmu {
    return new CheckboxItemEmu(this.env, this.formId, this.addItem('addCheckboxItem', 'CHECKBOX'));
  }

  addScaleItem(): ScaleItemEmu {
    return new ScaleItemEmu(this.env, this.formId, this.addItem('addScaleItem', 'SCALE'));
  }

  addSectionHeaderItem(): SectionHeaderItemEmu {
    return new SectionHeaderItemEmu(this.env, this.formId, this.addItem('addSectionHeaderItem', 'SECTION_HEADER'));
  }

  addPageBreakItem(): PageBreakItemEmu {
    return new PageBreakItemEmu(this.env, this.formId, this.addItem('addPageBreakItem', 'PAGE_BREAK'));
  }

  addDateItem(): DateItemEmu {
    return new DateItemEmu(this.env, this.formId, this.addItem('addDateItem', 'DATE'));
  }

  getItems(itemType?: GoogleAppsScript.Forms.ItemType): ItemEmu[] {
    this.meter('getItems');
    const type = itemType === undefined ? null : String(itemType);
    return this.form()
      .items.filter((i) => type === null || i.type === type)
      .map((i) => new ItemEmu(this.env, this.formId, i.id));
  }

  /** All responses in submission order; with a timestamp, those submitted at or after it. */
  getResponses(timestamp?: GoogleAppsScript.Base.Date): FormResponseEmu[] {
    this.meter('getResponses');
    if (timestamp !== undefined && !isDate(timestamp)) throw signatureError(this.env, 'Form.getResponses', [timestamp]);
    const since = timestamp === undefined ? -Infinity : timestamp.getTime();
    return this.form()
      .responses.filter((r) => r.timestamp >= since)
      .map((r) => new FormResponseEmu(this.env, this.formId, r.id));
  }

  getResponse(responseId: string): FormResponseEmu {
    this.meter('getResponse');
    const r = this.findResponse(String(responseId));
    return new FormResponseEmu(this.env, this.formId, r.id);
  }

  deleteResponse(responseId: string): FormEmu {
    this.meter('deleteResponse');
    const r = this.findResponse(String(responseId));
    const form = this.form();
    form.responses = form.responses.filter((x) => x !== r);
    return this;
  }

  deleteAllResponses(): FormEmu {
    this.meter('deleteAllResponses');
    this.form().responses = [];
    return this;
  }

  createResponse(): FormResponseEmu {
    this.meter('createResponse');
    this.form();
    return new FormResponseEmu(this.env, this.formId, null);
  }

  private findResponse(id: string): FormResponseState {
    const r = this.form().responses.find((x) => x.id === id);
    if (!r) throw this.env.meter.error(`Exception: No response with ID ${id} exists for this form.`);
    return r;
  }

  private addItem(method: string, type: FormItemType): number {
    this.meter(method);
    const form = this.form();
    const id = form.nextItemId;
    form.nextItemId += 1;
    const item: FormItemState = { id, type, title: '', helpText: '', required: false };
    if (type === 'MULTIPLE_CHOICE' || type === 'LIST' || type === 'CHECKBOX') item.choices = [];
    if (type === 'SCALE') item.scale = { lower: 1, upper: 5, lowerLabel: '', upperLabel: '' };
    form.items.push(item);
    return id;
  }

  private form(): FormState {
    return liveForm(this.env, this.formId);
  }

  private meter(method: string): void {
    this.env.meter.call('Form', `Form.${method}`);
  }
}

export interface HostSubmitOptions {
  /** Submission time (epoch ms); default the emulated clock. */
  at?: number;
  /** Kept only when the form collects email addresses. */
  respondentEmail?: string;
}

export class FormAppEmu
  implements Emulates<GoogleAppsScript.Forms.FormApp, 'create' | 'openById' | 'createTextValidation' | 'createParagraphTextValidation'>
{
  readonly ItemType = itemTypeEnum;

  constructor(private readonly env: Env) {}

  create(title: string): FormEmu {
    this.env.meter.call('Form', 'FormApp.create');
    const form: FormState = {
      id: `form-${this.env.uuid()}`,
      title: String(title),
      description: '',
      acceptingResponses: true,
      confirmationMessage: '',
      collectEmail: false,
      nextItemId: FIRST_ITEM_ID,
      items: [],
      responses: [],
      deleted: false,
    };
    this.env.state.forms.push(form);
    return new FormEmu(this.env, form.id);
  }

  openById(id: string): FormEmu {
    this.env.meter.call('Form', 'FormApp.openById');
    return new FormEmu(this.env, liveForm(this.env, String(id)).id);
  }

  createTextValidation(): TextValidationBuilderEmu {
    this.env.meter.call('Form', 'FormApp.createTextValidation');
    return new TextValidationBuilderEmu(this.env);
  }

  createParagraphTextValidation(): ParagraphTextValidationBuilderEmu {
    this.env.meter.call('Form', 'FormApp.createParagraphTextValidation');
    return new ParagraphTextValidationBuilderEmu(this.env);
  }

  /**
   * Host (not metered): a respondent submits the form. Answers name question
   * items by id; checkbox answers are arrays (a lone string is one choice).
   * Empty answers count as unanswered. Throws (host Error) for unknown forms
   * or items, non-questions, and a form that is not accepting responses.
   */
  hostSubmit(formId: string, answers: Answer[], opts: HostSubmitOptions = {}): FormResponseState {
    const form = this.env.state.forms.find((f) => f.id === formId && !f.deleted);
    if (!form) throw new Error(`No form with id ${formId}`);
    if (!form.acceptingResponses) throw new Error(`Form ${formId} is not accepting responses`);
    const byItem = new Map<number, Answer>();
    for (const a of answers) {
      const item = form.items.find((i) => i.id === a.itemId);
      if (!item) throw new Error(`Form ${formId} has no item ${a.itemId}`);
      if (item.type === 'SECTION_HEADER' || item.type === 'PAGE_BREAK') throw new Error(`Item ${a.itemId} (${item.type}) is not a question`);
      let response: string | string[];
      if (item.type === 'CHECKBOX') response = Array.isArray(a.response) ? a.response.map(String) : a.response === '' ? [] : [String(a.response)];
      else if (Array.isArray(a.response)) throw new Error(`Item ${a.itemId} (${item.type}) takes one answer, not a list`);
      else response = String(a.response);
      byItem.set(a.itemId, { itemId: a.itemId, response });
    }
    const kept = [...byItem.values()].filter(answered);
    return addResponse(this.env, form, kept, opts.at ?? this.env.now(), form.collectEmail ? (opts.respondentEmail ?? '') : '');
  }

  /** Host: the FormResponse a form-submit event carries as e.response. */
  hostResponseObject(formId: string, responseId: string): FormResponseEmu {
    return new FormResponseEmu(this.env, formId, responseId);
  }

  /** Host: the Form a form-submit event carries as e.source. */
  hostFormObject(formId: string): FormEmu {
    return new FormEmu(this.env, formId);
  }
}
