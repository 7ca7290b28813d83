/**
 * The list groups of the 配置 sheet (选项, 团队, 路由, 员工, 日历, …): rows
 * whose keys are chosen by staff. Each group is one descriptor with its
 * default, its rows and notes, and its reader. A group present in the sheet
 * replaces its defaults with its good rows; an absent group keeps them.
 */
import type { AppConfig, StaffMember } from './config';
import { uniqueRows, type Collector, type ConfigRow, type Group, type GroupRows, type Row } from './config-rows';
import { DAY_KIND, EMAIL, EMAIL_LIST, HOURS, SEP, TEXT_LIST, parseDay, run, splitList, type ValueKind } from './config-values';
import type { CalendarSettings } from './calendar';
import { CHOICE_OPTIONS, FIELDS, fieldByName } from './fields';
import { defaultFormFields, formFieldRows, readFormFields, type FormFieldSetting } from './config-form-fields';
import { FORM_TOOLS_GROUP } from './config-form-tools';
import { normaliseEmail, normaliseText } from './normalise';
import type { RoutingRule, Team } from './routing';
import type { IssueTypeRule } from './tagging';
import { NEED_REFRESH } from './vocabulary';
import type { RobotPlatform } from './robot-messages';
import { ROBOTS } from './config-robots';

export interface ListGroup {
  group: Group;
  /** The one key it reads when its group also holds single settings (报表 / 收件人). */
  key?: string;
  /** A fresh copy of its default (主管 has none of its own: supervisors are part of the default teams). */
  default?: () => unknown;
  rows(c: AppConfig): ConfigRow[];
  /** Reads its rows into `config`, after the groups listed before it. */
  read(config: AppConfig, sheet: GroupRows, c: Collector): void;
}

const REVEAL_FLAG = '可查看敏感信息';

/** The 员工 rows' 说明: the flag shows the owner's list, and typing it grants nothing. */
export const STAFF_NOTE = `值为姓名；可再加手机号或 钉钉:用户ID、企业微信:用户ID、飞书:open_id（群机器人 @ 提醒此人用，如 张伟，13800000001）。“，${REVEAL_FLAG}”由系统按所有者在 客户管理 › 敏感信息查看权限 中的名单填写，在此添加或删除无效，会被恢复`;

/** Words after the name that mean the reveal flag (as the product writes it, or shortened). */
const isRevealFlag = (token: string) => token === REVEAL_FLAG || token === '可查看';

/**
 * A 员工 value as the product writes it: the name someone typed and the
 * mention ids after it, as typed, followed by the flag when the owner's list
 * has the person (whatever flag was typed).
 */
export function staffValue(value: string, canReveal: boolean): string {
  const [name = '', ...rest] = splitList(value);
  return [name, ...rest.filter((t) => !isRevealFlag(t)), ...(canReveal ? [REVEAL_FLAG] : [])].join('，');
}

const MENTION_PLATFORMS: Readonly<Record<string, RobotPlatform>> = { 钉钉: 'dingtalk', 企业微信: 'wecom', 企微: 'wecom', 飞书: 'feishu' };

/**
 * One word after a 员工 name: the reveal flag, a mainland mobile (for 钉钉
 * and 企业微信 @-mentions), or `平台:ID` (the person's user id on that
 * platform; 飞书 mentions by open_id only); null when it is none of these.
 */
function staffToken(token: string): { flag: true } | { mobile: string } | { platform: RobotPlatform; id: string } | null {
  if (isRevealFlag(token)) return { flag: true };
  const mobile = token.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return { mobile };
  const m = /^(钉钉|企业微信|企微|飞书)\s*[:：]\s*([A-Za-z0-9_.-]{1,64})$/.exec(token);
  return m ? { platform: MENTION_PLATFORMS[m[1]!]!, id: m[2]! } : null;
}

/** A list group with one key, whose rows add up (e.g. several 名单 rows). */
function readList(group: Group, key: string, rows: Row[], c: Collector, kind: ValueKind<string[]>): string[] {
  const schema = kind.schema(key);
  const out: string[] = [];
  for (const r of rows) {
    if (r.key !== key) {
      c.report(r.row, { key: 'config.unknownKey', params: { group, key: r.key, keys: key } });
      continue;
    }
    const list = run(schema, r.value);
    if (list.ok) out.push(...list.value.filter((x) => !out.includes(x)));
    else c.report(r.row, list.failure);
  }
  return out;
}

