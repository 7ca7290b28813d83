/**
 * Intake outages and an import's continuation, on the bundle: while 工单 is
 * renamed or one of its columns is gone, Form responses keep arriving and
 * every trigger and sweep fails; once the sheet is fixed the next sweep files
 * each of them exactly once, however long it lasted, and the admin was told.
 */
import { SELF_CHECK_RESULT } from '../src/domain/vocabulary';
import { IMPORT, MAIL_QUEUE, SELF_CHECK, SHEET, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { integrity } from './helpers/integrity';
import { T0, person, rows, submit, submitOne, world } from './helpers/world';

const HOUR = 3_600_000;
const someone = (i: number) => person({ name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}`, email: `c${i}@example.com` });

/** 12 Form responses spread over 70 hours, the clock running (and every hourly job firing) between them. */
function seventyHours(rt: Runtime, from: number): void {
  for (let i = 0; i < 12; i++) {
    const line = submitOne(rt, someone(i + 1), 'form', from + Math.round((i * 70 * HOUR) / 11));
    expect(line.outcome).toBe('failed');
  }
}

function sweep(rt: Runtime): void {
  const r = rt.run('sweepSubmissions');
  expect(r.error).toBeUndefined();
}

/** Mails to the setup owner about intake (the outage, then the recovery). */
function adminMails(rt: Runtime): string[] {
  return rt.state.mail.sent.filter((m) => m.to === rt.state.owner && /表单回复/.test(m.subject)).map((m) => m.subject);
}

function selfCheckRow(rt: Runtime): Record<string, unknown> {
  const run = rt.run('runSelfCheck');
  expect(run.error).toBeUndefined();
  return rows(rt, SHEET.selfCheck).find((r) => r[SELF_CHECK.col.check] === '等待登记的表单回复')!;
}

describe('an intake outage of 70 hours', () => {
  test('工单 renamed: the admin is told once; once it is back, the next sweep files all 12 responses, once each', () => {
    const rt = world();
    rt.staff.renameSheet('工单', '工单（旧）');
    seventyHours(rt, T0 + HOUR / 2);
    rt.advanceClockTo(rt.state.clock + HOUR);
    expect(rows(rt, '工单（旧）')).toHaveLength(0);
    expect(adminMails(rt)).toEqual(['【需处理】表单回复无法登记：找不到工作表“工单”：请运行 客户管理 › 初始化/修复']);
    // 自检 shows what waits, and since when (the first response, 30 minutes after setup).
    const row = selfCheckRow(rt);
    expect(row[SELF_CHECK.col.result]).toBe(SELF_CHECK_RESULT.fail);
    expect(String(row[SELF_CHECK.col.detail])).toContain('12 条回复等待登记（自 2026-11-23 10:30');

    rt.staff.renameSheet('工单（旧）', '工单');
    rt.advanceClockTo(rt.state.clock + HOUR);
    expect(integrity(rt)).toEqual({ customers: 12, tickets: 12, problems: [] });
    expect(adminMails(rt)).toEqual(['【需处理】表单回复无法登记：找不到工作表“工单”：请运行 客户管理 › 初始化/修复', '表单回复已恢复登记']);
    expect(selfCheckRow(rt)).toMatchObject({ [SELF_CHECK.col.result]: SELF_CHECK_RESULT.pass, [SELF_CHECK.col.detail]: '没有等待登记的表单回复' });
    sweep(rt);
    expect(integrity(rt).tickets).toBe(12);
    // Every customer got their acknowledgement, once.
    for (let i = 1; i <= 12; i++) expect(rt.state.mail.sent.filter((m) => m.to === `c${i}@example.com`)).toHaveLength(1);
  });

  test('a required column of 工单 deleted: once it is back, every response is filed', () => {
    const rt = world();
    const col = rt.staff.column('工单', TICKETS.col.no);
    rt.staff.deleteColumn('工单', col);
    seventyHours(rt, T0 + HOUR / 2);
    expect(adminMails(rt)).toHaveLength(1);
    rt.staff.insertColumn('工单', col);
    rt.staff.type('工单', 1, col, TICKETS.col.no, rt.state.owner);
    rt.advanceClockTo(rt.state.clock + HOUR);
    expect(integrity(rt)).toEqual({ customers: 12, tickets: 12, problems: [] });
    expect(adminMails(rt)).toHaveLength(2);
  });
});

describe('the sweep after a long outage', () => {
  test('cut short by its budget, then a failing batch: each run goes on from the first response it did not file, and every customer gets one acknowledgement', () => {
    // 250 acknowledgements and owner mails in a day fit a Workspace quota (1,500); a consumer account's 100 cannot
    // carry them, and acknowledgements beyond their share of the quota are held by design (e2e-mail-relay).
    const rt = world(T0, { accounts: 'workspace' });
    rt.staff.renameSheet('工单', '工单（旧）');
    // 250 responses whose triggers were lost, three days before the sheet is back.
    rt.faults.dropWhen = (type) => type === 'ON_FORM_SUBMIT';
    for (let i = 0; i < 250; i++) expect(submitOne(rt, someone(i), 'form', T0 + HOUR).outcome).toBe('pending');
    rt.faults.dropWhen = null;
    rt.advanceClockTo(T0 + 73 * HOUR);
    rt.staff.renameSheet('工单（旧）', '工单');

    // Reading 250 responses' answers takes longer than one run's budget: it files part and says so.
    const first = rt.run('sweepSubmissions');
    expect(first.error).toBeUndefined();
    const { processed, unfinished } = first.value as { processed: number; unfinished: boolean };
    expect(unfinished).toBe(true);
    expect(processed).toBeGreaterThan(0);
    expect(processed).toBeLessThan(250);
    expect(integrity(rt).tickets).toBe(processed);

    rt.faults.failCall('Range.setValues', 1);
    expect(rt.run('sweepSubmissions').ok).toBe(false);
    rt.faults.clear();
    for (let run = 0; run < 5 && integrity(rt).tickets < 250; run++) sweep(rt);
    expect(integrity(rt)).toEqual({ customers: 250, tickets: 250, problems: [] });
    // One acknowledgement each: sent, or — past a consumer account's 100 recipients a day — waiting in 邮件队列.
    const sent = rt.state.mail.sent.filter((m) => /^c\d+@example\.com$/.test(m.to)).map((m) => m.to);
    const waiting = rows(rt, '邮件队列').filter((q) => q[MAIL_QUEUE.col.state] === '待发送' && /^c\d+@example\.com$/.test(String(q[MAIL_QUEUE.col.to]))).map((q) => String(q[MAIL_QUEUE.col.to]));
    expect(new Set([...sent, ...waiting]).size).toBe(250);
    expect(sent.length + waiting.length).toBe(250);
  });
});

describe('an import that stopped early and lost its continuation', () => {
  const n = 1200;
  const records = Array.from({ length: n }, (_, i) => person({ name: `导入${i}`, mobile: `137${String(i).padStart(8, '0')}`, email: `k${i}@example.com` }));
  const continuations = (rt: Runtime) => rt.state.triggers.filter((t) => t.handler === 'importContinue');

  /** An import of `n` rows whose first batch's result write is where real time runs out: 1,000 rows filed, a continuation scheduled. */
  function longImport(): Runtime {
    const rt = world();
    rt.meter.onCall('Range.setNumberFormat', 1, () => {
      rt.state.clock += 5 * 60 * 1000;
    });
    const first = submit(rt, records, 'import');
    expect(first.filter((o) => o.outcome === 'accepted')).toHaveLength(1000);
    expect(continuations(rt)).toHaveLength(1);
    return rt;
  }

  function finishedOnce(rt: Runtime): void {
    expect(integrity(rt)).toEqual({ customers: n, tickets: n, problems: [] });
    expect(rows(rt, '导入').every((r) => String(r[IMPORT.col.result]).startsWith('已受理'))).toBe(true);
    expect(continuations(rt)).toHaveLength(0);
  }

  test('the continuation trigger is dropped: the hourly sweep continues the import, each row filed once', () => {
    const rt = longImport();
    rt.faults.dropWhen = (type) => type === 'CLOCK';
    rt.advanceClockTo(rt.state.clock + 2 * 60 * 1000);
    rt.faults.dropWhen = null;
    expect(continuations(rt)).toHaveLength(0);
    expect(integrity(rt).tickets).toBe(1000);
    rt.advanceClockTo(T0 + 2 * HOUR);
    finishedOnce(rt);
  });

  test('the continuation run fails: the hourly sweep continues the import, each row filed once', () => {
    const rt = longImport();
    rt.faults.failCall('Sheet.getDataRange', 1);
    const runs = rt.advanceClockTo(rt.state.clock + 2 * 60 * 1000);
    expect(runs.map((r) => [r.result.handler, r.result.ok])).toEqual([['importContinue', false]]);
    rt.advanceClockTo(T0 + 2 * HOUR);
    finishedOnce(rt);
  });

  test('rows pasted into 导入 after an import completed wait for someone to import them', () => {
    const rt = world();
    submit(rt, records.slice(0, 3), 'import');
    for (const [k, r] of records.slice(3, 5).entries()) {
      rt.staff.paste('导入', 5 + k, rt.staff.column('导入', '姓名/企业名称'), [[String(r['name'])]], rt.state.owner);
      rt.staff.paste('导入', 5 + k, rt.staff.column('导入', '手机号'), [[String(r['mobile'])]], rt.state.owner);
    }
    rt.advanceClockTo(T0 + 3 * HOUR);
    expect(rows(rt, '工单')).toHaveLength(3);
    expect(rows(rt, '导入').map((r) => r[IMPORT.col.result] === '')).toEqual([false, false, false, true, true]);
  });
});
