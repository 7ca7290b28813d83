import fc from 'fast-check';
import {
  normaliseEmail, normaliseFreeText, normaliseIdNumber, normaliseLandline, normaliseMobile, normaliseParagraph, normaliseRaw,
  normaliseText, normaliseValue,
} from '../src/domain/normalise';
import { fieldByKey } from '../src/domain/fields';

/** Strings with the characters normalisation cares about, mixed with arbitrary code units. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(' ', '\u3000', '\u00a0', '\t', '\n', '\r', '\u0000', '\u0007', '\u200b', '\ufeff', 'ｘ', 'X', '１', '-', '（', '+', '@', '。', '¨', '\u0308', 'ﬁ', '㍿'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('normaliseText', () => {
  test('NFKC, trims and folds whitespace runs (full-width space and NBSP included) to one space', () => {
    expect(normaliseText('  张\u3000\u3000三 \u00a0 先生\t')).toBe('张 三 先生');
    expect(normaliseText('ＡＢＣ１２３')).toBe('ABC123');
    expect(normaliseText('第一行\n第二行')).toBe('第一行 第二行');
  });

  test('strips NUL, other C0 controls and zero-width characters', () => {
    expect(normaliseText('张\u0000三\u0007\u200b\ufeff')).toBe('张三');
  });
});

describe('normaliseParagraph', () => {
  test('keeps line breaks, folds spaces within lines and collapses runs of blank lines', () => {
    expect(normaliseParagraph('  第一段  有  空格 \r\n\r\n\r\n\r\n第二段\n  第三行\u3000\n\n')).toBe('第一段 有 空格\n\n第二段\n第三行');
  });
});

describe('free text keeps what the customer typed', () => {
  test('full-width punctuation and symbols stay; only whitespace is folded', () => {
    const typed = '安装师傅说：“明天（周二）再来！”① 温度 30℃，面积 12㎡？';
    expect(normaliseParagraph(typed)).toBe(typed);
    expect(normaliseFreeText('张三（销售部）　ＡＢＣ公司')).toBe('张三（销售部） ＡＢＣ公司');
    expect(normaliseValue(fieldByKey('need_description'), typed)).toBe(typed);
    expect(normaliseValue(fieldByKey('name'), '李四（代办）')).toBe('李四（代办）');
  });

  test('what is matched is still folded: a ticket number, an option value', () => {
    expect(normaliseValue(fieldByKey('related_ticket'), 'Ｔ２０２６１１２３００１')).toBe('T20261123001');
    expect(normaliseValue(fieldByKey('customer_kind'), '企业　')).toBe('企业');
  });

  test('a paragraph changes only whitespace and invisible characters (property)', () => {
    // eslint-disable-next-line no-control-regex -- the controls normalisation removes
    const visible = (s: string) => s.replace(/[\s\u0000-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF]/g, '').normalize('NFC');
    fc.assert(fc.property(tricky, (s) => visible(normaliseParagraph(s)) === visible(s)), { numRuns: 500 });
  });

  test('an ID number typed in full-width digits under an unknown column is still taken for 证件号码, not left in 备注', () => {
    const r = normaliseRaw({ 姓名: '王五', 法人身份证: '１１０１０５１９４９１２３１００２Ｘ' }, 'zh-CN');
    expect(r.values.id_number).toBe('11010519491231002X');
    expect(Object.values(r.unknown).join('')).not.toMatch(/[１1]{1}[０0]/);
  });
});

describe('idempotence', () => {
  const normalisers = { normaliseText, normaliseFreeText, normaliseParagraph, normaliseMobile, normaliseLandline, normaliseEmail, normaliseIdNumber };
  for (const [name, fn] of Object.entries(normalisers)) {
    test(`${name}: normalising twice changes nothing`, () => {
      fc.assert(fc.property(tricky, (s) => fn(fn(s)) === fn(s)), { numRuns: 500 });
    });
  }
});

describe('normaliseMobile', () => {
  const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const validMobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
    .map(([second, rest]) => `1${second}${rest.join('')}`);
  const spelling = fc.record({
    prefix: fc.constantFrom('', '+86', '+86 ', '0086', '0086-', '86', '(+86)', '（+86） '),
    sep: fc.constantFrom('', ' ', '-', '\u3000', '－', ' - '),
    brackets: fc.boolean(),
    wide: fc.boolean(),
    pad: fc.constantFrom('', ' ', '\u3000'),
  });

  test('every accepted spelling of a valid mobile gives the same 11 digits', () => {
    fc.assert(fc.property(validMobile, spelling, (mobile, s) => {
      const head = s.brackets ? `(${mobile.slice(0, 3)})` : mobile.slice(0, 3);
      let text = `${s.pad}${s.prefix}${head}${s.sep}${mobile.slice(3, 7)}${s.sep}${mobile.slice(7)}${s.pad}`;
      if (s.wide) text = fullWidth(text);
      return normaliseMobile(text) === mobile;
    }), { numRuns: 1000 });
  });

  test('leaves what cannot be a phone number cleaned but recognisable', () => {
    expect(normaliseMobile(' 138-0013-800 ')).toBe('138-0013-800');
    expect(normaliseMobile('电话13800138000')).toBe('电话13800138000');
  });
});

describe('normaliseLandline', () => {
  test.each([
    ['010-12345678', '010-12345678'],
    ['(010)12345678', '010-12345678'],
    ['010 1234 5678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['０７５５－１２３４５６７', '0755-1234567'],
    ['0755-1234567-123', '0755-1234567-123'],
    ['010-12345678转123', '010-12345678-123'],
    ['021 6123 4567 ext. 8', '021-61234567-8'],
    ['+86 10 12345678', '010-12345678'],
    ['0086-755-12345678', '0755-12345678'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseLandline(input)).toBe(expected);
  });

  test('returns the cleaned input when it has no area code or too few digits', () => {
    expect(normaliseLandline(' 12345678 ')).toBe('12345678');
    expect(normaliseLandline('010-123')).toBe('010-123');
  });
});

describe('normaliseEmail and normaliseIdNumber', () => {
  test('email is trimmed and lower-cased; full-width @ and 。 become ASCII', () => {
    expect(normaliseEmail('  ZhangSan＠Example。COM ')).toBe('zhangsan@example.com');
  });

  test('id number: a final x is stored as X; spaces removed', () => {
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(normaliseIdNumber('110105 19491231 002x')).toBe('11010519491231002X');
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(normaliseIdNumber('abc')).toBe('abc');
  });
});

describe('normaliseRaw', () => {
  test('accepts keys and zh-CN labels and normalises each value by its type', () => {
    const r = normaliseRaw({ 客户类型: '企业', name: ' 北京　示例 ', 手机号: '+86 138 0013 8000', email: 'A@B.CN' }, 'zh-CN');
    expect(r.values).toEqual({ customer_kind: '企业', name: '北京 示例', mobile: '13800138000', email: 'a@b.cn' });
    expect(r.problems).toEqual([]);
  });

  test('values of any JSON type: numbers, booleans, lists, null', () => {
    const r = normaliseRaw({ mobile: 13800138000, age: 35, consent: true, 个人信息处理同意: ['我同意'], notes: null, satisfaction: undefined }, 'zh-CN');
    expect(r.values.mobile).toBe('13800138000');
    expect(r.values.age).toBe('35');
    expect(r.problems.map((p) => p.code)).toEqual(['conflict']); // consent given as 是 and as 我同意
    expect(r.values).not.toHaveProperty('notes');
    expect(normaliseRaw({ consent: false }, 'zh-CN').values.consent).toBe('否');
    expect(normaliseRaw({ consent: ['同意'] }, 'zh-CN').values.consent).toBe('同意');
  });

  test('a list or an object where one value is expected is a problem naming the field', () => {
    const r = normaliseRaw({ industry: ['制造业', '零售'], 手机号: { n: 1 }, age: Number.NaN }, 'zh-CN');
    expect(r.problems).toEqual([
      { field: 'industry', code: 'not_a_list', message: '所属行业只能填写一个值，不能是列表' },
      { field: 'mobile', code: 'invalid_value', message: '手机号的值无法识别，请填写文字或数字' },
      { field: 'age', code: 'invalid_value', message: '年龄的值无法识别，请填写文字或数字' },
    ]);
    expect(r.values).toEqual({});
  });

  test('a field named twice with different values is a problem; the same value twice is not', () => {
    expect(normaliseRaw({ mobile: '13800138000', 手机号: '138-0013-8000' }, 'zh-CN').problems).toEqual([]);
    const r = normaliseRaw({ mobile: '13800138000', 手机号: '13900139000' }, 'zh-CN');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ field: 'mobile', code: 'conflict' });
    expect(r.problems[0].message).toContain('手机号');
    expect(normaliseRaw({ mobile: '', 手机号: '13900139000' }, 'zh-CN').values.mobile).toBe('13900139000');
  });

  test('unknown columns are kept (for the notes), blank ones dropped', () => {
    const r = normaliseRaw({ 微信号: ' wx_123 ', 来源活动: '', name: '张三' }, 'zh-CN');
    expect(r.unknown).toEqual({ 微信号: 'wx_123' });
  });

  test('a 5 MB value does not hang and is reported as too long', () => {
    const started = Date.now();
    const r = normaliseRaw({ need_description: '很长的描述'.repeat(1_000_000), name: ' '.repeat(5_000_000), mobile: `1${'3'.repeat(5_000_000)}` }, 'zh-CN');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.values.need_description!.length).toBeGreaterThan(5000); // validation's length check reports it
    expect(r.problems.map((p) => [p.field, p.code])).toEqual([['name', 'too_long'], ['mobile', 'too_long']]);
  });

  test('never throws on hostile input', () => {
    fc.assert(fc.property(fc.dictionary(fc.oneof(fc.constantFrom('mobile', '手机号', 'consent', 'age'), tricky), fc.jsonValue()), (raw) => {
      const r = normaliseRaw(raw, 'zh-CN');
      return typeof r === 'object' && r.problems.every((p) => p.message.length > 0);
    }));
  });
});
