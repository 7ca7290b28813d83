/**
 * 配置 › 通知: the team-chat robots, one row each. The key names the robot
 * (how the owner's 群机器人设置 dialog and the queue know it); the value says
 * its platform and what it is sent:
 *
 *   销售群 | 钉钉：新工单、高优先级、首次响应超时、截止超时、升级、待审核积压10、每日汇总18
 *
 * The webhook address (it holds the robot's access token) and the signing
 * secret are no part of the row: they live in script properties, set in the
 * owner's dialog. A bad row is noted on its cell and ignored, like any 配置 row.
 */
import type { AppConfig } from './config';
import { uniqueRows, type Collector, type ConfigRow, type GroupRows } from './config-rows';
import { SEP, splitList, type Failure } from './config-values';
import type { ListGroup } from './config-lists';
import { normaliseText } from './normalise';
import type { RobotPlatform } from './robot-messages';
import { ROBOT_EVENT } from './vocabulary';

export const ROBOT_GROUP = '通知';

/** What a robot is sent, each switched on by its word in the row. */
export interface RobotEvents {
  /** Every new ticket (its 负责人 @-mentioned where 配置 › 员工 gives a mobile or id). */
  newTicket: boolean;
  /** New tickets of priority 高 (with newTicket on too, one message says both). */
  high: boolean;
  /** A ticket past its first-response time without a response (the owner's reminder). */
  responseBreach: boolean;
  /** A ticket past its 截止时间 (the owner's reminder). */
  deadlineBreach: boolean;
  /** A late ticket escalated to its team's 主管. */
  escalation: boolean;
  /** Told when more than this many 待审核 rows wait (null: off). */
  backlog: number | null;
  /** A summary each day in the hourly run of this hour, 0–23 (null: off). */
  dailyHour: number | null;
}

export interface RobotSetting {
  name: string;
  platform: RobotPlatform;
  events: RobotEvents;
}

/** The words each platform may be written as (the first is how the product writes it). */
const PLATFORM_WORDS: Readonly<Record<RobotPlatform, readonly string[]>> = {
  wecom: ['企业微信', '企微', 'wecom', 'wework'],
  dingtalk: ['钉钉', 'dingtalk'],
  feishu: ['飞书', 'feishu', 'lark'],
};

export const PLATFORM_NAMES: Readonly<Record<RobotPlatform, string>> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };

/** The words a 通知 row names its events with: the same stored words 通知队列.事件 records. */
const EVENT_WORDS = ROBOT_EVENT;

export const DEFAULT_BACKLOG = 10;
export const DEFAULT_DAILY_HOUR = 18;

/** The words the value may list, for the note of a row that lists something else. */
const ACCEPTED = [EVENT_WORDS.newTicket, EVENT_WORDS.high, EVENT_WORDS.responseBreach, EVENT_WORDS.deadlineBreach, EVENT_WORDS.escalation,
  `${EVENT_WORDS.backlog}${DEFAULT_BACKLOG}`, `${EVENT_WORDS.daily}${DEFAULT_DAILY_HOUR}`].join(SEP);

/** The row's 说明, for the example row a new 配置 is made with. */
export const ROBOT_NOTE = `每行一个群机器人：键填机器人名称（如 销售群），值填“平台：发送内容”，平台为 企业微信、钉钉 或 飞书，内容可选 ${ACCEPTED}（待审核积压后的数字：超过多少份时提醒，每日汇总后的数字：几点发送）。网址和密钥不写在表格里：由所有者在 客户管理 › 群机器人设置 中填写`;

const noEvents = (): RobotEvents => ({ newTicket: false, high: false, responseBreach: false, deadlineBreach: false, escalation: false, backlog: null, dailyHour: null });

function platformOf(word: string): RobotPlatform | null {
  const w = word.toLowerCase();
  for (const [platform, words] of Object.entries(PLATFORM_WORDS) as [RobotPlatform, readonly string[]][]) if (words.includes(w)) return platform;
  return null;
}

type Parsed = { ok: true; platform: RobotPlatform; events: RobotEvents } | { ok: false; failure: Failure };

