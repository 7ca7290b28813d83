/**
 * Emulated Form: its settings, its items (added and listed), and its
 * responses (listed, read, deleted, or started by the script).
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { FormItemState, FormItemType, FormResponseState, FormState } from '../state';
import { isDate, signatureError } from '../utilities';
import { FormResponseEmu } from './form-response';
import { CheckboxItemEmu } from './items/checkbox-item';
import { DateItemEmu } from './items/date-item';
import { ItemEmu } from './items/item';
import { ListItemEmu } from './items/list-item';
import { MultipleChoiceItemEmu } from './items/multiple-choice-item';
import { PageBreakItemEmu } from './items/page-break-item';
import { ItemBase } from './items/item-base';
import { ParagraphTextItemEmu } from './items/paragraph-text-item';
import { RatingItemEmu } from './items/rating-item';
import { ScaleItemEmu } from './items/scale-item';
import { SectionHeaderItemEmu } from './items/section-header-item';
import { TextItemEmu } from './items/text-item';
import { liveForm } from './live-form';
import { publishedUrl } from './published-url';

export class FormEmu
  implements
    Emulates<
      GoogleAppsScript.Forms.Form,
      | 'getId'
      | 'getTitle'
      | 'setTitle'
      | 'getDescription'
      | 'setDescription'
      | 'isPublished'
      | 'setPublished'
      | 'supportsAdvancedResponderPermissions'
      | 'isAcceptingResponses'
      | 'requiresLogin'
      | 'setRequireLogin'
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
      | 'addRatingItem'
      | 'getItems'
      | 'getItemById'
      | 'deleteItem'
      | 'moveItem'
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

  setTitle(title: string): FormEmu {
    this.meter('setTitle');
    this.form().title = String(title);
    return this;
  }

  getDescription(): string {
    this.meter('getDescription');
    return this.form().description;
  }

  /** Every form made since the change supports publishing (the Forms API's publishing guide). */
  supportsAdvancedResponderPermissions(): boolean {
    this.meter('supportsAdvancedResponderPermissions');
    this.form();
    return true;
  }

  isPublished(): boolean {
    this.meter('isPublished');
    return this.form().published;
  }

  /** Publishing also opens the form to responses; unpublishing closes it (Forms API PublishState). */
  setPublished(published: boolean): FormEmu {
    this.meter('setPublished');
    const form = this.form();
    form.published = published === true;
    form.acceptingResponses = form.published;
    return this;
  }

  isAcceptingResponses(): boolean {
    this.meter('isAcceptingResponses');
    return this.form().acceptingResponses;
  }

  requiresLogin(): boolean {
    this.meter('requiresLogin');
    return this.form().requireLogin;
  }

  setRequireLogin(requireLogin: boolean): FormEmu {
    this.meter('setRequireLogin');
    this.form().requireLogin = requireLogin === true;
    return this;
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

  /** An unpublished form takes no responses, whatever this says (Forms API PublishState). */
  setAcceptingResponses(enabled: boolean): FormEmu {
    this.meter('setAcceptingResponses');
    const form = this.form();
    form.acceptingResponses = enabled === true && form.published;
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

  addRatingItem(): RatingItemEmu {
    const item = new RatingItemEmu(this.env, this.formId, this.addItem('addRatingItem', 'RATING'));
    this.form().items.find((i) => i.id === item.itemId)!.rating = { level: 5, icon: 'STAR' };
    return item;
  }

  /** Apps Script reference, Form.getItemById: the item, or null "if the ID does not correspond to an item in the form". */
  getItemById(id: number): ItemEmu | null {
    this.meter('getItemById');
    if (typeof id !== 'number') throw signatureError(this.env, 'Form.getItemById', [id]);
    return this.form().items.some((i) => i.id === id) ? new ItemEmu(this.env, this.formId, id) : null;
  }

  /**
   * Deletes an item (by index or item) with its answers: a response no longer
   * lists an answer to a deleted question (Form.deleteItem throws "if no item
   * exists at the given index" / for an item not in the form).
   */
  deleteItem(target: number | ItemBase | GoogleAppsScript.Forms.Item): void {
    this.meter('deleteItem');
    const form = this.form();
    const index = this.indexOf('Form.deleteItem', target);
    const [gone] = form.items.splice(index, 1);
    // What led to a deleted page now just goes on (not confirmed offline).
    for (const item of form.items) {
      if (item.goTo === gone!.id) delete item.goTo;
      if (item.navigation) item.navigation = item.navigation.map((n) => (n === gone!.id ? null : n));
    }
  }

  /** Form.moveItem(from, to) / moveItem(item, toIndex): the item at its new index; an index out of range throws. */
  moveItem(target: number | ItemBase | GoogleAppsScript.Forms.Item, to: number): ItemEmu {
    this.meter('moveItem');
    const form = this.form();
    const from = this.indexOf('Form.moveItem', target);
    if (typeof to !== 'number' || !Number.isInteger(to) || to < 0 || to >= form.items.length) {
      throw this.env.meter.error(`Exception: Index ${String(to)} is out of range.`);
    }
    const [item] = form.items.splice(from, 1);
    form.items.splice(to, 0, item!);
    return new ItemEmu(this.env, this.formId, item!.id);
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

  /** The index an index or an item names in this form, or Google's error. */
  private indexOf(method: string, target: unknown): number {
    const items = this.form().items;
    if (typeof target === 'number') {
      if (!Number.isInteger(target) || target < 0 || target >= items.length) throw this.env.meter.error(`Exception: Index ${target} is out of range.`);
      return target;
    }
    if (!(target instanceof ItemBase)) throw signatureError(this.env, method, [target]);
    const index = target.formId === this.formId ? items.findIndex((i) => i.id === target.itemId) : -1;
    if (index < 0) throw this.env.meter.error(`Exception: Item with ID ${target.itemId} does not exist.`);
    return index;
  }

  private addItem(method: string, type: FormItemType): number {
    this.meter(method);
    const form = this.form();
    const id = form.nextItemId;
    form.nextItemId += 1;
    const item: FormItemState = { id, type, title: '', helpText: '', required: false };
    if (type === 'MULTIPLE_CHOICE' || type === 'LIST' || type === 'CHECKBOX') item.choices = [''];
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
