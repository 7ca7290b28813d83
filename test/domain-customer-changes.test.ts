import fc from 'fast-check';
import { CONTACT_FIELDS, CUSTOMER_FIELDS, decideCustomerUpdate, parsePendingChanges } from '../src/domain/customer-changes';

const RECORD = { customer_kind: '个人', name: '王小明', mobile: '13800138000', email: 'xiaoming@example.com', industry: '互联网' } as const;

describe('decideCustomerUpdate: what a matched submission may change', () => {
  test('contact details are never written, not even into an empty field: they wait', () => {
    const { fill, pending } = decideCustomerUpdate(RECORD, { ...RECORD, name: '冒名者', email: 'attacker@evil.example', address: '上海市浦东新区世纪大道100号', landline: '010-12345678' });
    expect(fill).toEqual({});
    expect(pending).toEqual({ name: '冒名者', landline: '010-12345678', email: 'attacker@evil.example', address: '上海市浦东新区世纪大道100号' });
  });

  test('an empty descriptive field is filled; a held one that differs waits', () => {
    const { fill, pending } = decideCustomerUpdate(RECORD, { ...RECORD, industry: '教育', referrer: '李四', age: '35' });
    expect(fill).toEqual({ age: '35', referrer: '李四' });
    expect(pending).toEqual({ industry: '教育' });
  });

  test('the same details, or blank answers, change nothing', () => {
    expect(decideCustomerUpdate(RECORD, RECORD)).toEqual({ fill: {}, pending: {} });
    expect(decideCustomerUpdate(RECORD, { mobile: '13800138000', email: '', name: '' })).toEqual({ fill: {}, pending: {} });
  });

  test('for any record and submission: no contact field is ever filled, and every differing answer is filled or waits', () => {
    const value = fc.constantFrom('', 'a', 'b');
    const values = fc.record(Object.fromEntries(CUSTOMER_FIELDS.map((k) => [k, value])) as Record<string, fc.Arbitrary<string>>);
    fc.assert(fc.property(values, values, (stored, submitted) => {
      const { fill, pending } = decideCustomerUpdate(stored, submitted);
      for (const k of Object.keys(fill)) expect(CONTACT_FIELDS.has(k as never)).toBe(false);
      for (const k of CUSTOMER_FIELDS) {
        const differs = submitted[k] !== '' && submitted[k] !== stored[k];
        expect([k, k in fill || k in pending]).toEqual([k, differs]);
        expect(k in fill && k in pending).toBe(false);
      }
    }));
  });
});

describe('parsePendingChanges', () => {
  test('keeps customer fields with text, drops anything else and anything malformed', () => {
    expect(parsePendingChanges('{"email":"a@b.cn","address":"x","need_type":"产品咨询","age":35,"name":""}')).toEqual({ email: 'a@b.cn', address: 'x' });
    expect(parsePendingChanges('not json')).toEqual({});
    expect(parsePendingChanges('[1]')).toEqual({});
    expect(parsePendingChanges('null')).toEqual({});
  });
});
