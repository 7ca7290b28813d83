/**
 * The consent record (PIPL): the Form's consent item follows 配置 (its
 * sentence, and a help text saying where the data is kept, with the privacy
 * notice), every wording is kept as a version, and a filed customer row gets
 * the version, time and channel of its consent.
 */
import { consentHelp, consentRecord } from '../domain/consent';
import type { AppConfig } from '../domain/config';
import { FIELD_LABEL } from '../domain/fields';
import type { ConsentWay } from '../domain/vocabulary';
import { CUSTOMERS } from '../sheets/schema';
import type { RowFor } from '../sheets/table';
import type { RawSubmission } from './intake';
import { sha256Hex } from './platform';
import { consentVersionsIn, recordConsentText } from './store';

type Form = GoogleAppsScript.Forms.Form;

/**
 * Gives the Form's consent checkbox the sentence 配置 holds now and its help
 * text (setup, and an edit of 配置), and records the sentence as the version
 * in force from `now` when it is new. A response ticked on an earlier wording
 * still counts (domain/validate.ts, tickedConsent) and keeps that version.
 */
export function followConsent(form: Form, config: AppConfig, now: Date): void {
  recordConsentText(sha256Hex(config.consentText), now.getTime());
  const item = form.getItems(FormApp.ItemType.CHECKBOX).find((i) => i.getTitle() === FIELD_LABEL.consent);
  if (!item) return;
  const checkbox = item.asCheckboxItem();
  const choices = checkbox.getChoices().map((c) => c.getValue());
  if (choices.length !== 1 || choices[0] !== config.consentText) checkbox.setChoiceValues([config.consentText]);
  checkbox.setHelpText(consentHelp(config.privacyUrl));
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
