/**
 * 客户管理 › 个人信息请求: what a customer may ask of the company about their
 * personal data (PIPL Art. 45–47) — a copy of everything held about them, a
 * correction, a deletion — handled by staff on the owner's reveal list.
 * Every request is logged in 历史 with who and when; an export opens the
 * sealed fields and is counted as a reveal for the reports' audit line.
 */
import { requiredFieldKeys } from '../domain/config-form-fields';
import { CUSTOMER_FIELDS, parsePendingChanges } from '../domain/customer-changes';
import { toCsv } from '../domain/escape';
import { fieldByName, fieldLabel, type FieldKey } from '../domain/fields';
import { formResponseOf } from '../domain/form-responses';
import { normaliseEmail, normaliseIdNumber, normaliseMobile, normaliseText } from '../domain/normalise';
import { answerLines } from '../domain/review';
import { exportFileName, historyOfPerson, personHistoryToScrub, rowsOfPerson, type AnswerRecord, type Person, type PersonHistoryRecord } from '../domain/personal-data';
import { IMPORT_PERSONAL, scrubbedProblems, ticketInResult } from '../domain/retention';
import { checkFieldValue } from '../domain/validate';
import { HISTORY_ACTION, OUTBOUND_KIND, REVIEW_STATE, STATUS, SURVEY_CHANNEL } from '../domain/vocabulary';
import type { ExportSection, PersonFound, PersonalExport, PersonalRequestsSetup, RequestDone } from '../contracts/personal-requests';
import { UserError } from '../i18n/user-error';
import { CUSTOMERS, HISTORY, IMPORT, INTERNAL, MAIL_QUEUE, OUTBOUND, REVIEW, TICKETS, type SheetSpec } from '../sheets/schema';
import { parseSmsBody } from '../domain/sms-policy';
import { cellText, type Cell, type Row, type RowFor } from '../sheets/table';
import type { AppContext } from './context';
import { applyCustomerChanges, recordedValues } from './customer-changes';
import { customerRowFor } from './customer-lookup';
import { writeByKey, type KeyedCell } from './keyed-writes';
import { keysFrom, pendingPlace, reviewPlace, tryUnseal, type Keys } from './keys';
import { withScriptLock } from './lock';
import { actingStaff, formatDateTime, formatDay } from './platform';
import { CUSTOMER_PERSONAL, TICKET_PERSONAL } from './retention';
import { mayReveal, recordReveal } from './reveal';
import { ANONYMISED, FormResponses, blankByKey, cellMs, emptiedMail, columnText, restoreMisplaced, scrubRows } from './scrub';
import { readState, setupOwner } from './store';
import { scrubOutbound } from './outbound';

/** What an export shows of a 历史 row. */
const HISTORY_SHOWN = [HISTORY.col.at, HISTORY.col.ticketNo, HISTORY.col.actor, HISTORY.col.action, HISTORY.col.oldValue, HISTORY.col.newValue, HISTORY.col.note] as const;
const HISTORY_COLUMNS = [HISTORY.col.ticketNo, HISTORY.col.at, HISTORY.col.actor, HISTORY.col.action, HISTORY.col.oldValue, HISTORY.col.newValue, HISTORY.col.note, INTERNAL.source] as const;

/** The person acting, if they are on the owner's reveal list; anyone else is refused, and the refusal counted and logged. */
function requireRight(ctx: AppContext, customerNo = ''): string {
  const who = actingStaff();
  if (mayReveal(ctx, who)) return who;
  recordReveal(ctx, who, customerNo, false, HISTORY_ACTION.revealRefused, ctx.t('pipl.refusedNote'));
  throw new UserError('pipl.noRight');
}

export function personalRequestsSetup(ctx: AppContext): PersonalRequestsSetup {
  requireRight(ctx);
  return { locale: ctx.locale, fields: CUSTOMER_FIELDS.map((key) => ({ key, label: fieldLabel(key, ctx.locale) })) };
}

