/**
 * Where the intake pipeline looks things up and files rows, under the
 * script lock. Two implementations of one interface, so a single submission
 * and a batch (an import of thousands of rows) run the very same filing code:
 *
 * - `SheetBooks`: one submission. Server-side searches (no cells read), each
 *   row written at once. Calls per submission do not grow with the sheets.
 * - `BatchBooks`: many submissions. The few columns lookups need are read
 *   once, everything is decided in memory, and each sheet gets one write at
 *   `flush`. Calls per batch are a handful, whatever its size.
 */
import { parseSerial, type SerialCounters, type SerialPrefix } from '../domain/numbering';
import { CUSTOMERS, INTERNAL, MAIL_QUEUE, REVIEW, TICKETS, HISTORY, type SheetSpec } from '../sheets/schema';
import { cellText, type Cell, type PatchReport, type Row, type RowFor } from '../sheets/table';
import { isStrategic } from '../domain/tagging';
import { HISTORY_ACTION, SEGMENT, SYSTEM_ACTOR } from '../domain/vocabulary';
import { UserError } from '../i18n/user-error';
import type { AppContext } from './context';
import { customerPlace, keysFrom, matchTokens, tryUnseal } from './keys';
import { readState, writeState, type StoredState } from './store';

/** A customer row found by blind index, with the columns filing needs. */
export interface CustomerMatch {
  row: number;
  values: Row;
}

type CustomerRow = RowFor<typeof CUSTOMERS>;

export type Duplicate = { ticket_no: string } | { review_row: number };

export interface Books {
  /** Script properties (keys, counters, rotation), read once. */
  state(): StoredState;
  /** Commits new counters and rotation: before any row is written, so a failed write leaves a gap, never a reused number. */
  commitState(counters: SerialCounters, rotation: Record<string, number>): void;
  /** A ticket or 待审核 row already filed from this source. */
  duplicateOf(sourceId: string): Duplicate | null;
  /** The customer matched by the first token that matches (tokens are in order of strength). */
  customerFor(tokens: readonly string[]): CustomerMatch | null;
  /** Tickets on file for a customer number (with those filed earlier in the same batch). */
  ticketsFiled(customerNo: string): number;
  /** The highest sequence number of a prefix and day found in the sheets (0 if none). */
  highestSerial(prefix: SerialPrefix, day: string): number;
  addReview(row: RowFor<typeof REVIEW>): number;
  addCustomer(row: CustomerRow): void;
  /** Cells of an existing customer row, named by its number (the row may have moved since it was found). */
  updateCustomer(row: number, customerNo: string, values: CustomerRow): void;
  /** Returns the ticket's row: where it was written, or (a batch) where it will be. */
  addTicket(row: RowFor<typeof TICKETS>): number;
  addHistory(row: RowFor<typeof HISTORY>): void;
  /** Mails about what is filed, as 邮件队列 rows: written with it, sent after the lock. Returns the first row, when written now. */
  addMails(rows: readonly RowFor<typeof MAIL_QUEUE>[]): number | undefined;
  /**
   * Whether a colleague moved columns of the sheets looked up since they were
   * read: the lookups may have searched the wrong column, so nothing decided
   * from them may be written (checked right before the first write).
   */
  layoutMoved(): boolean;
}

/** The sheets whose columns filing searches or reads by position. */
const LOOKED_UP: readonly SheetSpec[] = [TICKETS, REVIEW, CUSTOMERS];

/** Thrown before any write when the lookups may be stale: filing starts again from the lookups. */
export class LayoutMoved extends Error {}

const SERIAL_COLUMN: Record<SerialPrefix, [SheetSpec, string]> = {
  C: [CUSTOMERS, CUSTOMERS.col.no],
  T: [TICKETS, TICKETS.col.no],
};

/**
 * The columns of a customer row that filing reads: the lookups, and the
 * customer's details and sealed cells, which a matched submission is compared
 * with (it never overwrites them) and whose earlier-version seals it renews.
 */
