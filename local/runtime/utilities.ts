/**
 * Emulated Utilities: dates, digests and HMACs (signed bytes, as Apps Script
 * returns them), base64, blobs, UUIDs, CSV and sleep on the emulated clock.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Env } from './env';
import type { Emulates } from './emulates';
import { formatDate } from './date-format';

/** An Apps Script enum as the bundle sees it: each member's value is its name. */
export function stringEnum<E>(names: readonly string[]): E {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as unknown as E;
}

/** Host bytes → Apps Script's signed bytes (−128…127). */
export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

/** True for a Date of any realm. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/**
 * The type name Apps Script prints for an argument in a signature mismatch:
 * `String`, `number`, `Boolean`, `null` (also for undefined), `Object` for a
 * plain object, `(class)` for a service object, arrays by their elements
 * (`number[]`, `Object[][]`; mixed or empty ones are `Object[]`).
 */
function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) {
    const names = new Set(v.map(typeName));
    return `${names.size === 1 ? [...names][0] : 'Object'}[]`;
  }
  if (isDate(v)) return 'Date';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'object') return (v as object).constructor?.name === 'Object' ? 'Object' : '(class)';
  return typeof v;
}

/** Apps Script's refusal of arguments no overload takes, e.g. "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange." */
export function signatureError(env: Env, method: string, args: unknown[]): Error {
  return env.meter.error(`Exception: The parameters (${args.map(typeName).join(',')}) don't match the method signature for ${method}.`);
}

/** The arguments a call was given: trailing undefined ones were left out. */
export function givenArgs(...args: unknown[]): unknown[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  return args.slice(0, n);
}

const DIGESTS: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const MACS: Record<string, string> = { HMAC_MD5: 'md5', HMAC_SHA_1: 'sha1', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };

type CharsetName = 'US_ASCII' | 'UTF_8';

/** Bytes of a string or a (signed) byte array from the bundle. */
/** A string is encoded in `charset`; without one, US-ASCII (live-verified for digests and HMACs: 'é' hashes as '?'). */
function bytesOf(env: Env, method: string, value: unknown, charset: unknown): Buffer {
  if (typeof value === 'string') return encodeString(value, charset === 'UTF_8' ? 'UTF_8' : 'US_ASCII');
  if (Array.isArray(value)) return Buffer.from(value.map((b) => Number(b) & 255));
  throw signatureError(env, method, [value]);
}

function encodeString(s: string, charset: CharsetName): Buffer {
  // US-ASCII replaces every character it cannot encode with '?', as Java does.
  if (charset === 'UTF_8') return Buffer.from(s, 'utf8');
  return Buffer.from(Array.from(s, (ch) => (ch.codePointAt(0)! < 128 ? ch.codePointAt(0)! : 0x3f)));
}

/** A charset name as Blob.getDataAsString takes it ("UTF-8", "US-ASCII", "ISO-8859-1"). */
export function decodeBytes(bytes: Buffer, charset: string | undefined): string {
  const c = (charset ?? 'UTF-8').toUpperCase().replace(/_/g, '-');
  if (c === 'US-ASCII' || c === 'ASCII') return Array.from(bytes, (b) => (b < 128 ? String.fromCharCode(b) : '\ufffd')).join('');
  if (c === 'ISO-8859-1' || c === 'LATIN1') return bytes.toString('latin1');
  if (c === 'UTF-16LE') return bytes.toString('utf16le');
  return bytes.toString('utf8');
}

/** Decodes base64 (standard or web-safe alphabet, padding optional); null when malformed. */
function decodeBase64(encoded: string, webSafe: boolean): Buffer | null {
  const s = encoded.replace(/\s+/g, '');
  const alphabet = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!alphabet.test(s) || s.replace(/=+$/, '').length % 4 === 1) return null;
  return Buffer.from(s, webSafe ? 'base64url' : 'base64');
}

