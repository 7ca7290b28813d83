/**
 * The 报表 sheet's chart: one figure over time (配置 › 报表 › 图表指标), one
 * point per period of the finest report kind archived (周报 before 月报
 * before 季报), the last run of each period counting. The series is written
 * beside the archive table, and the chart plots that block.
 */
import { OVERVIEW, OVERVIEW_GROUP } from './report-archive';
import { REPORT_KINDS, type ReportKind } from './report-periods';

/** What 图表指标 may say → the 概览 figure of the archive it plots (null: no chart). */
export const CHART_FIGURES: Readonly<Record<string, string | null>> = {
  新工单数: OVERVIEW.tickets,
  新增客户: OVERVIEW.newCustomers,
  平均满意度: OVERVIEW.satisfaction,
  满意度回复率: OVERVIEW.responseRate,
  首次响应及时率: OVERVIEW.firstResponse,
  按时解决率: OVERVIEW.resolution,
  当前超时工单: OVERVIEW.overdue,
  转入待审核比例: OVERVIEW.review,
  无: null,
};

/** The setting's values in the order the note lists them. */
export const CHART_CHOICES: readonly string[] = Object.keys(CHART_FIGURES);

/** One archived 概览 row as the chart needs it. */
export interface ArchivedFigure {
  /** 报表编号: weekly:2026-11-23 and the like. */
  id: string;
  group: string;
  figure: string;
  periodStart: number;
  current: number | '';
  generatedAt: number;
}

export interface ChartSeries {
  kind: ReportKind;
  /** Period start (epoch ms) and the figure, oldest first; '' where it had nothing to measure. */
  points: [number, number | ''][];
}

/** The series of one archive figure, or null when no report holds it yet. */
export function chartSeries(rows: readonly ArchivedFigure[], figure: string): ChartSeries | null {
  const mine = rows.filter((r) => r.group === OVERVIEW_GROUP && r.figure === figure);
  const kind = REPORT_KINDS.find((k) => mine.some((r) => r.id.startsWith(`${k}:`)));
  if (!kind) return null;
  // A report made again for the same period (on demand, then scheduled) replaces the earlier point.
  const latest = new Map<string, ArchivedFigure>();
  for (const r of mine) {
    if (!r.id.startsWith(`${kind}:`)) continue;
    const seen = latest.get(r.id);
    if (!seen || r.generatedAt >= seen.generatedAt) latest.set(r.id, r);
  }
  const points = [...latest.values()].sort((a, b) => a.periodStart - b.periodStart).map((r): [number, number | ''] => [r.periodStart, r.current]);
  return { kind, points };
}
