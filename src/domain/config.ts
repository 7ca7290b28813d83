/**
 * The 配置 (Config) sheet: rows of [分组, 键, 值, 说明]. `defaultConfigRows`
 * writes every default; `parseConfig` reads the rows back with one zod schema
 * per kind of value. A bad row is reported with its sheet row number and
 * ignored, never thrown: a single setting then keeps its default; a list
 * (teams, routes, …) is made of its good rows, and a list group that is absent
 * from the sheet keeps its defaults.
 */
import * as z from 'zod/mini';
import type { CalendarSettings, Sla } from './calendar';
import { CHOICE_OPTIONS, FIELDS, fieldByName } from './fields';
import { normaliseEmail, normaliseText } from './normalise';
import type { RoutingRule, Team } from './routing';
import type { IssueTypeRule } from './tagging';
import { PRIORITIES, STATUSES, type Priority } from './vocabulary';
import { isEmail } from './validate';
import { format, translator, type Locale, type MessageKey, type MessageParams } from '../i18n/messages';

export interface StaffMember {
  email: string;
  name: string;
  /** May reveal sensitive fields (联系地址, 证件号码). */
  canReveal: boolean;
}

export interface AppConfig {
  /** Option lists by field key, for every choice field. */
  options: Record<string, string[]>;
  strategicCustomers: string[];
  issueTypes: IssueTypeRule[];
  routes: RoutingRule[];
  teams: Team[];
  staff: StaffMember[];
  sla: Record<Priority, Sla>;
  priorityByResponse: Record<string, Priority>;
  calendar: CalendarSettings;
  reportRecipients: string[];
  /** Scheduled reports switched on (报表 / 周报, 月报, 季报). */
  reports: { weekly: boolean; monthly: boolean; quarterly: boolean };
  /** importAck: acknowledgements for imported rows too (records from another system: off by default). */
  mail: { customerAck: boolean; ownerAssign: boolean; importAck: boolean; senderName: string };
  consentText: string;
  webhookToken: string;
  locale: Locale;
  companyName: string;
  followUp: FollowUpSettings;
}

/** Follow-up settings (groups 首次响应 and 跟进). */
export interface FollowUpSettings {
  /** Statuses whose change mails the customer. */
  notifyStatuses: string[];
  /** Time to the first response (已联系客户) by priority. */
  firstResponse: Record<Priority, Sla>;
  /** From the owner's overdue mail to the supervisor's, if the ticket is still open. */
  supervisorAfter: Sla;
  /** Mail the satisfaction survey at 问题已解决. */
  survey: boolean;
  /** Days a closed ticket keeps its personal data; null: kept (no retention limit). */
  retentionDays: number | null;
}

export interface ConfigError {
  row: number;
  message: string;
}

export const CONFIG_HEADERS = ['分组', '键', '值', '说明'] as const;

/** Group names of the sheet, in the order the defaults are written. */
export const CONFIG_GROUPS = [
  '选项', '战略客户', '问题类型', '路由', '团队', '主管', '员工', '时限', '优先级',
  '工作时间', '工作日', '日历', '报表', '邮件', '表单', '接口', '通用', '首次响应', '跟进',
] as const;
type Group = (typeof CONFIG_GROUPS)[number];

const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const REVEAL_FLAG = '可查看敏感信息';
const CELL_CAP = 10_000;

