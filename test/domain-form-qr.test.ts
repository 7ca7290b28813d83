/**
 * The Form link's QR code as 设置说明 prints it: the SVG read back into its
 * modules decodes to the link, by a reader written here from ISO/IEC 18004
 * (format information, function patterns, the zigzag placement, the masks,
 * the block interleaving, byte mode) and sharing nothing with uqr; its size
 * is the version's; the printed block says the link in text, escaped.
 */
import fc from 'fast-check';
import { QUIET_ZONE, formQr } from '../src/domain/form-qr';
import { qrBlockHtml } from '../src/ui/setup-help';
import { translator } from '../src/i18n/messages';

/** The SVG's dark squares (uqr draws each as `M x,y h1 v1 h-1 z` at one unit a module) as a matrix. */
function modulesOf(svg: string): boolean[][] {
  const view = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!view) throw new Error('no viewBox');
  const n = Number(view[1]);
  expect(Number(view[2])).toBe(n);
  const m = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  const path = /<path [^>]*d="([^"]*)"/.exec(svg)![1]!;
  for (const [, x, y] of path.matchAll(/M(\d+),(\d+)h1v1h-1z/g)) m[Number(y)]![Number(x)] = true;
  return m;
}

// Error correction level M, versions 1–10: codewords in all, EC codewords per block, blocks (ISO/IEC 18004 Table 9).
const TOTAL = [0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346];
const EC_PER_BLOCK_M = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const BLOCKS_M = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const FORMAT_LEVEL = { 1: 'L', 0: 'M', 3: 'Q', 2: 'H' } as const;

function alignmentCentres(version: number, size: number): number[] {
  if (version === 1) return [];
  const count = Math.floor(version / 7) + 2;
  const step = Math.ceil((version * 4 + 4) / (count * 2 - 2)) * 2;
  const out = [6];
  for (let pos = size - 7; out.length < count; pos -= step) out.splice(1, 0, pos);
  return out;
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** A clean QR symbol (no quiet zone) of version ≤ 10 read back to its text; throws on anything it cannot read. */
function decode(m: boolean[][]): { text: string; version: number; level: string } {
  const size = m.length;
  const version = (size - 17) / 4;
  if (!Number.isInteger(version) || version < 1 || version > 10) throw new Error(`size ${size}`);
  const at = (x: number, y: number) => m[y]![x]!;
  // Format information, the copy beside the top-left finder.
  let format = 0;
  const spots: [number, number][] = [[8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8]];
  spots.forEach(([x, y], i) => { if (at(x, y)) format |= 1 << i; });
  format ^= 0x5412;
  const data5 = format >>> 10;
  let rem = data5;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  if ((((data5 << 10) | rem) & 0x7fff) !== format) throw new Error('format information fails its BCH check');
  const level = FORMAT_LEVEL[(data5 >>> 3) as 0 | 1 | 2 | 3];
  const mask = MASKS[data5 & 7]!;
  if (level !== 'M') throw new Error(`level ${level}`);

  // Where no data is: finders with separators and format areas, timing, alignment, version information.
  const fn = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const mark = (x0: number, y0: number, w: number, h: number) => {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) if (x >= 0 && y >= 0 && x < size && y < size) fn[y]![x] = true;
  };
  mark(0, 0, 9, 9);
  mark(size - 8, 0, 8, 9);
  mark(0, size - 8, 9, 8);
  mark(6, 0, 1, size);
  mark(0, 6, size, 1);
  const centres = alignmentCentres(version, size);
  for (const cy of centres) for (const cx of centres) {
    const corner = (cx === 6 && cy === 6) || (cx === 6 && cy === size - 7) || (cx === size - 7 && cy === 6);
    if (!corner) mark(cx - 2, cy - 2, 5, 5);
  }
  if (version >= 7) {
    mark(size - 11, 0, 3, 6);
    mark(0, size - 11, 6, 3);
  }

  // The zigzag, two columns at a time from the bottom right, skipping the vertical timing column.
  const bits: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vert : vert;
        if (fn[y]![x]) continue;
        bits.push(at(x, y) !== mask(x, y) ? 1 : 0);
      }
    }
  }
  const total = TOTAL[version]!;
  const stream = Array.from({ length: total }, (_, i) => bits.slice(i * 8, i * 8 + 8).reduce((a, b) => (a << 1) | b, 0));

  // Blocks: codewords were dealt out one per block in turn; short blocks have one data codeword fewer.
  const blocks = BLOCKS_M[version]!;
  const ec = EC_PER_BLOCK_M[version]!;
  const shortLen = Math.floor(total / blocks);
  const shortBlocks = blocks - (total % blocks);
  const shortData = shortLen - ec;
  const byBlock: number[][] = Array.from({ length: blocks }, () => []);
  let k = 0;
  for (let i = 0; i <= shortLen; i++) {
    for (let j = 0; j < blocks; j++) {
      if (i === shortLen && j < shortBlocks) continue;
      if (i === shortData && j < shortBlocks) continue;
      if (k < total) byBlock[j]![i] = stream[k++]!;
    }
  }
  const data = byBlock.flatMap((b, j) => b.slice(0, shortData + (j >= shortBlocks ? 1 : 0)));

  // Byte mode: 0100, an 8-bit count (versions 1–9) or 16-bit (10), then the bytes.
  const dataBits = data.flatMap((b) => Array.from({ length: 8 }, (_, i) => (b >>> (7 - i)) & 1));
  let p = 0;
  const read = (n: number) => { let v = 0; for (let i = 0; i < n; i++) v = (v << 1) | dataBits[p++]!; return v; };
  const mode = read(4);
  if (mode !== 0b0100) throw new Error(`mode ${mode.toString(2)}`);
  const count = read(version < 10 ? 8 : 16);
  const bytes = Uint8Array.from({ length: count }, () => read(8));
  return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), version, level };
}

