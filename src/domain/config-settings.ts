/**
 * The single settings of the 配置 sheet: one descriptor per row with a fixed
 * group and key (时限 / 高, 邮件 / 发件人名称, …), holding its default, its kind
 * of value and its note. The descriptors form a tree shaped like the part of
 * AppConfig they fill, from which the defaults, the rows and the parsing are
 * made.
 */
import type * as z from 'zod/mini';
import type { AppConfig } from './config';
import { uniqueRows, type Collector, type ConfigRow, type Group, type Row } from './config-rows';
import {
  ASSIGN_MODE,
  BOOLEAN,
  CHART_FIGURE,
  HTTPS_URL,
  LOCALE,
  OPTIONAL_COUNT,
  OPTIONAL_EMAIL,
  OWNER_MAIL,
  PLAIN_TEXT,
  PRIORITY,
  RETENTION,
  SEP,
  SLA,
  STATUS_LIST,
  TOKEN,
  WORK_WEEK,
  OPTIONAL_TEXT,
  SMS_MODE,
  SMS_PROVIDER,
  SMS_TEMPLATE,
  count,
  run,
  share,
  type AssignMode,
  type OwnerMail,
  type Failure,
  type SmsMode,
  type SmsProvider,
  type ValueKind,
} from './config-values';
import type { Sla } from './calendar';
import { CHOICE_OPTIONS } from './fields';
import { CHART_CHOICES } from './report-chart';
import { PRIORITIES, type Priority } from './vocabulary';

interface Setting<T> {
  group: Group;
  key: string;
  default: T;
  format(value: T): string;
  schema: z.ZodMiniType<T, string>;
  /** The 说明 cell. */
  note: string;
}

function setting<T>(group: Group, key: string, kind: ValueKind<T>, value: T, note: string): Setting<T> {
  return { group, key, default: value, format: kind.format, schema: kind.schema(key), note };
}

/** One time limit per priority, in priority order. */
function perPriority(group: Group, limits: Record<Priority, Sla>, note: string): Record<Priority, Setting<Sla>> {
  return Object.fromEntries(PRIORITIES.map((p) => [p, setting(group, p, SLA, limits[p], note)])) as Record<Priority, Setting<Sla>>;
}

const RESPONSES: readonly string[] = CHOICE_OPTIONS.expected_response;

/** The priority of each expected-response option. */
function perResponse(levels: Record<string, Priority>, note: string): Record<string, Setting<Priority>> {
  return Object.fromEntries(Object.entries(levels).map(([r, level]) => [r, setting('优先级', r, PRIORITY, level, note)]));
}

/** Settings placed like the AppConfig values they hold; any AppConfig branch may hold settings. */
type Shape<V> = { [K in keyof V]?: Setting<V[K]> | Shape<V[K]> };

