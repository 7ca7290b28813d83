import fc from 'fast-check';
import { CHOICE_OPTIONS, FIELDS, fieldLabel, type FieldKey } from '../src/domain/fields';
import { normaliseRaw } from '../src/domain/normalise';
import { describeProblems, validateSubmission, type ValidationResult } from '../src/domain/validate';
import { idCheckChar } from '../src/domain/id-number';
import { MESSAGES, format, translator } from '../src/i18n/messages';

type Values = Partial<Record<FieldKey, string>>;
const OPTS = { options: { ...CHOICE_OPTIONS } as Record<string, readonly string[]>, consentText: '我同意处理我的个人信息', locale: 'zh-CN' as const };

const BASE: Values = {
  customer_kind: '企业', name: '北京示例科技有限公司', industry: '制造业', mobile: '13800138000',
  need_type: '产品咨询', need_description: '需要10台台式电脑，用于新员工办公', time_requirement: '1个月内', consent: '同意',
};

function problemsOf(r: ValidationResult) {
  return r.ok ? [] : r.problems;
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const cjk = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), { minLength: min, maxLength: max }).map((a) => a.join(''));
const option = (key: keyof typeof CHOICE_OPTIONS) => fc.constantFrom(...CHOICE_OPTIONS[key]);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([d, rest]) => `1${d}${rest}`);
const landline = fc.tuple(fc.constantFrom('010', '021', '0755', '0571'), fc.integer({ min: 2, max: 9 }), digits(6), fc.boolean(), optional(digits(3)))
  .map(([area, first, rest, eight, ext]) => `${area}-${first}${eight ? rest + '0' : rest}${ext ? `-${ext}` : ''}`);
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}[a-z0-9]$/), fc.constantFrom('example.com', 'qq.com', 'mail.example.cn'))
  .filter(([local]) => !local.includes('..'))
  .map(([local, domain]) => `${local}@${domain}`);
const idNumber = fc.tuple(digits(6).filter((a) => a[0] !== '0'), fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), digits(3))
  .map(([area, birth, seq]) => {
    const day = birth.toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `${area}${day}${seq}`;
    return first17 + idCheckChar(first17);
  });

const requiredValues = fc.record({
  customer_kind: option('customer_kind'), name: cjk(1, 100), industry: option('industry'), mobile,
  need_type: option('need_type'), need_description: cjk(10, 200), time_requirement: option('time_requirement'),
  consent: fc.constantFrom('同意', '是', 'TRUE', 'yes', 'Yes', '1', '✓', OPTS.consentText),
});
const optionalValues = fc.record({
  gender: optional(option('gender')), age: optional(fc.integer({ min: 1, max: 120 }).map(String)),
  position: optional(cjk(1, 50)), company_size: optional(option('company_size')), landline: optional(landline),
  email: optional(email), address: optional(cjk(1, 200)), id_number: optional(idNumber),
  source_channel: optional(option('source_channel')), referrer: optional(cjk(1, 100)), product_version: optional(fc.constant('V3.2')),
  budget: optional(option('budget')), expected_response: optional(option('expected_response')),
  cooperation_mode: optional(option('cooperation_mode')), satisfaction: optional(fc.integer({ min: 1, max: 5 }).map(String)),
  feedback: optional(cjk(0, 300)), related_ticket: optional(fc.constant('T20240501001')), notes: optional(cjk(0, 100)),
});
const validSubmission: fc.Arbitrary<Values> = fc.tuple(requiredValues, optionalValues)
  .map(([req, opt]) => ({ ...req, ...Object.fromEntries(Object.entries(opt).filter(([, x]) => x !== undefined)) }));

