import { CHOICE_OPTIONS, DEFAULT_ISSUE_TYPES, FIELDS, fieldByName, fieldLabel } from '../src/domain/fields';
import { CHANNELS, PRIORITIES, SEGMENTS, STATUSES } from '../src/domain/vocabulary';
import { normaliseText } from '../src/domain/normalise';

// docs/fields.md, in order: key, label, required.
const SPEC: [string, string, boolean][] = [
  ['customer_kind', '客户类型', true], ['name', '姓名/企业名称', true], ['gender', '性别', false],
  ['age', '年龄', false], ['position', '职位', false], ['company_size', '企业规模', false],
  ['industry', '所属行业', true], ['mobile', '手机号', true], ['landline', '固定电话', false],
  ['email', '电子邮箱', false], ['address', '联系地址', false], ['id_number', '证件号码', false],
  ['source_channel', '来源渠道', false], ['referrer', '推荐人信息', false],
  ['need_type', '需求类型', true], ['need_description', '具体需求描述', true], ['product_version', '当前使用的产品版本', false],
  ['budget', '预算范围', false], ['expected_response', '期望响应时间', false], ['time_requirement', '时间要求', true],
  ['cooperation_mode', '期望合作方式', false],
  ['satisfaction', '满意度评分', false], ['feedback', '反馈内容', false], ['related_ticket', '关联工单号', false],
  ['notes', '备注', false],
  ['consent', '个人信息处理同意', true], ['submitted_at', '填写日期', false], ['handler', '经办人', false],
  ['channel', '收集渠道', false],
];

