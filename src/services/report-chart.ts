/**
 * Keeps the 报表 sheet's one chart: the figure 配置 › 报表 › 图表指标 names,
 * one point per period (domain/report-chart.ts), written as a two-column
 * block beside the archive table, which the chart plots; 无 removes the chart
 * and the block. Run by setup and after each report is archived. A chart the
 * add-on did not make (its title does not start with 报表趋势) is left alone.
 */
import { CHART_FIGURES, chartSeries, type ArchivedFigure } from '../domain/report-chart';
import { figureNumberFormat } from '../domain/report-archive';
import { REPORT_KINDS, type ReportKind } from '../domain/report-periods';
import { format } from '../i18n/messages';
import { REPORT_CHART_DATA, REPORTS } from '../sheets/schema';
import type { AppContext } from './context';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const ms = (v: unknown): number | null => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.getTime() : null);

/** Whether a chart's title is the add-on's (either locale's mark). */
function isOurs(title: string): boolean {
  return (['zh-CN', 'en'] as const).some((l) => title.startsWith(format('report.chartMark', {}, l)));
}

export function keepReportChart(ctx: AppContext, sheet: Sheet): void {
  const choice = ctx.config.reports.chart;
  const figure = CHART_FIGURES[choice] ?? null;
  // One read of the whole sheet: the archive, row 1's labels and the block as it stands.
  const values = sheet.getDataRange().getValues();
  const headers = (values[0] ?? []).map((h) => String(h).trim());
  const at = (label: string) => headers.indexOf(label);
  const found = at(REPORT_CHART_DATA.period);
  const tableEnd = Math.max(...REPORTS.columns.map((c) => at(c.label) + 1));
  const column = found >= 0 ? found + 1 : tableEnd + 2;
  // The block's height, so what the new one does not cover is blanked.
  const old = found >= 0 ? values.filter((r) => r[found] !== '' && r[found] !== null).length : 0;
  const cell = (r: unknown[], label: string) => r[at(label)];
  const archived = values.slice(1).filter((r) => cell(r, REPORTS.col.id) !== '');
  let block: unknown[][] = [];
  let title = '';
  let unit = '';
  if (figure !== null) {
    const rows: ArchivedFigure[] = archived.map((r) => {
      const current = cell(r, REPORTS.col.current);
      return {
        id: String(cell(r, REPORTS.col.id) ?? ''),
        group: String(cell(r, REPORTS.col.group) ?? ''),
        figure: String(cell(r, REPORTS.col.figure) ?? ''),
        periodStart: ms(cell(r, REPORTS.col.periodStart)) ?? 0,
        current: typeof current === 'number' ? current : '',
        generatedAt: ms(cell(r, REPORTS.col.generatedAt)) ?? 0,
      };
    });
    const sample = archived.find((r) => cell(r, REPORTS.col.figure) === figure);
    unit = sample ? String(cell(sample, REPORTS.col.unit) ?? '') : '';
    const series = chartSeries(rows, figure);
    const kind: ReportKind = series?.kind ?? REPORT_KINDS.find((k) => ctx.config.reports[k]) ?? 'weekly';
    const said = { figure: choice, kind: ctx.t(`report.kind.${kind}`) };
    title = ctx.t('report.chartTitle', said);
    block = [[REPORT_CHART_DATA.period, ctx.t('report.chartSeries', said)], ...(series?.points ?? []).map(([start, value]) => [new Date(start), value])];
  }
  // The block and the chart's anchor need columns the archive table does not have.
  const needed = column + 3;
  const width = sheet.getMaxColumns();
  if (block.length > 0 && width < needed) sheet.insertColumnsAfter(width, needed - width);
  const height = Math.max(block.length, old);
  if (height > 0) {
    sheet.getRange(1, column, height, 2).setValues(Array.from({ length: height }, (_, i) => block[i] ?? ['', '']));
    if (block.length > 1) {
      sheet.getRange(2, column, block.length - 1, 2).setNumberFormats(block.slice(1).map(() => ['yyyy-mm-dd', figureNumberFormat(unit)]));
    }
  }

  // Exactly one chart of that figure: the one already there is kept (with the size and place staff gave it).
  let kept = false;
  for (const chart of sheet.getCharts()) {
    const shown = String(chart.getOptions().get('title') ?? '');
    if (!isOurs(shown)) continue;
    if (!kept && title !== '' && shown === title) kept = true;
    else sheet.removeChart(chart);
  }
  if (kept || title === '') return;
  const chart = sheet
    .newChart()
    .asLineChart()
    // The whole height of the block's columns: the points later reports add are in the chart without rebuilding it.
    .addRange(sheet.getRange(1, column, sheet.getMaxRows(), 2))
    .setOption('title', title)
    .setPosition(2, column + 3, 0, 0)
    .build();
  sheet.insertChart(chart);
}
