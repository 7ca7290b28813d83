/**
 * Sealed inputs in the domain: a sensitive field is recognised under the
 * names exports give it, whatever their brackets, width, case and spaces;
 * and no problem or warning quotes an ID number or an address, however it
 * was typed — twice and different, under aliases, in a field that quotes
 * its value, or under a header of no field.
 */
import fc from 'fast-check';
import { FIELDS, fieldByName } from '../src/domain/fields';
import { idCheckChar, looksLikeIdNumber, starIdNumbers, upgradedIdNumber } from '../src/domain/id-number';
import { isSealedMarker, isSensitiveAnswer, normaliseIdNumber, normaliseRaw } from '../src/domain/normalise';
import { validateSubmission } from '../src/domain/validate';
import type { Locale } from '../src/i18n/messages';

const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const BRACKETS: [string, string][] = [['(', ')'], ['（', '）'], ['【', '】'], ['[', ']']];

/** A name as exports and people write it: full-width or not, any case, spaces, a bracketed note, a required mark. */
function decorated(name: string): fc.Arbitrary<string> {
  return fc
    .record({
      wide: fc.boolean(),
      upper: fc.boolean(),
      spaces: fc.array(fc.nat(name.length), { maxLength: 3 }),
      space: fc.constantFrom(' ', '\u3000', '\t'),
      note: fc.option(fc.tuple(fc.constantFrom(...BRACKETS), fc.constantFrom('选填', '必填', '可选', '如有', 'optional', '')), { nil: undefined }),
      mark: fc.constantFrom('', '*', '：', ':', ' *'),
    })
    .map(({ wide, upper, spaces, space, note, mark }) => {
      let s = upper ? name.toUpperCase() : name.toLowerCase();
      for (const at of [...spaces].sort((a, b) => b - a)) s = s.slice(0, at) + space + s.slice(at);
      if (note) s += note[0][0] + note[1] + note[0][1];
      s = ` ${s}${mark} `;
      return wide ? fullWidth(s) : s;
    });
}

const sensitive = FIELDS.filter((f) => f.sensitive);
const namesOf = (key: string) => {
  const f = FIELDS.find((x) => x.key === key)!;
  return [f.key, f.label, f.labelEn, ...(f.aliases ?? [])];
};

describe('near-miss headers', () => {
  test('every name of a sensitive field, however decorated, names that field', () => {
    const named = fc.constantFrom(...sensitive.flatMap((f) => namesOf(f.key).map((n) => [f.key, n] as const)));
    fc.assert(fc.property(named.chain(([key, name]) => decorated(name).map((d) => [key, d] as const)), ([key, d]) => {
      expect(fieldByName(d)?.key).toBe(key);
    }), { numRuns: 500 });
  });

  test('the headers the issue names are the sensitive fields', () => {
    const id = ['身份证', '身份证号', '证件号', '身份证号码(选填)', '证件号码（选填）', 'idcard', 'ID card', 'ID_Card', '居民身份证号码【必填】'];
    const address = ['家庭住址', '收货地址', '联系地址（选填）', '地址', 'Home Address', '通讯地址*'];
    expect(id.map((h) => fieldByName(h)?.key)).toEqual(id.map(() => 'id_number'));
    expect(address.map((h) => fieldByName(h)?.key)).toEqual(address.map(() => 'address'));
  });

  test('an email address is email, a company\'s address and a record\'s own ID are no field', () => {
    fc.assert(fc.property(fc.constantFrom('邮箱地址', '电子邮箱地址', '电子邮件地址', 'Email address', 'E-mail').chain(decorated), (d) => {
      expect(fieldByName(d)?.key).toBe('email');
    }));
    for (const h of ['公司地址', '企业地址', '单位地址', '办公地址', 'ID', 'id', 'ID No.', '网址', 'IP地址']) expect([h, fieldByName(h)?.key]).toEqual([h, undefined]);
  });

  test('decorating any field name never changes the field it names', () => {
    const anyName = fc.constantFrom(...FIELDS.flatMap((f) => namesOf(f.key).map((n) => [f.key, n] as const)));
    fc.assert(fc.property(anyName.chain(([key, name]) => decorated(name).map((d) => [key, d] as const)), ([key, d]) => {
      expect(fieldByName(d)?.key).toBe(key);
    }), { numRuns: 500 });
  });
});

/** A valid resident ID number: region, birth date 1900–2099, sequence, check character. */
const idNumber = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    born: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, born, seq }) => {
    const date = born.toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `${region}${date}${String(seq).padStart(3, '0')}`;
    return first17 + idCheckChar(first17);
  });
/** The old 15-digit form of a number born in the 1900s. */
const oldIdNumber = idNumber.filter((id) => id.slice(6, 8) === '19').map((id) => id.slice(0, 6) + id.slice(8, 17));
const address = fc
  .tuple(fc.constantFrom('北京市', '上海市', '广东省深圳市', '四川省成都市'), fc.string({ unit: fc.constantFrom(...'朝阳海淀南山武侯中关村建国人民解放大街路巷'), minLength: 4, maxLength: 12 }), fc.integer({ min: 1, max: 999 }))
  .map(([city, street, no]) => `${city}${street}${no}号`);