const CUSTOMER_LOOKUP = [
  CUSTOMERS.col.no, CUSTOMERS.col.segment, INTERNAL.matchIndex, INTERNAL.addressSealed, INTERNAL.idNumberSealed,
  CUSTOMERS.col.kind, CUSTOMERS.col.name, CUSTOMERS.col.gender, CUSTOMERS.col.age, CUSTOMERS.col.position, CUSTOMERS.col.companySize,
  CUSTOMERS.col.industry, CUSTOMERS.col.mobile, CUSTOMERS.col.landline, CUSTOMERS.col.email, CUSTOMERS.col.address,
  CUSTOMERS.col.idNumber, CUSTOMERS.col.sourceChannel, CUSTOMERS.col.referrer,
];

export class SheetBooks implements Books {
  private stored: StoredState | null = null;

  constructor(private readonly ctx: AppContext) {}

  state(): StoredState {
    return (this.stored ??= readState());
  }

  commitState(counters: SerialCounters, rotation: Record<string, number>): void {
    writeState(this.state(), counters, rotation);
  }

  duplicateOf(sourceId: string): Duplicate | null {
    const tickets = this.ctx.table(TICKETS);
    const hit = tickets.findRows(INTERNAL.source, sourceId)[0];
    if (hit !== undefined) return { ticket_no: String(tickets.readRows([hit]).get(hit)![TICKETS.col.no]) };
    const reviewHit = this.ctx.table(REVIEW).findRows(INTERNAL.source, sourceId)[0];
    return reviewHit === undefined ? null : { review_row: reviewHit };
  }

  customerFor(tokens: readonly string[]): CustomerMatch | null {
    // A row found but read after a colleague moved rows holds someone else: searched again, never taken as no match.
    for (let attempt = 1; ; attempt++) {
      const found = this.searchCustomer(tokens);
      if (found !== 'moved') return found;
      if (attempt >= 3) throw new LayoutMoved();
    }
  }

  private searchCustomer(tokens: readonly string[]): CustomerMatch | null | 'moved' {
    if (tokens.length === 0) return null;
    const customers = this.ctx.table(CUSTOMERS);
    // Tokens are [a-z]:hex, so they are safe inside a regular expression.
    const rows = customers.findRows(INTERNAL.matchIndex, tokens.join('|'), { regex: true, partial: true }).slice(0, 3);
    let best: CustomerMatch | null = null;
    let bestRank = Infinity;
    // Matched rows may be far apart: read each one (at most three) rather than the block between them.
    for (const row of rows) {
      const values = customers.readRows([row]).get(row)!;
      const rank = rankOf(tokens, String(values[INTERNAL.matchIndex] ?? ''));
      if (rank < 0) return 'moved';
      if (rank < bestRank) {
        best = { row, values };
        bestRank = rank;
      }
    }
    return best;
  }

  ticketsFiled(customerNo: string): number {
    // A server-side search: no cells read, one call whatever the sheet's size.
    return this.ctx.table(TICKETS).findRows(TICKETS.col.customerNo, customerNo).length;
  }

  highestSerial(prefix: SerialPrefix, day: string): number {
    const [spec, label] = SERIAL_COLUMN[prefix];
    const found = this.ctx.table(spec).findValues(label, `${prefix}${day}\\d{3,}`, { regex: true });
    return maxSerial(found, prefix, day);
  }

  addReview(row: RowFor<typeof REVIEW>): number {
    return this.ctx.table(REVIEW).append([row]);
  }

  addCustomer(row: CustomerRow): void {
    this.ctx.table(CUSTOMERS).append([row]);
  }

  updateCustomer(row: number, customerNo: string, values: CustomerRow): void {
    const report = this.ctx.table(CUSTOMERS).patch(CUSTOMERS.col.no, new Map([[row, { ...values, [CUSTOMERS.col.no]: customerNo }]]));
    settlePatch(this.ctx, report);
  }

  addTicket(row: RowFor<typeof TICKETS>): number {
    return this.ctx.table(TICKETS).append([row]);
  }

  addHistory(row: RowFor<typeof HISTORY>): void {
    this.ctx.table(HISTORY).append([row]);
  }

  addMails(rows: readonly RowFor<typeof MAIL_QUEUE>[]): number {
    return this.ctx.table(MAIL_QUEUE).append(rows);
  }

  layoutMoved(): boolean {
    // Every one is read again (no short-circuit): each table follows its sheet's layout from here on.
    return LOOKED_UP.map((spec) => this.ctx.table(spec).layoutMoved()).some(Boolean);
  }
}

