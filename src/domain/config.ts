/**
 * The 配置 (Config) sheet: rows of [分组, 键, 值, 说明]. `defaultConfigRows`
 * writes every default; `parseConfig` reads the rows back. Each single
 * setting is one descriptor (config-settings.ts), each list group another
 * (config-lists.ts); the kinds of value they hold are config-values.ts.
 * A bad row is reported with its sheet row number and ignored, never thrown:
 * a single setting then keeps its default; a list (teams, routes, …) is made
 * of its good rows, and a list group that is absent from the sheet keeps its
 * defaults.
 */
import type { CalendarSettings, Sla } from './calendar';
import type { FormFieldSetting } from './config-form-fields';
import type { AssignMode, OwnerMail, SmsMode, SmsProvider } from './config-values';
import type { RobotSetting } from './config-robots';
import type { RobotPlatform } from './robot-messages';
import { LIST_GROUPS, listDefaults } from './config-lists';
import { CONFIG_GROUPS, Collector, type ConfigRow, type Group, type Row } from './config-rows';
import { SETTING_GROUPS, readSettings, settingDefaults, settingRows } from './config-settings';
import { SEP, formatBool } from './config-values';
import { localDate } from './local-time';
import { isDate, normaliseText } from './normalise';
import type { RoutingRule, Team } from './routing';
import type { IssueTypeRule } from './tagging';
import type { FormToolMapping } from './form-tool-mapping';
import type { Priority } from './vocabulary';
import type { Locale } from '../i18n/messages';

export interface StaffMember {
  email: string;
  name: string;
  /** May reveal sensitive fields (联系地址, 证件号码). */
  canReveal: boolean;
  /** A mainland mobile, for 钉钉 and 企业微信 robots to @-mention the person. */
  mobile?: string;
  /** The person's user id per platform (飞书: open_id), for robots to @-mention them. */
  chatIds?: Partial<Record<RobotPlatform, string>>;
}

export interface AppConfig {
  /** Option lists by field key, for every choice field. */
  options: Record<string, string[]>;
  /** Per Form field (config-form-fields.ts): 必填 / 选填 / 不显示 and its help text. */
  formFields: Record<string, FormFieldSetting>;
  strategicCustomers: string[];
  issueTypes: IssueTypeRule[];
  routes: RoutingRule[];
  teams: Team[];
  staff: StaffMember[];
  sla: Record<Priority, Sla>;
  priorityByResponse: Record<string, Priority>;
  calendar: CalendarSettings;
  reportRecipients: string[];
  /** Scheduled reports switched on (报表 / 周报, 月报, 季报), and what the 报表 chart plots (图表指标: a CHART_FIGURES key). */
  reports: {
    weekly: boolean;
    monthly: boolean;
    quarterly: boolean;
    chart: string;
    /** Submissions a quarter expected through 线下录入 / 导入 (报表 › …预计份数), for the quarterly review; null: not stated. */
    expected: { manual: number | null; import: number | null };
  };
  /** importAck: acknowledgements for imported rows too (records from another system: off by default). */
  mail: {
    customerAck: boolean;
    /** 是 / 否, or 无群机器人时: only while no robot of 配置 › 通知 is sent new tickets. */
    ownerAssign: OwnerMail;
    /** At once, or gathered into one mail an hour per owner (the hourly job sends it). */
    ownerAssignMode: AssignMode;
    importAck: boolean;
    senderName: string;
    /** Where customers' replies go: '' for the ticket's owner (else the team's supervisor, else the setup owner). */
    replyTo: string;
    /** Acknowledgements one address gets a day at most. */
    ackPerAddress: number;
    /** Percent of the day's mail quota acknowledgements may use at most. */
    ackQuotaShare: number;
    /** Acknowledgements to addresses new today within an hour above which the admin is told. */
    ackBurst: number;
  };
  consentText: string;
  /** The company's privacy notice (https), shown beside the consent box; '' when none. */
  privacyUrl: string;
  webhookToken: string;
  locale: Locale;
  companyName: string;
  /** Minutes within which a manual entry repeating a ticket on file is asked about before filing (0: never asked). */
  repeatWindowMinutes: number;
  followUp: FollowUpSettings;
  /** 配置 › 通知: the team-chat robots and what each is sent (their addresses and secrets are in script properties). */
  robots: RobotSetting[];
  /** 短信: the provider ('none': no SMS), the account's public parts (secrets live in script properties), who gets SMS, a day's cap, and a template code per message ('' : not by SMS). */
  sms: {
    provider: SmsProvider;
    signName: string;
    appId: string;
    region: string;
    mode: SmsMode;
    dailyCap: number;
    templates: { ack: string; progress: string; survey: string };
  };
  /** 配置 › 表单工具: per form tool, which question fills which field and which option is which (form-tool-mapping.ts). */
  formTools: FormToolMapping;
  /** 定期更新: customers last confirmed more than `intervalDays` ago are mailed their pre-filled Form, at most `dailyCap` a day (0 days: off). */
  refresh: { intervalDays: number; dailyCap: number };
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
  /** The problem with its row (配置第N行：…), for a summary or a report. */
  message: string;
  /** The same without the row, for a note on the row's own cell. */
  note: string;
}

