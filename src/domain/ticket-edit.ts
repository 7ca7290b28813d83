/**
 * What a staff edit in 工单 means, decided without touching a sheet: for each
 * edited row, the cells to write back, the refusal note (if any), the 历史
 * entries and who is to be mailed. The edit handler reads the rows, calls
 * this, and writes what it returns; the rules live here and are unit-tested.
 */
import { deadlineFor, type CalendarSettings, type Sla } from './calendar';
import { transition } from './lifecycle';
import { endPause } from './pause';
import type { OwnerDirectory } from './owners';
import { isMailAddress } from './validate';
import { HISTORY_ACTION, PRIORITIES, STATUS, STATUSES, isDone, isStatus, type HistoryAction, type Priority } from './vocabulary';
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
  priority: string;
  /** 截止时间 when it holds a date; else `deadlineText` is what the cell holds. */
  deadlineMs: number | null;
  deadlineText: string;
  /** 填写日期, from which a priority's 时限 counts. */
  submittedMs: number | null;
  /** 暂停开始 of a 待客户补充 pause, and the working minutes of the pauses before it. */
  pausedAtMs: number | null;
  pausedMinutes: number;
}

/** Which of the watched columns the edited range covers. */
export interface Touched {
  number: boolean;
  status: boolean;
  owner: boolean;
  priority?: boolean;
  deadline?: boolean;
}

/** What a hand-changed priority needs to move the deadline with it (配置 › 时限 and the calendar). */
export interface DeadlineRules {
  sla: Record<Priority, Sla>;
  calendar: CalendarSettings;
  utcOffset: number;
  /** A deadline as 历史 shows it (the script's zone). */
  formatTime: (ms: number) => string;
  /** 历史's note when a priority moved the deadline. */
  movedNote: (deadline: string) => string;
  /** 历史's note when the end of a 待客户补充 pause moved the deadline on by `minutes` working minutes. */
  pausedNote: (minutes: number) => string;
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
  /** Absent for the hourly catch-up, which handles 状态 and 负责人 only. */
  deadlines?: DeadlineRules;
  /** Who may own a ticket (配置 › 员工 and the teams' members, and a team's name); absent: anyone. */
  owners?: OwnerCheck;
}

/** What the edit decision needs of the owner directory (domain/owners.ts). */
export type OwnerCheck = Pick<OwnerDirectory, 'labels' | 'canonical' | 'email'>;

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
  priority?: string;
  deadline?: Date;
  owner?: string;
  pausedAt?: Date | '';
  pausedFrom?: string;
  pausedMinutes?: number;
}

export type NoteColumn = 'ticketNo' | 'status' | 'priority' | 'deadline' | 'owner';

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
  owners?: OwnerCheck;
  /** For the end of a 待客户补充 pause (the catch-up changes no priority or deadline by itself). */
  deadlines?: DeadlineRules;
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
      // 待客户补充 always asks the customer (the 请补充信息 mail), whatever 配置 › 跟进 says of progress mails.
      if (input.notifyStatuses.includes(status) || status === STATUS.waiting) decision.notify = status;
      if (status === STATUS.waiting) {
        writes.pausedAt = now;
        writes.pausedFrom = previous;
        writes.reminder = '';
      } else if (previous === STATUS.waiting) {
        resume(input, row, writes, record);
      }
    }
  }

  if (touched.owner) {
    const typed = row.owner;
    const previous = row.lastOwner || (single ? oldValue : '');
    const dir = input.owners;
    const owner = dir ? dir.canonical(typed) : typed;
    const before = dir ? dir.canonical(previous) ?? previous : previous;
    if (owner === null) {
      if (typed !== previous) {
        // Like a bad 状态: nothing recorded, nobody mailed; the old owner put back when it is known.
        const allowed = dir!.labels;
        const params = { value: typed, allowed: allowed.slice(0, 12).join('、') + (allowed.length > 12 ? '…' : '') };
        if (previous !== '') writes.owner = previous;
        decision.note = { column: 'owner', key: previous !== '' ? 'edit.badOwner' : 'edit.badOwnerPasted', params };
      }
    } else if (owner !== before && (single || previous !== '' || owner !== '')) {
      record(HISTORY_ACTION.ownerChanged, before, owner);
      if (owner !== typed) writes.owner = owner;
      writes.lastOwner = owner;
      if (dir ? dir.email(owner) !== '' : isMailAddress(owner)) decision.ownerMailFrom = before || who;
    } else {
      // The same person typed by address or in other case, or recorded by address before
      // names were shown: written as the dropdown shows them, and no change to record.
      if (owner !== typed) writes.owner = owner;
      if (row.lastOwner !== '' && row.lastOwner !== owner) writes.lastOwner = owner;
    }
  }
  decideTiming(input, row, decision, record);
  return decision;
}

