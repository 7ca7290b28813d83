/**
 * The one intake pipeline behind every entry point (Form, manual entry,
 * Import sheet, webhook): normalise → validate → (errors: review queue) →
 * under the script lock: de-duplicate by source id, match the customer by
 * blind index, number, tag, route, set the deadline, write one batch per
 * sheet → then mail the customer and the owner.
 */
import { normaliseRaw } from '../domain/normalise';
import { describeProblems, validateSubmission, type Issue, type Submission } from '../domain/validate';
import { FIELDS, type FieldKey } from '../domain/fields';
import { localDay, nextSerial, parseSerial, type SerialCounters, type SerialPrefix } from '../domain/numbering';
import { classifyIssue, isStrategic, priorityOf, segmentOf } from '../domain/tagging';
import { route } from '../domain/routing';
import { deadlineFor } from '../domain/calendar';
import { maskAddress, maskIdNumber } from '../domain/crypto';
import { t } from '../i18n/messages';
import { CUSTOMERS, HISTORY, INTERNAL, REVIEW, TICKETS, type SheetSpec } from '../sheets/schema';
import type { Row } from '../sheets/table';
import type { AppContext } from './context';
import { keysFrom, matchTokens, seal, type Keys } from './keys';
import { withScriptLock } from './lock';
import { sendAcknowledgement, sendAssignment } from './notify';
import { formatDateTime } from './platform';
import { readState, writeState, type StoredState } from './store';

export type Channel = '在线表单' | '线下录入' | '导入' | '接口';

export interface RawSubmission {
  /** Field keys or zh-CN labels → answers as received. */
  answers: Record<string, unknown>;
  channel: Channel;
  /** 线上表单, the staff member's email, or the integration's name. */
  handler: string;
  /** Stable id of the source (form response id, client draft id, …): processing it twice changes nothing. */
  sourceId: string;
  receivedAt: Date;
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
  | { outcome: 'review'; review_row: number; problems: string[] }
  | { outcome: 'duplicate'; ticket_no?: string; review_row?: number };

export interface IntakeResult {
  outcome: IntakeOutcome;
  /** The source holds personal data that must not stay there (no consent, or a sensitive field). */
  purgeSource: boolean;
}

/** Fields that are personal data: dropped from the review queue when consent is missing. */
const NON_PERSONAL: ReadonlySet<string> = new Set([
  'customer_kind', 'industry', 'company_size', 'source_channel', 'need_type', 'budget', 'expected_response',
  'time_requirement', 'cooperation_mode', 'satisfaction', 'related_ticket', 'consent',
]);
const SENSITIVE = FIELDS.filter((f) => f.sensitive).map((f) => f.key);

export function intake(ctx: AppContext, raw: RawSubmission): IntakeResult {
  const norm = normaliseRaw(raw.answers);
  const result = validateSubmission(norm.values, { options: ctx.config.options, consentText: ctx.config.consentText });
  const problems: Issue[] = [...norm.problems, ...(result.ok ? [] : result.problems)];

  const done = withScriptLock((): Filed => {
    const dup = findDuplicate(ctx, raw.sourceId);
    if (dup) return { outcome: dup, purgeSource: false };
    const props = readState();
    if (!result.ok || problems.length > 0) {
      const consent = result.ok ? true : result.consent;
      const row = writeReview(ctx, raw, problems, norm.values, norm.unknown, consent, props);
      return {
        outcome: { outcome: 'review', review_row: row, problems: problems.map((p) => p.message) },
        purgeSource: !consent,
      };
    }
    return fileTicket(ctx, raw, result.submission, result.warnings, norm.unknown, props);
  });
  // Mail goes out after the lock is released: a slow mail server never holds up other submissions.
  if (done.mail) {
    sendAcknowledgement(ctx, done.mail);
    sendAssignment(ctx, done.mail);
  }
  return { outcome: done.outcome, purgeSource: done.purgeSource };
}

function findDuplicate(ctx: AppContext, sourceId: string): IntakeOutcome | null {
  const tickets = ctx.table(TICKETS);
  const hit = tickets.findRows(INTERNAL.source, sourceId)[0];
  if (hit !== undefined) {
    const row = tickets.readRows([hit]).get(hit)!;
    return { outcome: 'duplicate', ticket_no: String(row['工单编号']) };
  }
  const reviewHit = ctx.table(REVIEW).findRows(INTERNAL.source, sourceId)[0];
  if (reviewHit !== undefined) return { outcome: 'duplicate', review_row: reviewHit };
  return null;
}

function writeReview(
  ctx: AppContext,
  raw: RawSubmission,
  problems: Issue[],
  values: Partial<Record<FieldKey, string>>,
  unknown: Record<string, string>,
  consent: boolean,
  props: StoredState,
): number {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === '') continue;
    if (!consent && !NON_PERSONAL.has(k)) continue;
    kept[k] = (SENSITIVE as string[]).includes(k) ? seal(v, keysFrom(props.all)) : v;
  }
  if (consent) for (const [k, v] of Object.entries(unknown)) kept[k] = v;
  const problemText = describeProblems(problems) + (consent ? '' : '\n' + t('review.personalDropped'));
  return ctx.table(REVIEW).append([
    {
      收到时间: raw.receivedAt,
      收集渠道: raw.channel,
      问题: problemText,
      原始数据: JSON.stringify(kept),
      处理状态: t('review.pending'),
      经办人: raw.handler,
      [INTERNAL.source]: raw.sourceId,
    },
  ]);
}