/** One mutation per rule: which field it breaks and how. */
const MUTATIONS: [FieldKey, (v: Values) => Values][] = [
  ['customer_kind', (v) => ({ ...v, customer_kind: '团体' })],
  ['name', (v) => ({ ...v, name: undefined })],
  ['name', (v) => ({ ...v, name: '名'.repeat(101) })],
  ['gender', (v) => ({ ...v, gender: '未知' })],
  ['age', (v) => ({ ...v, age: '0' })],
  ['age', (v) => ({ ...v, age: '121' })],
  ['age', (v) => ({ ...v, age: '三十' })],
  ['position', (v) => ({ ...v, position: 'x'.repeat(51) })],
  ['industry', (v) => ({ ...v, industry: '农业' })],
  ['industry', (v) => ({ ...v, industry: '' })],
  ['mobile', (v) => ({ ...v, mobile: '12800138000' })],
  ['mobile', (v) => ({ ...v, mobile: '1380013800' })],
  ['landline', (v) => ({ ...v, landline: '12345678' })],
  ['email', (v) => ({ ...v, email: 'zhang@localhost' })],
  ['email', (v) => ({ ...v, email: 'zhang.example.com' })],
  ['address', (v) => ({ ...v, address: '址'.repeat(201) })],
  ['id_number', (v) => ({ ...v, id_number: '11010519491231002' })],
  ['id_number', (v) => ({ ...v, id_number: '110105194912310021' })],
  ['id_number', (v) => ({ ...v, id_number: (() => { const s = '11010519490231001'; return s + idCheckChar(s); })() })],
  ['source_channel', (v) => ({ ...v, source_channel: '抖音' })],
  ['need_type', (v) => ({ ...v, need_type: undefined })],
  ['need_description', (v) => ({ ...v, need_description: '要电脑，，，！！！' })],
  ['need_description', (v) => ({ ...v, need_description: '需'.repeat(5001) })],
  ['budget', (v) => ({ ...v, budget: '100万' })],
  ['time_requirement', (v) => ({ ...v, time_requirement: '明天' })],
  ['satisfaction', (v) => ({ ...v, satisfaction: '6' })],
  ['satisfaction', (v) => ({ ...v, satisfaction: '4.5' })],
  ['notes', (v) => ({ ...v, notes: '备'.repeat(2001) })],
  ['consent', (v) => ({ ...v, consent: undefined })],
  ['consent', (v) => ({ ...v, consent: '不同意' })],
  ['channel', (v) => ({ ...v, channel: '微信' })],
];

