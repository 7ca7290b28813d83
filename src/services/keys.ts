/**
 * The two secrets of the add-on, kept in script properties of the project
 * (see README: in a published add-on, editors of the spreadsheet cannot
 * read them): the field-encryption key and the blind-index key.
 */
import { UserError } from '../i18n/user-error';
import { fromBase64, openField, sealField, toBase64, utf8Decode, utf8Encode } from '../domain/crypto';
import { hmacHex, randomBytes } from './platform';
import { PROP } from './store';

const SEALED_PREFIX = 'enc:v1:';

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

export function keysFrom(props: Record<string, string>): Keys {
  const field = props[PROP.fieldKey];
  const index = props[PROP.indexKey];
  // Setup creates the keys: without them nothing can be filed, and staff are told to run it.
  if (!field || !index) throw new UserError('menu.needsSetup');
  return { field: fromBase64(field), index: fromBase64(index) };
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
