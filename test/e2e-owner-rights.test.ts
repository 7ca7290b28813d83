/**
 * Owner-only rights: who may reveal is the owner's list (script properties),
 * set in an owner-only dialog; 配置 only shows it and is protected for the
 * owner and the owner's admins; reveals are audited in the weekly report.
 */
import type { Runtime } from '../local/runtime/runtime';
import { findSheet, getCell, lastRow } from '../local/runtime/sheet-data';
import { CONFIG, CUSTOMERS, HISTORY } from '../src/sheets/schema';
import { person, rows, submitOne, world } from './helpers/world';

const OWNER = 'admin@example.com';
const LEAD = 'sales-lead@example.com';
const CLERK = 'sales1@example.com';

function withCustomer(): { rt: Runtime; customerNo: string } {
  const rt = world();
  submitOne(rt, person({ address: '北京市海淀区中关村大街1号', id_number: '11010519491231002X' }), 'manual');
  return { rt, customerNo: String(rows(rt, '客户')[0]![CUSTOMERS.col.no]) };
}

/** The sheet row of 配置 › 员工 for `email`. */
function staffRow(rt: Runtime, email: string): number {
  const sheet = findSheet(rt.state, '配置')!;
  for (let r = 2; r <= lastRow(sheet); r++) if (getCell(sheet, r, 1) === '员工' && getCell(sheet, r, 2) === email) return r;
  throw new Error(`no 员工 row for ${email}`);
}

const configValue = (rt: Runtime, row: number) => getCell(findSheet(rt.state, '配置')!, row, rt.staff.column('配置', CONFIG.col.value));
const configNote = (rt: Runtime, row: number) => getCell(findSheet(rt.state, '配置')!, row, rt.staff.column('配置', CONFIG.col.note));

function reveal(rt: Runtime, customerNo: string, user: string): { ok: boolean; address?: string } {
  const r = rt.run('revealSensitive', [customerNo], { user });
  if (!r.ok) throw new Error(r.error);
  return r.value as { ok: boolean; address?: string };
}