describe('validateSubmission', () => {
  test('generated valid submissions pass, with typed values', () => {
    fc.assert(fc.property(validSubmission, (v) => {
      const r = validateSubmission(v, OPTS);
      if (!r.ok) throw new Error(describeProblems(r.problems));
      expect(r.submission.consent).toBe(true);
      if (v.age !== undefined) expect(r.submission.age).toBe(Number(v.age));
      if (v.satisfaction !== undefined) expect(r.submission.satisfaction).toBe(Number(v.satisfaction));
      return true;
    }), { numRuns: 300 });
  });

  test('each single mutation that breaks one rule yields exactly one problem, on that field', () => {
    fc.assert(fc.property(validSubmission, fc.constantFrom(...MUTATIONS), (v, [field, mutate]) => {
      const r = validateSubmission(mutate(v), OPTS);
      expect(r.ok).toBe(false);
      expect(problemsOf(r).map((p) => p.field)).toEqual([field]);
    }), { numRuns: 500 });
  });

  test('every problem message is plain zh-CN naming the field label', () => {
    for (const [field, mutate] of MUTATIONS) {
      const [problem] = problemsOf(validateSubmission(mutate(BASE), OPTS));
      expect(problem.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(problem.message).toContain(fieldLabel(field));
      expect(problem.code).not.toBe('');
    }
  });

  test('the messages of the spec', () => {
    const r = validateSubmission({ ...BASE, mobile: '1234' }, OPTS);
    expect(problemsOf(r).map((p) => p.message)).toEqual(['手机号格式不正确：应为11位中国大陆手机号']);
    expect(problemsOf(validateSubmission({ ...BASE, name: undefined }, OPTS))[0].message).toBe('姓名/企业名称为必填项，请填写');
    expect(problemsOf(validateSubmission({ ...BASE, industry: '农业' }, OPTS))[0].message).toContain('可选 制造业、零售');
  });

  test('a blank required choice asks to choose (请选择), a blank consent box to tick it (请勾选)', () => {
    expect(problemsOf(validateSubmission({ ...BASE, industry: undefined }, OPTS))[0].message).toBe('所属行业为必填项，请选择');
    expect(problemsOf(validateSubmission({ ...BASE, consent: undefined }, OPTS))[0].message).toBe('个人信息处理同意为必填项，请勾选');
    const en = { ...OPTS, locale: 'en' as const };
    expect(problemsOf(validateSubmission({ ...BASE, industry: undefined }, en))[0].message).toBe('Industry is required: choose one');
  });

  test('reports all problems at once, in field order', () => {
    const r = validateSubmission({ need_description: '随便', mobile: '123', email: 'bad', age: '200' }, OPTS);
    expect(r.ok).toBe(false);
    expect(problemsOf(r).map((p) => p.field)).toEqual([
      'customer_kind', 'name', 'age', 'industry', 'mobile', 'email', 'need_type', 'need_description', 'time_requirement', 'consent',
    ]);
    expect(describeProblems(problemsOf(r)).split('\n')).toHaveLength(10);
  });

  test('blank values count as absent and optional text fields are left out of the submission', () => {
    const r = validateSubmission({ ...BASE, email: '  ', notes: '', landline: '\u3000' }, OPTS);
    expect(r.ok && r.submission).toEqual({ ...BASE, need_description: '需要10台台式电脑，用于新员工办公', consent: true });
  });

  test('normalises again, so raw spellings are accepted', () => {
    const r = validateSubmission({ ...BASE, mobile: '+86 138-0013-8000', email: ' A@Example.COM ', id_number: '11010519491231002x' }, OPTS);
    expect(r.ok && [r.submission.mobile, r.submission.email, r.submission.id_number]).toEqual(['13800138000', 'a@example.com', '11010519491231002X']);
  });

  test('consent: the accepted words in any case, or the Form consent sentence', () => {
    for (const c of ['同意', '是', 'true', 'TRUE', 'Yes', '1', '✓', ' 我同意处理我的个人信息 ']) {
      expect(validateSubmission({ ...BASE, consent: c }, OPTS).ok).toBe(true);
    }
    const r = validateSubmission({ ...BASE, consent: '否' }, OPTS);
    expect(r.ok === false && r.consent).toBe(false);
    const withOtherProblem = validateSubmission({ ...BASE, mobile: '1' }, OPTS);
    expect(withOtherProblem.ok === false && withOtherProblem.consent).toBe(true);
  });

  test('Config option lists replace the defaults', () => {
    const options = { ...OPTS.options, industry: ['农业', '制造业'] };
    expect(validateSubmission({ ...BASE, industry: '农业' }, { options, locale: 'zh-CN' }).ok).toBe(true);
    expect(validateSubmission({ ...BASE, industry: '零售' }, { options, locale: 'zh-CN' }).ok).toBe(false);
  });

  test('en locale: English messages with English labels', () => {
    const r = validateSubmission({ ...BASE, mobile: '1' }, { ...OPTS, locale: 'en' });
    expect(problemsOf(r)[0].message).toBe('Mobile is malformed: expected an 11-digit mainland China mobile number');
  });

  test('hostile strings never throw', () => {
    const keys = FIELDS.map((f) => f.key);
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('=HYPERLINK("x")', '\u0000', '\ud800', '1'.repeat(20_000), 'a@'.repeat(10_000), '0'.repeat(40), '\u202e'),
    );
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...keys), hostile), (v) => {
      const r = validateSubmission(v, OPTS);
      const issues = r.ok ? r.warnings : [...r.problems, ...r.warnings];
      return issues.every((i) => i.message.length > 0);
    }), { numRuns: 300 });
  });

  test('a 5 MB value is rejected quickly as too long', () => {
    const started = Date.now();
    const huge = '长'.repeat(5_000_000);
    const r = validateSubmission({ ...BASE, need_description: huge, mobile: huge }, OPTS);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(problemsOf(r).map((p) => [p.field, p.code])).toEqual([['mobile', 'too_long'], ['need_description', 'too_long']]);
  });

  test('works on normaliseRaw output end to end', () => {
    const raw = { 客户类型: '个人', 姓名: '张三', 所属行业: '教育', 手机号: '１３８ ００１３ ８０００', 需求类型: '技术支持',
      具体需求描述: '打印功能报错，无法导出PDF文件', 时间要求: '1周内', 个人信息处理同意: [OPTS.consentText], 年龄: 30 };
    const n = normaliseRaw(raw, 'zh-CN');
    const r = validateSubmission(n.values, OPTS);
    expect(r.ok && r.submission).toMatchObject({ customer_kind: '个人', mobile: '13800138000', age: 30, consent: true });
  });
});

