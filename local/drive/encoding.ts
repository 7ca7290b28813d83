/**
 * The encoding of an input file: UTF-8 (a BOM allowed) is decoded; anything
 * else is refused as a whole with a CliError that says what the bytes look
 * like — UTF-16 (with or without BOM), GBK/GB18030, an Excel workbook, binary
 * data — and how to save the file as UTF-8. Nothing is decoded on a guess,
 * so no garbled name or address is ever filed.
 */
import { CliError, type NestedMessage } from '../cli/messages';

const HOW_TO: NestedMessage = { key: 'saveAsUtf8' };

/** UTF-8 text without its BOM, or a refusal that says what the bytes look like instead. */
export function decodeUtf8(buf: Buffer, file: string | NestedMessage): string {
  if (startsWith(buf, [0xff, 0xfe])) throw new CliError('inputUtf16', { file, encoding: 'UTF-16 LE', howTo: HOW_TO });
  if (startsWith(buf, [0xfe, 0xff])) throw new CliError('inputUtf16', { file, encoding: 'UTF-16 BE', howTo: HOW_TO });
  // .xlsx is a ZIP archive; .xls a Compound File.
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) throw new CliError('inputSpreadsheet', { file, kind: '.xlsx' });
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) throw new CliError('inputSpreadsheet', { file, kind: '.xls' });
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    // UTF-16 without a BOM: ASCII characters leave a NUL in every other byte.
    const encoding = utf16WithoutBom(buf);
    if (encoding) throw new CliError('inputUtf16', { file, encoding, howTo: HOW_TO });
    throw new CliError('inputBinary', { file });
  }
  const body = startsWith(buf, [0xef, 0xbb, 0xbf]) ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    throw notUtf8(body, file);
  }
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

function utf16WithoutBom(buf: Buffer): string | undefined {
  const head = buf.subarray(0, Math.min(buf.length, 200) & ~1);
  let even = 0;
  let odd = 0;
  head.forEach((b, i) => {
    if (b !== 0) return;
    if (i % 2 === 0) even++;
    else odd++;
  });
  const pairs = head.length / 2;
  if (pairs === 0) return undefined;
  if (odd / pairs > 0.3 && even === 0) return 'UTF-16 LE';
  if (even / pairs > 0.3 && odd === 0) return 'UTF-16 BE';
  return undefined;
}

/**
 * Invalid UTF-8: GBK/GB18030 when the bytes decode as it and read as Chinese
 * (most non-ASCII characters CJK), else an unknown encoding at a line.
 */
function notUtf8(body: Buffer, file: string | NestedMessage): CliError {
  let gbk: string | undefined;
  try {
    gbk = new TextDecoder('gb18030', { fatal: true }).decode(body);
  } catch {
    gbk = undefined;
  }
  if (gbk !== undefined && readsAsChinese(gbk)) {
    return new CliError('inputGbk', { file, sample: gbkSample(gbk), howTo: HOW_TO });
  }
  const loose = new TextDecoder('utf-8').decode(body);
  const at = loose.indexOf('\uFFFD');
  const line = loose.slice(0, Math.max(0, at)).split('\n').length;
  return new CliError('inputNotUtf8', { file, line, howTo: HOW_TO });
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/u;

function readsAsChinese(text: string): boolean {
  const wide = [...text].filter((ch) => ch.codePointAt(0)! > 0x7f);
  return wide.length > 0 && wide.filter((ch) => CJK.test(ch)).length / wide.length >= 0.8;
}

/**
 * The first line as GBK reads it, so the user can see it is their file: a
 * CSV's header only (a JSON file's first line may hold a customer's data),
 * and short.
 */
function gbkSample(text: string): string | NestedMessage {
  const first = text.split(/\r?\n/)[0]!.trim();
  if (first === '' || first.startsWith('{') || first.startsWith('[')) return '';
  const chars = [...first];
  const shown = chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : first;
  return { key: 'gbkSample', params: { text: shown } };
}

