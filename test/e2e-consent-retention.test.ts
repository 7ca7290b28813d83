/**
 * PIPL end to end, on the shipped bundle: every customer row records which
 * consent sentence was agreed to, when and how; the Form says where the data
 * is kept and links the privacy notice; a reviewer cannot file an unconsented
 * submission without recording how consent was obtained; Form responses with
 * a sensitive answer do not stay in the Form; and retention leaves no
 * customer's words anywhere while the report figures stay the same.
 */
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCell } from '../local/runtime/sheet-data';
import { CONFIG, CUSTOMERS, HISTORY, INTERNAL, MAIL_QUEUE, REPORTS, REVIEW, TICKETS } from '../src/sheets/schema';
import { generateExisting } from '../bench/generate';
import { defaultConfigRows } from '../src/domain/config';

const DEFAULT_CONFIG = new Set(defaultConfigRows().map(([group, key, value]) => `${group}|${key}|${value}`));
import { person, rows, setStatus, submitOne, ticketOwner, world } from './helpers/world';

const at = (iso: string) => Date.parse(iso + '+08:00');
const ADMIN = 'admin@example.com';
const SALES = 'sales1@example.com';
const ADDRESS = '北京市朝阳区建国路88号现代城5号楼1203室';
const ID_NUMBER = '11010519491231002X';

function setConfig(rt: Runtime, group: string, key: string, value: string): void {
  const sheet = findSheet(rt.state, '配置')!;
  const gCol = rt.staff.column('配置', CONFIG.col.group);
  const kCol = rt.staff.column('配置', CONFIG.col.key);
  for (let r = 2; r <= sheet.rows.length; r++) {
    if (getCell(sheet, r, gCol) === group && getCell(sheet, r, kCol) === key) {
      const edit = rt.editCell('配置', r, rt.staff.column('配置', CONFIG.col.value), value, ADMIN);
      if (!edit.ok) throw new Error(edit.message);
      for (const run of edit.runs) if (!run.ok) throw new Error(run.error);
      return;
    }
  }
  throw new Error(`no config ${group}/${key}`);
}

function customer(rt: Runtime, mobile: string): Record<string, unknown> {
  return rows(rt, '客户').find((c) => c[CUSTOMERS.col.mobile] === mobile)!;
}

function intakeForm(rt: Runtime) {
  return rt.state.forms.find((f) => f.id === rt.state.properties.script['FORM_ID'])!;
}

function consentItem(rt: Runtime) {
  return intakeForm(rt).items.find((i) => i.title === '个人信息处理同意')!;
}