describe('warnings', () => {
  const warningCodes = (v: Values) => validateSubmission(v, OPTS).warnings.map((w) => w.code);

  test('a vague need description is a warning, not an error', () => {
    for (const d of ['需求不明确，不知道，以后再说吧', '随便随便随便随便随便随便', '啊啊啊啊啊啊啊啊啊啊啊', '暂无需求，再说，都可以，随便看看吧']) {
      const r = validateSubmission({ ...BASE, need_description: d }, OPTS);
      expect(r.ok).toBe(true);
      expect(r.warnings.map((w) => w.code)).toEqual(['vague']);
      expect(r.warnings[0].message).toContain('具体需求描述');
    }
    expect(warningCodes(BASE)).toEqual([]);
    expect(warningCodes({ ...BASE, need_description: '系统没有响应，打开报表时一直转圈，无法导出数据' })).toEqual([]);
  });

  test('age under 22 with a senior position', () => {
    const r = validateSubmission({ ...BASE, customer_kind: '个人', age: '19', position: '公司CEO' }, OPTS);
    expect(r.warnings.map((w) => w.code)).toEqual(['age_vs_position', 'kind_mismatch']);
    expect(r.warnings[0].message).toBe('年龄（19岁）与职位“公司CEO”不太相符，请核实');
    expect(warningCodes({ ...BASE, age: '30', position: '总经理' })).toEqual(['kind_mismatch']);
  });

  test('个人 with company fields, 企业 with personal fields', () => {
    const person = validateSubmission({ ...BASE, customer_kind: '个人', company_size: '200人以上', position: '经理' }, OPTS);
    expect(person.warnings.map((w) => w.message)).toEqual(['客户类型为个人，但填写了企业信息：职位、企业规模']);
    const company = validateSubmission({ ...BASE, customer_kind: '企业', gender: '男' }, OPTS);
    expect(company.warnings.map((w) => w.message)).toEqual(['客户类型为企业，但填写了个人信息：性别']);
    expect(warningCodes({ ...BASE, customer_kind: '个人', gender: '女', age: '40' })).toEqual([]);
  });

  test('a related ticket that does not look like a ticket number', () => {
    expect(warningCodes({ ...BASE, related_ticket: 'T20240501001' })).toEqual([]);
    expect(warningCodes({ ...BASE, related_ticket: '上次那个' })).toEqual(['ticket_format']);
  });
});

describe('message catalogue', () => {
  const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

  test('en has the same keys and the same placeholders as zh-CN', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
    for (const [key, zh] of Object.entries(MESSAGES['zh-CN'])) {
      expect([key, placeholders(MESSAGES.en[key as keyof typeof MESSAGES.en])]).toEqual([key, placeholders(zh)]);
    }
  });

  test('t fills placeholders, in zh-CN by default', () => {
    expect(translator('zh-CN')('validate.mobile', { label: '手机号' })).toBe('手机号格式不正确：应为11位中国大陆手机号');
    expect(translator('en')('validate.mobile', { label: 'Mobile' })).toBe('Mobile is malformed: expected an 11-digit mainland China mobile number');
    expect(format('validate.tooLong', { label: '备注', max: 2000 }, 'zh-CN')).toBe('备注过长：最多2000个字符，当前{length}个');
  });
});
