/**
 * The workbook's own foundations, on the shipped bundle: the consent sentence
 * reworded in 配置, the 配置 sheet renamed or deleted, the two keys lost. No
 * submission is lost, none is filed with the wrong consent, the example
 * defaults or fresh keys, and the admin is told.
 */
import { CONFIG, CUSTOMERS, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { person, rows, submitOne, world } from './helpers/world';

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
