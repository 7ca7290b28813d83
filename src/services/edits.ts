/**
 * Staff edits in 工单 (the installable edit trigger), one cell or a pasted
 * block alike: every row is identified by its own 工单编号, and the old value
 * of a pasted cell comes from the row's hidden 上次状态 / 上次负责人, so sorting,
 * inserted columns and fill-down never send a write to the wrong ticket.
 *
 * - 状态: a value outside the list is refused (old value restored, reason in
 *   a note); a change is recorded in 历史 (with 进度说明), stamps 首次响应时间 /
 *   解决时间 / 关闭时间, and on the notifying statuses mails the customer
 *   (with the survey link at 问题已解决). Moving backwards is a reopen.
 * - 负责人: a change is recorded and the new owner mailed.
 * - 工单编号: cannot be changed or deleted (restored when the old value is known).
 *
 * Calls per edit do not depend on the sheet's size: one read of the edited
 * rows, one write per changed column, mail lookups by TextFinder.
 */
import { renderProgress, renderReassignment } from '../domain/email';
import { HISTORY_ACTION, STATUSES, SYSTEM_ACTOR, isDone, isStatus } from '../domain/vocabulary';
import { transition } from '../domain/lifecycle';
import { t } from '../i18n/messages';
import { CUSTOMERS, HISTORY, INTERNAL, NUMBER_FORMAT, TICKETS, type ColumnKind } from '../sheets/schema';
import type { Cell, Row, Table } from '../sheets/table';
import { AppContext } from './context';
import { withScriptLock } from './lock';
import { deliverAll, type OutgoingMail } from './mail-queue';
import { isMailAddress } from './notify';
import { formatDateTime } from './platform';
import { surveyUrl } from './survey';

/** Columns an edit may write back, with their kind (for the number format). */
const WRITABLE: readonly [string, ColumnKind][] = [
  ['工单编号', 'text'],
  ['状态', 'text'],
  ['提醒', 'text'],
  ['首次响应时间', 'datetime'],
  ['解决时间', 'datetime'],
  [INTERNAL.closedAt, 'datetime'],
  [INTERNAL.lastStatus, 'text'],
  [INTERNAL.lastOwner, 'text'],
  [INTERNAL.escalation, 'int'],
];

/** Above this many mails in one edit, customers' addresses are read in one batch instead of one search each. */
const LOOKUP_BATCH = 5;

export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // A function named onEdit also runs as a simple trigger (no triggerUid, no
  // authorisation); the installable trigger handles every edit, once.
  if (!e || !(e as unknown as { triggerUid?: string }).triggerUid || !e.range) return;
  const r = e.range;
  if (r.getSheet().getName() !== TICKETS.name || r.getLastRow() < 2) return;
  // Under the script lock: the hourly job writes some of the same columns.
  const who = (e.user && e.user.getEmail()) || Session.getActiveUser().getEmail() || t('handler.unknownStaff');
  withScriptLock(() => {
    const ctx = AppContext.load();
    applyEdit(ctx, ctx.table(TICKETS), r, e.oldValue, who);
  });
}

/**
 * A status change made from a sidebar (我的工单): written into the row, then
 * handled exactly as if the staff member had picked it in the sheet. Only the
 * ticket's own 负责人 may change it there.
 */
export function changeOwnTicketStatus(ticketNo: string, status: string, note: string, who: string): void {
  withScriptLock(() => {
    const ctx = AppContext.load();
    const tickets = ctx.table(TICKETS);
    const row = tickets.findRows('工单编号', String(ticketNo))[0];
    if (row === undefined) throw new Error(t('edit.noSuchTicket', { ticket: ticketNo }));
    const values = tickets.readRows([row]).get(row)!;
    if (text(values['负责人']).toLowerCase() !== who.toLowerCase()) throw new Error(t('edit.notYourTicket', { ticket: ticketNo }));
    if (!isStatus(status)) throw new Error(t('edit.notAStatus', { value: status, allowed: STATUSES.join('、') }));
    const previous = text(values['状态']);
    tickets.update(row, note.trim() ? { 状态: status, 进度说明: note.trim().slice(0, 2000) } : { 状态: status });
    applyEdit(ctx, tickets, tickets.sheet.getRange(row, tickets.column('状态')), previous, who);
  });
}

