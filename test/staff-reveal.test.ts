/** 查看敏感信息: plain text only for staff on the owner's list, every attempt logged in 历史. */
import { CUSTOMERS, HISTORY } from '../src/sheets/schema';
import { person, rows, submitOne, world } from './helpers/world';

describe('reveal of 联系地址/证件号码', () => {
  const setupWorld = () => {
    const rt = world();
    submitOne(rt, person({ address: '北京市海淀区中关村大街1号', id_number: '11010519491231002X' }), 'manual');
    const customerNo = String(rows(rt, '客户')[0]![CUSTOMERS.col.no]);
    return { rt, customerNo };
  };

  test('an unauthorised staff member gets a plain refusal and the attempt is logged', () => {
    const { rt, customerNo } = setupWorld();
    const r = rt.run('revealSensitive', [customerNo], { user: 'sales1@example.com' });
    expect(r.ok).toBe(true);
    expect(r.value).toEqual({ ok: false, message: expect.stringContaining('没有查看敏感信息的权限') });
    expect(JSON.stringify(r.value)).not.toContain('中关村');
    const log = rows(rt, '历史').filter((h) => h[HISTORY.col.actor] === 'sales1@example.com');
    expect(log).toEqual([expect.objectContaining({ [HISTORY.col.action]: '查看敏感信息被拒绝', [HISTORY.col.oldValue]: customerNo })]);
  });

  test('an authorised staff member sees both fields in plain, and the reveal is logged', () => {
    const { rt, customerNo } = setupWorld();
    expect(JSON.stringify(rows(rt, '客户'))).not.toContain('中关村大街1号');
    const r = rt.run('revealSensitive', [customerNo], { user: 'sales-lead@example.com' });
    expect(r.value).toEqual({ ok: true, customer_no: customerNo, address: '北京市海淀区中关村大街1号', id_number: '11010519491231002X' });
    const log = rows(rt, '历史').filter((h) => h[HISTORY.col.actor] === 'sales-lead@example.com');
    expect(log).toEqual([expect.objectContaining({ [HISTORY.col.action]: '查看敏感信息', [HISTORY.col.oldValue]: customerNo, [HISTORY.col.note]: '联系地址、证件号码' })]);
  });

  test('客户管理 › 查看敏感信息 asks for the number, shows the fields to allowed staff, refuses others, and a cancel does nothing', () => {
    const { rt, customerNo } = setupWorld();
    const ui = rt.services.SpreadsheetApp.ui;
    ui.answers.push({ button: 'OK', text: customerNo });
    const shown = rt.run('showReveal', [], { user: 'sales-lead@example.com' });
    expect(shown.value).toMatchObject({ ok: true, address: '北京市海淀区中关村大街1号' });
    expect(ui.prompts.at(-1)).toMatchObject({ title: '查看敏感信息', buttons: 'OK_CANCEL' });
    expect(ui.alerts.at(-1)!.prompt).toContain('北京市海淀区中关村大街1号');

    ui.answers.push({ button: 'OK', text: customerNo });
    rt.run('showReveal', [], { user: 'sales1@example.com' });
    expect(ui.alerts.at(-1)!.prompt).toContain('没有查看敏感信息的权限');
    expect(ui.alerts.at(-1)!.prompt).not.toContain('中关村');

    const alerts = ui.alerts.length;
    const logged = rows(rt, '历史').length;
    ui.answers.push({ button: 'CANCEL', text: customerNo });
    expect(rt.run('showReveal', [], { user: 'sales-lead@example.com' }).value).toBeNull();
    expect(ui.alerts).toHaveLength(alerts);
    expect(rows(rt, '历史')).toHaveLength(logged);
  });

  test('待审核队列 and 我的工单 open their sidebars, which load their data from exposed functions', () => {
    const { rt } = setupWorld();
    const ui = rt.services.SpreadsheetApp.ui;
    rt.run('showReviewQueue', [], { user: 'sales1@example.com' });
    expect(ui.sidebar?.title).toBe('待审核队列');
    expect(ui.sidebar?.html).toContain('reviewQueueSetup');
    rt.run('showMyTickets', [], { user: 'sales1@example.com' });
    expect(ui.sidebar?.title).toBe('我的工单');
    expect(ui.sidebar?.html).toContain('myTickets');
  });

  test('an unknown customer number is said so, without a log of plain data', () => {
    const { rt } = setupWorld();
    const r = rt.run('revealSensitive', ['C00000000999'], { user: 'sales-lead@example.com' });
    expect(r.value).toEqual({ ok: false, message: '没有找到客户编号 C00000000999。' });
  });

  test('the menu lists the staff items, and 新建客户记录 opens the sidebar', () => {
    const { rt } = setupWorld();
    rt.run('onOpen', [{}]);
    const menu = rt.services.SpreadsheetApp.ui.menus.at(-1)!;
    const items = menu.entries.flatMap((e) => (e.kind === 'item' ? [[e.caption, e.functionName]] : []));
    expect(menu.caption).toBe('客户管理');
    expect(items).toEqual([
      ['新建客户记录', 'showManualEntry'], ['待审核队列', 'showReviewQueue'], ['我的工单', 'showMyTickets'],
      ['导入表格数据', 'importFromSheet'], ['查看敏感信息', 'showReveal'], ['合并客户', 'showMergeCustomers'], ['个人信息请求', 'showPersonalRequests'], ['敏感信息查看权限', 'showAccessSettings'], ['群机器人设置', 'showRobotSettings'], ['短信设置', 'showSmsSettings'], ['表单工具推送', 'showFormToolPushes'], ['设置说明', 'showSetupHelp'],
      ['立即生成周报', 'reportWeeklyNow'], ['初始化/修复', 'setup'], ['自检', 'runSelfCheck'],
    ]);
    rt.run('showManualEntry', []);
    expect(rt.services.SpreadsheetApp.ui.sidebar?.title).toBe('新建客户记录（线下录入）');
    expect(rt.services.SpreadsheetApp.ui.sidebar?.html).toContain('manualEntrySetup');
  });

  test('before setup, every item but setup and the guide says to run setup first', () => {
    const rt = world(undefined, { setup: false });
    for (const fn of ['showManualEntry', 'showReviewQueue', 'showMyTickets', 'importFromSheet', 'showReveal', 'showMergeCustomers', 'showAccessSettings', 'showSmsSettings', 'reportWeeklyNow', 'runSelfCheck']) {
      const before = rt.services.SpreadsheetApp.ui.alerts.length;
      const r = rt.run(fn, [], { user: 'sales1@example.com' });
      expect({ fn, ok: r.ok }).toEqual({ fn, ok: true });
      expect(rt.services.SpreadsheetApp.ui.alerts.slice(before).map((a) => a.prompt)).toEqual([expect.stringContaining('请先运行“客户管理 › 初始化/修复”')]);
    }
    expect(rt.services.SpreadsheetApp.ui.sidebar).toBeFalsy();
    rt.run('showSetupHelp', []);
    expect(rt.services.SpreadsheetApp.ui.dialog?.html).toContain('请先运行');
  });

  test('设置说明 explains setup and 配置, with this workbook\'s Form link', () => {
    const { rt } = setupWorld();
    const r = rt.run('showSetupHelp', []);
    expect(r.ok).toBe(true);
    const dialog = rt.services.SpreadsheetApp.ui.dialog!;
    expect(dialog.title).toBe('设置说明');
    expect(dialog.html).toContain('配置');
    expect(dialog.html).toMatch(/href="https:\/\/docs\.google\.com\/forms\//);
  });
});
