/**
 * The world at its least kind, on the bundle: an owner whose Google account
 * speaks English, a paste longer than a cell holds, a mail quota at zero.
 * Each gets a plain zh-CN message naming the cause and the fix, and nothing
 * is lost or filed twice. (A second editor's 初始化/修复 is in e2e-intake, a
 * consumer account's blank editors in e2e-identity.)
 */
import { HISTORY, IMPORT, MAIL_QUEUE, SELF_CHECK } from '../src/sheets/schema';
import { integrity } from './helpers/integrity';
import { person, rows, setStatus, submitOne, world } from './helpers/world';

describe("an owner whose Google account is in English (Google's errors come in English)", () => {
  test('a busy lock: manual entry still says, in Chinese, what happened and what to do; the form response is filed later', () => {
    const rt = world(undefined, { language: 'en' });
    rt.faults.lockTimeout = true;
    expect(submitOne(rt, person({ name: '甲' })).outcome).toBe('deferred');
    const manual = submitOne(rt, person({ name: '乙', mobile: '13900000002', email: 'b@example.com' }), 'manual');
    expect(String(manual['error'])).toBe('系统正忙（另一项提交正在处理），请稍后重试；表单提交会由定时任务自动补处理');
    rt.faults.lockTimeout = false;
    expect(rt.run('sweepSubmissions').ok).toBe(true);
    expect(integrity(rt)).toEqual({ customers: 1, tickets: 1, problems: [] });
  });

  test("a send refused with Google's English quota text: queued, 历史 says so in Chinese, sent once when it works", () => {
    const rt = world(undefined, { language: 'en' });
    const no = String(submitOne(rt, person()).ticket_no);
    rt.faults.failCall('MailApp.sendEmail', 1, { times: 1000, message: 'Exception: Service invoked too many times for one day: email.' });
    setStatus(rt, no, '已联系客户', rt.state.owner);
    const note = rows(rt, '历史').filter((h) => h[HISTORY.col.ticketNo] === no).at(-1)![HISTORY.col.note];
    expect(note).toContain('每小时自动重试');
    rt.faults.clear();
    rt.advanceClockTo(rt.state.clock + 3_600_000);
    expect(rt.state.mail.sent.filter((m) => m.subject.includes('已联系客户'))).toHaveLength(1);
    expect(rows(rt, '邮件队列').filter((q) => q[MAIL_QUEUE.col.state] === '待发送')).toHaveLength(0);
  });
});

describe('a paste longer than a cell holds', () => {
  test('the over-long cell is refused with the reason; the rest of the paste lands and files once', () => {
    const rt = world();
    const header = rows(rt, '导入').length === 0 ? 2 : rows(rt, '导入').length + 2;
    const col = (label: string) => rt.staff.column('导入', label);
    const paste = rt.staff.paste('导入', header, col('姓名/企业名称'), [['长描述客户'], ['正常客户']], rt.state.owner);
    expect(paste.refused).toEqual([]);
    const mobile = rt.staff.paste('导入', header, col('手机号'), [['13900000011'], ['13900000012']], rt.state.owner);
    expect(mobile.refused).toEqual([]);
    const long = rt.staff.paste('导入', header, col('具体需求描述'), [['长'.repeat(50_001)], ['需要采购办公设备，请联系报价']], rt.state.owner);
    expect(long.refused).toEqual([{ row: header, column: col('具体需求描述'), message: '单元格中的文字超出了 50000 个字符的上限。' }]);
    for (const [label, value] of [['客户类型', '个人'], ['所属行业', '互联网'], ['需求类型', '产品咨询'], ['时间要求', '1个月内'], ['个人信息处理同意', '同意']] as const) {
      rt.staff.paste('导入', header, col(label), [[value], [value]], rt.state.owner);
    }
    const r = rt.run('importFromSheet', [], { user: rt.state.owner });
    expect(r.ok).toBe(true);
    // Both rows were handled: the one whose description was refused waits in 待审核 saying what is missing.
    const results = rows(rt, '导入').map((x) => String(x[IMPORT.col.result]));
    expect(results[0]).toMatch(/^待审核.*具体需求描述为必填项/);
    expect(results[1]).toMatch(/T\d{11}/);
    expect(rows(rt, '工单').filter((t) => t['姓名/企业名称'] === '正常客户')).toHaveLength(1);
    expect(rt.run('importFromSheet', [], { user: rt.state.owner }).ok).toBe(true);
    expect(rows(rt, '工单').filter((t) => t['姓名/企业名称'] === '正常客户')).toHaveLength(1);
  });
});

describe('a mail quota at zero', () => {
  test('历史 says the mail waits for the quota, 自检 names the cause and the fix, the mail is sent once later', () => {
    const rt = world();
    const no = String(submitOne(rt, person()).ticket_no);
    rt.useUpMailQuota();
    setStatus(rt, no, '已联系客户', rt.state.owner);
    const last = rows(rt, '历史').filter((h) => h[HISTORY.col.ticketNo] === no).at(-1)!;
    expect(last[HISTORY.col.note]).toBe('今日邮件配额已用完，稍后自动发送给 xiaoming@example.com');
    expect(rt.run('runSelfCheck').ok).toBe(true);
    const quota = rows(rt, SELF_CHECK.name).find((x) => x[SELF_CHECK.col.check] === '今日剩余邮件配额')!;
    expect(quota[SELF_CHECK.col.result]).toBe('未通过');
    expect(String(quota[SELF_CHECK.col.fix])).not.toBe('');
    rt.advanceClockTo(rt.state.clock + 25 * 3_600_000);
    expect(rt.state.mail.sent.filter((m) => m.subject.includes('已联系客户'))).toHaveLength(1);
  });
});
