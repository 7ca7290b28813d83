/**
 * 客户管理 › 自检 end to end, on the shipped bundle: after setup every check
 * passes in the runtime; a broken assumption is a 未通过 row with what to do,
 * and the other checks still run. The test response it submits is never filed.
 */
import { getCell } from '../local/runtime/sheet-data';
import { REPORTS, SELF_CHECK, SHEET, TICKETS } from '../src/sheets/schema';
import type { SelfCheckReport } from '../src/services/self-check';
import { addCalendarDay, person, rows, submitOne, world } from './helpers/world';

const HOUR = 3600 * 1000;

function selfCheck(rt: ReturnType<typeof world>, user?: string) {
  const run = rt.run('runSelfCheck', [], user ? { user } : {});
  if (!run.ok) throw new Error(`runSelfCheck failed: ${run.error}`);
  return { run, report: run.value as SelfCheckReport, sheet: rows(rt, SHEET.selfCheck), alert: rt.services.SpreadsheetApp.ui.alerts.at(-1)! };
}

/** A workbook whose admin has entered next year's holidays (the tests' clock is in November 2026). */
function healthyWorld(...args: Parameters<typeof world>): ReturnType<typeof world> {
  const rt = world(...args);
  addCalendarDay(rt, '2027-01-01');
  return rt;
}

function rowOf(sheet: Record<string, unknown>[], name: string): Record<string, unknown> {
  const row = sheet.find((r) => r[SELF_CHECK.col.check] === name);
  if (!row) throw new Error(`no 自检 row ${name}`);
  return row;
}

