/**
 * The intake Form pre-filled for one customer (Form.createResponse() …
 * toPrefilledUrl()), for the 请补充信息 mail and the quarterly refresh: the
 * record's contact and profile as they stand and, when the answer is about a
 * ticket, its 关联工单号, so the customer corrects or completes instead of
 * retyping, and the answer comes back matched and linked.
 *
 * Only the record's non-sensitive fields go into the link: a URL travels
 * through mail servers and browser histories, so 联系地址 and 证件号码 (the
 * sealed fields) never do. A choice question is pre-filled only with one of
 * its choices (客户类型 from the record; 需求类型 资料更新 for the refresh, whose
 * answer the Form then leads past the need's details).
 */
import { FIELDS, FIELD_LABEL, fieldByName, type FieldKey } from '../domain/fields';
import { cellText, type Row } from '../sheets/table';
import { formItemKeys, intakeFormId } from './store';

/** Fields of the record the link carries: the customer's own, shown on the Form, never sealed. */
const CARRIED: readonly FieldKey[] = FIELDS.filter((f) => f.group === 'customer' && f.onForm && !f.sensitive).map((f) => f.key as FieldKey);

/** Makes pre-filled links; opens the Form once, whatever the number of links. */
export type Prefiller = (customer: Row | undefined, ticketNo: string, needType?: string) => string;

type Item = GoogleAppsScript.Forms.Item;
type Answerable = { createResponse(value: string): GoogleAppsScript.Forms.ItemResponse };

/** An item as the link fills it: its typed item, and for a choice the values it offers. */
interface Fillable {
  typed: Answerable | null;
  choices: ReadonlySet<string> | null;
}

function fillable(item: Item): Fillable {
  switch (item.getType()) {
    case FormApp.ItemType.TEXT:
      return { typed: item.asTextItem(), choices: null };
    case FormApp.ItemType.PARAGRAPH_TEXT:
      return { typed: item.asParagraphTextItem(), choices: null };
    case FormApp.ItemType.MULTIPLE_CHOICE: {
      const typed = item.asMultipleChoiceItem();
      return { typed, choices: new Set(typed.getChoices().map((c) => c.getValue())) };
    }
    case FormApp.ItemType.LIST: {
      const typed = item.asListItem();
      return { typed, choices: new Set(typed.getChoices().map((c) => c.getValue())) };
    }
    default:
      return { typed: null, choices: null };
  }
}

/** A maker of pre-filled links; every link is '' when there is no intake Form (before setup, or deleted). */
export function prefiller(): Prefiller {
  let form: GoogleAppsScript.Forms.Form | null | undefined;
  let items: Map<string, Item> | undefined;
  // Each item's type and choices are read once, at the first link that fills it.
  const typed = new Map<string, Fillable>();
  // Opened at the first link asked for: a run that makes none costs no call.
  const open = () => {
    if (form !== undefined) return form;
    try {
      const id = intakeFormId();
      form = id ? FormApp.openById(id) : null;
    } catch {
      // Deleted or not shared with the script's owner: the mail goes without a link.
      form = null;
    }
    // By the field each question asks, as the Form sync recorded it (a question staff retitled still
    // counts), else by its title (a Form from before the sync kept a record).
    const keys = form ? formItemKeys() : new Map<number, string>();
    items = new Map((form?.getItems() ?? []).map((item) => [keys.get(item.getId()) ?? fieldByName(item.getTitle())?.key ?? '', item] as const));
    return form;
  };
  return (customer, ticketNo, needType) => {
    const f = open();
    if (!f || !items) return '';
    const response = f.createResponse();
    let any = false;
    const fill = (key: FieldKey, value: string) => {
      const item = items!.get(key);
      if (!item || value === '') return;
      if (!typed.has(key)) typed.set(key, fillable(item));
      const { typed: question, choices } = typed.get(key)!;
      // createResponse throws for a value that is not one of a choice item's choices (Apps Script reference).
      if (!question || (choices && !choices.has(value))) return;
      response.withItemResponse(question.createResponse(value));
      any = true;
    };
    // Every customer field is a 客户 column under its label (sheets/schema.ts).
    for (const key of CARRIED) fill(key, customer ? cellText(customer[FIELD_LABEL[key]]) : '');
    if (ticketNo !== '') fill('related_ticket', ticketNo);
    if (needType !== undefined) fill('need_type', needType);
    return any ? response.toPrefilledUrl() : f.getPublishedUrl();
  };
}
