/**
 * Reads submissions for `cli submit`: JSON (one object or an array) or CSV
 * (UTF-8, with or without BOM, header row). Problems with the file itself
 * are thrown as InputError with a plain message; problems with one record
 * are left to the add-on's validation.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';

export class InputError extends Error {}

export type RawRecord = Record<string, unknown>;

export function readInputFile(file: string): { text: string; name: string } {
  let buf: Buffer;
  try {
    buf = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  } catch (err) {
    throw new InputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  if (text.includes('\uFFFD')) {
    throw new InputError(`${file === '-' ? 'stdin' : file} is not valid UTF-8 (GBK or another encoding?): save it as UTF-8 and try again`);
  }
  return { text: text.replace(/^\uFEFF/, ''), name: file };
}

/** Parses JSON or CSV text into records, in input order. */
export function parseSubmissions(text: string, name = ''): RawRecord[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || /\.json$/i.test(name)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new InputError(`${name || 'input'} is not valid JSON: ${(err as Error).message}`);
    }
    const list = Array.isArray(data) ? data : [data];
    return list.map((item) => (item && typeof item === 'object' && !Array.isArray(item) ? (item as RawRecord) : { __invalid__: item }));
  }
  return parseCsv(text, name);
}

function parseCsv(text: string, name: string): RawRecord[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new InputError(`${name || 'input'} is not valid CSV: ${(err as Error).message}`);
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

/** A header named twice keeps both columns: the second becomes `name (2)`, so nothing is dropped. */
function disambiguate(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
}