describe('自检 after setup', () => {
  test('writes one readable row per check, all 通过, and says so', () => {
    const rt = healthyWorld();
    const { report, sheet, alert } = selfCheck(rt);
    expect(report).toMatchObject({ passed: 15, failed: 0, skipped: 0 });
    expect(sheet.map((r) => [r[SELF_CHECK.col.check], r[SELF_CHECK.col.result]])).toEqual([
      ['“配置”工作表存在', '通过'],
      ['加密密钥存在', '通过'],
      ['客户信息表单可以填写', '通过'],
      ['满意度调查表单可以填写', '通过'],
      ['表单能收到回复（提交、读回并删除一条测试回复）', '通过'],
      ['触发器已安装，当前账号是初始化账号', '通过'],
      ['今日剩余邮件配额', '通过'],
      ['等待登记的表单回复', '通过'],
      ['脚本和表格的时区', '通过'],
      ['服务错误信息的语言', '通过'],
      ['表格容量（单元格数）', '通过'],
      ['法定节假日和调休数据', '通过'],
      ['隐藏列中的内容能被搜索到', '通过'],
      ['纯文本单元格不把 =1+1 当作公式', '通过'],
      ['排序不移动冻结的标题行', '通过'],
    ]);
    expect(sheet.every((r) => r[SELF_CHECK.col.detail] !== '' && r[SELF_CHECK.col.fix] === '')).toBe(true);
    // One time for the whole run (setup took its modelled seconds after 10:00).
    expect(new Set(sheet.map((r) => r[SELF_CHECK.col.checkedAt])).size).toBe(1);
    expect(sheet[0]![SELF_CHECK.col.checkedAt]).toMatch(/^2026-11-23T10:0\d:\d\d\+08:00$/);
    // A Chinese owner's service errors are Chinese: recorded, not relied on.
    expect(rowOf(sheet, '服务错误信息的语言')[SELF_CHECK.col.detail]).toContain('服务错误信息是中文');
    expect(rowOf(sheet, '脚本和表格的时区')[SELF_CHECK.col.detail]).toContain('Asia/Shanghai');
    expect(alert).toMatchObject({ title: '自检完成', prompt: expect.stringContaining('15 项通过，0 项未通过，0 项跳过') });
    // The scratch sheet is gone, the header of 自检 is the schema's.
    const names = rt.state.spreadsheet.sheets.map((s) => s.name);
    expect(names).toContain(SHEET.selfCheck);
    expect(names).not.toContain(SHEET.selfCheckScratch);
  });

  test('its test response fires the intake trigger, files no ticket, sends no mail, and is gone', () => {
    const rt = healthyWorld();
    const mails = rt.state.mail.sent.length;
    const { run } = selfCheck(rt);
    expect(run.triggered?.map((r) => [r.handler, r.ok, (r.value as { outcome?: string } | undefined)?.outcome])).toEqual([
      ['onFormSubmit', true, 'selfCheck'],
    ]);
    expect(rows(rt, SHEET.tickets)).toEqual([]);
    expect(rows(rt, SHEET.review)).toEqual([]);
    expect(rt.state.mail.sent.length).toBe(mails);
    expect(rt.state.forms.every((f) => f.responses.length === 0)).toBe(true);
    // The hourly sweep finds nothing left to file either.
    rt.advanceClockTo(rt.state.clock + 2 * HOUR);
    expect(rows(rt, SHEET.tickets)).toEqual([]);
  });

  test('a customer who types an old or guessed marker is filed as usual', () => {
    const rt = healthyWorld();
    selfCheck(rt);
    const [nonce] = rt.state.properties.script['SELF_CHECK_NONCE']!.split(':');
    const guessed = submitOne(rt, person({ name: `自检 ${'0'.repeat(32)}` }));
    expect(guessed).toMatchObject({ outcome: 'accepted' });
    // The run's own nonce, once expired (or replaced by the next run), marks nothing.
    const old = submitOne(rt, person({ name: `自检 ${nonce}`, mobile: '13900139000', email: 'b@example.com' }), 'form', rt.state.clock + HOUR);
    expect(old).toMatchObject({ outcome: 'accepted' });
    expect(rows(rt, SHEET.tickets).map((r) => r[TICKETS.col.no])).toEqual(['T20261123001', 'T20261123002']);
  });

  test('the hourly sweep skips (and deletes) a response with the current nonce that no trigger saw', () => {
    const rt = healthyWorld();
    selfCheck(rt);
    const [nonce] = rt.state.properties.script['SELF_CHECK_NONCE']!.split(':');
    rt.faults.dropWhen = () => true;
    expect(submitOne(rt, person({ name: `自检 ${nonce}` }))).toMatchObject({ outcome: 'pending' });
    rt.faults.dropWhen = null;
    const swept = rt.run('sweepSubmissions');
    expect(swept).toMatchObject({ ok: true, value: { processed: 0 } });
    expect(rows(rt, SHEET.tickets)).toEqual([]);
    expect(rt.state.forms.every((f) => f.responses.length === 0)).toBe(true);
  });

  test('run twice, it leaves one set of rows', () => {
    const rt = healthyWorld();
    selfCheck(rt);
    rt.advanceClockTo(rt.state.clock + HOUR);
    const { sheet } = selfCheck(rt);
    expect(sheet).toHaveLength(15);
    expect(new Set(sheet.map((r) => r[SELF_CHECK.col.checkedAt])).size).toBe(1);
    expect(sheet[0]![SELF_CHECK.col.checkedAt]).toMatch(/^2026-11-23T11:0\d:\d\d\+08:00$/);
  });

  test('an English-speaking owner\'s account: the error language row says so, and still passes', () => {
    const { sheet } = selfCheck(world(undefined, { language: 'en' }));
    expect(rowOf(sheet, '服务错误信息的语言')).toMatchObject({ [SELF_CHECK.col.result]: '通过', [SELF_CHECK.col.detail]: expect.stringContaining('不是中文') });
  });

  test('in English, the rows and the summary are in English; 结果 keeps the stored vocabulary', () => {
    const rt = healthyWorld();
    const config = rt.state.spreadsheet.sheets.find((s) => s.name === SHEET.config)!;
    const row = config.rows.findIndex((r) => r?.v[1] === '语言');
    rt.editCell(SHEET.config, row + 1, 3, 'en', rt.state.owner);
    const { sheet, alert } = selfCheck(rt);
    expect(rowOf(sheet, 'Mail quota left today')[SELF_CHECK.col.result]).toBe('通过');
    expect(alert).toMatchObject({ title: 'Self-check finished', prompt: expect.stringContaining('15 passed, 0 failed, 0 skipped') });
  });
});

