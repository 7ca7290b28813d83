import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  detectTool, entryKey, pushSourceId, pushSubmittedMs, readPush, readPushText, MAX_PUSH_QUESTIONS, type ParsedPush, type PushRead,
} from '../src/domain/form-tool-push';
import { RAW_VALUE_CAP } from '../src/domain/normalise';

const sha256 = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');

function parsed(r: PushRead): ParsedPush {
  if (!r.ok) throw new Error(`refused: ${r.refused}`);
  return r.push;
}

// 金数据, verbatim: the webhook body shown at https://open.jinshuju.net/api_code_alias/overview
// (field_1 renamed to the API code field_name), comments removed.
const JINSHUJU_DOC = `{
  "form": "Oet50U",
  "form_name": "测试表单",
  "entry": {
    "token": "HgdvvZx9",
    "serial_number": 1,
    "field_name": "张三",
    "x_field_1": "",
    "creator_name": "XXX",
    "created_at": "2022-08-23T05:34:17.873Z",
    "updated_at": "2022-08-23T05:34:17.873Z",
    "info_remote_ip": "113.200.81.42"
  }
}`;

// 问卷星: the sample at https://www.showdoc.com.cn/wjxopenapi/7664690808275512 (答卷api推送), as published.
// It is not JSON as printed ("q3","1,2" has a comma where the colon belongs).
const WJX_DOC_AS_PRINTED = '{"activity":"5657754","name":"问卷名称","timetaken":"528","submittime":"2016-08-23 10:01:59", "q1":"1","q2": "测试","q3","1,2","joinid":"101812480275","totalvalue":"15","sign":""}';
// The same sample with that one typo corrected.
const WJX_DOC = WJX_DOC_AS_PRINTED.replace('"q3","1,2"', '"q3":"1,2"');

// 腾讯问卷: the envelope and payload fields are those of https://wj.qq.com/docs/webhook/ (通用格式说明).
// The `answer` pages are CONSTRUCTED for this test from the fields listed at
// https://wj.qq.com/docs/openapi/survey/get_answer (id, questions[].id/type/text/options[].id/checked/text,
// groups[]); the published page shows no filled-in answer content.
const TENCENT_BODY = {
  id: '33cc555f-056f-4242-a97c-46f3e7d2016f',
  object: 'Answer',
  action: 'answer.create',
  created_at: '2021-01-26 14:00:00',
  payload: {
    survey_id: 5356056,
    survey_hash: 'abc1',
    answer_id: 7,
    respondent_id: 60000000001,
    respondent_type: '',
    openid: '',
    started_at: '2020-02-09 11:55:30',
    ended_at: '2020-02-09 11:58:39',
    duration: 189,
    country: '中国',
    province: '广东省',
    city: '深圳市',
    ip: '127.0.0.1',
    answer: [
      {
        id: 'p-1-AbCd',
        questions: [
          { id: 'q-1-Aa11', type: 'radio', options: [{ id: 'o-100-Bb22', text: '企业', checked: 1 }] },
          { id: 'q-2-Cc33', type: 'text', text: '北京示例科技有限公司' },
          { id: 'q-3-Dd44', type: 'checkbox', options: [{ id: 'o-1', text: '官网', checked: 1 }, { id: 'o-2', text: '展会', checked: 0 }, { id: 'o-3', text: '电话' }] },
          {
            id: 'q-4-Ee55', type: 'matrix_radio', groups: [
              { id: 'g-1', text: '响应速度', options: [{ id: 'o-1', text: '满意', checked: 1 }] },
              { id: 'g-2', text: '专业程度', options: [{ id: 'o-2', text: '一般', checked: 1 }] },
            ],
          },
          { id: 'q-5-Ff66', type: 'text', text: '' },
        ],
      },
    ],
  },
};

