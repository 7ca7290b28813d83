import fc from 'fast-check';
import { classifyIssue, isStrategic, priorityOf, segmentOf, type IssueTypeRule } from '../src/domain/tagging';
import type { Priority, Segment } from '../src/domain/vocabulary';

const RULES: IssueTypeRule[] = [
  { type: '功能缺陷', keywords: ['报错', '崩溃', 'bug', '无法', '故障'] },
  { type: '操作疑问', keywords: ['怎么', '如何', '在哪'] },
  { type: '服务建议', keywords: ['建议', '希望', '改进'] },
];

describe('classifyIssue', () => {
  test('picks the type whose keywords match', () => {
    expect(classifyIssue(['系统登录时报错，无法进入'], RULES)).toBe('功能缺陷');
    expect(classifyIssue(['请问导出功能在哪里？'], RULES)).toBe('操作疑问');
    expect(classifyIssue(['需要10台台式电脑'], RULES)).toBe('其他');
    expect(classifyIssue([], RULES)).toBe('其他');
  });

  test('is case- and width-insensitive (NFKC)', () => {
    expect(classifyIssue(['发现一个ＢＵＧ'], RULES)).toBe('功能缺陷');
    expect(classifyIssue(['Found a Bug'], RULES)).toBe('功能缺陷');
    expect(classifyIssue(['found a bug'], [{ type: '功能缺陷', keywords: ['ＢＵＧ'] }])).toBe('功能缺陷');
  });

  test('the most hits win, counted over all texts', () => {
    expect(classifyIssue(['建议增加批量导出，希望尽快', '不知道怎么设置'], RULES)).toBe('服务建议');
    expect(classifyIssue(['怎么导出？', '如何导入？在哪设置？', '建议改版'], RULES)).toBe('操作疑问');
  });

  test('a tie goes to the earlier rule', () => {
    expect(classifyIssue(['无法保存，建议修复'], RULES)).toBe('功能缺陷');
    expect(classifyIssue(['无法保存，建议修复'], [RULES[2], RULES[0]])).toBe('服务建议');
  });

  test('a type added in Config is used, and an empty keyword matches nothing', () => {
    const rules = [...RULES, { type: '竞品对比', keywords: ['竞品', '对比', ''] }];
    expect(classifyIssue(['和竞品对比一下价格'], rules)).toBe('竞品对比');
    expect(classifyIssue(['普通咨询'], rules)).toBe('其他');
  });
});

describe('isStrategic', () => {
  const list = ['华为技术有限公司', 'C20240501001', 'ACME Corp'];
  test('matches by name or customer number, ignoring width, case and spacing', () => {
    expect(isStrategic('华为技术有限公司', undefined, list)).toBe(true);
    expect(isStrategic('acme  corp', undefined, list)).toBe(true);
    expect(isStrategic('ＡＣＭＥ Ｃｏｒｐ', undefined, list)).toBe(true);
    expect(isStrategic('某某公司', 'C20240501001', list)).toBe(true);
    expect(isStrategic('华为', 'C20240501002', list)).toBe(false);
  });
  test('blank values never match', () => {
    expect(isStrategic('', '', ['', ' '])).toBe(false);
  });
});

describe('segmentOf', () => {
  test.each<[Parameters<typeof segmentOf>[0], Segment]>([
    [{ returning: false, strategic: false }, '新客户'],
    [{ returning: true, strategic: false }, '老客户'],
    [{ returning: true, strategic: true }, '战略客户'],
    [{ returning: false, strategic: false, budget: '10万以上', company_size: '200人以上' }, '战略客户'],
    [{ returning: false, strategic: false, budget: '10万以上', company_size: '50-200人' }, '新客户'],
    [{ returning: true, strategic: false, budget: '5-10万', company_size: '200人以上' }, '老客户'],
  ])('%j → %s', (input, expected) => expect(segmentOf(input)).toBe(expected));
});

describe('priorityOf', () => {
  const MAP: Record<string, Priority> = { '24小时内': '高', '3个工作日内': '中', '1周内': '低' };
  test.each<[Parameters<typeof priorityOf>[0], Priority]>([
    [{ expected_response: '24小时内', segment: '新客户' }, '高'],
    [{ expected_response: '3个工作日内', segment: '新客户' }, '中'],
    [{ expected_response: '1周内', segment: '老客户' }, '低'],
    [{ segment: '新客户' }, '低'],
    [{ expected_response: '1周内', need_type: '售后支持', issue_type: '功能缺陷', segment: '新客户' }, '中'],
    [{ expected_response: '1周内', need_type: '技术支持', issue_type: '功能缺陷', segment: '新客户' }, '低'],
    [{ expected_response: '3个工作日内', segment: '战略客户' }, '高'],
    // both reasons together still raise one level only
    [{ expected_response: '1周内', need_type: '售后支持', issue_type: '功能缺陷', segment: '战略客户' }, '中'],
    [{ expected_response: '24小时内', need_type: '售后支持', issue_type: '功能缺陷', segment: '战略客户' }, '高'],
  ])('%j → %s', (input, expected) => expect(priorityOf(input, MAP)).toBe(expected));

  test('the Config map decides the base level', () => {
    expect(priorityOf({ expected_response: '1周内', segment: '新客户' }, { ...MAP, '1周内': '中' })).toBe('中');
    expect(priorityOf({ expected_response: 'toString', segment: '新客户' }, MAP)).toBe('低');
  });

  test('is never below the base level and at most one level above it', () => {
    const rank = { 低: 0, 中: 1, 高: 2 };
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('24小时内', '3个工作日内', '1周内', '随便'), { nil: undefined }),
        fc.constantFrom('产品咨询', '售后支持', '技术支持'),
        fc.constantFrom('功能缺陷', '操作疑问', '其他'),
        fc.constantFrom<Segment>('新客户', '老客户', '战略客户'),
        (expected_response, need_type, issue_type, segment) => {
          const base = rank[priorityOf({ expected_response, segment: '新客户' }, MAP)];
          const got = rank[priorityOf({ expected_response, need_type, issue_type, segment }, MAP)];
          expect(got).toBeGreaterThanOrEqual(base);
          expect(got).toBeLessThanOrEqual(Math.min(2, base + 1));
        },
      ),
    );
  });
});