const ID_NAMES = namesOf('id_number');
const ADDRESS_NAMES = namesOf('address');
/** Fields whose messages quote what was typed: a choice, an integer, a ticket number, a mobile given twice. */
const QUOTING = ['industry', 'age', 'related_ticket', 'need_type'] as const;

const base = {
  customer_kind: '个人', name: '王小明', industry: '互联网', mobile: '13800138000', need_type: '产品咨询',
  need_description: '需要10台台式电脑，用于新员工办公', time_requirement: '1个月内', consent: '同意',
};

describe('no message quotes a sensitive value', () => {
  const submission = fc.record({
    ids: fc.uniqueArray(idNumber, { minLength: 2, maxLength: 2 }),
    old: oldIdNumber,
    addresses: fc.uniqueArray(address, { minLength: 2, maxLength: 2 }),
    idNames: fc.shuffledSubarray(ID_NAMES, { minLength: 2, maxLength: 2 }),
    addressNames: fc.shuffledSubarray(ADDRESS_NAMES, { minLength: 2, maxLength: 2 }),
    quoting: fc.constantFrom(...QUOTING),
    unknownName: fc.constantFrom('客户证件', '法人证件', '其他', 'Passport'),
    mobileTwice: fc.boolean(),
    useOld: fc.boolean(),
    locale: fc.constantFrom<Locale>('zh-CN', 'en'),
  });

  test('conflicting duplicates under aliases, an ID number in a quoting field or under a header of no field', () => {
    fc.assert(fc.property(submission, (s) => {
      const [id1, id2] = s.ids as [string, string];
      const raw: Record<string, unknown> = {
        ...base,
        [s.idNames[0]!]: id1,
        [s.idNames[1]!]: id2,
        [s.addressNames[0]!]: s.addresses[0],
        [s.addressNames[1]!]: s.addresses[1],
        [s.quoting]: id2,
        [s.unknownName]: s.useOld ? s.old : id1,
        ...(s.mobileTwice ? { 手机: id1 } : {}),
      };
      const secrets = [id1, id2, id1.slice(0, 17), id2.slice(0, 17), s.old, upgradedIdNumber(s.old)!, ...s.addresses];
      const norm = normaliseRaw(raw, s.locale);
      const result = validateSubmission(norm.values, { options: {}, locale: s.locale });
      const messages = [...norm.problems, ...result.warnings, ...(result.ok ? [] : result.problems)].map((i) => i.message);
      for (const m of messages) expect([m, secrets.filter((x) => m.includes(x))]).toEqual([m, []]);
      expect(norm.problems.map((p) => p.field)).toEqual(expect.arrayContaining(['id_number', 'address']));
      // What is kept beside the values for the reviewer is marked to be sealed wherever it holds a secret.
      for (const [name, v] of Object.entries(norm.unknown)) {
        if (secrets.some((x) => v.includes(x))) expect([name, isSensitiveAnswer(name, v)]).toEqual([name, true]);
      }
    }), { numRuns: 300 });
  });

  test('an ID number under a header of no field is the 证件号码 when none is given, never an unknown column', () => {
    fc.assert(fc.property(fc.oneof(idNumber, oldIdNumber), fc.constantFrom('客户证件', '证件号码2', 'Passport', '其他信息'), (id, name) => {
      const norm = normaliseRaw({ ...base, [name]: id }, 'zh-CN');
      expect(norm.values.id_number).toBe(normaliseIdNumber(id));
      expect(norm.unknown).toEqual({});
      expect(norm.problems).toEqual([]);
      expect(validateSubmission(norm.values, { options: {}, locale: 'zh-CN' }).ok).toBe(true);
    }));
  });
});

describe('ID numbers by value', () => {
  test('a valid number, with spaces or dashes or in the old form, looks like one; one digit off does not', () => {
    fc.assert(fc.property(idNumber, fc.nat(16), (id, at) => {
      expect(looksLikeIdNumber(id)).toBe(true);
      expect(looksLikeIdNumber(`${id.slice(0, 6)} ${id.slice(6, 14)}-${id.slice(14)}`)).toBe(true);
      const digit = String((Number(id[at]) + 1) % 10);
      const wrong = id.slice(0, at) + digit + id.slice(at + 1);
      // Another digit changes the check character (GB 11643 detects every single-digit error).
      expect(looksLikeIdNumber(wrong)).toBe(false);
    }));
    fc.assert(fc.property(oldIdNumber, (old) => {
      expect(looksLikeIdNumber(old)).toBe(true);
      expect(normaliseIdNumber(old)).toBe(upgradedIdNumber(old));
    }));
  });

  test('starring hides each number in a text and leaves other digits alone', () => {
    fc.assert(fc.property(idNumber, fc.string({ maxLength: 10 }), (id, around) => {
      const text = `${around}编号${id}，电话13800138000`;
      const starred = starIdNumbers(text);
      expect(starred).not.toContain(id.slice(0, 17));
      expect(starred).toContain('13800138000');
    }));
  });

  test('the sealed marker is recognised in either language, and nothing else is', () => {
    expect([isSealedMarker('已加密保存'), isSealedMarker(' 已加密保存 '), isSealedMarker('Stored encrypted')]).toEqual([true, true, true]);
    expect([isSealedMarker('北京市'), isSealedMarker(''), isSealedMarker(12)]).toEqual([false, false, false]);
  });
});
