/**
 * What a staff edit in 工单 means, decided without touching a sheet: for each
 * edited row, the cells to write back, the refusal note (if any), the 历史
 * entries and who is to be mailed. The edit handler reads the rows, calls
 * this, and writes what it returns; the rules live here and are unit-tested.
 */
import { transition } from './lifecycle';
import { isMailAddress } from './validate';
import { HISTORY_ACTION, STATUS, STATUSES, isDone, isStatus, type HistoryAction } from './vocabulary';
import type { MessageKey } from '../i18n/messages';

/** The cells of one edited row the decision needs, as text (dates only matter as filled or not). */
export interface EditedRow {
  ticketNo: string;
  status: string;
  owner: string;
  /** Hidden 上次状态 / 上次负责人: the old value of a pasted cell, which has no event old value. */
  lastStatus: string;
  lastOwner: string;
  firstResponseStamped: boolean;
  resolvedStamped: boolean;
  progressNote: string;
}

/** Which of the watched columns the edited range covers. */
export interface Touched {
  number: boolean;
  status: boolean;
  owner: boolean;
}

export interface EditInput {
  rows: readonly EditedRow[];
  touched: Touched;
  /** One cell was edited: `oldValue` is the event's old value ('' when Apps Script gave none). */
  single: boolean;
  oldValue: string;
  now: Date;
  /** Statuses at which the customer is mailed (配置 › 跟进). */
  notifyStatuses: readonly string[];
  who: string;
}

/** A cell to write back, by what it holds. */
export interface RowWrites {
  ticketNo?: string;
  status?: string;
  reminder?: string;
  firstResponseAt?: Date | '';
  resolvedAt?: Date | '';
  closedAt?: Date | '';
  lastStatus?: string;
  lastOwner?: string;
  escalation?: number;
}

export type NoteColumn = 'ticketNo' | 'status';

export interface RefusalNote {
  column: NoteColumn;
  key: MessageKey;
  params: Record<string, string>;
}

export interface HistoryEvent {
  ticketNo: string;
  action: HistoryAction;
  from: string;
  to: string;
  note: string;
}

export interface RowDecision {
  writes: RowWrites;
  note?: RefusalNote;
  /** The ticket as it stands after the edit ('' when the row has none). */
  ticketNo: string;
  /** The new status, when the customer is to be told of it. */
  notify?: string;
  /** The previous owner (or the editor), when the new owner is to be mailed. */
  ownerMailFrom?: string;
}

export interface EditDecision {
  rows: RowDecision[];
  history: HistoryEvent[];
}

/**
 * Which watched columns of a row hold a change no trigger processed (a trigger
 * dropped, or refused for a busy lock): 状态 other than 上次状态, or 负责人 other
 * than a recorded 上次负责人. Null when the row is up to date. A blank
 * 上次负责人 is the owner assigned at filing, never recorded: not a change.
 */
export function unprocessed(row: EditedRow): Touched | null {
  if (row.ticketNo === '') return null;
  const status = row.status !== (row.lastStatus || STATUS.new);
  const owner = row.lastOwner !== '' && row.owner !== row.lastOwner;
  return status || owner ? { number: false, status, owner } : null;
}

export interface CatchUpInput {
  rows: readonly EditedRow[];
  now: Date;
  notifyStatuses: readonly string[];
  who: string;
}

/** The same decision as an edit, for the rows whose change no trigger processed; `rows` of the result follow the input. */
export function decideCatchUp(input: CatchUpInput): { rows: (RowDecision | null)[]; history: HistoryEvent[] } {
  const history: HistoryEvent[] = [];
  const rows = input.rows.map((row) => {
    const touched = unprocessed(row);
    return touched ? decideRow({ ...input, touched, single: false, oldValue: '' }, row, history) : null;
  });
  return { rows, history };
}

export function decideEdit(input: EditInput): EditDecision {
  const history: HistoryEvent[] = [];
  const rows = input.rows.map((row) => decideRow(input, row, history));
  return { rows, history };
}

function decideRow(input: EditInput, row: EditedRow, history: HistoryEvent[]): RowDecision {
  const { touched, single, oldValue, now, who } = input;
  const writes: RowWrites = {};
  const decision: RowDecision = { writes, ticketNo: row.ticketNo };
  let ticketNo = row.ticketNo;
  if (touched.number && single && oldValue !== '' && ticketNo !== oldValue) {
    writes.ticketNo = oldValue;
    decision.note = { column: 'ticketNo', key: 'edit.ticketNoLocked', params: { value: oldValue } };
    ticketNo = oldValue;
  }
  decision.ticketNo = ticketNo;
  if (ticketNo === '') {
    decision.note = { column: 'ticketNo', key: touched.number ? 'edit.ticketNoCleared' : 'edit.noTicket', params: {} };
    return decision;
  }
  const record = (action: HistoryAction, from: string, to: string, note = '') => history.push({ ticketNo, action, from, to, note });

  if (touched.status) {
    // The last status processed is the truth, so a trigger fired twice (or late) finds its change
    // already done; the event's old value only stands in where none was recorded yet.
    const previous = row.lastStatus || (single ? oldValue : STATUS.new);
    const status = row.status;
    if (status !== previous && !isStatus(status)) {
      writes.status = previous;
      decision.note = { column: 'status', key: 'edit.badStatus', params: { value: status, allowed: STATUSES.join('、') } };
    } else if (status !== previous && isStatus(status)) {
      const step = transition(previous, status, { firstResponse: row.firstResponseStamped, resolved: row.resolvedStamped });
      record(step.reopen ? HISTORY_ACTION.reopened : HISTORY_ACTION.statusChanged, previous, status, row.progressNote);
      if (step.stampFirstResponse) writes.firstResponseAt = now;
      if (step.stampResolved) writes.resolvedAt = now;
      if (step.clearResolved) writes.resolvedAt = '';
      if (step.closed === 'set') writes.closedAt = now;
      if (step.closed === 'clear') writes.closedAt = '';
      if (isDone(status)) writes.reminder = '';
      if (step.reopen) {
        writes.escalation = 0;
        writes.reminder = '';
      }
      writes.lastStatus = status;
      if (input.notifyStatuses.includes(status)) decision.notify = status;
    }
  }

  if (touched.owner) {
    const owner = row.owner;
    const previous = row.lastOwner || (single ? oldValue : '');
    if (owner !== previous && (single || previous !== '' || owner !== '')) {
      record(HISTORY_ACTION.ownerChanged, previous, owner);
      writes.lastOwner = owner;
      if (isMailAddress(owner)) decision.ownerMailFrom = previous || who;
    }
  }
  return decision;
}
