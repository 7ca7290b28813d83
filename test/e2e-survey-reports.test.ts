/**
 * The satisfaction survey and the scheduled reports, on the shipped bundle:
 * a survey reply keeps what the customer wrote at intake and both ratings are
 * counted; 平均满意度 is a true 1–5 average; a scheduled report that could not
 * run or send is sent by a later hourly run, exactly once.
 */
import { CUSTOMERS, MAIL_QUEUE, REPORTS, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { deleteColumns, findSheet, setCell } from '../local/runtime/sheet-data';
import { person, rows, setStatus, submitOne, ticketOwner, world } from './helpers/world';

const at = (local: string) => Date.parse(`${local}+08:00`);
const SALES = 'sales1@example.com';
const CUSTOMER = 'xiaoming@example.com';

function ticket(rt: Runtime, no: string): Record<string, unknown> {
  return rows(rt, '工单').find((t) => t[TICKETS.col.no] === no)!;
}

/** Files a ticket and resolves it; returns its number and the signed number of the survey link mailed for it. */
function resolved(rt: Runtime, answers: Record<string, string> = {}): { no: string; signed: string } {
  const no = submitOne(rt, person(answers)).ticket_no as string;
  setStatus(rt, no, '问题已解决', SALES);
  const link = rt.state.mail.sent.filter((m) => m.to === CUSTOMER && m.body.includes(no)).map((m) => /entry\.\d+=([^&\s]+)/.exec(m.body)).find((m) => m)!;
  return { no, signed: decodeURIComponent(link[1]!) };
}

/** The customer answers the survey Form; returns the outcome of its submit trigger. */
function answerSurvey(rt: Runtime, signed: string, score: string, feedback: string): string {
  const form = rt.state.forms.find((f) => f.id === rt.state.properties.script['SURVEY_FORM_ID'])!;
  const id = (title: string) => form.items.find((i) => i.title === title)!.id;
  const response = rt.services.FormApp.hostSubmit(form.id, [
    { itemId: id('关联工单号'), response: signed },
    { itemId: id('满意度评分'), response: score },
    { itemId: id('反馈内容'), response: feedback },
  ]);
  const [run] = rt.fireFormSubmit(form.id, response.id);
  if (!run!.ok) throw new Error(run!.error);
  return (run!.value as { outcome: string }).outcome;
}

/** The satisfaction figures of this week's report, from its 报表 archive. */
function weekSatisfaction(rt: Runtime): { average: unknown; distribution: unknown[] } {
  const r = rt.run('reportNow', ['weekly']);
  if (!r.ok) throw new Error(r.error);
  const archived = rows(rt, '报表').filter((x) => x[REPORTS.col.generatedAt] === rows(rt, '报表').at(-1)![REPORTS.col.generatedAt]);
  const figure = (group: string, name: string) => archived.find((x) => x[REPORTS.col.group] === group && x[REPORTS.col.figure] === name)![REPORTS.col.current];
  return { average: figure('概览', '平均满意度'), distribution: [1, 2, 3, 4, 5].map((n) => figure('满意度分布', `${n}分`)) };
}

const avgRating = (rt: Runtime) => rows(rt, '客户')[0]![CUSTOMERS.col.avgRating];

describe('a survey reply', () => {
  test('keeps the 反馈内容 and 满意度评分 given at intake; the report counts both ratings', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const { no, signed } = resolved(rt, { satisfaction: '2', feedback: '上次安装拖了很久' });
    expect(answerSurvey(rt, signed, '5', '这次很快')).toBe('rated');
    expect(ticket(rt, no)).toMatchObject({ 满意度评分: 2, 反馈内容: '上次安装拖了很久', [TICKETS.col.surveyRating]: 5, [TICKETS.col.surveyFeedback]: '这次很快' });
    expect(weekSatisfaction(rt)).toEqual({ average: 3.5, distribution: [0, 1, 0, 0, 1] });
  });

  test('平均满意度 of the customer is the average of their survey ratings, within 1–5', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const a = resolved(rt);
    const b = resolved(rt, { satisfaction: '1', need_description: '打印机无法连接，需要上门维修' });
    answerSurvey(rt, a.signed, '4', '');
    answerSurvey(rt, b.signed, '5', '');
    expect(avgRating(rt)).toBe(4.5);
  });

  test('answered twice: the later survey rating replaces the earlier one, never the intake rating', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const { no, signed } = resolved(rt, { satisfaction: '3', feedback: '希望更快' });
    answerSurvey(rt, signed, '1', '没人联系我');
    answerSurvey(rt, signed, '4', '后来解决了');
    expect(ticket(rt, no)).toMatchObject({ 满意度评分: 3, 反馈内容: '希望更快', [TICKETS.col.surveyRating]: 4, [TICKETS.col.surveyFeedback]: '后来解决了' });
    expect(avgRating(rt)).toBe(4);
    expect(weekSatisfaction(rt)).toEqual({ average: 3.5, distribution: [0, 0, 1, 1, 0] });
  });

  test('a rating outside 1–5 or not a number never enters an average: the reply goes to 待审核, a typed one is listed under 数据异常', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const { no, signed } = resolved(rt, { satisfaction: '4' });
    expect(answerSurvey(rt, signed, '6', '')).toBe('review');
    expect(answerSurvey(rt, signed, '很好', '')).toBe('review');
    expect(ticket(rt, no)).toMatchObject({ 满意度评分: 4, [TICKETS.col.surveyRating]: '' });
    expect(avgRating(rt)).toBe('');
    const row = rows(rt, '工单').findIndex((t) => t[TICKETS.col.no] === no) + 2;
    setCell(findSheet(rt.state, '工单')!, row, rt.staff.column('工单', TICKETS.col.surveyRating), 9);
    expect(weekSatisfaction(rt)).toEqual({ average: 4, distribution: [0, 0, 0, 1, 0] });
    expect(rt.state.mail.sent.at(-1)!.body).toContain('工单表 调查评分不是 1–5 的整数：1 行（第 2 行）');
  });

  test('a workbook from before the survey columns: repair adds them, its rows stay valid and take a survey answer', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const { no, signed } = resolved(rt, { satisfaction: '3', feedback: '还行' });
    const sheet = findSheet(rt.state, '工单')!;
    for (const label of [TICKETS.col.surveyFeedback, TICKETS.col.surveyRating]) deleteColumns(sheet, rt.staff.column('工单', label), 1);
    expect(weekSatisfaction(rt)).toEqual({ average: 3, distribution: [0, 0, 1, 0, 0] });
    expect(rt.run('setup').ok).toBe(true);
    expect(answerSurvey(rt, signed, '5', '很好')).toBe('rated');
    expect(ticket(rt, no)).toMatchObject({ 满意度评分: 3, 反馈内容: '还行', [TICKETS.col.surveyRating]: 5, [TICKETS.col.surveyFeedback]: '很好' });
    expect(weekSatisfaction(rt)).toEqual({ average: 4, distribution: [0, 0, 1, 0, 1] });
  });
});