/** The customer a 客户编号, mobile or email names; nothing sensitive is shown and nothing logged. */
export function findPerson(ctx: AppContext, query: string): PersonFound {
  requireRight(ctx);
  const row = customerRowFor(ctx, query);
  if (row === undefined) throw new UserError('pipl.notFound');
  const values = ctx.table(CUSTOMERS).readRows([row]).get(row)!;
  const last = values[CUSTOMERS.col.lastContact];
  const name = cellText(values[CUSTOMERS.col.name]);
  return {
    customerNo: cellText(values[CUSTOMERS.col.no]),
    name,
    tickets: Number(values[CUSTOMERS.col.ticketCount] ?? 0) || 0,
    lastContact: last instanceof Date ? formatDateTime(last, ctx.timeZone) : '',
    erased: name === '' && cellText(values[INTERNAL.matchIndex]) === '',
  };
}

/** What is held about one customer, read once: their record (sealed fields opened) and tickets. */
interface Held {
  person: Person;
  row: number;
  values: Row;
  plain: Partial<Record<FieldKey, string>>;
  tickets: { row: number; values: Row }[];
  keys: Keys;
}

/** A customer number as staff typed or the dialog sent it: trimmed, upper case. */
function customerNumber(raw: unknown): string {
  return normaliseText(String(raw ?? '')).toUpperCase();
}

function held(ctx: AppContext, customerNo: string): Held {
  const number = customerNumber(customerNo);
  const customers = ctx.table(CUSTOMERS);
  const found = /^C\d{11,}$/.test(number) ? customers.findRows(CUSTOMERS.col.no, number) : [];
  if (found.length !== 1) throw new UserError('changes.noSuchCustomer', { customer: number });
  const row = found[0]!;
  const values = customers.readRows([row]).get(row)!;
  const keys = keysFrom(readState().all);
  const plain = recordedValues(values, number, keys);
  const ticketTable = ctx.table(TICKETS);
  const ticketRows = ticketTable.findRows(TICKETS.col.customerNo, number);
  const tickets = [...ticketTable.readRows(ticketRows)].map(([r, v]) => ({ row: r, values: v }));
  return {
    person: {
      customerNo: number,
      mobile: plain.mobile ?? '',
      email: plain.email ?? '',
      idNumber: plain.id_number ?? '',
      ticketNos: new Set(tickets.map((t) => cellText(t.values[TICKETS.col.no])).filter((n) => n !== '')),
      ticketSources: new Set(tickets.map((t) => cellText(t.values[INTERNAL.source])).filter((s) => s !== '')),
    },
    row, values, plain, tickets, keys,
  };
}

/** A 待审核 row's stored answers, its sealed ones opened where they belong ('' when they do not open). */
function reviewAnswers(rawData: string, source: string, keys: Keys): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawData || '{}');
  } catch {
    return {};
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof v !== 'string' || v === '') continue;
    out[k] = tryUnseal(v, keys, reviewPlace(source, k)) ?? v;
  }
  return out;
}

function reviewRecord(answers: Record<string, string>, source: string): AnswerRecord {
  return {
    source, ticketNo: '',
    mobile: normaliseMobile(answers.mobile ?? ''), email: normaliseEmail(answers.email ?? ''), idNumber: normaliseIdNumber(answers.id_number ?? ''),
  };
}

/** 导入 rows as a request sees them: the ticket 处理结果 names, and the identifiers in their cells (by label). */
function importRecord(values: Row): AnswerRecord {
  const at = (key: FieldKey) => cellText(values[fieldLabel(key)]);
  return {
    source: '', ticketNo: ticketInResult(cellText(values[IMPORT.col.result])),
    mobile: normaliseMobile(at('mobile')), email: normaliseEmail(at('email')), idNumber: normaliseIdNumber(at('id_number')),
  };
}

/** `key：value` lines, with the field's label where the key is a field's. */
function labelledAnswers(ctx: AppContext, answers: Readonly<Record<string, string>>): string {
  return answerLines(Object.entries(answers).map(([k, v]) => {
    const f = fieldByName(k);
    return [f ? fieldLabel(f.key, ctx.locale) : k, v] as const;
  }));
}