describe('自检 when something is wrong', () => {
  test('from 1 November without next year\'s holidays: 自检, setup and the weekly report all say so, with the rows to add; one row in 日历 ends it', () => {
    const rt = world(); // 2026-11-23: the bundled data ends with 2026
    const { report, sheet } = selfCheck(rt);
    expect(report).toMatchObject({ passed: 14, failed: 1 });
    const row = rowOf(sheet, '法定节假日和调休数据');
    expect(row[SELF_CHECK.col.result]).toBe('未通过');
    expect(row[SELF_CHECK.col.detail]).toContain('还没有 2027 年的法定节假日和调休上班日');
    expect(row[SELF_CHECK.col.detail]).toContain('按普通的每周工作日计算');
    expect(row[SELF_CHECK.col.fix]).toContain('2027-01-01 休息、2027-05-01 休息、2027-05-02 休息、2027-10-01 休息');
    expect(row[SELF_CHECK.col.fix]).toContain('国务院办公厅');

    const setup = rt.run('setup', [], { user: rt.state.owner });
    expect(setup.ok).toBe(true);
    expect(rt.services.SpreadsheetApp.ui.alerts.at(-1)!.prompt).toContain('还没有 2027 年的法定节假日');

    expect(rt.run('reportNow', ['weekly'], { user: rt.state.owner }).ok).toBe(true);
    const mail = rt.state.mail.sent.at(-1)!;
    expect(mail.subject).toContain('周报');
    expect(mail.body).toContain('还没有 2027 年的法定节假日');
    expect(mail.body).toContain('2027-10-03 休息');

    addCalendarDay(rt, '2027-01-01');
    expect(rowOf(selfCheck(rt).sheet, '法定节假日和调休数据')[SELF_CHECK.col.result]).toBe('通过');
    expect(rt.run('reportNow', ['weekly'], { user: rt.state.owner }).ok).toBe(true);
    expect(rt.state.mail.sent.at(-1)!.body).not.toContain('法定节假日');
  });

  test('a workbook past 70% of Google Sheets\' 10 million cells is 未通过, with the archive path as what to do', () => {
    const rt = healthyWorld();
    const before = selfCheck(rt).sheet.find((r) => r[SELF_CHECK.col.check] === '表格容量（单元格数）')!;
    // Setup gives each sheet exactly its columns: the new workbook is a small share of the cap.
    expect(before[SELF_CHECK.col.detail]).toMatch(/^表格共 [\d,]+ 个单元格，占 Google 表格上限（1000 万）的 [0-2]%$/);
    // Every sheet setup made has exactly its columns; repair trims an older version's 26 to those in use.
    for (const sheet of rt.state.spreadsheet.sheets) {
      const headers = Array.from({ length: sheet.maxColumns }, (_, c) => getCell(sheet, 1, c + 1)).filter((h) => h !== '' && h !== null && h !== undefined);
      // 报表 also holds the chart: a blank column before its data block, a blank one after it and one to anchor it.
      const extra = sheet.name === REPORTS.name ? 3 : 0;
      expect([sheet.name, sheet.maxColumns]).toEqual([sheet.name, headers.length + extra]);
    }
    const history = rt.state.spreadsheet.sheets.find((s) => s.name === '历史')!;
    const width = history.maxColumns;
    history.maxColumns = 26;
    expect(rt.run('setup').ok).toBe(true);
    expect(history.maxColumns).toBe(width);
    history.maxRows = 900_000;
    const row = selfCheck(rt).sheet.find((r) => r[SELF_CHECK.col.check] === '表格容量（单元格数）')!;
    expect(row).toMatchObject({ [SELF_CHECK.col.result]: '未通过', [SELF_CHECK.col.fix]: expect.stringContaining('按年归档') });
    expect(row[SELF_CHECK.col.detail]).toMatch(/已占 Google 表格上限（1000 万）的 7\d%/);
  });

  test('an unpublished Form is 未通过 with what to do; the test response is skipped; the rest still run', () => {
    const rt = healthyWorld();
    rt.services.FormApp.openById(rt.state.properties.script['FORM_ID']!).setPublished(false);
    const { report, sheet, alert } = selfCheck(rt);
    const form = rowOf(sheet, '客户信息表单可以填写');
    expect(form[SELF_CHECK.col.result]).toBe('未通过');
    expect(form[SELF_CHECK.col.detail]).toContain('客户信息表单未能发布');
    expect(form[SELF_CHECK.col.fix]).toContain('初始化/修复');
    expect(rowOf(sheet, '表单能收到回复（提交、读回并删除一条测试回复）')[SELF_CHECK.col.result]).toBe('跳过');
    expect(report).toMatchObject({ passed: 13, failed: 1, skipped: 1 });
    expect(alert.prompt).toContain('未通过：客户信息表单可以填写');
  });

  test('run by another editor, the triggers row says who the owner is and that only they can see them', () => {
    const rt = healthyWorld();
    const { sheet } = selfCheck(rt, 'sales-lead@example.com');
    const triggers = rowOf(sheet, '触发器已安装，当前账号是初始化账号');
    expect(triggers[SELF_CHECK.col.result]).toBe('跳过');
    expect(triggers[SELF_CHECK.col.detail]).toContain(`属于初始化账号 ${rt.state.owner}，只有该账号能看到它们`);
    expect(triggers[SELF_CHECK.col.detail]).toContain('sales-lead@example.com');
    expect(triggers[SELF_CHECK.col.fix]).toContain(`请 ${rt.state.owner} 登录后运行`);
  });

  test('a missing trigger, no mail quota and a spreadsheet in another time zone are each 未通过 with a fix', () => {
    const rt = healthyWorld();
    rt.state.triggers = rt.state.triggers.filter((t) => t.handler !== 'followUpHourly');
    rt.useUpMailQuota();
    rt.state.spreadsheet.timeZone = 'America/New_York';
    const { sheet } = selfCheck(rt);
    const triggers = rowOf(sheet, '触发器已安装，当前账号是初始化账号');
    expect(triggers).toMatchObject({ [SELF_CHECK.col.result]: '未通过', [SELF_CHECK.col.detail]: expect.stringContaining('followUpHourly') });
    expect(rowOf(sheet, '今日剩余邮件配额')).toMatchObject({ [SELF_CHECK.col.result]: '未通过', [SELF_CHECK.col.fix]: expect.stringContaining('24 小时后恢复') });
    expect(rowOf(sheet, '脚本和表格的时区')).toMatchObject({
      [SELF_CHECK.col.result]: '未通过',
      [SELF_CHECK.col.detail]: expect.stringContaining('America/New_York'),
      [SELF_CHECK.col.fix]: expect.stringContaining('初始化/修复'),
    });
  });

  test('a check that throws is 未通过 with its message, and the scratch sheet is still deleted', () => {
    const rt = healthyWorld();
    rt.faults.failCall('TextFinder.findAll', 1, { message: 'Exception: 服务暂时不可用。' });
    const { sheet, report } = selfCheck(rt);
    expect(rowOf(sheet, '隐藏列中的内容能被搜索到')).toMatchObject({
      [SELF_CHECK.col.result]: '未通过',
      [SELF_CHECK.col.detail]: '检查时出错：Exception: 服务暂时不可用。',
    });
    expect(report.failed).toBe(1);
    expect(rt.state.spreadsheet.sheets.map((s) => s.name)).not.toContain(SHEET.selfCheckScratch);
  });
});