export class BlobEmu implements Emulates<GoogleAppsScript.Base.Blob, 'getBytes' | 'getDataAsString' | 'setDataFromString' | 'getContentType' | 'setContentType' | 'getName' | 'setName' | 'copyBlob'> {
  constructor(
    private readonly env: Env,
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}

  getBytes(): number[] {
    this.env.meter.call('Utilities', 'Blob.getBytes');
    return toSignedBytes(this.bytes);
  }

  /** Host: the bytes and type, without a call (UrlFetchApp sends a Blob payload as they are). */
  hostContent(): { bytes: Buffer; contentType: string | null } {
    return { bytes: this.bytes, contentType: this.contentType };
  }

  getDataAsString(charset?: string): string {
    this.env.meter.call('Utilities', 'Blob.getDataAsString');
    return decodeBytes(this.bytes, charset);
  }

  setDataFromString(string: string, charset?: string): BlobEmu {
    this.env.meter.call('Utilities', 'Blob.setDataFromString');
    const c = (charset ?? 'UTF-8').toUpperCase();
    this.bytes = c === 'US-ASCII' ? encodeString(String(string), 'US_ASCII') : c === 'ISO-8859-1' ? Buffer.from(String(string), 'latin1') : Buffer.from(String(string), 'utf8');
    return this;
  }

  getContentType(): string | null {
    this.env.meter.call('Utilities', 'Blob.getContentType');
    return this.contentType;
  }

  setContentType(contentType: string | null): BlobEmu {
    this.env.meter.call('Utilities', 'Blob.setContentType');
    this.contentType = contentType;
    return this;
  }

  getName(): string | null {
    this.env.meter.call('Utilities', 'Blob.getName');
    return this.name;
  }

  setName(name: string): BlobEmu {
    this.env.meter.call('Utilities', 'Blob.setName');
    this.name = String(name);
    return this;
  }

  copyBlob(): BlobEmu {
    this.env.meter.call('Utilities', 'Blob.copyBlob');
    return new BlobEmu(this.env, Buffer.from(this.bytes), this.contentType, this.name);
  }
}

/** Apps Script's limit on one Utilities.sleep call. */
const MAX_SLEEP_MS = 300_000;