const SETTINGS = {
  // Working time by default: a ticket filed on Friday evening is not promised for Saturday unless 每周工作日 says
  // the team works then. Clock hours (h) stay an explicit choice for a team on call round the clock.
  sla: perPriority('时限', { 高: { amount: 1, unit: 'wd' }, 中: { amount: 3, unit: 'wd' }, 低: { amount: 5, unit: 'wd' } },
    '该优先级工单的解决时限：wd = 工作日，wh = 工作小时（都按“工作日”和“工作时间”计，下班后和休息日不计），h = 小时（自然时间，含夜间和周末，只适合全天值守的团队）。高 默认 1wd：下一个工作日的同一时刻'),
  priorityByResponse: perResponse({ '24小时内': '高', '3个工作日内': '中', '1周内': '低' },
    '期望响应时间为此项时的优先级（售后支持的功能缺陷和战略客户再提高一级）'),
  calendar: {
    workWeek: setting('工作日', '每周工作日', WORK_WEEK, [1, 2, 3, 4, 5], '如 周一至周五，或 1、2、3、4、5（1 = 周一）'),
    useStatutory: setting('工作日', '法定节假日', BOOLEAN, true, '是否按国家法定节假日和调休上班日安排'),
  },
  reports: {
    weekly: setting('报表', '周报', BOOLEAN, true, '是否在每周一 09:00 自动发送上周的周报（是/否）'),
    monthly: setting('报表', '月报', BOOLEAN, true, '是否在每月1日 09:00 自动发送上月的月报（是/否）'),
    quarterly: setting('报表', '季报', BOOLEAN, true, '是否在每季度第一天 09:00 自动发送上季度的季报（是/否）'),
    chart: setting('报表', '图表指标', CHART_FIGURE, '新工单数',
      `报表表中的趋势图画哪一项（每期一个点，有周报时按周，否则按月或季）：${CHART_CHOICES.join('、')}；无 = 不要图表。修改后在下次生成报表或运行设置时生效`),
    expected: {
      manual: setting('报表', '线下录入预计份数', OPTIONAL_COUNT, null,
        '每季度预计收回并录入的纸质表单和电话记录份数（1–100000），季报的“线下表单回收率”以此为分母；留空则只统计录入延迟'),
      import: setting('报表', '导入预计份数', OPTIONAL_COUNT, null,
        '每季度预计从其他系统导入的记录份数（1–100000），季报的“线下表单回收率”以此为分母；留空则只统计录入延迟'),
    },
  },
  mail: {
    customerAck: setting('邮件', '客户确认邮件', BOOLEAN, true, '受理后是否给客户发送确认邮件（含工单号和预计答复时间）'),
    ownerAssign: setting('邮件', '负责人通知邮件', OWNER_MAIL, true as OwnerMail,
      '分配工单后是否给负责人发邮件：是、否，或 无群机器人时（配置 › 通知 中有群机器人接收“新工单”时不发，省下邮件配额给客户；导入的汇总邮件照发）'),
    ownerAssignMode: setting('邮件', '负责人通知方式', ASSIGN_MODE, 'instant' as AssignMode,
      '即时：每张新工单立即发一封；每小时汇总：每小时把新分配给同一负责人的工单合成一封（工单多时节省每日邮件配额）'),
    importAck: setting('邮件', '导入确认邮件', BOOLEAN, false,
      '“导入”表中的行是否也给客户发确认邮件（默认否：导入的是已有记录，客户并未刚刚来信）；负责人每次导入只收到一封汇总邮件'),
    senderName: setting('邮件', '发件人名称', PLAIN_TEXT, '客户服务中心', '邮件中显示的发件人名称'),
    replyTo: setting('邮件', '回复地址', OPTIONAL_EMAIL, '',
      '客户回复确认邮件和进度邮件时发往的邮箱（如 service@example.com）；留空则发给该工单的负责人，负责人不是邮箱时发给团队主管，再没有时发给初始化表格的账号'),
    // The public Form must not be a way to mail anyone the company's mail: acknowledgements are capped.
    ackPerAddress: setting('邮件', '确认邮件每址每日上限', count(1, 20), 3,
      '同一邮箱每天最多收到几封确认邮件（1–20）；超出的工单照常受理，只是不再发确认邮件，并记入历史'),
    ackQuotaShare: setting('邮件', '确认邮件配额占比', share(1, 40), 30,
      '确认邮件每天最多使用当日邮件配额的百分比（1%–40%），其余留给员工通知和进度邮件'),
    ackBurst: setting('邮件', '确认邮件突增提醒', count(1, 1000), 20,
      '一小时内发往当天新邮箱的确认邮件超过此数时，给管理员发一封提醒（每天最多一封）'),
  },
  consentText: setting('表单', '同意声明', PLAIN_TEXT, '我已阅读并同意：贵公司为处理本次咨询与反馈，收集、保存和使用我填写的个人信息；这些信息保存在 Google 的服务器上（可能位于中国大陆境外）。',
    '表单中“个人信息处理同意”的勾选项文字；每次修改都记为新的同意版本（客户表“同意版本”记录客户同意的是哪一版）'),
  webhookToken: setting('接口', '令牌', TOKEN, '', '留空则关闭接口；启用时填写至少16位的随机字符串（字母、数字、_、-）'),
  locale: setting('通用', '语言', LOCALE, 'zh-CN', 'zh-CN 或 en'),
  companyName: setting('通用', '公司名称', PLAIN_TEXT, '示例科技有限公司', '邮件和报表中显示的公司名称'),
  repeatWindowMinutes: setting('通用', '重复录入提醒分钟数', count(0, 1440), 10,
    '线下录入时，同一客户（手机号或邮箱相同）在这么多分钟内已有需求描述相同的工单，提交前先询问是否重复录入；0 表示不询问'),
  privacyUrl: setting('通用', '隐私政策链接', HTTPS_URL, '', '贵公司隐私政策的网址（https://…），显示在表单的同意项和手工录入侧边栏中；留空则不显示'),
  followUp: {
    notifyStatuses: setting('跟进', '通知客户的状态', STATUS_LIST, ['已联系客户', '方案已提交', '问题已解决'],
      '状态改为这些值时给客户发进度邮件，用顿号分隔；留空则不发'),
    firstResponse: perPriority('首次响应', { 高: { amount: 4, unit: 'wh' }, 中: { amount: 1, unit: 'wd' }, 低: { amount: 2, unit: 'wd' } },
      '该优先级工单从受理到“已联系客户”的时限，确认邮件向客户承诺的就是这个时间：wh = 工作小时，wd = 工作日（按工作时间计），h = 小时（自然时间，含夜间和周末，只适合全天值守的团队）。高 默认 4wh：半个工作日内联系，上午来的当天答复，傍晚来的下个工作日上午答复'),
    supervisorAfter: setting('跟进', '主管升级间隔', SLA, { amount: 4, unit: 'wh' }, '超时提醒负责人后仍未解决，再过这么久通知团队主管（wh = 工作小时）'),
    survey: setting('跟进', '满意度调查', BOOLEAN, true, '问题已解决时是否给客户发送满意度调查链接（是/否）'),
    retentionDays: setting('跟进', '个人信息保留期', RETENTION, null,
      '已关闭工单保留个人信息的时长，如 180天、12个月、3年；留空表示不限。到期后每月自动匿名化'),
  },
  sms: {
    provider: setting('短信', '服务商', SMS_PROVIDER, 'none' as SmsProvider,
      '无、阿里云 或 腾讯云。密钥（阿里云 AccessKey、腾讯云 SecretId / SecretKey）不写在表格里，由表格所有者在 客户管理 › 短信设置 中填写；短信只含工单号和状态，不含客户填写的内容'),
    signName: setting('短信', '签名', OPTIONAL_TEXT, '', '在短信服务商控制台审核通过的签名（不含【】），如 示例科技'),
    appId: setting('短信', '应用ID', OPTIONAL_TEXT, '', '腾讯云短信的 SdkAppId（阿里云留空）'),
    region: setting('短信', '地域', OPTIONAL_TEXT, 'ap-guangzhou', '腾讯云短信的地域，如 ap-guangzhou（阿里云留空）'),
    mode: setting('短信', '发送对象', SMS_MODE, 'noEmail' as SmsMode,
      '仅无邮箱时：只给留了手机号、没有邮箱的客户发短信；邮件之外也发：有手机号的客户都发'),
    dailyCap: setting('短信', '每日上限', count(0, 10000), 100, '每天最多发几条短信（短信按条收费）；达到上限后当天不再发送，并告知管理员'),
    templates: {
      ack: setting('短信', '受理模板', SMS_TEMPLATE, '', '受理确认短信的模板编号，留空则不发；变量：工单号（腾讯云 {1}，阿里云 ${ticket}）'),
      progress: setting('短信', '进度模板', SMS_TEMPLATE, '', '进度短信（状态改为 跟进 › 通知客户的状态 之一时）的模板编号，留空则不发；变量：工单号、新状态（腾讯云 {1}、{2}，阿里云 ${ticket}、${status}）'),
      survey: setting('短信', '调查模板', SMS_TEMPLATE, '', '问题已解决时满意度调查短信的模板编号，留空则发进度短信；变量：工单号（腾讯云 {1}，阿里云 ${ticket}；短信里不能放链接，请客户回复或来电评分）'),
    },
  },
  refresh: {
    intervalDays: setting('定期更新', '核实间隔天数', count(0, 3650), 180,
      '客户资料上次核实（客户提交表单或核实资料）超过这么多天、且今年有过联系的，每季度发一封邮件，附预先填好其资料的表单链接请其核实；0 表示不发送'),
    dailyCap: setting('定期更新', '每日最多发送', count(1, 500), 20,
      '每天最多发出几封核实邮件（1–500）；其余顺延到下一天，每位客户每季度最多一封'),
  },
} satisfies Shape<AppConfig>;

