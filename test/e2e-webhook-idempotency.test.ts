/**
 * The webhook on the bundle: a request an integration sends is filed once.
 * An id is unique per integration (`source`), compared at full length; one
 * reused with other content is refused; a body without an id that comes
 * again within a day is answered with the ticket it already made.
 */
import type { Runtime } from '../local/runtime/runtime';
import { TICKETS } from '../src/sheets/schema';
import { T0, person, rows, world } from './helpers/world';

const TOKEN = 'a-very-long-shared-secret-123';
const HOUR = 3_600_000;

interface Result {
  index: number;
  outcome: string;
  ticket_no?: string;
  review_row?: number;
  code?: string;
  problems?: string[];
}

function webhookWorld(at = T0): Runtime {
  const rt = world(at);
  // An admin turns the webhook on: a token in 配置 › 接口 / 令牌.
  const config = rt.state.spreadsheet.sheets.find((s) => s.name === '配置')!;
  const row = config.rows.findIndex((r) => r && r.v[0] === '接口' && r.v[1] === '令牌') + 1;
  const typed = rt.staff.type('配置', row, 3, TOKEN, 'admin@example.com');
  if (!typed.ok) throw new Error(typed.message);
  return rt;
}

function post(rt: Runtime, body: unknown): Result[] {
  const contents = JSON.stringify(body);
  const r = rt.run('doPost', [{ postData: { contents, type: 'application/json' }, parameter: { token: TOKEN } }], { user: '' });
  if (!r.ok) throw new Error(r.error);
  const reply = JSON.parse((r.value as { getContent(): string }).getContent()) as { ok: boolean; results?: Result[]; error?: string };
  if (!reply.ok) throw new Error(reply.error);
  return reply.results!;
}

