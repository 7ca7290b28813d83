/**
 * The intake Form as 配置 wants it, and what to change on the live Form to
 * get there. The layout: the customer page with the questions everyone
 * answers, then a page for persons (性别, 年龄) and one for companies (职位,
 * 企业规模) that 客户类型 leads to, then the need, feedback and consent
 * pages. Each item has a stable key (a field key or a page's), and the live
 * Form's items are known by id under those keys, so an item staff renamed is
 * still the same field. An item is written only when what it should show
 * changed (its signature), so a sync with nothing to change costs no call.
 */
import type { AppConfig } from './config';
import { consentHelp } from './consent';
import { FIELDS, type FieldDef, type FieldKey } from './fields';
import type { Translate } from '../i18n/messages';
import { NEED_REFRESH } from './vocabulary';

/** The kinds of item the layout uses; a Form from before may also hold a scale (满意度 before it was a rating), which a sync replaces. */
export type WantedKind = 'section' | 'page' | 'text' | 'paragraph' | 'choice' | 'list' | 'checkbox' | 'rating';
export type FormItemKind = WantedKind | 'scale';

export interface ItemValidation {
  kind: 'regex' | 'email' | 'number' | 'maxLength' | 'minLength';
  pattern?: string;
  value?: number;
  min?: number;
  max?: number;
  help: string;
}

export interface WantedItem {
  /** A field key, or `page:…` / `section:…`. */
  key: string;
  kind: WantedKind;
  title: string;
  help: string;
  required: boolean;
  choices?: string[];
  /** A multiple-choice item's navigation: the page key each choice leads to. */
  goTo?: Record<string, string>;
  /** A page break's: the page key to go to after the page before it. */
  pageGoTo?: string;
  validation?: ItemValidation;
  /** A rating's number of stars. */
  level?: number;
}

/** What the live Form holds of ours, by item key. */
export interface StoredItem {
  id: number;
  kind: FormItemKind;
  sig: string;
  /** A choice item's choices as last written (what a removed option was). */
  choices?: string[];
}

export interface StoredLayout {
  items: Record<string, StoredItem>;
  /** Our keys in the Form's order. */
  order: string[];
}

/** More options than this make a drop-down list rather than radio buttons. */
const LIST_ABOVE = 8;

/**
 * What the Form itself checks as the customer types: lenient shapes only
 * (spaces, dashes, +86, full-width digits are fine); the server normalises
 * and validates strictly.
 */
const FORM_PATTERNS: Partial<Record<FieldDef['type'], string>> = {
  mobile: '^[+＋]?[0-9０-９ \\-()（）]{11,20}$',
  landline: '^[0-9０-９ \\-()（）转#]{7,24}$',
};

const PAGES: Record<string, 'customer' | 'person' | 'company' | 'need' | 'needDetail' | 'feedback' | 'consent'> = {
  'section:customer': 'customer', 'page:person': 'person', 'page:company': 'company',
  'page:need': 'need', 'page:need-detail': 'needDetail', 'page:feedback': 'feedback', 'page:consent': 'consent',
};

function fieldItem(f: FieldDef, config: AppConfig, t: Translate): WantedItem {
  const setting = config.formFields[f.key];
  const base = { key: f.key, title: f.label, help: setting?.help ?? f.help, required: f.required || setting?.mark === 'required' };
  const options = config.options[f.key] ?? [...(f.options ?? [])];
  switch (f.type) {
    case 'choice':
      // 需求类型 leads 资料更新 past the need's details: only radio buttons navigate, however many the options.
      return { ...base, kind: options.length > LIST_ABOVE && f.key !== 'need_type' ? 'list' : 'choice', choices: options };
    case 'checkbox':
      // The sentence of 表单 › 同意声明, with where the data is kept and the privacy notice.
      return { ...base, kind: 'checkbox', help: consentHelp(config.privacyUrl), required: true, choices: [config.consentText] };
    case 'paragraph':
      // A Form question holds one text rule: the minimum where the contract has one (需求描述), else the maximum.
      return {
        ...base, kind: 'paragraph', validation: f.min !== undefined
          ? { kind: 'minLength', value: f.min, help: t('form.tooShort', { min: f.min }) }
          : { kind: 'maxLength', value: f.maxLength ?? 5000, help: t('form.tooLong', { max: f.maxLength ?? 5000 }) },
      };
    case 'integer':
      if (f.key === 'satisfaction') return { ...base, kind: 'rating', level: f.max ?? 5 };
      return { ...base, kind: 'text', validation: { kind: 'number', min: f.min ?? 0, max: f.max ?? 999, help: base.help } };
    case 'email':
      return { ...base, kind: 'text', validation: { kind: 'email', help: base.help } };
    default: {
      const pattern = FORM_PATTERNS[f.type];
      return { ...base, kind: 'text', ...(pattern ? { validation: { kind: 'regex' as const, pattern, help: base.help } } : {}) };
    }
  }
}

