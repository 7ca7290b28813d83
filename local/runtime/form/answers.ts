/**
 * A response's answers as stored: what counts as answered, copies the caller
 * may change, and storing a new response (FormResponse.submit() and
 * FormApp.hostSubmit() both store through here).
 */
import type { Env } from '../env';
import type { FormResponseState, FormState } from '../state';

export type Answer = FormResponseState['answers'][number];

/** Drops unanswered questions: an empty string or an empty selection is no answer. */
export function answered(a: Answer): boolean {
  return Array.isArray(a.response) ? a.response.length > 0 : a.response !== '';
}

export function copyAnswer(a: Answer): Answer {
  return { itemId: a.itemId, response: Array.isArray(a.response) ? [...a.response] : a.response };
}

export function addResponse(env: Env, form: FormState, answers: Answer[], at: number, respondentEmail: string): FormResponseState {
  const response: FormResponseState = {
    id: `2_${env.uuid().replace(/-/g, '')}`,
    timestamp: at,
    respondentEmail,
    answers,
  };
  form.responses.push(response);
  return response;
}
