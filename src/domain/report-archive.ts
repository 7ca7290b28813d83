/**
 * The 报表 archive: every figure of a report as one row (group, name, this
 * period, the previous period, unit), so trends can be charted in Sheets.
 */
import type { Count, PeriodFigures, ReportFigures } from './report-figures';

export interface ArchiveFigure {
  group: string;
  name: string;
  /** Blank when there was nothing to measure. */
  current: number | '';
  previous: number | '';
  unit: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
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
  add('概览', '工单数', c.tickets, p.tickets, '张');
  add('概览', '客户数', c.customers, p.customers, '位');
  add('概览', '新增客户', c.newCustomers, p.newCustomers, '位');
  add('概览', '平均满意度', c.satisfaction.average === null ? '' : round2(c.satisfaction.average),
    p.satisfaction.average === null ? '' : round2(p.satisfaction.average), '分');
  add('概览', '满意度回复率', asPercent(c.satisfaction.response.rate), asPercent(p.satisfaction.response.rate), '%');
  add('概览', '首次响应及时率', asPercent(c.firstResponse?.rate ?? null), asPercent(p.firstResponse?.rate ?? null), '%');
  add('概览', '按时解决率', asPercent(c.resolution?.rate ?? null), asPercent(p.resolution?.rate ?? null), '%');
  add('概览', '当前超时工单', f.overdue.length, '', '张');
  add('概览', '超过处理时限', f.overdueCounts.deadline, '', '张');
  add('概览', '首次响应超时', f.overdueCounts.firstResponse, '', '张');
  add('概览', '转入待审核比例', asPercent(c.review.rate), asPercent(p.review.rate), '%');
  add('概览', '待核实比例', asPercent(c.toVerify.rate), asPercent(p.toVerify.rate), '%');
  add('概览', '数据异常行', f.anomalies.reduce((n, a) => n + a.rows.length, 0), '', '行');
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
  for (const o of c.owners) add('负责人', o.owner, o.assigned, p.owners.find((x) => x.owner === o.owner)?.assigned ?? 0, '张');
  return rows;
}

/** How 报表 shows a figure's number: counts whole (8 张, not 8.00 张), rates to one decimal, scores to two. */
export function figureNumberFormat(unit: string): string {
  if (unit === '%') return '0.0';
  if (unit === '分') return '0.00';
  return '0';
}
