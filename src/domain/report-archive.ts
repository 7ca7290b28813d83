/**
 * The 报表 archive: every figure of a report as one row (group, name, this
 * period, the previous period, unit), so trends can be charted in Sheets.
 */
import type { QuarterlyReview, Share, Slice, SliceFigures } from './quarterly-review';
import type { Count, PeriodFigures, ReportFigures } from './report-figures';
import { isRetroOpen } from './vocabulary';

export interface ArchiveFigure {
  group: string;
  name: string;
  /** Blank when there was nothing to measure. */
  current: number | '';
  previous: number | '';
  unit: string;
}

/** The 概览 group and its figures' names as 报表.指标 stores them (the chart picks one by name). */
export const OVERVIEW_GROUP = '概览';
export const OVERVIEW = {
  tickets: '工单数',
  customers: '客户数',
  newCustomers: '新增客户',
  satisfaction: '平均满意度',
  responseRate: '满意度回复率',
  firstResponse: '首次响应及时率',
  resolution: '按时解决率',
  overdue: '当前超时工单',
  pastDeadline: '超过处理时限',
  firstResponseLate: '首次响应超时',
  review: '转入待审核比例',
  toVerify: '待核实比例',
  anomalies: '数据异常行',
} as const;

const round2 = (n: number) => Math.round(n * 100) / 100;
const HOUR_MS = 3_600_000;
const asPercent = (r: number | null): number | '' => (r === null ? '' : round2(r * 100));

/**
 * One row per figure, so trends can be charted in Sheets: group, name, this
 * period, the previous period, unit. Rates are percentages; blanks mean "no
 * data", never 0. Labels are the zh-CN names the 报表 sheet shows.
 */
export function archiveFigures(f: ReportFigures): ArchiveFigure[] {
  const c = f.current;
  const p = f.previous;
  const rows: ArchiveFigure[] = [];
  const add = (group: string, name: string, cur: number | '' | null, prev: number | '' | null, unit: string) =>
    rows.push({ group, name, current: cur === null ? '' : cur, previous: prev === null ? '' : prev, unit });
  const counts = (group: string, pick: (x: PeriodFigures) => Count[]) => {
    const prev = new Map(pick(p).map((x) => [x.label, x.count]));
    for (const x of pick(c)) add(group, x.label, x.count, prev.get(x.label) ?? 0, '张');
  };
  add(OVERVIEW_GROUP, OVERVIEW.tickets, c.tickets, p.tickets, '张');
  add(OVERVIEW_GROUP, OVERVIEW.customers, c.customers, p.customers, '位');
  add(OVERVIEW_GROUP, OVERVIEW.newCustomers, c.newCustomers, p.newCustomers, '位');
  add(OVERVIEW_GROUP, OVERVIEW.satisfaction, c.satisfaction.average === null ? '' : round2(c.satisfaction.average),
    p.satisfaction.average === null ? '' : round2(p.satisfaction.average), '分');
  add(OVERVIEW_GROUP, OVERVIEW.responseRate, asPercent(c.satisfaction.response.rate), asPercent(p.satisfaction.response.rate), '%');
  add(OVERVIEW_GROUP, OVERVIEW.firstResponse, asPercent(c.firstResponse?.rate ?? null), asPercent(p.firstResponse?.rate ?? null), '%');
  add(OVERVIEW_GROUP, OVERVIEW.resolution, asPercent(c.resolution?.rate ?? null), asPercent(p.resolution?.rate ?? null), '%');
  add(OVERVIEW_GROUP, OVERVIEW.overdue, f.overdue.length, '', '张');
  add(OVERVIEW_GROUP, OVERVIEW.pastDeadline, f.overdueCounts.deadline, '', '张');
  add(OVERVIEW_GROUP, OVERVIEW.firstResponseLate, f.overdueCounts.firstResponse, '', '张');
  add(OVERVIEW_GROUP, OVERVIEW.review, asPercent(c.review.rate), asPercent(p.review.rate), '%');
  add(OVERVIEW_GROUP, OVERVIEW.toVerify, asPercent(c.toVerify.rate), asPercent(p.toVerify.rate), '%');
  add(OVERVIEW_GROUP, OVERVIEW.anomalies, f.anomalies.reduce((n, a) => n + a.rows.length, 0), '', '行');
  const prevSeg = new Map(p.segments.map((x) => [x.label, x.count]));
  for (const x of c.segments) add('客户构成', x.label, x.count, prevSeg.get(x.label) ?? 0, '位');
  counts('收集渠道', (x) => x.byChannel);
  counts('需求类型', (x) => x.byNeedType);
  counts('所属行业', (x) => x.byIndustry);
  counts('问题类型', (x) => x.byIssueType);
  c.satisfaction.distribution.forEach((n, i) => add('满意度分布', `${i + 1}分`, n, p.satisfaction.distribution[i], '个'));
  for (const ph of c.phrases) add('高频问题', ph.phrase, round2(ph.share * 100), '', '%');
  for (const ch of c.completion) {
    const prev = p.completion.find((x) => x.channel === ch.channel);
    add('选填项完成率', ch.channel, asPercent(ch.completion.rate), asPercent(prev?.completion.rate ?? null), '%');
  }
  for (const d of c.entryDelay) {
    const prev = p.entryDelay.find((x) => x.channel === d.channel);
    add('线下录入时效', `${d.channel}·录入`, d.count, prev?.count ?? 0, '张');
    add('线下录入时效', `${d.channel}·中位等待`, round2(d.medianMs / HOUR_MS), prev ? round2(prev.medianMs / HOUR_MS) : '', '小时');
    add('线下录入时效', `${d.channel}·24小时内录入`, asPercent(d.withinTarget / d.count), prev ? asPercent(prev.withinTarget / prev.count) : '', '%');
  }
  for (const o of c.owners) add('负责人', o.owner, o.assigned, p.owners.find((x) => x.owner === o.owner)?.assigned ?? 0, '张');
  if (f.review) rows.push(...reviewFigures(f.review));
  return rows;
}