const OPTIONS = {
  group: '选项',
  default: (): Record<string, string[]> => Object.fromEntries(Object.entries(CHOICE_OPTIONS).map(([key, list]) => [key, [...list]])),
  rows: (c) => FIELDS.filter((f) => f.type === 'choice' && c.options[f.key]).map((f) => ['选项', f.label, c.options[f.key].join(SEP),
    f.optionsEditable ? '可修改：每个选项用顿号“、”分隔' : '系统使用的固定选项，仅供查看，不能修改']),
  read(config, sheet, c) {
    const options = config.options;
    for (const r of uniqueRows('选项', sheet('选项') ?? [], c, (r) => fieldByName(r.key)?.key ?? r.key)) {
      const field = fieldByName(r.key);
      if (!field || field.type !== 'choice') {
        c.report(r.row, { key: 'config.unknownField', params: { key: r.key } });
        continue;
      }
      const fallback = options[field.key].join(SEP);
      const list = splitList(r.value);
      const duplicate = list.find((x, i) => list.indexOf(x) !== i);
      if (!field.optionsEditable) {
        // The list an earlier version wrote is the start of today's (收集渠道 gained the form tools): nothing to say.
        const shipped = options[field.key].slice(0, list.length).join(SEP) === list.join(SEP) && list.length > 0;
        if (!shipped) c.report(r.row, { key: 'config.optionsFixed', params: { key: r.key } }, fallback);
      } else if (list.length === 0) {
        c.report(r.row, { key: 'config.emptyList', params: { key: r.key } }, fallback);
      } else if (duplicate !== undefined) {
        c.report(r.row, { key: 'config.duplicateOption', params: { key: r.key, value: duplicate } }, fallback);
      } else if (field.key === 'need_type' && !list.includes(NEED_REFRESH)) {
        // The quarterly refresh link pre-fills it: taken out, every refresh answer would go to 待审核.
        c.corrected(r.row, { key: 'config.refreshOptionAdded', params: { key: r.key, value: NEED_REFRESH } });
        options[field.key] = [...list, NEED_REFRESH];
      } else {
        options[field.key] = list;
      }
    }
  },
} satisfies ListGroup;

/** Read after 选项: nothing in it refers to other groups. */
const FORM_FIELDS_GROUP = {
  group: '字段',
  default: (): Record<string, FormFieldSetting> => defaultFormFields(),
  rows: formFieldRows,
  read: readFormFields,
} satisfies ListGroup;

const STRATEGIC = {
  group: '战略客户',
  default: (): string[] => [],
  rows: (c) => [['战略客户', '名单', TEXT_LIST.format(c.strategicCustomers), '战略客户的名称或客户编号（如 C20240501001），多个用顿号分隔；可写多行']],
  read(config, sheet, c) {
    const rows = sheet('战略客户');
    if (rows) config.strategicCustomers = readList('战略客户', '名单', rows, c, TEXT_LIST);
  },
} satisfies ListGroup;

const ISSUE_TYPES = {
  group: '问题类型',
  default: (): IssueTypeRule[] => [
    { type: '功能缺陷', keywords: ['报错', '错误', '崩溃', '闪退', '故障', '异常', '失败', '无法', '不能用', 'bug'] },
    { type: '操作疑问', keywords: ['怎么', '如何', '怎样', '在哪', '教程', '设置', '使用方法', '操作'] },
    { type: '服务建议', keywords: ['建议', '希望', '改进', '优化', '增加', '体验', '态度'] },
  ],
  rows: (c) => c.issueTypes.map((r, i) => ['问题类型', r.type, r.keywords.join(SEP), i === 0
    ? '需求描述或反馈中出现这些关键词时归为此类（不区分大小写）；可新增行添加类型，如 竞品对比；都不匹配时为“其他”'
    : '关键词，用顿号分隔']),
  read(config, sheet, c) {
    const rows = sheet('问题类型');
    if (!rows) return;
    config.issueTypes = [];
    for (const r of uniqueRows('问题类型', rows, c)) {
      const keywords = splitList(r.value);
      if (keywords.length === 0) c.report(r.row, { key: 'config.emptyList', params: { key: r.key } });
      else config.issueTypes.push({ type: r.key, keywords });
    }
  },
} satisfies ListGroup;

const TEAMS = {
  group: '团队',
  default: (): Team[] => [
    { name: '销售组', members: ['sales1@example.com', 'sales2@example.com'], supervisor: 'sales-lead@example.com' },
    { name: '技术支持组', members: ['support1@example.com', 'support2@example.com'], supervisor: 'support-lead@example.com' },
    { name: '产品经理', members: ['pm@example.com'], supervisor: 'product-lead@example.com' },
    { name: '客服组', members: ['service1@example.com'], supervisor: 'service-lead@example.com' },
  ],
  rows: (c) => c.teams.map((team) => ['团队', team.name, EMAIL_LIST.format(team.members), '成员邮箱，用顿号分隔，工单在成员间轮流分配；留空则由团队整体负责']),
  read(config, sheet, c) {
    const rows = sheet('团队');
    if (!rows) return;
    const schema = EMAIL_LIST.schema('');
    config.teams = [];
    for (const r of uniqueRows('团队', rows, c)) {
      const members = run(schema, r.value);
      if (members.ok) config.teams.push({ name: r.key, members: members.value });
      else c.report(r.row, members.failure);
    }
  },
} satisfies ListGroup;

