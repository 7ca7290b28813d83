/**
 * Which field of the contract each question of a 金数据, 问卷星 or 腾讯问卷 form
 * fills, and which contract option each of the tool's options means; then a
 * pushed entry (form-tool-push.ts) as the answers the intake pipeline reads.
 *
 * The mapping is rows in 配置's shape (分组 | 键 | 值), in one group:
 *   表单工具 | 金数据 › field_3      | 手机号      a question (its id or its title) → a field
 *   表单工具 | 问卷星 › q1 › 1       | 个人        one of the question's options → the contract's option
 * A question without a row fills the field whose name (label, key or alias)
 * is its title or id, so a form whose questions carry the contract's titles
 * needs no rows. Answers no field takes are kept: they reach 备注 as
 * “title: answer” lines through the pipeline's unknown columns, never dropped.
 */
import { CHOICE_OPTIONS, FIELDS, fieldByName, type FieldDef, type FieldKey } from './fields';
import type { Collector } from './config-rows';
import { normaliseText } from './normalise';
import { FORM_TOOL_NAMES, FORM_TOOLS, type FormTool, type ParsedPush, type PushAnswer, type PushRefusal } from './form-tool-push';
import { format, listSeparator, type Locale, type MessageKey } from '../i18n/messages';

/** The 配置 group the rows live in. */
export const FORM_TOOL_GROUP = '表单工具';

/** The consent box's one option value (validate.ts accepts it as consent). */
const CONSENT_OPTION = '同意';

/** A row as 配置 reads it (config-rows.ts `Row`). */
export interface MappingRow {
  row: number;
  key: string;
  value: string;
}

interface QuestionRule {
  field: FieldKey;
  /** The tool's option (in lookup form) → the contract's value. */
  options: Map<string, string>;
}

/** Per tool: the question (its id or title, in lookup form) → what it fills. */
export type FormToolMapping = Readonly<Record<FormTool, ReadonlyMap<string, QuestionRule>>>;

/** The mapping without rows: every question by its title or id alone. */
export function defaultFormToolMapping(): FormToolMapping {
  return { jinshuju: new Map(), wjx: new Map(), tencent: new Map() };
}

/** How a question or an option is compared: NFKC, whitespace folded, lower case (field_3 = Field_3). */
function lookup(s: string): string {
  return normaliseText(s).toLowerCase();
}

/** A title's leading number (1. 、Q3: …) is the form's numbering, not its name. */
function withoutNumbering(title: string): string {
  return title.replace(/^\s*[Qq]?\d{1,3}\s*[.、:：)）]\s*/, '');
}

const TOOL_BY_NAME: ReadonlyMap<string, FormTool> = new Map(
  FORM_TOOLS.flatMap((t): [string, FormTool][] => [[lookup(FORM_TOOL_NAMES[t]), t], [t, t]]).concat([['tencentwj', 'tencent'], ['腾讯', 'tencent']]),
);

/** A field a form question may fill: any but the bookkeeping ones the system fills (填写日期, 经办人, 收集渠道). */
function mappable(f: FieldDef): boolean {
  return f.group !== 'bookkeeping';
}

/**
 * The rows of the 表单工具 group as a mapping; each bad row is reported on
 * `c` (in the Config's language when rendered) and left out. `options` are
 * the Config's option lists (config.options); a choice without one uses the
 * contract's. Rows may come in any order.
 */
