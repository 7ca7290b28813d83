/**
 * Intake end to end, on the shipped bundle in the local runtime: what staff
 * see in the sheets and customers see in their mailbox.
 */
import { CUSTOMERS, IMPORT, MAIL_QUEUE, REVIEW, TICKETS } from '../src/sheets/schema';
import { forgetCachedConfig } from '../local/drive/config-view';
import { integrity } from './helpers/integrity';
import { T0, formulaCells, person, rows, submit, submitOne, world } from './helpers/world';

const HOUR = 3600 * 1000;

describe('setup', () => {
  test('builds the sheets, the form and the triggers; a second run changes nothing', () => {
    const rt = world();
    const names = rt.state.spreadsheet.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['客户', '工单', '待审核', '历史', '配置', '导入']));
    expect(rt.state.forms).toHaveLength(2); // the intake Form and the satisfaction survey
    const triggers = rt.state.triggers.map((t) => `${t.eventType}:${t.handler}`).sort();
    expect(triggers).toEqual([
      'CLOCK:followUpHourly', 'CLOCK:overdueDigest', 'CLOCK:reportMonthly', 'CLOCK:reportQuarterly', 'CLOCK:reportWeekly',
      'CLOCK:retentionMonthly', 'CLOCK:sweepSubmissions', 'ON_CHANGE:onSheetChange', 'ON_EDIT:onSheetEdit', 'ON_FORM_SUBMIT:onFormSubmit', 'ON_FORM_SUBMIT:onSurveySubmit',
    ]);
    const before = JSON.stringify(rt.state.spreadsheet) + JSON.stringify(rt.state.triggers) + rt.state.forms.length;
    const again = rt.run('setup');
    expect(again.ok).toBe(true);
    expect(JSON.stringify(rt.state.spreadsheet) + JSON.stringify(rt.state.triggers) + rt.state.forms.length).toBe(before);
  });

  test('belongs to its owner: a second editor\'s 初始化/修复 changes nothing and says whom to ask', () => {
    const rt = world();
    const owner = rt.state.owner;
    const before = { triggers: JSON.stringify(rt.state.triggers), forms: rt.state.forms.length, props: JSON.stringify(rt.state.properties.script) };
    // The colleague sees none of the owner's triggers: without the check, setup would install a full second set.
    const other = rt.run('setup', [], { user: 'sales-lead@example.com' });
    expect(other).toMatchObject({ ok: true, value: null });
    const told = rt.services.SpreadsheetApp.ui.alerts.at(-1)!;
    expect(told.title).toBe('未执行初始化');
    expect(told.prompt).toContain(`只能由 ${owner} 运行`);
    expect(told.prompt).toContain('sales-lead@example.com');
    expect({ triggers: JSON.stringify(rt.state.triggers), forms: rt.state.forms.length, props: JSON.stringify(rt.state.properties.script) }).toEqual(before);
    expect(rt.state.triggers.every((t) => t.owner === owner)).toBe(true);
    // The owner's repair still works, and the time-driven jobs run as the owner.
    expect(rt.run('setup', [], { user: owner }).ok).toBe(true);
    expect(JSON.stringify(rt.state.triggers)).toBe(before.triggers);
  });

  test('a trigger left on the old edit handler name is replaced by the current one', () => {
    const rt = world();
    const edit = rt.state.triggers.find((t) => t.eventType === 'ON_EDIT')!;
    edit.handler = 'onEdit';
    expect(rt.run('setup').ok).toBe(true);
    expect(rt.state.triggers.filter((t) => t.eventType === 'ON_EDIT').map((t) => t.handler)).toEqual(['onSheetEdit']);
  });

  test('publishes both Forms (created unpublished and untitled) and reads them back as ready', () => {
    const rt = world();
    const run = rt.run('setup');
    expect(run.ok).toBe(true);
    for (const form of rt.state.forms) {
      expect(form).toMatchObject({ published: true, acceptingResponses: true, requireLogin: false });
      expect(form.title).not.toBe('');
      expect(form.title).toBe(form.fileName);
    }
    const summary = run.ok ? (run.value as { form: object; surveyForm: object }) : null;
    expect(summary).toMatchObject({
      form: { titled: true, published: true, accepting: true, anyone: true },
      surveyForm: { titled: true, published: true, accepting: true, anyone: true },
    });
  });

  test('初始化/修复 republishes a Form someone unpublished or restricted, and keeps a title staff gave it', () => {
    const rt = world();
    const form = rt.state.forms[0]!;
    Object.assign(form, { published: false, acceptingResponses: false, requireLogin: true, title: '我们的客户登记表' });
    expect(submitOne(rt, person())).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/not published/) });
    expect(rt.run('setup').ok).toBe(true);
    expect(form).toMatchObject({ published: true, acceptingResponses: true, requireLogin: false, title: '我们的客户登记表' });
    expect(submitOne(rt, person())).toMatchObject({ outcome: 'accepted' });
  });

  test('a Form the domain keeps closed to outsiders is reported with what to do, and setup still finishes', () => {
    const rt = world();
    rt.state.forms[0]!.requireLogin = true;
    rt.faults.failCall('Form.setRequireLogin', 1, { times: 2, message: 'Exception: 您的组织不允许此设置。' });
    const run = rt.run('setup');
    expect(run.ok).toBe(true);
    expect(run.ok ? run.value : null).toMatchObject({ form: { anyone: false }, surveyForm: { anyone: true } });
    const told = rt.services.SpreadsheetApp.ui.alerts.at(-1)!.prompt;
    expect(told).toContain('客户信息表单只允许本组织登录用户填写');
    expect(told).not.toContain('满意度调查表单只允许');
  });

  test('the form asks every on-form field with its label, consent last', () => {
    const rt = world();
    const titles = rt.state.forms[0]!.items.filter((i) => !['PAGE_BREAK', 'SECTION_HEADER'].includes(i.type)).map((i) => i.title);
    expect(titles).toContain('手机号');
    expect(titles).not.toContain('证件号码');
    expect(titles[titles.length - 1]).toBe('个人信息处理同意');
    const mobile = rt.state.forms[0]!.items.find((i) => i.title === '手机号')!;
    expect(mobile.required).toBe(true);
  });
});

