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
 * The last processed status and owner (上次状态 / 上次负责人) say what is done:
 * a trigger fired twice finds its change processed and does nothing; a change
 * whose trigger was dropped or refused for a busy lock is found by the hourly
 * job (catchUpEdits). Every write is addressed by 工单编号 and re-checked just
 * before it lands (keyed-writes.ts); what cannot be placed is left to that job.
 *
 * Calls per edit do not depend on the sheet's size: one read of the edited
 * rows, a few re-reads of row 1 and of the block's keys, one write per run of
 * changed cells per column, mail lookups by TextFinder.
 */
import { NO_CONTACT, renderInfoRequest, renderProgress, renderReassignment, renderSupplied } from '../domain/email';
import { HISTORY_ACTION, STATUS, STATUSES, SYSTEM_ACTOR, isStatus } from '../domain/vocabulary';
import { ownerDirectory } from '../domain/owners';
import { clockStart } from '../domain/entry-delay';
import { rowLink } from '../domain/sheet-link';
import { decideCatchUp, decideEdit, type DeadlineRules, type EditedRow, type Touched, type HistoryEvent, type NoteColumn, type RowDecision, type RowWrites } from '../domain/ticket-edit';
import { format } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { CONFIG, CUSTOMERS, HISTORY, INTERNAL, RETRO, TICKETS } from '../sheets/schema';
import { cellText, type Cell, type Row, type RowFor, type Table } from '../sheets/table';
import { AppContext } from './context';
import { customerContacts } from './contacts';
import { forgetConfig, forgetLayouts } from './workbook-cache';
import { followConfigEdit } from './config-edits';
import { headersStand, writeByKey, type KeyedCell } from './keyed-writes';
import { withScriptLock } from './lock';
import { CHANNELS } from './channels';
import { recordOutbound, sendClaims, type Claim } from './outbound';
import { raisedMessages, type RaisedTicket } from './robots';
import { queueSms, statusSmsEvent, type SmsCandidate } from './sms';
import { allProperties } from './store';
import { deliverAfterLock, deliverAll, historyRow, recordMails, type OutgoingMail, type RecordedMail } from './mail-queue';
import { customerReplyTo } from './notify';
import { handleCustomerEdit } from './customer-edits';
import { handleRetroEdit } from './retro-edits';
import { isMailAddress } from '../domain/validate';
import { actingStaff, formatDateTime } from './platform';
import { surveyUrl } from './survey';
import { prefiller } from './prefill';
import { workingHoursText } from '../domain/pause';

/** Where each cell of an edit decision is written. */
const WRITE_COLUMNS: readonly [keyof RowWrites, string][] = [
  ['ticketNo', TICKETS.col.no],
  ['status', TICKETS.col.status],
  ['reminder', TICKETS.col.reminder],
  ['firstResponseAt', TICKETS.col.firstResponseAt],
  ['resolvedAt', TICKETS.col.resolvedAt],
  ['closedAt', INTERNAL.closedAt],
  ['lastStatus', INTERNAL.lastStatus],
  ['lastOwner', INTERNAL.lastOwner],
  ['escalation', INTERNAL.escalation],
  ['priority', TICKETS.col.priority],
  ['owner', TICKETS.col.owner],
  ['deadline', TICKETS.col.deadline],
  ['pausedAt', TICKETS.col.pausedAt],
  ['pausedFrom', TICKETS.col.pausedFrom],
  ['pausedMinutes', TICKETS.col.pausedMinutes],
];

const NOTE_COLUMNS: Record<NoteColumn, string> = {
  ticketNo: TICKETS.col.no, status: TICKETS.col.status, priority: TICKETS.col.priority, deadline: TICKETS.col.deadline,
  owner: TICKETS.col.owner,
};


