/**
 * The form a Forms object refers to, looked up in state.forms on every call,
 * and Apps Script's error when it does not exist or was deleted.
 */
import type { Env } from '../env';
import type { FormState } from '../state';

export const FORM_NOT_FOUND =
  'Exception: No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

/** A form that exists and is not deleted, or Apps Script's error. */
export function liveForm(env: Env, formId: string): FormState {
  const form = env.state.forms.find((f) => f.id === formId && !f.deleted);
  if (!form) throw env.meter.error(FORM_NOT_FOUND);
  return form;
}