describe('a scheduled report that could not run or send', () => {
  const WEEK = '周报：2026-11-23 至 2026-11-29';
  const sentWith = (rt: Runtime, subject: string) => rt.state.mail.sent.filter((m) => m.subject.includes(subject));
  const nextRun = (rt: Runtime, handler: string) => rt.state.triggers.find((t) => t.handler === handler)!.nextRun!;

  /** Installed on a Sunday evening; `fault` is set just before Monday's 09:00 weekly run and cleared after it. */
  function mondayRun(fault: (rt: Runtime) => void): Runtime {
    const rt = world(at('2026-11-29T20:00:00'));
    const due = nextRun(rt, 'reportWeekly');
    rt.advanceClockTo(due - 1);
    fault(rt);
    const [run] = rt.advanceClockTo(due).filter((r) => r.result.handler === 'reportWeekly');
    expect(run).toBeDefined();
    rt.faults.clear();
    return rt;
  }

  /** Nothing was sent by the Monday run; the next hourly run sends it, and no later run again. */
  function sentOnceByTheNextHour(rt: Runtime): void {
    expect(sentWith(rt, WEEK)).toHaveLength(0);
    rt.advanceClockTo(at('2026-11-30T11:30:00'));
    expect(sentWith(rt, WEEK)).toHaveLength(1);
    rt.advanceClockTo(at('2026-11-30T15:00:00'));
    expect(sentWith(rt, WEEK)).toHaveLength(1);
  }

  test('the lock is busy at the Monday run: the next hourly run sends it, once', () => {
    sentOnceByTheNextHour(mondayRun((rt) => (rt.faults.lockTimeout = true)));
  });

  test('a read fails in the Monday run: the next hourly run sends it, once, archived once', () => {
    const rt = mondayRun((rt) => rt.meter.onCall('Lock.tryLock', 1, () => rt.faults.failCall('Range.getValues', 1)));
    sentOnceByTheNextHour(rt);
    expect(new Set(rows(rt, '报表').filter((r) => r[REPORTS.col.id] === 'weekly:2026-11-23').map((r) => r[REPORTS.col.generatedAt])).size).toBe(1);
  });

  test('the send fails in the Monday run: the next hourly run sends it, once', () => {
    sentOnceByTheNextHour(mondayRun((rt) => rt.faults.failCall('MailApp.sendEmail', 1)));
  });

  test('no mail quota left: the report waits in the queue and goes out once when the quota is back', () => {
    const rt = mondayRun((rt) => rt.useUpMailQuota());
    expect(sentWith(rt, WEEK)).toHaveLength(0);
    expect(rows(rt, '邮件队列').filter((q) => String(q[MAIL_QUEUE.col.subject]).includes(WEEK)).map((q) => q[MAIL_QUEUE.col.state])).toEqual(['待发送']);
    rt.advanceClockTo(at('2026-12-01T12:00:00')); // the quota is renewed 24 hours after the window's first use
    expect(sentWith(rt, WEEK)).toHaveLength(1);
    rt.advanceClockTo(at('2026-12-01T15:00:00'));
    expect(sentWith(rt, WEEK)).toHaveLength(1);
  });

  test('the run fails right after the send: no later run sends it again', () => {
    const rt = mondayRun((rt) => rt.meter.onCall('MailApp.sendEmail', 1, () => rt.faults.failCall('SpreadsheetApp.flush', 1)));
    expect(sentWith(rt, WEEK)).toHaveLength(1);
    rt.advanceClockTo(at('2026-11-30T15:00:00'));
    expect(sentWith(rt, WEEK)).toHaveLength(1);
  });

  test('the 1st of a quarter, lock busy for the whole 09:00 hour: the monthly and quarterly reports follow at 10:00, once', () => {
    const rt = world(at('2026-12-31T20:00:00'));
    rt.advanceClockTo(at('2027-01-01T08:59:59'));
    rt.faults.lockTimeout = true;
    rt.advanceClockTo(at('2027-01-01T09:59:59'));
    rt.faults.clear();
    expect(sentWith(rt, '报：2026-')).toHaveLength(0);
    rt.advanceClockTo(at('2027-01-01T14:00:00'));
    expect(sentWith(rt, '月报：2026-12-01 至 2026-12-31')).toHaveLength(1);
    expect(sentWith(rt, '季报：2026-10-01 至 2026-12-31')).toHaveLength(1);
  });

  test('installed mid-week: no hourly run sends a report for a period before the install', () => {
    const rt = world(at('2026-11-25T10:00:00'));
    rt.advanceClockTo(at('2026-11-25T14:00:00'));
    expect(sentWith(rt, '报：')).toHaveLength(0);
  });
});

