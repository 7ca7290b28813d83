import fc from 'fast-check';
import { ownerLabel, route, staffName, type RoutingRule, type Team } from '../src/domain/routing';

const TEAMS: Team[] = [
  { name: '销售组', members: ['a@example.com', 'b@example.com'], supervisor: 'boss@example.com' },
  { name: '技术支持组', members: ['t1@example.com', 't2@example.com', 't3@example.com'] },
  { name: '产品经理', members: [] },
];
const RULES: RoutingRule[] = [
  { needType: '售后支持', team: '技术支持组' },
  { needType: '技术支持', team: '技术支持组' },
  { needType: '产品咨询', team: '销售组' },
  { needType: '合作洽谈', team: '销售组' },
  { issueType: '功能缺陷', team: '产品经理' },
];

describe('route', () => {
  test('need-type rules pick the team', () => {
    expect(route({ need_type: '产品咨询', issue_type: '其他' }, RULES, TEAMS, {})).toMatchObject({ team: '销售组', owner: 'a@example.com' });
    expect(route({ need_type: '售后支持', issue_type: '操作疑问' }, RULES, TEAMS, {}).team).toBe('技术支持组');
  });

  test('an issue-type rule wins over a need-type rule, wherever it stands', () => {
    expect(route({ need_type: '售后支持', issue_type: '功能缺陷' }, RULES, TEAMS, {}).team).toBe('产品经理');
    expect(route({ need_type: '售后支持', issue_type: '功能缺陷' }, [...RULES].reverse(), TEAMS, {}).team).toBe('产品经理');
  });

  test('a rule naming both fields applies only when both match', () => {
    const rules = [{ needType: '产品咨询', issueType: '功能缺陷', team: '销售组' }, ...RULES];
    expect(route({ need_type: '产品咨询', issue_type: '功能缺陷' }, rules, TEAMS, {}).team).toBe('销售组');
    expect(route({ need_type: '售后支持', issue_type: '功能缺陷' }, rules, TEAMS, {}).team).toBe('产品经理');
  });

  test('a team without members, or not in the team list, owns the ticket itself', () => {
    expect(route({ need_type: '其他', issue_type: '功能缺陷' }, RULES, TEAMS, {})).toMatchObject({ team: '产品经理', owner: '产品经理' });
    expect(route({ need_type: '其他' }, [{ needType: '其他', team: '客服组' }], TEAMS, {})).toMatchObject({ team: '客服组', owner: '客服组' });
  });

  test('without a matching rule: a catch-all rule, else the first team, else 未分配', () => {
    expect(route({ need_type: '其他', issue_type: '其他' }, [...RULES, { team: '技术支持组' }], TEAMS, {}).team).toBe('技术支持组');
    expect(route({ need_type: '其他', issue_type: '其他' }, RULES, TEAMS, {})).toMatchObject({ team: '销售组', owner: 'a@example.com' });
    expect(route({ need_type: '其他' }, [], [], {})).toEqual({ team: '未分配', owner: '未分配', rotation: {} });
  });

  test('rotates members and returns the state without modifying the input', () => {
    const rotation = Object.freeze({ 销售组: 1 });
    const first = route({ need_type: '产品咨询' }, RULES, TEAMS, rotation);
    expect(first.owner).toBe('b@example.com');
    expect(rotation).toEqual({ 销售组: 1 });
    const second = route({ need_type: '产品咨询' }, RULES, TEAMS, first.rotation);
    expect(second.owner).toBe('a@example.com');
  });

  test('a stale rotation index (a member was removed) still picks a current member', () => {
    expect(route({ need_type: '产品咨询' }, RULES, TEAMS, { 销售组: 7 }).owner).toBe('b@example.com');
    expect(route({ need_type: '产品咨询' }, RULES, TEAMS, { 销售组: -1 }).owner).toBe('a@example.com');
  });

  test('round robin is fair under any sequence of tickets across teams', () => {
    const ticketArb = fc.constantFrom({ need_type: '产品咨询' }, { need_type: '合作洽谈' }, { need_type: '技术支持' }, { need_type: '售后支持', issue_type: '操作疑问' });
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 200 }), (tickets) => {
        let rotation = {};
        const counts = new Map<string, number>();
        for (const ticket of tickets) {
          const r = route(ticket, RULES, TEAMS, rotation);
          rotation = r.rotation;
          counts.set(r.owner, (counts.get(r.owner) ?? 0) + 1);
        }
        for (const team of TEAMS.filter((t) => t.members.length > 0)) {
          const perMember = team.members.map((m) => counts.get(m) ?? 0);
          expect(Math.max(...perMember) - Math.min(...perMember)).toBeLessThanOrEqual(1);
          // the earlier members are never behind the later ones
          expect([...perMember].sort((a, b) => b - a)).toEqual(perMember);
        }
      }),
    );
  });
});

describe('ownerLabel / staffName', () => {
  const staff = [
    { email: 'Zhang.San@example.com', name: '张三' },
    { email: 'nameless@example.com', name: ' ' },
    // 配置 reads a 员工 row without a name as named by its address.
    { email: 'blank@example.com', name: 'blank@example.com' },
  ];
  test('a person is shown by their name from 员工, whatever the case of the address', () => {
    expect(ownerLabel('zhang.san@EXAMPLE.com', staff)).toBe('张三');
    expect(staffName(' zhang.san@example.com ', staff)).toBe('张三');
  });
  test('without a name in 员工 the address stays; a team name stays a team name', () => {
    expect(ownerLabel('nameless@example.com', staff)).toBe('nameless@example.com');
    expect(ownerLabel('other@example.com', staff)).toBe('other@example.com');
    expect(ownerLabel('售后组', staff)).toBe('售后组');
    expect(staffName('nameless@example.com', staff)).toBeNull();
    expect(staffName('', staff)).toBeNull();
    expect(staffName('BLANK@example.com', staff)).toBeNull();
  });
});