export { CONFIG_GROUPS };

/** A fresh copy of the default configuration (the defaults docs/fields.md describes). */
export function defaultConfig(): AppConfig {
  const { hours, holidays, workdays, ...lists } = listDefaults();
  const settings = settingDefaults();
  return { ...lists, ...settings, calendar: { hours, ...settings.calendar, holidays, workdays } };
}

/** The rows of the 配置 sheet for a configuration (without the header row): group by group, lists before single settings. */
export function configRows(c: AppConfig): string[][] {
  const rows: ConfigRow[] = [];
  for (const group of CONFIG_GROUPS) {
    for (const list of LIST_GROUPS) if (list.group === group) rows.push(...list.rows(c));
    rows.push(...settingRows(group, c));
  }
  return rows;
}

/** The rows of the 配置 sheet with every default (without the header row). */
export function defaultConfigRows(): string[][] {
  return configRows(defaultConfig());
}

// ---- Reading cells -------------------------------------------------------------------------

const CELL_CAP = 10_000;
/** Script zone for date cells; Asia/Shanghai has no daylight saving time. */
const DATE_CELL_OFFSET_MINUTES = 480;

/**
 * A cell as text. Sheets may turn a typed date into a Date (read as a date in
 * Asia/Shanghai), a number or a checkbox into a number or boolean. Unlike a
 * submitted answer (normalise.ts), no cell is an error here: anything else
 * reads as blank, and the row's reader says what is missing.
 */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.length > CELL_CAP ? v.slice(0, CELL_CAP) : v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return formatBool(v);
  if (isDate(v)) {
    const ms = v.getTime();
    return Number.isNaN(ms) ? '' : localDate(ms, DATE_CELL_OFFSET_MINUTES);
  }
  return '';
}

// ---- Parsing -------------------------------------------------------------------------------

/**
 * Reads the 配置 sheet's rows (below the header; `firstRow` is the sheet row
 * of rows[0]). Never throws: every bad row is reported with its row number, in
 * the parsed 通用 / 语言 (zh-CN when that row is missing or bad), and ignored.
 */
export function parseConfig(rows: unknown[][], firstRow = 2): { config: AppConfig; errors: ConfigError[] } {
  const c = new Collector();
  const config = defaultConfig();
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
  const sheet = (g: Group) => byGroup.get(g);

  for (const list of LIST_GROUPS) list.read(config, sheet, c);
  for (const group of SETTING_GROUPS) {
    const listKeys = LIST_GROUPS.filter((l) => l.group === group && l.key !== undefined).map((l) => l.key);
    readSettings(group, (sheet(group) ?? []).filter((r) => !listKeys.includes(r.key)), config, c);
  }
  return { config, errors: c.errors(config.locale) };
}