/** Each team's supervisor (key: team name, value: email); teams listed without 主管 rows keep the default supervisors. */
const SUPERVISORS = {
  group: '主管',
  rows: (c) => c.teams.filter((team) => team.supervisor).map((team) => ['主管', team.name, team.supervisor!, '工单超时未处理时升级通知的主管邮箱']),
  read(config, sheet, c) {
    const rows = sheet('主管');
    if (!rows) {
      if (!sheet('团队')) return;
      const byName = new Map(TEAMS.default().map((team) => [team.name, team.supervisor]));
      for (const team of config.teams) {
        const supervisor = byName.get(team.name);
        if (supervisor) team.supervisor = supervisor;
      }
      return;
    }
    for (const team of config.teams) delete team.supervisor;
    const schema = EMAIL.schema('');
    for (const r of uniqueRows('主管', rows, c)) {
      const team = config.teams.find((x) => x.name === r.key);
      const email = run(schema, r.value);
      if (!team) c.report(r.row, { key: 'config.unknownTeam', params: { value: r.key } });
      else if (!email.ok) c.report(r.row, email.failure);
      else team.supervisor = email.value;
    }
  },
} satisfies ListGroup;

function routeKey(r: RoutingRule): string {
  if (r.issueType) return `问题类型:${r.issueType}`;
  if (r.needType) return `需求类型:${r.needType}`;
  return '默认';
}

/** Read after the teams, issue types and options they name. */
const ROUTES = {
  group: '路由',
  default: (): RoutingRule[] => [
    { issueType: '功能缺陷', team: '产品经理' },
    { needType: '售后支持', team: '技术支持组' },
    { needType: '技术支持', team: '技术支持组' },
    { needType: '产品咨询', team: '销售组' },
    { needType: '合作洽谈', team: '销售组' },
    { needType: '其他', team: '客服组' },
  ],
  rows: (c) => c.routes.map((r, i) => ['路由', routeKey(r), r.team, i === 0
    ? '把工单分给团队：键为 需求类型:选项 或 问题类型:类型（问题类型规则优先）或 默认，值为团队名'
    : '团队名']),
  read(config, sheet, c) {
    const rows = sheet('路由');
    if (!rows) return;
    const needTypes = config.options.need_type;
    const routes: RoutingRule[] = [];
    for (const r of uniqueRows('路由', rows, c)) {
      const m = /^(需求类型|问题类型) ?[:=] ?(.+)$/.exec(r.key);
      const team = normaliseText(r.value);
      if (!m && r.key !== '默认') {
        c.report(r.row, { key: 'config.badRouteKey', params: { key: r.key } });
      } else if (m && m[1] === '需求类型' && !needTypes.includes(m[2])) {
        c.report(r.row, { key: 'config.badNeedType', params: { value: m[2], options: needTypes.join(SEP) } });
      } else if (m && m[1] === '问题类型' && m[2] !== '其他' && !config.issueTypes.some((x) => x.type === m[2])) {
        c.report(r.row, { key: 'config.badIssueType', params: { value: m[2] } });
      } else if (!config.teams.some((x) => x.name === team)) {
        c.report(r.row, { key: 'config.unknownTeam', params: { value: team } });
      } else {
        routes.push(m ? (m[1] === '需求类型' ? { needType: m[2], team } : { issueType: m[2], team }) : { team });
      }
    }
    config.routes = routes;
  },
} satisfies ListGroup;