export function handleEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  // Only the installable trigger (it carries a triggerUid) handles edits; anything
  // else calling this (a stray simple trigger, a manual run) changes nothing.
  if (!e || !(e as unknown as { triggerUid?: string }).triggerUid || !e.range) return;
  const r = e.range;
  // A header typed over: the header rows the script cache holds may be stale.
  if (r.getRow() === 1) forgetLayouts();
  const sheet = r.getSheet().getName();
  if (sheet === CONFIG.name) {
    forgetConfig();
    followConfigEdit(r.getRow());
    return;
  }
  if (sheet === CUSTOMERS.name && r.getLastRow() >= 2) {
    handleCustomerEdit(AppContext.load(), r, e, actingStaff(e.user));
    return;
  }
  if (sheet === RETRO.name && r.getLastRow() >= 2) {
    handleRetroEdit(AppContext.load(), r, e);
    return;
  }
  if (sheet !== TICKETS.name || r.getLastRow() < 2) return;
  const who = actingStaff(e.user);
  // 配置 and the sheets' header rows are read before the lock, mail goes after it: the lock covers
  // the rows' reads and writes only (the hourly job writes some of the same columns).
  const ctx = AppContext.load();
  const tickets = ctx.tableFromCache(TICKETS);
  // An edit of no column the add-on follows changes nothing; a cached layout is read afresh before it says so.
  if (!touchedBy(tickets, r).any && !(tickets.fromCache && tickets.layoutMoved() && touchedBy(tickets, r).any)) return;
  ctx.tableFromCache(HISTORY);
  notifyAfterLock(ctx, withScriptLock(() => applyEdit(ctx, tickets, r, e, who)));
}

/** A submission from a ticket's own customer naming it in 关联工单号 (the 请补充信息 link fills it in). */
export interface Answered {
  waitingTicket: string;
  customerNo: string;
  /** The ticket the answer was filed as. */
  answerTicket: string;
  /** 经办人 of the answer (线上表单 for the Form). */
  who: string;
}

/**
 * Ends the 待客户补充 pause of the tickets their customer has just answered,
 * as staff moving on would (the deadline moves on by the paused working time),
 * back to 方案已提交 if it paused there, else to 已联系客户 (the customer was asked);
 * 历史 names the ticket the answer was filed as. Anything else named in
 * 关联工单号 (another customer's ticket, one not waiting) is left alone.
 * Call under the script lock, after the answers were filed. A failure here
 * leaves the ticket waiting (staff see the answer, linked, in 工单) and never
 * undoes the filing.
 */
