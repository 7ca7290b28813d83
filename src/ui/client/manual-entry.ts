/**
 * Manual-entry sidebar (browser): the field form (entry-form.ts), submitted
 * through the same pipeline as every channel. Each answer shows beside what
 * caused it: the lookup's under the lookup, the submit's in the sticky bar
 * with the button, in view wherever the form is scrolled. Nothing typed is
 * lost on a problem or a failed call; an entry that may repeat a ticket just
 * filed is filed only when the staff member says so (仍然提交).
 */
import { translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { FoundCustomer } from '../../contracts/sidebars';
import { EntryForm, clearStatus, reasonOf, status, type FormSetup } from './entry-form';
import { REVIEW_STATE } from '../../domain/vocabulary';
import { localDateTime } from '../../domain/local-time';

/** The server's reply, read defensively: whatever it holds, the sidebar never reports a blank ticket as filed. */
interface Outcome {
  outcome?: string;
  ticket_no?: string;
  review_row?: number;
  review_state?: string;
  filed_at?: string;
  handler?: string;
}

let form: EntryForm;
// Until the server's setup answers with the Config's locale; only a failed setup call is shown in zh-CN.
let t: Translate = translator('zh-CN');
let draftId = newDraftId();
/** The customer number the last lookup found: named when a later lookup clears their details. */
let prefilledCustomer = '';

function newDraftId(): string {
  return 'd' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
}

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function button(): HTMLButtonElement {
  return byId<HTMLButtonElement>('submit');
}

/** The question about a possible repeat: its two buttons in place of 提交 while it stands. */
function asking(on: boolean): void {
  byId('repeat').hidden = !on;
  button().hidden = on;
}

function onResult(outcome: Outcome): void {
  button().disabled = false;
  const ticket = outcome.ticket_no;
  const row = outcome.review_row;
  if ((outcome.outcome === 'accepted' || outcome.outcome === 'duplicate') && ticket) {
    status(t(outcome.outcome === 'accepted' ? 'ui.manual.accepted' : 'ui.manual.duplicate', { ticket }), 'ok');
    // Filed (now or by an earlier try whose answer was lost): the next entry is a new draft, of a customer not yet looked up.
    form.reset();
    draftId = newDraftId();
    prefilledCustomer = '';
    byId<HTMLInputElement>('lookup').value = '';
    clearStatus('lookup-status');
  } else if (outcome.outcome === 'repeat' && ticket) {
    // Nothing filed: the same draft is filed only by 仍然提交, naming the ticket it was asked about.
    byId('repeat-file').dataset.ticket = ticket;
    status(t('ui.manual.repeat', { ticket, at: outcome.filed_at ?? '', handler: outcome.handler ?? '' }), 'ask');
    asking(true);
  } else if (outcome.outcome === 'review' && row) {
    status(t('ui.manual.review', { row }), 'error');
  } else if (outcome.outcome === 'duplicate' && row) {
    // The draft is kept: submitting it again keeps pointing to that row rather than filing it twice.
    const waiting = outcome.review_state === REVIEW_STATE.pending;
    status(waiting ? t('ui.manual.duplicateWaiting', { row }) : t('ui.manual.duplicateHandled', { row, state: outcome.review_state ?? '' }), 'error');
  } else {
    status(t('ui.manual.unclear'), 'error');
  }
}

function onFailure(error: unknown): void {
  button().disabled = false;
  status(t('ui.manual.failed', { reason: reasonOf(error) }), 'error');
}

function send(fileRepeatOf?: string): void {
  asking(false);
  button().disabled = true;
  status(t('ui.manual.sending'), 'busy');
  const entry = { answers: form.answers(), clientId: draftId, ...(fileRepeatOf ? { fileRepeatOf } : {}) };
  runServer<Outcome>('submitManualEntry', [entry], onResult, onFailure);
}

function submit(event: Event): void {
  event.preventDefault();
  const problems = form.checkAll();
  if (problems.length > 0) {
    status(t('ui.manual.fixFirst', { count: problems.length }), 'error');
    return;
  }
  send();
}

/** 取消: nothing is filed, and what was typed stays (to change, or to clear by hand). */
function cancelRepeat(): void {
  asking(false);
  status(t('ui.manual.repeatCancelled', { ticket: byId('repeat-file').dataset.ticket ?? '' }), 'ok');
}

/**
 * 老客户预填: the returning customer's details fill the form, in place of
 * those of the customer looked up before; a lookup that finds nobody (or
 * fails) clears them, so that no ticket is filed under the wrong customer.
 * What was typed for this request stays.
 */
function lookup(): void {
  const query = byId<HTMLInputElement>('lookup').value;
  const go = byId<HTMLButtonElement>('lookup-go');
  go.disabled = true;
  status(t('ui.manual.searching'), 'busy', 'lookup-status');
  const clearedLine = (): string => {
    const before = prefilledCustomer;
    prefilledCustomer = '';
    return form.prefill(null) && before ? '\n' + t('ui.manual.prefillCleared', { customer: before }) : '';
  };
  runServer<FoundCustomer | null>(
    'lookupCustomer',
    [query],
    (found) => {
      go.disabled = false;
      if (!found) {
        status(t('ui.manual.notFound') + clearedLine(), 'error', 'lookup-status');
        return;
      }
      form.prefill(found.answers);
      prefilledCustomer = found.customerNo;
      status(t('ui.manual.found', { customer: found.customerNo }), 'ok', 'lookup-status');
    },
    (error) => {
      go.disabled = false;
      status(reasonOf(error) + clearedLine(), 'error', 'lookup-status');
    },
  );
}

function build(setup: FormSetup): void {
  t = translator(setup.locale);
  document.title = t('ui.manual.title');
  byId('title').textContent = t('ui.manual.title');
  byId('intro').textContent = t('ui.manual.intro');
  // A fresh entry is of a call just taken, by whoever is at the keyboard: staff change either for a paper form.
  // The server's time, carried forward by this computer's clock: a clock set wrong shifts nothing.
  const offset = setup.now - Date.now();
  const now = (): number => Date.now() + offset;
  form = new EntryForm(setup, byId('fields'), {
    staffGiven: { defaults: () => ({ submitted_at: localDateTime(now(), setup.utcOffset), handler: setup.me }), now },
  });
  button().textContent = t('ui.manual.submit');
  byId('entry').addEventListener('submit', submit);
  byId('repeat-file').textContent = t('ui.manual.repeatFile');
  byId('repeat-file').addEventListener('click', () => send(byId('repeat-file').dataset.ticket));
  byId('repeat-cancel').textContent = t('ui.manual.repeatCancel');
  byId('repeat-cancel').addEventListener('click', cancelRepeat);
  // The question was about what the form held: a change withdraws it (提交 asks again if need be).
  form.onEdit(() => {
    if (byId('repeat').hidden) return;
    asking(false);
    clearStatus('status');
  });
  byId<HTMLInputElement>('lookup').placeholder = t('ui.manual.lookup');
  byId('lookup-go').textContent = t('ui.manual.lookupButton');
  byId('lookup-go').addEventListener('click', lookup);
}

runServer<FormSetup>('manualEntrySetup', [], build, onFailure);
