import fc from 'fast-check';
import { Collector } from '../src/domain/config-rows';
import {
  defaultFormToolMapping, describePushRefusal, mapPush, parseFormToolRows, type FormToolMapping, type MappedPush, type MappingRow,
} from '../src/domain/form-tool-mapping';
import { readPush, type ParsedPush, type PushRead } from '../src/domain/form-tool-push';
import { CHOICE_OPTIONS } from '../src/domain/fields';
import { normaliseRaw } from '../src/domain/normalise';
import { validateSubmission } from '../src/domain/validate';

function parsed(r: PushRead): ParsedPush {
  if (!r.ok) throw new Error(`refused: ${r.refused}`);
  return r.push;
}

function filed(m: MappedPush) {
  if (!m.ok) throw new Error(`refused: ${m.refused}`);
  return m;
}

/** Rows as 配置 holds them (分组 表单工具), numbered from sheet row 2. */
function rows(...pairs: [string, string][]): MappingRow[] {
  return pairs.map(([key, value], i) => ({ row: i + 2, key, value }));
}

function mappingOf(pairs: [string, string][], options: Record<string, readonly string[]> = {}): { mapping: FormToolMapping; errors: string[]; errorsEn: string[] } {
  const c = new Collector();
  const mapping = parseFormToolRows(rows(...pairs), c, options);
  return { mapping, errors: c.errors('zh-CN').map((e) => e.message), errorsEn: c.errors('en').map((e) => e.message) };
}

/** What the intake pipeline makes of mapped answers: normalised values, 备注's unknown columns, problems; then validation. */
function pipeline(answers: Record<string, unknown>) {
  const norm = normaliseRaw(answers, 'zh-CN');
  return { norm, validation: validateSubmission(norm.values, { options: CHOICE_OPTIONS, locale: 'zh-CN' }) };
}

// The 问卷星 sample of https://www.showdoc.com.cn/wjxopenapi/7664690808275512, its typo ("q3","1,2") corrected.
const WJX_DOC = { activity: '5657754', name: '问卷名称', timetaken: '528', submittime: '2016-08-23 10:01:59', q1: '1', q2: '测试', q3: '1,2', joinid: '101812480275', totalvalue: '15', sign: '' };

// Verbatim response of https://open.jinshuju.net/api_v1/endpoints/get_form_entry: the entry a 金数据 push carries.
const JINSHUJU_DOC = {
  form: 'TOKEN', form_name: '表单标题',
  entry: { serial_number: 1, field_1: '张三', field_2: '13000000000', info_filling_duration: 28, creator_name: '', created_at: '2020-08-28T08:00:00.000Z', updated_at: '2020-08-28T08:00:00.000Z' },
};

/**
 * CONSTRUCTED 腾讯问卷 push (envelope fields of https://wj.qq.com/docs/webhook/, question fields of
 * https://wj.qq.com/docs/openapi/survey/get_answer) for a form whose questions carry the contract's
 * titles, which 腾讯问卷's pages may carry as `title`; the answers are invented.
 */
function tencentForm(questions: { id: string; title?: string; text?: string; options?: string[] }[]) {
  return parsed(readPush({
    object: 'Answer', action: 'answer.create', created_at: '2026-11-20 10:00:00',
    payload: {
      survey_id: 292192, answer_id: 15, ended_at: '2026-11-20 09:58:39',
      answer: [{ id: 'p-1-AAAA', questions: questions.map((q) => ({ type: q.options ? 'radio' : 'text', ...q, options: q.options?.map((text, i) => ({ id: `o-${i}`, text, checked: 1 })) })) }],
    },
  }));
}

const CONTRACT_TITLED = [
  { id: 'q-1', title: '1. 客户类型', options: ['企业'] },
  { id: 'q-2', title: '姓名/企业名称', text: '北京示例科技有限公司' },
  { id: 'q-3', title: '所属行业', options: ['制造业'] },
  { id: 'q-4', title: '手机号', text: '+86 138 0013 8000' },
  { id: 'q-5', title: '需求类型', options: ['产品咨询'] },
  { id: 'q-6', title: '具体需求描述（必填）', text: '需要10台台式电脑，用于新员工办公' },
  { id: 'q-7', title: '时间要求', options: ['1个月内'] },
  { id: 'q-8', title: '个人信息处理同意', options: ['同意'] },
  { id: 'q-9', title: '您还有什么想告诉我们的？', text: '工作日下午方便接听' },
];

