/**
 * The one intake pipeline behind every entry point (Form, manual entry,
 * Import sheet, webhook): normalise → validate → (errors: review queue) →
 * under the script lock: de-duplicate by source id, match the customer by
 * blind index, number, tag, route, set the deadline, write one batch per
 * sheet → then mail the customer and the owner. `intakeBatch` files many
 * submissions through the same steps with one lock and one write per sheet.
 */
import { requiredFieldKeys } from '../domain/config-form-fields';
import { HISTORY_ACTION, NEED_REFRESH, REVIEW_STATE, STATUS, TO_VERIFY_TAG, type Channel } from '../domain/vocabulary';
import { ownerDirectory } from '../domain/owners';
import { isSensitiveAnswer, normaliseRaw } from '../domain/normalise';
import { describeProblems, validateSubmission, type Issue, type Submission } from '../domain/validate';
import { FIELDS, fieldLabel, type FieldKey } from '../domain/fields';
import { answerLines } from '../domain/review';
import { decideFiling } from '../domain/filing';
import { checkFilledAt } from '../domain/filled-at';
import { isOfflineChannel } from '../domain/entry-delay';
import { holdsSensitiveAnswer } from '../domain/form-responses';
import { localDay } from '../domain/local-time';
import type { SerialCounters, SerialPrefix } from '../domain/numbering';
import type { Contact } from '../domain/email';
import { CUSTOMER_FIELDS, decideCustomerUpdate, type CustomerValues } from '../domain/customer-changes';
import { CUSTOMERS, HISTORY, INTERNAL, MAIL_QUEUE, REVIEW, TICKETS } from '../sheets/schema';
import type { Row, RowFor } from '../sheets/table';
import { BatchBooks, LayoutMoved, SheetBooks, type Books } from './books';
import { consentColumns, type RecordedConsent } from './consent';
import type { AppContext } from './context';
import { customerCells, pendingLine, recordedValues, resealedCells } from './customer-changes';
import { keysFrom, matchTokens, pendingPlace, reviewPlace, seal, type Keys } from './keys';
import { withScriptLock } from './lock';
import { queueRows, remainingQuota, sendRecorded, type RecordedMail } from './mail-queue';
import { intakeMails } from './notify';
import { resumeAnswered, type Answered } from './edits';
import { formatDateTime } from './platform';
import { retiredFormOptions } from './store';
import { retiredAfter } from '../domain/form-layout';
import { CHANNELS } from './channels';
import { recordOutbound, sendClaims, type OutboundMessage } from './outbound';
import { ackCandidate, queueSms } from './sms';
import { intakeMessages, type FiledForRobots } from './robots';

export interface RawSubmission {
  /** Field keys or zh-CN labels → answers as received. */
  answers: Record<string, unknown>;
  channel: Channel;
  /** 线上表单, the staff member's email, or the integration's name: 历史's 操作人, and 经办人 unless the answers name one. */
  handler: string;
  /** Stable id of the source (form response id, client draft id, …): processing it twice changes nothing. */
  sourceId: string;
  /** When the add-on received it (a 待审核 row's 收到时间 when resubmitted): the deadline clock starts here. */
  receivedAt: Date;
  /** Consent a reviewer recorded for a submission that came without it (services/consent.ts). */
  consent?: RecordedConsent;
}

export type IntakeOutcome =
  | {
      outcome: 'accepted';
      customer_no: string;
      ticket_no: string;
      segment: string;
      priority: string;
      issue_type: string;
      owner: string;
      deadline: string;
      warnings: string[];
      problems: string[];
    }
  | { outcome: 'review'; review_row: number; problems: string[]; issues: IssueCode[] }
  | { outcome: 'duplicate'; ticket_no?: string; review_row?: number };

/** A problem's field and stable code, beside its text: what a machine client (the webhook) matches on. */
export type IssueCode = Pick<Issue, 'field' | 'code'>;

export interface IntakeResult {
  outcome: IntakeOutcome;
  /** The source holds personal data that must not stay there (no consent, or a sensitive field). */
  purgeSource: boolean;
}

/** Fields that are personal data: dropped from the review queue when consent is missing. */
const NON_PERSONAL: ReadonlySet<string> = new Set([
  'customer_kind', 'industry', 'company_size', 'source_channel', 'need_type', 'budget', 'expected_response',
  'time_requirement', 'cooperation_mode', 'satisfaction', 'related_ticket', 'consent', 'submitted_at', 'handler',
]);
const SENSITIVE = FIELDS.filter((f) => f.sensitive).map((f) => f.key);

