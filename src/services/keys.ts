/**
 * The two secrets of the add-on, kept in script properties of the project
 * (see README: in a published add-on, editors of the spreadsheet cannot
 * read them): the field-encryption key and the blind-index key.
 */
import { UserError } from '../i18n/user-error';
import { fromBase64, openField, sealField, toBase64, utf8Decode, utf8Encode } from '../domain/crypto';
import { SHEET } from '../sheets/schema';
import { alertAdmin } from './admin-alert';
import { configLocale } from './context';
import { hmacHex, randomBytes } from './platform';
import { PROP } from './store';

const SEALED_PREFIX = 'enc:v1:';
/** The start of a match-index cell: a token of matchTokens. */
const MATCH_TOKEN = '^[ime]:[0-9a-f]{32}';

export interface Keys {
  field: Uint8Array;
  index: Uint8Array;
}

/** Creates the keys once (setup); never replaces existing ones. Returns the properties to store. */
export function newKeyProperties(existing: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existing[PROP.fieldKey]) out[PROP.fieldKey] = toBase64(randomBytes(32));
  if (!existing[PROP.indexKey]) out[PROP.indexKey] = toBase64(randomBytes(32));
  return out;
}

/**
 * The keys, or a plain refusal. Before setup staff are told to run it. After
 * setup missing keys are lost keys: nothing is filed (new keys would leave
 * the encrypted data unreadable and returning customers unrecognised), and the
 * admin is mailed to restore the backup (README, 密钥备份与恢复).
 */
export function keysFrom(props: Record<string, string>): Keys {
  const field = props[PROP.fieldKey];
  const index = props[PROP.indexKey];
  if (!field || !index) {
    if (props[PROP.setupDone] === undefined) throw new UserError('menu.needsSetup');
    alertAdmin('keysLost', configLocale());
    throw new UserError('keys.lost');
  }
  return { field: fromBase64(field), index: fromBase64(index) };
}

/** Whether both keys are there (自检). */
export function hasKeys(props: Record<string, string>): boolean {
  return Boolean(props[PROP.fieldKey] && props[PROP.indexKey]);
}

/**
 * A short fingerprint of each key (HMAC of a fixed label under it): 自检 shows
 * it, so an admin can tell a restored backup from a different key without the
 * key itself ever being displayed.
 */
export function keyFingerprints(props: Record<string, string>): { field: string; index: string } {
  const print = (key: string | undefined) => (key ? hmacHex('key-fingerprint', fromBase64(key)).slice(0, 8) : '—');
  return { field: print(props[PROP.fieldKey]), index: print(props[PROP.indexKey]) };
}

/**
 * Whether the workbook holds data only the current keys can read or match:
 * sealed cells in 客户 or 待审核 (its raw data may hold sealed values), or
 * match indexes in 客户. New keys would make all of it useless.
 */
export function hasEncryptedData(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): boolean {
  const found = (name: string, pattern: string, regex: boolean) => {
    const sheet = ss.getSheetByName(name);
    return sheet !== null && sheet.createTextFinder(pattern).useRegularExpression(regex).findNext() !== null;
  };
  return found(SHEET.customers, SEALED_PREFIX, false) || found(SHEET.review, SEALED_PREFIX, false) || found(SHEET.customers, MATCH_TOKEN, true);
}

export function seal(plain: string, keys: Keys): string {
  return SEALED_PREFIX + toBase64(sealField(utf8Encode(plain), keys.field, randomBytes(12)));
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

export function unseal(sealed: string, keys: Keys): string {
  return utf8Decode(openField(fromBase64(sealed.slice(SEALED_PREFIX.length)), keys.field));
}

/** The blind-index tokens of a customer: HMAC of each normalised identifier, never the plain value. */
export function matchTokens(ids: { mobile?: string; email?: string; id_number?: string }, keys: Keys): string[] {
  const tokens: string[] = [];
  if (ids.id_number) tokens.push('i:' + hmacHex('id:' + ids.id_number, keys.index).slice(0, 32));
  if (ids.mobile) tokens.push('m:' + hmacHex('mobile:' + ids.mobile, keys.index).slice(0, 32));
  if (ids.email) tokens.push('e:' + hmacHex('email:' + ids.email, keys.index).slice(0, 32));
  return tokens;
}