export function parseFormToolRows(rows: readonly MappingRow[], c: Collector, options: Readonly<Record<string, readonly string[]>> = {}): FormToolMapping {
  const mapping: Record<FormTool, Map<string, QuestionRule>> = { jinshuju: new Map(), wjx: new Map(), tencent: new Map() };
  /** Per tool: field → the row key that took it, for the message. */
  const takenBy: Record<FormTool, Map<FieldKey, string>> = { jinshuju: new Map(), wjx: new Map(), tencent: new Map() };
  const optionRows: { row: number; key: string; value: string; tool: FormTool; question: string; option: string }[] = [];
  const tools = FORM_TOOLS.map((t) => FORM_TOOL_NAMES[t]).join('、');

  for (const r of rows) {
    const key = normaliseText(r.key);
    const parts = key.split(/\s*[›>]\s*/);
    if (parts.length < 2 || parts.some((p) => p === '')) {
      c.report(r.row, { key: 'formTools.badKey', params: { key } });
      continue;
    }
    const tool = TOOL_BY_NAME.get(lookup(parts[0]!));
    if (!tool) {
      c.report(r.row, { key: 'formTools.unknownTool', params: { tool: parts[0]!, tools } });
      continue;
    }
    const value = normaliseText(r.value);
    if (value === '') {
      c.report(r.row, { key: 'config.emptyValue', params: { key } });
      continue;
    }
    if (parts.length > 2) {
      optionRows.push({ row: r.row, key, value, tool, question: parts.slice(1, -1).join(' › '), option: parts[parts.length - 1]! });
      continue;
    }
    const question = lookup(parts[1]!);
    const field = fieldByName(value);
    if (!field) {
      c.report(r.row, { key: 'formTools.unknownField', params: { key, value } });
      continue;
    }
    if (!mappable(field)) {
      c.report(r.row, { key: 'formTools.fieldNotMappable', params: { label: field.label, key } });
      continue;
    }
    if (mapping[tool].has(question)) {
      c.report(r.row, { key: 'formTools.questionTwice', params: { key } });
      continue;
    }
    const first = takenBy[tool].get(field.key);
    if (first !== undefined) {
      c.report(r.row, { key: 'formTools.fieldTwice', params: { label: field.label, first, key } });
      continue;
    }
    mapping[tool].set(question, { field: field.key, options: new Map() });
    takenBy[tool].set(field.key, key);
  }

  for (const o of optionRows) {
    const question = lookup(o.question);
    let rule = mapping[o.tool].get(question);
    if (!rule) {
      // No row for the question: the field its title names, as the default mapping would take it.
      const field = fieldByName(withoutNumbering(o.question));
      if (!field || !mappable(field)) {
        c.report(o.row, { key: 'formTools.optionWithoutField', params: { key: o.key, question: o.question, tool: FORM_TOOL_NAMES[o.tool] } });
        continue;
      }
      const first = takenBy[o.tool].get(field.key);
      if (first !== undefined) {
        c.report(o.row, { key: 'formTools.fieldTwice', params: { label: field.label, first, key: o.key } });
        continue;
      }
      rule = { field: field.key, options: new Map() };
      mapping[o.tool].set(question, rule);
      takenBy[o.tool].set(field.key, `${FORM_TOOL_NAMES[o.tool]} › ${o.question}`);
    }
    const field = FIELDS.find((f) => f.key === rule.field)!;
    const allowed = field.type === 'choice'
      ? (options[field.key] ?? CHOICE_OPTIONS[field.key as keyof typeof CHOICE_OPTIONS] ?? [])
      : field.type === 'checkbox' ? [CONSENT_OPTION] : undefined;
    if (!allowed) {
      c.report(o.row, { key: 'formTools.optionNotChoice', params: { label: field.label, key: o.key } });
      continue;
    }
    if (!allowed.includes(o.value)) {
      c.report(o.row, { key: 'formTools.optionNotInList', params: { key: o.key, value: o.value, label: field.label, options: allowed.join('、') } });
      continue;
    }
    const option = lookup(o.option);
    if (rule.options.has(option)) {
      c.report(o.row, { key: 'formTools.questionTwice', params: { key: o.key } });
      continue;
    }
    rule.options.set(option, o.value);
  }
  return mapping;
}

/** The rule a question matches: by its id, its title, or its title without numbering. */
function ruleOf(rules: ReadonlyMap<string, QuestionRule>, a: PushAnswer): QuestionRule | undefined {
  const byId = rules.get(lookup(a.questionId));
  if (byId || a.questionTitle === undefined) return byId;
  return rules.get(lookup(a.questionTitle)) ?? rules.get(lookup(withoutNumbering(a.questionTitle)));
}

/** The field a question fills without a row: the one its title names, else its id (a renamed 金数据 API code such as mobile). */
function defaultField(a: PushAnswer): FieldDef | undefined {
  const named = [a.questionTitle, a.questionTitle && withoutNumbering(a.questionTitle), a.questionId]
    .filter((n): n is string => !!n)
    .map((n) => fieldByName(n));
  return named.find((f): f is FieldDef => f !== undefined && mappable(f));
}

/** 问卷星 sends a multiple choice as its options' numbers joined with commas (“1,2”). */
const WJX_INDEX_LIST = /^\d+(?:,\d+)+$/;

/** The answer's values with the rule's options put in their contract words; an option without a row stays as sent. */
function mappedValues(push: ParsedPush, a: PushAnswer, rule: QuestionRule | undefined): string[] {
  let values = a.values;
  // Only a question whose options are mapped is a choice: a text answer “1,2” stays text.
  if (push.tool === 'wjx' && rule && rule.options.size > 0 && values.length === 1 && WJX_INDEX_LIST.test(values[0]!)) {
    values = values[0]!.split(',');
  }
  if (!rule || rule.options.size === 0) return values;
  return values.map((v) => rule.options.get(lookup(v)) ?? v);
}

/** Names the pipeline reads as other than an answer (webhook-intake.ts) or as a field: an unmapped question must not take them. */
const RESERVED = new Set(['token', 'id', 'source']);

function takenName(name: string, used: ReadonlySet<string>): boolean {
  return used.has(name) || RESERVED.has(name.toLowerCase()) || fieldByName(name) !== undefined;
}

/** The name an unmapped answer is kept under in 备注: its title (else id), qualified by its id when that name would read as a field. */
function noteName(a: PushAnswer, used: ReadonlySet<string>): string {
  const base = (a.questionTitle ?? a.questionId).slice(0, 100);
  if (!takenName(base, used)) return base;
  let name = `${base} · ${a.questionId.slice(0, 100)}`;
  for (let n = 2; takenName(name, used); n++) name = `${base} · ${a.questionId.slice(0, 100)} (${n})`;
  return name;
}

const ADDRESS = FIELDS.find((f) => f.key === 'address')!;