/** The Form 配置 describes, item by item in order. */
export function formLayout(config: AppConfig, t: Translate): WantedItem[] {
  const shown = (f: FieldDef) => f.onForm && (f.type === 'checkbox' || config.formFields[f.key]?.mark !== 'hidden');
  const fields = (test: (f: FieldDef) => boolean) => FIELDS.filter((f) => shown(f) && test(f)).map((f) => fieldItem(f, config, t));
  const page = (key: string, title: string, pageGoTo?: string): WantedItem =>
    ({ key, kind: key.startsWith('section:') ? 'section' : 'page', title, help: '', required: false, ...(pageGoTo ? { pageGoTo } : {}) });
  const person = fields((f) => f.group === 'customer' && f.appliesTo === '个人');
  const company = fields((f) => f.group === 'customer' && f.appliesTo === '企业');
  const personPage = person.length ? [page('page:person', t('form.section.person')), ...person] : [];
  // After the person page, a person skips the company page.
  const companyPage = company.length ? [page('page:company', t('form.section.company'), person.length ? 'page:need' : undefined), ...company] : [];
  const customer = fields((f) => f.group === 'customer' && f.appliesTo === undefined).map((item) => item.key !== 'customer_kind' ? item : {
    ...item,
    goTo: { 个人: personPage.length ? 'page:person' : 'page:need', 企业: companyPage.length ? 'page:company' : 'page:need' },
  });
  const feedback = fields((f) => f.group === 'feedback');
  return [
    page('section:customer', t('form.section.customer')), ...customer, ...personPage, ...companyPage,
    // 需求类型 alone on its page: 资料更新 (a customer confirming their details) goes straight to consent.
    page('page:need', t('form.section.need')),
    ...fields((f) => f.key === 'need_type').map((item) => ({ ...item, goTo: { [NEED_REFRESH]: 'page:consent' } })),
    page('page:need-detail', t('form.section.needDetail')), ...fields((f) => f.group === 'need' && f.key !== 'need_type'),
    ...(feedback.length ? [page('page:feedback', t('form.section.feedback')), ...feedback] : []),
    page('page:consent', t('form.section.consent')), ...fields((f) => f.group === 'consent'),
  ];
}

/** A short digest of what an item should show (FNV-1a, 32 bits): equal digests, nothing to write. */
export function itemSignature(item: WantedItem): string {
  const text = JSON.stringify(item);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export interface FormPlan {
  /** Our items to delete: no longer wanted, or of another kind now (a choice grown into a list). */
  remove: { key: string; id: number }[];
  add: WantedItem[];
  /** Kept items whose content changed, or which lead to a page added now. */
  update: WantedItem[];
  /** Whether our items are out of order once added (new ones go to the end). */
  reorder: boolean;
}

/** The changes that make the live Form (as `stored` knows it) the `wanted` one. */
export function planFormChanges(stored: StoredLayout, wanted: readonly WantedItem[]): FormPlan {
  const wantedKeys = new Set(wanted.map((w) => w.key));
  const remove = Object.entries(stored.items)
    .filter(([key, s]) => !wantedKeys.has(key) || wanted.find((w) => w.key === key)!.kind !== s.kind)
    .map(([key, s]) => ({ key, id: s.id }));
  const removed = new Set(remove.map((r) => r.key));
  const kept = (key: string) => stored.items[key] !== undefined && !removed.has(key);
  const add = wanted.filter((w) => !kept(w.key));
  const added = new Set(add.map((w) => w.key));
  const leadsToNew = (w: WantedItem) => Object.values(w.goTo ?? {}).some((k) => added.has(k)) || (w.pageGoTo !== undefined && added.has(w.pageGoTo));
  const update = wanted.filter((w) => kept(w.key) && (stored.items[w.key]!.sig !== itemSignature(w) || leadsToNew(w)));
  const after = [...stored.order.filter(kept), ...add.map((w) => w.key)];
  const reorder = after.some((key, i) => key !== wanted[i]?.key);
  return { remove, add, update, reorder };
}

/**
 * The moves (Form.moveItem(from, to), one after another) that put `wanted`
 * first and in order; items that are not ours (staff added them) end up after.
 */
export function itemMoves(current: readonly number[], wanted: readonly number[]): { from: number; to: number }[] {
  const order = [...current];
  const moves: { from: number; to: number }[] = [];
  wanted.forEach((id, to) => {
    const from = order.indexOf(id);
    if (from < 0 || from === to) return;
    order.splice(from, 1);
    order.splice(to, 0, id);
    moves.push({ from, to });
  });
  return moves;
}

/** Options taken out of the Form, by field key: each with when it was taken out (ms). */
export type RetiredOptions = Record<string, Record<string, number>>;

/**
 * Options that earlier answers may carry though the Form no longer offers
 * them: what the Form offered before and does not now (retired at `nowMs`),
 * added to those retired earlier; an option offered again is no longer retired.
 */
export function retiredOptions(before: Readonly<RetiredOptions>, stored: StoredLayout, config: Pick<AppConfig, 'options'>, nowMs: number): RetiredOptions {
  const out: RetiredOptions = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(stored.items)])) {
    const now = config.options[key] ?? [];
    const list: Record<string, number> = {};
    for (const [v, at] of Object.entries(before[key] ?? {})) if (!now.includes(v)) list[v] = at;
    for (const v of stored.items[key]?.choices ?? []) if (!now.includes(v) && list[v] === undefined) list[v] = nowMs;
    if (Object.keys(list).length) out[key] = list;
  }
  return out;
}

/** The options an answer given at `atMs` may carry beyond today's lists: those retired after it. */
export function retiredAfter(retired: Readonly<RetiredOptions>, atMs: number): Record<string, string[]> {
  return Object.fromEntries(Object.entries(retired).map(([key, list]) => [key, Object.keys(list).filter((v) => list[v]! > atMs)]));
}

/** The name a change report gives an item: its field's label, or its page's title. */
export function itemName(item: Pick<WantedItem, 'key' | 'title'>): string {
  return item.key in PAGES ? item.title : (FIELDS.find((f) => f.key === (item.key as FieldKey))?.label ?? item.title);
}