export function resumeAnswered(ctx: AppContext, answers: readonly Answered[]): RecordedMail[] {
  if (answers.length === 0) return [];
  const notices: OutgoingMail[] = [];
  try {
    const tickets = ctx.table(TICKETS);
    for (const a of answers) {
      const row = tickets.findRows(TICKETS.col.no, a.waitingTicket)[0];
      if (row === undefined) continue;
      const values = tickets.readRows([row]).get(row)!;
      if (cellText(values[TICKETS.col.status]) !== STATUS.waiting || cellText(values[TICKETS.col.customerNo]) !== a.customerNo) continue;
      const paused = cellText(values[INTERNAL.pausedFrom]);
      // Back to where it paused, if that was a working status; a ticket reopened into the pause, or paused at 新建, goes to 已联系客户.
      const back = paused === STATUS.proposed ? paused : STATUS.contacted;
      const decision = decideEdit({
        rows: [{ ...editedRow(values), status: back, lastStatus: STATUS.waiting }],
        touched: { number: false, status: true, owner: false },
        single: false, oldValue: '', now: ctx.now, notifyStatuses: [], who: a.who, deadlines: deadlineRules(ctx),
      });
      const d = decision.rows[0]!;
      d.writes.status = back;
      const supplied = { ticketNo: a.waitingTicket, action: HISTORY_ACTION.customerSupplied, from: '', to: a.answerTicket, note: ctx.t('history.customerSuppliedNote', { ticket: a.answerTicket }) };
      carryOut(ctx, tickets, [{ row, values }], [d], [supplied, ...decision.history], a.who, (note) => note, false);
      notices.push(suppliedNotice(ctx, values, row, a, back, d.writes.deadline ?? values[TICKETS.col.deadline]));
    }
  } catch (err) {
    // Numbers only: the answer is filed; its ticket stays waiting for staff to move on.
    console.warn(`待客户补充 not resumed for ${answers.map((a) => a.waitingTicket).join(', ')}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Recorded under the caller's lock with the resumed ticket, sent by the caller after it (or by the hourly job).
  return recordMails(ctx, notices.filter((n) => n.to !== ''));
}

/** The owner's notice that the customer answered and the ticket runs again. */
function suppliedNotice(ctx: AppContext, values: Row, row: number, a: Answered, status: string, deadline: Cell | undefined): OutgoingMail {
  const owners = ownerDirectory(ctx.config);
  const owner = cellText(values[TICKETS.col.owner]);
  return {
    ticketNo: a.waitingTicket,
    to: owners.email(owner),
    mail: renderSupplied({
      ticketNo: a.waitingTicket,
      answerTicket: a.answerTicket,
      customerName: cellText(values[TICKETS.col.name]),
      status,
      deadlineText: deadline instanceof Date ? formatDateTime(deadline, ctx.timeZone) : cellText(deadline),
      recipientName: owners.name(owner),
      contact: NO_CONTACT,
      link: rowLink(ctx.ticketsLink(), row),
      locale: ctx.config.locale,
    }),
  };
}

/** Which followed columns of 工单 the edited range covers. */
function touchedBy(tickets: Table, r: GoogleAppsScript.Spreadsheet.Range): Touched & { any: boolean } {
  const inRange = (label: string) => {
    const c = tickets.column(label);
    return c >= r.getColumn() && c <= r.getLastColumn();
  };
  const touched = {
    number: inRange(TICKETS.col.no), status: inRange(TICKETS.col.status), owner: inRange(TICKETS.col.owner),
    priority: inRange(TICKETS.col.priority), deadline: inRange(TICKETS.col.deadline),
  };
  return { ...touched, any: Object.values(touched).some(Boolean) };
}

/**
 * A status change made from a sidebar (我的工单): written into the row, then
 * handled exactly as if the staff member had picked it in the sheet. Only the
 * ticket's own 负责人 may change it there.
 */
export function changeOwnTicketStatus(ctx: AppContext, ticketNo: string, status: string, note: string, who: string): void {
  notifyAfterLock(ctx, withScriptLock(() => {
    const tickets = ctx.table(TICKETS);
    const row = tickets.findRows(TICKETS.col.no, String(ticketNo))[0];
    if (row === undefined) throw new UserError('edit.noSuchTicket', { ticket: ticketNo });
    const values = tickets.readRows([row]).get(row)!;
    if (!ownerDirectory(ctx.config).owns(cellText(values[TICKETS.col.owner]), who)) throw new UserError('edit.notYourTicket', { ticket: ticketNo });
    if (!isStatus(status)) throw new UserError('edit.notAStatus', { value: status, allowed: STATUSES.join('、') });
    const previous = cellText(values[TICKETS.col.status]);
    const cells: KeyedCell[] = [{ key: ticketNo, row, label: TICKETS.col.status, value: status }];
    if (note.trim()) cells.push({ key: ticketNo, row, label: TICKETS.col.progressNote, value: note.trim().slice(0, 2000) });
    if (writeByKey(tickets, TICKETS.col.no, cells).length) throw new UserError('edit.noSuchTicket', { ticket: ticketNo });
    return applyEdit(ctx, tickets, tickets.sheet.getRange(row, tickets.column(TICKETS.col.status)), { oldValue: previous, value: status }, who);
  }));
}

function applyEdit(ctx: AppContext, tickets: Table, r: GoogleAppsScript.Spreadsheet.Range, event: { oldValue?: unknown; value?: unknown }, who: string): EditNotices {
  const first = Math.max(2, r.getRow());
  const count = r.getLastRow() - first + 1;
  const rowNumbers = Array.from({ length: count }, (_, i) => first + i);
  let read = tickets.readRows(rowNumbers);
  if (!headersStand(tickets)) {
    // Row 1 is not the one the rows were read under (a cached layout gone stale, or columns moved since):
    // followed and the rows read again, once; moved again, the hourly job processes the change instead.
    tickets.layoutMoved();
    read = tickets.readRows(rowNumbers);
    if (!headersStand(tickets)) return NO_NOTICES;
  }
  const { any, ...touched } = touchedBy(tickets, r);
  if (!any) return NO_NOTICES;
  const block = rowNumbers.map((row) => ({ row, values: read.get(row)! }));
  // The event's old value belongs to the cell as edited: when the cell no longer holds the
  // event's new value (rows sorted or moved since, or edited again), it says nothing of this row.
  const cell = r.getNumColumns() === 1 && count === 1 ? cellText(block[0]!.values[tickets.headers[r.getColumn() - 1]!]) : null;
  const single = cell !== null && event.oldValue !== undefined && cell === (event.value === undefined ? '' : String(event.value).trim());
  const decision = decideEdit({
    rows: block.map((b) => editedRow(b.values)),
    touched,
    single,
    oldValue: single ? String(event.oldValue) : '',
    now: ctx.now,
    notifyStatuses: ctx.config.followUp.notifyStatuses,
    who,
    deadlines: deadlineRules(ctx),
    owners: ownerDirectory(ctx.config),
  });
  return carryOut(ctx, tickets, block, decision.rows, decision.history, who, (note) => note, true);
}

/** What a hand-set priority, deadline or the end of a 待客户补充 pause moves the deadline by. */
function deadlineRules(ctx: AppContext): DeadlineRules {
  return {
    sla: ctx.config.sla,
    calendar: ctx.config.calendar,
    utcOffset: ctx.utcOffset,
    formatTime: (ms) => formatDateTime(new Date(ms), ctx.timeZone),
    movedNote: (deadline) => ctx.t('edit.deadlineMoved', { deadline }),
    pausedNote: (minutes) => ctx.t('edit.pauseEnded', { hours: workingHoursText(minutes) }),
  };
}

/** The cells of a 工单 row the edit decision needs. */
function editedRow(v: Row): EditedRow {
  return {
    ticketNo: cellText(v[TICKETS.col.no]),
    status: cellText(v[TICKETS.col.status]),
    owner: cellText(v[TICKETS.col.owner]),
    lastStatus: cellText(v[INTERNAL.lastStatus]),
    lastOwner: cellText(v[INTERNAL.lastOwner]),
    firstResponseStamped: filled(v[TICKETS.col.firstResponseAt]),
    resolvedStamped: filled(v[TICKETS.col.resolvedAt]),
    progressNote: cellText(v[TICKETS.col.progressNote]),
    priority: cellText(v[TICKETS.col.priority]),
    deadlineMs: dateMs(v[TICKETS.col.deadline]),
    deadlineText: v[TICKETS.col.deadline] instanceof Date ? '' : cellText(v[TICKETS.col.deadline]),
    submittedMs: clockStart(cellText(v[TICKETS.col.channel]), dateMs(v[TICKETS.col.submittedAt]), dateMs(v[TICKETS.col.enteredAt])),
    pausedAtMs: dateMs(v[TICKETS.col.pausedAt]),
    pausedMinutes: Number(v[TICKETS.col.pausedMinutes]) || 0,
  };
}

function dateMs(v: Cell | undefined): number | null {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null;
}

/**
 * Status and owner changes that no edit trigger processed (dropped, or refused
 * for a busy lock), found in rows the hourly job has read: processed as the
 * trigger would, recorded as the system's with a note saying so. `rows` are
 * updated in memory, so what the job decides next sees them as handled.
 * Call under the script lock.
 */
export function catchUpEdits(ctx: AppContext, tickets: Table, rows: readonly { row: number; values: Row }[]): void {
  const decision = decideCatchUp({
    rows: rows.map((b) => editedRow(b.values)), now: ctx.now, notifyStatuses: ctx.config.followUp.notifyStatuses, who: SYSTEM_ACTOR,
    owners: ownerDirectory(ctx.config), deadlines: deadlineRules(ctx),
  });
  const pending = rows.flatMap((b, i) => (decision.rows[i] ? [{ block: b, decision: decision.rows[i]! }] : []));
  if (pending.length === 0) return;
  const notices = carryOut(ctx, tickets, pending.map((p) => p.block), pending.map((p) => p.decision), decision.history, SYSTEM_ACTOR, (note) => ctx.t('history.caughtUpNote', { note }).trim(), false);
  const { mails, history, sms } = noticeMails(ctx, notices);
  deliverAll(ctx, mails, history);
  // Recorded now, sent by the hourly job's delivery of 通知队列 after its lock.
  recordSms(ctx, sms, 0);
}

/** Who an edit's outcome is mailed to: customers told of progress, owners of a ticket handed to them. */
interface EditNotices {
  progress: { values: Row; status: string }[];
  /** `row`: where the ticket was when the edit read it, for the mail's link. */
  owners: { values: Row; from: string; row: number }[];
  /** The robots' messages of tickets raised to 高, recorded with the edit: sent after the lock. */
  claims: Claim[];
}
const NO_NOTICES: EditNotices = { progress: [], owners: [], claims: [] };

/** An edit's mails, once the lock is released: addresses looked up, mails sent; only what must wait is written, under the lock again. */
function notifyAfterLock(ctx: AppContext, notices: EditNotices): void {
  sendClaims(ctx, CHANNELS, notices.claims);
  const { mails, history, sms } = noticeMails(ctx, notices);
  deliverAfterLock(ctx, mails, history);
  if (sms.length === 0 || ctx.config.sms.provider === 'none') return;
  // Like a mail that could not go, an SMS not recorded exists nowhere else: the lock is waited for long.
  sendClaims(ctx, CHANNELS, withScriptLock(() => recordSms(ctx, sms), SMS_RECORD_WAIT_MS));
}

/** How long an edit's SMS waits for the lock to be recorded (inside the execution's 6 minutes). */
const SMS_RECORD_WAIT_MS = 4 * 60 * 1000;

/** The SMS of customers' progress: decided, said in 历史 and recorded in 通知队列 (call under the script lock). */
function recordSms(ctx: AppContext, candidates: readonly SmsCandidate[], maxRequests?: number): Claim[] {
  if (candidates.length === 0 || ctx.config.sms.provider === 'none') return [];
  const props = allProperties();
  const messages = queueSms(ctx, candidates, () => props);
  return messages.length ? recordOutbound(ctx, CHANNELS, messages, props, maxRequests) : [];
}

/**
 * Writes a decision, each cell addressed by its row's 工单编号; then 历史 for
 * the rows whose cells all landed, and says whom to mail about them
 * (`fresh`: the rows and row 1 were read just now, under the lock). A row that could not be placed
 * (rows moved or deleted meanwhile) keeps its change unrecorded, for the
 * hourly catch-up: its 上次状态 / 上次负责人 were not written either.
 */
function carryOut(ctx: AppContext, tickets: Table, block: readonly { row: number; values: Row }[], rows: readonly RowDecision[], events: readonly HistoryEvent[], who: string, noteOf: (note: string) => string, fresh: boolean): EditNotices {
  const cells: KeyedCell[] = [];
  rows.forEach((d, i) => {
    const { row, values } = block[i]!;
    const key = cellText(values[TICKETS.col.no]);
    for (const [field, label] of WRITE_COLUMNS) {
      const value = d.writes[field];
      if (value !== undefined && values[label] !== value) cells.push({ key, row, label, value });
    }
    if (d.note) cells.push({ key, row, label: NOTE_COLUMNS[d.note.column], note: format(d.note.key, d.note.params, ctx.locale) });
  });
  const unplaced = new Set(writeByKey(tickets, TICKETS.col.no, cells, { fresh }).map((c) => c.row));
  const done = new Set<string>();
  const progress: { values: Row; status: string }[] = [];
  const owners: EditNotices['owners'] = [];
  rows.forEach((d, i) => {
    const { row, values } = block[i]!;
    if (unplaced.has(row)) return;
    done.add(d.ticketNo);
    for (const [field, label] of WRITE_COLUMNS) if (d.writes[field] !== undefined) values[label] = d.writes[field]!;
    if (d.notify) progress.push({ values, status: d.notify });
    if (d.ownerMailFrom !== undefined) owners.push({ values, from: d.ownerMailFrom, row });
  });
  const history: RowFor<typeof HISTORY>[] = events.filter((h) => done.has(h.ticketNo)).map((h) => ({
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: h.ticketNo, [HISTORY.col.actor]: who, [HISTORY.col.action]: h.action,
    [HISTORY.col.oldValue]: h.from, [HISTORY.col.newValue]: h.to, [HISTORY.col.note]: noteOf(h.note),
  }));
  if (history.length) ctx.table(HISTORY).append(history);
  // Raised to 高 by hand: the robots sent 高 tickets hear of it as of one filed 高 (recorded now, with the edit).
  const at = new Map(rows.map((d, i) => [d.ticketNo, block[i]!]));
  const raised: RaisedTicket[] = events
    .filter((h) => h.action === HISTORY_ACTION.priorityChanged && h.to === '高' && h.from !== '高' && done.has(h.ticketNo) && at.has(h.ticketNo))
    .map((h) => ({ ...at.get(h.ticketNo)!, from: h.from, who }));
  const messages = raisedMessages(ctx, raised);
  return { progress, owners, claims: messages.length ? recordOutbound(ctx, CHANNELS, messages, allProperties()) : [] };
}

/** The mails an edit's notices make, and 历史's rows for customers without an address and for requests sent (to be written under the lock). */
function noticeMails(ctx: AppContext, { progress, owners }: EditNotices): { mails: OutgoingMail[]; history: RowFor<typeof HISTORY>[]; sms: SmsCandidate[] } {
  const mails: OutgoingMail[] = [];
  const sms: SmsCandidate[] = [];
  // One lookup for both: the customers' addresses, and the contact the new owners get.
  const contacts = customerContacts(ctx, [...progress, ...owners].map((p) => cellText(p.values[TICKETS.col.customerNo])));
  const noEmail: RowFor<typeof HISTORY>[] = [];
  const prefilled = prefiller();
  for (const p of progress) {
    const ticketNo = cellText(p.values[TICKETS.col.no]);
    const contact = contacts.get(cellText(p.values[TICKETS.col.customerNo]));
    const to = contact?.email ?? '';
    sms.push({ event: statusSmsEvent(ctx, p.status === STATUS.resolved), ticketNo, status: p.status, mobile: contact?.mobile ?? '', hasEmail: isMailAddress(to) });
    if (!isMailAddress(to)) {
      noEmail.push(historyRow(ctx, ticketNo, HISTORY_ACTION.noEmail, p.status, ctx.t('history.noEmailNote')));
      continue;
    }
    const replyTo = customerReplyTo(ctx, cellText(p.values[TICKETS.col.owner]), cellText(p.values[INTERNAL.team]));
    const envelope = { ticketNo, to, ...(replyTo ? { replyTo } : {}) };
    if (p.status === STATUS.waiting) {
      mails.push({
        ...envelope,
        mail: renderInfoRequest({
          companyName: ctx.config.companyName,
          customerName: cellText(p.values[TICKETS.col.name]),
          ticketNo,
          note: cellText(p.values[TICKETS.col.progressNote]),
          formUrl: prefilled(customerRecord(ctx, cellText(p.values[TICKETS.col.customerNo])), ticketNo),
          replyable: replyTo !== '',
          locale: ctx.config.locale,
        }),
      });
      noEmail.push(historyRow(ctx, ticketNo, HISTORY_ACTION.infoRequested, to, ctx.t('history.infoRequestNote')));
      continue;
    }
    const survey = p.status === STATUS.resolved && ctx.config.followUp.survey ? surveyUrl(ticketNo) : '';
    mails.push({
      ...envelope,
      mail: renderProgress({
        companyName: ctx.config.companyName,
        customerName: cellText(p.values[TICKETS.col.name]),
        ticketNo,
        status: p.status,
        note: cellText(p.values[TICKETS.col.progressNote]),
        surveyUrl: survey || undefined,
        replyable: replyTo !== '',
        locale: ctx.config.locale,
      }),
    });
  }
  // The link is made now, from the row the edit read: a sort afterwards moves the ticket, not the mail's link.
  const link = owners.length ? ctx.ticketsLink() : null;
  for (const o of owners) {
    const ticketNo = cellText(o.values[TICKETS.col.no]);
    const deadline = o.values[TICKETS.col.deadline];
    const to = cellText(o.values[TICKETS.col.owner]);
    mails.push({
      ticketNo,
      to: ownerDirectory(ctx.config).email(to),
      mail: renderReassignment({
        ticketNo,
        customerName: cellText(o.values[TICKETS.col.name]),
        status: cellText(o.values[TICKETS.col.status]),
        priority: cellText(o.values[TICKETS.col.priority]),
        deadlineText: deadline instanceof Date ? formatDateTime(deadline, ctx.timeZone) : cellText(deadline),
        from: ownerDirectory(ctx.config).label(o.from),
        recipientName: ownerDirectory(ctx.config).name(to),
        contact: contacts.get(cellText(o.values[TICKETS.col.customerNo])) ?? NO_CONTACT,
        link: rowLink(link, o.row),
        locale: ctx.config.locale,
      }),
    });
  }
  return { mails, history: noEmail, sms };
}

/** A customer's 客户 row (what the pre-filled link carries), or undefined when the number names none. */
function customerRecord(ctx: AppContext, customerNo: string): Row | undefined {
  if (customerNo === '') return undefined;
  const customers = ctx.table(CUSTOMERS);
  const row = customers.findRows(CUSTOMERS.col.no, customerNo)[0];
  return row === undefined ? undefined : customers.readRows([row]).get(row);
}

function filled(v: Cell | undefined): boolean {
  return v instanceof Date || (v !== undefined && v !== null && String(v) !== '');
}