function defaults(): AppConfig {
  const options: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(CHOICE_OPTIONS)) options[key] = [...list];
  return {
    options,
    strategicCustomers: [],
    issueTypes: [
      { type: '功能缺陷', keywords: ['报错', '错误', '崩溃', '闪退', '故障', '异常', '失败', '无法', '不能用', 'bug'] },
      { type: '操作疑问', keywords: ['怎么', '如何', '怎样', '在哪', '教程', '设置', '使用方法', '操作'] },
      { type: '服务建议', keywords: ['建议', '希望', '改进', '优化', '增加', '体验', '态度'] },
    ],
    routes: [
      { issueType: '功能缺陷', team: '产品经理' },
      { needType: '售后支持', team: '技术支持组' },
      { needType: '技术支持', team: '技术支持组' },
      { needType: '产品咨询', team: '销售组' },
      { needType: '合作洽谈', team: '销售组' },
      { needType: '其他', team: '客服组' },
    ],
    teams: [
      { name: '销售组', members: ['sales1@example.com', 'sales2@example.com'], supervisor: 'sales-lead@example.com' },
      { name: '技术支持组', members: ['support1@example.com', 'support2@example.com'], supervisor: 'support-lead@example.com' },
      { name: '产品经理', members: ['pm@example.com'], supervisor: 'product-lead@example.com' },
      { name: '客服组', members: ['service1@example.com'], supervisor: 'service-lead@example.com' },
    ],
    staff: [
      { email: 'admin@example.com', name: '系统管理员', canReveal: true },
      { email: 'sales-lead@example.com', name: '孙经理', canReveal: true },
      { email: 'sales1@example.com', name: '张伟', canReveal: false },
      { email: 'sales2@example.com', name: '李娜', canReveal: false },
      { email: 'support-lead@example.com', name: '周主管', canReveal: true },
      { email: 'support1@example.com', name: '王强', canReveal: false },
      { email: 'support2@example.com', name: '刘洋', canReveal: false },
      { email: 'product-lead@example.com', name: '吴总监', canReveal: false },
      { email: 'pm@example.com', name: '陈静', canReveal: false },
      { email: 'service-lead@example.com', name: '郑主管', canReveal: false },
      { email: 'service1@example.com', name: '赵敏', canReveal: false },
    ],
    sla: { 高: { amount: 24, unit: 'h' }, 中: { amount: 3, unit: 'wd' }, 低: { amount: 5, unit: 'wd' } },
    priorityByResponse: { '24小时内': '高', '3个工作日内': '中', '1周内': '低' },
    calendar: {
      hours: [{ start: 540, end: 720 }, { start: 780, end: 1080 }],
      workWeek: [1, 2, 3, 4, 5],
      useStatutory: true,
      holidays: [],
      workdays: [],
    },
    reportRecipients: ['manager@example.com'],
    reports: { weekly: true, monthly: true, quarterly: true },
    mail: { customerAck: true, ownerAssign: true, importAck: false, senderName: '客户服务中心' },
    consentText: '我已阅读并同意：贵公司为处理本次咨询与反馈，收集、保存和使用我填写的个人信息。',
    webhookToken: '',
    locale: 'zh-CN',
    companyName: '示例科技有限公司',
    followUp: {
      notifyStatuses: ['已联系客户', '方案已提交', '问题已解决'],
      firstResponse: { 高: { amount: 24, unit: 'h' }, 中: { amount: 1, unit: 'wd' }, 低: { amount: 2, unit: 'wd' } },
      supervisorAfter: { amount: 4, unit: 'wh' },
      survey: true,
      retentionDays: null,
    },
  };
}

/** A fresh copy of the default configuration (the defaults docs/fields.md describes). */
export function defaultConfig(): AppConfig {
  return defaults();
}

// ---- Formatting values for the sheet -------------------------------------------------------

const SEP = '、';
const pad2 = (n: number) => String(n).padStart(2, '0');
const formatMinutes = (m: number) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
const formatBool = (b: boolean) => (b ? '是' : '否');
const formatSla = (s: Sla) => `${s.amount}${s.unit}`;

function formatWorkWeek(days: number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1);
  if (contiguous && sorted.length > 2) return `${WEEKDAY_NAMES[sorted[0] - 1]}至${WEEKDAY_NAMES[sorted[sorted.length - 1] - 1]}`;
  return sorted.map((d) => WEEKDAY_NAMES[d - 1]).join(SEP);
}

const formatRetention = (days: number | null) => (days === null ? '' : `${days}天`);

function routeKey(r: RoutingRule): string {
  if (r.issueType) return `问题类型:${r.issueType}`;
  if (r.needType) return `需求类型:${r.needType}`;
  return '默认';
}

function staffValue(s: StaffMember): string {
  return s.canReveal ? `${s.name}，${REVEAL_FLAG}` : s.name;
}

