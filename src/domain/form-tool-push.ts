/**
 * The bodies 金数据, 问卷星 and 腾讯问卷 push for each new entry (their 数据推送 /
 * webhook), read into one neutral shape: the tool, the form's and the entry's
 * ids, the submit time as the tool wrote it, and the answers as
 * {questionId, questionTitle?, values} with every value a string. Nothing is
 * mapped here (form-tool-mapping.ts does that) and nothing is evaluated: a
 * value is the text the tool sent, flattened, never parsed as a formula or markup.
 *
 * Formats, as published by the vendors (see docs of the tests for the samples):
 * - 金数据: {form, form_name, entry: {serial_number, field_N | renamed API code …,
 *   creator_name, created_at (UTC ISO), updated_at, info_*}}
 *   (https://open.jinshuju.net/api_code_alias/overview, https://open.jinshuju.net/api_v1/schemas/entry_post).
 * - 问卷星: {activity, name, timetaken, submittime, q1 …, joinid, index, totalvalue, sign}
 *   (https://www.showdoc.com.cn/wjxopenapi/7664690808275512).
 * - 腾讯问卷: {id, object: "Answer", action, created_at, payload: {survey_id, answer_id,
 *   ended_at, answer: [{id, questions: [{id, type, text, options, groups}]}]}}
 *   (https://wj.qq.com/docs/webhook/, https://wj.qq.com/docs/openapi/survey/get_answer).
 */
import { idSourceId, MAX_WEBHOOK_ID } from './webhook-identity';
import { RAW_VALUE_CAP } from './normalise';
import { FORM_TOOL_CHANNEL } from './vocabulary';

export const FORM_TOOLS = ['jinshuju', 'wjx', 'tencent'] as const;
export type FormTool = (typeof FORM_TOOLS)[number];

/** Each tool's name as people write it: 配置 rows, 经办人, 收集渠道, messages. Stored text, never translated. */
export const FORM_TOOL_NAMES: Readonly<Record<FormTool, (typeof FORM_TOOL_CHANNEL)[FormTool]>> = FORM_TOOL_CHANNEL;

/** One answered question, as the tool identified it. */
export interface PushAnswer {
  /** The tool's id of the question: field_3 (or its renamed API code), q2, q-1-abcd. */
  questionId: string;
  /** The question's title, when the tool sends it (腾讯问卷 may; 金数据 and 问卷星 send ids only). */
  questionTitle?: string;
  /** What the customer answered, as text: one value, or one per chosen option. */
  values: string[];
}

export interface ParsedPush {
  tool: FormTool;
  /** The form's id at the tool: 金数据 form token, 问卷星 activity, 腾讯问卷 survey_id. */
  formId: string;
  /** The entry's id within the form: 金数据 serial_number, 问卷星 joinid, 腾讯问卷 answer_id. */
  entryId: string;
  /** When the customer submitted, as the tool wrote it (金数据 UTC ISO, the others Beijing time). */
  submittedAt?: string;
  answers: PushAnswer[];
}

/**
 * Why a body is not an entry to file. Stable codes (the reply's `code`);
 * describePushRefusal (form-tool-mapping.ts) gives the words.
 */
export type PushRefusal = 'not_json' | 'unknown_tool' | 'bad_shape' | 'no_entry_id' | 'id_too_long' | 'not_new_entry' | 'too_large';

export type PushRead = { ok: true; push: ParsedPush } | { ok: false; refused: PushRefusal; tool?: FormTool };

/** A body longer than this is not read (a form entry is a few kilobytes). */
export const MAX_PUSH_TEXT = 1_000_000;
/** More answered questions than this is no form a customer filled in. */
export const MAX_PUSH_QUESTIONS = 500;
/** Nesting deeper than this (matrix in table in …) is cut: no field structure goes this deep. */
const MAX_DEPTH = 6;
/** A value is cut one character past the pipeline's cap, so the pipeline still sees it was too long. */
const VALUE_CAP = RAW_VALUE_CAP + 1;

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An id the tool sent as a string or a whole number; 7 and "7" are the same entry. */
function idText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

function cap(s: string): string {
  return s.length > VALUE_CAP ? s.slice(0, VALUE_CAP) : s;
}

/** A scalar as text; undefined for anything else. Booleans stay true/false: the consent check reads them. */
function scalar(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return '';
  return undefined;
}

