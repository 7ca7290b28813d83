/**
 * A question answered by picking from choices (multiple choice, list,
 * checkbox): its choices set and read back. ChoiceMethods names these methods
 * for the Emulates lists. Only a multiple-choice item's choices lead to pages
 * (see choice.ts); setChoiceValues gives plain choices, so it clears them.
 */
import { signatureError } from '../../utilities';
import { ChoiceEmu } from './choice';
import { QuestionItem } from './question-item';

/** A question answered by picking from choices. */
export abstract class ChoiceQuestion extends QuestionItem {
  setChoiceValues(values: string[]): this {
    this.meter('setChoiceValues');
    if (!Array.isArray(values)) throw signatureError(this.env, 'Item.setChoiceValues', [values]);
    const item = this.state();
    item.choices = values.map(String);
    delete item.navigation;
    return this;
  }

  setChoices(choices: (ChoiceEmu | GoogleAppsScript.Forms.Choice)[]): this {
    this.meter('setChoices');
    const values: string[] = [];
    const navigation: (ReturnType<ChoiceEmu['navigationForHost']>)[] = [];
    for (const c of Array.isArray(choices) ? choices : [null]) {
      if (!(c instanceof ChoiceEmu)) throw signatureError(this.env, 'Item.setChoices', [choices]);
      values.push(c.valueForHost());
      navigation.push(c.navigationForHost());
    }
    const item = this.state();
    item.choices = values;
    if (navigation.some((n) => n !== null)) item.navigation = navigation;
    else delete item.navigation;
    return this;
  }

  createChoice(value: string, ...rest: unknown[]): ChoiceEmu {
    this.meter('createChoice');
    if (rest.length > 0) throw signatureError(this.env, 'Item.createChoice', [value, ...rest]);
    return new ChoiceEmu(this.env, String(value), this.formId);
  }

  getChoices(): ChoiceEmu[] {
    this.meter('getChoices');
    const item = this.state();
    return (item.choices ?? []).map((v, i) => new ChoiceEmu(this.env, v, this.formId, item.navigation?.[i] ?? null));
  }
}

export type ChoiceMethods = 'setChoiceValues' | 'setChoices' | 'createChoice' | 'getChoices' | 'setRequired' | 'isRequired';