export class BatchBooks implements Books {
  private readonly stored: StoredState;
  /** What the store held when read: `flush` writes only what changed since. */
  private readonly persisted: StoredState;
  private readonly ticketBySource: Map<string, string>;
  private readonly ticketsByCustomer: Map<string, number>;
  private readonly reviewBySource: Map<string, number>;
  private readonly customerByToken = new Map<string, number>();
  /** Lookup columns of existing customers, by row number (only rows read or changed are kept). */
  private readonly customerRows = new Map<number, Row>();
  private readonly serials: Record<SerialPrefix, Cell[]>;
  private readonly columns: Map<string, Cell[]>;
  private readonly firstNewCustomer: number;
  private readonly firstNewReview: number;
  private readonly newCustomers: Row[] = [];
  private readonly customerUpdates = new Map<number, Row>();
  private readonly newTickets: Row[] = [];
  private readonly newHistory: Row[] = [];
  private readonly newReview: Row[] = [];
  private readonly newMails: Row[] = [];
  /** The queue row of each mail written by `flush`, by its 编号. */
  readonly mailRows = new Map<string, number>();
  /** The 工单 row of each ticket written by `flush`, by its 工单编号. */
  readonly ticketRows = new Map<string, number>();

  constructor(private readonly ctx: AppContext) {
    this.stored = readState();
    this.persisted = { ...this.stored, counters: { ...this.stored.counters }, rotation: { ...this.stored.rotation } };
    const { ticketBySource, reviewBySource, ticketNos, ticketsByCustomer } = readSources(ctx);
    this.ticketBySource = ticketBySource;
    this.ticketsByCustomer = ticketsByCustomer;
    this.reviewBySource = reviewBySource;
    this.firstNewReview = ctx.table(REVIEW).lastRow() + 1;
    const customers = ctx.table(CUSTOMERS);
    const columns = customers.readColumns(CUSTOMER_LOOKUP);
    // The lookup columns are read in runs: a colleague sorting or inserting rows between two runs
    // would pair one customer's index with another's number. Read again from the start if so.
    if (!customers.stillReads(CUSTOMERS.col.no, columns.get(CUSTOMERS.col.no)!)) throw new LayoutMoved();
    const index = columns.get(INTERNAL.matchIndex)!;
    index.forEach((cell, i) => {
      for (const token of String(cell).split(' ')) {
        if (token !== '' && !this.customerByToken.has(token)) this.customerByToken.set(token, i + 2);
      }
    });
    this.columns = columns;
    this.firstNewCustomer = customers.lastRow() + 1;
    this.serials = { C: columns.get(CUSTOMERS.col.no)!, T: ticketNos };
  }

  state(): StoredState {
    return this.stored;
  }

  commitState(counters: SerialCounters, rotation: Record<string, number>): void {
    this.stored.counters = counters;
    this.stored.rotation = rotation;
  }

  duplicateOf(sourceId: string): Duplicate | null {
    const ticket = this.ticketBySource.get(sourceId);
    if (ticket !== undefined) return { ticket_no: ticket };
    const review = this.reviewBySource.get(sourceId);
    return review === undefined ? null : { review_row: review };
  }

  customerFor(tokens: readonly string[]): CustomerMatch | null {
    for (const token of tokens) {
      const row = this.customerByToken.get(token);
      if (row !== undefined) return { row, values: { ...this.customerRow(row) } };
    }
    return null;
  }

  ticketsFiled(customerNo: string): number {
    return this.ticketsByCustomer.get(customerNo) ?? 0;
  }

  highestSerial(prefix: SerialPrefix, day: string): number {
    return maxSerial(this.serials[prefix], prefix, day);
  }

  addReview(row: RowFor<typeof REVIEW>): number {
    this.newReview.push(row);
    this.reviewBySource.set(String(row[INTERNAL.source]), this.firstNewReview + this.newReview.length - 1);
    return this.firstNewReview + this.newReview.length - 1;
  }

  addCustomer(row: CustomerRow): void {
    this.newCustomers.push(row);
    this.remember(this.firstNewCustomer + this.newCustomers.length - 1, row);
  }

  updateCustomer(row: number, customerNo: string, values: CustomerRow): void {
    values = { ...values, [CUSTOMERS.col.no]: customerNo };
    if (row >= this.firstNewCustomer) Object.assign(this.newCustomers[row - this.firstNewCustomer]!, values);
    else this.customerUpdates.set(row, { ...this.customerUpdates.get(row), ...values });
    this.remember(row, values);
  }

