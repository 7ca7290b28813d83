/**
 * 个人信息请求 dialog (browser): staff find the customer who made the
 * request, then export, correct or delete their personal data. The server
 * checks the right and logs every call; this page only shows what it answers,
 * always through textContent, and never keeps one customer's details on
 * screen after a lookup for another has failed.
 */
import { translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { ExportSection, PersonFound, PersonalExport, PersonalRequestsSetup, RequestDone } from '../../contracts/personal-requests';
import { el, reasonOf, status } from './entry-form';

// Until the server answers with the Config's locale; only a failed setup call is shown in zh-CN.
let t: Translate = translator('zh-CN');
/** The customer on the card; every action acts on this one. */
let shown: PersonFound | null = null;
/** The last export, for 下载 CSV. */
let exported: PersonalExport | null = null;
let busy = false;

const node = (id: string) => document.getElementById(id)!;
const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const button = (id: string) => document.getElementById(id) as HTMLButtonElement;
const select = (id: string) => document.getElementById(id) as HTMLSelectElement;

const BUTTONS = ['find', 'export', 'correct', 'erase'];
const STATUSES = ['status', 'export-status', 'correct-status', 'erase-status'];

function clearStatus(id: string): void {
  const box = node(id);
  box.textContent = '';
  box.className = 'status';
}

/** A result stays until the next action starts. */
function clearStatuses(): void {
  for (const id of STATUSES) clearStatus(id);
}

/** One call at a time: the server acts on `shown`, which a second lookup would change underneath. */
function setBusy(on: boolean): void {
  busy = on;
  for (const id of BUTTONS) button(id).disabled = on;
  updateErase();
}

function typedMatches(): boolean {
  return shown !== null && input('erase-typed').value.trim().toUpperCase() === shown.customerNo.toUpperCase();
}

function updateErase(): void {
  button('erase').disabled = busy || !typedMatches();
}

function renderSetup(s: PersonalRequestsSetup): void {
  t = translator(s.locale);
  document.documentElement.lang = s.locale;
  document.title = t('pipl.title');
  const texts: [string, string][] = [
    ['intro', t('pipl.ui.intro')],
    ['query-label', t('pipl.ui.queryLabel')],
    ['find', t('pipl.ui.find')],
    ['no-label', t('pipl.ui.customerNo')],
    ['name-label', t('pipl.ui.name')],
    ['tickets-label', t('pipl.ui.tickets')],
    ['contact-label', t('pipl.ui.lastContact')],
    ['erased-note', t('pipl.ui.erasedNote')],
    ['export-title', t('pipl.ui.exportTitle')],
    ['export-hint', t('pipl.ui.exportHint')],
    ['export', t('pipl.ui.export')],
    ['export-note', t('pipl.ui.exportNote')],
    ['download', t('pipl.ui.download')],
    ['correct-title', t('pipl.ui.correctTitle')],
    ['field-label', t('pipl.ui.field')],
    ['value-label', t('pipl.ui.value')],
    ['correct-note-label', t('pipl.ui.note')],
    ['correct', t('pipl.ui.correct')],
    ['erase-title', t('pipl.ui.eraseTitle')],
    ['erase-warning', t('pipl.ui.eraseWarning')],
    ['erase-note-label', t('pipl.ui.note')],
    ['erase', t('pipl.ui.erase')],
  ];
  for (const [id, text] of texts) node(id).textContent = text;
  input('query').placeholder = t('pipl.ui.queryPlaceholder');
  input('correct-note').placeholder = t('pipl.ui.correctNotePlaceholder');
  input('erase-note').placeholder = t('pipl.ui.eraseNotePlaceholder');
  const fields = select('correct-field');
  fields.replaceChildren();
  fields.appendChild(el('option', undefined, t('pipl.ui.choose'))).value = '';
  for (const f of s.fields) fields.appendChild(el('option', undefined, f.label)).value = f.key;
  (node('lookup') as HTMLFormElement).hidden = false;
}

function clearExport(): void {
  exported = null;
  node('sections').replaceChildren();
  node('export-result').hidden = true;
}

/** Empties every action, so nothing typed or shown for one customer is left for the next. */
function resetActions(): void {
  clearExport();
  select('correct-field').value = '';
  for (const id of ['correct-value', 'correct-note', 'erase-typed', 'erase-note']) input(id).value = '';
  for (const id of STATUSES.slice(1)) clearStatus(id);
}

function clearPerson(): void {
  shown = null;
  resetActions();
  for (const id of ['card-no', 'card-name', 'card-tickets', 'card-contact', 'erase-typed-label']) node(id).textContent = '';
  node('person').hidden = true;
  updateErase();
}

/** `refresh`: the same customer read again after an action, whose result stays beside it. */
function showPerson(p: PersonFound, refresh: boolean): void {
  if (!refresh || shown?.customerNo !== p.customerNo) resetActions();
  // An export taken before a change no longer says what is stored.
  else clearExport();
  shown = p;
  node('card-no').textContent = p.customerNo;
  node('card-name').textContent = p.erased ? t('pipl.ui.erasedName') : p.name || t('pipl.ui.unknown');
  node('card-tickets').textContent = String(p.tickets);
  node('card-contact').textContent = p.lastContact || t('pipl.ui.unknown');
  node('erased-note').hidden = !p.erased;
  // Once erased there is nothing left to export, correct or delete; the deletion's own result stays visible.
  node('export-act').hidden = p.erased;
  node('correct-act').hidden = p.erased;
  node('erase-controls').hidden = p.erased;
  node('erase-typed-label').textContent = t('pipl.ui.eraseConfirm', { customer: p.customerNo });
  node('person').hidden = false;
  updateErase();
}

function lookup(query: string): void {
  clearStatuses();
  setBusy(true);
  status(t('pipl.ui.finding'), 'busy');
  runServer<PersonFound>(
    'findPersonalData',
    [query],
    (p) => {
      setBusy(false);
      clearStatus('status');
      showPerson(p, false);
    },
    (error) => {
      setBusy(false);
      clearPerson();
      status(reasonOf(error), 'error');
    },
  );
}

/** A failed action: the reason beside it; what was typed stays, to be corrected and sent again. */
function failedIn(statusId: string): (error: unknown) => void {
  return (error) => {
    setBusy(false);
    status(t('pipl.ui.notDone', { reason: reasonOf(error) }), 'error', statusId);
  };
}

/** After an action: its message beside it, then the card read again so it shows what is stored now. */
function afterAction(done: RequestDone, statusId: string): void {
  status(done.message, 'ok', statusId);
  runServer<PersonFound>(
    'findPersonalData',
    [done.customerNo],
    (p) => {
      setBusy(false);
      showPerson(p, true);
    },
    (error) => {
      setBusy(false);
      clearPerson();
      status(t('pipl.ui.doneNotRefreshed', { message: done.message, reason: reasonOf(error) }), 'error');
    },
  );
}

function sectionTable(s: ExportSection): HTMLElement {
  const box = el('section', 'export-section');
  box.append(el('h4', undefined, s.title));
  const table = el('table');
  const head = table.createTHead().insertRow();
  for (const h of s.headers) head.appendChild(el('th', undefined, h)).scope = 'col';
  const body = table.createTBody();
  if (s.rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = Math.max(1, s.headers.length);
    cell.textContent = t('pipl.none');
  }
  for (const row of s.rows) {
    const tr = body.insertRow();
    // A long cell (a mail's body) scrolls inside itself rather than stretching its whole row.
    for (const value of row) tr.insertCell().append(el('div', 'cell', value));
  }
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  box.append(wrap);
  return box;
}

function renderExport(x: PersonalExport): void {
  exported = x;
  node('sections').replaceChildren(...x.sections.map(sectionTable));
  node('export-result').hidden = false;
}

function download(x: PersonalExport): void {
  // Excel reads UTF-8 only with a byte-order mark; the server's text should carry one already.
  const text = x.csv.startsWith('\uFEFF') ? x.csv : '\uFEFF' + x.csv;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = el('a');
  link.href = url;
  link.download = x.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The revealed data should not outlive the download in the page's memory; the delay lets the download start.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

node('lookup').addEventListener('submit', (e) => {
  e.preventDefault();
  if (busy) return;
  const query = input('query').value.trim();
  if (!query) {
    clearStatuses();
    clearPerson();
    status(t('pipl.ui.queryEmpty'), 'error');
    return;
  }
  lookup(query);
});

button('export').addEventListener('click', () => {
  if (busy || !shown) return;
  const customerNo = shown.customerNo;
  clearStatuses();
  clearExport();
  setBusy(true);
  status(t('pipl.ui.exporting'), 'busy', 'export-status');
  runServer<PersonalExport>(
    'exportPersonalData',
    [customerNo],
    (x) => {
      setBusy(false);
      renderExport(x);
      status(t('pipl.ui.exported', { count: x.sections.length }), 'ok', 'export-status');
    },
    failedIn('export-status'),
  );
});

button('download').addEventListener('click', () => {
  if (exported) download(exported);
});

node('correct-act').addEventListener('submit', (e) => {
  e.preventDefault();
  if (busy || !shown) return;
  clearStatuses();
  const field = select('correct-field').value;
  if (!field) {
    status(t('pipl.ui.chooseField'), 'error', 'correct-status');
    return;
  }
  setBusy(true);
  status(t('pipl.ui.correcting'), 'busy', 'correct-status');
  runServer<RequestDone>(
    'correctPersonalData',
    [shown.customerNo, field, input('correct-value').value, input('correct-note').value],
    (done) => {
      select('correct-field').value = '';
      input('correct-value').value = '';
      input('correct-note').value = '';
      afterAction(done, 'correct-status');
    },
    failedIn('correct-status'),
  );
});

input('erase-typed').addEventListener('input', updateErase);

node('erase-act').addEventListener('submit', (e) => {
  e.preventDefault();
  if (busy || !shown || !typedMatches()) return;
  clearStatuses();
  setBusy(true);
  status(t('pipl.ui.erasing'), 'busy', 'erase-status');
  runServer<RequestDone>(
    'erasePersonalData',
    // Customer numbers are upper case; the server compares what was typed with the number.
    [shown.customerNo, input('erase-typed').value.trim().toUpperCase(), input('erase-note').value],
    (done) => {
      input('erase-typed').value = '';
      input('erase-note').value = '';
      afterAction(done, 'erase-status');
    },
    failedIn('erase-status'),
  );
});

runServer<PersonalRequestsSetup>('personalRequestsSetup', [], renderSetup, (e) => status(reasonOf(e), 'error'));
