/**
 * The alert a team-chat robot posts, one body per platform: a title, lines of
 * text, a link to the ticket's row and @-mentions of the people to notify.
 *
 * Nothing a customer types is evaluated. Every title and line goes through
 * `inertText`, which leaves no character any of the three dialects reads as
 * markup — no markdown link or image, no `<@userid>` (企业微信), `<at …>`
 * (飞书), `@mobile` (钉钉), HTML tag or entity, no line break that could start
 * a heading, list or quote, no scheme or host a client would auto-link — by
 * swapping the ASCII character for its full-width twin, which reads the same.
 * Only the link and the mentions the caller passes apart are live, and they
 * are checked: an https URL without characters that end a markdown link,
 * mobiles of the mainland 1xxxxxxxxxx form, user ids of letters, digits, `_ - .`.
 * Nobody is ever @all-ed by an automatic alert.
 *
 * Sizes, as each platform documents them; the lines are cut (title, link and
 * mentions are kept) with the catalogue's `reach.truncated` mark:
 * - 企业微信 (群机器人配置说明, https://developer.work.weixin.qq.com/document/path/91770; the text read
 *   offline as quoted by https://cnblogs.com/tiandi/p/17768525.html and https://github.com/ymlluo/group-robot):
 *   markdown.content "最长不超过4096个字节", text.content "最长不超过2048个字节，必须是utf8编码";
 *   a longer one is refused with errcode 40058 "markdown.content exceed max length 4096"
 *   (https://www.Github.com/RayWangQvQ/BiliBiliToolPro/issues/702). Markdown takes `<@userid>` mentions,
 *   mobiles only `mentioned_mobile_list` of a text message — so an alert that @s a mobile is a text message.
 * - 钉钉 (https://open.dingtalk.com/document/group/custom-robot-access): the robot page states no size;
 *   its global error code 34016 checks "markdown字段长度是否超过5000, title字段长度是否超过64"
 *   (as quoted by https://blog.csdn.net/weixin_40514790/article/details/104249446), the nearest
 *   documented figure, counted here in UTF-8 bytes, the stricter reading. An @ needs the mobile or
 *   user id in `at` AND "@138…" in the text ("在content里添加@人的手机号").
 * - 飞书 (https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN): "发送消息时，请求体的
 *   数据大小不能超过 20 KB", taken as 20,000 bytes; a rich-text (post) message, whose text elements
 *   are plain text and whose mentions are `{"tag":"at","user_id":…}` elements (the post structure of
 *   https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/im-v1/message/create_json). 飞书 mentions by
 *   user id only: mobiles are dropped.
 */
import { translator, type Locale } from '../i18n/messages';
import { fitText, utf8Length } from './text-fit';

export type RobotPlatform = 'dingtalk' | 'feishu' | 'wecom';

export interface RobotAlert {
  /** The heading; may quote a customer, so it is made inert like the lines. */
  title: string;
  /** One line each; customer text is welcome here and is made inert. */
  lines: readonly string[];
  /** The one live link: the ticket's row (domain/sheet-link.ts). */
  link?: { label: string; url: string } | null;
  /** Whom to @: from 配置, never from a customer. */
  mentions?: { mobiles?: readonly string[]; userIds?: readonly string[] };
}

export interface RobotMessage {
  platform: RobotPlatform;
  /** The JSON body (signature fields included when they were given). */
  body: Record<string, unknown>;
  /** Whether the lines were cut to the platform's size. */
  truncated: boolean;
  /** Mentions the platform cannot express or that are malformed, for the admin to fix. */
  droppedMentions: string[];
  /** Whether the link was left out because it was no plain https URL. */
  linkDropped: boolean;
}

export const WECOM_MARKDOWN_MAX_BYTES = 4096;
export const WECOM_TEXT_MAX_BYTES = 2048;
export const DINGTALK_MARKDOWN_MAX_BYTES = 5000;
export const DINGTALK_TITLE_MAX_CHARS = 64;
export const FEISHU_BODY_MAX_BYTES = 20_000;