/**
 * A question no row or field name takes whose title says it asks for an
 * address (收货地址, 家庭住址, 公司地址 …): the address is sensitive, so it is
 * filled (and sealed) as 联系地址 rather than kept in plain 备注.
 */
function looksLikeAddress(a: PushAnswer): boolean {
  return /地址|住址|address/i.test(normaliseText(a.questionTitle ?? a.questionId));
}

/** The contract's required fields that say a push is a customer's submission (consent alone does not). */
const REQUIRED: readonly FieldKey[] = FIELDS.filter((f) => f.required && f.type !== 'checkbox' && f.group !== 'bookkeeping').map((f) => f.key);

export type MappedPush =
  | {
      ok: true;
      /** The raw answers for the pipeline (RawSubmission.answers): field keys, then unmapped questions by their 备注 names. */
      answers: Record<string, string | string[]>;
      /** Which question filled which field. */
      mapped: { questionId: string; field: FieldKey }[];
      /** Questions no field took, and the name each is kept under in 备注. */
      unmapped: { questionId: string; name: string }[];
    }
  | {
      ok: false;
      refused: 'no_required_field';
      /** The questions received (titles or ids, never answers), for the note to the admin. */
      questions: string[];
    };

/**
 * A pushed entry as the pipeline's raw answers. Rows first, then each
 * remaining question by its title or id; a field is filled once, by the
 * first question that takes it, so a second question for it reaches 备注
 * instead. A field with several values (a multiple choice) gets a list,
 * which validation reports for a field taking one value. Values stay the
 * strings the tool sent; nothing is evaluated. An entry that fills no
 * required field is not a submission this form can file: refused.
 */
export function mapPush(push: ParsedPush, mapping: FormToolMapping): MappedPush {
  const rules = mapping[push.tool];
  const filled = new Map<FieldKey, string | string[]>();
  const mapped: { questionId: string; field: FieldKey }[] = [];
  const rest: PushAnswer[] = [];
  const take = (a: PushAnswer, field: FieldKey, rule: QuestionRule | undefined) => {
    const values = mappedValues(push, a, rule);
    filled.set(field, values.length === 1 ? values[0]! : values);
    mapped.push({ questionId: a.questionId, field });
  };
  const unruled: PushAnswer[] = [];
  for (const a of push.answers) {
    const rule = ruleOf(rules, a);
    if (rule && !filled.has(rule.field)) take(a, rule.field, rule);
    else if (rule) rest.push(a);
    else unruled.push(a);
  }
  // Fields the rows name are theirs even when their question was not answered.
  const ruled = new Set([...rules.values()].map((r) => r.field));
  for (const a of unruled) {
    const field = defaultField(a) ?? (looksLikeAddress(a) ? ADDRESS : undefined);
    if (field && !filled.has(field.key) && !ruled.has(field.key)) take(a, field.key, undefined);
    else if (field?.key === ADDRESS.key) {
      // A second address question (收货地址 beside 联系地址): sealed with the first, never left plain in 备注.
      const joined = [filled.get(ADDRESS.key) ?? '', ...a.values].flat().filter((v) => v !== '').join(' / ');
      filled.set(ADDRESS.key, joined);
      mapped.push({ questionId: a.questionId, field: ADDRESS.key });
    } else rest.push(a);
  }
  const used = new Set<string>();
  const unmapped: { questionId: string; name: string }[] = [];
  const notes: [string, string | string[]][] = [];
  const kept = new Set(rest);
  // In the order the tool sent them, as a person reads the form.
  for (const a of push.answers.filter((x) => kept.has(x))) {
    const name = noteName(a, used);
    used.add(name);
    unmapped.push({ questionId: a.questionId, name });
    notes.push([name, a.values.length === 1 ? a.values[0]! : a.values]);
  }
  if (!REQUIRED.some((k) => filled.has(k))) {
    return { ok: false, refused: 'no_required_field', questions: push.answers.map((a) => a.questionTitle ?? a.questionId) };
  }
  // fromEntries defines own properties: a question titled __proto__ is a name like any other.
  const answers = Object.fromEntries([...filled.entries(), ...notes]) as Record<string, string | string[]>;
  return { ok: true, answers, mapped, unmapped };
}

/** Every reason a push is not filed: the reader's, the mapping's and the signature check's. */
export type FormToolRefusal = PushRefusal | 'no_required_field' | 'bad_signature' | 'missing_signature';

/**
 * Why a push was not filed, in words for the reply and the note to the
 * admin. `questions` are the questions a refused entry held (mapPush).
 */
export function describePushRefusal(refused: FormToolRefusal, locale: Locale, tool?: FormTool, questions: readonly string[] = []): string {
  const sep = listSeparator(locale);
  const shown = questions.slice(0, 20).map((q) => q.slice(0, 40)).join(sep) + (questions.length > 20 ? `${sep}…` : '');
  return format(`formTools.refused.${refused}` as MessageKey, {
    tool: tool ? FORM_TOOL_NAMES[tool] : '',
    tools: FORM_TOOLS.map((t) => FORM_TOOL_NAMES[t]).join(sep),
    questions: shown,
  }, locale);
}
