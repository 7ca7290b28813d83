/**
 * The HTTP request that posts an alert to a team-chat robot: the webhook
 * address (signed for 钉钉), the JSON body (signed for 飞书) and its type, for
 * the caller to hand to UrlFetchApp.
 *
 * Only the platforms' own webhook addresses are accepted (the forms their
 * documents give: `https://oapi.dingtalk.com/robot/send?access_token=XXXXXX`,
 * `https://open.feishu.cn/open-apis/bot/v2/hook/xxxxxxxxxxxxxxxxx`,
 * `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`; Lark's open.larksuite.com
 * beside 飞书's), so a mistyped or planted address in 配置 never receives an
 * alert about a customer.
 */
import type { Locale } from '../i18n/messages';
import { robotMessage, type RobotAlert, type RobotMessage, type RobotPlatform } from './robot-messages';
import { dingtalkSignedUrl, feishuSignFields } from './robot-signing';
import type { SigningPrimitives } from './signing-primitives';

const WEBHOOKS: Readonly<Record<RobotPlatform, RegExp>> = {
  dingtalk: /^https:\/\/oapi\.dingtalk\.com\/robot\/send\?access_token=[A-Za-z0-9_-]{8,128}$/,
  feishu: /^https:\/\/open\.(?:feishu\.cn|larksuite\.com)\/open-apis\/bot\/v2\/hook\/[A-Za-z0-9-]{8,128}$/,
  wecom: /^https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=[A-Za-z0-9-]{8,128}$/,
};

/** The platform whose webhook address this is, or null for any other address. */
export function robotPlatformOf(webhookUrl: string): RobotPlatform | null {
  const url = webhookUrl.trim();
  for (const platform of Object.keys(WEBHOOKS) as RobotPlatform[]) if (WEBHOOKS[platform].test(url)) return platform;
  return null;
}

export interface RobotTarget {
  webhookUrl: string;
  /** The 加签 secret (钉钉, `SEC…`) or 签名校验 key (飞书); 企业微信 has none. */
  secret?: string;
}

export interface RobotRequest {
  url: string;
  contentType: 'application/json; charset=utf-8';
  payload: string;
  message: RobotMessage;
}

/** The request posting `alert` to `target` at `nowMs`; throws when the address is no robot webhook. */
export function robotRequest(
  target: RobotTarget,
  alert: RobotAlert,
  opts: { locale: Locale; nowMs: number; primitives: SigningPrimitives },
): RobotRequest {
  const webhookUrl = target.webhookUrl.trim();
  const platform = robotPlatformOf(webhookUrl);
  if (!platform) throw new RangeError('Not a 钉钉, 飞书 or 企业微信 robot webhook address');
  const secret = target.secret?.trim() ?? '';
  const signed = secret !== '' && platform !== 'wecom';
  const extra = signed && platform === 'feishu' ? feishuSignFields(opts.primitives, secret, opts.nowMs) : {};
  const message = robotMessage(platform, alert, opts.locale, extra);
  const url = signed && platform === 'dingtalk' ? dingtalkSignedUrl(opts.primitives, webhookUrl, secret, opts.nowMs) : webhookUrl;
  return { url, contentType: 'application/json; charset=utf-8', payload: JSON.stringify(message.body), message };
}