/**
 * The sheets filing writes, opened before the lock is taken (their header
 * rows from the script cache, or read), so the lock is held only for the
 * lookups and writes. A layout that is stale or moved meanwhile is caught
 * where a colleague's column move always is: filing re-reads row 1 of the
 * sheets it looked up before its first write (and starts again), and every
 * append checks the layout after writing (and writes its rows again).
 */
function openBooks(ctx: AppContext): void {
  for (const spec of [CUSTOMERS, TICKETS, REVIEW, HISTORY, MAIL_QUEUE]) ctx.tableFromCache(spec);
}

/** `lockWaitMs`: how long to wait for the script lock before a BusyError (nothing written). */
export function intake(ctx: AppContext, raw: RawSubmission, lockWaitMs?: number): IntakeResult {
  const checked = checkSubmission(ctx, raw);
  openBooks(ctx);
  // Today's mail quota, read before the lock: the mails of a ticket (admitted under the lock, sent after it)
  // would read it anyway, and a quota a second old errs by the mails of the submission filed meanwhile.
  if (checked.problems.length === 0) remainingQuota(ctx);
  const done = withScriptLock(() => {
    let books = new SheetBooks(ctx);
    const filed = again(() => file(ctx, (books = new SheetBooks(ctx)), raw, checked, true));
    const resumed = resumeAnswered(ctx, filed.answered ? [filed.answered] : []);
    // Robot messages and SMS are recorded with the ticket too (none, and no call, without a robot or an SMS provider in 配置).
    const messages = outboundOf(ctx, [filed], () => books.state().all);
    return { ...filed, outbox: [...filed.outbox, ...resumed], claims: messages.length ? recordOutbound(ctx, CHANNELS, messages, books.state().all) : [] };
  }, lockWaitMs);
  // Mail goes out after the lock is released (a slow mail server never holds up other submissions);
  // it was recorded with the ticket, so a run that stops before this line leaves it to the hourly job.
  sendRecorded(ctx, done.outbox);
  sendClaims(ctx, CHANNELS, done.claims);
  return { outcome: done.outcome, purgeSource: done.purgeSource };
}

/** The robots' messages and the customers' acknowledgements by SMS of what a lock filed (the SMS's 历史 written here, with the tickets). */
function outboundOf(ctx: AppContext, filed: readonly Filed[], props: () => Readonly<Record<string, string>>): OutboundMessage[] {
  const robots = intakeMessages(ctx, filed.map(forRobots), props);
  return [...robots, ...queueSms(ctx, filed.flatMap((f) => (f.mail && !f.quiet ? [ackCandidate(f.mail)] : [])), props)];
}

/** What the robots hear of a filing: its ticket (unless it asks nothing of anyone), or that 待审核 grew. */
function forRobots(f: Filed): FiledForRobots {
  return { mail: f.mail, review: f.outcome.outcome === 'review', quiet: f.quiet };
}

/**
 * Files many submissions under one lock, deciding everything in memory and
 * writing each sheet once. Later submissions of the batch see the earlier
 * ones (a customer met twice gets one number). With `mailEach`, each ticket's
 * mails are recorded with it (`outbox`, for the caller to send after the
 * lock); without, what to tell whom is the caller's (an import's digest).
 */
