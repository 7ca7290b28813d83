/**
 * Review-queue sidebar (browser): the open 待审核 rows one at a time, their
 * answers in the field form with each problem beside its field (the same
 * validation as the server), resubmitted through the pipeline or voided with
 * a reason; each answer under the button that asked for it, and a handled
 * item kept in view with its result until 下一条. Sensitive answers stay
 * encrypted on the server and never reach the browser.
 */
import type { FieldKey } from '../../domain/fields';
import { CONSENT_WAYS } from '../../domain/vocabulary';
import { isOfflineChannel } from '../../domain/entry-delay';
import { translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { ReviewItem } from '../../contracts/sidebars';
import { EntryForm, clearStatus, el, reasonOf, status, type FormSetup } from './entry-form';

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

/** The answer boxes, one under each action's button. */
type ActionStatus = 'resubmit-status' | 'void-status';

/** A call is out: the buttons wait for its answer. */
function busy(on: boolean): void {
  for (const id of ['resubmit', 'void']) byId<HTMLButtonElement>(id).disabled = on;
  byId<HTMLButtonElement>('prev').disabled = on || index === 0;
  byId<HTMLButtonElement>('next').disabled = on || index >= items.length - 1;
}

/** Each action's answer stays until the next action. */
function clearAnswers(): void {
  clearStatus('resubmit-status');
  clearStatus('void-status');
}

function show(): void {
  const item = items[index];
  byId('item').hidden = !item;
  byId('continue').hidden = true;
  clearAnswers();
  if (!item) return;
  lock(false);
  byId('position').textContent = t('ui.review.position', { index: index + 1, count: items.length, row: item.row, channel: item.channel, at: item.receivedAt });
  byId('problems').textContent = item.problems;
  // 填写日期 and 经办人 are staff's for a paper or phone form or an import; the Form's and the webhook's are the add-on's.
  form.showStaffGiven(isOfflineChannel(item.channel));
  form.fill(item.answers);
  for (const key of item.sealed) form.note(key as FieldKey, t('ui.review.sealed'));
  byId<HTMLInputElement>('reason').value = '';
  // A customer who did not consent: the box stays unticked, and the reviewer records how consent was obtained.
  byId('consent-box').hidden = item.consented;
  byId<HTMLSelectElement>('consent-way').value = '';
  byId<HTMLInputElement>('consent-note').value = '';
  busy(false);
}

/** A handled item's form stays in view, locked, beside what became of it. */
function lock(on: boolean): void {
  form.setDisabled(on);
  for (const id of ['reason', 'consent-way', 'consent-note']) byId<HTMLInputElement>(id).disabled = on;
  for (const id of ['resubmit', 'void', 'prev', 'next']) byId<HTMLButtonElement>(id).disabled = on;
}

/**
 * The row is handled and leaves the list. Its answer stays under the button
 * that handled it, with 下一条 right below, so the reviewer sees what was filed
 * before the next item replaces it.
 */
function done(message: string, kind: 'ok' | 'error', where: ActionStatus): void {
  items.splice(index, 1);
  index = Math.min(index, Math.max(0, items.length - 1));
  lock(true);
  const next = byId<HTMLButtonElement>('continue');
  next.hidden = items.length === 0;
  status(items.length ? message : message + '\n' + t('ui.review.empty'), kind, where);
  byId(where).after(next);
  if (!next.hidden) next.scrollIntoView({ block: 'nearest' });
}

/** The item stays, the form as it is: nothing typed is lost. */
function stay(message: string, where: ActionStatus): void {
  busy(false);
  status(message, 'error', where);
}

function resubmit(event: Event): void {
  event.preventDefault();
  const item = items[index];
  // Enter in a field while a call is out, or once the item is handled, does nothing.
  if (!item || byId<HTMLButtonElement>('resubmit').disabled) return;
  clearAnswers();
  const problems = form.checkAll();
  if (problems.length > 0) {
    status(t('ui.manual.fixFirst', { count: problems.length }), 'error', 'resubmit-status');
    return;
  }
  const way = byId<HTMLSelectElement>('consent-way').value;
  const note = byId<HTMLInputElement>('consent-note').value.trim();
  if (!item.consented && (!way || !note)) {
    status(t('ui.review.consentFirst'), 'error', 'resubmit-status');
    return;
  }
  busy(true);
  status(t('ui.manual.sending'), 'busy', 'resubmit-status');
  runServer<Outcome>(
    'resubmitReview',
    [item.row, form.answers(), item.key, item.consented ? null : { way, note }],
    (o) => {
      const where = 'resubmit-status';
      if (o.outcome === 'review') done(t('ui.review.againReview', { row: item.row, next: o.review_row ?? '' }), 'error', where);
      else if (o.outcome === 'accepted') done(t('ui.review.accepted', { row: item.row, ticket: o.ticket_no ?? '' }), 'ok', where);
      // Filed before (a second click, a retry): the reply names what it was filed as.
      else if (o.ticket_no) done(t('ui.review.alreadyFiled', { row: item.row, ticket: o.ticket_no }), 'ok', where);
      else if (o.review_row === item.row) stay(t('ui.review.unchanged', { row: item.row }), where);
      else done(t('ui.review.alreadyReview', { row: item.row, next: o.review_row ?? '' }), 'error', where);
    },
    (error) => stay(t('ui.review.failed', { reason: reasonOf(error) }), 'resubmit-status'),
  );
}

function voidItem(): void {
  const item = items[index];
  if (!item) return;
  clearAnswers();
  const reason = byId<HTMLInputElement>('reason').value.trim();
  if (!reason) {
    status(t('ui.review.reasonFirst'), 'error', 'void-status');
    return;
  }
  busy(true);
  status(t('ui.manual.sending'), 'busy', 'void-status');
  runServer<void>(
    'voidReview',
    [item.row, reason, item.key],
    () => done(t('ui.review.voided', { row: item.row }), 'ok', 'void-status'),
    (error) => stay(t('ui.review.failed', { reason: reasonOf(error) }), 'void-status'),
  );
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
  byId('continue').textContent = t('ui.review.next');
  byId('continue').addEventListener('click', () => {
    show();
    window.scrollTo(0, 0);
  });
  if (items.length === 0) status(t('ui.review.empty'), 'ok');
  show();
}

runServer<FormSetup & { items: ReviewItem[] }>('reviewQueueSetup', [], build, (e) => status(t('ui.review.failed', { reason: reasonOf(e) }), 'error'));
