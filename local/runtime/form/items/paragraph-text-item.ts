/** Emulated ParagraphTextItem: a multi-line text question, optionally with a ParagraphTextValidation. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { signatureError } from '../../utilities';
import { ItemResponseEmu } from '../item-response';
import { TextValidationEmu } from '../text-validation';
import { QuestionItem } from './question-item';

export class ParagraphTextItemEmu
  extends QuestionItem
  implements
    Emulates<
      GoogleAppsScript.Forms.ParagraphTextItem,
      'getId' | 'getTitle' | 'getType' | 'setTitle' | 'setHelpText' | 'setRequired' | 'isRequired' | 'setValidation' | 'createResponse'
    >
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'ParagraphTextItem');
  }

  setValidation(validation: GoogleAppsScript.Forms.ParagraphTextValidation): this {
    this.meter('setValidation');
    if (!(validation instanceof TextValidationEmu) || !validation.paragraph) {
      throw signatureError(this.env, 'ParagraphTextItem.setValidation', [validation]);
    }
    this.state().validation = { ...validation.rule };
    return this;
  }

  createResponse(response: string): ItemResponseEmu {
    this.meter('createResponse');
    return new ItemResponseEmu(this.env, this.formId, this.itemId, String(response));
  }
}
