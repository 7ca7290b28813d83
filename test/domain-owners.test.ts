import fc from 'fast-check';
import { ownerDirectory } from '../src/domain/owners';

const staff = [
  { email: 'zhang@example.com', name: '张伟' },
  { email: 'li@example.com', name: '李娜' },
  { email: 'li2@example.com', name: '李娜' },
  { email: 'anon@example.com', name: '' },
  { email: 'team@example.com', name: '客服组' },
  // 配置 reads a 员工 row without a name as named by its address.
  { email: 'blank@example.com', name: 'blank@example.com' },
];
const teams = [{ name: '客服组', members: ['zhang@example.com', 'member@example.com'] }, { name: '销售组', members: [] }];

describe('the 负责人 dropdown shows people by name', () => {
  const dir = ownerDirectory({ staff, teams });

  test('a name that is one person\'s alone is shown bare; a shared name, a team\'s name or none carry the address', () => {
    expect(dir.labels).toEqual(['张伟', '李娜（li@example.com）', '李娜（li2@example.com）', 'anon@example.com', '客服组（team@example.com）', 'blank@example.com', 'member@example.com', '客服组', '销售组']);
  });

  test('every label, address (any case) and bracketed address resolves to the person; teams to themselves; strangers to nothing', () => {
    expect(dir.email('张伟')).toBe('zhang@example.com');
    expect(dir.email('ZHANG@example.com')).toBe('zhang@example.com');
    expect(dir.email('李娜（li2@example.com）')).toBe('li2@example.com');
    expect(dir.email('李娜 <LI2@example.com>')).toBe('li2@example.com');
    expect(dir.canonical(' zhang@example.com ')).toBe('张伟');
    expect(dir.canonical('客服组')).toBe('客服组');
    expect(dir.email('客服组')).toBe('');
    expect(dir.canonical('李娜')).toBeNull();
    expect(dir.canonical('stranger@example.com')).toBeNull();
    expect(dir.canonical('')).toBeNull();
    expect(dir.label('stranger@example.com')).toBe('stranger@example.com');
  });

  test('mails greet a person by their own name, even when the dropdown needs the address beside it; no name, no greeting by name', () => {
    expect(dir.name('ZHANG@example.com')).toBe('张伟');
    expect(dir.name('张伟')).toBe('张伟');
    expect(dir.name('li2@example.com')).toBe('李娜');
    expect(dir.name('anon@example.com')).toBeNull();
    expect(dir.name('BLANK@example.com')).toBeNull();
    expect(dir.name('客服组')).toBeNull();
    expect(dir.name('stranger@example.com')).toBeNull();
    expect(dir.name('')).toBeNull();
    expect(dir.label('blank@example.com')).toBe('blank@example.com');
    expect(dir.label('stranger@example.com')).toBe('stranger@example.com');
  });

  test('property: labels are distinct and each label is canonical for itself and names its own person', () => {
    const person = fc.record({ email: fc.constantFrom('a@x.cn', 'b@x.cn', 'c@x.cn', 'B@x.cn'), name: fc.constantFrom('', '甲', '乙', '组一', 'x@y.cn') });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 6 }), fc.array(fc.constantFrom('组一', '组二'), { maxLength: 2 }), (people, teamNames) => {
        const d = ownerDirectory({ staff: people, teams: [...new Set(teamNames)].map((name) => ({ name, members: ['c@x.cn'] })) });
        expect(new Set(d.labels).size).toBe(d.labels.length);
        for (const l of d.labels) expect(d.canonical(l)).toBe(l);
        for (const p of people) expect(d.email(d.label(p.email)).toLowerCase()).toBe(p.email.toLowerCase());
      }),
    );
  });
});
