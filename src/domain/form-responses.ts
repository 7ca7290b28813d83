/**
 * Which Google Form responses must not stay in the Form: the Form keeps every
 * answer in plaintext, so a response holding a sensitive answer (联系地址,
 * 证件号码) goes once its sealed copy is filed, and a response whose ticket
 * or 待审核 row retention empties goes with it.
 */
import { FIELDS } from './fields';
import { originOf } from './review';
import { CHANNEL, SURVEY_CHANNEL } from './vocabulary';

const SENSITIVE_TITLES: ReadonlySet<string> = new Set(FIELDS.filter((f) => f.sensitive).map((f) => f.label));
const SENSITIVE_KEYS: ReadonlySet<string> = new Set(FIELDS.filter((f) => f.sensitive).map((f) => f.key));

/** Whether answers (by Form title or field key) hold a sensitive answer that is not blank. */
export function holdsSensitiveAnswer(answers: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(answers).some(([k, v]) => (SENSITIVE_TITLES.has(k) || SENSITIVE_KEYS.has(k)) && String(v ?? '').trim() !== '');
}

/** The add-on's two Forms: the intake Form and the satisfaction survey. */
export type ResponseForm = 'intake' | 'survey';

export interface ResponseRef {
  form: ResponseForm;
  id: string;
}

/**
 * The Form response a ticket or 待审核 row came from: its source id, or for an
 * intake row the start of the chain of resubmissions it is the end of; null
 * for a channel without a Form.
 */
export function formResponseOf(channel: string, sourceId: string): ResponseRef | null {
  if (sourceId === '') return null;
  if (channel === CHANNEL.form) return { form: 'intake', id: originOf(sourceId) };
  if (channel === SURVEY_CHANNEL) return { form: 'survey', id: sourceId };
  return null;
}