describe('金数据', () => {
  test('the documented push: its form token and serial number, its one answered question, none of its bookkeeping', () => {
    const p = parsed(readPushText(JINSHUJU_DOC));
    expect(p).toEqual({
      tool: 'jinshuju', formId: 'Oet50U', entryId: '1', submittedAt: '2022-08-23T05:34:17.873Z',
      answers: [{ questionId: 'field_name', values: ['张三'] }],
    });
  });

  test('the entry shape of the v1 API (get_form_entry) reads the same: every field_N is a question', () => {
    // Verbatim response of https://open.jinshuju.net/api_v1/endpoints/get_form_entry (the push carries the same entry).
    const body = {
      form: 'TOKEN', form_name: '表单标题',
      entry: {
        serial_number: 1, field_1: '张三', field_2: '13000000000', info_filling_duration: 28, creator_name: '',
        created_at: '2020-08-28T08:00:00.000Z', updated_at: '2020-08-28T08:00:00.000Z',
      },
    };
    expect(parsed(readPush(body)).answers).toEqual([
      { questionId: 'field_1', values: ['张三'] },
      { questionId: 'field_2', values: ['13000000000'] },
    ]);
  });

  test('structured fields as text (shapes of https://open.jinshuju.net/api_v1/schemas/entry_post; values constructed)', () => {
    const body = {
      form: 'AbC123',
      entry: {
        serial_number: '42',
        field_3: ['官网', '展会'],
        field_3_extended_text: { 其他: '朋友的公司' },
        field_4: { province: '北京市', city: '北京市', district: '海淀区', street: '中关村大街1号' },
        field_5: { latitude: 108.87, longitude: 34.19, address: '陕西省西安市雁塔区高新五路4号' },
        field_6: { hour: '9', minute: '5' },
        field_7: { level_2: '笔记本', level_1: '电脑' },
        field_8: ['https://files.example.cn/a.pdf', { name: 'b.png', url: 'https://files.example.cn/b.png' }],
        field_9: { 'Statement 1': { field_1: 4 }, 'Statement 2': { field_1: 3 } },
        field_10: 1215,
        field_11: null,
      },
    };
    expect(parsed(readPush(body)).answers).toEqual([
      { questionId: 'field_3', values: ['官网', '展会'] },
      { questionId: 'field_3_extended_text', values: ['其他：朋友的公司'] },
      { questionId: 'field_4', values: ['北京市海淀区中关村大街1号'] },
      { questionId: 'field_5', values: ['陕西省西安市雁塔区高新五路4号'] },
      { questionId: 'field_6', values: ['09:05'] },
      { questionId: 'field_7', values: ['电脑 / 笔记本'] },
      { questionId: 'field_8', values: ['https://files.example.cn/a.pdf', 'https://files.example.cn/b.png'] },
      { questionId: 'field_9', values: ['Statement 1：field_1：4；Statement 2：field_1：3'] },
      { questionId: 'field_10', values: ['1215'] },
    ]);
  });

  test('an entry without a serial number cannot be filed once: refused', () => {
    expect(readPush({ form: 'AbC123', entry: { field_1: '张三' } })).toEqual({ ok: false, refused: 'no_entry_id', tool: 'jinshuju' });
    expect(readPush({ form: 'AbC123', entry: 'x' }, 'jinshuju')).toEqual({ ok: false, refused: 'bad_shape', tool: 'jinshuju' });
  });
});

describe('问卷星', () => {
  test('the documented sample, typo corrected: activity, joinid, submit time; q1–q3 as sent (a multiple choice stays “1,2” until mapped)', () => {
    expect(parsed(readPushText(WJX_DOC))).toEqual({
      tool: 'wjx', formId: '5657754', entryId: '101812480275', submittedAt: '2016-08-23 10:01:59',
      answers: [
        { questionId: 'q1', values: ['1'] },
        { questionId: 'q2', values: ['测试'] },
        { questionId: 'q3', values: ['1,2'] },
      ],
    });
  });

  test('the sample exactly as printed is not JSON: refused, not guessed at', () => {
    expect(readPushText(WJX_DOC_AS_PRINTED)).toEqual({ ok: false, refused: 'not_json' });
  });

  test('without joinid the 作答序号 index identifies the entry; a link parameter (sojumpparm) is kept as an answer', () => {
    const p = parsed(readPush({ activity: 5657754, index: 12, q1: '2', sojumpparm: 'gzh' }));
    expect([p.entryId, p.answers.map((a) => a.questionId)]).toEqual(['12', ['q1', 'sojumpparm']]);
  });
});