function applyEdit(ctx: AppContext, tickets: Table, r: GoogleAppsScript.Spreadsheet.Range, eventOldValue: unknown, who: string): void {
  const inRange = (label: string) => {
    const c = tickets.column(label);
    return c >= r.getColumn() && c <= r.getLastColumn();
  };
  const touched = { number: inRange('工单编号'), status: inRange('状态'), owner: inRange('负责人') };
  if (!touched.number && !touched.status && !touched.owner) return;
  const first = Math.max(2, r.getRow());
  const count = r.getLastRow() - first + 1;
  const rowNumbers = Array.from({ length: count }, (_, i) => first + i);
  const read = tickets.readRows(rowNumbers);
  const single = count === 1 && r.getNumColumns() === 1;
  const oldValue = single && eventOldValue !== undefined ? String(eventOldValue) : '';

  const block = rowNumbers.map((n) => ({ ...read.get(n)! }));
  const changed = new Set<string>();
  const notes = new Map<number, { label: string; note: string }>();
  const history: Row[] = [];
  const progress: { values: Row; status: string }[] = [];
  const owners: { values: Row; from: string }[] = [];
  const set = (v: Row, label: string, value: Cell) => {
    if (v[label] !== value) {
      v[label] = value;
      changed.add(label);
    }
  };
  const record = (ticketNo: string, action: string, from: string, to: string, note = '') =>
    history.push({ 时间: ctx.now, 工单编号: ticketNo, 操作人: who, 动作: action, 原值: from, 新值: to, 说明: note });

  block.forEach((v, i) => {
    const rowNo = first + i;
    let ticketNo = text(v['工单编号']);
    if (touched.number && single && oldValue !== '' && ticketNo !== oldValue) {
      set(v, '工单编号', oldValue);
      notes.set(rowNo, { label: '工单编号', note: t('edit.ticketNoLocked', { value: oldValue }) });
      ticketNo = oldValue;
    }
    if (ticketNo === '') {
      if (touched.status || touched.owner || touched.number) {
        notes.set(rowNo, { label: '工单编号', note: touched.number ? t('edit.ticketNoCleared') : t('edit.noTicket') });
      }
      return;
    }
    if (touched.status) editStatus(v, rowNo, ticketNo);
    if (touched.owner) editOwner(v, ticketNo);
  });

  function editStatus(v: Row, rowNo: number, ticketNo: string): void {
    const status = text(v['状态']);
    // One cell: the event's old value; a pasted block has none, so the row's last accepted status.
    const previous = single ? oldValue : text(v[INTERNAL.lastStatus]) || '新建';
    if (status === previous) return;
    if (!isStatus(status)) {
      set(v, '状态', previous);
      notes.set(rowNo, { label: '状态', note: t('edit.badStatus', { value: status, allowed: STATUSES.join('、') }) });
      return;
    }
    const step = transition(previous, status, { firstResponse: filled(v['首次响应时间']), resolved: filled(v['解决时间']) });
    const note = text(v['进度说明']);
    record(ticketNo, step.reopen ? HISTORY_ACTION.reopened : HISTORY_ACTION.statusChanged, previous, status, note);
    if (step.stampFirstResponse) set(v, '首次响应时间', ctx.now);
    if (step.stampResolved) set(v, '解决时间', ctx.now);
    if (step.clearResolved) set(v, '解决时间', '');
    if (step.closed === 'set') set(v, INTERNAL.closedAt, ctx.now);
    if (step.closed === 'clear') set(v, INTERNAL.closedAt, '');
    if (isDone(status)) set(v, '提醒', '');
    if (step.reopen) {
      set(v, INTERNAL.escalation, 0);
      set(v, '提醒', '');
    }
    set(v, INTERNAL.lastStatus, status);
    if (ctx.config.followUp.notifyStatuses.includes(status)) progress.push({ values: v, status });
  }

  function editOwner(v: Row, ticketNo: string): void {
    const owner = text(v['负责人']);
    const previous = single ? oldValue : text(v[INTERNAL.lastOwner]);
    if (owner === previous || (!single && previous === '' && owner === '')) return;
    record(ticketNo, HISTORY_ACTION.ownerChanged, previous, owner);
    set(v, INTERNAL.lastOwner, owner);
    if (isMailAddress(owner)) owners.push({ values: v, from: previous || who });
  }

  writeBack(tickets, first, block, changed);
  writeNotes(tickets, first, count, notes);
  if (history.length) ctx.table(HISTORY).append(history);
  // Mail last: the sheet is already right if sending takes long or fails.
  const mails: OutgoingMail[] = [];
  const emails = customerEmails(ctx, progress.map((p) => text(p.values['客户编号'])));
  const noEmail: Row[] = [];
  for (const p of progress) {
    const ticketNo = text(p.values['工单编号']);
    const to = emails.get(text(p.values['客户编号'])) ?? '';
    if (!isMailAddress(to)) {
      noEmail.push({ 时间: ctx.now, 工单编号: ticketNo, 操作人: SYSTEM_ACTOR, 动作: HISTORY_ACTION.noEmail, 原值: '', 新值: p.status, 说明: t('history.noEmailNote') });
      continue;
    }
    const survey = p.status === '问题已解决' && ctx.config.followUp.survey ? surveyUrl(ticketNo) : '';
    mails.push({
      ticketNo,
      to,
      mail: renderProgress({
        companyName: ctx.config.companyName,
        customerName: text(p.values['姓名/企业名称']),
        ticketNo,
        status: p.status,
        note: text(p.values['进度说明']),
        surveyUrl: survey || undefined,
        locale: ctx.config.locale,
      }),
    });
  }
  for (const o of owners) {
    const ticketNo = text(o.values['工单编号']);
    const deadline = o.values['截止时间'];
    mails.push({
      ticketNo,
      to: text(o.values['负责人']),
      mail: renderReassignment({
        ticketNo,
        customerName: text(o.values['姓名/企业名称']),
        status: text(o.values['状态']),
        priority: text(o.values['优先级']),
        deadlineText: deadline instanceof Date ? formatDateTime(deadline, ctx.timeZone) : text(deadline),
        from: o.from,
        locale: ctx.config.locale,
      }),
    });
  }
  if (noEmail.length) ctx.table(HISTORY).append(noEmail);
  deliverAll(ctx, mails);
}