/** The 季度复盘 row of the whole quarter (合计), beside channels and teams. */
const REVIEW_TOTAL = '合计';

const hours = (h: number | null): number | '' => (h === null ? '' : Math.round(h * 10) / 10);
const shareOf = (s: Share | null): number | '' => asPercent(s?.rate ?? null);

/**
 * The quarterly review's figures: one group per figure (必填一次通过率, …),
 * one row per channel or team and the quarter's 合计, hours to one decimal.
 */
function reviewFigures(r: QuarterlyReview): ArchiveFigure[] {
  const rows: ArchiveFigure[] = [];
  const add = (group: string, name: string, current: number | '', previous: number | '', unit: string) => rows.push({ group, name, current, previous, unit });
  const slices = (group: string, unit: string, cur: readonly Slice[], prev: readonly Slice[], pick: (f: SliceFigures) => number | '', total?: [SliceFigures, SliceFigures]) => {
    if (total) add(group, REVIEW_TOTAL, pick(total[0]), pick(total[1]), unit);
    for (const s of cur) {
      const before = prev.find((x) => x.key === s.key);
      add(group, s.key, pick(s.figures), before ? pick(before.figures) : '', unit);
    }
  };
  const c = r.current;
  const p = r.previous;
  const total: [SliceFigures, SliceFigures] = [c.overall, p.overall];
  slices('必填一次通过率', '%', c.byChannel, p.byChannel, (f) => shareOf(f.required), total);
  slices('选填项填写率', '%', c.byChannel, p.byChannel, (f) => asPercent(f.optional), total);
  slices('免审核通过率', '%', c.byChannel, p.byChannel, (f) => shareOf(f.direct), total);
  slices('免审核通过率·团队', '%', c.byTeam, p.byTeam, (f) => shareOf(f.direct));
  slices('员工更正率', '%', c.byChannel, p.byChannel, (f) => shareOf(f.corrected), total);
  slices('员工更正率·团队', '%', c.byTeam, p.byTeam, (f) => shareOf(f.corrected));
  slices('分配延迟中位数', '小时', c.byChannel, p.byChannel, (f) => hours(f.assignDelay.median), total);
  slices('分配延迟中位数·团队', '小时', c.byTeam, p.byTeam, (f) => hours(f.assignDelay.median));
  slices('分配延迟90%', '小时', c.byChannel, p.byChannel, (f) => hours(f.assignDelay.p90), total);
  slices('分配延迟90%·团队', '小时', c.byTeam, p.byTeam, (f) => hours(f.assignDelay.p90));
  c.offline.forEach((o, i) => {
    const before = p.offline[i]!;
    add('线下表单录入份数', o.channel, o.entered, before.entered, '份');
    add('线下表单回收率', o.channel, asPercent(o.recovery), asPercent(before.recovery), '%');
    add('录入延迟中位数', o.channel, hours(o.entryDelay.median), hours(before.entryDelay.median), '小时');
  });
  const open = r.actions.filter((a) => isRetroOpen(a.status)).length;
  add('复盘行动', '跟进的行动', r.actions.length, '', '项');
  add('复盘行动', '未完成', open, '', '项');
  add('复盘行动', '逾期未完成', r.actions.filter((a) => a.overdue).length, '', '项');
  return rows;
}

/** How 报表 shows a figure's number: counts whole (8 张, not 8.00 张), rates to one decimal, scores to two. */
export function figureNumberFormat(unit: string): string {
  if (unit === '%' || unit === '小时') return '0.0';
  if (unit === '分') return '0.00';
  if (unit === '小时') return '0.0';
  return '0';
}
