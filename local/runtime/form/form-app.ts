/**
 * Emulated FormApp, the service's entry point: creating and opening forms,
 * text validations and the ItemType enum; and, for the host, a respondent's
 * submission and the objects a form-submit event carries.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { FormResponseState, FormState } from '../state';
import { addResponse, answered, type Answer } from './answers';
import { FormEmu } from './form';
import { FormResponseEmu } from './form-response';
import { itemTypeEnum } from './items/item-type';
import { pageNavigationEnum } from './items/navigation';
import { ratingIconEnum } from './items/rating-item';
import { pagesOnPath } from './path';
import { liveForm } from './live-form';
import { ParagraphTextValidationBuilderEmu } from './paragraph-text-validation-builder';
import { TextValidationBuilderEmu } from './text-validation-builder';

/** The first item id of a new form (Apps Script item ids are large integers). */
const FIRST_ITEM_ID = 1_000_000_001;

export interface HostSubmitOptions {
  /** Submission time (epoch ms); default the emulated clock. */
  at?: number;
  /** Kept only when the form collects email addresses. */
  respondentEmail?: string;
}

export class FormAppEmu
  implements Emulates<GoogleAppsScript.Forms.FormApp, 'create' | 'openById' | 'createTextValidation' | 'createParagraphTextValidation'>
{
  readonly ItemType = itemTypeEnum;
  readonly PageNavigationType = pageNavigationEnum;
  readonly RatingIconType = ratingIconEnum;

  constructor(private readonly env: Env) {}

  /**
   * A new form. The name only titles the Drive file: the form's title stays
   * empty until setTitle. Since 2026-06-30 a form created by script starts
   * unpublished and takes no responses until setPublished(true) (Google's
   * "API changes to Google Forms" notice).
   */
  create(name: string): FormEmu {
    this.env.meter.call('Form', 'FormApp.create');
    const form: FormState = {
      id: `form-${this.env.uuid()}`,
      fileName: String(name),
      title: '',
      description: '',
      published: false,
      acceptingResponses: false,
      requireLogin: false,
      confirmationMessage: '',
      collectEmail: false,
      nextItemId: FIRST_ITEM_ID,
      items: [],
      responses: [],
      deleted: false,
    };
    this.env.state.forms.push(form);
    return new FormEmu(this.env, form.id);
  }

  openById(id: string): FormEmu {
    this.env.meter.call('Form', 'FormApp.openById');
    return new FormEmu(this.env, liveForm(this.env, String(id)).id);
  }

  createTextValidation(): TextValidationBuilderEmu {
    this.env.meter.call('Form', 'FormApp.createTextValidation');
    return new TextValidationBuilderEmu(this.env);
  }

  createParagraphTextValidation(): ParagraphTextValidationBuilderEmu {
    this.env.meter.call('Form', 'FormApp.createParagraphTextValidation');
    return new ParagraphTextValidationBuilderEmu(this.env);
  }

  /**
   * Host (not metered): a respondent submits the form. Answers name question
   * items by id; checkbox answers are arrays (a lone string is one choice).
   * Empty answers count as unanswered. Throws (host Error) for unknown forms
   * or items, non-questions, and a form that is unpublished, not accepting
   * responses, or restricted to signed-in users of the domain when the
   * respondent is anonymous (no `respondentEmail`).
   */
  hostSubmit(formId: string, answers: Answer[], opts: HostSubmitOptions = {}): FormResponseState {
    const form = this.env.state.forms.find((f) => f.id === formId && !f.deleted);
    if (!form) throw new Error(`No form with id ${formId}`);
    if (!form.published) throw new Error(`Form ${formId} is not published: respondents see no form`);
    if (!form.acceptingResponses) throw new Error(`Form ${formId} is not accepting responses`);
    if (form.requireLogin && !opts.respondentEmail) throw new Error(`Form ${formId} takes responses only from signed-in users of the domain`);
    const byItem = new Map<number, Answer>();
    for (const a of answers) {
      const item = form.items.find((i) => i.id === a.itemId);
      if (!item) throw new Error(`Form ${formId} has no item ${a.itemId}`);
      if (item.type === 'SECTION_HEADER' || item.type === 'PAGE_BREAK') throw new Error(`Item ${a.itemId} (${item.type}) is not a question`);
      let response: string | string[];
      if (item.type === 'CHECKBOX') response = Array.isArray(a.response) ? a.response.map(String) : a.response === '' ? [] : [String(a.response)];
      else if (Array.isArray(a.response)) throw new Error(`Item ${a.itemId} (${item.type}) takes one answer, not a list`);
      else response = String(a.response);
      byItem.set(a.itemId, { itemId: a.itemId, response });
    }
    // A question on a page the respondent's answers skip is never shown, so it is not submitted.
    const onPath = pagesOnPath(form, byItem);
    const kept = [...byItem.values()].filter((a) => answered(a) && onPath.has(a.itemId));
    return addResponse(this.env, form, kept, opts.at ?? this.env.now(), form.collectEmail ? (opts.respondentEmail ?? '') : '');
  }

  /** Host: the FormResponse a form-submit event carries as e.response (with `snapshot`, readable once deleted). */
  hostResponseObject(formId: string, responseId: string, snapshot?: FormResponseState): FormResponseEmu {
    return new FormResponseEmu(this.env, formId, responseId, snapshot);
  }

  /** Host: the Form a form-submit event carries as e.source. */
  hostFormObject(formId: string): FormEmu {
    return new FormEmu(this.env, formId);
  }
}
