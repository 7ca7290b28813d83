/**
 * What the owner may store for a robot, and how the dialog shows it back.
 *
 * The webhook address must be the platform's own (robot-requests.ts's
 * allow-list) and the platform 配置 › 通知 names for the robot: an address
 * for another platform, or any other host, is refused before it is stored,
 * so a mistyped or planted address never receives an alert. A secret is
 * asked only where the platform signs: 钉钉's 加签 secret is the string the
 * robot's security settings show, starting with SEC ("密钥指的是机器人安全
 * 设置页面，加签一栏下面显示的SEC开头的字符串"); 飞书's 签名校验 key is the one its
 * settings give; 企业微信 group robots have none. What was stored is never shown
 * back whole: the address's token and the secret only by their ends.
 */
import type { MessageKey } from '../i18n/messages';
import type { RobotPlatform } from './robot-messages';
import { robotPlatformOf } from './robot-requests';

export type RobotInputProblem =
  | { key: Extract<MessageKey, 'robots.input.badUrl'> }
  | { key: Extract<MessageKey, 'robots.input.wrongPlatform'>; params: { platform: RobotPlatform; given: RobotPlatform } }
  | { key: Extract<MessageKey, 'robots.input.noSecret'> }
  | { key: Extract<MessageKey, 'robots.input.badSecret'> };

/** Secret shapes: 钉钉's SEC plus hex-like characters; 飞书's key letters and digits. Generous lengths, no spaces. */
const SECRETS: Readonly<Record<RobotPlatform, RegExp | null>> = {
  dingtalk: /^SEC[A-Za-z0-9]{16,128}$/,
  feishu: /^[A-Za-z0-9]{8,128}$/,
  wecom: null,
};

/**
 * The address and secret to store for a robot of `platform`, given what the
 * owner typed (blank: keep what is stored, `stored`), or the problem.
 */
export function checkRobotInput(
  platform: RobotPlatform,
  input: { url: string; secret: string },
  stored: { url: string; secret: string } | null,
): { ok: true; url: string; secret: string } | { ok: false; problem: RobotInputProblem } {
  const url = input.url.trim() || stored?.url || '';
  const secret = input.secret.trim() || (input.url.trim() && !stored ? '' : stored?.secret ?? '');
  const given = robotPlatformOf(url);
  if (!given) return { ok: false, problem: { key: 'robots.input.badUrl' } };
  if (given !== platform) return { ok: false, problem: { key: 'robots.input.wrongPlatform', params: { platform, given } } };
  const shape = SECRETS[platform];
  if (!shape && input.secret.trim() !== '') return { ok: false, problem: { key: 'robots.input.noSecret' } };
  if (shape && secret !== '' && !shape.test(secret)) return { ok: false, problem: { key: 'robots.input.badSecret' } };
  return { ok: true, url, secret: shape ? secret : '' };
}

/** The address with its key or token shown by its first and last four characters only. */
export function maskUrl(url: string): string {
  return url.replace(/(access_token=|key=|\/hook\/)([A-Za-z0-9_-]+)$/, (_, name: string, token: string) =>
    `${name}${token.length > 8 ? `${token.slice(0, 4)}…${token.slice(-4)}` : '…'}`);
}

/** A secret by its last four characters (SEC… keeps its public prefix); '' when none. */
export function maskSecret(secret: string): string {
  if (secret === '') return '';
  const prefix = secret.startsWith('SEC') ? 'SEC' : '';
  return secret.length > 12 ? `${prefix}…${secret.slice(-4)}` : `${prefix}…`;
}