  addTicket(row: RowFor<typeof TICKETS>): number {
    this.newTickets.push(row);
    const customerNo = String(row[TICKETS.col.customerNo]);
    this.ticketsByCustomer.set(customerNo, this.ticketsFiled(customerNo) + 1);
    this.ticketBySource.set(String(row[INTERNAL.source]), String(row[TICKETS.col.no]));
    // Where flush will append it (the last row is known from the lookups' read: no call); `ticketRows` has where it went.
    return this.ctx.table(TICKETS).lastRow() + this.newTickets.length;
  }

  addHistory(row: RowFor<typeof HISTORY>): void {
    this.newHistory.push(row);
  }

  addMails(rows: readonly RowFor<typeof MAIL_QUEUE>[]): undefined {
    this.newMails.push(...rows);
    return undefined;
  }

  /** A batch writes nothing before `flush`, which checks its lookups once for the whole batch. */
  layoutMoved(): boolean {
    return false;
  }

  /** Writes everything decided: the store first (numbers are never reused), then one batch per sheet. */
  flush(): void {
    if (LOOKED_UP.map((spec) => this.ctx.table(spec).layoutMoved()).some(Boolean)) throw new LayoutMoved();
    writeState(this.persisted, this.stored.counters, this.stored.rotation);
    const { ctx } = this;
    ctx.table(CUSTOMERS).append(this.newCustomers);
    const patched = ctx.table(CUSTOMERS).patch(CUSTOMERS.col.no, this.customerUpdates);
    const firstTicket = ctx.table(TICKETS).append(this.newTickets);
    this.newTickets.forEach((t, i) => this.ticketRows.set(String(t[TICKETS.col.no]), firstTicket + i));
    ctx.table(HISTORY).append(this.newHistory);
    ctx.table(REVIEW).append(this.newReview);
    const firstMail = ctx.table(MAIL_QUEUE).append(this.newMails);
    this.newMails.forEach((m, i) => this.mailRows.set(String(m[MAIL_QUEUE.col.id]), firstMail + i));
    // A row a misplaced write hit is recomputed from the tickets on file: this batch's are on file by now.
    settlePatch(ctx, patched);
  }

  private customerRow(row: number): Row {
    let values = this.customerRows.get(row);
    if (!values) {
      values = {};
      for (const label of CUSTOMER_LOOKUP) values[label] = this.columns.get(label)![row - 2] ?? '';
      this.customerRows.set(row, values);
    }
    return values;
  }

  /** Keeps the lookup columns of a customer row in step with what was filed, for later rows of the batch. */
  private remember(row: number, values: Row): void {
    const kept = row >= this.firstNewCustomer && !this.customerRows.has(row) ? {} : this.customerRow(row);
    for (const label of CUSTOMER_LOOKUP) if (label in values) kept[label] = values[label]!;
    this.customerRows.set(row, kept);
    for (const token of String(values[INTERNAL.matchIndex] ?? '').split(' ')) {
      if (token !== '' && !this.customerByToken.has(token)) this.customerByToken.set(token, row);
    }
  }
}

interface Sources {
  ticketBySource: Map<string, string>;
  reviewBySource: Map<string, number>;
  ticketNos: Cell[];
  ticketsByCustomer: Map<string, number>;
}

/** The source ids filed so far: tickets' (with their numbers and customers) and 待审核 rows' (a few column reads). */
function readSources(ctx: AppContext): Sources {
  const ticketBySource = new Map<string, string>();
  const reviewBySource = new Map<string, number>();
  const ticketsByCustomer = new Map<string, number>();
  const tickets = ctx.table(TICKETS).readColumns([INTERNAL.source, TICKETS.col.no, TICKETS.col.customerNo]);
  const ticketNos = tickets.get(TICKETS.col.no)!;
  for (const c of tickets.get(TICKETS.col.customerNo)!) ticketsByCustomer.set(String(c), (ticketsByCustomer.get(String(c)) ?? 0) + 1);
  tickets.get(INTERNAL.source)!.forEach((s, i) => {
    if (s !== '' && !ticketBySource.has(String(s))) ticketBySource.set(String(s), String(ticketNos[i]));
  });
  ctx.table(REVIEW).readColumns([INTERNAL.source]).get(INTERNAL.source)!.forEach((s, i) => {
    if (s !== '' && !reviewBySource.has(String(s))) reviewBySource.set(String(s), i + 2);
  });
  return { ticketBySource, reviewBySource, ticketNos, ticketsByCustomer };
}