const ADDRESS_PARTS = ['province', 'city', 'district', 'street', 'detail', 'address'] as const;

/**
 * The structured values the tools document, as one line each: an address
 * (省市区 and street, written together as Chinese addresses are), a place, a
 * time, a multi-level choice, an uploaded file (its URL only).
 */
function shaped(o: Json, depth: number): string | undefined {
  const keys = Object.keys(o);
  if (keys.length > 0 && keys.every((k) => (ADDRESS_PARTS as readonly string[]).includes(k))) {
    const parts: string[] = [];
    for (const k of ADDRESS_PARTS) {
      const t = scalar(o[k])?.trim();
      // 直辖市: 北京市 北京市 海淀区 is written once.
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    return parts.join('');
  }
  if ('latitude' in o && 'longitude' in o && keys.every((k) => ['latitude', 'longitude', 'address'].includes(k))) {
    const address = scalar(o.address)?.trim();
    return address || `${scalar(o.latitude) ?? ''},${scalar(o.longitude) ?? ''}`;
  }
  if (keys.length === 2 && 'hour' in o && 'minute' in o) {
    const hour = scalar(o.hour) ?? '';
    const minute = scalar(o.minute) ?? '';
    return `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  }
  if (keys.length > 0 && keys.every((k) => /^level_\d+$/.test(k))) {
    return keys
      .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
      .map((k) => textOf(o[k], depth + 1))
      .filter((t) => t !== '')
      .join(' / ');
  }
  if (typeof o.url === 'string') return o.url;
  return undefined;
}

/** Any JSON value as one line of text: lists joined with 、, objects as “key：value” pairs joined with ；. */
function textOf(v: unknown, depth = 0): string {
  const s = scalar(v);
  if (s !== undefined) return cap(s.trim());
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(v)) return cap(v.map((x) => textOf(x, depth + 1)).filter((t) => t !== '').join('、'));
  const o = v as Json;
  const special = shaped(o, depth);
  if (special !== undefined) return cap(special.trim());
  const pairs: string[] = [];
  let length = 0;
  for (const [k, x] of Object.entries(o)) {
    const t = textOf(x, depth + 1);
    if (t === '') continue;
    pairs.push(`${k}：${t}`);
    length += k.length + t.length + 2;
    // Building a line longer than any field allows is wasted work.
    if (length > VALUE_CAP) break;
  }
  return cap(pairs.join('；'));
}

/** A value as the list of what was answered: one per element of a list, else one. Blanks are nothing. */
function valuesOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list.slice(0, MAX_PUSH_QUESTIONS).map((x) => textOf(x, 1)).filter((t) => t !== '');
}

/** The answers of a flat object of question keys, skipping the tool's own metadata. */
function flatAnswers(o: Json, isMeta: (key: string) => boolean): PushAnswer[] {
  const answers: PushAnswer[] = [];
  for (const [key, v] of Object.entries(o)) {
    if (isMeta(key)) continue;
    const values = valuesOf(v);
    if (values.length > 0) answers.push({ questionId: key, values });
  }
  return answers;
}

// 金数据: the entry's own bookkeeping. Every other key is a question (field_N or its renamed API code), x_field_N included (values passed in the link).
const JINSHUJU_META = new Set(['serial_number', 'token', 'creator_name', 'created_at', 'updated_at']);

function readJinshuju(body: Json): PushRead {
  const entry = body.entry;
  const form = idText(body.form);
  if (!isRecord(entry) || form === undefined) return { ok: false, refused: 'bad_shape', tool: 'jinshuju' };
  const serial = idText(entry.serial_number);
  if (serial === undefined) return { ok: false, refused: 'no_entry_id', tool: 'jinshuju' };
  const answers = flatAnswers(entry, (k) => JINSHUJU_META.has(k) || k.startsWith('info_'));
  return done({ tool: 'jinshuju', formId: form, entryId: serial, submittedAt: optionalText(entry.created_at), answers });
}

// 问卷星: the documented metadata; q1, q2 … and anything undocumented are kept as questions.
const WJX_META = new Set(['activity', 'name', 'timetaken', 'submittime', 'joinid', 'index', 'totalvalue', 'sign']);

function readWjx(body: Json): PushRead {
  const activity = idText(body.activity);
  if (activity === undefined) return { ok: false, refused: 'bad_shape', tool: 'wjx' };
  // joinid is the answer sheet's own number; index (作答序号) only when it is missing.
  const entry = idText(body.joinid) ?? idText(body.index);
  if (entry === undefined) return { ok: false, refused: 'no_entry_id', tool: 'wjx' };
  const answers = flatAnswers(body, (k) => WJX_META.has(k));
  return done({ tool: 'wjx', formId: activity, entryId: entry, submittedAt: optionalText(body.submittime), answers });
}

/** Markup in a title (腾讯问卷 titles can be rich text) is not part of the question's name. */
function plainTitle(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/<[^>]*>/g, '').trim();
  return t === '' ? undefined : t.slice(0, 200);
}

/** 腾讯问卷's chosen options: checked is 1 by default, 0 when the option was not chosen. */
function chosen(options: unknown): string[] {
  if (!Array.isArray(options)) return [];
  return options
    .filter((o) => isRecord(o) && o.checked !== 0 && o.checked !== false && o.checked !== '0')
    .map((o) => textOf((o as Json).text ?? (o as Json).id, 1))
    .filter((t) => t !== '');
}

function tencentValues(q: Json): string[] {
  const values: string[] = [];
  const text = textOf(q.text, 1);
  if (text !== '') values.push(text);
  values.push(...chosen(q.options));
  if (Array.isArray(q.groups)) {
    // A matrix: one line, “row：choice” per row.
    const rows = q.groups.filter(isRecord).map((g) => {
      const row = plainTitle(g.title) ?? (textOf(g.text, 1) || textOf(g.id, 1));
      const picked = chosen(g.options);
      return picked.length > 0 ? `${row}：${picked.join('、')}` : row;
    }).filter((r) => r !== '');
    if (rows.length > 0) values.push(cap(rows.join('；')));
  }
  if (Array.isArray(q.blanks)) {
    for (const b of q.blanks) {
      const t = isRecord(b) ? textOf(b.value ?? b.text, 1) : textOf(b, 1);
      if (t !== '') values.push(t);
    }
  }
  return values.slice(0, MAX_PUSH_QUESTIONS);
}

/** The questions of 腾讯问卷's answer: a list of pages, each with its questions (an object with pages is accepted too). */
function tencentQuestions(answer: unknown): Json[] | undefined {
  const pages = Array.isArray(answer) ? answer : isRecord(answer) && Array.isArray(answer.pages) ? answer.pages : undefined;
  if (!pages) return undefined;
  return pages.flatMap((p) => (isRecord(p) && Array.isArray(p.questions) ? p.questions.filter(isRecord) : []));
}

function readTencent(body: Json): PushRead {
  // Only a new answer is a new ticket: an edit or a deletion of one already filed is not.
  if (body.action !== undefined && body.action !== 'answer.create') return { ok: false, refused: 'not_new_entry', tool: 'tencent' };
  const payload = body.payload;
  if (!isRecord(payload)) return { ok: false, refused: 'bad_shape', tool: 'tencent' };
  const survey = idText(payload.survey_id);
  if (survey === undefined) return { ok: false, refused: 'bad_shape', tool: 'tencent' };
  const answerId = idText(payload.answer_id);
  if (answerId === undefined) return { ok: false, refused: 'no_entry_id', tool: 'tencent' };
  const questions = tencentQuestions(payload.answer);
  if (!questions) return { ok: false, refused: 'bad_shape', tool: 'tencent' };
  if (questions.length > MAX_PUSH_QUESTIONS) return { ok: false, refused: 'too_large', tool: 'tencent' };
  const answers: PushAnswer[] = [];
  questions.forEach((q, i) => {
    const values = tencentValues(q);
    if (values.length === 0) return;
    const title = plainTitle(q.title);
    answers.push({ questionId: idText(q.id) ?? `#${i + 1}`, ...(title ? { questionTitle: title } : {}), values });
  });
  return done({ tool: 'tencent', formId: survey, entryId: answerId, submittedAt: optionalText(payload.ended_at), answers });
}