export function intakeBatch(ctx: AppContext, raws: readonly RawSubmission[], mailEach = true): Filed[] {
  if (raws.length === 0) return [];
  // The zone's offset once (each read is a call): an import of 1,000 rows with 填写日期 would make 1,000.
  const utcOffset = ctx.utcOffset;
  const checked = raws.map((raw) => checkSubmission(ctx, raw, utcOffset));
  openBooks(ctx);
  const { filed, claims } = withScriptLock(() => again(() => {
    const books = new BatchBooks(ctx);
    const filed = raws.map((raw, i) => file(ctx, books, raw, checked[i]!, mailEach));
    books.flush();
    const resumed = resumeAnswered(ctx, filed.flatMap((f) => (f.answered ? [f.answered] : [])));
    // Where each mail was written: marked sent there, with no search; where each ticket went, for the mails made after.
    // The owners' notices of resumed tickets go with the answer that resumed them.
    const placed = filed.map((f) => ({
      ...f,
      outbox: [
        ...f.outbox.map((m) => ({ ...m, row: books.mailRows.get(m.id) })),
        ...resumed.filter((m) => f.answered !== undefined && m.ticketNo === f.answered.waitingTicket),
      ],
      ...(f.mail ? { mail: { ...f.mail, row: books.ticketRows.get(f.mail.ticketNo) ?? f.mail.row } } : {}),
    }));
    // The robots hear of each ticket a batch files with its mails (an import's owners get a digest, the robots nothing).
    const messages = mailEach ? outboundOf(ctx, placed, () => books.state().all) : [];
    return { filed: placed, claims: messages.length ? recordOutbound(ctx, CHANNELS, messages, books.state().all) : [] };
  }));
  sendClaims(ctx, CHANNELS, claims);
  return filed;
}

/** Lookups made stale by a colleague moving columns are made again (a few times at most; nothing was written). */
function again<T>(fileAll: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return fileAll();
    } catch (err) {
      if (!(err instanceof LayoutMoved) || attempt >= 3) throw err;
    }
  }
}

export interface Checked {
  norm: ReturnType<typeof normaliseRaw>;
  result: ReturnType<typeof validateSubmission>;
  problems: Issue[];
  /** 填写日期 as staff gave it for a paper or phone form or an import row; null: as received. */
  filledAt: Date | null;
  /** 经办人 of the ticket. */
  handler: string;
}

/**
 * Normalise and validate: pure work, done before the lock is taken. Staff
 * give 填写日期 and 经办人 only for offline channels (the sidebar, 导入); a
 * Form's or a webhook's are the add-on's own. 填写日期 is checked against
 * when the add-on received the entry, so a row that waits in 待审核 keeps it.
 * `utcOffset`: the script zone's, when the caller has it (else read if needed).
 */
export function checkSubmission(ctx: AppContext, raw: RawSubmission, utcOffset?: number): Checked {
  const norm = normaliseRaw(raw.answers, ctx.locale);
  const opts = { options: ctx.config.options, consentText: ctx.config.consentText, required: requiredFieldKeys(ctx.config), locale: ctx.locale };
  let result = validateSubmission(norm.values, opts);
  // An option taken out of 配置 after the answer was given (a queued response, a 待审核 row sent again) is still valid: read only then.
  if (!result.ok && result.problems.some((p) => p.code === 'option')) {
    result = validateSubmission(norm.values, { ...opts, retired: retiredAfter(retiredFormOptions(), raw.receivedAt.getTime()) });
  }
  const problems = [...norm.problems, ...(result.ok ? [] : result.problems)];
  if (!isOfflineChannel(raw.channel)) return { norm, result, problems, filledAt: null, handler: raw.handler };
  const given = norm.values.submitted_at;
  const filled = given ? checkFilledAt(given, raw.receivedAt.getTime(), utcOffset ?? ctx.utcOffset, ctx.locale, fieldLabel('submitted_at', ctx.locale)) : { ok: true as const, ms: null };
  if (!filled.ok) problems.push(filled.issue);
  const filledAt = filled.ok && filled.ms !== null ? new Date(filled.ms) : null;
  return { norm, result, problems, filledAt, handler: norm.values.handler || raw.handler };
}

function file(ctx: AppContext, books: Books, raw: RawSubmission, checked: Checked, mailEach: boolean): Filed {
  const { norm, result, problems } = checked;
  const dup = books.duplicateOf(raw.sourceId);
  if (dup) return { outcome: { outcome: 'duplicate', ...dup }, purgeSource: false, outbox: [] };
  if (!result.ok || problems.length > 0) {
    if (books.layoutMoved()) throw new LayoutMoved();
    const consent = result.ok ? true : result.consent;
    const row = books.addReview(reviewRow(ctx, raw, checked.handler, problems, norm.values, norm.unknown, consent, keysFrom(books.state().all)));
    return {
      outcome: { outcome: 'review', review_row: row, problems: problems.map((p) => p.message), issues: problems.map(({ field, code }) => ({ field, code })) },
      // Kept sealed in 待审核 (or dropped for want of consent): the source must not keep it in plaintext.
      purgeSource: !consent || holdsSensitiveAnswer(raw.answers),
      outbox: [],
    };
  }
  return fileTicket(ctx, books, raw, checked, result.submission, result.warnings, norm.unknown, mailEach);
}

