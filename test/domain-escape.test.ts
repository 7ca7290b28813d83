import fc from 'fast-check';
import { escapeHtml, isFormulaLike } from '../src/domain/escape';

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
  test.each(['', 'abc', ' =1', '张三', '13800138000', '1+1', "'=1"])('%j is plain text', (s) =>
    expect(isFormulaLike(s)).toBe(false),
  );
});
