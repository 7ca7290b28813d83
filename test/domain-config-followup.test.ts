import { defaultConfigRows, parseConfig } from '../src/domain/config';

const withRows = (extra: string[][]) => parseConfig([...defaultConfigRows(), ...extra]);
const replacing = (group: string, key: string, value: string) =>
  parseConfig(defaultConfigRows().map((r) => (r[0] === group && r[1] === key ? [group, key, value, r[3]!] : r)));

describe('Config: follow-up settings', () => {
  test('the defaults round-trip through the sheet without problems', () => {
    const { config, errors } = parseConfig(defaultConfigRows());
    expect(errors).toEqual([]);
    expect(config.followUp).toEqual({
      notifyStatuses: ['已联系客户', '方案已提交', '问题已解决'],
      firstResponse: { 高: { amount: 4, unit: 'wh' }, 中: { amount: 1, unit: 'wd' }, 低: { amount: 2, unit: 'wd' } },
      supervisorAfter: { amount: 4, unit: 'wh' },
      survey: true,
      retentionDays: null,
    });
  });

  test('staff settings are read: statuses, interval, survey switch, retention in days/months/years', () => {
    expect(replacing('跟进', '通知客户的状态', '问题已解决').config.followUp.notifyStatuses).toEqual(['问题已解决']);
    expect(replacing('跟进', '主管升级间隔', '2wd').config.followUp.supervisorAfter).toEqual({ amount: 2, unit: 'wd' });
    expect(replacing('跟进', '满意度调查', '否').config.followUp.survey).toBe(false);
    expect(replacing('跟进', '个人信息保留期', '180天').config.followUp.retentionDays).toBe(180);
    expect(replacing('跟进', '个人信息保留期', '12个月').config.followUp.retentionDays).toBe(360);
    expect(replacing('跟进', '个人信息保留期', '3年').config.followUp.retentionDays).toBe(1095);
    expect(replacing('首次响应', '高', '8wh').config.followUp.firstResponse.高).toEqual({ amount: 8, unit: 'wh' });
  });

  test('a bad value is reported with its row and keeps the default', () => {
    const bad = replacing('跟进', '通知客户的状态', '已联系客户、搞定');
    expect(bad.config.followUp.notifyStatuses).toEqual(['已联系客户', '方案已提交', '问题已解决']);
    expect(bad.errors[0]!.message).toContain('搞定');
    const retention = replacing('跟进', '个人信息保留期', '永久');
    expect(retention.config.followUp.retentionDays).toBeNull();
    expect(retention.errors).toHaveLength(1);
    expect(withRows([['跟进', '不存在', '1', '']]).errors).toHaveLength(1);
  });
});
