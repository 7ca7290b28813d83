/**
 * The field contract as an HTML form (browser), shared by the manual-entry
 * and review-queue sidebars. Hints come from the server's own validation
 * (validateSubmission, bundled from src/domain), so a sidebar rejects exactly
 * what the pipeline rejects. Values are set through textContent / value only.
 */
import { FIELDS, fieldLabel, type FieldDef, type FieldKey } from '../../domain/fields';
import { checkFilledAt } from '../../domain/filled-at';
import { isConsent, validateSubmission, type Issue } from '../../domain/validate';
import { translator, type Translate } from '../../i18n/messages';
import type { FormSetup } from '../../contracts/sidebars';

export type { FormSetup };

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Bookkeeping staff give for a paper or phone form: shown only where `staffGiven` asks for them. */
const STAFF_GIVEN: ReadonlySet<FieldKey> = new Set(['submitted_at', 'handler']);

export const ENTRY_FIELDS = FIELDS.filter((f) => f.group !== 'bookkeeping' || STAFF_GIVEN.has(f.key));

export interface EntryOptions {
  /**
   * 填写日期 and 经办人 are shown: with the values a fresh form starts with,
   * and the instant 填写日期 is checked against (the server checks it again).
   */
  staffGiven?: { defaults: () => Record<string, string>; now: () => number };
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class EntryForm {
  private readonly inputs = new Map<FieldKey, Control>();
  private readonly hints = new Map<FieldKey, HTMLElement>();
  private readonly rows = new Map<FieldKey, HTMLElement>();
  private readonly touched = new Set<FieldKey>();
  /** What the last 老客户 lookup filled in: that customer's details, cleared when another lookup answers. */
  private readonly prefilled = new Set<FieldKey>();
  private readonly t: Translate;
  private staffGiven: EntryOptions['staffGiven'];

  constructor(
    private readonly setup: FormSetup,
    container: HTMLElement,
    opts: EntryOptions = {},
  ) {
    this.t = translator(setup.locale);
    this.staffGiven = opts.staffGiven;
    for (const f of ENTRY_FIELDS) container.appendChild(this.row(f));
    this.reset();
  }

  /** Shows 填写日期 and 经办人 (a paper or phone form's, or an import's) or hides them (the Form's are the add-on's). */
  showStaffGiven(on: boolean): void {
    this.staffGivenShown = on;
    this.showKind();
  }

  private staffGivenShown = true;

  /** The answers as typed, by field key (hidden and empty fields left out). */
  answers(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of ENTRY_FIELDS) {
      if (this.rows.get(f.key)!.hidden) continue;
      const v = this.valueOf(f.key);
      if (v !== '') out[f.key] = v;
    }
    return out;
  }

  problems(): Issue[] {
    const answers = this.answers();
    const result = validateSubmission(answers, { options: this.setup.options, required: this.setup.required, consentText: this.setup.consentText, locale: this.setup.locale });
    const problems = result.ok ? [] : result.problems;
    if (this.staffGiven) {
      const filled = checkFilledAt(answers.submitted_at, this.staffGiven.now(), this.setup.utcOffset, this.setup.locale, fieldLabel('submitted_at', this.setup.locale));
      if (!filled.ok) problems.push(filled.issue);
    }
    return problems;
  }

  /** Checks everything, shows each problem beside its field, and returns them. */
  checkAll(): Issue[] {
    for (const f of ENTRY_FIELDS) this.touched.add(f.key);
    const problems = this.problems();
    this.showProblems(problems, true);
    return problems;
  }

  /** Fills the form (unknown keys ignored); `merge` keeps what is not given, `check` shows every problem. */
  fill(values: Record<string, unknown>, opts: { merge?: boolean; check?: boolean } = {}): void {
    if (!opts.merge) this.reset();
    for (const f of ENTRY_FIELDS) {
      const v = values[f.key];
      if (v === undefined || v === null || v === '') continue;
      const input = this.inputs.get(f.key)!;
      // Only a yes ticks the box: a stored 否 (or anything else) leaves consent to the person at the keyboard.
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = isConsent(String(v), this.setup.consentText);
      else {
        // An import's 经办人 may name someone outside 员工: shown as it is, not dropped.
        if (input instanceof HTMLSelectElement && f.key === 'handler' && !Array.from(input.options).some((o) => o.value === String(v))) {
          input.appendChild(el('option', undefined, String(v))).value = String(v);
        }
        input.value = String(v);
      }
    }
    this.showKind();
    if (opts.check ?? true) this.checkAll();
  }

  reset(): void {
    for (const input of this.inputs.values()) {
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = false;
      else input.value = '';
    }
    for (const [key, v] of Object.entries(this.staffGiven?.defaults() ?? {})) {
      const input = this.inputs.get(key as FieldKey);
      if (input) input.value = v;
    }
    this.touched.clear();
    this.prefilled.clear();
    this.showProblems([], true);
    this.showKind();
  }

  /**
   * A returning customer's details in place of the previous lookup's (what
   * else was typed stays); without `values`, the previous lookup's are only
   * cleared. Returns whether any were cleared.
   */
  prefill(values: Record<string, string> | null): boolean {
    const cleared = this.prefilled.size > 0;
    for (const key of this.prefilled) {
      this.inputs.get(key)!.value = '';
      this.touched.delete(key);
    }
    this.prefilled.clear();
    for (const f of ENTRY_FIELDS) {
      const v = values?.[f.key];
      if (v === undefined || v === '' || f.type === 'checkbox') continue;
      this.inputs.get(f.key)!.value = v;
      this.prefilled.add(f.key);
    }
    this.showKind();
    this.showProblems(this.problems(), false);
    return cleared;
  }

