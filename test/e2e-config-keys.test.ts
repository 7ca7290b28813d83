/**
 * The workbook's own foundations, on the shipped bundle: the consent sentence
 * reworded in 配置, the 配置 sheet renamed or deleted, the two keys lost. No
 * submission is lost, none is filed with the wrong consent, the example
 * defaults or fresh keys, and the admin is told.
 */
import { CONFIG, CUSTOMERS, SELF_CHECK, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { findSheet } from '../local/runtime/sheet-data';
import { T0, person, rows, submitOne, world } from './helpers/world';

const HOUR = 3600_000;
const NEW_CONSENT = '我同意贵公司为处理我的咨询而使用我填写的个人信息。';

/** The sheet row (1-based) of a 配置 setting. */
function configRow(rt: Runtime, group: string, key: string): number {
  return rows(rt, CONFIG.name).findIndex((r) => r[CONFIG.col.group] === group && r[CONFIG.col.key] === key) + 2;
}

/** The admin rewords a 配置 value in the sheet, as a person types it; throws if a trigger fails. */
function typeConfig(rt: Runtime, group: string, key: string, value: string): void {
  const r = rt.staff.type(CONFIG.name, configRow(rt, group, key), rt.staff.column(CONFIG.name, CONFIG.col.value), value, rt.state.owner);
  if (!r.ok) throw new Error(r.message);
  for (const run of r.runs) if (!run.ok) throw new Error(run.error);
}

function intakeForm(rt: Runtime) {
  return rt.state.forms.find((f) => f.id === rt.state.properties.script['FORM_ID'])!;
}

/** What the Form's consent checkbox offers the customer. */
function consentChoices(rt: Runtime): string[] {
  return intakeForm(rt).items.find((i) => i.type === 'CHECKBOX')!.choices ?? [];
}

function mailsTo(rt: Runtime, to: string) {
  return rt.state.mail.sent.filter((m) => m.to === to);
}

function selfCheckRow(rt: Runtime, name: string): Record<string, unknown> | undefined {
  const r = rt.run('runSelfCheck', [], { user: rt.state.owner });
  if (!r.ok) throw new Error(`runSelfCheck failed: ${r.error}`);
  return rows(rt, SELF_CHECK.name).find((row) => row[SELF_CHECK.col.check] === name);
}

describe('the consent sentence reworded in 配置', () => {
  test('the Form offers the new sentence, and a ticked box is consent: filed, mailed, the response kept', () => {
    const rt = world();
    typeConfig(rt, '表单', '同意声明', NEW_CONSENT);
    expect(consentChoices(rt)).toEqual([NEW_CONSENT]);
    const out = submitOne(rt, person());
    expect(out.outcome).toBe('accepted');
    expect(rows(rt, TICKETS.name)).toHaveLength(1);
    expect(mailsTo(rt, 'xiaoming@example.com')).toHaveLength(1);
    expect(intakeForm(rt).responses).toHaveLength(1);
  });

  test('a response ticked on the old sentence (the Form not yet updated) is consent too', () => {
    const rt = world();
    const old = consentChoices(rt);
    rt.faults.dropWhen = (type) => type === 'ON_EDIT';
    typeConfig(rt, '表单', '同意声明', NEW_CONSENT);
    rt.faults.dropWhen = null;
    expect(consentChoices(rt)).toEqual(old);
    const out = submitOne(rt, person());
    expect(out.outcome).toBe('accepted');
    expect(rows(rt, CUSTOMERS.name)[0]!['手机号']).toBe('13800138000');
  });

  test('setup brings a Form that missed the edit in line with 配置', () => {
    const rt = world();
    rt.faults.dropWhen = (type) => type === 'ON_EDIT';
    typeConfig(rt, '表单', '同意声明', NEW_CONSENT);
    rt.faults.dropWhen = null;
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    expect(consentChoices(rt)).toEqual([NEW_CONSENT]);
  });

  test('manual entry accepts the new sentence and the usual yes-words, and nothing else', () => {
    const rt = world();
    typeConfig(rt, '表单', '同意声明', NEW_CONSENT);
    expect(submitOne(rt, person({ consent: NEW_CONSENT }), 'manual').outcome).toBe('accepted');
    expect(submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'li@example.com', consent: '是' }), 'manual').outcome).toBe('accepted');
    expect(submitOne(rt, person({ name: '赵五', mobile: '13700137000', email: 'zhao@example.com', consent: '不同意' }), 'manual').outcome).toBe('review');
  });
});

