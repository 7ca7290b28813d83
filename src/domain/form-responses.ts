/**
 * Which Google Form responses must not stay in the Form: the Form keeps every
 * answer in plaintext, so a response holding a sensitive answer (联系地址,
 * 证件号码) goes once its sealed copy is filed, and a response whose ticket
 * or 待审核 row retention empties goes with it.
 */
import { FIELDS } from './fields';
import { originOf } from './review';
import { CHANNEL } from './vocabulary';

const SENSITIVE_TITLES: ReadonlySet<string> = new Set(FIELDS.filter((f) => f.sensitive).map((f) => f.label));
const SENSITIVE_KEYS: ReadonlySet<string> = new Set(FIELDS.filter((f) => f.sensitive).map((f) => f.key));

/** Whether answers (by Form title or field key) hold a sensitive answer that is not blank. */
export function holdsSensitiveAnswer(answers: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(answers).some(([k, v]) => (SENSITIVE_TITLES.has(k) || SENSITIVE_KEYS.has(k)) && String(v ?? '').trim() !== '');
}

/**
 * The Form response a ticket or 待审核 row came from: its source id, or the
 * start of the chain of resubmissions it is the end of; null for another channel.
 */
export function formResponseOf(channel: string, sourceId: string): string | null {
  if (channel !== CHANNEL.form || sourceId === '') return null;
  return originOf(sourceId);
}