describe('who may reveal', () => {
  test('setup moves the 配置 grants into the owner list once: those staff still reveal, and 配置 says the flag is the owner\'s', () => {
    const { rt, customerNo } = withCustomer();
    expect(reveal(rt, customerNo, LEAD)).toMatchObject({ ok: true, address: '北京市海淀区中关村大街1号' });
    expect(reveal(rt, customerNo, CLERK)).toEqual({ ok: false, message: expect.stringContaining('没有查看敏感信息的权限') });
    const row = staffRow(rt, LEAD);
    expect(configValue(rt, row)).toBe('孙经理，可查看敏感信息');
    expect(configNote(rt, row)).toContain('客户管理 › 敏感信息查看权限');
    expect(configNote(rt, row)).toContain('无效');
  });

  test('an editor typing the flag for themselves in 配置 is refused by the protection, and still cannot reveal', () => {
    const { rt, customerNo } = withCustomer();
    const row = staffRow(rt, CLERK);
    const typed = rt.staff.type('配置', row, rt.staff.column('配置', CONFIG.col.value), '张伟，可查看敏感信息', CLERK);
    expect(typed).toMatchObject({ ok: false, reason: 'protected' });
    expect(configValue(rt, row)).toBe('张伟');
    expect(reveal(rt, customerNo, CLERK).ok).toBe(false);
  });

  test('even the owner typing the flag in 配置 grants nothing: the edit is put back, and the person stays refused', () => {
    const { rt, customerNo } = withCustomer();
    const row = staffRow(rt, CLERK);
    const typed = rt.staff.type('配置', row, rt.staff.column('配置', CONFIG.col.value), '张伟，可查看敏感信息', OWNER);
    expect(typed.ok).toBe(true);
    for (const run of typed.runs) expect(run.error).toBeUndefined();
    expect(configValue(rt, row)).toBe('张伟');
    expect(reveal(rt, customerNo, CLERK).ok).toBe(false);
    // An older deployment's grant disappears from the sheet too, without taking the right from the listed.
    expect(reveal(rt, customerNo, LEAD).ok).toBe(true);
  });

  test('the dialog and its functions refuse anyone but the owner, and change nothing', () => {
    const { rt, customerNo } = withCustomer();
    const ui = rt.services.SpreadsheetApp.ui;
    rt.run('showAccessSettings', [], { user: LEAD });
    expect(ui.dialog).toBeFalsy();
    expect(ui.alerts.at(-1)!.prompt).toContain(`只有所有者（${OWNER}）`);

    const load = rt.run('accessSettings', [], { user: LEAD });
    expect(load.ok).toBe(false);
    expect(load.error).toContain('只有所有者');
    const save = rt.run('saveAccessSettings', [CLERK, LEAD], { user: LEAD });
    expect(save.ok).toBe(false);
    expect(save.error).toContain('只有所有者');
    expect(reveal(rt, customerNo, CLERK).ok).toBe(false);
    expect(rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '权限变更')).toEqual([]);

    // A blank identity is never the owner.
    expect(rt.run('accessSettings', [], { user: '', effectiveUser: '' }).error).toContain('无法确认您的账号');
  });

  test('the owner opens the dialog, sets the list, and the change holds: the new person reveals, the removed one is refused', () => {
    const { rt, customerNo } = withCustomer();
    const ui = rt.services.SpreadsheetApp.ui;
    rt.run('showAccessSettings', [], { user: OWNER });
    expect(ui.dialog?.title).toBe('敏感信息查看权限（仅所有者）');
    expect(ui.dialog?.html).toContain('saveAccessSettings');

    const shown = rt.call('accessSettings', [], { user: OWNER }) as { reveal: string[]; owner: string };
    expect(shown).toMatchObject({ owner: OWNER, reveal: ['admin@example.com', LEAD, 'support-lead@example.com'] });

    const bad = rt.run('saveAccessSettings', ['not-an-address', ''], { user: OWNER });
    expect(bad.error).toContain('“not-an-address”不是有效的邮箱地址');
    expect(reveal(rt, customerNo, LEAD).ok).toBe(true);

    const saved = rt.call('saveAccessSettings', [`${CLERK}\nSALES1@example.com`, ''], { user: OWNER });
    expect(saved).toMatchObject({ reveal: [CLERK], admins: [] });
    expect(reveal(rt, customerNo, CLERK)).toMatchObject({ ok: true, address: '北京市海淀区中关村大街1号' });
    expect(reveal(rt, customerNo, LEAD).ok).toBe(false);
    expect(configValue(rt, staffRow(rt, CLERK))).toBe('张伟，可查看敏感信息');
    expect(configValue(rt, staffRow(rt, LEAD))).toBe('孙经理');
    expect(rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '权限变更')).toEqual([
      expect.objectContaining({ [HISTORY.col.actor]: OWNER, [HISTORY.col.note]: `可查看敏感信息：${CLERK}；可编辑配置：（无）` }),
    ]);

    // Setup run again keeps the owner's list: 配置 is no longer the source.
    expect(rt.run('setup', [], { user: OWNER }).ok).toBe(true);
    expect(reveal(rt, customerNo, CLERK).ok).toBe(true);
    expect(reveal(rt, customerNo, LEAD).ok).toBe(false);
  });

  test('an upgrade keeps an existing deployment\'s grants: setup takes them from 配置 once, later 配置 edits change nothing', () => {
    const { rt, customerNo } = withCustomer();
    // As before this version: no stored list, and 配置 unprotected with a grant typed for sales2.
    delete rt.state.properties.script['ACCESS_V1'];
    const config = findSheet(rt.state, '配置')!;
    config.protections = config.protections.filter((p) => p.row !== 0);
    const row = staffRow(rt, 'sales2@example.com');
    expect(rt.staff.type('配置', row, rt.staff.column('配置', CONFIG.col.value), '李娜，可查看敏感信息', OWNER).ok).toBe(true);
    // Until setup runs, the grants of 配置 still count: nobody loses the right meanwhile.
    expect(reveal(rt, customerNo, 'sales2@example.com').ok).toBe(true);

    expect(rt.run('setup', [], { user: OWNER }).ok).toBe(true);
    expect(rt.call('accessSettings', [], { user: OWNER })).toMatchObject({ reveal: ['admin@example.com', LEAD, 'sales2@example.com', 'support-lead@example.com'] });
    rt.staff.type('配置', staffRow(rt, CLERK), rt.staff.column('配置', CONFIG.col.value), '张伟，可查看敏感信息', OWNER);
    expect(reveal(rt, customerNo, CLERK).ok).toBe(false);
    expect(reveal(rt, customerNo, 'sales2@example.com').ok).toBe(true);
  });
});