interface Filed extends IntakeResult {
  /** What to tell the customer and the owner, for an accepted submission. */
  mail?: FiledMail;
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
  summary: string;
}

interface CustomerMatch {
  row: number;
  values: Row;
}

function fileTicket(
  ctx: AppContext,
  raw: RawSubmission,
  s: Submission,
  warnings: Issue[],
  unknown: Record<string, string>,
  state: StoredState,
): Filed {
  const { config } = ctx;
  const keys = keysFrom(state.all);
  const tokens = matchTokens({ mobile: s.mobile, email: s.email, id_number: s.id_number }, keys);
  const customers = ctx.table(CUSTOMERS);
  const match = findCustomer(ctx, tokens);
  // A row this very source wrote in a failed earlier attempt is ours, not a returning customer.
  const retry = match !== null && String(match.values[INTERNAL.lastSource]) === raw.sourceId;
  const returning = match !== null && !retry;

  const received = raw.receivedAt.getTime();
  const day = localDay(received, ctx.utcOffset);
  let counters = seedCounters(ctx, state.counters, day);
  let customerNo: string;
  if (match) customerNo = String(match.values['客户编号']);
  else ({ serial: customerNo, counters } = nextSerial(counters, 'C', day));
  const ticket = nextSerial(counters, 'T', day);
  const ticketNo = ticket.serial;
  counters = ticket.counters;

  const segment = segmentOf({
    returning,
    strategic: isStrategic(s.name, customerNo, config.strategicCustomers),
    budget: s.budget,
    company_size: s.company_size,
  });
  const issueType = classifyIssue([s.need_description, s.feedback ?? ''], config.issueTypes);
  const priority = priorityOf(
    { expected_response: s.expected_response, need_type: s.need_type, issue_type: issueType, segment },
    config.priorityByResponse,
  );
  const routed = route({ need_type: s.need_type, issue_type: issueType }, config.routes, config.teams, state.rotation);
  const deadline = new Date(deadlineFor(received, config.sla[priority], config.calendar, ctx.utcOffset));

  // Numbers are committed before any row is written: a failed write leaves a gap, never a reused number.
  writeState(state, counters, routed.rotation);

  const customerRow = customerValues(s, keys);
  if (match) {
    const count = Number(match.values['工单数']) || 0;
    const known = new Set(String(match.values[INTERNAL.matchIndex] ?? '').split(' ').filter(Boolean));
    tokens.forEach((tk) => known.add(tk));
    customers.update(match.row, {
      ...customerRow,
      客户类型标签: segment === '新客户' ? String(match.values['客户类型标签'] || segment) : segment,
      最近联系: raw.receivedAt,
      工单数: retry ? Math.max(count, 1) : count + 1,
      [INTERNAL.matchIndex]: [...known].join(' '),
      [INTERNAL.lastSource]: raw.sourceId,
    });
  } else {
    customers.append([
      {
        ...customerRow,
        客户编号: customerNo,
        客户类型标签: segment,
        首次联系: raw.receivedAt,
        最近联系: raw.receivedAt,
        工单数: 1,
        [INTERNAL.matchIndex]: tokens.join(' '),
        [INTERNAL.lastSource]: raw.sourceId,
      },
    ]);
  }

  const warningTexts = warnings.map((w) => w.message);
  ctx.table(TICKETS).append([
    {
      ...ticketFieldValues(s),
      工单编号: ticketNo,
      客户编号: customerNo,
      问题类型: issueType,
      优先级: priority,
      标签: warnings.length ? t('tag.toVerify') : '',
      核实事项: warningTexts.join('\n'),
      负责人: routed.owner,
      截止时间: deadline,
      状态: '新建',
      提醒: '',
      收集渠道: raw.channel,
      经办人: raw.handler,
      填写日期: raw.receivedAt,
      备注: notesWithUnknown(s.notes, unknown),
      [INTERNAL.source]: raw.sourceId,
      [INTERNAL.team]: routed.team,
    },
  ]);
  ctx.table(HISTORY).append([
    {
      时间: ctx.now,
      工单编号: ticketNo,
      操作人: raw.handler,
      动作: t('history.created'),
      原值: '',
      新值: '新建',
      说明: t('history.createdNote', { channel: raw.channel, owner: routed.owner }),
    },
  ]);

  return {
    outcome: {
      outcome: 'accepted',
      customer_no: customerNo,
      ticket_no: ticketNo,
      segment,
      priority,
      issue_type: issueType,
      owner: routed.owner,
      deadline: formatDateTime(deadline, ctx.timeZone),
      warnings: warningTexts,
      problems: [],
    },
    purgeSource: SENSITIVE.some((k) => s[k as keyof Submission] !== undefined),
    mail: {
      ticketNo,
      customerName: s.name,
      customerEmail: s.email,
      owner: routed.owner,
      ownerTeam: routed.team,
      priority,
      needType: s.need_type,
      issueType,
      deadline,
      summary: s.need_description,
    },
  };
}

