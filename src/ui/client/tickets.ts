/**
 * 我的工单 sidebar (browser): one card per open ticket, nearest deadline
 * first, with a status dropdown and an optional progress note; saving goes
 * through the same server code as an edit in the sheet. A ticket whose
 * submission gave customer details differing from the record lists them with
 * a 确认更新 button, which applies them to the customer record.
 */
import { listSeparator, translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { ConfirmedChanges, OwnTicket, OwnTickets } from '../../contracts/sidebars';
import { el, reasonOf, status } from './entry-form';

// Until the server's setup answers with the Config's locale; only a failed setup call is shown in zh-CN.
let t: Translate = translator('zh-CN');

/** 工单.状态 while staff wait for the customer (domain/vocabulary STATUS.waiting; the client bundle holds no domain code). */
const WAITING = '待客户补充';

/**
 * 请补充信息: the ticket waits for the customer (its clock stops) and the
 * customer is mailed what the note says is missing, with their pre-filled
 * Form link. The note is required: it is what the customer reads.
 */
function askButton(ticket: OwnTicket, note: HTMLInputElement, save: HTMLButtonElement): HTMLElement {
  const ask = el('button', undefined, t('ui.tickets.ask'));
  ask.type = 'button';
  ask.addEventListener('click', () => {
    if (note.value.trim() === '') {
      status(t('ui.tickets.askNeedsNote'), 'error');
      note.focus();
      return;
    }
    ask.disabled = save.disabled = true;
    status(t('ui.manual.sending'), 'busy');
    runServer<OwnTickets>(
      'setMyTicketStatus',
      [ticket.ticketNo, WAITING, note.value],
      (list) => {
        render(list);
        status(t(ticket.contact.email ? 'ui.tickets.asked' : 'ui.tickets.askedNoEmail', { ticket: ticket.ticketNo }), 'ok');
      },
      (error) => {
        ask.disabled = save.disabled = false;
        status(t('ui.review.failed', { reason: reasonOf(error) }), 'error');
      },
    );
  });
  return ask;
}

function card(ticket: OwnTicket, statuses: readonly string[]): HTMLElement {
  const box = el('div', 'ticket');
  box.dataset.ticket = ticket.ticketNo;
  const head = el('div', 'head');
  head.append(el('span', undefined, ticket.ticketNo), el('span', undefined, ticket.priority));
  box.append(head, el('div', undefined, `${ticket.customer} · ${ticket.needType}`), el('div', 'secondary', ticket.summary));
  if (ticket.deadline) box.append(el('div', 'secondary', t('ui.tickets.deadline', { deadline: ticket.deadline })));
  // How to reach the customer, and the ticket's row in 工单, so acting needs no search.
  const contact = el('div', 'contact');
  if (ticket.contact.mobile) contact.append(el('div', undefined, t('ui.tickets.mobile', { value: ticket.contact.mobile })));
  if (ticket.contact.landline) contact.append(el('div', undefined, t('ui.tickets.landline', { value: ticket.contact.landline })));
  if (ticket.contact.email) contact.append(el('div', undefined, t('ui.tickets.email', { value: ticket.contact.email })));
  if (contact.childElementCount) box.append(contact);
  if (/^https:\/\//.test(ticket.link)) {
    const open = el('a', 'open', t('ui.tickets.open'));
    open.href = ticket.link;
    open.target = '_blank';
    open.rel = 'noopener';
    box.append(open);
  }
  if (ticket.reminder) box.append(el('div', 'late', ticket.reminder));
  const select = el('select');
  select.className = 'status-select';
  for (const s of statuses) select.appendChild(el('option', undefined, s)).value = s;
  select.value = ticket.status;
  const note = el('input');
  note.type = 'text';
  note.className = 'note';
  note.placeholder = t('ui.tickets.note');
  const save = el('button', 'action', t('ui.tickets.save'));
  save.type = 'button';
  save.addEventListener('click', () => {
    if (select.value === ticket.status) {
      status(t('ui.tickets.unchanged'), 'error');
      return;
    }
    save.disabled = true;
    status(t('ui.manual.sending'), 'busy');
    runServer<OwnTickets>(
      'setMyTicketStatus',
      [ticket.ticketNo, select.value, note.value],
      (list) => {
        render(list);
        status(t('ui.tickets.saved', { ticket: ticket.ticketNo, status: select.value }), 'ok');
      },
      (error) => {
        // The card keeps what was chosen and typed.
        save.disabled = false;
        status(t('ui.review.failed', { reason: reasonOf(error) }), 'error');
      },
    );
  });
  box.append(select, note, save);
  if (ticket.status === WAITING) box.append(el('div', 'secondary', t('ui.tickets.waiting')));
  else box.append(askButton(ticket, note, save));
  if (ticket.pending) box.append(pendingBlock(ticket.ticketNo, ticket.pending));
  return box;
}

function pendingBlock(ticketNo: string, pending: NonNullable<OwnTicket['pending']>): HTMLElement {
  const block = el('div', 'pending');
  block.append(el('div', 'secondary', t('ui.tickets.changes')));
  if (pending.fields.length === 0) block.append(el('div', 'late', t('ui.tickets.changesUnreadable')));
  for (const f of pending.fields) block.append(el('div', 'change', `${f.label}：${f.value}`));
  const confirm = el('button', undefined, t('ui.tickets.confirm'));
  confirm.type = 'button';
  confirm.className = 'confirm';
  confirm.addEventListener('click', () => {
    confirm.disabled = true;
    status(t('ui.manual.sending'), 'busy');
    runServer<ConfirmedChanges>(
      'confirmMyTicketChanges',
      [ticketNo],
      (reply) => {
        render(reply.list);
        const fields = reply.fields.join(listSeparator(reply.list.locale));
        status(fields ? t('ui.tickets.confirmed', { ticket: ticketNo, fields }) : t('ui.tickets.nothingChanged', { ticket: ticketNo }), 'ok');
      },
      (error) => {
        confirm.disabled = false;
        status(t('ui.review.failed', { reason: reasonOf(error) }), 'error');
      },
    );
  });
  block.append(confirm);
  return block;
}

function render(list: OwnTickets): void {
  t = translator(list.locale);
  document.title = t('ui.tickets.title');
  document.getElementById('title')!.textContent = t('ui.tickets.title');
  const waiting = list.tickets.filter((x) => x.pending).length;
  document.getElementById('intro')!.textContent = t('ui.tickets.intro', { me: list.me }) + (waiting ? ' ' + t('ui.tickets.pendingCount', { count: waiting }) : '');
  const container = document.getElementById('list')!;
  container.replaceChildren(...list.tickets.map((x) => card(x, list.statuses)));
  if (list.tickets.length === 0) status(t('ui.tickets.empty'), 'ok');
}

runServer<OwnTickets>('myTickets', [], render, (e) => status(t('ui.review.failed', { reason: reasonOf(e) }), 'error'));
