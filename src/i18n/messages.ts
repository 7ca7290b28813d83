/**
 * The add-on's message catalogue: every user-facing sentence, zh-CN and en.
 * Placeholders are `{name}`; a translator requires exactly the parameters a
 * message names. Field labels live with the fields (src/domain/fields.ts).
 */

import * as admin from './catalog/admin';
import * as consent from './catalog/consent';
import * as core from './catalog/core';
import * as customerChanges from './catalog/customer-changes';
import * as customerMerge from './catalog/customer-merge';
import * as entryTimes from './catalog/entry-times';
import * as followup from './catalog/followup';
import * as formTools from './catalog/form-tools';
import * as formToolIntake from './catalog/form-tool-intake';
import * as ownerRights from './catalog/owner-rights';
import * as personalRequests from './catalog/personal-requests';
import * as personalRequestsDialog from './catalog/personal-requests-dialog';
import * as quarterlyReview from './catalog/quarterly-review';
import * as reach from './catalog/reach';
import * as reports from './catalog/reports';
import * as robots from './catalog/robots';
import * as sealedInputs from './catalog/sealed-inputs';
import * as sms from './catalog/sms';
import * as selfCheck from './catalog/self-check';
import * as ui from './catalog/ui';

export type Locale = 'zh-CN' | 'en';

// Each area keeps its messages in a file of its own under catalog/ (zh and
// en with the same keys); here they become one catalogue.
const zhCN = {
  ...core.zh,
  ...reports.zh,
  ...followup.zh,
  ...ui.zh,
  ...selfCheck.zh,
  ...admin.zh,
  ...sealedInputs.zh,
  ...customerChanges.zh,
  ...customerMerge.zh,
  ...ownerRights.zh,
  ...personalRequests.zh,
  ...consent.zh,
  ...personalRequestsDialog.zh,
  ...quarterlyReview.zh,
  ...entryTimes.zh,
  ...reach.zh,
  ...robots.zh,
  ...sms.zh,
  ...formTools.zh,
  ...formToolIntake.zh,
} as const;

export type MessageKey = keyof typeof zhCN;

const en: { readonly [K in MessageKey]: string } = {
  ...core.en,
  ...reports.en,
  ...followup.en,
  ...ui.en,
  ...selfCheck.en,
  ...admin.en,
  ...sealedInputs.en,
  ...customerChanges.en,
  ...customerMerge.en,
  ...ownerRights.en,
  ...personalRequests.en,
  ...consent.en,
  ...personalRequestsDialog.en,
  ...quarterlyReview.en,
  ...entryTimes.en,
  ...reach.en,
  ...robots.en,
  ...sms.en,
  ...formTools.en,
  ...formToolIntake.en,
};

export const MESSAGES: { readonly [L in Locale]: { readonly [K in MessageKey]: string } } = { 'zh-CN': zhCN, en };

/** The placeholder names of a message text. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof zhCN)[K]>, string | number>;

export type ParamArgs<K extends MessageKey> = [Placeholders<(typeof zhCN)[K]>] extends [never]
  ? [params?: Record<string, never>]
  : [params: MessageParams<K>];

/** A message in one locale: the key and exactly the parameters its text names. */
export type Translate = <K extends MessageKey>(key: K, ...args: ParamArgs<K>) => string;

/**
 * The messages of one locale. There is no default locale: whoever renders
 * text names the locale it renders in (the Config's 通用 / 语言, carried by
 * the execution's AppContext), so a forgotten locale is a compile error.
 */
export function translator(locale: Locale): Translate {
  return (key, ...args) => format(key, args[0] ?? {}, locale);
}

/** A message for a key chosen at run time: placeholders without a parameter stay as written. */
export function format(key: MessageKey, params: Readonly<Record<string, string | number>>, locale: Locale): string {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The list separator of a locale, for lists inside messages. */
export function listSeparator(locale: Locale): string {
  return locale === 'en' ? ', ' : '、';
}