export class UtilitiesEmu
  implements
    Emulates<
      GoogleAppsScript.Utilities.Utilities,
      | 'formatDate'
      | 'getUuid'
      | 'computeDigest'
      | 'computeHmacSha256Signature'
      | 'computeHmacSignature'
      | 'base64Encode'
      | 'base64EncodeWebSafe'
      | 'base64Decode'
      | 'base64DecodeWebSafe'
      | 'newBlob'
      | 'sleep'
      | 'parseCsv'
    >
{
  readonly Charset = stringEnum<typeof GoogleAppsScript.Utilities.Charset>(['US_ASCII', 'UTF_8']);
  readonly DigestAlgorithm = stringEnum<typeof GoogleAppsScript.Utilities.DigestAlgorithm>(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']);
  readonly MacAlgorithm = stringEnum<typeof GoogleAppsScript.Utilities.MacAlgorithm>(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512']);

  constructor(private readonly env: Env) {}

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    this.env.meter.call('Utilities', 'Utilities.formatDate');
    if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
      throw signatureError(this.env, 'Utilities.formatDate', [date, timeZone, format]);
    }
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw this.env.meter.error('Exception: Invalid argument: date');
    try {
      return formatDate(ms, timeZone, format);
    } catch (err) {
      throw this.env.meter.error(`Exception: ${(err as Error).message}`);
    }
  }

  getUuid(): string {
    this.env.meter.call('Utilities', 'Utilities.getUuid');
    return this.env.uuid();
  }

  computeDigest(algorithm: GoogleAppsScript.Utilities.DigestAlgorithm, value: string | number[], charset?: GoogleAppsScript.Utilities.Charset): number[] {
    this.env.meter.call('Utilities', 'Utilities.computeDigest');
    const alg = DIGESTS[String(algorithm)];
    if (!alg) throw this.env.meter.error(`Exception: Digest algorithm ${String(algorithm)} is not supported by the local runtime.`);
    return toSignedBytes(createHash(alg).update(bytesOf(this.env, 'Utilities.computeDigest', value, charset)).digest());
  }

  computeHmacSha256Signature(value: string | number[], key: string | number[], charset?: GoogleAppsScript.Utilities.Charset): number[] {
    this.env.meter.call('Utilities', 'Utilities.computeHmacSha256Signature');
    return this.hmac('sha256', 'Utilities.computeHmacSha256Signature', value, key, charset);
  }

  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | number[],
    key: string | number[],
    charset?: GoogleAppsScript.Utilities.Charset,
  ): number[] {
    this.env.meter.call('Utilities', 'Utilities.computeHmacSignature');
    const alg = MACS[String(algorithm)];
    if (!alg) throw signatureError(this.env, 'Utilities.computeHmacSignature', [algorithm, value, key]);
    return this.hmac(alg, 'Utilities.computeHmacSignature', value, key, charset);
  }

  base64Encode(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    this.env.meter.call('Utilities', 'Utilities.base64Encode');
    return bytesOf(this.env, 'Utilities.base64Encode', data, charset ?? 'UTF_8').toString('base64');
  }

  base64EncodeWebSafe(data: string | number[], charset?: GoogleAppsScript.Utilities.Charset): string {
    this.env.meter.call('Utilities', 'Utilities.base64EncodeWebSafe');
    // Web-safe alphabet, padding kept (as Java's URL-safe encoder does).
    return bytesOf(this.env, 'Utilities.base64EncodeWebSafe', data, charset ?? 'UTF_8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset): number[] {
    this.env.meter.call('Utilities', 'Utilities.base64Decode');
    return this.decode(encoded, false);
  }

  base64DecodeWebSafe(encoded: string, _charset?: GoogleAppsScript.Utilities.Charset): number[] {
    this.env.meter.call('Utilities', 'Utilities.base64DecodeWebSafe');
    return this.decode(encoded, true);
  }

  newBlob(data: string | number[], contentType?: string, name?: string): BlobEmu {
    this.env.meter.call('Utilities', 'Utilities.newBlob');
    const bytes = bytesOf(this.env, 'Utilities.newBlob', data, 'UTF_8');
    // A blob made from text is text/plain unless told otherwise (live-verified); one from bytes has no type.
    return new BlobEmu(this.env, bytes, contentType ?? (typeof data === 'string' ? 'text/plain' : null), name ?? null);
  }

  sleep(milliseconds: number): void {
    this.env.meter.call('Utilities', 'Utilities.sleep');
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_SLEEP_MS) throw this.env.meter.error('Exception: Invalid argument: milliseconds');
    this.env.state.clock += Math.floor(ms);
  }

  parseCsv(csv: string, delimiter?: string): string[][] {
    this.env.meter.call('Utilities', 'Utilities.parseCsv');
    return parseCsv(String(csv), delimiter ?? ',');
  }

  private hmac(alg: string, method: string, value: unknown, key: unknown, charset: unknown): number[] {
    if (typeof value === 'string' ? typeof key !== 'string' : !Array.isArray(value) || !Array.isArray(key)) {
      throw signatureError(this.env, method, [value, key]);
    }
    const k = bytesOf(this.env, method, key, charset);
    return toSignedBytes(createHmac(alg, k).update(bytesOf(this.env, method, value, charset)).digest());
  }

  private decode(encoded: string, webSafe: boolean): number[] {
    const bytes = typeof encoded === 'string' ? decodeBase64(encoded, webSafe) : null;
    if (!bytes) throw this.env.meter.error('Exception: Could not decode string.');
    return toSignedBytes(bytes);
  }
}

/** RFC 4180 CSV: quoted fields may hold delimiters, quotes ("") and line breaks; a final line break ends the last row. */
export function parseCsv(csv: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = (): void => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < csv.length) {
    const c = csv[i]!;
    if (quoted) {
      if (c === '"') {
        if (csv[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i += 1;
    } else if (c === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && csv[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
