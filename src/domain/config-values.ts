/**
 * The kinds of value a 配置 row holds (是/否, 24h, 周一至周五, emails, …):
 * how each is written to its cell and how it is read back, as a zod/mini
 * schema whose failure carries the message explaining it.
 */
import * as z from 'zod/mini';
import type { Sla } from './calendar';
import { normaliseEmail, normaliseText } from './normalise';
import { CHART_CHOICES } from './report-chart';
import { PRIORITIES, STATUSES, type Priority } from './vocabulary';
import { isEmail } from './validate';
import type { Locale, MessageKey, MessageParams } from '../i18n/messages';

/** Separator of list values in a cell. */
export const SEP = '、';

export type Failure = { [K in MessageKey]: { key: K; params: MessageParams<K> } }[MessageKey];

/** A parsed value, or the message explaining why it could not be parsed. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; failure: Failure };

const fail = <K extends MessageKey>(key: K, params: MessageParams<K>): Parsed<never> =>
  ({ ok: false, failure: { key, params } as Failure });

/** Runs a zod schema whose refinements carry a Failure in `params`. */
export function run<T>(schema: z.ZodMiniType<T, string>, text: string): Parsed<T> {
  const r = schema.safeParse(text);
  if (r.success) return { ok: true, value: r.data };
  const params = (r.error.issues[0] as { params?: { failure?: Failure } }).params;
  return params?.failure ? { ok: false, failure: params.failure } : fail('config.emptyValue', { key: text });
}

/** A string schema mapped by `parse`, which returns undefined with a failure set when it cannot. */
function schemaOf<T>(parse: (s: string) => Parsed<T>): z.ZodMiniType<T, string> {
  return z.pipe(z.string(), z.transform((s: string, ctx) => {
    const r = parse(s);
    if (r.ok) return r.value;
    ctx.issues.push({ code: 'custom', message: r.failure.key, input: s, params: { failure: r.failure } });
    return z.NEVER;
  }));
}

/**
 * A kind of value: its cell text and its schema. The schema is made for the
 * setting's key, which some messages name (“发件人名称”的值不能为空).
 */
export interface ValueKind<T> {
  format(value: T): string;
  schema(key: string): z.ZodMiniType<T, string>;
}

/** A kind whose schema does not depend on the key. */
function kind<T>(format: (value: T) => string, parse: (s: string) => Parsed<T>): ValueKind<T> {
  const schema = schemaOf(parse);
  return { format, schema: () => schema };
}