const someone = (i: number) => person({ name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}`, email: `c${i}@example.com` });
const ticketNos = (rt: Runtime) => rows(rt, '工单').map((t) => t[TICKETS.col.no]);
/** The same answers with their keys in the reverse order: the same request, serialised differently. */
const reordered = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
/** 2026-11-23 (the world's first day) at a local time in Asia/Shanghai. */
const at = (day: number, hhmm: string) => Date.parse(`2026-11-${day}T${hhmm}:00+08:00`);

describe('an id is unique per integration, at full length', () => {
  test('two integrations that both number their records from 1 each get a ticket', () => {
    const rt = webhookWorld();
    const crm = post(rt, { source: 'crm', submissions: [{ id: 1, ...someone(1) }] });
    const app = post(rt, { source: '小程序', submissions: [{ id: 1, ...someone(2) }] });
    expect([crm[0]!.outcome, app[0]!.outcome]).toEqual(['accepted', 'accepted']);
    expect(rows(rt, '工单').map((t) => t['姓名/企业名称'])).toEqual(['客户1', '客户2']);
    // Each integration's retry is still recognised as its own.
    expect(post(rt, { source: '小程序', submissions: [{ id: 1, ...someone(2) }] })[0]).toMatchObject({ outcome: 'duplicate', ticket_no: app[0]!.ticket_no });
    expect(ticketNos(rt)).toHaveLength(2);
  });

  test('two long ids that differ only after their first 100 characters are two records', () => {
    const rt = webhookWorld();
    const stem = 'order-'.padEnd(150, 'x');
    const out = post(rt, { source: 'crm', submissions: [{ id: stem + 'A', ...someone(1) }, { id: stem + 'B', ...someone(2) }] });
    expect(out.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    expect(post(rt, { source: 'crm', submissions: [{ id: stem + 'B', ...someone(2) }] })[0]).toMatchObject({ outcome: 'duplicate', ticket_no: out[1]!.ticket_no });
    expect(ticketNos(rt)).toHaveLength(2);
  });

  test('an id of more than 200 characters is refused for that item with a stable code, not cut short', () => {
    const rt = webhookWorld();
    const out = post(rt, { source: 'crm', submissions: [{ id: 'x'.repeat(201), ...someone(1) }, { id: 'y'.repeat(200), ...someone(2) }] });
    expect(out[0]).toMatchObject({ outcome: 'rejected', code: 'id_too_long' });
    expect(out[0]!.problems![0]).toMatch(/编号.*200/);
    expect(out[1]!.outcome).toBe('accepted');
    expect(rows(rt, '工单').map((t) => t['姓名/企业名称'])).toEqual(['客户2']);
    expect(rows(rt, '待审核')).toHaveLength(0);
  });

  test('an id that is neither text nor a number is refused for that item', () => {
    const rt = webhookWorld();
    const out = post(rt, { source: 'crm', submissions: [{ id: { crm: 1 }, ...someone(1) }] });
    expect(out[0]).toMatchObject({ outcome: 'rejected', code: 'bad_id' });
    expect(out[0]!.problems![0]).toMatch(/编号/);
    expect(ticketNos(rt)).toHaveLength(0);
  });
});

describe('the same id twice in one request', () => {
  test('with other content: the later item is refused as a conflict, not answered as a duplicate', () => {
    const rt = webhookWorld();
    const out = post(rt, { source: 'crm', submissions: [{ id: 'r-7', ...someone(1) }, { id: 'r-7', ...someone(2) }] });
    expect(out[0]!.outcome).toBe('accepted');
    expect(out[1]).toMatchObject({ outcome: 'rejected', code: 'id_conflict' });
    expect(out[1]!.problems![0]).toMatch(/r-7/);
    expect(rows(rt, '工单').map((t) => t['姓名/企业名称'])).toEqual(['客户1']);
  });

  test('with the same content (keys in another order): the later item is a duplicate of the first one’s ticket', () => {
    const rt = webhookWorld();
    const out = post(rt, { source: 'crm', submissions: [{ id: 'r-7', ...someone(1) }, reordered({ id: 'r-7', ...someone(1) })] });
    expect(out[0]!.outcome).toBe('accepted');
    expect(out[1]).toMatchObject({ outcome: 'duplicate', ticket_no: out[0]!.ticket_no });
    expect(ticketNos(rt)).toHaveLength(1);
  });
});

describe('without an id, the same body again within a day is a replay', () => {
  test('a replay an hour later, keys in another order, is answered with the original ticket', () => {
    const rt = webhookWorld();
    const first = post(rt, { source: 'crm', submissions: [someone(1)] })[0]!;
    rt.advanceClockTo(T0 + HOUR);
    const again = post(rt, { source: 'crm', submissions: [reordered(someone(1))] })[0]!;
    expect(first.outcome).toBe('accepted');
    expect(again).toMatchObject({ outcome: 'duplicate', ticket_no: first.ticket_no });
    expect(ticketNos(rt)).toEqual([first.ticket_no]);
  });

  test('a replay at 00:01 of a request received at 23:59 is caught across midnight', () => {
    const rt = webhookWorld(at(23, '23:59'));
    const first = post(rt, { source: 'crm', submissions: [someone(1)] })[0]!;
    rt.advanceClockTo(at(24, '00:01'));
    expect(post(rt, { source: 'crm', submissions: [someone(1)] })[0]).toMatchObject({ outcome: 'duplicate', ticket_no: first.ticket_no });
    expect(ticketNos(rt)).toHaveLength(1);
  });

  test('a replay of a body that went to 待审核 points to its row', () => {
    const rt = webhookWorld();
    const first = post(rt, { source: 'crm', submissions: [person({ mobile: 'bad' })] })[0]!;
    expect(first.outcome).toBe('review');
    rt.advanceClockTo(at(24, '09:30'));
    expect(post(rt, { source: 'crm', submissions: [person({ mobile: 'bad' })] })[0]).toMatchObject({ outcome: 'duplicate', review_row: first.review_row });
    expect(rows(rt, '待审核')).toHaveLength(1);
  });

  test('the same body more than a day later is a new request', () => {
    const rt = webhookWorld();
    const first = post(rt, { source: 'crm', submissions: [someone(1)] })[0]!;
    rt.advanceClockTo(T0 + 25 * HOUR);
    const later = post(rt, { source: 'crm', submissions: [someone(1)] })[0]!;
    expect(later.outcome).toBe('accepted');
    expect(later.ticket_no).not.toBe(first.ticket_no);
    // And that new request is itself recognised when replayed.
    expect(post(rt, { source: 'crm', submissions: [someone(1)] })[0]).toMatchObject({ outcome: 'duplicate', ticket_no: later.ticket_no });
    expect(ticketNos(rt)).toHaveLength(2);
  });

  test('the same answers from another integration are its own request', () => {
    const rt = webhookWorld();
    const out = [post(rt, { source: 'crm', submissions: [someone(1)] })[0]!, post(rt, { source: '小程序', submissions: [someone(1)] })[0]!];
    expect(out.map((r) => r.outcome)).toEqual(['accepted', 'accepted']);
    expect(ticketNos(rt)).toHaveLength(2);
  });
});