/**
 * The end of a 待客户补充 pause: 截止时间 moves on by the working time it
 * lasted (recorded in 历史 with both deadlines), the paused minutes add up,
 * and the reminders start over from the moved deadline.
 */
function resume(input: EditInput, row: EditedRow, writes: RowWrites, record: (action: HistoryAction, from: string, to: string, note?: string) => void): void {
  const rules = input.deadlines;
  if (!rules) return;
  const end = endPause(row, input.now.getTime(), rules.calendar, rules.utcOffset);
  if (!end) return;
  writes.pausedAt = '';
  writes.pausedMinutes = end.totalMinutes;
  writes.escalation = 0;
  writes.reminder = '';
  if (end.deadlineMs !== null && end.deadlineMs !== row.deadlineMs) writes.deadline = new Date(end.deadlineMs);
  const shown = (ms: number | null) => (ms === null ? '' : rules.formatTime(ms));
  record(HISTORY_ACTION.pauseEnded, shown(row.deadlineMs), shown(end.deadlineMs), rules.pausedNote(end.minutes));
}

const isPriority = (v: string): v is Priority => (PRIORITIES as readonly string[]).includes(v);

/**
 * 优先级 and 截止时间 changed by hand: a priority that is not one is refused
 * (put back when the old value is known); a new priority moves the deadline
 * to its 时限 from 填写日期, unless the same edit set the deadline too; a new
 * deadline is kept. Either way the escalation starts over and 提醒 is
 * cleared, so the hourly job reminds by the new deadline, and 历史 says what changed.
 */
function decideTiming(input: EditInput, row: EditedRow, decision: RowDecision, record: (action: HistoryAction, from: string, to: string, note?: string) => void): void {
  const { touched, single, oldValue, deadlines } = input;
  if (!deadlines) return;
  const writes = decision.writes;
  const restart = () => {
    writes.escalation = 0;
    writes.reminder = '';
  };
  if (touched.priority) {
    const priority = row.priority;
    const allowed = PRIORITIES.join('、');
    if (!isPriority(priority)) {
      if (single && isPriority(oldValue)) {
        writes.priority = oldValue;
        decision.note = { column: 'priority', key: 'edit.badPriority', params: { value: priority, allowed } };
      } else {
        decision.note = { column: 'priority', key: 'edit.badPriorityPasted', params: { value: priority, allowed } };
      }
    } else {
      const due = row.submittedMs === null ? null : deadlineFor(row.submittedMs, deadlines.sla[priority], deadlines.calendar, deadlines.utcOffset);
      // A pasted priority has no old value: it changed when the deadline is not the one it gives.
      const changed = single ? oldValue !== priority : due !== null && due !== row.deadlineMs;
      if (changed) {
        const moves = !touched.deadline && due !== null && due !== row.deadlineMs;
        if (moves) writes.deadline = new Date(due);
        record(HISTORY_ACTION.priorityChanged, single ? oldValue : '', priority, moves ? deadlines.movedNote(deadlines.formatTime(due)) : '');
        restart();
      }
    }
  }
  if (touched.deadline) {
    if (row.deadlineMs === null) {
      if (row.deadlineText !== '') decision.note = { column: 'deadline', key: 'edit.badDeadline', params: { value: row.deadlineText.slice(0, 40) } };
      return;
    }
    // Google documents no text form of a date cell's old value in the edit event: 原值 is left blank.
    record(HISTORY_ACTION.deadlineChanged, '', deadlines.formatTime(row.deadlineMs));
    restart();
  }
}
