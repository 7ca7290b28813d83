/**
 * What a robot's reply means for the alert: sent (`ok`), try again later
 * (`retry`), wait out the platform's rate limit (`rateLimited`), or stop and
 * tell the admin once (`refused`: wrong key or address, signature, keyword or
 * IP setting, a body the platform will never take).
 *
 * The codes, and where they are documented:
 * 钉钉 (https://open.dingtalk.com/document/group/custom-robot-access)
 *   0 ok · 130101 "send too fast, exceed 20 times per minute" — "每个机器人每分钟最多发送20条消息到群里，
 *   如果超过20条，会限流10分钟" (https://blog.csdn.net/jialiuyang/article/details/118615052,
 *   https://juejin.cn/post/7129698690297495583) · 310000 "sign not match" / "keywords not in content" /
 *   "ip not in whitelist" — one code for the three security settings
 *   (https://github.com/x-cold/dingtalk-robot/issues/7, https://github.com/timonwong/prometheus-webhook-dingtalk/issues/197) ·
 *   300001 / 300005 "token is not exist" (https://github.com/timonwong/prometheus-webhook-dingtalk/issues/91, …/issues/226) ·
 *   -1 系统繁忙 "建议稍候再重试" (钉钉 global codes, as quoted by https://blog.csdn.net/weixin_38171468/article/details/106051120).
 * 企业微信 (https://developer.work.weixin.qq.com/document/path/91770, global codes https://developer.work.weixin.qq.com/document/path/90455)
 *   0 ok · 45009 "api freq out of limit" — "每个机器人发送的消息不能超过20条/分钟" · 93000 "invalid webhook url"
 *   (https://github.com/wes-lin/Cloud189Checkin/issues/175) · 40058 e.g. "markdown.content exceed max length 4096" ·
 *   -1 系统繁忙 "建议稍候重试".
 * 飞书 (https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN)
 *   0 ok · 11232 限流 — "单租户单机器人 100 次/分钟，5 次/秒" · 19021 "sign match fail or timestamp is not
 *   within one hour from current time" · 19022 "Ip Not Allowed" · 19024 "Key Words Not Found" ·
 *   9499 "Bad Request" (body malformed or over 20 KB) (as quoted by https://blog.csdn.net/qq_43108153/article/details/136166075).
 *
 * A well-formed reply with a code none of these documents names is `refused`:
 * the platform said no for a reason we cannot read, so the admin hears of it
 * once instead of it being retried for ever. An HTTP 5xx, a 429, or a reply
 * that is no JSON at all (a gateway page) is transient.
 */
import type { RobotPlatform } from './robot-messages';

export type RobotReplyKind = 'ok' | 'retry' | 'rateLimited' | 'refused';

export interface RobotReply {
  kind: RobotReplyKind;
  /** The platform's code ('0' when sent), or `http <status>` when the reply had none. */
  code: string;
  /** The platform's own message, for the admin. */
  message: string;
  /** For rateLimited: how long the platform holds further messages back. */
  retryAfterMs?: number;
}

/** The documented sending limits, for whoever spaces the alerts out. */
export const ROBOT_RATE_LIMITS: Readonly<Record<RobotPlatform, { perMinute: number; perSecond?: number; throttleMs: number }>> = {
  // 20 a minute; over that, held back 10 minutes.
  dingtalk: { perMinute: 20, throttleMs: 10 * 60_000 },
  // 20 a minute; the window is the minute.
  wecom: { perMinute: 20, throttleMs: 60_000 },
  // 100 a minute and 5 a second per robot.
  feishu: { perMinute: 100, perSecond: 5, throttleMs: 60_000 },
};

const CODES: Readonly<Record<RobotPlatform, Readonly<Record<string, RobotReplyKind>>>> = {
  dingtalk: { '0': 'ok', '130101': 'rateLimited', '310000': 'refused', '300001': 'refused', '300005': 'refused', '-1': 'retry' },
  wecom: { '0': 'ok', '45009': 'rateLimited', '93000': 'refused', '40058': 'refused', '-1': 'retry' },
  feishu: { '0': 'ok', '11232': 'rateLimited', '19021': 'refused', '19022': 'refused', '19024': 'refused', '9499': 'refused' },
};

function parse(body: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(body);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The code and message of a reply: `errcode`/`errmsg` (钉钉, 企业微信), `code`/`msg` or the older `StatusCode`/`StatusMessage` (飞书). */
function codeOf(platform: RobotPlatform, reply: Record<string, unknown>): { code: string; message: string } | null {
  const pick = (c: unknown, m: unknown) =>
    typeof c === 'number' || (typeof c === 'string' && c !== '') ? { code: String(c), message: typeof m === 'string' ? m : '' } : null;
  if (platform === 'feishu') return pick(reply.code, reply.msg) ?? pick(reply.StatusCode, reply.StatusMessage);
  return pick(reply.errcode, reply.errmsg);
}

/** What the reply to a robot request means, from its HTTP status and body text. */
export function classifyRobotReply(platform: RobotPlatform, status: number, body: string): RobotReply {
  const reply = parse(body);
  const found = reply ? codeOf(platform, reply) : null;
  if (found) {
    const kind = CODES[platform][found.code] ?? (status >= 500 ? 'retry' : 'refused');
    return kind === 'rateLimited' ? { kind, ...found, retryAfterMs: ROBOT_RATE_LIMITS[platform].throttleMs } : { kind, ...found };
  }
  const code = `http ${status}`;
  const message = body.slice(0, 200);
  if (status === 429) return { kind: 'rateLimited', code, message, retryAfterMs: ROBOT_RATE_LIMITS[platform].throttleMs };
  if (status >= 500 || (status >= 200 && status < 300) || status === 0) return { kind: 'retry', code, message };
  return { kind: 'refused', code, message };
}