function text(v: Cell | undefined): string {
  return v === undefined || v === null ? '' : v instanceof Date ? v.toISOString() : String(v).trim();
}

function filled(v: Cell | undefined): boolean {
  return v instanceof Date || (v !== undefined && v !== null && String(v) !== '');
}

/** Writes each changed column over the edited block (one write per column). */
function writeBack(tickets: Table, first: number, block: readonly Row[], changed: ReadonlySet<string>): void {
  for (const [label, kind] of WRITABLE) {
    if (!changed.has(label)) continue;
    const values = block.map((v) => [v[label] === undefined || v[label] === null ? '' : v[label]!]);
    tickets.sheet
      .getRange(first, tickets.column(label), block.length, 1)
      .setNumberFormats(values.map(() => [NUMBER_FORMAT[kind]]))
      .setValues(values);
  }
}

/** The refusal notes, per column: the column's notes read and written once. */
function writeNotes(tickets: Table, first: number, count: number, notes: ReadonlyMap<number, { label: string; note: string }>): void {
  const labels = new Set([...notes.values()].map((n) => n.label));
  for (const label of labels) {
    const range = tickets.sheet.getRange(first, tickets.column(label), count, 1);
    const current = range.getNotes();
    for (const [row, n] of notes) if (n.label === label) current[row - first] = [n.note];
    range.setNotes(current);
  }
}

/** Customers' email addresses by 客户编号 (a search each for a few, one read of two columns for many). */
function customerEmails(ctx: AppContext, customerNos: readonly string[]): Map<string, string> {
  const wanted = new Set(customerNos.filter((n) => n !== ''));
  const out = new Map<string, string>();
  if (wanted.size === 0) return out;
  const customers = ctx.table(CUSTOMERS);
  if (wanted.size <= LOOKUP_BATCH) {
    for (const no of wanted) {
      const row = customers.findRows('客户编号', no)[0];
      if (row !== undefined) out.set(no, text(customers.readRows([row]).get(row)!['电子邮箱']));
    }
    return out;
  }
  const n = customers.dataRowCount();
  if (n === 0) return out;
  const nos = customers.sheet.getRange(2, customers.column('客户编号'), n, 1).getValues();
  const mails = customers.sheet.getRange(2, customers.column('电子邮箱'), n, 1).getValues();
  nos.forEach((r, i) => {
    const no = String(r[0]);
    if (wanted.has(no)) out.set(no, String(mails[i]![0]).trim());
  });
  return out;
}
