/**
 * 群机器人设置 dialog (browser, owner only): one card per robot of 配置 ›
 * 通知 (and any stored robot 配置 no longer has), with its state and what
 * waits for it; the address and secret are typed here and sent to the
 * server, which checks them (and that the caller is the owner) before
 * storing. What is stored comes back masked, never whole. Every value is set
 * as text.
 */
import { translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { RobotAction, RobotSettings, RobotView } from '../../contracts/robots';
import { reasonOf, status } from './entry-form';

// Until the server answers with the Config's locale; only a failed first call is shown in zh-CN.
let t: Translate = translator('zh-CN');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function input(id: string, label: string, placeholder: string, secret: boolean): { group: HTMLDivElement; field: HTMLInputElement } {
  const group = el('div', '', 'form-group');
  const l = el('label', label);
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

function answered(s: RobotSettings): void {
  busy(false);
  render(s);
  status(s.done || t('robots.dialog.loaded'), 'ok');
}

function failed(error: unknown): void {
  // What was typed stays, to be corrected.
  busy(false);
  status(t('robots.dialog.failed', { reason: reasonOf(error) }), 'error');
}

function started(): void {
  busy(true);
  status(t('robots.dialog.working'), 'busy');
}

function save(name: string, url: string, secret: string): void {
  started();
  runServer<RobotSettings>('saveRobotSettings', [name, url, secret], answered, failed);
}

function act(name: string, action: RobotAction): void {
  started();
  runServer<RobotSettings>('robotSettingsAction', [name, action], answered, failed);
}

function card(r: RobotView, i: number): HTMLElement {
  const box = el('div', '', 'box');
  box.append(el('h2', r.platform ? `${r.name}（${r.platform}）` : r.name));
  box.append(el('p', r.inConfig ? t('robots.dialog.sends', { events: r.events }) : t('robots.dialog.notInConfig'), 'secondary'));
  const state = t(r.status === 'ok' ? 'robots.dialog.stateOk' : r.status === 'unset' ? 'robots.dialog.stateUnset' : r.status === 'refused' ? 'robots.dialog.stateRefused' : 'robots.dialog.stateRetrying');
  box.append(el('p', [state, r.detail, t('robots.dialog.waiting', { count: r.waiting })].filter(Boolean).join(' · '), `state-${r.status}`));
  box.append(el('p', r.url ? t('robots.dialog.urlStored', { url: r.url }) : t('robots.dialog.urlNone'), 'secondary'));
  if (r.signs) box.append(el('p', r.secret ? t('robots.dialog.secretStored', { secret: r.secret }) : t('robots.dialog.secretNone'), 'secondary'));
  const buttons = el('div', '', 'buttons');
  if (r.inConfig) {
    const url = input(`url-${i}`, t('robots.dialog.urlLabel'), r.url ? t('robots.dialog.keep') : 'https://…', false);
    box.append(url.group);
    const secret = r.signs ? input(`secret-${i}`, t('robots.dialog.secretLabel'), r.secret ? t('robots.dialog.keep') : '', true) : null;
    if (secret) box.append(secret.group);
    const button = el('button', t('robots.dialog.save'), 'action');
    button.addEventListener('click', () => save(r.name, url.field.value, secret ? secret.field.value : ''));
    buttons.append(button);
  }
  const action = (label: string, what: RobotAction, confirmText?: string) => {
    const b = el('button', label);
    b.addEventListener('click', () => {
      if (confirmText && !window.confirm(confirmText)) return;
      act(r.name, what);
    });
    buttons.append(b);
  };
  if (r.inConfig && r.url) action(t('robots.dialog.test'), 'test');
  if (r.status === 'refused' || r.status === 'retrying') action(t('robots.dialog.resume'), 'resume');
  if (r.waiting > 0) action(t('robots.dialog.purge'), 'purge', t('robots.dialog.purgeConfirm', { count: r.waiting, robot: r.name }));
  if (r.url) action(t('robots.dialog.forget'), 'forget', t('robots.dialog.forgetConfirm', { robot: r.name }));
  box.append(buttons);
  return box;
}

function render(s: RobotSettings): void {
  t = translator(s.locale);
  document.title = t('robots.dialog.title');
  document.getElementById('intro')!.textContent = t('robots.dialog.intro', { owner: s.owner });
  const list = document.getElementById('robots')!;
  list.replaceChildren(...(s.robots.length ? s.robots.map(card) : [el('p', t('robots.dialog.none'))]));
}

runServer<RobotSettings>('robotSettings', [], render, (e) => status(t('robots.dialog.failed', { reason: reasonOf(e) }), 'error'));
