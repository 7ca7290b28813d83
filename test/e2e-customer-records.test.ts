/**
 * One record per customer, on the bundle: what a returning customer's record
 * keeps when a later submission says less than the first one did.
 */
import { CUSTOMERS, TICKETS } from '../src/sheets/schema';
import { person, rows, submitOne, world, T0 } from './helpers/world';

const HOUR = 3_600_000;

const customer = (rt: ReturnType<typeof world>, no: string) => rows(rt, CUSTOMERS.name).find((c) => c[CUSTOMERS.col.no] === no)!;
const ticket = (rt: ReturnType<typeof world>, no: string) => rows(rt, TICKETS.name).find((t) => t[TICKETS.col.no] === no)!;

describe('a returning customer', () => {
  test('made strategic by budget and size once, stays strategic on a later ticket without those answers, and keeps the raised priority', () => {
    const rt = world();
    const company = { name: '甲公司', customer_kind: '企业', mobile: '13900000001', email: 'a@example.com', expected_response: '3个工作日内' };
    const first = submitOne(rt, person({ ...company, company_size: '200人以上', budget: '10万以上' }));
    expect(customer(rt, String(first.customer_no))[CUSTOMERS.col.segment]).toBe('战略客户');
    const later = submitOne(rt, person({ ...company, need_description: '再加购5台显示器，用于会议室' }), 'form', T0 + HOUR);
    expect(later.customer_no).toBe(first.customer_no);
    expect(customer(rt, String(later.customer_no))[CUSTOMERS.col.segment]).toBe('战略客户');
    // 3个工作日内 is 中 for anyone else; a strategic customer's ticket is raised a level.
    expect(ticket(rt, String(later.ticket_no))[TICKETS.col.priority]).toBe('高');
    const stranger = submitOne(rt, person({ ...company, name: '乙公司', mobile: '13900000002', email: 'b@example.com' }), 'form', T0 + 2 * HOUR);
    expect(ticket(rt, String(stranger.ticket_no))[TICKETS.col.priority]).toBe('中');
  });

  test('who leaves the email out this time is acknowledged at the email on record', () => {
    const rt = world();
    submitOne(rt, person());
    const again = submitOne(rt, person({ email: '', need_description: '上次的电脑已收到，想再加购两台显示器' }), 'form', T0 + HOUR);
    expect(again.outcome).toBe('accepted');
    const acks = rt.state.mail.sent.filter((m) => m.subject.includes(String(again.ticket_no)) && m.subject.includes('已收到您的需求'));
    expect(acks.map((m) => m.to)).toEqual(['xiaoming@example.com']);
  });
});
