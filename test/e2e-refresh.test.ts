/**
 * 定期更新 end to end, on the shipped bundle: the hourly job mails customers
 * whose details were last confirmed long ago their own pre-filled Form (need
 * type 资料更新), once a quarter and a capped number a day; an answer that
 * changes nothing is closed as filed and stamps 最后核实时间, one that changes
 * something waits for staff like any returning customer's differing details.
 */
import { fieldByName } from '../src/domain/fields';
import { CUSTOMERS, HISTORY, INTERNAL, TICKETS } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import type { StoredValue } from '../local/runtime/state';
import { findSheet, setCell } from '../local/runtime/sheet-data';
import { setConfigValue } from '../local/drive/config-view';
import { addCalendarDay, person, rows, submitOne, ticketOwner, world } from './helpers/world';

const at = (iso: string) => Date.parse(iso + '+08:00');
const LONG_AGO: StoredValue = { d: at('2026-03-02T10:00:00') };

function customer(rt: Runtime, no: string): Record<string, unknown> {
  return rows(rt, CUSTOMERS.name).find((r) => r[CUSTOMERS.col.no] === no)!;
}

/** As a record from March would stand: first met then, not confirmed since. */
function lastConfirmedLongAgo(rt: Runtime, no: string): void {
  const sheet = findSheet(rt.state, CUSTOMERS.name)!;
  const row = rows(rt, CUSTOMERS.name).findIndex((r) => r[CUSTOMERS.col.no] === no) + 2;
  for (const label of [CUSTOMERS.col.firstContact, CUSTOMERS.col.verifiedAt]) setCell(sheet, row, rt.staff.column(CUSTOMERS.name, label), LONG_AGO);
}

const refreshMails = (rt: Runtime, to?: string) =>
  rt.state.mail.sent.filter((m) => m.subject.startsWith('请核实您在') && (to === undefined || m.to === to));

/** What the customer sees when they open a pre-filled link: the answers it fills in, by field key. */
function openPrefilled(rt: Runtime, body: string): Record<string, string> {
  const url = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(body)![0];
  const form = rt.state.forms.find((f) => f.id === rt.state.properties.script['FORM_ID'])!;
  const out: Record<string, string> = {};
  for (const [name, value] of new URL(url).searchParams) {
    const m = /^entry\.(\d+)$/.exec(name);
    if (m) out[fieldByName(form.items.find((i) => i.id === Number(m[1]))!.title)!.key] = value;
  }
  return out;
}

function start(): { rt: Runtime; no: string } {
  const rt = world(at('2026-11-23T08:00:00'));
  addCalendarDay(rt, '2027-01-01');
  const no = String(submitOne(rt, person()).customer_no);
  lastConfirmedLongAgo(rt, no);
  return { rt, no };
}