/**
 * A copy of everything held about the customer (Art. 45): the record with
 * its sealed fields opened, the tickets (with any changes waiting for
 * confirmation), their 历史, the 待审核 and 导入 rows that are theirs, and
 * the mails to them — as tables for the dialog and as a CSV no spreadsheet
 * evaluates. Counted and logged as a reveal.
 */
export function exportPerson(ctx: AppContext, customerNo: string): PersonalExport {
  const who = requireRight(ctx, String(customerNo ?? ''));
  const h = held(ctx, customerNo);
  const { person, keys } = h;
  const t = ctx.t;
  const show = (v: Cell | undefined): string => (v instanceof Date ? formatDateTime(v, ctx.timeZone) : cellText(v));
  const visible = (spec: SheetSpec) => spec.columns.filter((c) => !c.hidden).map((c) => c.label);
  const sealedShown: Record<string, string> = { [CUSTOMERS.col.address]: h.plain.address ?? '', [CUSTOMERS.col.idNumber]: h.plain.id_number ?? '' };
  const sections: ExportSection[] = [];
  sections.push({
    title: t('pipl.section.customer'),
    headers: [t('pipl.col.field'), t('pipl.col.value')],
    rows: visible(CUSTOMERS).map((label) => [label, label in sealedShown ? sealedShown[label]! : show(h.values[label])]),
  });
  const ticketHeaders = visible(TICKETS);
  sections.push({
    title: t('pipl.section.tickets'),
    headers: [...ticketHeaders, t('pipl.col.pendingChanges')],
    rows: h.tickets.map(({ values }) => {
      const no = cellText(values[TICKETS.col.no]);
      const sealed = cellText(values[INTERNAL.pendingChanges]);
      const pending = sealed === '' ? {} : parsePendingChanges(tryUnseal(sealed, keys, pendingPlace(no)) ?? '');
      return [...ticketHeaders.map((label) => show(values[label])), labelledAnswers(ctx, pending)];
    }),
  });
  const review = ctx.table(REVIEW).readAll().map(({ values }) => ({ values, answers: reviewAnswers(cellText(values[REVIEW.col.rawData]), cellText(values[INTERNAL.source]), keys) }));
  const theirReviews = rowsOfPerson(review.map((r) => reviewRecord(r.answers, cellText(r.values[INTERNAL.source]))), person).map((i) => review[i]!);
  const reviewKeys = theirReviews.map((r) => cellText(r.values[INTERNAL.source]));
  const history = ctx.table(HISTORY).readColumns(HISTORY_COLUMNS);
  const historyRecords = personHistoryRecords(history);
  sections.push({
    title: t('pipl.section.history'),
    headers: [...HISTORY_SHOWN],
    rows: historyOfPerson(historyRecords, person, reviewKeys).map((i) => HISTORY_SHOWN.map((l) => show(history.get(l)![i]))),
  });
  sections.push({
    title: t('pipl.section.review'),
    headers: [REVIEW.col.receivedAt, REVIEW.col.channel, REVIEW.col.problems, t('pipl.col.content'), REVIEW.col.state],
    rows: theirReviews.map(({ values, answers }) => [show(values[REVIEW.col.receivedAt]), show(values[REVIEW.col.channel]), show(values[REVIEW.col.problems]), labelledAnswers(ctx, answers), show(values[REVIEW.col.state])]),
  });
  const colleagues = colleagueAddresses(ctx);
  const mailHeaders = [MAIL_QUEUE.col.queuedAt, MAIL_QUEUE.col.ticketNo, MAIL_QUEUE.col.to, MAIL_QUEUE.col.subject, MAIL_QUEUE.col.body, MAIL_QUEUE.col.state, MAIL_QUEUE.col.sentAt];
  sections.push({
    title: t('pipl.section.mails'),
    headers: mailHeaders,
    rows: ctx.table(MAIL_QUEUE).readAll().filter(({ values }) => person.ticketNos.has(cellText(values[MAIL_QUEUE.col.ticketNo])) && toCustomer(colleagues, cellText(values[MAIL_QUEUE.col.to]))).map(({ values }) => mailHeaders.map((l) => show(values[l]))),
  });
  const smsHeaders = [OUTBOUND.col.queuedAt, OUTBOUND.col.ticketNo, OUTBOUND.col.event, OUTBOUND.col.body, OUTBOUND.col.state, OUTBOUND.col.sentAt, OUTBOUND.col.result];
  sections.push({
    title: t('pipl.section.sms'),
    headers: smsHeaders,
    // SMS to the customer (the robots' messages are staff's, like the mails to owners); a sent one's text is gone from the queue.
    rows: !ctx.ss.getSheetByName(OUTBOUND.name) ? [] : ctx.table(OUTBOUND).readAll()
      .filter(({ values }) => values[OUTBOUND.col.kind] === OUTBOUND_KIND.sms && person.ticketNos.has(cellText(values[OUTBOUND.col.ticketNo])))
      .map(({ values }) => smsHeaders.map((l) => (l === OUTBOUND.col.body ? smsShown(cellText(values[l])) : show(values[l])))),
  });
  const imports = ctx.table<SheetSpec>(IMPORT).readAll();
  sections.push({
    title: t('pipl.section.import'),
    headers: [IMPORT.col.result, t('pipl.col.content')],
    rows: rowsOfPerson(imports.map(({ values }) => importRecord(values)), person).map((i) => {
      const values = imports[i]!.values;
      const cells = Object.fromEntries(Object.entries(values).filter(([k, v]) => k !== IMPORT.col.result && cellText(v) !== '').map(([k, v]) => [k, show(v)]));
      return [show(values[IMPORT.col.result]), labelledAnswers(ctx, cells)];
    }),
  });
  const csv = toCsv(sections.flatMap((s) => [[s.title], s.headers, ...(s.rows.length ? s.rows : [[t('pipl.none')]]), []]));
  recordReveal(ctx, who, person.customerNo, true, HISTORY_ACTION.dataExported, t('pipl.exportedNote'));
  return { customerNo: person.customerNo, fileName: exportFileName(person.customerNo, formatDay(ctx.now, ctx.timeZone)), csv, sections };
}