function withoutQuietZone(m: boolean[][]): boolean[][] {
  // The quiet zone is light all round.
  for (let i = 0; i < m.length; i++) {
    for (let q = 0; q < QUIET_ZONE; q++) {
      expect([m[q]![i], m[m.length - 1 - q]![i], m[i]![q], m[i]![m.length - 1 - q]]).toEqual([false, false, false, false]);
    }
  }
  return m.slice(QUIET_ZONE, -QUIET_ZONE).map((r) => r.slice(QUIET_ZONE, -QUIET_ZONE));
}

// A Form's published link as FormApp gives it (the shape of Google's; the id is made up).
const FORM_LINK = 'https://docs.google.com/forms/d/e/1FAIpQLSd3x0kV8-Example_Published-Form-Id-0123456789abcdefghijk/viewform';

describe('the Form link\'s QR code', () => {
  test('decodes to the link, at medium error correction, in the smallest version that holds it', () => {
    const qr = formQr(FORM_LINK);
    const symbol = withoutQuietZone(modulesOf(qr.svg));
    expect(decode(symbol)).toEqual({ text: FORM_LINK, version: qr.version, level: 'M' });
    // Byte mode at M: version 6 holds 106 bytes, version 5 only 84.
    expect(FORM_LINK.length).toBeGreaterThan(84);
    expect(qr.version).toBe(6);
    expect(qr.modules).toBe(4 * 6 + 17 + 2 * QUIET_ZONE);
  });

  test('any link up to 200 characters, Chinese included, reads back as it was', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 120, unit: 'grapheme' }), (tail) => {
      const link = `https://forms.gle/${tail}`;
      fc.pre(new TextEncoder().encode(link).length <= 200);
      const qr = formQr(link);
      return decode(withoutQuietZone(modulesOf(qr.svg))).text === link && qr.modules === 4 * qr.version + 17 + 2 * QUIET_ZONE;
    }), { numRuns: 40 });
  });

  test('the SVG holds modules only: the link is not in it as text, nothing in it is a link or a script', () => {
    const { svg } = formQr(FORM_LINK);
    expect(svg).not.toContain('docs.google.com');
    expect(svg).not.toMatch(/<(a|script|text|foreignObject)\b/i);
    expect(svg).toMatch(/^<svg [^>]*shape-rendering="crispEdges"/);
  });

  test('the printed block: company, QR code, the link beneath in text, every value escaped', () => {
    const t = translator('zh-CN');
    const html = qrBlockHtml('https://forms.gle/a?b=1&c=<x>', '示例<科技>&"有限"公司', t);
    expect(html).toContain('<div class="qr-company">示例&lt;科技&gt;&amp;&quot;有限&quot;公司</div>');
    expect(html).toContain('<div class="qr-link">https://forms.gle/a?b=1&amp;c=&lt;x&gt;</div>');
    expect(html.indexOf('<svg')).toBeLessThan(html.indexOf('qr-link'));
  });
});
