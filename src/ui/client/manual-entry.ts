/**
 * Manual-entry sidebar (browser). The form is built from the field contract;
 * hints come from the server's own validation (validateSubmission, bundled
 * from src/domain), so the sidebar rejects exactly what the pipeline rejects.
 * Every value is set through textContent / value, never as HTML.
 */
import { FIELDS, type FieldDef, type FieldKey } from '../../domain/fields';
import { validateSubmission, type Issue } from '../../domain/validate';
import { t } from '../../i18n/messages';
import { runServer } from './bridge';

interface FormSetup {
  options: Record<string, string[]>;
  consentText: string;
}

interface Outcome {
  outcome: 'accepted' | 'review' | 'duplicate';
  ticket_no?: string;
  review_row?: number;
  problems?: string[];
}

const ENTRY_FIELDS = FIELDS.filter((f) => f.group !== 'bookkeeping');
const inputs = new Map<FieldKey, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
const hints = new Map<FieldKey, HTMLElement>();
const rows = new Map<FieldKey, HTMLElement>();
const touched = new Set<FieldKey>();
let setup: FormSetup = { options: {}, consentText: '' };
let draftId = newDraftId();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function newDraftId(): string {
  return 'd' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
}

function optionsOf(f: FieldDef): readonly string[] {
  return setup.options[f.key] ?? f.options ?? [];
}

function control(f: FieldDef): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  if (f.type === 'choice') {
    const select = el('select');
    select.appendChild(el('option', undefined, t('ui.manual.choose'))).value = '';
    for (const o of optionsOf(f)) select.appendChild(el('option', undefined, o)).value = o;
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

function valueOf(key: FieldKey): string {
  const input = inputs.get(key)!;
  if (input instanceof HTMLInputElement && input.type === 'checkbox') return input.checked ? setup.consentText || '同意' : '';
  return input.value;
}

function answers(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ENTRY_FIELDS) {
    if (rows.get(f.key)!.hidden) continue;
    const v = valueOf(f.key);
    if (v !== '') out[f.key] = v;
  }
  return out;
}

function currentProblems(): Issue[] {
  const result = validateSubmission(answers(), { options: setup.options, consentText: setup.consentText });
  return result.ok ? [] : result.problems;
}

/** Shows each problem beside its field; only fields already touched unless `all`. */
function showProblems(problems: readonly Issue[], all: boolean): void {
  for (const f of ENTRY_FIELDS) {
    const issue = problems.find((p) => p.field === f.key);
    const show = issue && (all || touched.has(f.key));
    hints.get(f.key)!.textContent = show ? issue.message : '';
    rows.get(f.key)!.classList.toggle('has-error', Boolean(show));
  }
}

function showKind(): void {
  const kind = valueOf('customer_kind');
  for (const f of ENTRY_FIELDS) rows.get(f.key)!.hidden = Boolean(f.appliesTo && kind && f.appliesTo !== kind);
}

function status(text: string, kind: 'ok' | 'error' | 'busy'): void {
  const box = document.getElementById('status')!;
  box.textContent = text;
  box.className = 'status ' + kind;
}

function onResult(outcome: Outcome): void {
  const button = document.getElementById('submit') as HTMLButtonElement;
  button.disabled = false;
  if (outcome.outcome === 'accepted') {
    status(t('ui.manual.accepted', { ticket: outcome.ticket_no ?? '' }), 'ok');
    (document.getElementById('entry') as HTMLFormElement).reset();
    touched.clear();
    draftId = newDraftId();
    showKind();
  } else if (outcome.outcome === 'duplicate') {
    status(t('ui.manual.duplicate', { ticket: outcome.ticket_no ?? '' }), 'ok');
  } else {
    status(t('ui.manual.review', { row: outcome.review_row ?? 0 }), 'error');
  }
}

function onFailure(error: unknown): void {
  (document.getElementById('submit') as HTMLButtonElement).disabled = false;
  const reason = error instanceof Error ? error.message : String(error);
  status(t('ui.manual.failed', { reason }), 'error');
}

function submit(event: Event): void {
  event.preventDefault();
  for (const f of ENTRY_FIELDS) touched.add(f.key);
  const problems = currentProblems();
  showProblems(problems, true);
  if (problems.length > 0) {
    status(t('ui.manual.fixFirst', { count: problems.length }), 'error');
    return;
  }
  (document.getElementById('submit') as HTMLButtonElement).disabled = true;
  status(t('ui.manual.sending'), 'busy');
  runServer<Outcome>('submitManualEntry', [{ answers: answers(), clientId: draftId }], onResult, onFailure);
}

function build(): void {
  document.title = t('ui.manual.title');
  document.getElementById('title')!.textContent = t('ui.manual.title');
  document.getElementById('intro')!.textContent = t('ui.manual.intro');
  const form = document.getElementById('entry') as HTMLFormElement;
  const fields = document.getElementById('fields')!;
  for (const f of ENTRY_FIELDS) {
    const row = el('div', 'form-group');
    row.dataset.field = f.key;
    const id = 'f-' + f.key;
    const label = el('label', undefined, f.label + (f.required ? ' *' : ''));
    label.htmlFor = id;
    const input = control(f);
    input.id = id;
    input.name = f.key;
    if (input instanceof HTMLInputElement && input.type === 'checkbox') {
      row.append(input, label);
      label.textContent = (setup.consentText || f.label) + ' *';
    } else {
      row.append(label, input);
    }
    const help = el('div', 'secondary', f.help);
    const hint = el('div', 'error-hint');
    hint.setAttribute('role', 'alert');
    row.append(help, hint);
    fields.appendChild(row);
    inputs.set(f.key, input);
    hints.set(f.key, hint);
    rows.set(f.key, row);
    const check = () => {
      touched.add(f.key);
      if (f.key === 'customer_kind') showKind();
      showProblems(currentProblems(), false);
    };
    input.addEventListener('change', check);
    input.addEventListener('blur', check);
  }
  const submitButton = document.getElementById('submit') as HTMLButtonElement;
  submitButton.textContent = t('ui.manual.submit');
  form.addEventListener('submit', submit);
  showKind();
}

runServer<FormSetup>(
  'manualEntrySetup',
  [],
  (s) => {
    setup = s;
    build();
  },
  onFailure,
);