/** The rows of the 配置 sheet for a configuration (without the header row). */
export function configRows(c: AppConfig): string[][] {
  const rows: string[][] = [];
  const add = (group: Group, key: string, value: string, note: string) => rows.push([group, key, value, note]);
  for (const f of FIELDS) {
    if (f.type !== 'choice' || !c.options[f.key]) continue;
    add('选项', f.label, c.options[f.key].join(SEP),
      f.optionsEditable ? '可修改：每个选项用顿号“、”分隔' : '系统使用的固定选项，仅供查看，不能修改');
  }
  add('战略客户', '名单', c.strategicCustomers.join(SEP),
    '战略客户的名称或客户编号（如 C20240501001），多个用顿号分隔；可写多行');
  c.issueTypes.forEach((r, i) => add('问题类型', r.type, r.keywords.join(SEP), i === 0
    ? '需求描述或反馈中出现这些关键词时归为此类（不区分大小写）；可新增行添加类型，如 竞品对比；都不匹配时为“其他”'
    : '关键词，用顿号分隔'));
  c.routes.forEach((r, i) => add('路由', routeKey(r), r.team, i === 0
    ? '把工单分给团队：键为 需求类型:选项 或 问题类型:类型（问题类型规则优先）或 默认，值为团队名'
    : '团队名'));
  c.teams.forEach((team) => add('团队', team.name, team.members.join(SEP),
    '成员邮箱，用顿号分隔，工单在成员间轮流分配；留空则由团队整体负责'));
  c.teams.forEach((team) => {
    if (team.supervisor) add('主管', team.name, team.supervisor, '工单超时未处理时升级通知的主管邮箱');
  });
  c.staff.forEach((s) => add('员工', s.email, staffValue(s),
    `值为姓名；姓名后加“，${REVEAL_FLAG}”的员工可以查看联系地址和证件号码`));
  for (const level of PRIORITIES) {
    add('时限', level, formatSla(c.sla[level]), '该优先级工单的处理时限：h = 小时（自然时间），wh = 工作小时，wd = 工作日');
  }
  for (const [response, level] of Object.entries(c.priorityByResponse)) {
    add('优先级', response, level, '期望响应时间为此项时的优先级（售后支持的功能缺陷和战略客户再提高一级）');
  }
  c.calendar.hours.forEach((h, i) => add('工作时间', i === 0 ? '上午' : i === 1 ? '下午' : `时段${i + 1}`,
    `${formatMinutes(h.start)}-${formatMinutes(h.end)}`, '每天的工作时段，可增删行，键为时段名称'));
  add('工作日', '每周工作日', formatWorkWeek(c.calendar.workWeek), '如 周一至周五，或 1、2、3、4、5（1 = 周一）');
  add('工作日', '法定节假日', formatBool(c.calendar.useStatutory), '是否按国家法定节假日和调休上班日安排');
  for (const day of c.calendar.holidays) add('日历', day, '休息', '本公司额外的休息日');
  for (const day of c.calendar.workdays) add('日历', day, '上班', '本公司额外的上班日');
  if (c.calendar.holidays.length + c.calendar.workdays.length === 0) {
    add('日历', '', '', '例：键填 2026-10-10，值填 休息 或 上班；优先于法定节假日');
  }
  add('报表', '收件人', c.reportRecipients.join(SEP), '周报、月报和季报的收件人邮箱，用顿号分隔');
  add('报表', '周报', formatBool(c.reports.weekly), '是否在每周一 09:00 自动发送上周的周报（是/否）');
  add('报表', '月报', formatBool(c.reports.monthly), '是否在每月1日 09:00 自动发送上月的月报（是/否）');
  add('报表', '季报', formatBool(c.reports.quarterly), '是否在每季度第一天 09:00 自动发送上季度的季报（是/否）');
  add('邮件', '客户确认邮件', formatBool(c.mail.customerAck), '受理后是否给客户发送确认邮件（含工单号和预计答复时间）');
  add('邮件', '负责人通知邮件', formatBool(c.mail.ownerAssign), '分配工单后是否通知负责人');
  add('邮件', '导入确认邮件', formatBool(c.mail.importAck), '“导入”表中的行是否也给客户发确认邮件（默认否：导入的是已有记录，客户并未刚刚来信）；负责人每次导入只收到一封汇总邮件');
  add('邮件', '发件人名称', c.mail.senderName, '邮件中显示的发件人名称');
  add('表单', '同意声明', c.consentText, '表单中“个人信息处理同意”的勾选项文字');
  add('接口', '令牌', c.webhookToken, '留空则关闭接口；启用时填写至少16位的随机字符串（字母、数字、_、-）');
  add('通用', '语言', c.locale, 'zh-CN 或 en');
  add('通用', '公司名称', c.companyName, '邮件和报表中显示的公司名称');
  for (const level of PRIORITIES) {
    add('首次响应', level, formatSla(c.followUp.firstResponse[level]), '该优先级工单从受理到“已联系客户”的时限：h = 小时，wh = 工作小时，wd = 工作日');
  }
  add('跟进', '通知客户的状态', c.followUp.notifyStatuses.join(SEP), '状态改为这些值时给客户发进度邮件，用顿号分隔；留空则不发');
  add('跟进', '主管升级间隔', formatSla(c.followUp.supervisorAfter), '超时提醒负责人后仍未解决，再过这么久通知团队主管（wh = 工作小时）');
  add('跟进', '满意度调查', formatBool(c.followUp.survey), '问题已解决时是否给客户发送满意度调查链接（是/否）');
  add('跟进', '个人信息保留期', formatRetention(c.followUp.retentionDays), '已关闭工单保留个人信息的时长，如 180天、12个月、3年；留空表示不限。到期后每月自动匿名化');
  return rows;
}