describe('a valid form submission', () => {
  test('becomes a customer, a ticket and a history row, numbered by day, and both mails go out', () => {
    const rt = world();
    const out = submitOne(rt, person());
    expect(out).toMatchObject({ outcome: 'accepted', customer_no: 'C20261123001', ticket_no: 'T20261123001', segment: '新客户', priority: '高' });
    const [customer] = rows(rt, '客户');
    expect(customer).toMatchObject({ [CUSTOMERS.col.no]: 'C20261123001', '姓名/企业名称': '王小明', 手机号: '13800138000', [CUSTOMERS.col.ticketCount]: 1 });
    const [ticket] = rows(rt, '工单');
    expect(ticket).toMatchObject({ [TICKETS.col.no]: 'T20261123001', [TICKETS.col.customerNo]: 'C20261123001', [TICKETS.col.status]: '新建', 收集渠道: '在线表单', 经办人: '线上表单' });
    expect(rows(rt, '历史')).toHaveLength(1);
    const mails = rt.state.mail.sent;
    const ack = mails.find((m) => m.to === 'xiaoming@example.com')!;
    expect(ack.subject).toContain('T20261123001');
    expect(ack.body).toContain('T20261123001');
    expect(mails.some((m) => m.to !== 'xiaoming@example.com' && m.subject.includes('T20261123001'))).toBe(true);
  });

  test('a second submission the same day is numbered 002; the next day starts at 001 again', () => {
    const rt = world();
    submitOne(rt, person());
    const second = submitOne(rt, person({ mobile: '13900139000', email: 'b@example.com', name: '李四' }));
    expect(second).toMatchObject({ customer_no: 'C20261123002', ticket_no: 'T20261123002' });
    const next = submitOne(rt, person({ mobile: '13700137000', email: 'c@example.com' }), 'form', T0 + 24 * HOUR);
    expect(next).toMatchObject({ customer_no: 'C20261124001', ticket_no: 'T20261124001' });
  });

  test('past 999 a day the sequence grows to four digits', () => {
    const rt = world();
    rt.state.properties.script['seq:C20261123'] = '999';
    rt.state.properties.script['seq:T20261123'] = '999';
    expect(submitOne(rt, person())).toMatchObject({ customer_no: 'C202611231000', ticket_no: 'T202611231000' });
  });
});

