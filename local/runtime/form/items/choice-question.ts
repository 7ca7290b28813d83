/**
 * A question answered by picking from choices (multiple choice, list,
 * checkbox): its choices set and read back. ChoiceMethods names these methods
 * for the Emulates lists. Only a multiple-choice item's choices lead to pages
 * (see choice.ts); setChoiceValues gives plain choices, so it clears them.
 */
import { signatureError } from '../../utilities';
import { ItemResponseEmu } from '../item-response';
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

  /**
   * An answer for createResponse: each value must be one of the item's
   * choices (the runtime models no "other" option). Apps Script reference,
   * MultipleChoiceItem / ListItem / CheckboxItem.createResponse: "Throws an
   * exception if the response argument does not match a valid choice for this
   * item" (https://developers.google.com/apps-script/reference/forms/multiple-choice-item#createResponse(String)).
   */
  protected choiceResponse(method: string, values: readonly string[], value: string | string[]): ItemResponseEmu {
    const offered = this.state().choices ?? [];
    const bad = values.find((v) => !offered.includes(v));
    // The wording is the emulator's own: Google's is not confirmed offline.
    if (bad !== undefined) throw this.env.meter.error(`Exception: Invalid response submitted to item: "${bad}" is not a choice of ${method.split('.')[0]}.`);
    return new ItemResponseEmu(this.env, this.formId, this.itemId, value);
  }

  getChoices(): ChoiceEmu[] {
    this.meter('getChoices');
    const item = this.state();
    return (item.choices ?? []).map((v, i) => new ChoiceEmu(this.env, v, this.formId, item.navigation?.[i] ?? null));
  }
}

export type ChoiceMethods = 'setChoiceValues' | 'setChoices' | 'createChoice' | 'getChoices' | 'setRequired' | 'isRequired';