/** The values of a settings tree. */
type ValuesOf<S> = S extends Setting<infer T> ? T : { -readonly [K in keyof S]: ValuesOf<S[K]> };
type SettingValues = ValuesOf<typeof SETTINGS>;

interface Placed {
  setting: Setting<unknown>;
  /** Where its value lives in AppConfig. */
  path: string[];
}

type Node = Setting<unknown> | { [key: string]: Node };

const isSetting = (n: Node): n is Setting<unknown> => 'schema' in n && 'group' in n;

function place(node: Node, path: string[], out: Placed[]): Placed[] {
  if (isSetting(node)) out.push({ setting: node, path });
  else for (const [k, child] of Object.entries(node)) place(child, [...path, k], out);
  return out;
}

/** Every setting with its place, in the order of the tree (the order of the rows within a group). */
const PLACED = place(SETTINGS as Node, [], []);

type Branch = Record<string, unknown>;

const valueAt = (root: object, path: string[]): unknown => path.reduce((o: unknown, k) => (o as Branch)[k], root);

function setValueAt(root: object, path: string[], value: unknown): void {
  const parent = path.slice(0, -1).reduce((o: Branch, k) => (o[k] = o[k] ?? {}) as Branch, root as Branch);
  parent[path[path.length - 1]!] = value;
}