function optionalText(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 100) : undefined;
}

/** The entry, unless its ids cannot be a source id or it holds more questions than any form. */
function done(push: ParsedPush): PushRead {
  if (push.answers.length > MAX_PUSH_QUESTIONS) return { ok: false, refused: 'too_large', tool: push.tool };
  if (entryKey(push).length > MAX_WEBHOOK_ID) return { ok: false, refused: 'id_too_long', tool: push.tool };
  return { ok: true, push };
}

/** Which tool pushed a body, by the shape each documents; null when none fits. */
export function detectTool(body: unknown): FormTool | null {
  if (!isRecord(body)) return null;
  if ((body.object === 'Answer' || (typeof body.action === 'string' && body.action.startsWith('answer.'))) && isRecord(body.payload)) return 'tencent';
  if (isRecord(body.entry) && ('form' in body || 'form_name' in body)) return 'jinshuju';
  if ('activity' in body && ('joinid' in body || 'index' in body || Object.keys(body).some((k) => /^q\d/.test(k)))) return 'wjx';
  return null;
}

const READERS: Readonly<Record<FormTool, (body: Json) => PushRead>> = { jinshuju: readJinshuju, wjx: readWjx, tencent: readTencent };

/**
 * A parsed body (any JSON value) as an entry, or why it is not one. `tool`
 * is the tool the caller knows pushed it (the push URL can say); without it
 * the body's shape decides. Never throws.
 */
