/**
 * The consent record (PIPL): which wording of 表单 / 同意声明 a customer
 * agreed to, when, and how. Each wording is a version (V1, V2, …) kept with
 * its text's digest and since when it is in force; a customer row records the
 * version in force when the customer consented, so a later change of the
 * sentence never rewrites what an earlier customer agreed to.
 */
import { FIELDS } from './fields';
import type { Channel, ConsentWay } from './vocabulary';

export interface ConsentVersion {
  /** V1, V2, …: what 客户.同意版本 holds. */
  id: string;
  /** SHA-256 (hex) of the sentence: the same wording is the same version. */
  hash: string;
  /** Since when this wording is in force (ms). */
  sinceMs: number;
}

const VERSION_ID = /^V(\d+)$/;

/** The stored version history (JSON); anything unreadable in it is left out, never thrown. */
export function parseConsentVersions(stored: string | undefined): ConsentVersion[] {
  if (!stored) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((v): v is ConsentVersion => {
      const c = v as Partial<ConsentVersion> | null;
      return !!c && typeof c.id === 'string' && VERSION_ID.test(c.id) && typeof c.hash === 'string' && typeof c.sinceMs === 'number';
    })
    .sort((a, b) => a.sinceMs - b.sinceMs);
}

/**
 * The history with the sentence of digest `hash` in force from `nowMs`, or
 * null when it is the latest version already (nothing to store). A wording
 * that comes back after another gets a new version: what matters is the
 * order in which customers saw them.
 */
export function withConsentText(versions: readonly ConsentVersion[], hash: string, nowMs: number): ConsentVersion[] | null {
  const latest = versions[versions.length - 1];
  if (latest && latest.hash === hash) return null;
  const highest = versions.reduce((n, v) => Math.max(n, Number(VERSION_ID.exec(v.id)![1])), 0);
  return [...versions, { id: `V${highest + 1}`, hash, sinceMs: Math.max(nowMs, latest ? latest.sinceMs : nowMs) }];
}

/** The version in force at `atMs`: the latest one since then; before the first recorded, the first. */
export function consentVersionAt(versions: readonly ConsentVersion[], atMs: number): string {
  let id = versions[0]?.id ?? 'V1';
  for (const v of versions) if (v.sinceMs <= atMs) id = v.id;
  return id;
}

export interface ConsentRecord {
  version: string;
  atMs: number;
  channel: Channel | ConsentWay;
}

/**
 * What a filed submission records: consent given with the submission (the
 * Form's box, the sidebar's, an import's or a webhook's yes) is the channel's,
 * at the time received; consent a reviewer recorded afterwards is that way's,
 * at the time it was recorded, under the wording in force then.
 */
export function consentRecord(versions: readonly ConsentVersion[], channel: Channel, receivedMs: number, recorded?: { way: ConsentWay; atMs: number }): ConsentRecord {
  const atMs = recorded ? recorded.atMs : receivedMs;
  return { version: consentVersionAt(versions, atMs), atMs, channel: recorded ? recorded.way : channel };
}

const CONSENT_HELP = FIELDS.find((f) => f.key === 'consent')!.help;

/**
 * The help text of the Form's consent item (fixed zh-CN, like every Form
 * text): where the data is kept, and the company's privacy notice when 配置
 * names one.
 */
export function consentHelp(privacyUrl: string): string {
  const where = '您填写的信息保存在 Google 的服务器上（可能位于中国大陆境外）。';
  return `${CONSENT_HELP}。${where}${privacyUrl ? `隐私政策：${privacyUrl}` : ''}`;
}
