/**
 * Normalisation of raw answers before validation: control and invisible
 * characters removed, whitespace folded, then each type's canonical form.
 * What is matched or formatted (phones, emails, IDs, option values, ticket
 * numbers, column names) is NFKC-folded, so ＡＢＣ and ABC are one value;
 * free text keeps what the customer typed (NFC only: full-width ，！（） and
 * symbols such as ① or ℃ stay). A value that cannot be canonicalised is
 * returned cleaned, and validation reports it. Every function here is idempotent.
 */
import { fieldByKey, fieldByName, type FieldDef, type FieldKey } from './fields';
import { looksLikeIdNumber, starIdNumbers, upgradedIdNumber } from './id-number';
import type { Issue } from './validate';
import { TRUNCATED_MARK } from './vocabulary';
import { translator, type Locale } from '../i18n/messages';

/**
 * Raw values longer than this are cut before any further work (NFKC and
 * regexes stay cheap on hostile input); the longest field allows 5,000.
 */
export const RAW_VALUE_CAP = 10_000;
const NAME_CAP = 200;

// C0 controls except \t and \n (CR is turned into \n first), DEL, C1 controls,
// zero-width characters and the BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g;

function stripInvisible(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

/** NFKC with controls removed before and after (NFKC never adds controls, but keep the order safe). */
function clean(s: string): string {
  return stripInvisible(stripInvisible(s).normalize('NFKC'));
}

/** NFC (one encoding of each character, nothing folded) with controls removed. */
function cleanAsTyped(s: string): string {
  return stripInvisible(stripInvisible(s).normalize('NFC'));
}

/** One-line text to match: NFKC, trimmed, every whitespace run (incl. line breaks, U+3000, NBSP) folded to one space. */
export function normaliseText(s: string): string {
  return clean(s).replace(/\s+/g, ' ').trim();
}

/** One-line free text as typed: NFC, trimmed, every whitespace run folded to one space. */
export function normaliseFreeText(s: string): string {
  return cleanAsTyped(s).replace(/\s+/g, ' ').trim();
}

/**
 * Multi-line free text as typed: NFC; within each line whitespace folded to
 * one space and trimmed; runs of blank lines collapsed to a single blank line; trimmed.
 */
export function normaliseParagraph(s: string): string {
  return cleanAsTyped(s)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Separators people put inside phone numbers (after NFKC): spaces, dashes, dots, brackets.
const PHONE_SEPARATORS = /[\s\-\u2010-\u2015\u2212.()[\]【】〔〕]/g;

/** Mainland mobile: 11 digits, without separators or a +86 / 0086 / 86 country code. */
export function normaliseMobile(s: string): string {
  const text = normaliseText(s);
  const compact = text.replace(PHONE_SEPARATORS, '');
  const m = /^(?:\+86|0086|86|\+)?(\d{11})$/.exec(compact);
  return m ? m[1] : text;
}

/**
 * Landline: `0XX-XXXXXXXX[-ext]`. Area codes starting 01 or 02 have three
 * digits (010, 020–029), all others four; the number has 7–8 digits; an
 * extension follows 转, 分机, ext, x, # or a final separate group.
 */
export function normaliseLandline(s: string): string {
  const text = normaliseText(s);
  const lower = text.toLowerCase();
  let main = lower;
  let ext = '';
  const extMatch = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/.exec(lower);
  if (extMatch) {
    main = extMatch[1];
    ext = extMatch[2];
  }
  main = main.replace(/^\s*\(?\s*(?:\+86|0086)\s*\)?[\s-]*/, '+');
  const international = main.startsWith('+');
  if (international) main = main.slice(1);
  if (!/^[\d\s\-\u2010-\u2015\u2212.()[\]【】〔〕]+$/.test(main)) return text;
  const groups = main.split(PHONE_SEPARATORS).filter((g) => g !== '');
  let digits = groups.join('');
  if (international && !digits.startsWith('0')) digits = `0${digits}`;
  if (!digits.startsWith('0')) return text;
  const areaLength = /^0[12]/.test(digits) ? 3 : 4;
  const area = digits.slice(0, areaLength);
  let rest = digits.slice(areaLength);
  if (!ext && (rest.length < 7 || rest.length > 8) && groups.length >= 2) {
    const last = groups[groups.length - 1];
    const withoutLast = rest.slice(0, rest.length - last.length);
    if (last.length <= 6 && withoutLast.length >= 7 && withoutLast.length <= 8) {
      rest = withoutLast;
      ext = last;
    }
  }
  if (rest.length < 7 || rest.length > 8) return text;
  return ext ? `${area}-${rest}-${ext}` : `${area}-${rest}`;
}

/** Email: trimmed, lower-cased; an ideographic full stop 。 counts as a dot. */
export function normaliseEmail(s: string): string {
  return normaliseText(s).replace(/\u3002/g, '.').toLowerCase();
}

/**
 * Resident ID: spaces and dashes removed when what remains is 17 digits + digit/X; final x → X.
 * An old 15-digit number with a real birth date becomes its 18-character form (GB 11643-1999).
 */
export function normaliseIdNumber(s: string): string {
  const text = normaliseText(s);
  const compact = text.replace(/[\s-]/g, '');
  if (/^\d{17}[\dxX]$/.test(compact)) return compact.toUpperCase();
  return upgradedIdNumber(compact) ?? text;
}

/** The normaliser of a field's type. */
export function normaliseValue(field: FieldDef, s: string): string {
  switch (field.type) {
    case 'paragraph':
      return normaliseParagraph(s);
    case 'mobile':
      return normaliseMobile(s);
    case 'landline':
      return normaliseLandline(s);
    case 'email':
      return normaliseEmail(s);
    case 'id_number':
      return normaliseIdNumber(s);
    case 'text':
      return field.folded ? normaliseText(s) : normaliseFreeText(s);
    default:
      return normaliseText(s);
  }
}

export interface NormalisedRaw {
  /** Non-blank normalised values by field key. */
  values: Partial<Record<FieldKey, string>>;
  /**
   * Columns that name no field (kept for the notes), and a field's second, different value
   * under the name it came with (kept for the review): by their normalised name.
   */
  unknown: Record<string, string>;
  problems: Issue[];
}

type Cell = { ok: true; text: string } | { ok: false; code: 'invalid_value' | 'not_a_list' };

/** Whether a value is a Date, checked by its tag: also true of a Date made in another realm. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** A scalar answer as text; undefined for anything that is not a scalar. */
function scalarText(v: unknown, field: FieldDef | undefined): string | undefined {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return field?.type === 'checkbox' ? (v ? '是' : '否') : String(v);
  if (isDate(v)) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  return undefined;
}

/**
 * A raw answer of any JSON type as text: null/undefined are blank; numbers
 * their decimal string; booleans 是/否 for the consent checkbox; arrays joined
 * with 、 for checkbox fields (and unknown columns), else a problem; objects a problem.
 */
function cellText(v: unknown, field: FieldDef | undefined): Cell {
  if (Array.isArray(v)) {
    if (field && field.type !== 'checkbox') return { ok: false, code: 'not_a_list' };
    const parts: string[] = [];
    for (const item of v) {
      const text = scalarText(item, field);
      if (text === undefined) return { ok: false, code: 'invalid_value' };
      if (text !== '') parts.push(text);
    }
    return { ok: true, text: parts.join('、') };
  }
  const text = scalarText(v, field);
  return text === undefined ? { ok: false, code: 'invalid_value' } : { ok: true, text };
}

/** A typed value as a message may quote it: ID numbers in it starred out, then cut to 30 characters. */
export function quoted(s: string, max = 30): string {
  const shown = starIdNumbers(s);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

/**
 * Whether an answer kept apart from the values (an unknown column, a second value) is
 * sensitive: under a sensitive field's name (its label, key or an alias), or an ID number
 * whatever its name. Such a value is sealed wherever it is kept, and never quoted.
 */
export function isSensitiveAnswer(name: string, value: string): boolean {
  return fieldByName(name)?.sensitive === true || looksLikeIdNumber(value);
}

const SEALED_MARKERS: ReadonlySet<string> = new Set((['zh-CN', 'en'] as const).map((l) => translator(l)('sealed.marker')));

/** Whether a cell holds the text the import puts where it sealed a value (in either language, so a re-run under the other finds it). */
export function isSealedMarker(value: unknown): boolean {
  return typeof value === 'string' && SEALED_MARKERS.has(normaliseText(value));
}

/**
 * Raw answers (names are field keys or labels, values of any JSON type) →
 * normalised values by key, unknown columns, and problems: unreadable values,
 * lists where one value is expected, a field given twice with different
 * values, values too long to process. A column of no field whose value is an
 * ID number is the 证件号码 field, after the columns that name it. A problem
 * never quotes a sensitive value: it names the field and the columns.
 */
export function normaliseRaw(raw: Record<string, unknown>, locale: Locale): NormalisedRaw {
  const t = translator(locale);
  const values: Partial<Record<FieldKey, string>> = {};
  const unknown: Record<string, string> = {};
  const problems: Issue[] = [];
  const flagged = new Set<FieldKey>();
  /** The column each value came from, for a problem that must name columns instead of values. */
  const columnOf: Partial<Record<FieldKey, string>> = {};
  const idColumns: [string, string][] = [];
  const label = (f: FieldDef) => (locale === 'en' ? f.labelEn : f.label);
  const report = (f: FieldDef, issue: Omit<Issue, 'field'>) => {
    if (flagged.has(f.key)) return;
    flagged.add(f.key);
    problems.push({ field: f.key, ...issue });
  };
  const keep = (name: string, text: string) => {
    let key = name;
    for (let n = 2; key in unknown; n++) key = `${name} (${n})`;
    unknown[key] = text;
  };
  /** A second, different value: a problem; the value is kept (nothing lost), the reviewer keeps one. */
  const conflict = (f: FieldDef, name: string, previous: string, text: string) => {
    keep(name, text);
    const message = f.sensitive
      ? t('validate.conflictSealed', { label: label(f), first: columnOf[f.key] ?? label(f), second: name })
      : t('validate.conflict', { label: label(f), first: quoted(previous), second: quoted(text) });
    report(f, { code: 'conflict', message });
  };

  for (const [rawName, rawValue] of Object.entries(raw)) {
    const name = normaliseText(rawName.slice(0, NAME_CAP));
    const field = fieldByName(name);
    const cell = cellText(rawValue, field);
    if (!field) {
      // Kept for 备注; a cut one says so, or staff would take the part for the whole.
      const text = cell.ok ? normaliseParagraph(cell.text.slice(0, RAW_VALUE_CAP)) : '';
      if (text === '') continue;
      // Judged on the folded form: full-width digits are an ID number too, and must not reach 备注.
      if (looksLikeIdNumber(normaliseText(text))) idColumns.push([name, text]);
      else unknown[name] = cell.ok && cell.text.length > RAW_VALUE_CAP ? text + TRUNCATED_MARK : text;
      continue;
    }
    if (!cell.ok) {
      const key = cell.code === 'not_a_list' ? 'validate.notAList' : 'validate.invalidValue';
      report(field, { code: cell.code, message: t(key, { label: label(field) }) });
      continue;
    }
    const capped = cell.text.length > RAW_VALUE_CAP;
    const text = normaliseValue(field, capped ? cell.text.slice(0, RAW_VALUE_CAP) : cell.text);
    // A cut value that still reads as too long is reported by validation's length check.
    if (capped && !(field.maxLength !== undefined && text.length > field.maxLength)) {
      const message = t('validate.tooLong', { label: label(field), max: field.maxLength ?? RAW_VALUE_CAP, length: cell.text.length });
      report(field, { code: 'too_long', message });
    }
    if (text === '') continue;
    const previous = values[field.key];
    if (previous !== undefined && previous !== text) {
      conflict(field, name, previous, text);
      continue;
    }
    values[field.key] = text;
    columnOf[field.key] ??= name;
  }
  // An ID number under a name of no field (客户证件, 法人身份证 …) is the customer's, unless 证件号码 says otherwise.
  const idField = fieldByKey('id_number');
  for (const [name, text] of idColumns) {
    const id = normaliseValue(idField, text);
    const previous = values.id_number;
    if (previous === undefined) {
      values.id_number = id;
      columnOf.id_number = name;
    } else if (previous !== id) {
      conflict(idField, name, previous, id);
    }
  }
  return { values, unknown, problems };
}