export function splitList(s: string): string[] {
  return normaliseText(s.replace(/\n/g, '、'))
    .split(/[、,;]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

// ---- Kinds ---------------------------------------------------------------------------------

export const formatBool = (b: boolean): string => (b ? '是' : '否');

const BOOLEAN_WORDS: Record<string, boolean> = {
  是: true, 否: false, 开: true, 关: false, 启用: true, 停用: false, 开启: true, 关闭: false,
  true: true, false: false, yes: true, no: false, on: true, off: false, '1': true, '0': false,
};

export const BOOLEAN = kind(formatBool, (s) => {
  const v = normaliseText(s).toLowerCase();
  return v in BOOLEAN_WORDS ? { ok: true, value: BOOLEAN_WORDS[v] } : fail('config.badBoolean', { value: v });
});

/** Any text but blank, trimmed. */
export const PLAIN_TEXT: ValueKind<string> = {
  format: (v) => v,
  schema: (key) => schemaOf((s) => {
    const v = s.trim();
    return v === '' ? fail('config.emptyValue', { key }) : { ok: true, value: v };
  }),
};

/** Any text, trimmed; blank allowed. */
export const OPTIONAL_TEXT: ValueKind<string> = {
  format: (v) => v,
  schema: () => schemaOf((s) => ({ ok: true, value: s.trim() })),
};

export const EMAIL = kind((e: string) => e, (s) => {
  const e = normaliseEmail(s);
  return isEmail(e) ? { ok: true, value: e } : fail('config.badEmail', { value: e });
});

/** One email address, or blank (''): a setting whose blank has a meaning of its own. */
export const OPTIONAL_EMAIL = kind((e: string) => e, (s) => {
  const e = normaliseEmail(s);
  if (e === '') return { ok: true, value: '' };
  return isEmail(e) ? { ok: true, value: e } : fail('config.badEmail', { value: e });
});

/** Email addresses separated by 、; blank allowed (an empty list). */
export const EMAIL_LIST = kind((list: string[]) => list.join(SEP), (s) => {
  const list = splitList(s).map(normaliseEmail);
  const bad = list.find((e) => !isEmail(e));
  return bad === undefined ? { ok: true, value: list } : fail('config.badEmail', { value: bad });
});

/** Any list, such as customer names and numbers. */
export const TEXT_LIST = kind((list: string[]) => list.join(SEP), (s) => ({ ok: true, value: splitList(s) }));

const SLA_UNITS: Record<string, Sla['unit']> = { h: 'h', 小时: 'h', wh: 'wh', 工作小时: 'wh', wd: 'wd', 工作日: 'wd', 个工作日: 'wd' };

export const SLA = kind((s: Sla) => `${s.amount}${s.unit}`, (s) => {
  const v = normaliseText(s).toLowerCase();
  const m = /^(\d{1,4}) ?(h|wh|wd|小时|工作小时|个?工作日)$/.exec(v);
  if (!m || Number(m[1]) === 0) return fail('config.badSla', { value: v });
  return { ok: true, value: { amount: Number(m[1]), unit: SLA_UNITS[m[2]] } };
});

export const PRIORITY = kind((p: Priority) => p, (s) => {
  const v = normaliseText(s);
  return (PRIORITIES as readonly string[]).includes(v) ? { ok: true, value: v as Priority } : fail('config.badPriority', { value: v });
});

const formatMinutes = (m: number) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;

/** A working period, minutes from local midnight. */
export const HOURS = kind((h: { start: number; end: number }) => `${formatMinutes(h.start)}-${formatMinutes(h.end)}`, (s) => {
  const v = normaliseText(s);
  const m = /^(\d{1,2}):(\d{2}) ?[-~至到] ?(\d{1,2}):(\d{2})$/.exec(v);
  if (!m) return fail('config.badHours', { value: v });
  const [sh, sm, eh, em] = m.slice(1).map(Number);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (sm > 59 || em > 59 || end > 1440 || start >= end) return fail('config.badHours', { value: v });
  return { ok: true, value: { start, end } };
});

const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function weekday(token: string): number | undefined {
  if (/^[1-7]$/.test(token)) return Number(token);
  const m = /^(?:周|星期|礼拜)([一二三四五六日天])$/.exec(token);
  return m ? '一二三四五六日天'.indexOf(m[1]) + 1 - (m[1] === '天' ? 1 : 0) : undefined;
}

function formatWorkWeek(days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (contiguous && sorted.length > 2) return `${WEEKDAY_NAMES[sorted[0] - 1]}至${WEEKDAY_NAMES[sorted[sorted.length - 1] - 1]}`;
  return sorted.map((d) => WEEKDAY_NAMES[d - 1]).join(SEP);
}

/** ISO weekdays (1 = Monday), written as 周一至周五 when contiguous. */
export const WORK_WEEK = kind(formatWorkWeek, (s) => {
  const v = normaliseText(s);
  const days = new Set<number>();
  for (const part of v.split(/[、,; ]+/).filter(Boolean)) {
    const range = /^(.+?)[-~至到](.+)$/.exec(part);
    const from = weekday(range ? range[1] : part);
    const to = range ? weekday(range[2]) : from;
    if (from === undefined || to === undefined || from > to) return fail('config.badWorkWeek', { value: v });
    for (let d = from; d <= to; d++) days.add(d);
  }
  if (days.size === 0) return fail('config.badWorkWeek', { value: v });
  return { ok: true, value: [...days].sort((a, b) => a - b) };
});

const DAY_KINDS: Record<string, 'holiday' | 'workday'> = { 休息: 'holiday', 放假: 'holiday', 上班: 'workday', 补班: 'workday', 工作: 'workday' };

/** What a 日历 day is: a day off or a working day. */
export const DAY_KIND = kind((k: 'holiday' | 'workday') => (k === 'holiday' ? '休息' : '上班'), (s) => {
  const v = normaliseText(s);
  return v in DAY_KINDS ? { ok: true, value: DAY_KINDS[v] } : fail('config.badDayKind', { value: v });
});

/** `2026-10-10`, `2026/10/10` or `2026年10月10日` → `2026-10-10`; undefined when not a real date. */
export function parseDay(s: string): string | undefined {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = m.slice(1).map(Number);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}

/** Blank (the webhook is off) or at least 16 characters of A–Z, a–z, 0–9, _ and -. */
export const TOKEN = kind((v: string) => v, (s) => {
  const v = s.trim();
  return v === '' || /^[A-Za-z0-9_-]{16,}$/.test(v) ? { ok: true, value: v } : fail('config.badToken', {});
});

export const STATUS_LIST = kind((list: string[]) => list.join(SEP), (s) => {
  const list = splitList(s);
  const bad = list.find((x) => !(STATUSES as readonly string[]).includes(x));
  return bad === undefined ? { ok: true, value: list } : fail('config.badStatus', { value: bad, options: STATUSES.join(SEP) });
});

/**
 * Blank (none) or an https address: shown to customers as a link, so nothing
 * but https, no spaces, quotes or angle brackets, at most 500 characters.
 */
export const HTTPS_URL = kind((v: string) => v, (s) => {
  const v = s.trim();
  if (v === '') return { ok: true, value: '' };
  return v.length <= 500 && /^https:\/\/[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d{1,5})?(?:[/?#][^\s"'<>`\\]*)?$/.test(v)
    ? { ok: true, value: v }
    : fail('config.badPrivacyUrl', { value: v.slice(0, 100) });
});

const RETENTION_UNITS: Record<string, number> = { 天: 1, 日: 1, 个月: 30, 月: 30, 年: 365 };

/** `180天`, `12个月`, `3年` → days; blank → null (no limit). */
export const RETENTION = kind((days: number | null) => (days === null ? '' : `${days}天`), (s) => {
  const v = normaliseText(s).replace(/\s+/g, '');
  if (v === '' || v === '不限') return { ok: true, value: null };
  const m = /^(\d{1,4})(天|日|个月|月|年)$/.exec(v);
  if (!m || Number(m[1]) === 0) return fail('config.badRetention', { value: v });
  return { ok: true, value: Number(m[1]) * RETENTION_UNITS[m[2]] };
});

const LOCALES: Record<string, Locale> = { 'zh-cn': 'zh-CN', zh: 'zh-CN', 中文: 'zh-CN', 简体中文: 'zh-CN', en: 'en', english: 'en', 英文: 'en' };

export const LOCALE = kind((l: Locale) => l, (s) => {
  const v = normaliseText(s).toLowerCase();
  return v in LOCALES ? { ok: true, value: LOCALES[v] } : fail('config.badLocale', { value: v });
});

/** How owners hear of new tickets: a mail each at once, or one mail an hour listing them. */
export type AssignMode = 'instant' | 'hourly';
const ASSIGN_MODES: Record<string, AssignMode> = { 即时: 'instant', 立即: 'instant', instant: 'instant', 每小时汇总: 'hourly', 每小时: 'hourly', hourly: 'hourly' };

export const ASSIGN_MODE = kind((m: AssignMode) => (m === 'hourly' ? '每小时汇总' : '即时'), (s) => {
  const v = normaliseText(s).toLowerCase().replace(/\s+/g, '');
  return v in ASSIGN_MODES ? { ok: true, value: ASSIGN_MODES[v] } : fail('config.badAssignMode', { value: v });
});

/** Whether owners are mailed their new tickets: always, never, or only while no robot is sent new tickets. */
export type OwnerMail = boolean | 'unlessRobot';
const UNLESS_ROBOT = '无群机器人时';
const UNLESS_ROBOT_WORDS: readonly string[] = [UNLESS_ROBOT, '仅无群机器人时', '无机器人时', 'unlessrobot'];

/** 邮件 › 负责人通知邮件: 是 / 否 as any switch, or 无群机器人时. */
export const OWNER_MAIL = kind((m: OwnerMail) => (m === 'unlessRobot' ? UNLESS_ROBOT : formatBool(m)), (s) => {
  const v = normaliseText(s).toLowerCase().replace(/\s+/g, '');
  if (UNLESS_ROBOT_WORDS.includes(v)) return { ok: true, value: 'unlessRobot' as OwnerMail };
  return v in BOOLEAN_WORDS ? { ok: true, value: BOOLEAN_WORDS[v] as OwnerMail } : fail('robots.config.badOwnerMail', { value: v });
});

export type SmsProvider = 'none' | 'aliyun' | 'tencent';
const SMS_PROVIDERS: Record<string, SmsProvider> = { 无: 'none', 不发送: 'none', none: 'none', 阿里云: 'aliyun', 阿里云短信: 'aliyun', aliyun: 'aliyun', 腾讯云: 'tencent', 腾讯云短信: 'tencent', tencent: 'tencent' };
const SMS_PROVIDER_TEXT: Record<SmsProvider, string> = { none: '无', aliyun: '阿里云', tencent: '腾讯云' };

/** 短信 › 服务商: 无 (no SMS), 阿里云 or 腾讯云. */
export const SMS_PROVIDER = kind((p: SmsProvider) => SMS_PROVIDER_TEXT[p], (s) => {
  const v = normaliseText(s).toLowerCase().replace(/\s+/g, '');
  return v in SMS_PROVIDERS ? { ok: true, value: SMS_PROVIDERS[v] } : fail('config.badSmsProvider', { value: v });
});

export type SmsMode = 'noEmail' | 'always';
const SMS_MODES: Record<string, SmsMode> = { 仅无邮箱时: 'noEmail', 无邮箱时: 'noEmail', noemail: 'noEmail', 邮件之外也发: 'always', 总是: 'always', always: 'always' };

/** 短信 › 发送对象: only customers without an email (the default), or every customer with a mobile, besides the mail. */
export const SMS_MODE = kind((m: SmsMode) => (m === 'always' ? '邮件之外也发' : '仅无邮箱时'), (s) => {
  const v = normaliseText(s).toLowerCase().replace(/\s+/g, '');
  return v in SMS_MODES ? { ok: true, value: SMS_MODES[v] } : fail('config.badSmsMode', { value: v });
});

/**
 * A template code as the provider's console shows it: 阿里云 SMS_ and digits, 腾讯云 digits only; blank: that
 * message is not sent by SMS. Which provider's shape is not checked here (the provider may change later).
 */
export const SMS_TEMPLATE = kind((code: string) => code, (s) => {
  const v = normaliseText(s).replace(/\s+/g, '');
  return v === '' || /^(SMS_\d{4,12}|\d{4,12})$/.test(v) ? { ok: true, value: v } : fail('config.badSmsTemplate', { value: v });
});

/** 报表 › 图表指标: one of the figures the 报表 chart can plot, or 无 (no chart). */
export const CHART_FIGURE = kind((f: string) => f, (s) => {
  const v = normaliseText(s).replace(/\s+/g, '');
  return CHART_CHOICES.includes(v) ? { ok: true, value: v } : fail('config.badChartFigure', { value: v, options: CHART_CHOICES.join(SEP) });
});

/** A whole number from `min` to `max` (a count a day, an hour's threshold). */
export function count(min: number, max: number): ValueKind<number> {
  return kind((n: number) => String(n), (s) => {
    const v = normaliseText(s).replace(/\s+/g, '');
    const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
    return n >= min && n <= max ? { ok: true, value: n } : fail('config.badCount', { value: v, min, max });
  });
}

/** A count a quarter from 1 to 100000, or blank for none stated (the figure that needs it is left out). */
export const OPTIONAL_COUNT = kind((n: number | null) => (n === null ? '' : String(n)), (s) => {
  const v = normaliseText(s).replace(/\s+/g, '');
  if (v === '') return { ok: true, value: null };
  const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
  return n >= 1 && n <= 100_000 ? { ok: true, value: n } : fail('config.badOptionalCount', { value: v, min: 1, max: 100_000 });
});

/** A percentage from `min` to `max`, written `30%` (a bare 30 is read as 30%). */
export function share(min: number, max: number): ValueKind<number> {
  return kind((n: number) => `${n}%`, (s) => {
    const v = normaliseText(s).replace(/\s+/g, '');
    const m = /^(\d{1,3})%?$/.exec(v);
    const n = m ? Number(m[1]) : NaN;
    return n >= min && n <= max ? { ok: true, value: n } : fail('config.badShare', { value: v, min, max });
  });
}