/** A queued SMS as the customer reads it: the number and the template's values. */
function smsShown(body: string): string {
  const b = parseSmsBody(body);
  return b ? `${b.phone}：${b.params.join(' ')}` : body;
}

/** The addresses of staff, team members, supervisors and the owner, lower case. */
function colleagueAddresses(ctx: AppContext): ReadonlySet<string> {
  return new Set([...ctx.config.staff.map((s) => s.email), ...ctx.config.teams.flatMap((t) => [...t.members, t.supervisor ?? '']), setupOwner() ?? ''].map((e) => e.toLowerCase()).filter((e) => e !== ''));
}

/** Whether a queued mail went to the customer rather than to staff (an assignment, an escalation): none of its addresses is a colleague's. */
function toCustomer(colleagues: ReadonlySet<string>, to: string): boolean {
  const addresses = to.split(/[,;，；\s]+/).map((a) => a.trim().toLowerCase()).filter((a) => a !== '');
  return addresses.length > 0 && addresses.every((a) => !colleagues.has(a));
}

function personHistoryRecords(cols: Map<string, Cell[]>): PersonHistoryRecord[] {
  return cols.get(HISTORY.col.ticketNo)!.map((no, i) => ({
    ticketNo: cellText(no),
    action: columnText(cols, HISTORY.col.action, i),
    atMs: cellMs(cols.get(HISTORY.col.at)![i]),
    hasValues: columnText(cols, HISTORY.col.oldValue, i) !== '' || columnText(cols, HISTORY.col.newValue, i) !== '',
    note: columnText(cols, HISTORY.col.note, i),
    source: columnText(cols, INTERNAL.source, i),
  }));
}

/**
 * A correction (Art. 46): the value is checked as intake would check it,
 * then written like a confirmed change — sealed where it is sensitive, the
 * blind index moved, so the next submission matches the corrected value and
 * the old one no longer does — and logged.
 */
