/**
 * The signatures of the team-chat robots' 加签 / 签名校验 security setting.
 *
 * 钉钉 (DingTalk custom robot, https://open.dingtalk.com/document/group/custom-robot-access, whose
 * 加签 section was read offline as quoted by https://apifox.com/apidoc/docs-site/467052/doc-3550006):
 *   "把timestamp+"\n"+密钥当做签名字符串，使用HmacSHA256算法计算签名，然后进行Base64 encode，
 *    最后再把签名参数再进行urlEncode，得到最终的签名（需要使用UTF-8字符集）"; the key is the
 *   secret (the doc's Java: `new SecretKeySpec(secret.getBytes("UTF-8"), "HmacSHA256")`);
 *   timestamp is "当前时间戳，单位是毫秒，与请求调用时间误差不能超过1小时"; both go in the URL:
 *   `…/robot/send?access_token=XXXXXX&timestamp=XXX&sign=XXX`.
 * 飞书 (Feishu custom bot, "自定义机器人使用指南", https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN):
 *   "把 timestamp + "\n" + 密钥 当做签名字符串，使用 HmacSHA256 算法计算签名，再进行 Base64 编码";
 *   the doc's code makes that string the HMAC KEY and signs an empty message
 *   (`hmac.new(key_enc, msg_enc="")`), timestamp "距当前时间不超过 1 小时（3600 秒）… 时间单位：s";
 *   `timestamp` and `sign` go in the JSON body.
 * 企业微信 group robots have no signature: the key is in the webhook URL.
 *
 * Neither document publishes a sample timestamp and secret with the signature
 * they give, so there is no vendor vector to test against; the tests check
 * these against Node's crypto as an independent implementation of each
 * document's own code.
 */
import { hmacBase64, type SigningPrimitives } from './signing-primitives';

/** 钉钉 refuses a timestamp more than an hour from its clock ("误差不能超过1小时"). */
export const DINGTALK_TIMESTAMP_TOLERANCE_MS = 60 * 60 * 1000;
/** 飞书 refuses a timestamp more than 3600 s from its clock, answering 19021. */
export const FEISHU_TIMESTAMP_TOLERANCE_S = 3600;

function wholeNumber(n: number, what: string): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${what} must be a time`);
  return Math.floor(n);
}

/** 钉钉's sign before URL-encoding: Base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret)). */
export function dingtalkSignature(p: SigningPrimitives, secret: string, timestampMs: number): string {
  const ts = wholeNumber(timestampMs, 'The timestamp');
  return hmacBase64(p, `${ts}\n${secret}`, secret);
}

/**
 * The webhook address with `&timestamp=…&sign=…` appended, the sign URL-encoded
 * (Base64's `+ / =` become %2B %2F %3D, as the doc's `urllib.parse.quote_plus`).
 */
export function dingtalkSignedUrl(p: SigningPrimitives, webhookUrl: string, secret: string, nowMs: number): string {
  const ts = wholeNumber(nowMs, 'The timestamp');
  const sign = encodeURIComponent(dingtalkSignature(p, secret, ts));
  return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${sign}`;
}

/** 飞书's sign: Base64(HmacSHA256(key = timestamp + "\n" + secret, msg = "")), timestamp in SECONDS. */
export function feishuSignature(p: SigningPrimitives, secret: string, timestampSec: number): string {
  const ts = wholeNumber(timestampSec, 'The timestamp');
  return hmacBase64(p, '', `${ts}\n${secret}`);
}

/** The two fields 飞书 reads from the body of a signed request; the timestamp is a string of seconds, as the doc's body shows. */
export function feishuSignFields(p: SigningPrimitives, secret: string, nowMs: number): { timestamp: string; sign: string } {
  const ts = Math.floor(wholeNumber(nowMs, 'The timestamp') / 1000);
  return { timestamp: String(ts), sign: feishuSignature(p, secret, ts) };
}