/**
 * The first submission of a day finds no counter for it. Normally that day
 * has no numbers yet; but if script properties were lost, the sheet is the
 * truth: continue after the highest number of that day found there.
 */
function seedCounters(ctx: AppContext, counters: SerialCounters, day: string): SerialCounters {
  const seeded = { ...counters };
  const sources: [SerialPrefix, SheetSpec, string][] = [
    ['C', CUSTOMERS, '客户编号'],
    ['T', TICKETS, '工单编号'],
  ];
  for (const [prefix, spec, label] of sources) {
    if (seeded[prefix + day] !== undefined) continue;
    const found = ctx.table(spec).findValues(label, `${prefix}${day}\\d{3,}`, { regex: true });
    seeded[prefix + day] = found.reduce<number>((max, v) => Math.max(max, parseSerial(String(v))?.seq ?? 0), 0);
  }
  return seeded;
}

/** The customer matched by any blind-index token: id number first, then mobile, then email. */
function findCustomer(ctx: AppContext, tokens: string[]): CustomerMatch | null {
  if (tokens.length === 0) return null;
  const customers = ctx.table(CUSTOMERS);
  // Tokens are [a-z]:hex, so they are safe inside a regular expression.
  const rows = customers.findRows(INTERNAL.matchIndex, tokens.join('|'), { regex: true, partial: true }).slice(0, 3);
  if (rows.length === 0) return null;
  let best: CustomerMatch | null = null;
  let bestRank = Infinity;
  // Matched rows may be far apart: read each one (at most three) rather than the block between them.
  for (const row of rows) {
    const values = customers.readRows([row]).get(row)!;
    const have = String(values[INTERNAL.matchIndex] ?? '').split(' ');
    const rank = tokens.findIndex((tk) => have.includes(tk));
    if (rank >= 0 && rank < bestRank) {
      best = { row, values };
      bestRank = rank;
    }
  }
  return best;
}

const LABEL: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.key, f.label]));

function customerValues(s: Submission, keys: Keys): Row {
  const row: Row = {};
  for (const f of FIELDS) {
    if (f.group !== 'customer') continue;
    const v = s[f.key as keyof Submission];
    if (v === undefined || v === '') continue;
    if (f.key === 'address') {
      row[f.label] = maskAddress(String(v));
      row[INTERNAL.addressSealed] = seal(String(v), keys);
    } else if (f.key === 'id_number') {
      row[f.label] = maskIdNumber(String(v));
      row[INTERNAL.idNumberSealed] = seal(String(v), keys);
    } else {
      row[f.label] = v as string | number;
    }
  }
  return row;
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

function notesWithUnknown(notes: string | undefined, unknown: Record<string, string>): string {
  const extra = Object.entries(unknown).map(([k, v]) => `${k}: ${v}`);
  if (extra.length === 0) return notes ?? '';
  return [notes ?? '', t('notes.unknownColumns', { list: extra.join('；') })].filter(Boolean).join('\n');
}

