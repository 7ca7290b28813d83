/**
 * Manual-entry sidebar (browser): the field contract as a form (entry-form.ts),
 * submitted through the same pipeline as every channel. Nothing typed is lost
 * on a problem or a failed call.
 */
import { translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { FoundCustomer } from '../../contracts/sidebars';
import { EntryForm, reasonOf, status, type FormSetup } from './entry-form';
import { REVIEW_STATE } from '../../domain/vocabulary';

/** The server's reply, read defensively: whatever it holds, the sidebar never reports a blank ticket as filed. */
interface Outcome {
  outcome?: string;
  ticket_no?: string;
  review_row?: number;
  review_state?: string;
}

let form: EntryForm;
// Until the server's setup answers with the Config's locale; only a failed setup call is shown in zh-CN.
let t: Translate = translator('zh-CN');
let draftId = newDraftId();

function newDraftId(): string {
  return 'd' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
}

function button(): HTMLButtonElement {
  return document.getElementById('submit') as HTMLButtonElement;
}

function onResult(outcome: Outcome): void {
  button().disabled = false;
  const ticket = outcome.ticket_no;
  const row = outcome.review_row;
  if ((outcome.outcome === 'accepted' || outcome.outcome === 'duplicate') && ticket) {
    status(t(outcome.outcome === 'accepted' ? 'ui.manual.accepted' : 'ui.manual.duplicate', { ticket }), 'ok');
    // Filed (now or by an earlier try whose answer was lost): the next entry is a new draft.
    form.reset();
    draftId = newDraftId();
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

function submit(event: Event): void {
  event.preventDefault();
  const problems = form.checkAll();
  if (problems.length > 0) {
    status(t('ui.manual.fixFirst', { count: problems.length }), 'error');
    return;
  }
  button().disabled = true;
  status(t('ui.manual.sending'), 'busy');
  runServer<Outcome>('submitManualEntry', [{ answers: form.answers(), clientId: draftId }], onResult, onFailure);
}

/** 老客户预填: the returning customer's details fill the form; what was typed for this request stays. */
function lookup(): void {
  const query = (document.getElementById('lookup') as HTMLInputElement).value;
  status(t('ui.manual.sending'), 'busy', 'lookup-status');
  runServer<FoundCustomer | null>(
    'lookupCustomer',
    [query],
    (found) => {
      if (!found) {
        status(t('ui.manual.notFound'), 'error', 'lookup-status');
        return;
      }
      form.fill(found.answers, { merge: true, check: false });
      status(t('ui.manual.found', { customer: found.customerNo }), 'ok', 'lookup-status');
    },
    (error) => status(reasonOf(error), 'error', 'lookup-status'),
  );
}

function build(setup: FormSetup): void {
  t = translator(setup.locale);
  document.title = t('ui.manual.title');
  document.getElementById('title')!.textContent = t('ui.manual.title');
  document.getElementById('intro')!.textContent = t('ui.manual.intro');
  form = new EntryForm(setup, document.getElementById('fields')!);
  button().textContent = t('ui.manual.submit');
  document.getElementById('entry')!.addEventListener('submit', submit);
  (document.getElementById('lookup') as HTMLInputElement).placeholder = t('ui.manual.lookup');
  document.getElementById('lookup-go')!.textContent = t('ui.manual.lookupButton');
  document.getElementById('lookup-go')!.addEventListener('click', lookup);
}

runServer<FormSetup>('manualEntrySetup', [], build, onFailure);