describe('the consent record', () => {
  test('each channel records its consent; a new sentence is a new version, earlier customers keep theirs, a returning one takes the new', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    setConfig(rt, '接口', '令牌', 'a-very-long-shared-secret-123');
    const form = submitOne(rt, person({ mobile: '13800138001', email: 'f@example.com' }), 'form');
    const manual = submitOne(rt, person({ mobile: '13800138002', email: 'm@example.com' }), 'manual');
    const imported = submitOne(rt, person({ mobile: '13800138003', email: 'i@example.com' }), 'import');
    const webhook = submitOne(rt, person({ mobile: '13800138004', email: 'w@example.com' }), 'webhook');
    expect([form, manual, imported, webhook].map((o) => o.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const channels = ['13800138001', '13800138002', '13800138003', '13800138004'].map((m) => customer(rt, m)[CUSTOMERS.col.consentChannel]);
    expect(channels).toEqual(['在线表单', '线下录入', '导入', '接口']);
    // Consent is dated when the customer submitted: the ticket's 填写日期 (setup and the 配置 edit took the first minute).
    const submittedAt = rows(rt, '工单').find((t) => t[TICKETS.col.no] === form.ticket_no)![TICKETS.col.submittedAt];
    expect(customer(rt, '13800138001')).toMatchObject({ [CUSTOMERS.col.consentVersion]: 'V1', [CUSTOMERS.col.consentAt]: submittedAt });
    expect(String(submittedAt)).toMatch(/^2026-11-23T10:0\d:\d\d\+08:00$/);

    rt.advanceClockTo(at('2026-11-24T09:00:00'));
    const sentence = '我同意贵公司为答复本次咨询处理我的个人信息；信息保存在 Google 的服务器上（可能位于中国大陆境外）。';
    setConfig(rt, '表单', '同意声明', sentence);
    expect(consentItem(rt).choices).toEqual([sentence]);
    // Another edit of 配置 leaves the version as it is.
    setConfig(rt, '邮件', '发件人名称', '客服部');
    rt.advanceClockTo(at('2026-11-24T10:00:00'));
    submitOne(rt, person({ mobile: '13800138005', email: 'n@example.com' }), 'form');
    expect(customer(rt, '13800138005')).toMatchObject({ [CUSTOMERS.col.consentVersion]: 'V2', [CUSTOMERS.col.consentChannel]: '在线表单' });
    expect(customer(rt, '13800138002')[CUSTOMERS.col.consentVersion]).toBe('V1');
    // The manual customer comes back through the Form: the newer consent is theirs now.
    submitOne(rt, person({ mobile: '13800138002', email: 'm@example.com' }), 'form');
    expect(customer(rt, '13800138002')).toMatchObject({
      [CUSTOMERS.col.consentVersion]: 'V2', [CUSTOMERS.col.consentChannel]: '在线表单', [CUSTOMERS.col.consentAt]: expect.stringMatching(/^2026-11-24T10:00:\d\d\+08:00$/),
    });
    expect(rows(rt, '客户').filter((c) => c[CUSTOMERS.col.mobile] === '13800138002')).toHaveLength(1);
  });

  test('the Form says where the data is kept and links the privacy notice; a link that is not https is refused', () => {
    const rt = world();
    expect(consentItem(rt).helpText).toContain('Google 的服务器');
    expect(consentItem(rt).helpText).not.toContain('隐私政策');
    setConfig(rt, '通用', '隐私政策链接', 'https://example.com/privacy');
    expect(consentItem(rt).helpText).toContain('隐私政策：https://example.com/privacy');
    expect(rt.run('manualEntrySetup', [], { user: SALES }).value).toMatchObject({ privacyUrl: 'https://example.com/privacy' });

    setConfig(rt, '通用', '隐私政策链接', 'javascript:alert(1)');
    expect(consentItem(rt).helpText).not.toContain('javascript');
    expect(rt.run('manualEntrySetup', [], { user: SALES }).value).toMatchObject({ privacyUrl: '' });
    const setup = rt.run('setup');
    expect(JSON.stringify(setup.value)).toContain('隐私政策链接应以 https:// 开头');
  });
});

describe('reviewing a submission without consent', () => {
  test('the sidebar leaves consent unticked; resubmitting needs the way consent was obtained, which is recorded', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    expect(submitOne(rt, person({ name: '周九', consent: '否', mobile: '13600136009', email: 'zhoujiu@example.com' })).outcome).toBe('review');
    const queue = rt.run('reviewQueueSetup', [], { user: SALES }).value as { items: { row: number; key: string; consented: boolean; answers: Record<string, unknown> }[] };
    const [item] = queue.items;
    expect(item).toMatchObject({ row: 2, consented: false });
    expect(item!.answers.consent).toBeUndefined();

    // The reviewer called the customer back and typed the answers again.
    const answers = { ...person({ name: '周九', mobile: '13600136009', email: 'zhoujiu@example.com' }), consent: '是' };
    const refused = rt.run('resubmitReview', [item!.row, answers, item!.key], { user: SALES });
    expect(refused.ok).toBe(false);
    expect(refused.error).toContain('没有同意个人信息处理：重新提交前请选择如何取得了客户的同意');
    const unknownWay = rt.run('resubmitReview', [item!.row, answers, item!.key, { way: '默认同意', note: '——' }], { user: SALES });
    expect(unknownWay.error).toContain('“默认同意”不是可选的同意方式');
    const noNote = rt.run('resubmitReview', [item!.row, answers, item!.key, { way: '电话口头同意', note: ' ' }], { user: SALES });
    expect(noNote.ok).toBe(false);
    expect(rows(rt, '工单')).toHaveLength(0);
    expect(rows(rt, '待审核')[0]![REVIEW.col.state]).toBe('待处理');

    rt.advanceClockTo(at('2026-11-23T15:00:00'));
    const filed = rt.run('resubmitReview', [item!.row, answers, item!.key, { way: '电话口头同意', note: '15:00 回电，客户同意' }], { user: SALES });
    expect(filed.value).toMatchObject({ outcome: 'accepted' });
    expect(customer(rt, '13600136009')).toMatchObject({
      [CUSTOMERS.col.consentChannel]: '电话口头同意', [CUSTOMERS.col.consentVersion]: 'V1', [CUSTOMERS.col.consentAt]: '2026-11-23T15:00:00+08:00',
    });
    const ticketNo = (filed.value as { ticket_no: string }).ticket_no;
    const logged = rows(rt, '历史').find((h) => h[HISTORY.col.action] === '记录同意方式')!;
    expect(logged).toMatchObject({ [HISTORY.col.ticketNo]: ticketNo, [HISTORY.col.actor]: SALES, [HISTORY.col.newValue]: '电话口头同意', [HISTORY.col.note]: '电话口头同意：15:00 回电，客户同意' });
  });

  test('a consent recorded for a resubmission that goes to 待审核 again stays with the row it led to', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    submitOne(rt, person({ consent: '否' }));
    const key = (rt.run('reviewQueueSetup', [], { user: SALES }).value as { items: { key: string }[] }).items[0]!.key;
    const flawed = { ...person({ mobile: '1360013600' }), consent: '是' };
    const again = rt.run('resubmitReview', [2, flawed, key, { way: '书面同意', note: '纸质同意书已存档' }], { user: SALES });
    expect(again.value).toMatchObject({ outcome: 'review', review_row: 3 });
    const next = (rt.run('reviewQueueSetup', [], { user: SALES }).value as { items: { row: number; key: string; consented: boolean }[] }).items.find((i) => i.row === 3)!;
    expect(next.consented).toBe(true);
    const filed = rt.run('resubmitReview', [3, { ...flawed, mobile: '13600136000' }, next.key], { user: SALES });
    expect(filed.value).toMatchObject({ outcome: 'accepted' });
    expect(customer(rt, '13600136000')[CUSTOMERS.col.consentChannel]).toBe('书面同意');
  });
});