const STAFF = {
  group: '员工',
  default: (): StaffMember[] => [
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
  rows: (c) => c.staff.map((s) => ['员工', s.email, staffValue(s.name, s.canReveal), STAFF_NOTE]),
  read(config, sheet, c) {
    const rows = sheet('员工');
    if (!rows) return;
    const schema = EMAIL.schema('');
    config.staff = [];
    for (const r of uniqueRows('员工', rows, c, (r) => normaliseEmail(r.key))) {
      const email = run(schema, r.key);
      const [name = '', ...words] = splitList(r.value);
      const tokens = words.map(staffToken);
      const bad = words.find((_, i) => tokens[i] === null);
      if (!email.ok) c.report(r.row, email.failure);
      else if (bad !== undefined) c.report(r.row, { key: 'robots.config.badStaffWord', params: { value: bad } });
      else {
        const member: StaffMember = { email: email.value, name: name || email.value, canReveal: tokens.some((t) => t !== null && 'flag' in t) };
        for (const t of tokens) {
          if (t && 'mobile' in t) member.mobile ??= t.mobile;
          if (t && 'platform' in t) member.chatIds = { ...member.chatIds, [t.platform]: t.id };
        }
        config.staff.push(member);
      }
    }
  },
} satisfies ListGroup;

/** Working periods; a group without one good period keeps the defaults (a calendar needs hours). */
const WORKING_HOURS = {
  group: '工作时间',
  default: (): CalendarSettings['hours'] => [{ start: 540, end: 720 }, { start: 780, end: 1080 }],
  rows: (c) => c.calendar.hours.map((h, i) => ['工作时间', i === 0 ? '上午' : i === 1 ? '下午' : `时段${i + 1}`,
    HOURS.format(h), '每天的工作时段，可增删行，键为时段名称']),
  read(config, sheet, c) {
    const schema = HOURS.schema('');
    const hours: CalendarSettings['hours'] = [];
    for (const r of uniqueRows('工作时间', sheet('工作时间') ?? [], c)) {
      const h = run(schema, r.value);
      if (!h.ok) c.report(r.row, h.failure);
      else if (hours.some((x) => h.value.start < x.end && x.start < h.value.end)) {
        c.report(r.row, { key: 'config.overlappingHours', params: { value: normaliseText(r.value) } });
      } else hours.push(h.value);
    }
    if (hours.length > 0) config.calendar.hours = hours.sort((a, b) => a.start - b.start);
  },
} satisfies ListGroup;

const CALENDAR_DAYS = {
  group: '日历',
  default: (): Pick<CalendarSettings, 'holidays' | 'workdays'> => ({ holidays: [], workdays: [] }),
  rows(c) {
    const { holidays, workdays } = c.calendar;
    if (holidays.length + workdays.length === 0) return [['日历', '', '', '例：键填 2026-10-10，值填 休息 或 上班；优先于法定节假日']];
    return [
      ...holidays.map((day): ConfigRow => ['日历', day, DAY_KIND.format('holiday'), '本公司额外的休息日']),
      ...workdays.map((day): ConfigRow => ['日历', day, DAY_KIND.format('workday'), '本公司额外的上班日']),
    ];
  },
  read(config, sheet, c) {
    const rows = sheet('日历');
    if (!rows) return;
    const schema = DAY_KIND.schema('');
    const holidays: string[] = [];
    const workdays: string[] = [];
    for (const r of uniqueRows('日历', rows, c, (r) => parseDay(r.key) ?? r.key)) {
      const day = parseDay(r.key);
      const kind = run(schema, r.value);
      if (day === undefined) c.report(r.row, { key: 'config.badDate', params: { key: r.key } });
      else if (!kind.ok) c.report(r.row, kind.failure);
      else (kind.value === 'holiday' ? holidays : workdays).push(day);
    }
    config.calendar.holidays = holidays.sort();
    config.calendar.workdays = workdays.sort();
  },
} satisfies ListGroup;

/** The report recipients: rows of 报表 / 收件人 add up; the group's other keys are single settings. */
const RECIPIENTS = {
  group: '报表',
  key: '收件人',
  default: (): string[] => ['manager@example.com'],
  rows: (c) => [['报表', '收件人', EMAIL_LIST.format(c.reportRecipients), '周报、月报和季报的收件人邮箱，用顿号分隔']],
  read(config, sheet, c) {
    const rows = (sheet('报表') ?? []).filter((r) => r.key === '收件人');
    if (rows.length > 0) config.reportRecipients = readList('报表', '收件人', rows, c, EMAIL_LIST);
  },
} satisfies ListGroup;

/** Every list group, in the order they are read (each after the groups it refers to). */
export const LIST_GROUPS: readonly ListGroup[] = [
  OPTIONS, FORM_FIELDS_GROUP, STRATEGIC, ISSUE_TYPES, TEAMS, SUPERVISORS, ROUTES, STAFF, WORKING_HOURS, CALENDAR_DAYS, RECIPIENTS, FORM_TOOLS_GROUP,
  ROBOTS,
];

/** A fresh copy of every list's default. */
export function listDefaults() {
  return {
    options: OPTIONS.default(),
    formFields: FORM_FIELDS_GROUP.default(),
    strategicCustomers: STRATEGIC.default(),
    issueTypes: ISSUE_TYPES.default(),
    routes: ROUTES.default(),
    teams: TEAMS.default(),
    staff: STAFF.default(),
    hours: WORKING_HOURS.default(),
    ...CALENDAR_DAYS.default(),
    reportRecipients: RECIPIENTS.default(),
    robots: ROBOTS.default(),
    formTools: FORM_TOOLS_GROUP.default(),
  };
}
