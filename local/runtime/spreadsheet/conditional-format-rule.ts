/**
 * Emulated ConditionalFormatRule: what ConditionalFormatRuleBuilder.build()
 * returns and Sheet.getConditionalFormatRules() lists, for
 * Sheet.setConditionalFormatRules(). Only boolean rules are emulated; a rule's
 * formula is stored, never evaluated (the runtime shows no formatting).
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { GridRect } from '../sheet-data';
import type { ConditionalCriteriaName, ConditionalFormatState } from '../state';
import { BooleanConditionEmu } from './boolean-condition';
import { ConditionalFormatRuleBuilderEmu } from './conditional-format-rule-builder';
import { RangeEmu } from './range';
import type { UiRecord } from './ui-record';

/** A rule as a builder holds it: its ranges (all on one sheet) as rectangles. */
export interface ConditionalFormatDraft {
  /** The sheet the ranges are on; null until setRanges. */
  sheetId: number | null;
  ranges: GridRect[];
  /** Null until a when… call gives the builder its criteria. */
  criteria: ConditionalCriteriaName | null;
  values: string[];
  format: ConditionalFormatState['format'];
}

export function copyDraft(d: ConditionalFormatDraft): ConditionalFormatDraft {
  return { ...d, ranges: d.ranges.map((r) => ({ ...r })), values: d.values.slice(), format: { ...d.format } };
}

export class ConditionalFormatRuleEmu
  implements Emulates<GoogleAppsScript.Spreadsheet.ConditionalFormatRule, 'copy' | 'getBooleanCondition' | 'getGradientCondition' | 'getRanges'>
{
  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
    /** Host side: the rule as built (its criteria set). */
    readonly draft: ConditionalFormatDraft,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `ConditionalFormatRule.${method}`);
  }

  copy(): ConditionalFormatRuleBuilderEmu {
    this.m('copy');
    return new ConditionalFormatRuleBuilderEmu(this.env, this.ui, copyDraft(this.draft));
  }

  getBooleanCondition(): BooleanConditionEmu {
    this.m('getBooleanCondition');
    return new BooleanConditionEmu(this.env, this.draft.criteria!, this.draft.values, this.draft.format);
  }

  /** Gradient rules are not emulated: every rule is boolean. */
  getGradientCondition(): null {
    this.m('getGradientCondition');
    return null;
  }

  getRanges(): RangeEmu[] {
    this.m('getRanges');
    const { sheetId } = this.draft;
    return sheetId === null ? [] : this.draft.ranges.map((rect) => new RangeEmu(this.env, this.ui, sheetId, { ...rect }));
  }
}