describe('Form responses with a sensitive answer', () => {
  test('are deleted once filed, once sent to 待审核, and after a resubmission; one without stays', () => {
    const rt = world();
    const responses = () => intakeForm(rt).responses.length;
    expect(submitOne(rt, person({ mobile: '13500135001', email: 'a@example.com' })).outcome).toBe('accepted');
    expect(responses()).toBe(1); // nothing sensitive: the Form keeps it
    expect(submitOne(rt, person({ mobile: '13500135002', email: 'b@example.com', address: ADDRESS })).outcome).toBe('accepted');
    expect(responses()).toBe(1);
    expect(submitOne(rt, person({ mobile: '135', email: 'c@example.com', address: '广州市天河区体育西路1号' })).outcome).toBe('review');
    expect(responses()).toBe(1);
    expect(JSON.stringify(intakeForm(rt).responses)).not.toContain('体育西路');

    // The deletion fails when the response goes to 待审核: the resubmission deletes it.
    rt.faults.failCall('Form.deleteResponse');
    expect(submitOne(rt, person({ mobile: '136', email: 'd@example.com', address: ADDRESS })).outcome).toBe('failed');
    expect(responses()).toBe(2);
    const review = rows(rt, '待审核');
    expect(review).toHaveLength(2);
    const raw = JSON.parse(String(review[1]![REVIEW.col.rawData])) as Record<string, unknown>;
    const filed = rt.run('resubmitReview', [3, { ...raw, mobile: '13600136001' }], { user: SALES });
    expect(filed.value).toMatchObject({ outcome: 'accepted' });
    expect(responses()).toBe(1);
    expect(JSON.stringify(intakeForm(rt).responses)).not.toContain('建国路');
  });
});

