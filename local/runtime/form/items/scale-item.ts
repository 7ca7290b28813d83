/** Emulated ScaleItem: a linear-scale question, its bounds and labels. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import type { FormItemState } from '../../state';
import { ItemResponseEmu } from '../item-response';
import type { CommonMethods } from './item-base';
import { QuestionItem } from './question-item';

export class ScaleItemEmu
  extends QuestionItem
  implements
    Emulates<
      GoogleAppsScript.Forms.ScaleItem,
      | CommonMethods
      | 'setRequired'
      | 'isRequired'
      | 'setBounds'
      | 'setLabels'
      | 'getLowerBound'
      | 'getUpperBound'
      | 'getLeftLabel'
      | 'createResponse'
    >
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'ScaleItem');
  }

  /** Lower bound 0 or 1, upper bound 3–10, as Google Forms allows. */
  setBounds(lower: number, upper: number): this {
    this.meter('setBounds');
    const lo = Number(lower);
    const hi = Number(upper);
    if ((lo !== 0 && lo !== 1) || !Number.isInteger(hi) || hi < 3 || hi > 10) throw this.env.meter.error('Exception: Invalid argument: bounds');
    this.scale().lower = lo;
    this.scale().upper = hi;
    return this;
  }

  setLabels(lower: string, upper: string): this {
    this.meter('setLabels');
    this.scale().lowerLabel = String(lower);
    this.scale().upperLabel = String(upper);
    return this;
  }

  getLowerBound(): number {
    this.meter('getLowerBound');
    return this.scale().lower;
  }

  getUpperBound(): number {
    this.meter('getUpperBound');
    return this.scale().upper;
  }

  getLeftLabel(): string {
    this.meter('getLeftLabel');
    return this.scale().lowerLabel;
  }

  /** The answer reads back as a string ("5"). */
  createResponse(response: number): ItemResponseEmu {
    this.meter('createResponse');
    return new ItemResponseEmu(this.env, this.formId, this.itemId, String(response));
  }

  private scale(): NonNullable<FormItemState['scale']> {
    const item = this.state();
    return (item.scale ??= { lower: 1, upper: 5, lowerLabel: '', upperLabel: '' });
  }
}
