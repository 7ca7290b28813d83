/**
 * Emulated EmbeddedChart: what EmbeddedChartBuilder.build() returns and
 * Sheet.getCharts() lists, the chart as stored, for Sheet.insertChart(). The
 * add-on calls none of its methods, so none is emulated.
 */
import type { ChartState } from '../state';

export class EmbeddedChartEmu {
  constructor(readonly state: ChartState) {}
}
