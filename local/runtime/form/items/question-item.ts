/** A form item that is a question, so it can be marked required (every type but section headers and page breaks). */
import { ItemBase } from './item-base';

/** A question that can be marked required. */
export abstract class QuestionItem extends ItemBase {
  setRequired(enabled: boolean): this {
    this.meter('setRequired');
    this.state().required = enabled === true;
    return this;
  }

  isRequired(): boolean {
    this.meter('isRequired');
    return this.state().required;
  }
}
