/**
 * Review-queue sidebar (browser): the open 待审核 rows one at a time, their
 * answers in the field form with each problem beside its field (the same
 * validation as the server), resubmitted through the pipeline or voided with
 * a reason. Sensitive answers stay encrypted on the server and never reach
 * the browser.
 */
import type { FieldKey } from '../../domain/fields';
import { CONSENT_WAYS } from '../../domain/vocabulary';
import { translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { ReviewItem } from '../../contracts/sidebars';
import { EntryForm, el, reasonOf, status, type FormSetup } from './entry-form';

interface Outcome {
  outcome: 'accepted' | 'review' | 'duplicate';
  ticket_no?: string;
  review_row?: number;
}

let form: EntryForm;
// Until the server's setup answers with the Config's locale; only a failed setup call is shown in zh-CN.
let t: Translate = translator('zh-CN');
let items: ReviewItem[] = [];
let index = 0;

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function busy(on: boolean): void {
  for (const id of ['resubmit', 'void', 'prev', 'next']) byId<HTMLButtonElement>(id).disabled = on;
}

function show(): void {
  const item = items[index];
  byId('item').hidden = !item;
  if (!item) return;
  byId('position').textContent = t('ui.review.position', { index: index + 1, count: items.length, row: item.row, channel: item.channel, at: item.receivedAt });
  byId('problems').textContent = item.problems;
  form.fill(item.answers);
  for (const key of item.sealed) form.note(key as FieldKey, t('ui.review.sealed'));
  byId<HTMLInputElement>('reason').value = '';
  // A customer who did not consent: the box stays unticked, and the reviewer records how consent was obtained.
  byId('consent-box').hidden = item.consented;
  byId<HTMLSelectElement>('consent-way').value = '';
  byId<HTMLInputElement>('consent-note').value = '';
  byId<HTMLButtonElement>('prev').disabled = index === 0;
  byId<HTMLButtonElement>('next').disabled = index >= items.length - 1;
}

/** The row is handled: it leaves the list, and the next one shows. */
function done(message: string, kind: 'ok' | 'error'): void {
  items.splice(index, 1);
  index = Math.min(index, Math.max(0, items.length - 1));
  busy(false);
  show();
  status(items.length ? message : message + '\n' + t('ui.review.empty'), kind);
}

/** The item stays, the form as it is: nothing typed is lost. */
function stay(message: string): void {
  busy(false);
  byId<HTMLButtonElement>('prev').disabled = index === 0;
  byId<HTMLButtonElement>('next').disabled = index >= items.length - 1;
  status(message, 'error');
}

function onFailure(error: unknown): void {
  stay(t('ui.review.failed', { reason: reasonOf(error) }));
}

function resubmit(event: Event): void {
  event.preventDefault();
  const item = items[index];
  if (!item) return;
  const problems = form.checkAll();
  if (problems.length > 0) {
    status(t('ui.manual.fixFirst', { count: problems.length }), 'error');
    return;
  }
  const way = byId<HTMLSelectElement>('consent-way').value;
  const note = byId<HTMLInputElement>('consent-note').value.trim();
  if (!item.consented && (!way || !note)) {
    status(t('ui.review.consentFirst'), 'error');
    return;
  }
  busy(true);
  status(t('ui.manual.sending'), 'busy');
  runServer<Outcome>(
    'resubmitReview',
    [item.row, form.answers(), item.key, item.consented ? null : { way, note }],
    (o) => {
      if (o.outcome === 'review') done(t('ui.review.againReview', { row: item.row, next: o.review_row ?? '' }), 'error');
      else if (o.outcome === 'accepted') done(t('ui.review.accepted', { row: item.row, ticket: o.ticket_no ?? '' }), 'ok');
      // Filed before (a second click, a retry): the reply names what it was filed as.
      else if (o.ticket_no) done(t('ui.review.alreadyFiled', { row: item.row, ticket: o.ticket_no }), 'ok');
      else if (o.review_row === item.row) stay(t('ui.review.unchanged', { row: item.row }));
      else done(t('ui.review.alreadyReview', { row: item.row, next: o.review_row ?? '' }), 'error');
    },
    onFailure,
  );
}

function voidItem(): void {
  const item = items[index];
  if (!item) return;
  const reason = byId<HTMLInputElement>('reason').value.trim();
  if (!reason) {
    status(t('ui.review.reasonFirst'), 'error');
    return;
  }
  busy(true);
  runServer<void>('voidReview', [item.row, reason, item.key], () => done(t('ui.review.voided', { row: item.row }), 'ok'), onFailure);
}

function build(queue: FormSetup & { items: ReviewItem[] }): void {
  t = translator(queue.locale);
  document.title = t('ui.review.title');
  byId('title').textContent = t('ui.review.title');
  byId('intro').textContent = t('ui.review.intro');
  byId('problems-title').textContent = t('ui.review.problems');
  byId('prev').textContent = t('ui.review.previous');
  byId('next').textContent = t('ui.review.next');
  byId('resubmit').textContent = t('ui.review.resubmit');
  byId('void').textContent = t('ui.review.void');
  byId('reason-label').textContent = t('ui.review.reason');
  byId('consent-missing').textContent = t('ui.review.consentMissing');
  byId('consent-way-label').textContent = t('ui.review.consentWay');
  byId('consent-note-label').textContent = t('ui.review.consentNote');
  const ways = byId<HTMLSelectElement>('consent-way');
  ways.appendChild(el('option', undefined, t('ui.manual.choose'))).value = '';
  for (const w of CONSENT_WAYS) ways.appendChild(el('option', undefined, w)).value = w;
  form = new EntryForm(queue, byId('fields'));
  items = queue.items;
  byId('prev').addEventListener('click', () => {
    index = Math.max(0, index - 1);
    show();
  });
  byId('next').addEventListener('click', () => {
    index = Math.min(items.length - 1, index + 1);
    show();
  });
  byId('entry').addEventListener('submit', resubmit);
  byId('void').addEventListener('click', voidItem);
  if (items.length === 0) status(t('ui.review.empty'), 'ok');
  show();
}

runServer<FormSetup & { items: ReviewItem[] }>('reviewQueueSetup', [], build, (e) => status(t('ui.review.failed', { reason: reasonOf(e) }), 'error'));