describe('a 配置 value setup cannot read', () => {
  test('the setup summary names its row once, with what was used instead', () => {
    const rt = world();
    typeConfig(rt, '时限', '高', '2天');
    const row = configRow(rt, '时限', '高');
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    const prompt = rt.services.SpreadsheetApp.ui.alerts.at(-1)!.prompt;
    expect(prompt).toContain(`配置第${row}行：“2天”`);
    expect(prompt.split(`配置第${row}行`)).toHaveLength(2);
  });
});

describe('a renamed or deleted 配置 sheet', () => {
  const missingWorld = () => {
    const rt = world();
    expect(submitOne(rt, person()).outcome).toBe('accepted');
    rt.staff.renameSheet(CONFIG.name, '配置（旧）');
    return rt;
  };

  test('a Form response stays in the Form unfiled, the admin is mailed once a day, and the sweep files it once 配置 is back', () => {
    const rt = missingWorld();
    const sentBefore = rt.state.mail.sent.length;
    const out = submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'li@example.com' }));
    expect(out.outcome).toBe('failed');
    expect(String(out['error'])).toContain('配置');
    expect(rows(rt, TICKETS.name)).toHaveLength(1);
    expect(intakeForm(rt).responses).toHaveLength(2);
    // Nobody but the admin hears of it: no mail to the customer, none to an example owner.
    const sent = rt.state.mail.sent.slice(sentBefore);
    expect(sent.map((m) => m.to)).toEqual([rt.state.owner]);
    expect(sent[0]!.subject).toContain('配置');

    // The hourly sweep fails loudly instead of filing with the example defaults; no second mail today.
    const swept = rt.run('sweepSubmissions');
    expect(swept.ok).toBe(false);
    expect(rows(rt, TICKETS.name)).toHaveLength(1);
    expect(submitOne(rt, person({ name: '赵五', mobile: '13700137000', email: 'zhao@example.com' }), 'form', T0 + 2 * HOUR).outcome).toBe('failed');
    expect(mailsTo(rt, rt.state.owner).filter((m) => m.subject.includes('配置'))).toHaveLength(1);
    // The next day it is said again.
    rt.advanceClockTo(T0 + 26 * HOUR);
    expect(mailsTo(rt, rt.state.owner).filter((m) => m.subject.includes('配置'))).toHaveLength(2);

    rt.staff.renameSheet('配置（旧）', CONFIG.name);
    expect(rt.run('sweepSubmissions').ok).toBe(true);
    expect(rows(rt, TICKETS.name).map((t) => t['姓名/企业名称']).sort()).toEqual(['李四', '王小明', '赵五'].sort());
  });

  test('manual entry and the webhook get a plain zh-CN error, and nothing is filed', () => {
    const rt = missingWorld();
    const manual = submitOne(rt, person({ name: '李四', mobile: '13900139000' }), 'manual');
    expect(manual.outcome).toBe('failed');
    expect(String(manual['error'])).toMatch(/找不到.*配置/);
    const hook = submitOne(rt, person({ name: '赵五', mobile: '13700137000' }), 'webhook');
    expect(hook.outcome).toBe('failed');
    expect(String(hook['error'])).toMatch(/找不到.*配置/);
    expect(rows(rt, TICKETS.name)).toHaveLength(1);
  });

  test('自检 reports it', () => {
    const rt = missingWorld();
    const row = selfCheckRow(rt, '“配置”工作表存在');
    expect(row).toMatchObject({ [SELF_CHECK.col.result]: '未通过' });
    expect(String(row![SELF_CHECK.col.fix])).toContain('初始化/修复');
  });

  test('初始化/修复 recreates it from the example and says so', () => {
    const rt = missingWorld();
    const sheet = findSheet(rt.state, '配置（旧）')!;
    rt.state.spreadsheet.sheets.splice(rt.state.spreadsheet.sheets.indexOf(sheet), 1);
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    const alert = rt.services.SpreadsheetApp.ui.alerts.at(-1)!;
    expect(alert.prompt).toContain('配置');
    expect(alert.prompt).toMatch(/示例/);
    expect(rows(rt, CONFIG.name).length).toBeGreaterThan(10);
  });
});