const FULL_WIDTH: Readonly<Record<string, string>> = {
  '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '@': '＠', '*': '＊', '_': '＿',
  '`': '｀', '#': '＃', '!': '！', '~': '～', '|': '｜', '\\': '＼', '&': '＆', '{': '｛', '}': '｝', '$': '＄',
};

/**
 * Text that no robot renders as markup: one line (line breaks and control
 * characters become spaces, bidi controls go), markup characters full-width,
 * `://` and the dot of a host name (`evil.com`) broken so nothing auto-links.
 * Decimal numbers, Chinese text, mobiles and ticket numbers read as typed.
 */
export function inertText(s: string): string {
  return oneLine(s.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''))
    .replace(/[[\]()<>@*_`#!~|\\&{}$]/g, (ch) => FULL_WIDTH[ch]!)
    .replace(/:\/\//g, '：//')
    .replace(/([A-Za-z0-9])\.(?=[A-Za-z])/g, '$1．');
}

/** Control characters and line separators (C0, DEL, NEL, U+2028/9) as spaces, a run of them as one. */
function oneLine(s: string): string {
  let out = '';
  let gap = false;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const control = c < 0x20 || c === 0x7f || c === 0x85 || c === 0x2028 || c === 0x2029;
    if (control) {
      if (!gap) out += ' ';
      gap = true;
    } else {
      out += ch;
      gap = false;
    }
  }
  return out;
}

const MOBILE = /^1[3-9]\d{9}$/;
const USER_ID = /^[A-Za-z0-9_.-]{1,64}$/;
// An https URL of RFC 3986 characters, less those that end a markdown link or a quoted attribute.
const LINK_URL = /^https:\/\/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]{1,2000}$/;

interface Mentions {
  mobiles: string[];
  userIds: string[];
  dropped: string[];
}

function checkedMentions(alert: RobotAlert, mobilesAllowed: boolean): Mentions {
  const m: Mentions = { mobiles: [], userIds: [], dropped: [] };
  for (const raw of alert.mentions?.mobiles ?? []) {
    const mobile = raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
    if (mobilesAllowed && MOBILE.test(mobile)) {
      if (!m.mobiles.includes(mobile)) m.mobiles.push(mobile);
    } else m.dropped.push(raw);
  }
  for (const id of alert.mentions?.userIds ?? []) {
    if (USER_ID.test(id) && id.toLowerCase() !== 'all' && id !== '@all') {
      if (!m.userIds.includes(id)) m.userIds.push(id);
    } else m.dropped.push(id);
  }
  return m;
}

function checkedLink(alert: RobotAlert): { label: string; url: string } | null {
  const link = alert.link;
  if (!link || !LINK_URL.test(link.url)) return null;
  return { label: inertText(link.label) || link.url, url: link.url };
}

/** The lines, inert, one per line of the joined text (inert text holds no line break). */
function inertLines(alert: RobotAlert): string {
  return alert.lines.map(inertText).filter((l) => l.trim() !== '').join('\n');
}

const bullet = (l: string) => `· ${l}`;

function dingtalk(alert: RobotAlert, marker: string): RobotMessage {
  const m = checkedMentions(alert, true);
  const link = checkedLink(alert);
  const title = fitText(inertText(alert.title), (s) => Array.from(s).length <= DINGTALK_TITLE_MAX_CHARS, '…');
  const tail = [
    ...(link ? [`[${link.label}](${link.url})`] : []),
    ...(m.mobiles.length + m.userIds.length > 0 ? [[...m.mobiles, ...m.userIds].map((x) => `@${x}`).join(' ')] : []),
  ];
  const text = (lines: string) => [`#### ${title}`, ...(lines ? lines.split('\n').map(bullet) : []), ...tail].join('\n\n');
  const all = inertLines(alert);
  const lines = fitText(all, (s) => utf8Length(text(s)) <= DINGTALK_MARKDOWN_MAX_BYTES, marker);
  return {
    platform: 'dingtalk',
    body: {
      msgtype: 'markdown',
      markdown: { title, text: text(lines) },
      at: { atMobiles: m.mobiles, atUserIds: m.userIds, isAtAll: false },
    },
    truncated: lines !== all,
    droppedMentions: m.dropped,
    linkDropped: Boolean(alert.link) && !link,
  };
}

function wecom(alert: RobotAlert, marker: string): RobotMessage {
  const m = checkedMentions(alert, true);
  const link = checkedLink(alert);
  const title = inertText(alert.title);
  const all = inertLines(alert);
  const linkDropped = Boolean(alert.link) && !link;
  if (m.mobiles.length > 0) {
    // Only a text message can @ by mobile; its link is the bare URL, which the client links.
    const content = (lines: string) => [title, ...(lines ? lines.split('\n').map(bullet) : []), ...(link ? [link.url] : [])].join('\n');
    const lines = fitText(all, (s) => utf8Length(content(s)) <= WECOM_TEXT_MAX_BYTES, marker);
    const text: Record<string, unknown> = { content: content(lines), mentioned_mobile_list: m.mobiles };
    if (m.userIds.length > 0) text.mentioned_list = m.userIds;
    return { platform: 'wecom', body: { msgtype: 'text', text }, truncated: lines !== all, droppedMentions: m.dropped, linkDropped };
  }
  const tail = [...(link ? [`[${link.label}](${link.url})`] : []), ...(m.userIds.length > 0 ? [m.userIds.map((id) => `<@${id}>`).join(' ')] : [])];
  const content = (lines: string) => [`**${title}**`, ...(lines ? lines.split('\n').map(bullet) : []), ...tail].join('\n');
  const lines = fitText(all, (s) => utf8Length(content(s)) <= WECOM_MARKDOWN_MAX_BYTES, marker);
  return {
    platform: 'wecom',
    body: { msgtype: 'markdown', markdown: { content: content(lines) } },
    truncated: lines !== all,
    droppedMentions: m.dropped,
    linkDropped,
  };
}

function feishu(alert: RobotAlert, marker: string, locale: Locale, extraFields: Readonly<Record<string, string>>): RobotMessage {
  const m = checkedMentions(alert, false);
  const link = checkedLink(alert);
  const title = inertText(alert.title);
  const body = (lines: string): Record<string, unknown> => {
    const content: unknown[][] = (lines ? lines.split('\n') : []).map((l) => [{ tag: 'text', text: l }]);
    if (link) content.push([{ tag: 'a', text: link.label, href: link.url }]);
    if (m.userIds.length > 0) content.push(m.userIds.map((id) => ({ tag: 'at', user_id: id })));
    return { ...extraFields, msg_type: 'post', content: { post: { [locale === 'en' ? 'en_us' : 'zh_cn']: { title, content } } } };
  };
  const all = inertLines(alert);
  const lines = fitText(all, (s) => utf8Length(JSON.stringify(body(s))) <= FEISHU_BODY_MAX_BYTES, marker);
  return { platform: 'feishu', body: body(lines), truncated: lines !== all, droppedMentions: m.dropped, linkDropped: Boolean(alert.link) && !link };
}

/**
 * The body of `alert` for `platform`, in the workbook's language (only the
 * truncation mark is ours). `extraFields` are top-level fields the body must
 * carry and that count towards its size: 飞书's `timestamp` and `sign`.
 */
export function robotMessage(
  platform: RobotPlatform,
  alert: RobotAlert,
  locale: Locale,
  extraFields: Readonly<Record<string, string>> = {},
): RobotMessage {
  const marker = translator(locale)('reach.truncated');
  if (platform === 'dingtalk') return dingtalk(alert, marker);
  if (platform === 'wecom') return wecom(alert, marker);
  return feishu(alert, marker, locale, extraFields);
}