function reviewRow(
  ctx: AppContext,
  raw: RawSubmission,
  handler: string,
  problems: Issue[],
  values: Partial<Record<FieldKey, string>>,
  unknown: Record<string, string>,
  consent: boolean,
  keys: Keys,
): RowFor<typeof REVIEW> {
  const kept: Record<string, string> = {};
  const shown: [string, string][] = [];
  const sealedMarker = ctx.t('sealed.marker');
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === '') continue;
    if (!consent && !NON_PERSONAL.has(k)) continue;
    const sensitive = (SENSITIVE as string[]).includes(k);
    kept[k] = sensitive ? seal(v, keys, reviewPlace(raw.sourceId, k)) : v;
    shown.push([fieldLabel(k as FieldKey, ctx.locale), sensitive ? sealedMarker : v]);
  }
  // A second ID number or address given beside the first is kept for the reviewer, sealed like the first.
  if (consent) {
    for (const [k, v] of Object.entries(unknown)) {
      const sensitive = isSensitiveAnswer(k, v);
      kept[k] = sensitive ? seal(v, keys, reviewPlace(raw.sourceId, k)) : v;
      shown.push([k, sensitive ? sealedMarker : v]);
    }
  }
  const problemText = describeProblems(problems) + (consent ? '' : '\n' + ctx.t('review.personalDropped'));
  return {
    [REVIEW.col.receivedAt]: raw.receivedAt,
    [REVIEW.col.channel]: raw.channel,
    [REVIEW.col.problems]: problemText,
    [REVIEW.col.answers]: answerLines(shown),
    [REVIEW.col.rawData]: JSON.stringify(kept),
    [REVIEW.col.state]: REVIEW_STATE.pending,
    [REVIEW.col.handler]: handler,
    [INTERNAL.source]: raw.sourceId,
  };
}

export interface Filed extends IntakeResult {
  /** What to tell the customer and the owner, for an accepted submission. */
  mail?: FiledMail;
  /** Its mails, recorded in 邮件队列 with the ticket: sent after the lock (`sendRecorded`). */
  outbox: RecordedMail[];
  /** A returning customer's answer naming one of their tickets (关联工单号): it may end a 待客户补充 pause. */
  answered?: Answered;
  /** A 资料更新 closed as filed: nobody is told of it. */
  quiet?: boolean;
}

export interface FiledMail {
  ticketNo: string;
  customerName: string;
  customerEmail?: string;
  owner: string;
  ownerTeam: string;
  priority: string;
  needType: string;
  issueType: string;
  deadline: Date;
  /** The first-response time the acknowledgement promises. */
  firstResponse: Date;
  summary: string;
  /** The customer's 手机, 座机, 邮箱 as the record holds them (never a sealed field). */
  contact: Contact;
  /** The ticket's 工单 row as filed, for the mail's link (rows move when staff sort: used only as the mail is made). */
  row?: number;
}

