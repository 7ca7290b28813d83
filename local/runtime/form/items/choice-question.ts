/**
 * A question answered by picking from choices (multiple choice, list,
 * checkbox): its choices set and read back. ChoiceMethods names these methods
 * for the Emulates lists.
 */
import { signatureError } from '../../utilities';
import { ChoiceEmu } from './choice';
import { QuestionItem } from './question-item';

/** A question answered by picking from choices. */
export abstract class ChoiceQuestion extends QuestionItem {
  setChoiceValues(values: string[]): this {
    this.meter('setChoiceValues');
    if (!Array.isArray(values)) throw signatureError(this.env, 'Item.setChoiceValues', [values]);
    this.state().choices = values.map(String);
    return this;
  }

  setChoices(choices: (ChoiceEmu | GoogleAppsScript.Forms.Choice)[]): this {
    this.meter('setChoices');
    const values: string[] = [];
    for (const c of Array.isArray(choices) ? choices : [null]) {
      if (!(c instanceof ChoiceEmu)) throw signatureError(this.env, 'Item.setChoices', [choices]);
      values.push(c.valueForHost());
    }
    this.state().choices = values;
    return this;
  }

  createChoice(value: string): ChoiceEmu {
    this.meter('createChoice');
    return new ChoiceEmu(this.env, String(value));
  }

  getChoices(): ChoiceEmu[] {
    this.meter('getChoices');
    return (this.state().choices ?? []).map((v) => new ChoiceEmu(this.env, v));
  }
}

export type ChoiceMethods = 'setChoiceValues' | 'setChoices' | 'createChoice' | 'getChoices' | 'setRequired' | 'isRequired';
