/**
 * Keeps the live intake Form as 配置 describes it (domain/form-layout.ts):
 * the same Form, so its link and its responses stay; items added, changed,
 * removed and put in order, and only those. Which item is which field is
 * kept in the script properties by item id, so an item staff renamed is
 * still found. Options taken out of a list are remembered as retired, so an
 * answer given while they were offered is still valid.
 */
import { formLayout, itemMoves, itemName, itemSignature, planFormChanges, retiredOptions, type FormItemKind, type StoredLayout, type WantedItem, type WantedKind } from '../domain/form-layout';
import { fieldByKey, type FieldKey } from '../domain/fields';
import { listSeparator } from '../i18n/messages';
import type { AppContext } from './context';
import { readFormLayout, saveFormLayout } from './store';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type PageBreak = GoogleAppsScript.Forms.PageBreakItem;

export interface FormChanges {
  added: string[];
  removed: string[];
  updated: string[];
}

/** The changes as one line each (setup's summary, the 配置 note); none when nothing changed. */
export function describeFormChanges(ctx: AppContext, c: FormChanges): string[] {
  const sep = listSeparator(ctx.locale);
  return [
    ...(c.added.length ? [ctx.t('form.sync.added', { items: c.added.join(sep) })] : []),
    ...(c.removed.length ? [ctx.t('form.sync.removed', { items: c.removed.join(sep) })] : []),
    ...(c.updated.length ? [ctx.t('form.sync.updated', { items: c.updated.join(sep) })] : []),
  ];
}

const KIND_OF_TYPE: Partial<Record<string, FormItemKind>> = {
  TEXT: 'text', PARAGRAPH_TEXT: 'paragraph', MULTIPLE_CHOICE: 'choice', LIST: 'list', CHECKBOX: 'checkbox',
  SCALE: 'scale', RATING: 'rating', SECTION_HEADER: 'section', PAGE_BREAK: 'page',
};

/**
 * A Form from before items were kept by id: its items are taken by title
 * (their signatures unknown, so each is written once).
 */
function adopt(form: Form, wanted: readonly WantedItem[]): StoredLayout {
  const layout: StoredLayout = { items: {}, order: [] };
  for (const item of form.getItems()) {
    const title = item.getTitle();
    const w = wanted.find((x) => x.title === title && layout.items[x.key] === undefined);
    const kind = KIND_OF_TYPE[String(item.getType())];
    if (!w || !kind) continue;
    layout.items[w.key] = { id: item.getId(), kind, sig: '' };
    layout.order.push(w.key);
  }
  return layout;
}

/** An item as its own type: what Form.add…Item gives, or Item.as…Item of a generic one. */
type Typed =
  | { kind: 'section'; item: GoogleAppsScript.Forms.SectionHeaderItem } | { kind: 'page'; item: PageBreak } | { kind: 'text'; item: GoogleAppsScript.Forms.TextItem }
  | { kind: 'paragraph'; item: GoogleAppsScript.Forms.ParagraphTextItem } | { kind: 'choice'; item: GoogleAppsScript.Forms.MultipleChoiceItem } | { kind: 'list'; item: GoogleAppsScript.Forms.ListItem }
  | { kind: 'checkbox'; item: GoogleAppsScript.Forms.CheckboxItem } | { kind: 'rating'; item: GoogleAppsScript.Forms.RatingItem };

function addItem(form: Form, kind: WantedKind): Typed {
  switch (kind) {
    case 'section': return { kind, item: form.addSectionHeaderItem() };
    case 'page': return { kind, item: form.addPageBreakItem() };
    case 'text': return { kind, item: form.addTextItem() };
    case 'paragraph': return { kind, item: form.addParagraphTextItem() };
    case 'choice': return { kind, item: form.addMultipleChoiceItem() };
    case 'list': return { kind, item: form.addListItem() };
    case 'checkbox': return { kind, item: form.addCheckboxItem() };
    case 'rating': return { kind, item: form.addRatingItem() };
  }
}

/** A generic item (Form.getItemById) as the kind the layout has it. */
function typed(item: Item, kind: WantedKind): Typed {
  switch (kind) {
    case 'section': return { kind, item: item.asSectionHeaderItem() };
    case 'page': return { kind, item: item.asPageBreakItem() };
    case 'text': return { kind, item: item.asTextItem() };
    case 'paragraph': return { kind, item: item.asParagraphTextItem() };
    case 'choice': return { kind, item: item.asMultipleChoiceItem() };
    case 'list': return { kind, item: item.asListItem() };
    case 'checkbox': return { kind, item: item.asCheckboxItem() };
    case 'rating': return { kind, item: item.asRatingItem() };
  }
}

/**
 * Writes everything the item should show; `page` gives a page break by key
 * (navigation targets). A `fresh` item is blank (no help, not required), so
 * only what differs from that is written: each call is a round trip.
 */