export function correctPerson(ctx: AppContext, customerNo: string, field: string, value: string, note: string): RequestDone {
  const who = requireRight(ctx, String(customerNo ?? ''));
  const key = CUSTOMER_FIELDS.find((k) => k === field);
  if (!key) throw new UserError('changes.notCustomerField', { field: String(field ?? '') });
  const checked = checkFieldValue(key, String(value ?? ''), { options: ctx.config.options, consentText: ctx.config.consentText, required: requiredFieldKeys(ctx.config), locale: ctx.locale });
  if (!checked.ok) throw new UserError('pipl.badValue', { reason: checked.message });
  const { person } = held(ctx, customerNo);
  const reason = normaliseText(String(note ?? '')) || ctx.t('pipl.correctedNote');
  const changed = applyCustomerChanges(ctx, person.customerNo, { [key]: checked.value }, who, reason);
  const params = { customer: person.customerNo, field: fieldLabel(key, ctx.locale) };
  return { customerNo: person.customerNo, message: changed.length ? ctx.t('pipl.corrected', params) : ctx.t('pipl.unchanged', params) };
}

/**
 * A deletion (Art. 47): the customer's personal details go from every place
 * the add-on keeps them — the record (and its blind index: the same mobile
 * later is a new customer), their tickets (open ones are closed), the 历史
 * notes and values about them, their 待审核 and 导入 rows, their queued mails
 * (cancelled) and the Form responses they came from. What reports count
 * stays. `typed` must repeat the customer number; the note must not name the
 * customer, since it stays.
 */