describe('the default mapping: questions titled as the contract', () => {
  test('a 腾讯问卷 form built with the contract titles files without any row; the extra question goes to 备注', () => {
    const m = filed(mapPush(tencentForm(CONTRACT_TITLED), defaultFormToolMapping()));
    const { norm, validation } = pipeline(m.answers);
    expect(validation.ok).toBe(true);
    expect(norm.values).toMatchObject({ customer_kind: '企业', name: '北京示例科技有限公司', mobile: '13800138000', consent: '同意' });
    // The pipeline folds a column name (NFKC): 备注 reads “您还有什么想告诉我们的?: 工作日下午方便接听”.
    expect(norm.unknown).toEqual({ '您还有什么想告诉我们的?': '工作日下午方便接听' });
    expect(m.unmapped).toEqual([{ questionId: 'q-9', name: '您还有什么想告诉我们的？' }]);
  });

  test('a renamed 金数据 API code that is a field key (mobile) fills that field', () => {
    const p = parsed(readPush({ form: 'F1', entry: { serial_number: 3, name: '张三', mobile: '13800138000' } }));
    expect(filed(mapPush(p, defaultFormToolMapping())).answers).toEqual({ name: '张三', mobile: '13800138000' });
  });

  test('a question titled like a field the system fills (填写日期, 经办人) is kept in 备注, not taken as it', () => {
    const m = filed(mapPush(tencentForm([{ id: 'q-1', title: '姓名', text: '张三' }, { id: 'q-2', title: '经办人', text: '李四' }]), defaultFormToolMapping()));
    expect(m.answers).toEqual({ name: '张三', '经办人 · q-2': '李四' });
  });
});

describe('rows: question → field, option → contract option', () => {
  const wjxRows: [string, string][] = [
    ['问卷星 › q1', '客户类型'],
    ['问卷星 › q1 › 1', '个人'],
    ['问卷星 › q1 › 2', '企业'],
    ['问卷星 › q2', '姓名/企业名称'],
  ];

  test('问卷星 numbers its options: 1 becomes 个人; the unmapped multiple choice q3 reaches 备注 as sent', () => {
    const { mapping, errors } = mappingOf(wjxRows);
    expect(errors).toEqual([]);
    const m = filed(mapPush(parsed(readPush(WJX_DOC)), mapping));
    expect(m.answers).toEqual({ customer_kind: '个人', name: '测试', q3: '1,2' });
    expect(pipeline(m.answers).norm.unknown).toEqual({ q3: '1,2' });
  });

  test('a 问卷星 multiple choice whose options are mapped is each option; a single-choice field then reports it instead of keeping one', () => {
    const { mapping } = mappingOf([...wjxRows, ['问卷星 › q3', '来源渠道'], ['问卷星 › q3 › 1', '官网'], ['问卷星 › q3 › 2', '展会']]);
    const m = filed(mapPush(parsed(readPush(WJX_DOC)), mapping));
    expect(m.answers.source_channel).toEqual(['官网', '展会']);
    expect(pipeline(m.answers).norm.problems.map((p) => [p.field, p.code])).toEqual([['source_channel', 'not_a_list']]);
  });

  test('an answer “1,2” to a question whose options are not mapped is text, not a list of options', () => {
    const { mapping } = mappingOf([...wjxRows, ['问卷星 › q3', '当前使用的产品版本']]);
    expect(filed(mapPush(parsed(readPush(WJX_DOC)), mapping)).answers.product_version).toBe('1,2');
  });

  test('金数据 field ids (or a renamed API code) to fields; field names may be labels, aliases or keys', () => {
    const { mapping, errors } = mappingOf([['金数据 › field_1', '姓名'], ['金数据 › field_2', 'mobile'], ['金数据 › field_name', '邮箱']]);
    expect(errors).toEqual([]);
    expect(filed(mapPush(parsed(readPush(JINSHUJU_DOC)), mapping)).answers).toEqual({ name: '张三', mobile: '13000000000' });
  });

  test('rows of one tool do not apply to another; rows of two tools may fill the same field', () => {
    const { mapping, errors } = mappingOf([['金数据 › q2', '姓名'], ['问卷星 › q2', '姓名']]);
    expect(errors).toEqual([]);
    expect(filed(mapPush(parsed(readPush(WJX_DOC)), mapping)).answers.name).toBe('测试');
    expect(mapPush(parsed(readPush({ form: 'F', entry: { serial_number: 1, field_2: '张三' } })), mappingOf([['问卷星 › field_2', '姓名']]).mapping))
      .toMatchObject({ ok: false, refused: 'no_required_field' });
  });

  test('an option row may come before its question row, and may name the question by its title', () => {
    const { mapping, errors } = mappingOf([['腾讯问卷 › 您是 › 公司客户', '企业'], ['腾讯问卷 › 您是', '客户类型'], ['腾讯问卷 › 所属行业 › 物流业', '其他']]);
    expect(errors).toEqual([]);
    const m = filed(mapPush(tencentForm([{ id: 'q-1', title: '您是', options: ['公司客户'] }, { id: 'q-2', title: '所属行业', options: ['物流业'] }]), mapping));
    expect(m.answers).toEqual({ customer_kind: '企业', industry: '其他' });
  });

  test('the consent box: the tool’s wording of the ticked choice can be mapped to 同意', () => {
    const { mapping, errors } = mappingOf([['金数据 › field_9', '个人信息处理同意'], ['金数据 › field_9 › 我已阅读并同意《隐私政策》', '同意'], ['金数据 › field_1', '姓名']]);
    expect(errors).toEqual([]);
    const p = parsed(readPush({ form: 'F', entry: { serial_number: 1, field_1: '张三', field_9: ['我已阅读并同意《隐私政策》'] } }));
    const m = filed(mapPush(p, mapping));
    expect(m.answers.consent).toBe('同意');
    expect(pipeline(m.answers).norm.values.consent).toBe('同意');
  });
});

