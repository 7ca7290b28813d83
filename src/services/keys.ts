/**
 * The two secrets of the add-on, kept in script properties of the project
 * (see README: in a published add-on, editors of the spreadsheet cannot
 * read them): the field-encryption key and the blind-index key.
 */
import { UserError } from '../i18n/user-error';
import { FieldCryptoError, fromBase64, openField, placeData, sealField, toBase64, utf8Decode, utf8Encode } from '../domain/crypto';
import { FIELD_LABEL, type FieldKey } from '../domain/fields';
import { INTERNAL, SHEET } from '../sheets/schema';
import { alertAdmin } from './admin-alert';
import { configLocale } from './context';
import { hmacHex, randomBytes } from './platform';
import { PROP } from './store';

/** Sealed by earlier versions, bound to no place: still opened, sealed again as v2 when their record is next written. */
const UNBOUND_PREFIX = 'enc:v1:';
/** Bound to its place (associated data): opens only in the row and field it was sealed for. */
const BOUND_PREFIX = 'enc:v2:';
const SEALED_PREFIXES = [UNBOUND_PREFIX, BOUND_PREFIX];
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
  const sealedIn = (name: string) => SEALED_PREFIXES.some((prefix) => found(name, prefix, false));
  return sealedIn(SHEET.customers) || sealedIn(SHEET.review) || sealedIn(SHEET.tickets) || found(SHEET.customers, MATCH_TOKEN, true);
}

/** Where a sealed value belongs: a sheet, the key naming its row there (wherever the row moves), and the field. */
export interface SealPlace {
  sheet: string;
  row: string;
  field: string;
}

/** A customer's sealed field, by customer number. */
export function customerPlace(customerNo: string, field: FieldKey): SealPlace {
  return { sheet: SHEET.customers, row: customerNo, field };
}

/** A sensitive answer kept in a 待审核 row's 原始数据, by the row's source id and the answer's key (a field's, or a column's own name). */
export function reviewPlace(sourceId: string, field: string): SealPlace {
  return { sheet: SHEET.review, row: sourceId, field };
}

/** The customer changes a ticket holds until staff confirm them. */
export function pendingPlace(ticketNo: string): SealPlace {
  return { sheet: SHEET.tickets, row: ticketNo, field: INTERNAL.pendingChanges };
}

const placeBytes = (place: SealPlace) => placeData([place.sheet, place.row, place.field]);

export function seal(plain: string, keys: Keys, place: SealPlace): string {
  return BOUND_PREFIX + toBase64(sealField(utf8Encode(plain), keys.field, randomBytes(12), placeBytes(place)));
}

export function isSealed(value: string): boolean {
  return SEALED_PREFIXES.some((prefix) => value.startsWith(prefix));
}

/**
 * The plain value of a sealed one found at `place`. A bound value sealed for
 * another place (a cell copied from another row or field) or changed in any
 * way is refused in plain words, never opened; an unbound (v1) one opens anywhere.
 */
export function unseal(sealed: string, keys: Keys, place: SealPlace): string {
  const bound = sealed.startsWith(BOUND_PREFIX);
  try {
    if (!bound && !sealed.startsWith(UNBOUND_PREFIX)) throw new FieldCryptoError('Not a sealed value');
    const bytes = fromBase64(sealed.slice((bound ? BOUND_PREFIX : UNBOUND_PREFIX).length));
    return utf8Decode(bound ? openField(bytes, keys.field, placeBytes(place)) : openField(bytes, keys.field));
  } catch (err) {
    if (!(err instanceof FieldCryptoError) && !(err instanceof RangeError)) throw err;
    throw new UserError('keys.sealedElsewhere', { sheet: place.sheet, row: place.row, field: FIELD_LABEL[place.field as FieldKey] ?? place.field });
  }
}

/** The plain value of a sealed one, or undefined when it will not open at `place` (see unseal). */
export function tryUnseal(sealed: string, keys: Keys, place: SealPlace): string | undefined {
  if (sealed === '') return undefined;
  try {
    return unseal(sealed, keys, place);
  } catch (err) {
    if (err instanceof UserError) return undefined;
    throw err;
  }
}

/** A sealed value as its record is written again: an unbound (v1) one is bound to its place; a bound one (or one that will not open) stays. */
export function reseal(sealed: string, keys: Keys, place: SealPlace): string {
  const plain = sealed.startsWith(UNBOUND_PREFIX) ? tryUnseal(sealed, keys, place) : undefined;
  return plain === undefined ? sealed : seal(plain, keys, place);
}

/** The blind-index tokens of a customer: HMAC of each normalised identifier, never the plain value. */
export function matchTokens(ids: { mobile?: string; email?: string; id_number?: string }, keys: Keys): string[] {
  const tokens: string[] = [];
  if (ids.id_number) tokens.push('i:' + hmacHex('id:' + ids.id_number, keys.index).slice(0, 32));
  if (ids.mobile) tokens.push('m:' + hmacHex('mobile:' + ids.mobile, keys.index).slice(0, 32));
  if (ids.email) tokens.push('e:' + hmacHex('email:' + ids.email, keys.index).slice(0, 32));
  return tokens;
}