describe('retention', () => {
  const PEOPLE = {
    form: person({ name: '王小明', mobile: '13800138000', email: 'xiaoming@example.com', address: ADDRESS, feedback: '王小明觉得客服很耐心' }),
    manual: person({ name: '李雷', mobile: '13900139001', email: 'lilei@example.com', id_number: ID_NUMBER, need_description: '李雷需要为新办公室采购二十台打印机' }),
    imported: person({ name: '韩梅梅', mobile: '13700137002', email: 'hanmeimei@example.com', address: '上海市浦东新区世纪大道100号' }),
    webhook: person({ name: '钱七', mobile: '13600136003', email: 'qianqi@example.com', notes: '钱七工作日下午方便接听' }),
    pending: person({ name: '孙八', mobile: '1360', email: 'sunba@example.com' }),
    voided: person({ name: '赵六', consent: '否', mobile: '13600136005', email: 'zhaoliu@example.com' }),
    unconsented: person({ name: '周九', consent: '否', mobile: '13600136006', email: 'zhoujiu@example.com' }),
    // 王小明 again, with details that differ: one ticket's changes are confirmed (plain old and new values in 历史), one's wait.
    renamed: person({ name: '王大明', mobile: '13800138000', email: 'daming@example.com', need_description: '王大明想给会议室加一台投影仪' }),
    waiting: person({ name: '王二明', mobile: '13800138000', email: 'erming@example.com', need_description: '王二明想咨询扫描仪的保修期限' }),
  };
  const SECRETS = [
    '王小明', '李雷', '韩梅梅', '钱七', '孙八', '赵六', '周九',
    '13800138000', '13900139001', '13700137002', '13600136003', '13600136005', '13600136006',
    'xiaoming@', 'lilei@', 'hanmeimei@', 'qianqi@', 'sunba@', 'zhaoliu@', 'zhoujiu@', '王大明', 'daming@', '王二明', 'erming@', '投影仪', '扫描仪',
    '建国路88号', '世纪大道', '19491231002', '新员工办公', '打印机', '方便接听', '客服很耐心', '回电', '撤回', '很满意',
  ];

  /** Every sheet cell (and cell note), every Form response and every log line the runtime keeps. */
  function leaks(rt: Runtime): string[] {
    const where: Record<string, string> = {
      ...Object.fromEntries(rt.state.spreadsheet.sheets.map((s) => [s.name, JSON.stringify(s.rows)])),
      // 配置 as shipped holds the Form's help texts, whose examples the test's people reuse: only what was typed there counts.
      配置: JSON.stringify(rows(rt, CONFIG.name).filter((r) => !DEFAULT_CONFIG.has(`${String(r[CONFIG.col.group])}|${String(r[CONFIG.col.key])}|${String(r[CONFIG.col.value])}`))),
      // 高频问题 phrases archived earlier stay (README, 限度): what three or more customers wrote, not one person's details.
      报表: JSON.stringify(rows(rt, '报表').filter((r) => r[REPORTS.col.group] !== '高频问题')),
      forms: JSON.stringify(rt.state.forms.map((f) => f.responses)),
      logs: rt.state.logs.map((l) => l.message).join('\n'),
    };
    return Object.entries(where).flatMap(([place, text]) => SECRETS.filter((s) => text.includes(s)).map((s) => `${s} in ${place}`));
  }

  /** The figures of a quarterly report made now, as archived in 报表. */
  function figures(rt: Runtime): string[] {
    const before = rows(rt, '报表').length;
    const report = rt.run('reportNow', ['quarterly'], { user: ADMIN });
    if (!report.ok) throw new Error(report.error);
    return rows(rt, '报表').slice(before).map((r) => `${r[REPORTS.col.group]}/${r[REPORTS.col.figure]}=${r[REPORTS.col.current]}`);
  }

  test('after the period nothing personal is left in any sheet, Form or log, and the report figures are the same', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    setConfig(rt, '接口', '令牌', 'a-very-long-shared-secret-123');
    const tickets = [
      submitOne(rt, PEOPLE.form, 'form'),
      submitOne(rt, PEOPLE.manual, 'manual'),
      submitOne(rt, PEOPLE.imported, 'import'),
      submitOne(rt, PEOPLE.webhook, 'webhook'),
    ].map((o) => o.ticket_no as string);
    expect(tickets.every(Boolean)).toBe(true);
    expect(submitOne(rt, PEOPLE.pending, 'form').outcome).toBe('review'); // left pending
    expect(submitOne(rt, PEOPLE.voided, 'form').outcome).toBe('review');
    expect(submitOne(rt, PEOPLE.unconsented, 'form').outcome).toBe('review');
    expect(rt.run('voidReview', [3, '赵六电话撤回'], { user: SALES }).ok).toBe(true);
    const key = (rt.run('reviewQueueSetup', [], { user: SALES }).value as { items: { row: number; key: string }[] }).items.find((i) => i.row === 4)!.key;
    const resubmitted = rt.run('resubmitReview', [4, { ...PEOPLE.unconsented, consent: '是' }, key, { way: '电话口头同意', note: '周九回电同意' }], { user: SALES });
    tickets.push((resubmitted.value as { ticket_no: string }).ticket_no);
    const renamed = String(submitOne(rt, PEOPLE.renamed, 'manual').ticket_no);
    const waiting = String(submitOne(rt, PEOPLE.waiting, 'manual').ticket_no);
    tickets.push(renamed, waiting);
    expect(rt.run('confirmMyTicketChanges', [renamed], { user: ticketOwner(rt, renamed) }).ok).toBe(true);
    expect(JSON.stringify(rows(rt, '历史'))).toContain('daming@example.com');
    rt.advanceClockTo(at('2026-11-23T14:00:00'));
    for (const no of tickets) setStatus(rt, no, '问题已解决', SALES, '已电话联系王小明，打印机已送达');
    // The survey link mailed at 问题已解决, answered.
    const survey = rt.state.forms.find((f) => f.id === rt.state.properties.script['SURVEY_FORM_ID'])!;
    const body = rt.state.mail.sent.find((m) => m.to === 'daming@example.com' && m.subject.includes('的处理结果'))!.body; // the confirmed address
    const link = decodeURIComponent(/entry\.\d+=([^&\s]+)/.exec(body)![1]!);
    const item = (title: string) => survey.items.find((i) => i.title === title)!.id;
    const answer = rt.services.FormApp.hostSubmit(survey.id, [
      { itemId: item('关联工单号'), response: link }, { itemId: item('满意度评分'), response: '5' }, { itemId: item('反馈内容'), response: '王小明很满意' },
    ]);
    expect(rt.fireFormSubmit(survey.id, answer.id).every((r) => r.ok)).toBe(true);
    for (const no of tickets) setStatus(rt, no, '已关闭', SALES);

    rt.advanceClockTo(at('2026-12-01T04:00:00')); // the monthly job ran at 03:00, no period set: nothing changed
    expect(leaks(rt).length).toBeGreaterThan(20);
    const before = figures(rt);
    setConfig(rt, '跟进', '个人信息保留期', '7天');
    const run = rt.run('retentionMonthly');
    if (!run.ok) throw new Error(run.error);
    expect(run.value).toMatchObject({ retentionDays: 7, tickets: 7, customers: 5 });
    expect(leaks(rt)).toEqual([]);
    // The changes that were never confirmed go with their ticket, sealed as they were.
    expect(rows(rt, '工单').map((t) => t[INTERNAL.pendingChanges])).toEqual(tickets.map(() => ''));
    expect(rows(rt, '邮件队列').filter((m) => m[MAIL_QUEUE.col.state] === '待发送')).toEqual([]);
    // Every figure stays; only the frequent phrases go, which are the erased descriptions' own words.
    const phrase = (f: string) => f.startsWith('高频问题/');
    expect(before.filter(phrase).length).toBeGreaterThan(0);
    expect(figures(rt)).toEqual(before.filter((f) => !phrase(f)));
    // What staff still see: the tickets' figures, the consent records, the actions in 历史.
    expect(rows(rt, '工单').map((t) => t[TICKETS.col.status])).toEqual(tickets.map(() => '已关闭'));
    expect(rows(rt, '客户').map((c) => c[CUSTOMERS.col.consentChannel]).sort()).toEqual(['线下录入', '导入', '接口', '电话口头同意', '线下录入'].sort()); // 王小明's newer consent came with a manual entry
    expect(rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '个人信息已匿名化')).toHaveLength(7);
    // A second run finds nothing left to do.
    expect(rt.run('retentionMonthly').value).toMatchObject({ tickets: 0, customers: 0, traces: 0, formResponses: 0 });
  });
});

describe('retention of a large backlog', () => {
  test('goes a batch a run: a run that leaves rows schedules its continuation, which finishes and leaves no trigger behind', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    generateExisting(rt, 4000); // 4,000 tickets over 30 days (about a fifth closed), their 历史 ~4 rows each
    setConfig(rt, '跟进', '个人信息保留期', '7天');
    const first = rt.run('retentionMonthly');
    if (!first.ok) throw new Error(first.error);
    // More 历史 rows are due (one a closed ticket, ~600 here) than one run empties of a sheet (500): the rest is left
    // for a continuation a minute later.
    expect(first.value).toMatchObject({ unfinished: true });
    const pending = () => rt.state.triggers.filter((t) => t.handler === 'retentionContinue');
    expect(pending()).toHaveLength(1);
    const runs = rt.advanceClockTo(rt.state.clock + 10 * 60_000).filter((r) => r.result.handler === 'retentionContinue');
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.result.ok)).toBe(true);
    expect(runs.at(-1)!.result.value).toMatchObject({ unfinished: false });
    expect(pending()).toHaveLength(0);
    const again = rt.run('retentionMonthly');
    expect(again.value).toMatchObject({ unfinished: false, tickets: 0, customers: 0, traces: 0 });
  });
});