describe('returning customers', () => {
  test('are recognised by mobile in any spelling and keep their first number', () => {
    const rt = world();
    submitOne(rt, person());
    const again = submitOne(rt, person({ mobile: '+86 138-0013-8000', email: '' }), 'form', T0 + 48 * HOUR);
    expect(again).toMatchObject({ outcome: 'accepted', customer_no: 'C20261123001', segment: '老客户' });
    const customers = rows(rt, '客户');
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ [CUSTOMERS.col.ticketCount]: 2 });
    expect(String(customers[0]![CUSTOMERS.col.lastContact])).toContain('2026-11-25');
  });

  test('are recognised by email alone', () => {
    const rt = world();
    submitOne(rt, person());
    expect(submitOne(rt, person({ mobile: '13911112222', email: 'XiaoMing@Example.com' }))).toMatchObject({ customer_no: 'C20261123001' });
  });

  test('the match index holds no plain identifier', () => {
    const rt = world();
    submitOne(rt, person());
    const index = String(rows(rt, '客户')[0]![CUSTOMERS.col.matchIndex]);
    expect(index).not.toContain('13800138000');
    expect(index).not.toContain('xiaoming');
    expect(index).toMatch(/^[mei]:[0-9a-f]{32}( [mei]:[0-9a-f]{32})*$/);
  });
});

describe('flawed submissions', () => {
  test('go to 待审核 with every problem in plain Chinese, and nothing else is created', () => {
    const rt = world();
    const out = submitOne(rt, person({ mobile: '1234', email: 'not-an-email', need_description: '' }));
    expect(out.outcome).toBe('review');
    expect(out['problems']).toEqual(expect.arrayContaining([expect.stringContaining('手机号'), expect.stringContaining('电子邮箱')]));
    const [review] = rows(rt, '待审核');
    expect(String(review![REVIEW.col.problems])).toContain('手机号格式不正确');
    expect(JSON.parse(String(review![REVIEW.col.rawData]))).toMatchObject({ mobile: '1234' });
    expect(rows(rt, '客户')).toHaveLength(0);
    expect(rows(rt, '工单')).toHaveLength(0);
    expect(rt.state.mail.sent).toHaveLength(0);
  });

  test('without consent: personal fields dropped from the review row and the Form response deleted', () => {
    const rt = world();
    const out = submitOne(rt, person({ consent: '否', address: '北京市朝阳区建国路88号' }));
    expect(out.outcome).toBe('review');
    const raw = String(rows(rt, '待审核')[0]![REVIEW.col.rawData]);
    expect(raw).not.toContain('王小明');
    expect(raw).not.toContain('13800138000');
    expect(raw).not.toContain('建国路');
    expect(rt.state.forms[0]!.responses).toHaveLength(0);
  });

  test('a corrected review row resubmits through the same pipeline', () => {
    const rt = world();
    submitOne(rt, person({ mobile: '1380013800' }));
    const review = rt.state.spreadsheet.sheets.find((s) => s.name === '待审核')!;
    const headers = review.rows[0]!.v.map(String);
    const rawCol = headers.indexOf(REVIEW.col.rawData);
    const raw = JSON.parse(String(review.rows[1]!.v[rawCol]));
    raw.mobile = '13800138000';
    review.rows[1]!.v[rawCol] = JSON.stringify(raw);
    const r = rt.run('resubmitReview', [2], { user: 'zhang.wei@example.com' });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ outcome: 'accepted', ticket_no: 'T20261123001' });
    expect(rows(rt, '待审核')[0]).toMatchObject({ [REVIEW.col.state]: '已重新提交' });
  });
});