function writeItem(t: Typed, w: WantedItem, page: (key: string) => PageBreak, fresh: boolean): void {
  const item = t.item as GoogleAppsScript.Forms.Item;
  item.setTitle(w.title);
  if (!fresh || w.help !== '') item.setHelpText(w.help);
  const required = (q: { setRequired(enabled: boolean): unknown }) => {
    if (!fresh || w.required) q.setRequired(w.required);
  };
  switch (t.kind) {
    case 'section':
      return;
    case 'page':
      if (w.pageGoTo) t.item.setGoToPage(page(w.pageGoTo));
      return;
    case 'choice': {
      const mc = t.item;
      required(mc);
      const goTo = w.goTo;
      if (goTo) mc.setChoices(w.choices!.map((v) => (goTo[v] ? mc.createChoice(v, page(goTo[v])) : mc.createChoice(v))));
      else mc.setChoiceValues(w.choices!);
      return;
    }
    case 'list':
      required(t.item);
      t.item.setChoiceValues(w.choices!);
      return;
    case 'checkbox':
      required(t.item);
      t.item.setChoiceValues(w.choices!);
      return;
    case 'rating':
      required(t.item);
      if (!fresh || w.level !== 5) t.item.setRatingScaleLevel(w.level ?? 5);
      return;
    case 'paragraph': {
      const v = w.validation!;
      const builder = FormApp.createParagraphTextValidation();
      const rule = v.kind === 'minLength' ? builder.requireTextLengthGreaterThanOrEqualTo(v.value!) : builder.requireTextLengthLessThanOrEqualTo(v.value!);
      required(t.item);
      t.item.setValidation(rule.setHelpText(v.help).build());
      return;
    }
    case 'text': {
      required(t.item);
      const v = w.validation;
      if (!v) return;
      const b = FormApp.createTextValidation();
      const rule = v.kind === 'email' ? b.requireTextIsEmail() : v.kind === 'number' ? b.requireNumberBetween(v.min!, v.max!) : b.requireTextMatchesPattern(v.pattern!);
      t.item.setValidation(rule.setHelpText(v.help).build());
    }
  }
}

function nameOf(key: string, wanted: readonly WantedItem[]): string {
  const w = wanted.find((x) => x.key === key);
  if (w) return itemName(w);
  return key.includes(':') ? key : fieldByKey(key as FieldKey).label;
}

/**
 * Makes the live Form follow 配置 and says what changed. Reads the stored
 * layout once; with nothing to change, that is all it costs.
 */
export function syncForm(ctx: AppContext, form: Form, fresh: boolean): FormChanges {
  const wanted = formLayout(ctx.config, ctx.t);
  const { layout: kept, retired: before } = readFormLayout();
  const stored = fresh ? { items: {}, order: [] } : kept ?? adopt(form, wanted);
  const plan = planFormChanges(stored, wanted);
  const changes: FormChanges = { added: [], removed: [], updated: [] };
  let reorder = plan.reorder;
  const nothing = plan.remove.length === 0 && plan.add.length === 0 && plan.update.length === 0 && !plan.reorder;
  const retired = retiredOptions(before, stored, ctx.config, ctx.now.getTime());
  if (nothing && kept && JSON.stringify(retired) === JSON.stringify(before)) return changes;

  for (const r of plan.remove) {
    const item = form.getItemById(r.id);
    if (item) form.deleteItem(item);
    if (!plan.add.some((w) => w.key === r.key)) changes.removed.push(nameOf(r.key, wanted));
  }
  const items = new Map<string, Typed>();
  const ids: Record<string, number> = Object.fromEntries(Object.entries(stored.items).map(([k, s]) => [k, s.id]));
  for (const w of plan.add) {
    const t = addItem(form, w.kind);
    items.set(w.key, t);
    ids[w.key] = t.item.getId();
    changes.added.push(itemName(w));
  }
  const open = (w: WantedItem): Typed | null => {
    const found = items.get(w.key);
    if (found) return found;
    const item = form.getItemById(ids[w.key]!);
    return item ? typed(item, w.kind) : null;
  };
  const page = (key: string): PageBreak => {
    const t = open(wanted.find((w) => w.key === key)!);
    if (t?.kind !== 'page') throw new Error(`Form page ${key} is missing`);
    items.set(key, t);
    return t.item;
  };
  for (const w of [...plan.add, ...plan.update]) {
    // Added above, or made again below: a blank item.
    let fresh = items.has(w.key);
    let t = open(w);
    // Deleted by hand: made again.
    if (!t) {
      t = addItem(form, w.kind);
      ids[w.key] = t.item.getId();
      changes.added.push(itemName(w));
      reorder = true;
      fresh = true;
    } else if (!fresh) {
      changes.updated.push(itemName(w));
    }
    items.set(w.key, t);
    writeItem(t, w, page, fresh);
  }
  if (reorder) {
    const current = form.getItems().map((i) => i.getId());
    for (const m of itemMoves(current, wanted.map((w) => ids[w.key]!))) form.moveItem(m.from, m.to);
  }
  const layout: StoredLayout = {
    items: Object.fromEntries(wanted.map((w) => [w.key, { id: ids[w.key]!, kind: w.kind, sig: itemSignature(w), ...(w.choices && w.kind !== 'checkbox' ? { choices: w.choices } : {}) }])),
    order: wanted.map((w) => w.key),
  };
  saveFormLayout(layout, retired);
  return changes;
}