  /** Locks the fields (an item handled: what was filed stays readable) or opens them again. */
  setDisabled(on: boolean): void {
    for (const input of this.inputs.values()) input.disabled = on;
  }

  /** Calls `fn` when anything in the form is changed by hand. */
  onEdit(fn: () => void): void {
    for (const input of this.inputs.values()) input.addEventListener('input', fn);
  }

  /** A note under a field (e.g. that a sensitive value is kept encrypted). */
  note(key: FieldKey, text: string): void {
    const row = this.rows.get(key);
    if (row) row.querySelector('.secondary')!.textContent = text;
  }

  private optionsOf(f: FieldDef): readonly string[] {
    return this.setup.options[f.key] ?? f.options ?? [];
  }

  private control(f: FieldDef): Control {
    if (f.key === 'handler') {
      // Staff by name, as the 负责人 dropdown shows them; blank: whoever files it.
      const select = el('select');
      select.appendChild(el('option', undefined, this.t('ui.manual.choose'))).value = '';
      for (const name of this.setup.staff) select.appendChild(el('option', undefined, name)).value = name;
      return select;
    }
    if (f.type === 'choice') {
      const select = el('select');
      select.appendChild(el('option', undefined, this.t('ui.manual.choose'))).value = '';
      for (const o of this.optionsOf(f)) select.appendChild(el('option', undefined, o)).value = o;
      return select;
    }
    if (f.type === 'checkbox') {
      const box = el('input');
      box.type = 'checkbox';
      return box;
    }
    if (f.type === 'paragraph') return el('textarea');
    const input = el('input');
    input.type = 'text';
    if (f.type === 'integer') input.inputMode = 'numeric';
    if (f.type === 'mobile') input.inputMode = 'tel';
    return input;
  }

  private row(f: FieldDef): HTMLElement {
    const row = el('div', 'form-group');
    row.dataset.field = f.key;
    const id = 'f-' + f.key;
    const name = this.setup.locale === 'en' ? f.labelEn : f.label;
    const label = el('label', undefined, name + (this.setup.required.includes(f.key) ? ' *' : ''));
    label.htmlFor = id;
    const input = this.control(f);
    input.id = id;
    input.name = f.key;
    if (input instanceof HTMLInputElement && input.type === 'checkbox') {
      row.append(input, label);
      // Staff tick it for the customer: the label says whose consent it records.
      label.textContent = (this.setup.consentText ? this.t('ui.form.consentGiven', { text: this.setup.consentText }) : name) + ' *';
    } else {
      row.append(label, input);
    }
    const hint = el('div', 'error-hint');
    hint.setAttribute('role', 'alert');
    row.append(el('div', 'secondary', this.setup.locale === 'en' ? f.helpEn : (f.staffHelp ?? f.help)), hint);
    if (f.group === 'consent') row.append(this.privacyNote());
    this.inputs.set(f.key, input);
    this.hints.set(f.key, hint);
    this.rows.set(f.key, row);
    const check = (): void => {
      this.touched.add(f.key);
      if (f.key === 'customer_kind') this.showKind();
      this.showProblems(this.problems(), false);
    };
    input.addEventListener('change', check);
    input.addEventListener('blur', check);
    return row;
  }

  /** Beside the consent box: where the data is kept, and the company's privacy notice when 配置 names one. */
  private privacyNote(): HTMLElement {
    const note = el('div', 'secondary privacy', this.t('ui.consent.stored'));
    if (this.setup.privacyUrl) {
      const link = el('a', undefined, this.t('ui.consent.privacy'));
      link.href = this.setup.privacyUrl;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      note.append(' ', link);
    }
    return note;
  }

  private valueOf(key: FieldKey): string {
    const input = this.inputs.get(key)!;
    if (input instanceof HTMLInputElement && input.type === 'checkbox') return input.checked ? this.setup.consentText || '同意' : '';
    return input.value;
  }

  /** Shows each problem beside its field; only fields already touched unless `all`. */
  private showProblems(problems: readonly Issue[], all: boolean): void {
    for (const f of ENTRY_FIELDS) {
      const issue = problems.find((p) => p.field === f.key);
      const show = issue && (all || this.touched.has(f.key));
      this.hints.get(f.key)!.textContent = show ? issue.message : '';
      this.rows.get(f.key)!.classList.toggle('has-error', Boolean(show));
    }
  }

  private showKind(): void {
    const kind = this.valueOf('customer_kind');
    for (const f of ENTRY_FIELDS) {
      const off = STAFF_GIVEN.has(f.key) && !this.staffGivenShown;
      this.rows.get(f.key)!.hidden = off || Boolean(f.appliesTo && kind && f.appliesTo !== kind);
    }
  }
}

/**
 * A result or error, in the status box beside the action that caused it (by
 * id), brought into view; it stays until the next action replaces or clears it.
 */
export function status(text: string, kind: 'ok' | 'error' | 'busy' | 'ask', id = 'status'): void {
  const box = document.getElementById(id)!;
  box.textContent = text;
  box.className = 'status ' + kind;
  box.scrollIntoView({ block: 'nearest' });
}

export function clearStatus(id: string): void {
  const box = document.getElementById(id)!;
  box.textContent = '';
  box.className = 'status';
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
