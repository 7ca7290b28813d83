/** 老客户预填 on the bundle: found by mobile, email or number; never the sensitive fields. */
import { person, submitOne, world } from './helpers/world';

test('a returning customer is found by mobile, email or customer number, without address or ID number', () => {
  const rt = world();
  const out = submitOne(rt, person({ email: 'Lao.Kehu@Example.com', address: '北京市朝阳区建国路88号', id_number: '11010519491231002X' }), 'manual');
  expect(out.outcome).toBe('accepted');
  const find = (q: string) => {
    const r = rt.run('lookupCustomer', [q], { user: 'sales1@example.com' });
    return r.ok ? r.value : { error: r.error };
  };
  for (const q of ['+86 138-0013-8000', 'lao.kehu@example.com', String(out['customer_no']).toLowerCase()]) {
    expect(find(q)).toMatchObject({ customerNo: out['customer_no'], answers: { name: '王小明', mobile: '13800138000' } });
  }
  const found = find('13800138000') as { answers: Record<string, string> };
  expect(Object.keys(found.answers)).not.toContain('address');
  expect(Object.keys(found.answers)).not.toContain('id_number');
  expect(JSON.stringify(found)).not.toContain('建国路');
  expect(find('13999999999')).toBeNull();
  expect(find('hello')).toEqual({ error: expect.stringContaining('请输入11位手机号') });
});
