/**
 * Emulated EmbeddedChart: what EmbeddedChartBuilder.build() returns and
 * Sheet.getCharts() lists, the chart as stored, for Sheet.insertChart() and
 * Sheet.removeChart(). Of its methods only getOptions() is emulated.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { ChartState } from '../state';

/**
 * ChartOptions: "the options of a chart, such as height, colors, and axes. Options are immutable"
 * (https://developers.google.com/apps-script/reference/spreadsheet/chart-options); get() returns
 * null for an option that was never set.
 */
export class ChartOptionsEmu implements Emulates<GoogleAppsScript.Charts.ChartOptions, 'get'> {
  constructor(
    private readonly env: Env | null,
    private readonly options: Readonly<Record<string, string | number | boolean>>,
  ) {}

  get(option: string): unknown {
    this.env?.meter.call('Spreadsheet', 'ChartOptions.get');
    return Object.prototype.hasOwnProperty.call(this.options, String(option)) ? this.options[String(option)] : null;
  }
}

export class EmbeddedChartEmu {
  constructor(
    readonly state: ChartState,
    private readonly env: Env | null = null,
  ) {}

  /** https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getOptions() */
  getOptions(): ChartOptionsEmu {
    this.env?.meter.call('Spreadsheet', 'EmbeddedChart.getOptions');
    return new ChartOptionsEmu(this.env, { ...this.state.options });
  }
}
