import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvField, escapeHtml, isFormulaLike, toCsv } from '../src/domain/escape';

describe('escapeHtml', () => {
  test('neutralises markup and quotes', () => {
    expect(escapeHtml(`<img src="x" onerror='alert(1)'> & 张三`)).toBe(
      '&lt;img src=&quot;x&quot; onerror=&#39;alert(1)&#39;&gt; &amp; 张三',
    );
  });

  test('leaves no raw special character and loses no text', () => {
    const unescape = (s: string) =>
      s.replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[e]!);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const escaped = escapeHtml(s);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(unescape(escaped)).toBe(s);
      }),
    );
  });
});

describe('isFormulaLike', () => {
  test.each(['=SUM(A1:A9)', '+8613800138000', '-1', '@mention', '\t=1', '\rcmd', '=HYPERLINK("http://x")'])(
    '%j could be evaluated by Sheets',
    (s) => expect(isFormulaLike(s)).toBe(true),
  );
  test.each(['＝SUM(A1)', '＋86', '－1', '＠x'])('full-width %j could be folded to a formula', (s) => expect(isFormulaLike(s)).toBe(true));
  test.each(['', 'abc', ' =1', '张三', '13800138000', '1+1', "'=1"])('%j is plain text', (s) =>
    expect(isFormulaLike(s)).toBe(false),
  );
});

describe('CSV export (RFC 4180, OWASP CSV injection)', () => {
  test('formula-like text gets a leading apostrophe; quotes, commas and line breaks are quoted', () => {
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvField('＝1+1')).toBe("'＝1+1");
    expect(csvField('北京市,朝阳区\n3号楼')).toBe('"北京市,朝阳区\n3号楼"');
    expect(csvField('王小明')).toBe('王小明');
  });

  test('any table reads back from the file as written, except that no cell starts like a formula', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const csv = toCsv(rows);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        const back: string[][] = parse(csv.slice(1), { relax_column_count: true, record_delimiter: '\r\n', skip_empty_lines: false });
        expect(back).toEqual(rows.map((r) => r.map((c) => (isFormulaLike(c) ? `'${c}` : c))));
        expect(back.flat().filter(isFormulaLike)).toEqual([]);
      }),
    );
  });
});