/** The rows of the 配置 sheet with every default (without the header row). */
export function defaultConfigRows(): string[][] {
  return configRows(defaults());
}

// ---- Reading cells -------------------------------------------------------------------------

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Script zone for date cells; Asia/Shanghai has no daylight saving time. */
const DATE_CELL_OFFSET_MINUTES = 480;

/**
 * A cell as text. Sheets may turn a typed date into a Date (read as a date in
 * Asia/Shanghai), a number or a checkbox into a number or boolean.
 */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.length > CELL_CAP ? v.slice(0, CELL_CAP) : v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return formatBool(v);
  if (isDate(v)) {
    const ms = v.getTime();
    if (Number.isNaN(ms)) return '';
    const d = new Date(ms + DATE_CELL_OFFSET_MINUTES * 60_000);
    return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  }
  return '';
}

// ---- Value schemas -------------------------------------------------------------------------

type Failure = { [K in MessageKey]: { key: K; params: MessageParams<K> } }[MessageKey];

/** A parsed value, or the message explaining why it could not be parsed. */
type Parsed<T> = { ok: true; value: T } | { ok: false; failure: Failure };

const fail = <K extends MessageKey>(key: K, params: MessageParams<K>): Parsed<never> =>
  ({ ok: false, failure: { key, params } as Failure });