describe('safety', () => {
  test('form text is never evaluated by Sheets', () => {
    const rt = world();
    const hostile = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];
    submitOne(rt, person({ name: hostile[0], need_description: hostile.join(' | ') + ' 需要报价单和方案', notes: '=1+1', feedback: '+cmd' }));
    expect(formulaCells(rt)).toEqual([]);
    expect(rows(rt, '客户')[0]!['姓名/企业名称']).toBe(hostile[0]);
  });

  test('sensitive fields are encrypted at rest, masked in the sheet, and purged from the Form', () => {
    const rt = world();
    submitOne(rt, person({ address: '北京市朝阳区建国路88号' }));
    const customer = rows(rt, '客户')[0]!;
    expect(customer['联系地址']).toBe('北京市朝阳区****');
    expect(String(customer[CUSTOMERS.col.addressSealed])).toMatch(/^enc:v2:/);
    expect(JSON.stringify(rt.state)).not.toContain('建国路');
    expect(rt.state.forms[0]!.responses).toHaveLength(0);
  });

  test('customer text is left out of the acknowledgement and escaped in the owner\'s mail', () => {
    const rt = world();
    submitOne(rt, person({ name: '<img src=x onerror=alert(1)>' }));
    const ack = rt.state.mail.sent.find((m) => m.to === 'xiaoming@example.com')!;
    expect(ack.htmlBody).not.toContain('img src=x');
    const assignment = rt.state.mail.sent.find((m) => m.subject.includes('新工单'))!;
    expect(assignment.htmlBody).not.toContain('<img src=x');
    expect(assignment.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('exactly once', () => {
  test('a trigger that fires twice files one ticket', () => {
    const rt = world();
    rt.faults.duplicate.add('ON_FORM_SUBMIT');
    submitOne(rt, person());
    expect(rows(rt, '工单')).toHaveLength(1);
    expect(rows(rt, '客户')).toHaveLength(1);
  });

  test('a dropped trigger is recovered by the hourly sweep', () => {
    const rt = world();
    rt.faults.dropWhen = () => true;
    const out = submitOne(rt, person());
    expect(out.outcome).toBe('pending');
    expect(rows(rt, '工单')).toHaveLength(0);
    rt.faults.dropWhen = null;
    const runs = rt.advanceClockTo(rt.state.clock + 61 * 60 * 1000);
    expect(runs.map((r) => r.result.handler)).toContain('sweepSubmissions');
    expect(rows(rt, '工单')).toHaveLength(1);
    // and a later sweep changes nothing
    rt.advanceClockTo(rt.state.clock + 61 * 60 * 1000);
    expect(rows(rt, '工单')).toHaveLength(1);
  });

  test('the sweep reads what is filed once: its sheet calls do not grow with the responses it checks', () => {
    const rt = world();
    const sheetCalls = (): number => {
      const before = rt.meter.snapshot();
      const r = rt.run('sweepSubmissions');
      expect(r.ok).toBe(true);
      const after = rt.meter.snapshot();
      return Object.entries(after.calls)
        .filter(([m]) => /^(Spreadsheet|Sheet|Range|TextFinder|Lock)/.test(m))
        .reduce((n, [m, v]) => n + v - (before.calls[m] ?? 0), 0);
    };
    const people = (from: number, n: number) => Array.from({ length: n }, (_, i) => person({ mobile: `139${String(from + i).padStart(8, '0')}`, email: `s${from + i}@example.com` }));
    submit(rt, people(0, 5));
    const few = sheetCalls();
    submit(rt, people(5, 40));
    expect(sheetCalls()).toBe(few);
    // Three dropped triggers among new responses: one batch files all three.
    rt.faults.dropWhen = () => true;
    submit(rt, people(45, 3));
    rt.faults.dropWhen = null;
    expect(rows(rt, '工单')).toHaveLength(45);
    rt.run('sweepSubmissions');
    expect(rows(rt, '工单')).toHaveLength(48);
    expect(integrity(rt).problems).toEqual([]);
  });

  test('a burst that finds the lock busy: every submission steps aside, one batch run files them all once, each customer mailed once', () => {
    const rt = world();
    rt.faults.lockTimeout = true;
    const people = Array.from({ length: 30 }, (_, i) => person({ name: `客户${i}`, mobile: `139000000${String(i).padStart(2, '0')}`, email: `c${i}@example.com` }));
    for (const p of people) expect(submitOne(rt, p).outcome).toBe('deferred');
    // One run asked for, however many stepped aside.
    expect(rt.state.triggers.filter((t) => t.handler === 'intakeContinue')).toHaveLength(1);
    rt.faults.lockTimeout = false;
    const runs = rt.advanceClockTo(rt.state.clock + 2 * 60 * 1000);
    expect(runs.map((r) => r.result.handler)).toEqual(['intakeContinue']);
    expect(rows(rt, '工单')).toHaveLength(30);
    for (const p of people) expect(rt.state.mail.sent.filter((m) => m.to === p.email)).toHaveLength(1);
    expect(rows(rt, MAIL_QUEUE.name).every((m) => m[MAIL_QUEUE.col.state] === '已发送')).toBe(true);
    // The hourly sweep after it finds nothing to file.
    rt.advanceClockTo(rt.state.clock + 61 * 60 * 1000);
    expect(rows(rt, '工单')).toHaveLength(30);
    expect(integrity(rt).problems).toEqual([]);
  });

  test('a lock that cannot be had loses nothing: the submission steps aside and a batch run files it within minutes', () => {
    const rt = world();
    rt.faults.lockTimeout = true;
    const out = submitOne(rt, person());
    // Not a failed trigger (no failure mail to the owner): deferred to a one-off run a minute later.
    expect(out.outcome).toBe('deferred');
    expect(rt.state.triggers.filter((t) => t.handler === 'intakeContinue')).toHaveLength(1);
    // Still busy when it runs: it asks for another run, and nothing is filed twice.
    const busy = rt.advanceClockTo(rt.state.clock + 2 * 60 * 1000);
    expect(busy.map((b) => [b.result.handler, b.result.ok])).toEqual([['intakeContinue', true]]);
    expect(rows(rt, '工单')).toHaveLength(0);
    expect(rt.state.triggers.filter((t) => t.handler === 'intakeContinue')).toHaveLength(1);
    rt.faults.lockTimeout = false;
    rt.advanceClockTo(rt.state.clock + 2 * 60 * 1000);
    expect(rows(rt, '工单')).toHaveLength(1);
    expect(rt.state.triggers.filter((t) => t.handler === 'intakeContinue')).toHaveLength(0);
    expect(rt.state.mail.sent.some((m) => m.to === person().email)).toBe(true);
    rt.advanceClockTo(rt.state.clock + 61 * 60 * 1000);
    expect(rows(rt, '工单')).toHaveLength(1);
  });
});

describe('other entry points produce the same rows', () => {
  test('manual entry: channel 线下录入, handled by the staff member', () => {
    const rt = world();
    const [out] = submit(rt, person({ id_number: '11010519491231002X' }), 'manual');
    expect(out).toMatchObject({ outcome: 'accepted', ticket_no: 'T20261123001' });
    const ticket = rows(rt, '工单')[0]!;
    expect(ticket['收集渠道']).toBe('线下录入');
    // By name from 配置 › 员工, as the sidebar's 经办人 dropdown shows the member who entered it.
    expect(ticket['经办人']).toBe('系统管理员');
    expect(rows(rt, '客户')[0]!['证件号码']).toBe('110***********002X');
  });

  test('import: results written beside each row; importing again files nothing twice', () => {
    const rt = world();
    const lines = submit(rt, [person(), person({ mobile: 'bad' }), {}], 'import');
    expect(lines.map((l) => l.outcome)).toEqual(['accepted', 'review', 'skipped']);
    const imported = rows(rt, '导入');
    expect(String(imported[0]![IMPORT.col.result])).toContain('T20261123001');
    expect(String(imported[1]![IMPORT.col.result])).toContain('待审核');
    const again = rt.run('importFromSheet', [], { user: 'zhang.wei@example.com' });
    expect(again.ok).toBe(true);
    expect(rows(rt, '工单')).toHaveLength(1);
  });

  test('webhook: a wrong token stores nothing; bad JSON is refused; a good call is filed', () => {
    const rt = world();
    const post = (contents: string, token: string) => {
      const r = rt.run('doPost', [{ postData: { contents, type: 'application/json' }, parameter: { token } }], { user: '' });
      return JSON.parse((r.value as { getContent(): string }).getContent());
    };
    // Enable the webhook with a token in Config, as an admin would.
    const config = rt.state.spreadsheet.sheets.find((s) => s.name === '配置')!;
    const tokenRow = config.rows.findIndex((r) => r && r.v[0] === '接口' && r.v[1] === '令牌');
    expect(tokenRow).toBeGreaterThan(0);
    config.rows[tokenRow]!.v[2] = 'a-very-long-shared-secret-123';
    forgetCachedConfig(rt.state);
    expect(post(JSON.stringify(person()), 'wrong')).toMatchObject({ ok: false, status: 401 });
    expect(post('{not json', 'a-very-long-shared-secret-123')).toMatchObject({ ok: false, status: 400 });
    expect(rows(rt, '工单')).toHaveLength(0);
    const ok = post(JSON.stringify({ ...person(), id: 'crm-1' }), 'a-very-long-shared-secret-123');
    expect(ok).toMatchObject({ ok: true, status: 200, results: [{ index: 0, outcome: 'accepted' }] });
    expect(post(JSON.stringify({ ...person(), id: 'crm-1' }), 'a-very-long-shared-secret-123').results[0].outcome).toBe('duplicate');
    expect(rows(rt, '工单')[0]!['收集渠道']).toBe('接口');
  });
});

describe('staff reshaping the sheets', () => {
  test('a sheet with no empty row left grows, and the submission is filed in full', () => {
    const rt = world();
    submitOne(rt, person());
    // Staff deleted every spare row: each sheet ends at its last filled row.
    for (const s of rt.state.spreadsheet.sheets) s.maxRows = Math.max(1, s.rows.length);
    const second = submitOne(rt, person({ mobile: '13900139000', email: 'b@example.com', name: '李四' }));
    expect(second.outcome).toBe('accepted');
    expect(rows(rt, '工单').map((r) => r['姓名/企业名称'])).toEqual(['王小明', '李四']);
    expect(rows(rt, '客户')).toHaveLength(2);
    expect(rt.state.spreadsheet.sheets.find((s) => s.name === '工单')!.maxRows).toBeGreaterThanOrEqual(3 + 99);
  });

  test('sorting rows and moving columns between submissions never misplaces a write', () => {
    const rt = world();
    submitOne(rt, person());
    submitOne(rt, person({ mobile: '13900139000', email: 'b@example.com', name: '李四' }));
    const tickets = rt.state.spreadsheet.sheets.find((s) => s.name === '工单')!;
    // Staff sort by 工单编号 descending and move 状态 to the front.
    const header = tickets.rows[0]!;
    const data = tickets.rows.slice(1, 3).reverse();
    tickets.rows.splice(1, 2, ...data);
    const statusCol = header.v.indexOf(TICKETS.col.status);
    for (const row of tickets.rows.slice(0, 3)) {
      const [cell] = row!.v.splice(statusCol, 1);
      row!.v.unshift(cell!);
    }
    const third = submitOne(rt, person({ mobile: '13700137000', email: 'c@example.com', name: '赵六' }));
    const all = rows(rt, '工单');
    const mine = all.find((r) => r[TICKETS.col.no] === third['ticket_no'])!;
    expect(mine).toMatchObject({ [TICKETS.col.status]: '新建', '姓名/企业名称': '赵六' });
    expect(all.find((r) => r[TICKETS.col.no] === 'T20261123001')).toMatchObject({ [TICKETS.col.status]: '新建', '姓名/企业名称': '王小明' });
  });
});
