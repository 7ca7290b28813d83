/**
 * The consent record (PIPL): every wording of 表单 › 同意声明 is kept as a
 * version, and a filed customer row gets
 * the version, time and channel of its consent.
 */
import { consentRecord } from '../domain/consent';
import type { AppConfig } from '../domain/config';
import type { ConsentWay } from '../domain/vocabulary';
import { CUSTOMERS } from '../sheets/schema';
import type { RowFor } from '../sheets/table';
import type { RawSubmission } from './intake';
import { sha256Hex } from './platform';
import { consentVersionsIn, recordConsentText } from './store';

/**
 * Records the sentence 配置 holds now as the version in force from `now` when
 * it is new (setup, and an edit of 配置; the Form's checkbox follows it with
 * the rest of the Form, form-sync.ts). A response ticked on an earlier wording
 * still counts (domain/validate.ts, tickedConsent) and keeps that version.
 */
export function recordConsent(config: AppConfig, now: Date): void {
  recordConsentText(sha256Hex(config.consentText), now.getTime());
}

/** How a reviewer recorded the consent of a submission that came without it. */
export interface RecordedConsent {
  way: ConsentWay;
  at: Date;
}

/**
 * The consent columns of a filed customer row, from the script properties
 * intake has read already (no call of its own): a returning customer's row
 * takes the newer record.
 */
export function consentColumns(raw: RawSubmission, properties: Readonly<Record<string, string>>): RowFor<typeof CUSTOMERS> {
  const recorded = raw.consent && { way: raw.consent.way, atMs: raw.consent.at.getTime() };
  const r = consentRecord(consentVersionsIn(properties), raw.channel, raw.receivedAt.getTime(), recorded);
  return { [CUSTOMERS.col.consentVersion]: r.version, [CUSTOMERS.col.consentAt]: new Date(r.atMs), [CUSTOMERS.col.consentChannel]: r.channel };
}