export function erasePerson(ctx: AppContext, customerNo: string, typed: string, note: string): RequestDone {
  const who = requireRight(ctx, String(customerNo ?? ''));
  const number = customerNumber(customerNo);
  const confirm = customerNumber(typed);
  if (confirm !== number) throw new UserError('pipl.confirmMismatch', { typed: confirm, customer: number });
  return withScriptLock(() => {
    const h = held(ctx, number);
    const { person, keys } = h;
    const reason = normaliseText(String(note ?? ''));
    const identifying = [h.plain.name, h.plain.mobile, h.plain.email, h.plain.landline].filter((v): v is string => !!v && v.length >= 2);
    if (identifying.some((v) => reason.toLowerCase().includes(v.toLowerCase()))) throw new UserError('pipl.notePersonal');
    const responses = new FormResponses();

    const tickets = ctx.table(TICKETS);
    const ticketsBefore = tickets.readAll();
    const cells: KeyedCell[] = h.tickets.flatMap(({ row, values }) => {
      const key = cellText(values[TICKETS.col.no]);
      responses.add(formResponseOf(cellText(values[TICKETS.col.channel]), cellText(values[INTERNAL.source])), cellMs(values[TICKETS.col.submittedAt]));
      const open = cellText(values[TICKETS.col.status]) !== STATUS.closed;
      return [
        ...TICKET_PERSONAL.map((label) => ({ key, row, label, value: '' })),
        { key, row, label: INTERNAL.anonymised, value: ANONYMISED },
        // Nobody can act on a ticket without its customer: an open one is closed, and no catch-up mail follows.
        ...(open ? [TICKETS.col.status, INTERNAL.lastStatus].map((label) => ({ key, row, label, value: STATUS.closed })) : []),
        ...(open ? [{ key, row, label: INTERNAL.closedAt, value: ctx.now }] : []),
      ];
    });
    if (writeByKey(tickets, TICKETS.col.no, cells).length) throw new UserError('changes.noSuchCustomer', { customer: number });
    restoreMisplaced(tickets, TICKETS.col.no, ticketsBefore, person.ticketNos, [...TICKET_PERSONAL, INTERNAL.anonymised, TICKETS.col.status, INTERNAL.lastStatus], new Set([ANONYMISED, STATUS.closed]));

    const customers = ctx.table(CUSTOMERS);
    const customersBefore = customers.readAll();
    if (blankByKey(customers, CUSTOMERS.col.no, [{ key: number, row: h.row }], CUSTOMER_PERSONAL).size) throw new UserError('changes.noSuchCustomer', { customer: number });
    restoreMisplaced(customers, CUSTOMERS.col.no, customersBefore, new Set([number]), CUSTOMER_PERSONAL);

    let reviews = 0;
    const reviewKeys: string[] = [];
    scrubRows(ctx, REVIEW, [INTERNAL.source, REVIEW.col.receivedAt, REVIEW.col.channel, REVIEW.col.rawData, REVIEW.col.answers, REVIEW.col.problems, REVIEW.col.state], (c) => {
      const sources = c.get(INTERNAL.source)!.map(cellText);
      const records = sources.map((source, i) => reviewRecord(reviewAnswers(columnText(c, REVIEW.col.rawData, i), source, keys), source));
      const picked = rowsOfPerson(records, person);
      reviews = picked.length;
      return new Map(picked.map((i) => {
        reviewKeys.push(sources[i]!);
        responses.add(formResponseOf(columnText(c, REVIEW.col.channel, i), sources[i]!), cellMs(c.get(REVIEW.col.receivedAt)![i]));
        // A pending row left empty could only be resubmitted as nothing: it is voided.
        const state: Row = columnText(c, REVIEW.col.state, i) === REVIEW_STATE.pending ? { [REVIEW.col.state]: REVIEW_STATE.voided } : {};
        return [i, { [REVIEW.col.rawData]: '', [REVIEW.col.answers]: '', [REVIEW.col.problems]: scrubbedProblems(columnText(c, REVIEW.col.problems, i)), ...state }];
      }));
    });

    const history = scrubRows(ctx, HISTORY, HISTORY_COLUMNS, (c) => {
      const records = personHistoryRecords(c);
      records.forEach((r) => {
        if (r.action === HISTORY_ACTION.survey && person.ticketNos.has(r.ticketNo)) responses.add(formResponseOf(SURVEY_CHANNEL, r.source), null);
      });
      return new Map(personHistoryToScrub(records, person, reviewKeys).map((s) => [s.index, {
        ...(s.values ? { [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '' } : {}),
        ...(s.note ? { [HISTORY.col.note]: '' } : {}),
      }]));
    }).written;

    const mails = scrubRows(ctx, MAIL_QUEUE, [MAIL_QUEUE.col.id, MAIL_QUEUE.col.ticketNo, MAIL_QUEUE.col.to, MAIL_QUEUE.col.state], (c) => new Map(
      c.get(MAIL_QUEUE.col.ticketNo)!.flatMap((no, i) => {
        if (!person.ticketNos.has(cellText(no)) || columnText(c, MAIL_QUEUE.col.to, i) === '') return [];
        return [[i, emptiedMail(columnText(c, MAIL_QUEUE.col.state, i))] as const];
      }),
    )).written;

    // The team-chat messages waiting about their tickets (a sent one's text is gone already).
    scrubOutbound(ctx, (no) => person.ticketNos.has(no));

    const personal = IMPORT_PERSONAL.map((k) => fieldLabel(k));
    const imports = scrubRows(ctx, IMPORT, [IMPORT.col.result, ...personal], (c) => {
      const records = c.get(IMPORT.col.result)!.map((_, i) => importRecord(Object.fromEntries([IMPORT.col.result, ...personal].map((l) => [l, c.get(l)![i]!]))));
      const blank = Object.fromEntries(personal.map((label) => [label, '']));
      return new Map(rowsOfPerson(records, person).filter((i) => personal.some((l) => columnText(c, l, i) !== '')).map((i) => [i, blank]));
    }).written;

    const formResponses = responses.delete();
    const log = (ticketNo: string, noteText: string): RowFor<typeof HISTORY> => ({
      [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: ticketNo, [HISTORY.col.actor]: who, [HISTORY.col.action]: HISTORY_ACTION.erased,
      [HISTORY.col.oldValue]: ticketNo === '' ? number : '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: noteText, [INTERNAL.source]: number,
    });
    ctx.table(HISTORY).append([
      ...[...person.ticketNos].map((no) => log(no, ctx.t('pipl.erasedTicketNote', { customer: number }))),
      log('', ctx.t('pipl.erasedNote', { tickets: person.ticketNos.size, note: reason })),
    ]);
    return {
      customerNo: number,
      message: ctx.t('pipl.erased', { customer: number, tickets: person.ticketNos.size, reviews, imports, mails, responses: formResponses, history }),
    };
  });
}
