/**
 * Emulated ConditionalFormatRuleBuilder: what
 * SpreadsheetApp.newConditionalFormatRule() and ConditionalFormatRule.copy()
 * start, for a custom formula or an exact text, a background, a font colour
 * and bold; build() gives the rule.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { ConditionalCriteriaName } from '../state';
import { givenArgs, signatureError } from '../utilities';
import { BooleanConditionEmu } from './boolean-condition';
import { ConditionalFormatRuleEmu, copyDraft, type ConditionalFormatDraft } from './conditional-format-rule';
import { fail } from './exceptions';
import { RangeEmu } from './range';
import type { UiRecord } from './ui-record';

/** CSS's basic colour keywords (CSS Color Module, "basic color keywords") and orange, as '#rrggbb'. */
const NAMED_COLORS: Record<string, string> = {
  black: '#000000', silver: '#c0c0c0', gray: '#808080', white: '#ffffff', maroon: '#800000', red: '#ff0000',
  purple: '#800080', fuchsia: '#ff00ff', green: '#008000', lime: '#00ff00', olive: '#808000', yellow: '#ffff00',
  navy: '#000080', blue: '#0000ff', teal: '#008080', aqua: '#00ffff', orange: '#ffa500',
};

/**
 * A colour "in CSS notation (like '#ffffff' or 'white')" (Apps Script
 * reference, Range.setBackground) as '#rrggbb' in lower case, the form
 * Sheets keeps (it stores red, green and blue); null clears it.
 */
function cssColor(env: Env, color: unknown): string | undefined {
  if (color === null) return undefined;
  const text = String(color).trim().toLowerCase();
  const named = NAMED_COLORS[text];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(text);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(text)) return text;
  // The wording of Google's refusal is not confirmed.
  return fail(env, `Invalid argument: color (${String(color)})`);
}

export class ConditionalFormatRuleBuilderEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder,
      | 'build'
      | 'copy'
      | 'getBooleanCondition'
      | 'getRanges'
      | 'setBackground'
      | 'setBold'
      | 'setFontColor'
      | 'setRanges'
      | 'whenFormulaSatisfied'
      | 'whenTextEqualTo'
    >
{
  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
    private readonly draft: ConditionalFormatDraft = { sheetId: null, ranges: [], criteria: null, values: [], format: {} },
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `ConditionalFormatRuleBuilder.${method}`);
  }

  private when(criteria: ConditionalCriteriaName, values: string[]): ConditionalFormatRuleBuilderEmu {
    this.draft.criteria = criteria;
    this.draft.values = values;
    return this;
  }

  /**
   * A formula is stored, never evaluated. One not starting with '=' is
   * refused: the Sheets API reads a condition value as typed input, where
   * only text starting with '=' is a formula, so such a rule would compare
   * against the text and never format what was meant (deliberately stricter
   * than Google, which is not confirmed to refuse it).
   */
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilderEmu {
    this.m('whenFormulaSatisfied');
    if (typeof formula !== 'string') throw signatureError(this.env, 'SpreadsheetApp.ConditionalFormatRuleBuilder.whenFormulaSatisfied', givenArgs(formula));
    if (!formula.startsWith('=')) fail(this.env, `A conditional format formula must start with "=": ${formula}`);
    return this.when('CUSTOM_FORMULA', [formula]);
  }

  whenTextEqualTo(text: string): ConditionalFormatRuleBuilderEmu {
    this.m('whenTextEqualTo');
    if (text === null || text === undefined || typeof text === 'object') {
      throw signatureError(this.env, 'SpreadsheetApp.ConditionalFormatRuleBuilder.whenTextEqualTo', givenArgs(text));
    }
    return this.when('TEXT_EQUAL_TO', [String(text)]);
  }

  setBackground(color: string | null): ConditionalFormatRuleBuilderEmu {
    this.m('setBackground');
    this.draft.format.background = cssColor(this.env, color);
    if (this.draft.format.background === undefined) delete this.draft.format.background;
    return this;
  }

  setFontColor(color: string | null): ConditionalFormatRuleBuilderEmu {
    this.m('setFontColor');
    this.draft.format.fontColor = cssColor(this.env, color);
    if (this.draft.format.fontColor === undefined) delete this.draft.format.fontColor;
    return this;
  }

  setBold(bold: boolean | null): ConditionalFormatRuleBuilderEmu {
    this.m('setBold');
    if (bold === null) delete this.draft.format.bold;
    else this.draft.format.bold = !!bold;
    return this;
  }

  /** The ranges replace any set before; they must be on one sheet (Sheets API, ConditionalFormatRule.ranges: "All the ranges must be on the same grid"). */
  setRanges(ranges: (GoogleAppsScript.Spreadsheet.Range | RangeEmu)[]): ConditionalFormatRuleBuilderEmu {
    this.m('setRanges');
    if (!Array.isArray(ranges)) throw signatureError(this.env, 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges', givenArgs(ranges));
    const own = ranges.map((r) => (r instanceof RangeEmu ? r : fail(this.env, 'Invalid argument: ranges')));
    const sheets = new Set(own.map((r) => r.sheetId));
    // The wording is the emulator's own.
    if (sheets.size > 1) fail(this.env, 'The ranges of a conditional format rule must all be on the same sheet.');
    this.draft.sheetId = own[0]?.sheetId ?? null;
    this.draft.ranges = own.map((r) => ({ ...r.rect }));
    return this;
  }

  getRanges(): RangeEmu[] {
    this.m('getRanges');
    const { sheetId } = this.draft;
    return sheetId === null ? [] : this.draft.ranges.map((rect) => new RangeEmu(this.env, this.ui, sheetId, { ...rect }));
  }

  /** Null until a when… call gives the builder its criteria. */
  getBooleanCondition(): BooleanConditionEmu | null {
    this.m('getBooleanCondition');
    const { criteria, values, format } = this.draft;
    return criteria === null ? null : new BooleanConditionEmu(this.env, criteria, values.slice(), { ...format });
  }

  copy(): ConditionalFormatRuleBuilderEmu {
    this.m('copy');
    return new ConditionalFormatRuleBuilderEmu(this.env, this.ui, copyDraft(this.draft));
  }

  build(): ConditionalFormatRuleEmu {
    this.m('build');
    // A boolean rule needs its condition (Sheets API, BooleanRule.condition); the wording is the emulator's own.
    if (this.draft.criteria === null) fail(this.env, 'You must specify the criteria for the conditional format rule.');
    return new ConditionalFormatRuleEmu(this.env, this.ui, copyDraft(this.draft));
  }
}