describe('rows are checked when edited', () => {
  test.each<[string, [string, string][], RegExp]>([
    ['an unknown tool', [['表单大师 › q1', '手机号']], /配置第2行：“表单大师”不是支持的表单工具：请写 金数据、问卷星、腾讯问卷 之一；此行已忽略/],
    ['a key without a question', [['金数据', '手机号']], /“金数据”的写法不对：请写成“工具 › 题目”/],
    ['an unknown contract key', [['金数据 › field_1', '电话号码啊']], /“金数据 › field_1”的值“电话号码啊”不是客户信息字段/],
    ['a field the system fills', [['金数据 › field_1', '填写日期']], /“填写日期”由系统填写，不能对应表单题目/],
    ['a key mapped twice', [['金数据 › field_1', '手机号'], ['金数据 › field_2', '手机']], /配置第3行：“手机号”已对应“金数据 › field_1”，不能再对应“金数据 › field_2”/],
    ['a question mapped twice', [['金数据 › field_1', '手机号'], ['金数据 › Field_1', '姓名']], /配置第3行：“金数据 › Field_1”重复设置/],
    ['an option not in the contract’s options', [['问卷星 › q1', '客户类型'], ['问卷星 › q1 › 3', '政府']], /“问卷星 › q1 › 3”的值“政府”不是“客户类型”的选项：可选 个人、企业/],
    ['an option of a question with no field', [['问卷星 › q9 › 1', '个人']], /还不知道“q9”对应哪个字段：请先加一行“问卷星 › q9”/],
    ['an option of a field that is no choice', [['问卷星 › q2', '姓名'], ['问卷星 › q2 › 1', '张三']], /“姓名\/企业名称”不是选择题/],
    ['an empty value', [['问卷星 › q2', '  ']], /“问卷星 › q2”的值不能为空/],
  ])('%s: a clear message on its row; the row is left out', (_what, pairs, message) => {
    const { errors } = mappingOf(pairs);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  test('the messages read in English under en', () => {
    const { errorsEn } = mappingOf([['金数据 › field_1', '手机号'], ['金数据 › field_2', '手机'], ['问卷星 › q1', '客户类型'], ['问卷星 › q1 › 3', '政府']]);
    expect(errorsEn).toEqual([
      'Config row 3: "手机号" already takes "金数据 › field_1" and cannot also take "金数据 › field_2": a field takes one question; the other questions\' answers go to the notes; the row was ignored',
      'Config row 5: the value "政府" of "问卷星 › q1 › 3" is not an option of "客户类型": the options are 个人、企业; the row was ignored',
    ]);
  });

  test('a bad row leaves the good ones working', () => {
    const { mapping } = mappingOf([['金数据 › field_1', '姓名'], ['金数据 › field_2', '姓名'], ['金数据 › field_3', '手机号']]);
    const p = parsed(readPush({ form: 'F', entry: { serial_number: 1, field_1: '张三', field_2: '李四', field_3: '13800138000' } }));
    expect(filed(mapPush(p, mapping)).answers).toEqual({ name: '张三', mobile: '13800138000', field_2: '李四' });
  });

  test('an option added to the list in 配置 can be mapped to; without it, it cannot', () => {
    const pairs: [string, string][] = [['腾讯问卷 › 所属行业 › 物流业', '物流']];
    expect(mappingOf(pairs).errors).toHaveLength(1);
    expect(mappingOf(pairs, { industry: [...CHOICE_OPTIONS.industry, '物流'] }).errors).toEqual([]);
  });
});

describe('answers no field takes are kept for 备注', () => {
  test('a second question for a taken field is a note under its title and id, not a conflicting value', () => {
    const m = filed(mapPush(tencentForm([...CONTRACT_TITLED.slice(0, 8), { id: 'q-10', title: '手机', text: '13900139000' }]), defaultFormToolMapping()));
    const { norm, validation } = pipeline(m.answers);
    expect(validation.ok).toBe(true);
    expect(norm.values.mobile).toBe('13800138000');
    expect(norm.unknown).toEqual({ '手机 · q-10': '13900139000' });
  });

  test('untitled questions keep their ids; two with one title are both kept', () => {
    const m = filed(mapPush(tencentForm([
      { id: 'q-1', title: '姓名', text: '张三' }, { id: 'q-2', title: '备用', text: 'A' }, { id: 'q-3', title: '备用', text: 'B' }, { id: 'q-4', text: 'C' },
    ]), defaultFormToolMapping()));
    expect(m.answers).toEqual({ name: '张三', 备用: 'A', '备用 · q-3': 'B', 'q-4': 'C' });
  });

  test('an ID number typed in an unmapped question is not left in plain 备注: the pipeline takes it as 证件号码 (sealed)', () => {
    const m = filed(mapPush(tencentForm([{ id: 'q-1', title: '姓名', text: '张三' }, { id: 'q-2', title: '办理人证件', text: '11010519491231002X' }]), defaultFormToolMapping()));
    const { norm } = pipeline(m.answers);
    expect([norm.values.id_number, norm.unknown]).toEqual(['11010519491231002X', {}]);
  });

  test('an address asked under another title (收货地址) is sealed as 联系地址, a second one with the first: never plain in 备注', () => {
    const m = filed(mapPush(tencentForm([
      { id: 'q-1', title: '姓名', text: '张三' }, { id: 'q-2', title: '收货地址', text: '北京市朝阳区建国路88号' }, { id: 'q-3', title: '公司地址', text: '上海市浦东新区世纪大道100号' },
    ]), defaultFormToolMapping()));
    const { norm } = pipeline(m.answers);
    expect([norm.values.address, norm.unknown]).toEqual(['北京市朝阳区建国路88号 / 上海市浦东新区世纪大道100号', {}]);
    expect(m.mapped.filter((x) => x.field === 'address').map((x) => x.questionId)).toEqual(['q-2', 'q-3']);
  });

  test('every answered question is either mapped or kept, for any push and any rows', () => {
    const any = fc.jsonValue({ maxDepth: 4 });
    const push = fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom('field_1', 'field_2', 'name', 'mobile', '__proto__', 'token'), fc.string()), any)
        .map((entry) => readPush({ form: 'F', entry: { ...entry, serial_number: 1 } })),
      fc.dictionary(fc.oneof(fc.constantFrom('q1', 'q2', 'q3'), fc.string()), any).map((q) => readPush({ ...q, activity: 1, joinid: 2 })),
      fc.array(fc.record({ id: fc.oneof(fc.string(), fc.constantFrom('q-1', 'q-2')), title: fc.oneof(fc.string(), fc.constantFrom('姓名', '手机号', '客户类型', '__proto__', '经办人', '收货地址', '联系地址')), text: any, options: any }))
        .map((questions) => readPush({ action: 'answer.create', payload: { survey_id: 1, answer_id: 2, answer: [{ id: 'p', questions }] } })),
    ).filter((r): r is Extract<PushRead, { ok: true }> => r.ok).map((r) => r.push);
    const someRows = fc.array(fc.tuple(
      fc.constantFrom('金数据 › field_1', '金数据 › field_2', '问卷星 › q1', '问卷星 › q1 › 1', '腾讯问卷 › q-1', '腾讯问卷 › 姓名 › 张三', '腾讯问卷 › q-2'),
      fc.constantFrom('姓名', '手机号', '客户类型', '个人', '企业', '备注', '不存在'),
    ), { maxLength: 6 });
    fc.assert(fc.property(push, someRows, (p, pairs) => {
      const m = mapPush(p, mappingOf(pairs).mapping);
      if (!m.ok) return m.questions.length === p.answers.length;
      const values = Object.values(m.answers);
      return m.mapped.length + m.unmapped.length === p.answers.length
        // Address questions share the one sealed field; every other question is a key of its own.
        && Object.keys(m.answers).length === new Set(m.mapped.map((x) => x.field)).size + m.unmapped.length
        && values.every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')))
        && Object.getPrototypeOf(m.answers) === Object.prototype;
    }));
  });
});