/** Every source id already filed, as a ticket or a 待审核 row (read without the lock: a hint, not a decision). */
export function recordedSources(ctx: AppContext): Set<string> {
  const { ticketBySource, reviewBySource } = readSources(ctx);
  return new Set([...ticketBySource.keys(), ...reviewBySource.keys()]);
}

/**
 * After a customer patch: a row a colleague moved into the path of the write
 * (the one call between its check and the write) got our cells. What it held
 * is not known, so what can be is recomputed from the tickets on file and the
 * row's own contact details (工单数, 最近联系, 客户类型标签, 匹配索引), and 历史
 * says which other columns staff should check. A row that could not be found
 * (deleted meanwhile) fails the filing: its retry files it again, never elsewhere.
 */
export function settlePatch(ctx: AppContext, report: PatchReport): void {
  for (const d of report.displaced) recomputeCustomer(ctx, d.key, d.labels);
  if (report.missing.length) throw new UserError('sheet.rowGone', { sheet: CUSTOMERS.name, keys: report.missing.join('、') });
}

const RECOMPUTED: ReadonlySet<string> = new Set([CUSTOMERS.col.ticketCount, CUSTOMERS.col.lastContact, CUSTOMERS.col.segment, INTERNAL.matchIndex]);

function recomputeCustomer(ctx: AppContext, customerNo: string, labels: readonly string[]): void {
  const customers = ctx.table(CUSTOMERS);
  const row = customers.findRows(CUSTOMERS.col.no, customerNo)[0];
  if (row === undefined || customerNo === '') return;
  const values = customers.readRows([row]).get(row)!;
  const tickets = ctx.table(TICKETS);
  const theirs = tickets.findRows(TICKETS.col.customerNo, customerNo);
  let last: Date | '' = '';
  for (const r of theirs) {
    const at = tickets.readRows([r]).get(r)![TICKETS.col.submittedAt];
    if (at instanceof Date && (last === '' || at.getTime() > last.getTime())) last = at;
  }
  const keys = keysFrom(readState().all);
  const sealedId = String(values[INTERNAL.idNumberSealed] ?? '');
  const tokens = matchTokens({
    mobile: cellText(values[CUSTOMERS.col.mobile]) || undefined,
    email: cellText(values[CUSTOMERS.col.email]) || undefined,
    // An ID number that will not open here (copied from another row) gives no token: it matches nobody.
    id_number: tryUnseal(sealedId, keys, customerPlace(customerNo, 'id_number')),
  }, keys);
  const strategic = isStrategic(cellText(values[CUSTOMERS.col.name]), customerNo, ctx.config.strategicCustomers);
  customers.patch(CUSTOMERS.col.no, new Map([[row, {
    [CUSTOMERS.col.no]: customerNo,
    [CUSTOMERS.col.ticketCount]: theirs.length,
    [CUSTOMERS.col.lastContact]: last,
    [CUSTOMERS.col.segment]: strategic ? SEGMENT.strategic : theirs.length > 1 ? SEGMENT.returning : SEGMENT.new,
    [INTERNAL.matchIndex]: tokens.join(' '),
  }]]));
  const unsure = labels.filter((l) => !RECOMPUTED.has(l));
  ctx.table(HISTORY).append([{
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: SYSTEM_ACTOR, [HISTORY.col.action]: HISTORY_ACTION.rowRepaired,
    [HISTORY.col.oldValue]: customerNo, [HISTORY.col.newValue]: '',
    [HISTORY.col.note]: ctx.t(unsure.length ? 'history.rowRepairedCheck' : 'history.rowRepaired', { columns: unsure.join('、') }),
  }]);
}

function rankOf(tokens: readonly string[], index: string): number {
  const have = index.split(' ');
  return tokens.findIndex((tk) => have.includes(tk));
}

function maxSerial(cells: readonly Cell[], prefix: SerialPrefix, day: string): number {
  let max = 0;
  for (const cell of cells) {
    const s = String(cell);
    if (!s.startsWith(prefix + day)) continue;
    const parsed = parseSerial(s);
    if (parsed && parsed.seq > max) max = parsed.seq;
  }
  return max;
}
