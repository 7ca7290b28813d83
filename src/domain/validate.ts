/**
 * Validation of a normalised submission against the field contract: a zod
 * schema built from FIELDS and the Config's option lists. Every problem is
 * reported at once (at most one per field), each in plain words naming the
 * field's label; warnings do not stop processing.
 */
// zod/mini: the tree-shakable build (the classic build adds ~750 KB and `URL` to the bundle).
import * as z from 'zod/mini';
import { NEED_REFRESH } from './vocabulary';
import { FIELDS, fieldByKey, type CustomerKind, type FieldDef, type FieldKey } from './fields';
import { idNumberProblem, type IdProblem } from './id-number';
import { normaliseEmail, normaliseValue, quoted, RAW_VALUE_CAP } from './normalise';
import { listSeparator, translator, type Locale } from '../i18n/messages';

export interface Issue {
  field?: FieldKey;
  code: string;
  message: string;
}

/** The typed, normalised record of an accepted submission; blank optional fields are absent. */
export interface Submission {
  customer_kind: CustomerKind;
  name: string;
  gender?: string;
  age?: number;
  position?: string;
  company_size?: string;
  industry: string;
  mobile: string;
  landline?: string;
  email?: string;
  address?: string;
  id_number?: string;
  source_channel?: string;
  referrer?: string;
  need_type: string;
  need_description: string;
  product_version?: string;
  budget?: string;
  expected_response?: string;
  time_requirement: string;
  cooperation_mode?: string;
  satisfaction?: number;
  feedback?: string;
  related_ticket?: string;
  notes?: string;
  consent: true;
  submitted_at?: string;
  handler?: string;
  channel?: string;
}

export type ValidationResult =
  | { ok: true; submission: Submission; warnings: Issue[] }
  | { ok: false; problems: Issue[]; warnings: Issue[]; consent: boolean };

export interface ValidateOptions {
  /** Option lists by field key (Config); a choice field without an entry uses its default options (docs/fields.md). */
  options: Record<string, readonly string[]>;
  /** The Form's consent sentence, which also counts as consent. */
  consentText?: string;
  /**
   * Fields 配置 › 字段 marks 必填 beyond the contract's (requiredFieldKeys);
   * a field for one customer kind is required of that kind only.
   */
  required?: readonly string[];
  /** Options taken out of a list that earlier answers may still carry (a queued or re-submitted response): still accepted. */
  retired?: Readonly<Record<string, readonly string[]>>;
  /** The language of the problems' messages (the Config's 通用 / 语言). */
  locale: Locale;
}

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const LANDLINE_PATTERN = /^(?:0[12]\d|0[3-9]\d{2})-\d{7,8}(?:-\d{1,6})?$/;
// RFC 5322 dot-atom local part; a domain of LDH labels with at least one dot and an alphabetic TLD.
const EMAIL_PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const TICKET_PATTERN = /^T\d{8}\d{3,}$/;

/** Whether an (already lower-cased) address is acceptable: RFC 5322-ish, domain with a dot. */
export function isEmail(s: string): boolean {
  if (s.length > 254) return false;
  const at = s.lastIndexOf('@');
  return at > 0 && at <= 64 && EMAIL_PATTERN.test(s);
}

/** Whether a cell (an owner, who may be a team name; a stored address) holds an address to mail: the one email check. */
export function isMailAddress(cell: string): boolean {
  return isEmail(normaliseEmail(cell));
}

const ID_PROBLEM_CODES: Record<IdProblem, string> = { idFormat: 'format', idChecksum: 'checksum', idBirthDate: 'birth_date' };

/** The stored consent answer of a ticked box. */
const CONSENT_YES = '同意';
const CONSENT_WORDS = new Set([CONSENT_YES, '是', 'true', 'yes', '1', '✓', '✔', '√']);

/** Whether a consent answer says yes: a consent word (any case) or the Form's consent sentence. */
export function isConsent(value: string | undefined, consentText?: string): boolean {
  if (value === undefined) return false;
  const v = normaliseValue(fieldByKey('consent'), value);
  if (CONSENT_WORDS.has(v.toLowerCase())) return true;
  const sentence = consentText === undefined ? '' : normaliseValue(fieldByKey('consent'), consentText);
  return sentence !== '' && v === sentence;
}

