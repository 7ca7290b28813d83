/**
 * 表单工具推送 dialog (browser, owner only): each tool's state and push URL,
 * buttons to switch it on, replace its token or switch it off (the last two
 * asked once more, since the URL pasted at the tool then stops working), and
 * 问卷星's 推送密钥, which is sent to the server and never shown again.
 */
import { translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { FormToolSettings, FormToolPushState } from '../../contracts/form-tools';
import { clearStatus, el, reasonOf, status } from './entry-form';

let t: Translate = translator('zh-CN');
/** The action waiting for the owner's second click. */
let pending: (() => void) | null = null;

const byId = (id: string) => document.getElementById(id)!;

/** Runs one server function (named literally at each call, as the preview's list of allowed functions reads them). */
function call(send: (ok: (s: FormToolSettings) => void, fail: (e: unknown) => void) => void): void {
  pending = null;
  byId('confirm').hidden = true;
  status(t('formTools.dialog.working'), 'busy');
  send((s) => {
    render(s);
    status(t('formTools.dialog.done'), 'ok');
  }, (e) => status(t('formTools.dialog.failed', { reason: reasonOf(e) }), 'error'));
}

/** Asks before an action that breaks the URL pasted at the tool; the second click does it. */
function ask(question: string, yes: string, action: () => void): void {
  pending = action;
  status(question, 'ask');
  byId('confirm-yes').textContent = yes;
  byId('confirm').hidden = false;
}

function toolBlock(s: FormToolPushState): HTMLElement {
  const box = el('div', 'tool');
  const head = el('h2');
  head.append(el('span', undefined, s.name), el('span', 'secondary', t(s.enabled ? 'formTools.dialog.on' : 'formTools.dialog.off')));
  box.append(head, el('p', 'secondary', t(`formTools.dialog.where.${s.tool}`)));
  if (s.pushUrl) {
    const label = el('label', undefined, t('formTools.dialog.urlLabel', { tool: s.name }));
    const url = el('textarea', 'url');
    url.readOnly = true;
    url.value = s.pushUrl;
    url.addEventListener('focus', () => url.select());
    box.append(label, url);
  }
  const buttons = el('div', 'buttons');
  if (!s.enabled) {
    const on = el('button', 'action', t('formTools.dialog.enable'));
    on.addEventListener('click', () => call((ok, fail) => runServer<FormToolSettings>('renewFormToolToken', [s.tool], ok, fail)));
    buttons.append(on);
  } else {
    const renew = el('button', undefined, t('formTools.dialog.renew'));
    renew.addEventListener('click', () => ask(t('formTools.dialog.renewConfirm', { tool: s.name }), t('formTools.dialog.renew'), () => call((ok, fail) => runServer<FormToolSettings>('renewFormToolToken', [s.tool], ok, fail))));
    const off = el('button', undefined, t('formTools.dialog.disable'));
    off.addEventListener('click', () => ask(t('formTools.dialog.disableConfirm', { tool: s.name }), t('formTools.dialog.disable'), () => call((ok, fail) => runServer<FormToolSettings>('disableFormTool', [s.tool], ok, fail))));
    buttons.append(renew, off);
  }
  box.append(buttons);
  if (s.tool === 'wjx' && s.enabled) {
    const group = el('div', 'form-group');
    const label = el('label', undefined, t('formTools.dialog.signKeyLabel'));
    label.htmlFor = 'sign-key';
    const input = el('input');
    input.type = 'text';
    input.id = 'sign-key';
    input.autocomplete = 'off';
    const save = el('button', undefined, t('formTools.dialog.signKeySave'));
    save.addEventListener('click', () => call((ok, fail) => runServer<FormToolSettings>('saveWjxSignKey', [input.value], ok, fail)));
    group.append(label, input, el('p', 'secondary', (s.signKeySet ? t('formTools.dialog.signKeySet') + ' ' : '') + t('formTools.dialog.signKeyHint')), save);
    box.append(group);
  }
  return box;
}

function render(s: FormToolSettings): void {
  t = translator(s.locale);
  document.title = t('formTools.dialog.title');
  byId('intro').textContent = t('formTools.dialog.intro', { owner: s.owner });
  const notDeployed = byId('not-deployed');
  notDeployed.textContent = t('formTools.dialog.notDeployed');
  notDeployed.hidden = s.webAppUrl !== null;
  byId('redirects').textContent = t('formTools.dialog.redirects');
  const tools = byId('tools');
  tools.replaceChildren(...s.tools.map(toolBlock));
}

byId('confirm-yes').addEventListener('click', () => {
  const action = pending;
  clearStatus('status');
  if (action) action();
});

runServer<FormToolSettings>('formToolSettings', [], render, (e) => status(t('formTools.dialog.failed', { reason: reasonOf(e) }), 'error'));
