/**
 * The quarterly review's arithmetic: shares stay between 0 and 1 and add up
 * over channels, percentiles are values of the data in order, a blank 录入时间
 * is unknown (never a zero delay), suggestions fire past their thresholds only,
 * and 复盘 actions are followed up by quarter and flagged when overdue.
 */
import * as fc from 'fast-check';
import { defaultConfig, defaultConfigRows, parseConfig } from '../src/domain/config';
import { actionsToFollow, median, quantile, quarterKey, quarterlyReview, REVIEW_THRESHOLDS, type ReviewInput } from '../src/domain/quarterly-review';
import { reportPeriods } from '../src/domain/report-periods';
import type { RetroAction, ReportRecords, Ticket } from '../src/domain/report-records';

const SH = 480;
const at = (local: string) => Date.parse(`${local}+08:00`);
const HOUR = 3_600_000;

let n = 0;
function ticket(over: Partial<Ticket> = {}): Ticket {
  n++;
  return {
    row: n + 1, no: `T${n}`, customer: `C${n}`, needType: '产品咨询', issueType: '服务建议', channel: '在线表单', priority: '中',
    owner: '张伟', team: '销售组', status: '新建', submittedAt: at('2026-11-02T10:00:00'), enteredAt: null, deadline: null,
    firstResponseAt: null, resolvedAt: null, satisfaction: null, surveyRating: null, text: '', toVerify: false, resubmitted: false,
    optionalFilled: 0, pausedMinutes: 0, ...over,
    // 填写日期: the submission time unless the test gives a paper form's own date.
    filledAt: over.filledAt ?? over.submittedAt ?? at('2026-11-02T10:00:00'),
  };
}

function records(over: Partial<ReportRecords>): ReportRecords {
  return { tickets: [], customers: new Map(), review: [], hasFirstResponse: true, hasResolvedAt: true, corrections: [], retro: [], anomalies: [], ...over };
}

const periods = reportPeriods('quarterly', at('2027-01-01T09:30:00'), SH, 'previous');
function review(r: Partial<ReportRecords>, expected: ReviewInput['expected'] = {}) {
  return quarterlyReview({
    records: records(r), current: periods.current, previous: periods.previous, now: at('2027-01-01T09:30:00'), utcOffset: SH,
    calendar: defaultConfig().calendar, expected,
  });
}

describe('percentiles', () => {
  const values = fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 60 });

  test('median and 90th percentile lie within the data, in order, and ignore the order given', () => {
    fc.assert(fc.property(values, (xs) => {
      const m = median(xs)!;
      const p90 = quantile(xs, 0.9)!;
      expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(p90).toBeLessThanOrEqual(Math.max(...xs));
      expect(p90).toBeGreaterThanOrEqual(quantile(xs, 0.5)!);
      expect(xs).toContain(p90);
      expect(median([...xs].reverse())).toBe(m);
      // At least 90% of the values are at or below the 90th percentile, and fewer than 90% below it.
      expect(xs.filter((x) => x <= p90).length).toBeGreaterThanOrEqual(Math.ceil(0.9 * xs.length));
      expect(xs.filter((x) => x < p90).length).toBeLessThan(Math.ceil(0.9 * xs.length));
    }));
  });

  test('no values: no figure, never 0', () => {
    expect(median([])).toBeNull();
    expect(quantile([], 0.9)).toBeNull();
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});

