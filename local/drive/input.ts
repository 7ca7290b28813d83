/**
 * Reads submissions for `cli submit`: JSON (one object or an array) or CSV
 * (UTF-8, with or without BOM, header row). A file that cannot be read, or is
 * not UTF-8 text, is refused as a whole with a CliError in plain words (exit
 * 2): UTF-16 and GBK/GB18030 are recognised and named, never decoded, so no
 * guess at an encoding can file garbled names. Problems with one record are
 * left to the add-on's validation.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CliError, fileReason, type MessageParams, type NestedMessage } from '../cli/messages';
import { errorCode } from '../persist/atomic';
import { decodeUtf8 } from './encoding';
import { jsonErrorOffset } from './json-syntax';

export type RawRecord = Record<string, unknown>;

/** Reads FILE (`-` for stdin) as UTF-8 text, its BOM removed; `name` is what messages call it. */
export function readInputFile(file: string): { text: string; name: string } {
  const name: string | NestedMessage = file === '-' ? { key: 'stdinName' } : file;
  let buf: Buffer;
  try {
    buf = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  } catch (err) {
    throw unreadable(name, errorCode(err));
  }
  return { text: decodeUtf8(buf, name), name: file };
}

function unreadable(file: string | NestedMessage, code: string): CliError {
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new CliError('inputMissing', { file });
    case 'EISDIR':
      return new CliError('inputIsDirectory', { file });
    case 'EACCES':
    case 'EPERM':
      return new CliError('inputNoPermission', { file });
    default:
      return new CliError('inputUnreadable', { file, detail: fileReason(code) });
  }
}

/** Parses JSON or CSV text into records, in input order. */
export function parseSubmissions(text: string, name = ''): RawRecord[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || /\.json$/i.test(name)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new CliError('inputNotJson', { file: displayName(name), where: jsonWhere(text) });
    }
    const list = Array.isArray(data) ? data : [data];
    return list.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? (item as RawRecord) : { __invalid__: item }));
  }
  return parseCsv(text, name);
}

function displayName(name: string): string | NestedMessage {
  return name === '-' || name === '' ? { key: 'stdinName' } : name;
}

/**
 * Where the JSON goes wrong, as line and column. V8's own message is not
 * shown: it quotes the input, which may hold personal data.
 */
function jsonWhere(text: string): string | NestedMessage {
  const at = jsonErrorOffset(text);
  if (at === undefined) return '';
  const lines = text.slice(0, at).split('\n');
  return { key: 'jsonWhere', params: { line: lines.length, column: lines.at(-1)!.length + 1 } };
}

function parseCsv(text: string, name: string): RawRecord[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    const { code, lines } = err as { code?: string; lines?: number };
    const params: MessageParams = { file: displayName(name), line: lines ?? '?', reason: { key: csvReason(code) } };
    throw new CliError('inputNotCsv', params);
  }
  if (rows.length === 0) return [];
  const header = disambiguate(rows[0]!.map((h) => h.trim()));
  return rows.slice(1).map((cells) => {
    const rec: RawRecord = {};
    header.forEach((h, i) => {
      if (h) rec[h] = cells[i] ?? '';
    });
    return rec;
  });
}

function csvReason(code: string | undefined): 'csvQuoteNotClosed' | 'csvBadQuote' | 'csvMalformed' {
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'csvQuoteNotClosed';
  if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') return 'csvBadQuote';
  return 'csvMalformed';
}

/** A header named twice keeps both columns: the second becomes `name (2)`, so nothing is dropped. */
function disambiguate(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}