/**
 * The consent answer of a Form response: on the Form consent is a checkbox
 * with one choice, so any ticked choice is consent, whatever its wording
 * (配置 may have reworded the sentence since the customer's Form was loaded).
 */
export function tickedConsent(ticked: unknown): string {
  const choices = Array.isArray(ticked) ? ticked : [ticked];
  return choices.some((c) => typeof c === 'string' && c.trim() !== '') ? CONSENT_YES : '';
}

/** Letters and digits of a text, counted by code point: its content length. */
export function contentLength(s: string): number {
  return (s.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

const VAGUE_PHRASES = [
  '需求不明确', '不明确', '不清楚', '不知道', '不确定', '以后再说', '再说', '随便', '待定', '没想好', '暂无',
  '看情况', '无所谓', '都行', '都可以', '没有', '无', '还没', '考虑中', '再看看', '了解一下', '咨询一下',
];
const FILLER = /[吧啊呢的了吗哦嗯呀哈等\s\p{P}\p{S}]/gu;

/** Whether a need description has little real content once vague phrases and fillers are taken out. */
export function isVagueNeed(s: string): boolean {
  let rest = s.toLowerCase();
  for (const phrase of VAGUE_PHRASES) rest = rest.split(phrase).join('');
  rest = rest.replace(FILLER, '');
  const distinct = new Set(Array.from(s.replace(FILLER, ''))).size;
  return contentLength(rest) < 10 || distinct <= 2;
}

const SENIOR_POSITION = /总经理|总监|董事长|ceo/i;
const SENIOR_MIN_AGE = 22;

interface FieldCheck {
  code: string;
  message: string;
}

function labelOf(f: FieldDef, locale: Locale): string {
  return locale === 'en' ? f.labelEn : f.label;
}

/**
 * The zod schema of one field's non-blank value: refinements whose issues carry
 * our code and message in `params`; integers are transformed to numbers.
 */
function fieldSchema(f: FieldDef, opts: ValidateOptions): z.ZodMiniType<string | number, string> {
  const locale = opts.locale;
  const t = translator(locale);
  const label = labelOf(f, locale);
  const fail = (ctx: z.core.$RefinementCtx<string>, check: FieldCheck) =>
    ctx.addIssue({ code: 'custom', message: check.message, params: { code: check.code } });
  const text = z.string().check(z.superRefine((v: string, ctx) => {
    if (f.maxLength !== undefined && v.length > f.maxLength) {
      fail(ctx, { code: 'too_long', message: t('validate.tooLong', { label, max: f.maxLength, length: v.length }) });
      return;
    }
    const problem = typeProblem(f, v, opts, label, locale);
    if (problem) fail(ctx, problem);
  }));
  if (f.type !== 'integer') return text;
  return z.pipe(text, z.transform((v: string) => Number(v)));
}

function typeProblem(f: FieldDef, v: string, opts: ValidateOptions, label: string, locale: Locale): FieldCheck | null {
  const t = translator(locale);
  switch (f.type) {
    case 'choice': {
      const options = opts.options[f.key] ?? f.options ?? [];
      if (options.includes(v) || opts.retired?.[f.key]?.includes(v)) return null;
      return {
        code: 'option',
        message: t('validate.option', { label, value: quoted(v), options: options.join(listSeparator(locale)) }),
      };
    }
    case 'integer': {
      const min = f.min ?? 0;
      const max = f.max ?? Number.MAX_SAFE_INTEGER;
      const ok = /^\+?\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max;
      return ok ? null : { code: 'range', message: t('validate.integer', { label, min, max, value: quoted(v) }) };
    }
    case 'mobile':
      return MOBILE_PATTERN.test(v) ? null : { code: 'format', message: t('validate.mobile', { label }) };
    case 'landline':
      return LANDLINE_PATTERN.test(v) ? null : { code: 'format', message: t('validate.landline', { label }) };
    case 'email':
      return isEmail(v) ? null : { code: 'format', message: t('validate.email', { label }) };
    case 'id_number': {
      const problem = idNumberProblem(v);
      return problem ? { code: ID_PROBLEM_CODES[problem], message: t(`validate.${problem}`, { label }) } : null;
    }
    case 'checkbox':
      return isConsent(v, opts.consentText) ? null : { code: 'consent', message: t('validate.consent', { label }) };
    case 'paragraph':
    case 'text':
    case 'timestamp':
      if (f.min !== undefined && contentLength(v) < f.min) {
        return { code: 'too_short', message: t('validate.tooShort', { label, min: f.min }) };
      }
      return null;
  }
}

/** A required field left blank: a choice is chosen (请选择), a checkbox ticked (请勾选), the rest filled in. */
function requiredMessage(f: FieldDef, locale: Locale): string {
  const key = f.type === 'choice' ? 'validate.requiredChoice' : f.type === 'checkbox' ? 'validate.requiredCheckbox' : 'validate.required';
  return translator(locale)(key, { label: labelOf(f, locale) });
}

/**
 * Whether a field must be filled in: the contract's, or marked 必填 in 配置 (for its customer kind only).
 * A 资料更新 submission states no need: the Form leads it past the need's details (form-layout.ts).
 */
function isRequired(f: FieldDef, opts: ValidateOptions, kind: string | undefined, needType?: string): boolean {
  if (needType === NEED_REFRESH && f.group === 'need' && f.key !== 'need_type') return false;
  if (f.required) return true;
  if (!opts.required?.includes(f.key)) return false;
  return f.appliesTo === undefined || f.appliesTo === kind;
}

/** The object schema for a set of option lists: required fields must be present and non-blank. */
function submissionSchema(opts: ValidateOptions, kind: string | undefined, needType: string | undefined) {
  const locale = opts.locale;
  const shape: Record<string, z.ZodMiniType<string | number | undefined, string | undefined>> = {};
  for (const f of FIELDS) {
    const schema = fieldSchema(f, opts);
    shape[f.key] = isRequired(f, opts, kind, needType)
      ? z.pipe(z.string({ error: () => requiredMessage(f, locale) }), schema)
      : z.optional(schema);
  }
  return z.object(shape);
}

function issuesOf(error: z.core.$ZodError): Issue[] {
  const byField = new Map<FieldKey, Issue>();
  for (const issue of error.issues) {
    const field = issue.path[0] as FieldKey;
    if (byField.has(field)) continue;
    const params = (issue as { params?: { code?: unknown } }).params;
    const code = typeof params?.code === 'string' ? params.code : 'required';
    byField.set(field, { field, code, message: issue.message });
  }
  // Report in field order, whatever order zod found them in.
  return FIELDS.filter((f) => byField.has(f.key)).map((f) => byField.get(f.key) as Issue);
}

/** Warnings: things a person should check, which do not stop processing. */
function warningsOf(v: Partial<Record<FieldKey, string>>, locale: Locale): Issue[] {
  const t = translator(locale);
  const label = (key: FieldKey) => labelOf(fieldByKey(key), locale);
  const warnings: Issue[] = [];
  const need = v.need_description;
  if (need !== undefined && contentLength(need) >= (fieldByKey('need_description').min ?? 0) && isVagueNeed(need)) {
    warnings.push({ field: 'need_description', code: 'vague', message: t('warn.vagueNeed', { label: label('need_description') }) });
  }
  const age = v.age !== undefined && /^\+?\d{1,6}$/.test(v.age) ? Number(v.age) : undefined;
  if (age !== undefined && age < SENIOR_MIN_AGE && v.position !== undefined && SENIOR_POSITION.test(v.position)) {
    const message = t('warn.ageVsPosition', {
      ageLabel: label('age'), age, positionLabel: label('position'), position: quoted(v.position),
    });
    warnings.push({ field: 'age', code: 'age_vs_position', message });
  }
  const filled = (keys: FieldKey[]) => keys.filter((k) => v[k] !== undefined);
  const sep = listSeparator(locale);
  if (v.customer_kind === '个人') {
    const extra = filled(FIELDS.filter((f) => f.appliesTo === '企业').map((f) => f.key));
    if (extra.length > 0) {
      warnings.push({ field: 'customer_kind', code: 'kind_mismatch', message: t('warn.personWithCompanyFields', { fields: extra.map(label).join(sep) }) });
    }
  } else if (v.customer_kind === '企业') {
    const extra = filled(FIELDS.filter((f) => f.appliesTo === '个人').map((f) => f.key));
    if (extra.length > 0) {
      warnings.push({ field: 'customer_kind', code: 'kind_mismatch', message: t('warn.companyWithPersonFields', { fields: extra.map(label).join(sep) }) });
    }
  }
  if (v.related_ticket !== undefined && !TICKET_PATTERN.test(v.related_ticket)) {
    const message = t('warn.relatedTicketFormat', { label: label('related_ticket'), value: quoted(v.related_ticket) });
    warnings.push({ field: 'related_ticket', code: 'ticket_format', message });
  }
  return warnings;
}

/**
 * Validates normalised values (each is normalised again, which changes nothing
 * for normalised input). Blank values count as absent. All problems are
 * reported at once, at most one per field, in field order.
 */
export function validateSubmission(values: Partial<Record<FieldKey, string>>, opts: ValidateOptions): ValidationResult {
  const locale = opts.locale;
  const t = translator(locale);
  const clean: Partial<Record<FieldKey, string>> = {};
  const oversized: Issue[] = [];
  for (const f of FIELDS) {
    const raw: unknown = values[f.key];
    if (typeof raw !== 'string') continue;
    if (raw.length > RAW_VALUE_CAP) {
      const message = t('validate.tooLong', { label: labelOf(f, locale), max: f.maxLength ?? RAW_VALUE_CAP, length: raw.length });
      oversized.push({ field: f.key, code: 'too_long', message });
      continue;
    }
    const v = normaliseValue(f, raw);
    if (v !== '') clean[f.key] = v;
  }
  const consent = isConsent(clean.consent, opts.consentText);
  const warnings = warningsOf(clean, locale);
  const parsed = submissionSchema(opts, clean.customer_kind, clean.need_type).safeParse(clean);
  const found = parsed.success ? [] : issuesOf(parsed.error).filter((i) => !oversized.some((o) => o.field === i.field));
  const problems = [...oversized, ...found];
  if (problems.length > 0 || !parsed.success) {
    const ordered = FIELDS.flatMap((f) => problems.filter((p) => p.field === f.key));
    return { ok: false, problems: ordered, warnings, consent };
  }
  const submission = Object.fromEntries(
    Object.entries(parsed.data).filter(([, v]) => v !== undefined),
  ) as unknown as Omit<Submission, 'consent'>;
  // A 资料更新 with no need stated files with the need's text fields blank.
  const stated = { ...submission, need_description: submission.need_description ?? '', time_requirement: submission.time_requirement ?? '' };
  return { ok: true, submission: { ...stated, consent: true }, warnings };
}

/**
 * One field's value checked on its own, as intake would check it (a staff
 * correction of a customer's record): normalised, then the field's rules; a
 * blank clears the field unless the field is required.
 */
export function checkFieldValue(key: FieldKey, raw: string, opts: ValidateOptions): { ok: true; value: string } | { ok: false; message: string } {
  const f = fieldByKey(key);
  const t = translator(opts.locale);
  if (raw.length > RAW_VALUE_CAP) return { ok: false, message: t('validate.tooLong', { label: labelOf(f, opts.locale), max: f.maxLength ?? RAW_VALUE_CAP, length: raw.length }) };
  const value = normaliseValue(f, raw);
  // A record's kind is not known here: a field for one kind only stays clearable.
  if (value === '') return isRequired(f, opts, undefined) ? { ok: false, message: requiredMessage(f, opts.locale) } : { ok: true, value };
  const parsed = fieldSchema(f, opts).safeParse(value);
  return parsed.success ? { ok: true, value } : { ok: false, message: parsed.error.issues[0]!.message };
}

/** Issues as plain text, one per line (the 待审核 sheet's 问题 cell). */
export function describeProblems(issues: readonly Issue[]): string {
  return issues.map((i) => i.message).join('\n');
}
