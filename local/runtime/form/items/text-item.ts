/** Emulated TextItem: a one-line text question, optionally with a TextValidation. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { signatureError } from '../../utilities';
import { ItemResponseEmu } from '../item-response';
import { TextValidationEmu } from '../text-validation';
import { QuestionItem } from './question-item';

export class TextItemEmu
  extends QuestionItem
  implements
    Emulates<
      GoogleAppsScript.Forms.TextItem,
      'getId' | 'getTitle' | 'getType' | 'setTitle' | 'setHelpText' | 'setRequired' | 'isRequired' | 'setValidation' | 'createResponse'
    >
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'TextItem');
  }

  setValidation(validation: GoogleAppsScript.Forms.TextValidation): this {
    this.meter('setValidation');
    if (!(validation instanceof TextValidationEmu) || validation.paragraph) throw signatureError(this.env, 'TextItem.setValidation', [validation]);
    this.state().validation = { ...validation.rule };
    return this;
  }

  createResponse(response: string): ItemResponseEmu {
    this.meter('createResponse');
    return new ItemResponseEmu(this.env, this.formId, this.itemId, String(response));
  }
}