/** A fresh copy of every setting's default. */
export function settingDefaults(): SettingValues {
  const out = {};
  // Defaults are plain data (strings, numbers, arrays, small objects): a JSON copy keeps callers from sharing them.
  for (const { setting, path } of PLACED) setValueAt(out, path, JSON.parse(JSON.stringify(setting.default)));
  return out as SettingValues;
}

/** The rows of a group's settings for a configuration. */
export function settingRows(group: Group, c: AppConfig): ConfigRow[] {
  return PLACED.filter((p) => p.setting.group === group).map(({ setting, path }) =>
    [group, setting.key, setting.format(valueAt(c, path)), setting.note]);
}

/** Groups whose keys must be from a fixed list: other keys get their own message, before duplicates are looked for. */
const KEY_CHECKS: Partial<Record<Group, (key: string) => Failure | null>> = {
  优先级: (key) => (RESPONSES.includes(key) ? null : { key: 'config.badResponse', params: { key, options: RESPONSES.join(SEP) } }),
};

/**
 * Reads a group's settings into `config`: each key's schema applied; unknown
 * keys reported; a bad value keeps the default. `rows` leaves out the keys a
 * list of the same group reads (报表 / 收件人).
 */
export function readSettings(group: Group, rows: Row[], config: AppConfig, c: Collector): void {
  const placed = PLACED.filter((p) => p.setting.group === group);
  const check = KEY_CHECKS[group];
  const known = check
    ? rows.filter((r) => {
      const failure = check(r.key);
      if (failure) c.report(r.row, failure);
      return !failure;
    })
    : rows;
  const keys = placed.map((p) => p.setting.key);
  for (const r of uniqueRows(group, known, c)) {
    const p = placed.find((x) => x.setting.key === r.key);
    if (!p) {
      c.report(r.row, { key: 'config.unknownKey', params: { group, key: r.key, keys: keys.join(SEP) } });
      continue;
    }
    const parsed = run(p.setting.schema, r.value);
    if (parsed.ok) setValueAt(config, p.path, parsed.value);
    else c.report(r.row, parsed.failure, p.setting.format(p.setting.default));
  }
}

/** The groups that hold single settings. */
export const SETTING_GROUPS: readonly Group[] = [...new Set(PLACED.map((p) => p.setting.group))];