function fileTicket(
  ctx: AppContext,
  books: Books,
  raw: RawSubmission,
  checked: Checked,
  s: Submission,
  warnings: Issue[],
  unknown: Record<string, string>,
  mailEach: boolean,
): Filed {
  const state = books.state();
  const keys = keysFrom(state.all);
  const tokens = matchTokens({ mobile: s.mobile, email: s.email, id_number: s.id_number }, keys);
  const match = books.customerFor(tokens);
  const received = raw.receivedAt.getTime();
  const d = decideFiling({
    submission: s,
    receivedMs: received,
    utcOffset: ctx.utcOffset,
    match: match && {
      customerNo: String(match.values[CUSTOMERS.col.no]),
      segment: String(match.values[CUSTOMERS.col.segment] ?? ''),
      filedTickets: books.ticketsFiled(String(match.values[CUSTOMERS.col.no])),
    },
    counters: seedCounters(books, state.counters, localDay(received, ctx.utcOffset)),
    rotation: state.rotation,
    config: ctx.config,
  });
  const { customerNo, ticketNo, priority, issueType, segment } = d;
  const deadline = new Date(d.deadlineMs);

  if (books.layoutMoved()) throw new LayoutMoved();
  // Numbers are committed before any row is written: a failed write leaves a gap, never a reused number.
  books.commitState(d.counters, d.rotation);

  const submitted = customerAnswers(s);
  // A match proves only that the submitter knows one identifier: the record's contact details stay as they
  // are (so does its match index) and differing ones wait on the ticket for staff to confirm (确认更新).
  const onRecord = match ? recordedValues(match.values, customerNo, keys) : null;
  const update = onRecord ? decideCustomerUpdate(onRecord, submitted) : null;
  const pending = update?.pending ?? {};
  const pendingKeys = Object.keys(pending) as FieldKey[];
  // The record is as the customer states it now, unless what they gave differs and waits for staff (then 确认更新 stamps it).
  const verified = pendingKeys.length === 0 ? { [CUSTOMERS.col.verifiedAt]: raw.receivedAt } : {};
  // 资料更新 from a customer on record, with nothing to change: confirmed, nothing for staff to do, closed as filed.
  const confirmedOnly = match !== null && s.need_type === NEED_REFRESH && pendingKeys.length === 0;
  const customerCommon = {
    ...verified,
    [CUSTOMERS.col.segment]: d.customerSegment,
    [CUSTOMERS.col.lastContact]: raw.receivedAt,
    [CUSTOMERS.col.ticketCount]: d.ticketCount,
    ...consentColumns(raw, state.all),
  };
  if (match && update) {
    books.updateCustomer(match.row, customerNo, { ...resealedCells(match.values, customerNo, keys), ...customerCells(update.fill, customerNo, keys), ...customerCommon });
  } else {
    books.addCustomer({
      ...customerCells(submitted, customerNo, keys),
      ...customerCommon,
      [CUSTOMERS.col.no]: customerNo,
      [CUSTOMERS.col.firstContact]: raw.receivedAt,
      [INTERNAL.matchIndex]: tokens.join(' '),
    });
  }

  const warningTexts = warnings.map((w) => w.message);
  const toVerify = [...warningTexts, ...(pendingKeys.length ? [pendingLine(ctx.locale, pendingKeys)] : [])];
  const ticketRow = books.addTicket({
    ...ticketFieldValues(s),
    [TICKETS.col.no]: ticketNo,
    [TICKETS.col.customerNo]: customerNo,
    [TICKETS.col.issueType]: issueType,
    [TICKETS.col.priority]: priority,
    [TICKETS.col.tags]: toVerify.length ? TO_VERIFY_TAG : '',
    [TICKETS.col.toVerify]: toVerify.join('\n'),
    [INTERNAL.pendingChanges]: pendingKeys.length ? seal(JSON.stringify(pending), keys, pendingPlace(ticketNo)) : '',
    [TICKETS.col.owner]: ownerDirectory(ctx.config).label(d.owner),
    [TICKETS.col.deadline]: deadline,
    [TICKETS.col.status]: confirmedOnly ? STATUS.closed : STATUS.new,
    ...(confirmedOnly ? { [TICKETS.col.firstResponseAt]: ctx.now, [TICKETS.col.resolvedAt]: ctx.now, [INTERNAL.closedAt]: ctx.now, [INTERNAL.lastStatus]: STATUS.closed } : {}),
    [TICKETS.col.reminder]: '',
    [TICKETS.col.channel]: raw.channel,
    [TICKETS.col.handler]: checked.handler,
    [TICKETS.col.submittedAt]: checked.filledAt ?? raw.receivedAt,
    // Offline: when staff entered it (a resubmitted 待审核 row keeps its 收到时间); else when the add-on filed it.
    [TICKETS.col.enteredAt]: isOfflineChannel(raw.channel) ? raw.receivedAt : ctx.now,
    [TICKETS.col.notes]: notesWithUnknown(ctx, s.notes, unknown),
    [INTERNAL.source]: raw.sourceId,
    [INTERNAL.team]: d.team,
  });
  books.addHistory({
    [HISTORY.col.at]: ctx.now,
    [HISTORY.col.ticketNo]: ticketNo,
    [HISTORY.col.actor]: raw.handler,
    [HISTORY.col.action]: HISTORY_ACTION.created,
    [HISTORY.col.oldValue]: '',
    [HISTORY.col.newValue]: STATUS.new,
    [HISTORY.col.note]: ctx.t('history.createdNote', { channel: raw.channel, owner: ownerDirectory(ctx.config).label(d.owner) }),
  });
  if (confirmedOnly) {
    books.addHistory({
      [HISTORY.col.at]: ctx.now,
      [HISTORY.col.ticketNo]: ticketNo,
      [HISTORY.col.actor]: raw.handler,
      [HISTORY.col.action]: HISTORY_ACTION.refreshConfirmed,
      [HISTORY.col.oldValue]: STATUS.new,
      [HISTORY.col.newValue]: STATUS.closed,
      [HISTORY.col.note]: ctx.t('history.refreshConfirmedNote', { customer: customerNo }),
    });
  }

  // The customer on record is told, at the address on record: an unconfirmed new address is never mailed
  // (it would tell anyone who typed a known mobile that it belongs to a customer, and what they asked).
  const mail: FiledMail = {
    ticketNo,
    customerName: onRecord?.name || s.name,
    customerEmail: onRecord ? onRecord.email || undefined : s.email,
    owner: d.owner,
    ownerTeam: d.team,
    priority,
    needType: s.need_type,
    issueType,
    deadline,
    firstResponse: new Date(d.firstResponseMs),
    summary: s.need_description,
    // The record's contact for a returning customer (differing details wait for 确认更新), else what was submitted.
    contact: onRecord
      ? { mobile: onRecord.mobile ?? '', landline: onRecord.landline ?? '', email: onRecord.email ?? '' }
      : { mobile: s.mobile ?? '', landline: s.landline ?? '', email: s.email ?? '' },
    row: ticketRow,
  };
  // A confirmation asks nothing of anyone: no acknowledgement, no notice to an owner.
  const { rows: queued, recorded } = queueRows(mailEach && !confirmedOnly ? intakeMails(ctx, mail) : []);
  const firstRow = queued.length ? books.addMails(queued) : undefined;
  const outbox = firstRow === undefined ? recorded : recorded.map((m, i) => ({ ...m, row: firstRow + i }));

  return {
    outcome: {
      outcome: 'accepted',
      customer_no: customerNo,
      ticket_no: ticketNo,
      segment,
      priority,
      issue_type: issueType,
      owner: d.owner,
      deadline: formatDateTime(deadline, ctx.timeZone),
      warnings: warningTexts,
      problems: [],
    },
    purgeSource: SENSITIVE.some((k) => s[k as keyof Submission] !== undefined),
    mail,
    outbox,
    ...(confirmedOnly ? { quiet: true } : {}),
    ...(match && s.related_ticket ? { answered: { waitingTicket: s.related_ticket, customerNo, answerTicket: ticketNo, who: raw.handler } } : {}),
  };
}