describe('a low rating', () => {
  const alerts = (rt: Runtime) => rt.state.mail.sent.filter((m) => m.subject.includes('【低分】'));

  test('tells the owner and the team\'s supervisor once, reopens nothing, and is listed in the weekly report', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const { no, signed } = resolved(rt);
    const owner = ticketOwner(rt, no);
    expect(answerSurvey(rt, signed, '1', '一直没人回电话')).toBe('rated');
    expect(alerts(rt).map((m) => m.to).sort()).toEqual([owner, 'sales-lead@example.com'].sort());
    const toOwner = alerts(rt).find((m) => m.to === owner)!;
    expect(toOwner.subject).toBe(`【低分】工单 ${no} 满意度 1 分`);
    expect(toOwner.body).toContain('一直没人回电话');
    expect(toOwner.body).toContain('13800138000');
    expect(toOwner.body).toContain('请在一个工作日内回访客户');
    expect(alerts(rt).find((m) => m.to === 'sales-lead@example.com')!.body).toContain('也收到了这封邮件');
    expect(ticket(rt, no)[TICKETS.col.status]).toBe('问题已解决');
    // Rated again and still low: nobody is told twice.
    expect(answerSurvey(rt, signed, '2', '')).toBe('rated');
    expect(alerts(rt)).toHaveLength(2);
    const report = rt.run('reportNow', ['weekly']);
    expect(report.ok).toBe(true);
    const mail = rt.state.mail.sent.at(-1)!;
    expect(mail.subject).toContain('周报');
    expect(mail.body).toContain('低分工单（1–2 分，1 张）');
    expect(mail.body).toContain(no);
  });

  test('a rating of 3 or more tells no one and lists nothing', () => {
    const rt = world(at('2026-11-23T10:00:00'));
    const { signed } = resolved(rt);
    expect(answerSurvey(rt, signed, '3', '还行')).toBe('rated');
    expect(alerts(rt)).toHaveLength(0);
    expect(rt.run('reportNow', ['weekly']).ok).toBe(true);
    expect(rt.state.mail.sent.at(-1)!.body).not.toContain('低分工单');
  });
});