/** Runs a zod schema whose refinements carry a Failure in `params`. */
function run<T>(schema: z.ZodMiniType<T, string>, text: string): Parsed<T> {
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

function splitList(s: string): string[] {
  return normaliseText(s.replace(/\n/g, '、'))
    .split(/[、,;]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

const BOOLEAN_WORDS: Record<string, boolean> = {
  是: true, 否: false, 开: true, 关: false, 启用: true, 停用: false, 开启: true, 关闭: false,
  true: true, false: false, yes: true, no: false, on: true, off: false, '1': true, '0': false,
};

const booleanSchema = schemaOf((s) => {
  const v = normaliseText(s).toLowerCase();
  return v in BOOLEAN_WORDS ? { ok: true, value: BOOLEAN_WORDS[v] } : fail('config.badBoolean', { value: v });
});

const emailListSchema = (key: string, allowEmpty: boolean) => schemaOf((s) => {
  const list = splitList(s).map(normaliseEmail);
  const bad = list.find((e) => !isEmail(e));
  if (bad !== undefined) return fail('config.badEmail', { value: bad });
  if (list.length === 0 && !allowEmpty) return fail('config.emptyList', { key });
  return { ok: true, value: list };
});

const emailSchema = schemaOf((s) => {
  const e = normaliseEmail(s);
  return isEmail(e) ? { ok: true, value: e } : fail('config.badEmail', { value: e });
});

const SLA_UNITS: Record<string, Sla['unit']> = { h: 'h', 小时: 'h', wh: 'wh', 工作小时: 'wh', wd: 'wd', 工作日: 'wd', 个工作日: 'wd' };

const slaSchema = schemaOf((s) => {
  const v = normaliseText(s).toLowerCase();
  const m = /^(\d{1,4}) ?(h|wh|wd|小时|工作小时|个?工作日)$/.exec(v);
  if (!m || Number(m[1]) === 0) return fail('config.badSla', { value: v });
  return { ok: true, value: { amount: Number(m[1]), unit: SLA_UNITS[m[2]] } };
});

const prioritySchema = schemaOf((s) => {
  const v = normaliseText(s);
  return (PRIORITIES as readonly string[]).includes(v) ? { ok: true, value: v as Priority } : fail('config.badPriority', { value: v });
});

const hoursSchema = schemaOf((s) => {
  const v = normaliseText(s);
  const m = /^(\d{1,2}):(\d{2}) ?[-~至到] ?(\d{1,2}):(\d{2})$/.exec(v);
  if (!m) return fail('config.badHours', { value: v });
  const [sh, sm, eh, em] = m.slice(1).map(Number);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (sm > 59 || em > 59 || end > 1440 || start >= end) return fail('config.badHours', { value: v });
  return { ok: true, value: { start, end } };
});

function weekday(token: string): number | undefined {
  if (/^[1-7]$/.test(token)) return Number(token);
  const m = /^(?:周|星期|礼拜)([一二三四五六日天])$/.exec(token);
  return m ? '一二三四五六日天'.indexOf(m[1]) + 1 - (m[1] === '天' ? 1 : 0) : undefined;
}

const workWeekSchema = schemaOf((s) => {
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

const dayKindSchema = schemaOf((s) => {
  const v = normaliseText(s);
  return v in DAY_KINDS ? { ok: true, value: DAY_KINDS[v] } : fail('config.badDayKind', { value: v });
});

/** `2026-10-10`, `2026/10/10` or `2026年10月10日` → `2026-10-10`; undefined when not a real date. */
function parseDay(s: string): string | undefined {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = m.slice(1).map(Number);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}

const tokenSchema = schemaOf((s) => {
  const v = s.trim();
  return v === '' || /^[A-Za-z0-9_-]{16,}$/.test(v) ? { ok: true, value: v } : fail('config.badToken', {});
});


const statusListSchema = schemaOf((s) => {
  const list = splitList(s);
  const bad = list.find((x) => !(STATUSES as readonly string[]).includes(x));
  return bad === undefined ? { ok: true, value: list } : fail('config.badStatus', { value: bad, options: STATUSES.join(SEP) });
});

const RETENTION_UNITS: Record<string, number> = { 天: 1, 日: 1, 个月: 30, 月: 30, 年: 365 };

/** `180天`, `12个月`, `3年` → days; blank → null (no limit). */
const retentionSchema = schemaOf<number | null>((s) => {
  const v = normaliseText(s).replace(/\s+/g, '');
  if (v === '' || v === '不限') return { ok: true, value: null };
  const m = /^(\d{1,4})(天|日|个月|月|年)$/.exec(v);
  if (!m || Number(m[1]) === 0) return fail('config.badRetention', { value: v });
  return { ok: true, value: Number(m[1]) * RETENTION_UNITS[m[2]] };
});

const LOCALES: Record<string, Locale> = { 'zh-cn': 'zh-CN', zh: 'zh-CN', 中文: 'zh-CN', 简体中文: 'zh-CN', en: 'en', english: 'en', 英文: 'en' };

const localeSchema = schemaOf((s) => {
  const v = normaliseText(s).toLowerCase();
  return v in LOCALES ? { ok: true, value: LOCALES[v] } : fail('config.badLocale', { value: v });
});

const plainTextSchema = (key: string) => schemaOf((s) => {
  const v = s.trim();
  return v === '' ? fail('config.emptyValue', { key }) : { ok: true, value: v };
});

// ---- Parsing -------------------------------------------------------------------------------

interface Row {
  row: number;
  key: string;
  value: string;
}

/**
 * The failures of one parse. They are rendered only once the whole sheet is
 * read, in the locale that sheet names (通用 / 语言), so a row error reads in
 * the same language as everything else the execution shows.
 */
class Collector {
  private readonly failures: { row: number; failure: Failure; fallback?: string }[] = [];

  /** Reports a failure on a row; `fallback` names the default that applies instead. */
  report(row: number, failure: Failure, fallback?: string): void {
    this.failures.push({ row, failure, fallback });
  }

  errors(locale: Locale): ConfigError[] {
    const t = translator(locale);
    return this.failures
      .map(({ row, failure, fallback }) => {
        const detail = format(failure.key, failure.params, locale);
        const message = fallback === undefined
          ? t('config.rowError', { row, detail })
          : t('config.rowErrorDefault', { row, detail, fallback });
        return { row, message };
      })
      .sort((a, b) => a.row - b.row);
  }
}

/** Rows of a group whose key is unique: later duplicates are reported and dropped. */
function uniqueRows(group: Group, rows: Row[], c: Collector, keyOf: (r: Row) => string = (r) => r.key): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = keyOf(r);
    if (seen.has(k)) {
      c.report(r.row, { key: 'config.duplicate', params: { group, key: r.key } });
      return false;
    }
    seen.add(k);
    return true;
  });
}

/** Settings with fixed keys: each key's schema applied; unknown keys reported; a bad value keeps the default. */
function readSettings<S extends Record<string, z.ZodMiniType<unknown, string>>>(
  group: Group,
  rows: Row[],
  schemas: S,
  c: Collector,
): { [K in keyof S]?: z.output<S[K]> } {
  const out: { [K in keyof S]?: z.output<S[K]> } = {};
  const fallbacks = new Map(defaultConfigRows().filter((r) => r[0] === group).map((r) => [r[1], r[2]]));
  const keys = Object.keys(schemas);
  for (const r of uniqueRows(group, rows, c)) {
    if (!keys.includes(r.key)) {
      c.report(r.row, { key: 'config.unknownKey', params: { group, key: r.key, keys: keys.join(SEP) } });
      continue;
    }
    const parsed = run(schemas[r.key], r.value);
    if (parsed.ok) out[r.key as keyof S] = parsed.value as z.output<S[keyof S]>;
    else c.report(r.row, parsed.failure, fallbacks.get(r.key) ?? '');
  }
  return out;
}

function readOptions(rows: Row[], c: Collector, base: AppConfig): Record<string, string[]> {
  const options = base.options;
  for (const r of uniqueRows('选项', rows, c, (r) => fieldByName(r.key)?.key ?? r.key)) {
    const field = fieldByName(r.key);
    if (!field || field.type !== 'choice') {
      c.report(r.row, { key: 'config.unknownField', params: { key: r.key } });
      continue;
    }
    const fallback = options[field.key].join(SEP);
    const list = splitList(r.value);
    const duplicate = list.find((x, i) => list.indexOf(x) !== i);
    if (!field.optionsEditable) {
      if (list.join(SEP) !== fallback) c.report(r.row, { key: 'config.optionsFixed', params: { key: r.key } }, fallback);
    } else if (list.length === 0) {
      c.report(r.row, { key: 'config.emptyList', params: { key: r.key } }, fallback);
    } else if (duplicate !== undefined) {
      c.report(r.row, { key: 'config.duplicateOption', params: { key: r.key, value: duplicate } }, fallback);
    } else {
      options[field.key] = list;
    }
  }
  return options;
}

function readIssueTypes(rows: Row[], c: Collector): IssueTypeRule[] {
  const rules: IssueTypeRule[] = [];
  for (const r of uniqueRows('问题类型', rows, c)) {
    const keywords = splitList(r.value);
    if (keywords.length === 0) c.report(r.row, { key: 'config.emptyList', params: { key: r.key } });
    else rules.push({ type: r.key, keywords });
  }
  return rules;
}

function readTeams(rows: Row[], c: Collector): Team[] {
  const teams: Team[] = [];
  for (const r of uniqueRows('团队', rows, c)) {
    const members = run(emailListSchema(r.key, true), r.value);
    if (members.ok) teams.push({ name: r.key, members: members.value });
    else c.report(r.row, members.failure);
  }
  return teams;
}

/** Sets each team's supervisor from the 主管 rows (key: team name, value: email). */
function readSupervisors(rows: Row[], teams: Team[], c: Collector): void {
  for (const r of uniqueRows('主管', rows, c)) {
    const team = teams.find((x) => x.name === r.key);
    const email = run(emailSchema, r.value);
    if (!team) c.report(r.row, { key: 'config.unknownTeam', params: { value: r.key } });
    else if (!email.ok) c.report(r.row, email.failure);
    else team.supervisor = email.value;
  }
}

function readRoutes(rows: Row[], c: Collector, teams: Team[], issueTypes: IssueTypeRule[], needTypes: string[]): RoutingRule[] {
  const routes: RoutingRule[] = [];
  for (const r of uniqueRows('路由', rows, c)) {
    const m = /^(需求类型|问题类型) ?[:=] ?(.+)$/.exec(r.key);
    const team = normaliseText(r.value);
    if (!m && r.key !== '默认') {
      c.report(r.row, { key: 'config.badRouteKey', params: { key: r.key } });
    } else if (m && m[1] === '需求类型' && !needTypes.includes(m[2])) {
      c.report(r.row, { key: 'config.badNeedType', params: { value: m[2], options: needTypes.join(SEP) } });
    } else if (m && m[1] === '问题类型' && m[2] !== '其他' && !issueTypes.some((x) => x.type === m[2])) {
      c.report(r.row, { key: 'config.badIssueType', params: { value: m[2] } });
    } else if (!teams.some((x) => x.name === team)) {
      c.report(r.row, { key: 'config.unknownTeam', params: { value: team } });
    } else {
      routes.push(m ? (m[1] === '需求类型' ? { needType: m[2], team } : { issueType: m[2], team }) : { team });
    }
  }
  return routes;
}

function readStaff(rows: Row[], c: Collector): StaffMember[] {
  const staff: StaffMember[] = [];
  for (const r of uniqueRows('员工', rows, c, (r) => normaliseEmail(r.key))) {
    const email = run(emailSchema, r.key);
    const [name = '', ...flags] = splitList(r.value);
    const badFlag = flags.find((f) => f !== REVEAL_FLAG && f !== '可查看');
    if (!email.ok) c.report(r.row, email.failure);
    else if (badFlag !== undefined) c.report(r.row, { key: 'config.badStaffFlag', params: { value: badFlag } });
    else staff.push({ email: email.value, name: name || email.value, canReveal: flags.length > 0 });
  }
  return staff;
}

function readHours(rows: Row[], c: Collector): { start: number; end: number }[] {
  const hours: { start: number; end: number }[] = [];
  for (const r of uniqueRows('工作时间', rows, c)) {
    const h = run(hoursSchema, r.value);
    if (!h.ok) c.report(r.row, h.failure);
    else if (hours.some((x) => h.value.start < x.end && x.start < h.value.end)) {
      c.report(r.row, { key: 'config.overlappingHours', params: { value: normaliseText(r.value) } });
    } else hours.push(h.value);
  }
  return hours.sort((a, b) => a.start - b.start);
}

function readCalendarDays(rows: Row[], c: Collector): { holidays: string[]; workdays: string[] } {
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (const r of uniqueRows('日历', rows, c, (r) => parseDay(r.key) ?? r.key)) {
    const day = parseDay(r.key);
    const kind = run(dayKindSchema, r.value);
    if (day === undefined) c.report(r.row, { key: 'config.badDate', params: { key: r.key } });
    else if (!kind.ok) c.report(r.row, kind.failure);
    else (kind.value === 'holiday' ? holidays : workdays).push(day);
  }
  return { holidays: holidays.sort(), workdays: workdays.sort() };
}

/** A list group with one key, whose rows add up (e.g. several 名单 rows). */
function readList(group: Group, key: string, rows: Row[], c: Collector, parse: z.ZodMiniType<string[], string>): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.key !== key) {
      c.report(r.row, { key: 'config.unknownKey', params: { group, key: r.key, keys: key } });
      continue;
    }
    const list = run(parse, r.value);
    if (list.ok) out.push(...list.value.filter((x) => !out.includes(x)));
    else c.report(r.row, list.failure);
  }
  return out;
}