describe('nothing the customer typed is evaluated', () => {
  test('formula-like and markup-like answers reach the pipeline exactly as typed, as strings', () => {
    const formula = '=HYPERLINK("http://evil.example","点我")';
    const markup = '<img src=x onerror=alert(1)>';
    const m = filed(mapPush(tencentForm([{ id: 'q-1', title: '姓名', text: formula }, { id: 'q-2', title: '反馈内容', text: markup }, { id: 'q-3', title: '=1+1', text: '+2' }]), defaultFormToolMapping()));
    expect(m.answers).toEqual({ name: formula, feedback: markup, '=1+1': '+2' });
  });

  test('a question titled __proto__ is a 备注 name like any other', () => {
    const m = filed(mapPush(tencentForm([{ id: 'q-1', title: '姓名', text: '张三' }, { id: 'q-2', title: '__proto__', text: '{"polluted":true}' }]), defaultFormToolMapping()));
    expect(Object.getOwnPropertyDescriptor(m.answers, '__proto__')?.value).toBe('{"polluted":true}');
    expect(Object.getPrototypeOf(m.answers)).toBe(Object.prototype);
  });
});

describe('a push that fills no required field', () => {
  test('is refused with the questions it held (never their answers), for the reply and the note to the admin', () => {
    const m = mapPush(parsed(readPush(WJX_DOC)), defaultFormToolMapping());
    expect(m).toEqual({ ok: false, refused: 'no_required_field', questions: ['q1', 'q2', 'q3'] });
    if (m.ok) return;
    expect(describePushRefusal(m.refused, 'zh-CN', 'wjx', m.questions))
      .toBe('问卷星推送的回答没有对应到任何必填字段（收到的题目：q1、q2、q3）：请在配置“表单工具”中为题目设置对应的字段');
    expect(describePushRefusal(m.refused, 'en', 'wjx', m.questions))
      .toBe('the answers 问卷星 pushed fill no required field (questions received: q1, q2, q3): set the fields of the questions in Config, 表单工具');
  });

  test('consent alone is not a submission', () => {
    expect(mapPush(tencentForm([{ id: 'q-8', title: '个人信息处理同意', options: ['同意'] }]), defaultFormToolMapping())).toMatchObject({ ok: false });
  });

  test('one required field is enough to file: what is missing is for 待审核 to list', () => {
    const m = filed(mapPush(tencentForm([{ id: 'q-4', title: '手机号', text: '13800138000' }]), defaultFormToolMapping()));
    const { validation } = pipeline(m.answers);
    expect(validation.ok).toBe(false);
  });

  test('every refusal has words in both languages', () => {
    for (const r of ['not_json', 'unknown_tool', 'bad_shape', 'no_entry_id', 'id_too_long', 'not_new_entry', 'too_large', 'no_required_field', 'bad_signature', 'missing_signature'] as const) {
      for (const locale of ['zh-CN', 'en'] as const) expect(describePushRefusal(r, locale, 'jinshuju')).not.toMatch(/[{}]|formTools/);
    }
    expect(describePushRefusal('unknown_tool', 'zh-CN')).toBe('认不出推送来自哪个表单工具（支持 金数据、问卷星、腾讯问卷）');
  });
});