/**
 * The first submission of a day finds no counter for it. Normally that day
 * has no numbers yet; but if script properties were lost, the sheet is the
 * truth: continue after the highest number of that day found there.
 */
function seedCounters(books: Books, counters: SerialCounters, day: string): SerialCounters {
  const seeded = { ...counters };
  for (const prefix of ['C', 'T'] as SerialPrefix[]) {
    if (seeded[prefix + day] === undefined) seeded[prefix + day] = books.highestSerial(prefix, day);
  }
  return seeded;
}

const LABEL: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.key, f.label]));

/** The customer fields a submission answered, as text. */
function customerAnswers(s: Submission): CustomerValues {
  const out: CustomerValues = {};
  for (const key of CUSTOMER_FIELDS) {
    const v = s[key as keyof Submission];
    if (v !== undefined && v !== '') out[key] = String(v);
  }
  return out;
}

function ticketFieldValues(s: Submission): Row {
  const row: Row = { [LABEL.name!]: s.name };
  for (const f of FIELDS) {
    if (f.group !== 'need' && f.group !== 'feedback') continue;
    if (f.key === 'notes') continue;
    const v = s[f.key as keyof Submission];
    row[f.label] = v === undefined ? '' : (v as string | number);
  }
  return row;
}

function notesWithUnknown(ctx: AppContext, notes: string | undefined, unknown: Record<string, string>): string {
  const extra = Object.entries(unknown).map(([k, v]) => `${k}: ${v}`);
  if (extra.length === 0) return notes ?? '';
  return [notes ?? '', ctx.t('notes.unknownColumns', { list: extra.join('；') })].filter(Boolean).join('\n');
}

