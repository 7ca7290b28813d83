/**
 * What the owner's settings dialogs (群机器人设置, 短信设置) share in the
 * browser: a field for a key that is typed and sent, never shown back; the
 * run of one server call (every button off and a working status while it
 * runs, the answer rendered and said, a failure said with what was typed
 * kept to be corrected); buttons, and an action asked once more.
 */
import { el, reasonOf, status } from './entry-form';

/** A labelled input: a password field for a secret, a text field otherwise. */
export function keyField(id: string, label: string, placeholder: string, secret = true): { group: HTMLDivElement; field: HTMLInputElement } {
  const group = el('div', 'form-group');
  const l = el('label', undefined, label);
  l.htmlFor = id;
  const field = el('input');
  field.type = secret ? 'password' : 'text';
  field.id = id;
  field.placeholder = placeholder;
  field.autocomplete = 'off';
  group.append(l, field);
  return { group, field };
}

function busy(on: boolean): void {
  for (const b of Array.from(document.querySelectorAll('button'))) b.disabled = on;
}

/** What a dialog says around a call, in its own words (read at each call: the translator follows the Config's locale). */
export interface CallWords {
  working: string;
  /** Said after an answer whose `done` is empty. */
  loaded: string;
  failed(reason: string): string;
}

/**
 * One server call (`send` names the function literally, as the preview's
 * list of allowed functions reads them): buttons off while it runs, then the
 * answer rendered and its `done` said, or the failure said.
 */
export function dialogCall<S extends { done: string }>(
  words: () => CallWords,
  render: (s: S) => void,
  send: (ok: (s: S) => void, fail: (e: unknown) => void) => void,
): void {
  busy(true);
  status(words().working, 'busy');
  send((s) => {
    busy(false);
    render(s);
    status(s.done || words().loaded, 'ok');
  }, (error) => {
    // What was typed stays, to be corrected.
    busy(false);
    status(words().failed(reasonOf(error)), 'error');
  });
}

/** A button in `parent` doing `onClick`. */
export function button(parent: HTMLElement, label: string, onClick: () => void, className?: string): void {
  const b = el('button', className, label);
  b.addEventListener('click', onClick);
  parent.append(b);
}

/** An action done only once the owner confirms `text`. */
export function confirmed(text: string, then: () => void): () => void {
  return () => {
    if (window.confirm(text)) then();
  };
}