describe('腾讯问卷', () => {
  test('survey and answer ids, submit time, chosen options only, a matrix as one line, blank answers left out', () => {
    expect(parsed(readPush(TENCENT_BODY))).toEqual({
      tool: 'tencent', formId: '5356056', entryId: '7', submittedAt: '2020-02-09 11:58:39',
      answers: [
        { questionId: 'q-1-Aa11', values: ['企业'] },
        { questionId: 'q-2-Cc33', values: ['北京示例科技有限公司'] },
        { questionId: 'q-3-Dd44', values: ['官网', '电话'] },
        { questionId: 'q-4-Ee55', values: ['响应速度：满意；专业程度：一般'] },
      ],
    });
  });

  test('a title, when the push carries one, is read without its markup', () => {
    const body = structuredClone(TENCENT_BODY);
    Object.assign(body.payload.answer[0]!.questions[1]!, { title: '<p>姓名/企业名称</p>' });
    expect(parsed(readPush(body)).answers[1]).toEqual({ questionId: 'q-2-Cc33', questionTitle: '姓名/企业名称', values: ['北京示例科技有限公司'] });
  });

  test('an edit or a deletion of an answer is not a new entry', () => {
    for (const action of ['answer.update', 'answer.delete']) {
      expect(readPush({ ...TENCENT_BODY, action })).toEqual({ ok: false, refused: 'not_new_entry', tool: 'tencent' });
    }
  });
});

describe('detection and malformed bodies', () => {
  test('each documented body is recognised by its shape', () => {
    expect([JINSHUJU_DOC, WJX_DOC].map((t) => detectTool(JSON.parse(t)))).toEqual(['jinshuju', 'wjx']);
    expect(detectTool(TENCENT_BODY)).toBe('tencent');
    expect(detectTool({ submissions: [{ name: '张三' }] })).toBeNull();
    expect(readPush([1, 2])).toEqual({ ok: false, refused: 'unknown_tool' });
    expect(readPush([1, 2], 'wjx')).toEqual({ ok: false, refused: 'bad_shape', tool: 'wjx' });
  });

  test('an entry with more questions than any form is refused, not read', () => {
    const entry: Record<string, unknown> = { serial_number: 1 };
    for (let i = 0; i <= MAX_PUSH_QUESTIONS; i++) entry[`field_${i}`] = 'x';
    expect(readPush({ form: 'f', entry })).toEqual({ ok: false, refused: 'too_large', tool: 'jinshuju' });
  });

  test('ids too long to be a source id are refused', () => {
    expect(readPush({ form: 'f'.repeat(300), entry: { serial_number: 1 } })).toEqual({ ok: false, refused: 'id_too_long', tool: 'jinshuju' });
  });

  test('a huge answer is cut just past the pipeline cap, so the pipeline still reports it as too long', () => {
    const p = parsed(readPush({ form: 'f', entry: { serial_number: 1, field_1: '字'.repeat(RAW_VALUE_CAP * 3) } }));
    expect(p.answers[0]!.values[0]!.length).toBe(RAW_VALUE_CAP + 1);
  });

  const refusals = new Set(['not_json', 'unknown_tool', 'bad_shape', 'no_entry_id', 'id_too_long', 'not_new_entry', 'too_large']);
  const wellFormed = (r: PushRead) => {
    if (!r.ok) return refusals.has(r.refused);
    return r.push.answers.every((a) => typeof a.questionId === 'string' && a.values.length > 0 && a.values.every((v) => typeof v === 'string' && v !== ''));
  };

  test('any JSON value, with or without a tool named, is an entry or a refusal; it never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(undefined, 'jinshuju', 'wjx', 'tencent' as const), (body, tool) => wellFormed(readPush(body, tool))));
  });

  test('bodies shaped like each tool with arbitrary JSON inside never throw, and every value read is text', () => {
    const any = fc.jsonValue({ maxDepth: 8 });
    const bodies = fc.oneof(
      fc.record({ form: any, form_name: any, entry: fc.dictionary(fc.string(), any) }),
      fc.record({ form: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), entry: fc.dictionary(fc.string(), any).map((e) => ({ ...e, serial_number: 3 })) }),
      fc.record({ activity: fc.nat(), joinid: fc.nat() }).chain((b) => fc.dictionary(fc.string(), any).map((q) => ({ ...q, ...b }))),
      fc.record({ activity: any, joinid: any, index: any }).chain((b) => fc.dictionary(fc.string(), any).map((q) => ({ ...q, ...b }))),
      fc.record({ object: fc.constant('Answer'), action: any, payload: fc.record({ survey_id: any, answer_id: any, answer: any }) }),
      fc.record({
        action: fc.constant('answer.create'),
        payload: fc.record({
          survey_id: fc.nat(), answer_id: fc.nat(),
          answer: fc.array(fc.record({ id: any, questions: fc.array(fc.dictionary(fc.constantFrom('id', 'title', 'text', 'options', 'groups', 'blanks', 'type'), any)) })),
        }),
      }),
    );
    fc.assert(fc.property(bodies, (body) => wellFormed(readPush(body))));
  });

  test('any text is read or refused, never thrown on', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => wellFormed(readPushText(text))));
  });
});