describe('lost keys', () => {
  const KEYS = ['FIELD_KEY_V1', 'INDEX_KEY_V1'];
  const lostWorld = () => {
    const rt = world();
    expect(submitOne(rt, person({ address: '北京市海淀区中关村大街1号', id_number: '11010519491231002X' }), 'manual').outcome).toBe('accepted');
    const backup = Object.fromEntries(KEYS.map((k) => [k, rt.state.properties.script[k]!]));
    for (const k of KEYS) delete rt.state.properties.script[k];
    return { rt, backup };
  };

  test('intake stops with a clear message: the response waits in the Form, the admin is mailed, 自检 says so; restored keys file it', () => {
    const { rt, backup } = lostWorld();
    const sentBefore = rt.state.mail.sent.length;
    const out = submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'li@example.com' }));
    expect(out.outcome).toBe('failed');
    expect(String(out['error'])).toContain('密钥');
    expect(intakeForm(rt).responses).toHaveLength(1);
    const sent = rt.state.mail.sent.slice(sentBefore);
    expect(sent.map((m) => m.to)).toEqual([rt.state.owner]);
    expect(sent[0]!.subject).toContain('密钥');
    const manual = submitOne(rt, person({ name: '赵五', mobile: '13700137000' }), 'manual');
    expect(String(manual['error'])).toContain('密钥');
    expect(selfCheckRow(rt, '加密密钥存在')).toMatchObject({ [SELF_CHECK.col.result]: '未通过' });

    Object.assign(rt.state.properties.script, backup);
    expect(rt.run('sweepSubmissions').ok).toBe(true);
    expect(rows(rt, TICKETS.name)).toHaveLength(2);
    // The restored index key still recognises the first customer.
    expect(submitOne(rt, person({ mobile: '13800138000' })).outcome).toBe('accepted');
    expect(rows(rt, CUSTOMERS.name)).toHaveLength(2);
    expect(selfCheckRow(rt, '加密密钥存在')).toMatchObject({ [SELF_CHECK.col.result]: '通过' });
  });

  test('setup asks before making new keys over encrypted data, and a No keeps them absent', () => {
    const { rt } = lostWorld();
    const ui = rt.services.SpreadsheetApp.ui;
    ui.answers.push({ button: 'NO' });
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    const asked = ui.alerts.find((a) => a.buttons === 'YES_NO');
    expect(asked?.prompt).toContain('无法读取');
    for (const k of KEYS) expect(rt.state.properties.script[k]).toBeUndefined();
    expect(ui.alerts.at(-1)!.prompt).toContain('未生成新密钥');
    expect(submitOne(rt, person({ name: '李四', mobile: '13900139000' }), 'manual').outcome).toBe('failed');
  });

  test('a Yes makes new keys, and intake runs again', () => {
    const { rt } = lostWorld();
    const ui = rt.services.SpreadsheetApp.ui;
    ui.answers.push({ button: 'YES' });
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    expect(ui.alerts.find((a) => a.buttons === 'YES_NO')).toBeDefined();
    expect(ui.alerts.at(-1)!.prompt).toContain('已无法读取');
    for (const k of KEYS) expect(rt.state.properties.script[k]).toBeTruthy();
    expect(submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'li@example.com' })).outcome).toBe('accepted');
  });

  test('a workbook without encrypted data gets its keys without a question', () => {
    const rt = world();
    for (const k of KEYS) delete rt.state.properties.script[k];
    const ui = rt.services.SpreadsheetApp.ui;
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    expect(ui.alerts.some((a) => a.buttons === 'YES_NO')).toBe(false);
    for (const k of KEYS) expect(rt.state.properties.script[k]).toBeTruthy();
  });
});