describe('shares by channel', () => {
  const channel = fc.constantFrom('在线表单', '线下录入', '导入', '接口');
  const tk = fc.record({ channel, resubmitted: fc.boolean(), toVerify: fc.boolean(), optionalFilled: fc.integer({ min: 0, max: 4 }) });

  test('each share is within 0–1, and the channels\' counts add up to the quarter\'s', () => {
    fc.assert(fc.property(fc.array(tk, { maxLength: 40 }), fc.array(channel, { maxLength: 10 }), (tks, refused) => {
      const r = review({
        tickets: tks.map((t) => ticket(t)),
        review: refused.map((ch) => ({ receivedAt: at('2026-11-03T10:00:00'), channel: ch, problems: [] })),
      });
      const all = r.current.overall;
      for (const s of [all, ...r.current.byChannel.map((c) => c.figures)]) {
        for (const x of [s.required!.rate, s.direct.rate, s.corrected.rate, s.optional]) {
          if (x === null) continue;
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
      }
      const sum = (pick: (f: typeof all) => number) => r.current.byChannel.reduce((t, c) => t + pick(c.figures), 0);
      expect(sum((f) => f.required!.total)).toBe(all.required!.total);
      expect(sum((f) => f.required!.hits)).toBe(all.required!.hits);
      expect(sum((f) => f.direct.hits)).toBe(all.direct.hits);
      expect(all.required!.total).toBe(tks.filter((t) => !t.resubmitted).length + refused.length);
    }));
  });
});

describe('the review\'s figures', () => {
  test('a blank 录入时间 is unknown: left out of the entry delay, counted apart', () => {
    const filled = at('2026-11-02T10:00:00');
    const r = review({
      tickets: [
        ticket({ channel: '线下录入', submittedAt: filled, enteredAt: filled + 6 * HOUR }),
        ticket({ channel: '线下录入', submittedAt: filled, enteredAt: null }),
      ],
    }, { 线下录入: 4 });
    const paper = r.current.offline.find((o) => o.channel === '线下录入')!;
    expect(paper).toMatchObject({ entered: 2, expected: 4, recovery: 0.5, unknownEntry: 1, entryDelay: { count: 1, median: 6, p90: 6 } });
    expect(r.current.offline.find((o) => o.channel === '导入')).toMatchObject({ entered: 0, expected: null, recovery: null, entryDelay: { count: 0, median: null } });
  });

  test('time to first response in working hours from entry; unanswered tickets wait apart', () => {
    const monday = at('2026-11-02T17:00:00');
    const r = review({
      tickets: [
        ticket({ submittedAt: monday, firstResponseAt: at('2026-11-03T10:00:00') }), // 1 h Monday evening + 1 h Tuesday
        ticket({ submittedAt: monday }),
      ],
    });
    expect(r.current.overall.assignDelay).toEqual({ count: 1, median: 2, p90: 2 });
    expect(r.current.overall.waiting).toBe(1);
  });

  test('a correction counts for tickets filed before it, of that ticket or its customer', () => {
    const r = review({
      tickets: [ticket({ no: 'A', customer: 'C1' }), ticket({ no: 'B', customer: 'C2' }), ticket({ no: 'C', customer: 'C3', submittedAt: at('2026-12-20T10:00:00') })],
      corrections: [{ at: at('2026-11-10T10:00:00'), ticketNo: 'B', customer: '' }, { at: at('2026-11-10T10:00:00'), ticketNo: '', customer: 'C1' }, { at: at('2026-11-10T10:00:00'), ticketNo: '', customer: 'C3' }],
    });
    expect(r.current.overall.corrected).toEqual({ hits: 2, total: 3, rate: 2 / 3 });
  });

  test('suggestions only past a threshold and on enough cases', () => {
    const few = review({ tickets: [ticket()], review: [{ receivedAt: at('2026-11-03T10:00:00'), channel: '在线表单', problems: [] }] });
    expect(few.suggestions.filter((s) => s.key === 'requiredLow')).toEqual([]);
    const many = review({
      tickets: Array.from({ length: 4 }, () => ticket({ optionalFilled: 4 })),
      review: Array.from({ length: 2 }, () => ({ receivedAt: at('2026-11-03T10:00:00'), channel: '在线表单', problems: [] })),
    });
    expect(many.current.byChannel[0]!.figures.required!.rate).toBeLessThan(REVIEW_THRESHOLDS.required);
    expect(many.suggestions).toEqual([{ key: 'requiredLow', subject: '在线表单', value: 67 }]);
  });
});

describe('复盘 actions', () => {
  const action = (quarter: string, status: string, due: string | null, row = 2): RetroAction =>
    ({ row, quarter, finding: '', action: `${quarter} ${status}`, owner: '', due: due === null ? null : at(`${due}T00:00:00`), status });

  test('the previous quarter\'s all, older ones while open; overdue after the due day, first', () => {
    const now = at('2027-01-01T09:30:00');
    const list = actionsToFollow([
      action('2026-Q3', '已完成', '2026-10-01', 2),
      action('2026-Q3', '进行中', '2026-12-31', 3),
      action('2026-Q3', '未开始', '2027-01-01', 4),
      action('2026-Q2', '未开始', null, 5),
      action('2026-Q2', '已取消', '2026-05-01', 6),
      action('2026-Q4', '未开始', '2026-12-01', 7),
      action('', '未开始', '2026-12-01', 8),
    ], '2026-Q4', '2026-Q3', now);
    expect(list.map((a) => [a.row, a.overdue])).toEqual([[3, true], [2, false], [4, false], [5, false]]);
  });

  test('quarter keys sort as text in time order', () => {
    expect(quarterKey(at('2026-12-31T23:59:00'), SH)).toBe('2026-Q4');
    expect(quarterKey(at('2027-01-01T00:00:00'), SH)).toBe('2027-Q1');
    expect('2026-Q4' < '2027-Q1').toBe(true);
  });
});

describe('配置 › 报表 › 线下录入预计份数 / 导入预计份数', () => {
  test('blank by default; a whole number is taken; anything else keeps blank and says where', () => {
    expect(defaultConfig().reports.expected).toEqual({ manual: null, import: null });
    expect(defaultConfigRows().filter((r) => r[0] === '报表' && r[1].endsWith('预计份数')).map((r) => r[1])).toEqual(['线下录入预计份数', '导入预计份数']);
    expect(parseConfig([['报表', '线下录入预计份数', ' 120 ']]).config.reports.expected.manual).toBe(120);
    const { config, errors } = parseConfig([['报表', '导入预计份数', '很多']]);
    expect(config.reports.expected.import).toBeNull();
    expect(errors[0]!.message).toContain('“很多”应为 1 到 100000 之间的整数，或留空');
  });
});