describe('identity', () => {
  const entry = (answers: Record<string, unknown>, serial: unknown = 1, form = 'Oet50U') =>
    parsed(readPush({ form, form_name: '测试表单', entry: { serial_number: serial, ...answers } }));

  test('a replayed push is the same source id, whatever its answers look like the second time', () => {
    const first = pushSourceId(entry({ field_1: '张三', field_2: '13800138000' }), sha256);
    expect(pushSourceId(entry({ field_2: '13800138000', field_1: '张三' }), sha256)).toBe(first);
    // 金数据 may push an edited entry again (post_updated_entry): still the one ticket.
    expect(pushSourceId(entry({ field_1: '张三（已改）' }), sha256)).toBe(first);
    expect(pushSourceId(entry({ field_1: '张三' }, '1'), sha256)).toBe(first);
  });

  test('another entry, another form or another tool is another source id', () => {
    const ids = [
      pushSourceId(entry({}, 1), sha256),
      pushSourceId(entry({}, 2), sha256),
      pushSourceId(entry({}, 1, 'Other1'), sha256),
      pushSourceId({ tool: 'wjx', formId: 'Oet50U', entryId: '1' }, sha256),
      pushSourceId({ tool: 'tencent', formId: 'Oet50U', entryId: '1' }, sha256),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('no separator inside an id makes two entries meet', () => {
    expect(entryKey({ formId: 'a","b', entryId: 'c' })).not.toBe(entryKey({ formId: 'a', entryId: 'b","c' }));
    fc.assert(fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (f1, e1, f2, e2) =>
      (f1 === f2 && e1 === e2) === (entryKey({ formId: f1, entryId: e1 }) === entryKey({ formId: f2, entryId: e2 }))));
  });

  test('the source id reads as a webhook source id, long ones by digest', () => {
    expect(pushSourceId({ tool: 'jinshuju', formId: 'Oet50U', entryId: '1' }, sha256)).toBe('webhook:["form-tool:jinshuju","[\\"Oet50U\\",\\"1\\"]"]');
    expect(pushSourceId({ tool: 'wjx', formId: '5657754', entryId: '1'.repeat(150) }, sha256)).toMatch(/^webhook:sha256:[0-9a-f]{64}$/);
  });
});

describe('the customer\'s submit time', () => {
  const now = Date.parse('2026-11-23T10:00:00+08:00');
  test('金数据\'s UTC ISO and the others\' Beijing time name the same instant', () => {
    expect(pushSubmittedMs({ submittedAt: '2026-11-23T01:58:39.873Z' }, now)).toBe(Date.parse('2026-11-23T09:58:39.873+08:00'));
    expect(pushSubmittedMs({ submittedAt: '2026-11-23 09:58:39' }, now)).toBe(Date.parse('2026-11-23T09:58:39+08:00'));
    expect(pushSubmittedMs({ submittedAt: ' 2026-11-22T16:30 ' }, now)).toBe(Date.parse('2026-11-22T16:30:00+08:00'));
  });

  test('none, not a time, in the future or a month old: filed at the time it arrives', () => {
    for (const submittedAt of [undefined, '', '昨天', '2026-02-30 10:00:00', '2026-11-23 25:00:00', '2026-11-23 10:06:00', '2026-10-23 09:59:59', '1700000000']) {
      expect(pushSubmittedMs({ submittedAt }, now)).toBeNull();
    }
    // A tool's clock a few minutes ahead is still now.
    expect(pushSubmittedMs({ submittedAt: '2026-11-23 10:04:00' }, now)).toBe(Date.parse('2026-11-23T10:04:00+08:00'));
  });

  test('whatever the text, a time within the window or null, never a throw', () => {
    fc.assert(fc.property(fc.string(), (submittedAt) => {
      const ms = pushSubmittedMs({ submittedAt }, now);
      expect(ms === null || (ms <= now + 5 * 60_000 && ms >= now - 30 * 86_400_000)).toBe(true);
    }));
  });
});