const strategicSchema = schemaOf((s) => ({ ok: true, value: splitList(s) }));

/**
 * Reads the 配置 sheet's rows (below the header; `firstRow` is the sheet row
 * of rows[0]). Never throws: every bad row is reported with its row number, in
 * the parsed 通用 / 语言 (zh-CN when that row is missing or bad), and ignored.
 */
export function parseConfig(rows: unknown[][], firstRow = 2): { config: AppConfig; errors: ConfigError[] } {
  const c = new Collector();
  const config = defaults();
  const byGroup = new Map<Group, Row[]>();
  rows.forEach((cells, i) => {
    const row = firstRow + i;
    const cellsOf: unknown[] = Array.isArray(cells) ? cells : [];
    const group = normaliseText(cellText(cellsOf[0]));
    const key = normaliseText(cellText(cellsOf[1]));
    const value = cellText(cellsOf[2]);
    if (key === '' && value.trim() === '') return; // blank row, or a note-only example row
    if (group === '') return c.report(row, { key: 'config.missingGroup', params: {} });
    if (!(CONFIG_GROUPS as readonly string[]).includes(group)) {
      return c.report(row, { key: 'config.unknownGroup', params: { group, groups: CONFIG_GROUPS.join(SEP) } });
    }
    if (key === '') return c.report(row, { key: 'config.missingKey', params: { group } });
    const g = group as Group;
    const list = byGroup.get(g) ?? [];
    list.push({ row, key, value });
    byGroup.set(g, list);
  });
  /** A list group's rows, or undefined when the group is absent (its defaults stay). */
  const listRows = (g: Group) => byGroup.get(g);
  const rowsOf = (g: Group) => byGroup.get(g) ?? [];

  config.options = readOptions(rowsOf('选项'), c, config);
  const strategic = listRows('战略客户');
  if (strategic) config.strategicCustomers = readList('战略客户', '名单', strategic, c, strategicSchema);
  const issueRows = listRows('问题类型');
  if (issueRows) config.issueTypes = readIssueTypes(issueRows, c);
  const teamRows = listRows('团队');
  if (teamRows) config.teams = readTeams(teamRows, c);
  const supervisorRows = listRows('主管');
  if (supervisorRows) {
    for (const team of config.teams) delete team.supervisor;
    readSupervisors(supervisorRows, config.teams, c);
  } else if (teamRows) {
    const byName = new Map(defaults().teams.map((team) => [team.name, team.supervisor]));
    for (const team of config.teams) {
      const supervisor = byName.get(team.name);
      if (supervisor) team.supervisor = supervisor;
    }
  }
  const routeRows = listRows('路由');
  if (routeRows) config.routes = readRoutes(routeRows, c, config.teams, config.issueTypes, config.options.need_type);
  const staffRows = listRows('员工');
  if (staffRows) config.staff = readStaff(staffRows, c);

  const sla = readSettings('时限', rowsOf('时限'), { 高: slaSchema, 中: slaSchema, 低: slaSchema }, c);
  config.sla = { ...config.sla, ...sla };
  const responses = CHOICE_OPTIONS.expected_response;
  const priorityRows = rowsOf('优先级');
  const unknownResponse = priorityRows.filter((r) => !responses.includes(r.key));
  for (const r of unknownResponse) {
    c.report(r.row, { key: 'config.badResponse', params: { key: r.key, options: responses.join(SEP) } });
  }
  const priorities = readSettings('优先级', priorityRows.filter((r) => responses.includes(r.key)),
    Object.fromEntries(responses.map((x) => [x, prioritySchema])), c);
  config.priorityByResponse = { ...config.priorityByResponse, ...(priorities as Record<string, Priority>) };

  const hourRows = listRows('工作时间');
  const hours = hourRows ? readHours(hourRows, c) : [];
  if (hours.length > 0) config.calendar.hours = hours;
  const week = readSettings('工作日', rowsOf('工作日'), { 每周工作日: workWeekSchema, 法定节假日: booleanSchema }, c);
  if (week.每周工作日) config.calendar.workWeek = week.每周工作日;
  if (week.法定节假日 !== undefined) config.calendar.useStatutory = week.法定节假日;
  const dayRows = listRows('日历');
  if (dayRows) Object.assign(config.calendar, readCalendarDays(dayRows, c));

  const reportRows = listRows('报表') ?? [];
  const recipientRows = reportRows.filter((r) => r.key === '收件人');
  if (recipientRows.length > 0) config.reportRecipients = readList('报表', '收件人', recipientRows, c, emailListSchema('收件人', true));
  const switches = readSettings('报表', reportRows.filter((r) => r.key !== '收件人'),
    { 周报: booleanSchema, 月报: booleanSchema, 季报: booleanSchema }, c);
  config.reports = {
    weekly: switches.周报 ?? config.reports.weekly,
    monthly: switches.月报 ?? config.reports.monthly,
    quarterly: switches.季报 ?? config.reports.quarterly,
  };
  const mail = readSettings('邮件', rowsOf('邮件'),
    { 客户确认邮件: booleanSchema, 负责人通知邮件: booleanSchema, 导入确认邮件: booleanSchema, 发件人名称: plainTextSchema('发件人名称') }, c);
  config.mail = {
    customerAck: mail.客户确认邮件 ?? config.mail.customerAck,
    ownerAssign: mail.负责人通知邮件 ?? config.mail.ownerAssign,
    importAck: mail.导入确认邮件 ?? config.mail.importAck,
    senderName: mail.发件人名称 ?? config.mail.senderName,
  };
  const form = readSettings('表单', rowsOf('表单'), { 同意声明: plainTextSchema('同意声明') }, c);
  config.consentText = form.同意声明 ?? config.consentText;
  const api = readSettings('接口', rowsOf('接口'), { 令牌: tokenSchema }, c);
  config.webhookToken = api.令牌 ?? config.webhookToken;
  const general = readSettings('通用', rowsOf('通用'), { 语言: localeSchema, 公司名称: plainTextSchema('公司名称') }, c);
  config.locale = general.语言 ?? config.locale;
  config.companyName = general.公司名称 ?? config.companyName;

  const firstResponse = readSettings('首次响应', rowsOf('首次响应'), { 高: slaSchema, 中: slaSchema, 低: slaSchema }, c);
  config.followUp.firstResponse = { ...config.followUp.firstResponse, ...firstResponse };
  const followUp = readSettings('跟进', rowsOf('跟进'),
    { 通知客户的状态: statusListSchema, 主管升级间隔: slaSchema, 满意度调查: booleanSchema, 个人信息保留期: retentionSchema }, c);
  if (followUp.通知客户的状态) config.followUp.notifyStatuses = followUp.通知客户的状态;
  if (followUp.主管升级间隔) config.followUp.supervisorAfter = followUp.主管升级间隔;
  if (followUp.满意度调查 !== undefined) config.followUp.survey = followUp.满意度调查;
  if (followUp.个人信息保留期 !== undefined) config.followUp.retentionDays = followUp.个人信息保留期;

  return { config, errors: c.errors(config.locale) };
}