describe('定期更新', () => {
  test('a customer not confirmed for months gets one mail with their own pre-filled Form, once a quarter', () => {
    const { rt, no } = start();
    // Confirmed today by their submission: not asked.
    const fresh = String(submitOne(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com' })).customer_no);
    expect(customer(rt, fresh)[CUSTOMERS.col.verifiedAt]).toMatch(/^2026-11-23T0/);

    rt.advanceClockTo(at('2026-11-23T10:30:00'));
    const mails = refreshMails(rt);
    expect(mails.map((m) => m.to)).toEqual(['xiaoming@example.com']);
    expect(mails[0]!.body).toContain('王小明，您好');
    const filled = openPrefilled(rt, mails[0]!.body);
    expect(filled).toMatchObject({ name: '王小明', mobile: '13800138000', email: 'xiaoming@example.com', customer_kind: '个人', need_type: '资料更新' });
    expect(rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.action] === '邀请核实资料').map((h) => h[HISTORY.col.newValue])).toEqual([no]);
    expect(customer(rt, no)[INTERNAL.refreshInvitedAt]).toMatch(/^2026-11-23T/);

    // Not again this quarter, whatever the job's runs.
    rt.advanceClockTo(at('2026-11-25T17:30:00'));
    expect(refreshMails(rt)).toHaveLength(1);
  });

  test('answering unchanged closes the ticket as filed, mails nobody, and stamps 最后核实时间', () => {
    const { rt, no } = start();
    rt.advanceClockTo(at('2026-11-23T10:30:00'));
    const answers = openPrefilled(rt, refreshMails(rt)[0]!.body);
    rt.advanceClockTo(at('2026-11-24T09:00:00'));
    const sent = rt.state.mail.sent.length;
    const answer = submitOne(rt, { ...answers, consent: '同意' });
    expect(answer).toMatchObject({ outcome: 'accepted', customer_no: no });
    const t = rows(rt, TICKETS.name).find((r) => r[TICKETS.col.no] === answer.ticket_no)!;
    expect(t[TICKETS.col.status]).toBe('已关闭');
    expect(t[TICKETS.col.needType]).toBe('资料更新');
    expect(rows(rt, HISTORY.name).filter((h) => h[HISTORY.col.ticketNo] === answer.ticket_no).map((h) => h[HISTORY.col.action])).toEqual(['新建工单', '客户已核实资料']);
    expect(rt.state.mail.sent.slice(sent)).toEqual([]);
    expect(customer(rt, no)[CUSTOMERS.col.verifiedAt]).toMatch(/^2026-11-24T09:00/);
  });

  test('an answer with a new mobile waits for staff to confirm, and the record is not stamped until they do', () => {
    const { rt, no } = start();
    rt.advanceClockTo(at('2026-11-23T10:30:00'));
    const answers = openPrefilled(rt, refreshMails(rt)[0]!.body);
    rt.advanceClockTo(at('2026-11-23T11:00:00'));
    const answer = submitOne(rt, { ...answers, mobile: '13911112222', consent: '同意' });
    expect(answer).toMatchObject({ outcome: 'accepted', customer_no: no });
    const ticketNo = String(answer.ticket_no);
    const t = rows(rt, TICKETS.name).find((r) => r[TICKETS.col.no] === ticketNo)!;
    expect(t[TICKETS.col.status]).toBe('新建');
    expect(String(t[TICKETS.col.toVerify])).toContain('手机号 新值待核实');
    expect(customer(rt, no)[CUSTOMERS.col.verifiedAt]).toMatch(/^2026-03-02T/);
    expect(customer(rt, no)[CUSTOMERS.col.mobile]).toBe('13800138000');

    rt.advanceClockTo(at('2026-11-23T14:00:00'));
    const confirmed = rt.run('confirmMyTicketChanges', [ticketNo], { user: ticketOwner(rt, ticketNo) });
    expect(confirmed.ok).toBe(true);
    expect(customer(rt, no)[CUSTOMERS.col.mobile]).toBe('13911112222');
    expect(customer(rt, no)[CUSTOMERS.col.verifiedAt]).toMatch(/^2026-11-23T14:00/);
  });

  test('the day\'s cap defers the rest to the next day; nobody without an address, consent or recent contact is mailed', () => {
    const rt = world(at('2026-11-23T08:00:00'));
    addCalendarDay(rt, '2027-01-01');
    setConfigValue(rt.state, '定期更新', '每日最多发送', '2');
    const due = ['13900000001', '13900000002', '13900000003'].map((mobile, i) =>
      String(submitOne(rt, person({ name: `客户${i + 1}`, mobile, email: `c${i + 1}@example.com` })).customer_no));
    const noEmail = String(submitOne(rt, person({ name: '无邮箱', mobile: '13900000009', email: '' })).customer_no);
    for (const no of [...due, noEmail]) lastConfirmedLongAgo(rt, no);
    // Quiet for over a year: last contact long ago too.
    const quiet = String(submitOne(rt, person({ name: '老客户', mobile: '13900000008', email: 'old@example.com' })).customer_no);
    lastConfirmedLongAgo(rt, quiet);
    const sheet = findSheet(rt.state, CUSTOMERS.name)!;
    const quietRow = rows(rt, CUSTOMERS.name).findIndex((r) => r[CUSTOMERS.col.no] === quiet) + 2;
    setCell(sheet, quietRow, rt.staff.column(CUSTOMERS.name, CUSTOMERS.col.lastContact), { d: at('2025-10-01T10:00:00') });

    rt.advanceClockTo(at('2026-11-23T10:30:00'));
    expect(refreshMails(rt).map((m) => m.to).sort()).toEqual(['c1@example.com', 'c2@example.com']);
    rt.advanceClockTo(at('2026-11-24T12:00:00'));
    expect(refreshMails(rt).map((m) => m.to).sort()).toEqual(['c1@example.com', 'c2@example.com', 'c3@example.com']);
    expect(refreshMails(rt, 'old@example.com')).toEqual([]);
  });

  test('核实间隔天数 0 switches it off', () => {
    const { rt } = start();
    setConfigValue(rt.state, '定期更新', '核实间隔天数', '0');
    rt.advanceClockTo(at('2026-11-24T12:00:00'));
    expect(refreshMails(rt)).toEqual([]);
  });
});
