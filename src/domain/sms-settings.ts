/**
 * What the owner may store as the SMS provider's key pair, and how the
 * 短信设置 dialog shows it back.
 *
 * The pair is the one 配置 › 短信 › 服务商 names: 阿里云's AccessKey ID and
 * AccessKey Secret, or 腾讯云's SecretId and SecretKey. Each is checked for
 * its provider's shape before it is stored, so a pair pasted into the wrong
 * fields, or the other provider's pair, is refused with a plain reason
 * instead of failing at the first (paid) SMS.
 *
 * The shapes: neither provider publishes a format, so these are the ones
 * public secret scanners recognise them by, which agree with each other and
 * with the providers' own examples —
 * - 阿里云 AccessKey ID: `LTAI` and letters/digits; gitleaks' rule
 *   alibaba-access-key-id is `LTAI[a-zA-Z0-9]{20}` (24 in all, the current
 *   `LTAI5t…` keys), SonarSource's `LTAI[0-9A-Za-z]{12}(?:[0-9A-Za-z]{8})?`
 *   (16 or 24: older keys are shorter). Taken as 12–30 characters in all.
 * - 阿里云 AccessKey Secret: 30 letters/digits (gitleaks alibaba-secret-key).
 * - 腾讯云 SecretId: `AKID` and 32 letters/digits, 36 in all (SonarSource's
 *   tencent-cloud-secret rule; 腾讯云's signature documentation shows it as
 *   `AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******`).
 * - 腾讯云 SecretKey: 32 letters/digits (the same rule; the document's
 *   example `Gu5t9xGARNpq86cd98joQYCN3*******` has 32).
 * Nothing here needed the loose fallback (16–64 printable characters).
 *
 * What was stored is never shown back whole: the ID by its public prefix and
 * last four characters, the secret by its last four.
 */
import type { AppConfig } from './config';
import type { MessageKey } from '../i18n/messages';

export type SmsKeyProvider = 'aliyun' | 'tencent';

interface KeyShapes {
  id: RegExp;
  secret: RegExp;
  /** The ID's public prefix, kept when it is masked. */
  prefix: string;
}

const SHAPES: Readonly<Record<SmsKeyProvider, KeyShapes>> = {
  aliyun: { id: /^LTAI[A-Za-z0-9]{8,26}$/, secret: /^[A-Za-z0-9]{30}$/, prefix: 'LTAI' },
  tencent: { id: /^AKID[A-Za-z0-9]{32}$/, secret: /^[A-Za-z0-9]{32}$/, prefix: 'AKID' },
};

export type SmsInputProblem =
  | { key: Extract<MessageKey, 'sms.input.needBoth'> }
  | { key: Extract<MessageKey, 'sms.input.nothing'> }
  | { key: Extract<MessageKey, 'sms.input.wrongProvider'>; params: { provider: SmsKeyProvider; given: SmsKeyProvider } }
  | { key: Extract<MessageKey, 'sms.input.badAliyunId' | 'sms.input.badAliyunSecret' | 'sms.input.badTencentId' | 'sms.input.badTencentSecret'> };

const BAD: Readonly<Record<SmsKeyProvider, { id: SmsInputProblem; secret: SmsInputProblem }>> = {
  aliyun: { id: { key: 'sms.input.badAliyunId' }, secret: { key: 'sms.input.badAliyunSecret' } },
  tencent: { id: { key: 'sms.input.badTencentId' }, secret: { key: 'sms.input.badTencentSecret' } },
};

const other = (p: SmsKeyProvider): SmsKeyProvider => (p === 'aliyun' ? 'tencent' : 'aliyun');

/** Whose ID this looks like, by its prefix; null when neither's. */
function idOwner(id: string): SmsKeyProvider | null {
  return id.startsWith(SHAPES.aliyun.prefix) ? 'aliyun' : id.startsWith(SHAPES.tencent.prefix) ? 'tencent' : null;
}

export interface SmsKeyInput {
  id: string;
  secret: string;
}

/**
 * The pair to store for `provider`, given what the owner typed (blank: keep
 * what is stored — only a pair stored for this same provider), or the
 * problem. `changed` says which of the two was typed, for 历史.
 */
export function checkSmsInput(
  provider: SmsKeyProvider,
  input: SmsKeyInput,
  stored: { provider: SmsKeyProvider; id: string; secret: string } | null,
): { ok: true; id: string; secret: string; changed: { id: boolean; secret: boolean } } | { ok: false; problem: SmsInputProblem } {
  const typed = { id: input.id.trim(), secret: input.secret.trim() };
  const kept = stored && stored.provider === provider ? stored : null;
  if (typed.id === '' && typed.secret === '') return { ok: false, problem: { key: kept ? 'sms.input.nothing' : 'sms.input.needBoth' } };
  if (!kept && (typed.id === '' || typed.secret === '')) return { ok: false, problem: { key: 'sms.input.needBoth' } };
  const shapes = SHAPES[provider];
  if (typed.id !== '') {
    const owner = idOwner(typed.id);
    if (owner === other(provider)) return { ok: false, problem: { key: 'sms.input.wrongProvider', params: { provider, given: owner } } };
    if (!shapes.id.test(typed.id)) return { ok: false, problem: BAD[provider].id };
  }
  if (typed.secret !== '' && !shapes.secret.test(typed.secret)) {
    // The other provider's secret alone is told apart only by its length: said as a bad secret for this one.
    return { ok: false, problem: BAD[provider].secret };
  }
  return {
    ok: true,
    id: typed.id || kept!.id,
    secret: typed.secret || kept!.secret,
    changed: { id: typed.id !== '', secret: typed.secret !== '' },
  };
}

/** An ID by its public prefix (LTAI / AKID) and last four characters; '' when none. Never the whole value. */
export function maskKeyId(id: string): string {
  if (id === '') return '';
  const prefix = idOwner(id) ? id.slice(0, 4) : '';
  return id.length > 12 ? `${prefix}…${id.slice(-4)}` : `${prefix}…`;
}

/** A secret by its last four characters only (no prefix is public); '' when none. Never the whole value. */
export function maskKeySecret(secret: string): string {
  if (secret === '') return '';
  return secret.length > 12 ? `…${secret.slice(-4)}` : '…';
}

/** What 配置 › 短信 lacks for SMS to go: 签名 always, 应用ID for 腾讯云, and at least one template. */
export type SmsConfigGap = 'signName' | 'appId' | 'template';

export function smsConfigGaps(sms: AppConfig['sms']): SmsConfigGap[] {
  if (sms.provider === 'none') return [];
  const gaps: SmsConfigGap[] = [];
  if (sms.signName === '') gaps.push('signName');
  if (sms.provider === 'tencent' && sms.appId === '') gaps.push('appId');
  if (sms.templates.ack === '' && sms.templates.progress === '' && sms.templates.survey === '') gaps.push('template');
  return gaps;
}

/** A gap that stops every SMS (the target cannot sign without it), as opposed to one that only means none is queued. */
export function blocksSending(gap: SmsConfigGap): boolean {
  return gap !== 'template';
}
