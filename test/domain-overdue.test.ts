/**
 * The one definition of overdue (domain/overdue.ts) that the reports, the
 * supervisors' digest and the hourly reminders share.
 */
import { defaultConfig } from '../src/domain/config';
import { countOverdue, overdueAt, worstOverdue, type OverdueRules, type OverdueTiming } from '../src/domain/overdue';

const at = (local: string) => Date.parse(`${local}+08:00`);
const rules: OverdueRules = { calendar: defaultConfig().calendar, firstResponse: { 高: { amount: 24, unit: 'h' } }, utcOffset: 480 };
const NOW = at('2026-11-26T10:00:00');
const ticket = (o: Partial<OverdueTiming> = {}): OverdueTiming => ({
  status: '新建', priority: '高', submittedMs: at('2026-11-23T09:00:00'), deadlineMs: at('2026-11-24T09:00:00'), firstResponseMs: null, ...o,
});

describe('overdueAt', () => {
  test('past the deadline and awaiting a first response past its limit: both kinds, each with its due time', () => {
    expect(overdueAt(ticket(), NOW, rules)).toEqual({ deadline: at('2026-11-24T09:00:00'), firstResponse: at('2026-11-24T09:00:00') });
    // A tie names the deadline; the longer-missed kind otherwise.
    expect(worstOverdue(overdueAt(ticket(), NOW, rules), NOW)).toMatchObject({ kind: 'deadline', overdueMs: 49 * 3_600_000 });
    expect(worstOverdue(overdueAt(ticket({ deadlineMs: at('2026-11-25T09:00:00') }), NOW, rules), NOW)?.kind).toBe('firstResponse');
  });

  test('a response, however late, ends 首次响应超时; done tickets are never overdue; no limit, no first-response kind', () => {
    expect(overdueAt(ticket({ firstResponseMs: at('2026-11-25T09:00:00') }), NOW, rules)).toEqual({ deadline: at('2026-11-24T09:00:00') });
    expect(overdueAt(ticket({ status: '问题已解决' }), NOW, rules)).toEqual({});
    expect(overdueAt(ticket({ priority: '低', deadlineMs: null }), NOW, rules)).toEqual({});
    expect(overdueAt(ticket(), NOW, { ...rules, firstResponse: null })).toEqual({ deadline: at('2026-11-24T09:00:00') });
  });

  test('the counts: a ticket late both ways is in both figures and once in the total', () => {
    const all = [ticket(), ticket({ firstResponseMs: NOW - 1 }), ticket({ deadlineMs: NOW + 1 }), ticket({ status: '已关闭' })].map((t) => overdueAt(t, NOW, rules));
    expect(countOverdue(all)).toEqual({ deadline: 2, firstResponse: 2, any: 3 });
  });
});