/** A 通知 value: `平台：内容、内容…` (a colon of either width; the list separated as any 配置 list). */
export function parseRobotValue(value: string): Parsed {
  const v = normaliseText(value);
  const m = /^([^:：]+?)\s*[:：]\s*([\s\S]*)$/.exec(v);
  const platform = platformOf((m ? m[1]! : v).trim());
  if (!platform) return { ok: false, failure: { key: 'robots.config.badPlatform', params: { value: (m ? m[1]! : v).trim().slice(0, 40) } } };
  const words = splitList(m ? m[2]! : '');
  if (words.length === 0) return { ok: false, failure: { key: 'robots.config.noEvents', params: { accepted: ACCEPTED } } };
  const events = noEvents();
  for (const raw of words) {
    const word = raw.replace(/\s+/g, '');
    if (word === EVENT_WORDS.newTicket) events.newTicket = true;
    else if (word === EVENT_WORDS.high || word === '高') events.high = true;
    else if (word === EVENT_WORDS.responseBreach) events.responseBreach = true;
    else if (word === EVENT_WORDS.deadlineBreach) events.deadlineBreach = true;
    else if (word === EVENT_WORDS.escalation) events.escalation = true;
    else if (word.startsWith(EVENT_WORDS.backlog)) {
      const n = /^(?:超过|>)?(\d{1,5})?(?:份|条)?$/.exec(word.slice(EVENT_WORDS.backlog.length));
      const count = n ? (n[1] === undefined ? DEFAULT_BACKLOG : Number(n[1])) : NaN;
      if (!(count >= 1 && count <= 10_000)) return { ok: false, failure: { key: 'robots.config.badBacklog', params: { value: word } } };
      events.backlog = count;
    } else if (word.startsWith(EVENT_WORDS.daily)) {
      const h = /^(\d{1,2})?(?:点|时|:00)?$/.exec(word.slice(EVENT_WORDS.daily.length));
      const hour = h ? (h[1] === undefined ? DEFAULT_DAILY_HOUR : Number(h[1])) : NaN;
      if (!(hour >= 0 && hour <= 23)) return { ok: false, failure: { key: 'robots.config.badDailyHour', params: { value: word } } };
      events.dailyHour = hour;
    } else return { ok: false, failure: { key: 'robots.config.badEvent', params: { value: word.slice(0, 40), accepted: ACCEPTED } } };
  }
  return { ok: true, platform, events };
}

/** A robot's value as the product writes it (the parse of it gives the same robot). */
export function formatRobotValue(r: Pick<RobotSetting, 'platform' | 'events'>): string {
  const e = r.events;
  const words = [
    ...(e.newTicket ? [EVENT_WORDS.newTicket] : []),
    ...(e.high ? [EVENT_WORDS.high] : []),
    ...(e.responseBreach ? [EVENT_WORDS.responseBreach] : []),
    ...(e.deadlineBreach ? [EVENT_WORDS.deadlineBreach] : []),
    ...(e.escalation ? [EVENT_WORDS.escalation] : []),
    ...(e.backlog !== null ? [`${EVENT_WORDS.backlog}${e.backlog}`] : []),
    ...(e.dailyHour !== null ? [`${EVENT_WORDS.daily}${e.dailyHour}`] : []),
  ];
  return `${PLATFORM_NAMES[r.platform]}：${words.join(SEP)}`;
}

/** A robot's name: what the dialog and the queue know it by. Plain text, short, no line break. */
function nameProblem(name: string): Failure | null {
  return name.length > 40 || /[\n\r\t]/.test(name) ? { key: 'robots.config.badName', params: { value: name.slice(0, 40) } } : null;
}

/**
 * Whether owners are mailed their new tickets: 配置 › 邮件 › 负责人通知邮件 是,
 * or 无群机器人时 while no robot of 配置 › 通知 is sent new tickets (then the
 * group hears of each ticket, its owner @-mentioned, and the mail quota is
 * left to customers).
 */
export function ownerMailOn(config: Pick<AppConfig, 'robots' | 'mail'>): boolean {
  return config.mail.ownerAssign === true || (config.mail.ownerAssign === 'unlessRobot' && !config.robots.some((r) => r.events.newTicket));
}

export const ROBOTS = {
  group: ROBOT_GROUP,
  default: (): RobotSetting[] => [],
  rows: (c: AppConfig): ConfigRow[] => c.robots.length === 0
    ? [[ROBOT_GROUP, '', '', ROBOT_NOTE]]
    : c.robots.map((r, i): ConfigRow => [ROBOT_GROUP, r.name, formatRobotValue(r), i === 0 ? ROBOT_NOTE : '平台：发送内容']),
  read(config: AppConfig, sheet: GroupRows, c: Collector): void {
    const rows = sheet(ROBOT_GROUP);
    if (!rows) return;
    config.robots = [];
    for (const r of uniqueRows(ROBOT_GROUP, rows, c)) {
      const bad = nameProblem(r.key);
      if (bad) {
        c.report(r.row, bad);
        continue;
      }
      const parsed = parseRobotValue(r.value);
      if (!parsed.ok) c.report(r.row, parsed.failure);
      else config.robots.push({ name: r.key, platform: parsed.platform, events: parsed.events });
    }
  },
} satisfies ListGroup;