describe('protected sheets', () => {
  test('配置 is editable by the owner and the admins the owner lists only; 历史 warns but the staff\'s own actions keep logging', () => {
    const { rt, customerNo } = withCustomer();
    const row = staffRow(rt, CLERK);
    const name = rt.staff.column('配置', CONFIG.col.value);
    expect(rt.staff.type('配置', row, name, '张伟伟', LEAD)).toMatchObject({ ok: false, reason: 'protected' });
    rt.call('saveAccessSettings', [LEAD, LEAD], { user: OWNER });
    expect(rt.staff.type('配置', row, name, '张伟伟', LEAD).ok).toBe(true);
    expect(rt.staff.type('配置', row, name, '张伟', CLERK)).toMatchObject({ ok: false, reason: 'protected' });
    // Removed again, the admin is refused again.
    rt.call('saveAccessSettings', [LEAD, ''], { user: OWNER });
    expect(rt.staff.type('配置', row, name, '张伟', LEAD)).toMatchObject({ ok: false, reason: 'protected' });

    // A staff member's sidebar actions run as them and still append to 历史.
    const before = rows(rt, '历史').length;
    reveal(rt, customerNo, CLERK);
    const entry = rt.run('submitManualEntry', [{ answers: person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com' }) }], { user: CLERK });
    expect(entry.value).toMatchObject({ outcome: 'accepted' });
    const added = rows(rt, '历史').slice(before);
    expect(added.map((h) => h[HISTORY.col.action])).toEqual(expect.arrayContaining(['查看敏感信息被拒绝', '新建工单']));
    const history = findSheet(rt.state, '历史')!;
    expect(history.protections.find((p) => p.row === 0)).toMatchObject({ warningOnly: true });
  });
});

describe('the weekly report\'s audit line', () => {
  test('counts the week\'s reveals and refusals by person, and a 历史 line deleted by hand does not hide one', () => {
    const { rt, customerNo } = withCustomer();
    reveal(rt, customerNo, LEAD);
    reveal(rt, customerNo, LEAD);
    reveal(rt, customerNo, CLERK);
    // Someone tidies 历史: the audit keeps its own count.
    const at = rows(rt, '历史').findIndex((h) => h[HISTORY.col.actor] === CLERK) + 2;
    for (let c = 1; c <= 7; c++) rt.staff.type('历史', at, c, '', CLERK);

    const r = rt.run('reportNow', ['weekly'], { user: OWNER });
    expect(r.ok).toBe(true);
    const mail = rt.state.mail.sent.at(-1)!;
    expect(mail.body).toContain('【敏感信息查看审计】');
    expect(mail.body).toContain('本期查看敏感信息 2 次，被拒绝 1 次。');
    expect(mail.body).toContain('孙经理：查看 2 次，被拒绝 0 次');
    expect(mail.body).toContain('张伟：查看 0 次，被拒绝 1 次');
    expect(mail.htmlBody).toContain('本期查看敏感信息 2 次');
    expect(mail.body).not.toContain('中关村');
  });

  test('a week without reveals says so, and last week\'s reveals are not counted in this week\'s report', () => {
    const { rt, customerNo } = withCustomer();
    reveal(rt, customerNo, LEAD);
    // A week later (the hourly jobs meanwhile are not what this is about).
    rt.state.clock += 7 * 86_400_000;
    rt.run('reportNow', ['weekly'], { user: OWNER });
    expect(rt.state.mail.sent.at(-1)!.body).toContain('本期没有人查看或尝试查看敏感信息。');
  });
});
