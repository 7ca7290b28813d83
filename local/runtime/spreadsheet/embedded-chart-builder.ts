/**
 * Emulated EmbeddedChartBuilder: Sheet.newChart() starts it, build() gives the
 * chart that Sheet.insertChart() stores.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { ChartState } from '../state';
import { EmbeddedChartEmu } from './embedded-chart';
import { fail } from './exceptions';
import { RangeEmu } from './range';

/**
 * Embedded charts, kept minimally (type, ranges, options, anchor) so setup can
 * add one and tests can see it. Nothing is drawn; the workbook export skips them.
 */
export class EmbeddedChartBuilderEmu
  implements
    Emulates<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, 'addRange' | 'asLineChart' | 'setOption' | 'setPosition' | 'build'>
{
  private readonly state: Omit<ChartState, 'chartId'> = {
    type: 'LINE',
    ranges: [],
    options: {},
    anchor: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
  };

  constructor(
    private readonly env: Env,
    private readonly sheetId: number,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `EmbeddedChartBuilder.${method}`);
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range | RangeEmu): EmbeddedChartBuilderEmu {
    this.m('addRange');
    if (!(range instanceof RangeEmu) || range.sheetId !== this.sheetId) return fail(this.env, 'Invalid argument: range');
    this.state.ranges.push({ ...range.rect });
    return this;
  }

  asLineChart(): EmbeddedChartBuilderEmu {
    this.m('asLineChart');
    this.state.type = 'LINE';
    return this;
  }

  setOption(option: string, value: unknown): EmbeddedChartBuilderEmu {
    this.m('setOption');
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') this.state.options[String(option)] = value;
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): EmbeddedChartBuilderEmu {
    this.m('setPosition');
    this.state.anchor = { row: Number(anchorRowPos), column: Number(anchorColPos), offsetX: Number(offsetX), offsetY: Number(offsetY) };
    return this;
  }

  build(): EmbeddedChartEmu {
    this.m('build');
    if (this.state.ranges.length === 0) return fail(this.env, 'The chart has no data. Please add a range.');
    return new EmbeddedChartEmu({ ...structuredClone(this.state), chartId: 0 });
  }
}