describe('FIELDS', () => {
  test('lists every field of docs/fields.md in order, with its exact label and required mark', () => {
    expect(FIELDS.map((f) => [f.key, f.label, f.required])).toEqual(SPEC);
  });

  test('option lists are exactly those of the spec', () => {
    expect(CHOICE_OPTIONS).toEqual({
      customer_kind: ['个人', '企业'],
      gender: ['男', '女'],
      company_size: ['50人以下', '50-200人', '200人以上'],
      industry: ['制造业', '零售', '互联网', '教育', '金融', '医疗', '政府/公共事业', '其他'],
      source_channel: ['官网', '公众号', '小程序', '邮件', '短信', '展会', '上门拜访', '电话', '朋友推荐', '其他'],
      // The spec's five, and 资料更新 (定期更新's answers; docs/fields.md records the departure).
      need_type: ['产品咨询', '合作洽谈', '售后支持', '技术支持', '资料更新', '其他'],
      budget: ['1万以下', '1-5万', '5-10万', '10万以上'],
      expected_response: ['24小时内', '3个工作日内', '1周内'],
      time_requirement: ['1周内', '1个月内', '3个月内'],
      cooperation_mode: ['一次性购买', '长期合作', '试用体验'],
      // The spec's four, and the form tools pushing into the same pipeline (issue 18; docs/fields.md records the departure).
      channel: ['在线表单', '线下录入', '导入', '接口', '金数据', '问卷星', '腾讯问卷'],
    });
  });

  test('option values survive normalisation, so normalised answers can match them', () => {
    for (const list of Object.values(CHOICE_OPTIONS)) for (const o of list) expect(normaliseText(o)).toBe(o);
  });

  test('lengths, ranges and applicability follow the spec', () => {
    const by = Object.fromEntries(FIELDS.map((f) => [f.key, f]));
    expect([by.name.maxLength, by.position.maxLength, by.address.maxLength, by.referrer.maxLength]).toEqual([100, 50, 200, 100]);
    expect([by.need_description.maxLength, by.feedback.maxLength, by.notes.maxLength]).toEqual([5000, 5000, 2000]);
    expect([by.age.min, by.age.max, by.satisfaction.min, by.satisfaction.max]).toEqual([1, 120, 1, 5]);
    expect(by.need_description.min).toBe(10);
    expect(FIELDS.filter((f) => f.appliesTo === '个人').map((f) => f.key)).toEqual(['gender', 'age']);
    expect(FIELDS.filter((f) => f.appliesTo === '企业').map((f) => f.key)).toEqual(['position', 'company_size']);
    expect(FIELDS.filter((f) => f.optionsEditable).map((f) => f.key)).toEqual(['industry', 'source_channel', 'need_type']);
  });

  test('sensitive fields are address and id_number; id_number and bookkeeping stay off the form', () => {
    expect(FIELDS.filter((f) => f.sensitive).map((f) => f.key)).toEqual(['address', 'id_number']);
    expect(FIELDS.filter((f) => !f.onForm).map((f) => f.key)).toEqual(['id_number', 'submitted_at', 'handler', 'channel']);
  });

  test('every field has zh-CN help with an example, an English label and English help with the same example', () => {
    for (const f of FIELDS) {
      expect(f.help).toMatch(/例：/);
      expect(f.labelEn).toMatch(/^[A-Z][A-Za-z /-]+$/);
      expect(f.helpEn).toMatch(/\be\.g\. /);
      expect(f.helpEn).not.toMatch(/[请填写选择例]：/);
      // The example is the same stored value in both languages.
      expect(f.helpEn.split('e.g. ')[1]!.split(' ')[0]!.replace(/[“”]/g, '')).toBe(f.help.split('例：')[1]!.split(' ')[0]!.replace(/^勾选/, '').replace(/[“”]/g, ''));
    }
  });

  test('the help the sidebars show staff speaks about the customer, not to them', () => {
    for (const f of FIELDS) {
      const shown = f.staffHelp ?? f.help;
      expect({ key: f.key, shown }).not.toEqual({ key: f.key, shown: expect.stringMatching(/您|请填写/) });
      if (f.staffHelp) expect(f.staffHelp).not.toBe(f.help);
    }
  });

  test('derived-column constants', () => {
    expect(SEGMENTS).toEqual(['新客户', '老客户', '战略客户']);
    expect(PRIORITIES).toEqual(['高', '中', '低']);
    // The field contract's five, and 待客户补充 beside them (issue 19: a pause that stops the clock).
    expect(STATUSES).toEqual(['新建', '已联系客户', '方案已提交', '待客户补充', '问题已解决', '已关闭']);
    expect(CHANNELS).toEqual(['在线表单', '线下录入', '导入', '接口', '金数据', '问卷星', '腾讯问卷']);
    expect(DEFAULT_ISSUE_TYPES).toEqual(['功能缺陷', '操作疑问', '服务建议', '其他']);
  });
});

describe('fieldByName', () => {
  test('finds a field by key or zh-CN label, trimmed and width-insensitive', () => {
    expect(fieldByName('mobile')?.key).toBe('mobile');
    expect(fieldByName('手机号')?.key).toBe('mobile');
    expect(fieldByName('  手机号 ')?.key).toBe('mobile');
    expect(fieldByName('ｍｏｂｉｌｅ')?.key).toBe('mobile');
    expect(fieldByName('姓名/企业名称')?.key).toBe('name');
    expect(fieldByName('姓名／企业名称')?.key).toBe('name');
    expect(fieldByName('Need_Type')?.key).toBe('need_type');
    expect(fieldByName('具体需求描述*')?.key).toBe('need_description');
  });

  test('knows common aliases and the English labels', () => {
    expect(fieldByName('姓名')?.key).toBe('name');
    expect(fieldByName('身份证号')?.key).toBe('id_number');
    expect(fieldByName('Email')?.key).toBe('email');
  });

  test('returns undefined for names outside the contract', () => {
    expect(fieldByName('微信号')).toBeUndefined();
    expect(fieldByName('')).toBeUndefined();
    expect(fieldByName('x'.repeat(100_000))).toBeUndefined();
  });

  test('fieldLabel gives the label in a locale', () => {
    expect(fieldLabel('mobile')).toBe('手机号');
    expect(fieldLabel('mobile', 'en')).toBe('Mobile');
  });
});