export function readPush(body: unknown, tool?: FormTool): PushRead {
  const which = tool ?? detectTool(body);
  if (which === null) return { ok: false, refused: 'unknown_tool' };
  if (!isRecord(body)) return { ok: false, refused: 'bad_shape', tool: which };
  return READERS[which](body);
}

/** The body text as an entry: JSON.parse, then readPush. */
export function readPushText(text: string, tool?: FormTool): PushRead {
  if (text.length > MAX_PUSH_TEXT) return { ok: false, refused: 'too_large', ...(tool ? { tool } : {}) };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, refused: 'not_json', ...(tool ? { tool } : {}) };
  }
  return readPush(body, tool);
}

/** The source an entry is filed under: the tool, so that a 金数据 serial never meets a 问卷星 joinid. */
export function pushSource(tool: FormTool): string {
  return `form-tool:${tool}`;
}

/** The entry's id within its tool: the form and the entry, as a JSON pair so no separator in either can make two meet. */
export function entryKey(push: Pick<ParsedPush, 'formId' | 'entryId'>): string {
  return JSON.stringify([push.formId, push.entryId]);
}

/**
 * The source id the pipeline de-duplicates on (webhook-identity.ts): the
 * same entry pushed again, retried or replayed, gets the same id whatever
 * its answers, so it is filed once. `digest` is SHA-256 as lower-case hex.
 */
export function pushSourceId(push: Pick<ParsedPush, 'tool' | 'formId' | 'entryId'>, digest: (text: string) => string): string {
  return idSourceId(pushSource(push.tool), entryKey(push), digest);
}

/** A tool's clock may run ahead of the script's by this much: "just now" is not a future time. */
const SUBMIT_SKEW_MS = 5 * 60_000;
/** A push older than this is a tool resending very old entries: its own time would misdate the ticket. */
const SUBMIT_MAX_AGE_MS = 30 * 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

/**
 * When the customer submitted (ms), read from the time the tool wrote: an
 * ISO time with its zone (金数据's UTC `Z`), or a local 'yyyy-MM-dd HH:mm:ss'
 * in Beijing time (问卷星 submittime, 腾讯问卷 ended_at). Null — file at the
 * time it arrived — when there is none, it names no real time, or it is
 * later than `nowMs` (past a clock's skew) or a month older: a push the tool
 * retried after an outage keeps its customer's own time, and the working-time
 * deadline counts from it.
 */
export function pushSubmittedMs(push: Pick<ParsedPush, 'submittedAt'>, nowMs: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec((push.submittedAt ?? '').trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const fraction = Number((m[7] ?? '0').padEnd(3, '0'));
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 59) return null;
  // No zone: Beijing time, as 问卷星 and 腾讯问卷 write it.
  const zone = m[8];
  const offsetMs = zone === undefined ? BEIJING_MS : zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, fraction) - offsetMs;
  if (ms > nowMs + SUBMIT_SKEW_MS || ms < nowMs - SUBMIT_MAX_AGE_MS) return null;
  return ms;
}
