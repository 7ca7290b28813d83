/**
 * 短信设置 dialog (browser, owner only): what 配置 › 短信 says the SMS go
 * with (provider, 签名, 应用ID, 地域, templates) and what it lacks, today's
 * count against the cap, the provider's state and what waits for it; the key
 * pair is typed here and sent to the server, which checks it (and that the
 * caller is the owner) before storing. What is stored comes back masked,
 * never whole. There is no test send. Every value is set as text.
 */
import { listSeparator, translator, type MessageKey, type Translate } from '../../i18n/messages';
import type { SmsConfigGap, SmsKeyProvider } from '../../domain/sms-settings';
import type { SmsAction, SmsSettings, SmsStatus } from '../../contracts/sms';
import { runServer } from './bridge';
import { reasonOf, status } from './entry-form';

// Until the server answers with the Config's locale; only a failed first call is shown in zh-CN.
let t: Translate = translator('zh-CN');

const GAPS: Readonly<Record<SmsConfigGap, MessageKey & `sms.dialog.missing.${string}`>> = {
  signName: 'sms.dialog.missing.signName',
  appId: 'sms.dialog.missing.appId',
  template: 'sms.dialog.missing.template',
};

const STATES: Readonly<Record<SmsStatus, MessageKey & `sms.dialog.state${string}`>> = {
  ok: 'sms.dialog.stateOk',
  unset: 'sms.dialog.stateUnset',
  refused: 'sms.dialog.stateRefused',
  retrying: 'sms.dialog.stateRetrying',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function input(id: string, label: string, placeholder: string): { group: HTMLDivElement; field: HTMLInputElement } {
  const group = el('div', '', 'form-group');
  const l = el('label', label);
  l.htmlFor = id;
  const field = el('input');
  field.type = 'password';
  field.id = id;
  field.placeholder = placeholder;
  field.autocomplete = 'off';
  group.append(l, field);
  return { group, field };
}

function labels(p: SmsKeyProvider): { id: string; secret: string } {
  return p === 'aliyun'
    ? { id: t('sms.key.aliyun.id'), secret: t('sms.key.aliyun.secret') }
    : { id: t('sms.key.tencent.id'), secret: t('sms.key.tencent.secret') };
}

function busy(on: boolean): void {
  for (const b of Array.from(document.querySelectorAll('button'))) b.disabled = on;
}

function answered(s: SmsSettings): void {
  busy(false);
  render(s);
  status(s.done || t('sms.dialog.loaded'), 'ok');
}

function failed(error: unknown): void {
  // What was typed stays, to be corrected.
  busy(false);
  status(t('sms.dialog.failed', { reason: reasonOf(error) }), 'error');
}

function started(): void {
  busy(true);
  status(t('sms.dialog.working'), 'busy');
}

function save(provider: SmsKeyProvider, id: string, secret: string): void {
  started();
  runServer<SmsSettings>('saveSmsSettings', [provider, id, secret], answered, failed);
}

function act(provider: SmsKeyProvider, action: SmsAction): void {
  started();
  runServer<SmsSettings>('smsSettingsAction', [provider, action], answered, failed);
}

function button(parent: HTMLElement, label: string, onClick: () => void, className = ''): void {
  const b = el('button', label, className);
  b.addEventListener('click', onClick);
  parent.append(b);
}

function confirmed(text: string, then: () => void): () => void {
  return () => {
    if (window.confirm(text)) then();
  };
}

/** The provider 配置 names: what it sends with, its state, the stored pair and the fields to change it. */
function providerBox(s: SmsSettings, p: SmsKeyProvider): HTMLElement {
  const box = el('div', '', 'box');
  const blank = t('sms.dialog.blank');
  box.append(el('h2', t('sms.dialog.provider', { provider: s.providerName })));
  box.append(el('p', t('sms.dialog.signName', { value: s.signName || blank }), 'secondary'));
  if (p === 'tencent') {
    box.append(el('p', t('sms.dialog.appId', { value: s.appId || blank }), 'secondary'));
    box.append(el('p', t('sms.dialog.region', { value: s.region || blank }), 'secondary'));
  }
  box.append(el('p', t('sms.dialog.templates', { ack: s.templates.ack || blank, progress: s.templates.progress || blank, survey: s.templates.survey || blank }), 'secondary'));
  box.append(el('p', t('sms.dialog.mode', { mode: s.mode }), 'secondary'));
  if (s.missing.length) box.append(el('p', t('sms.dialog.missing', { what: s.missing.map((g) => t(GAPS[g])).join(listSeparator(s.locale)) }), 'missing'));
  box.append(el('p', t('sms.dialog.today', { count: s.today, cap: s.dailyCap }), 'secondary'));
  if (s.last) box.append(el('p', s.last, 'secondary'));
  box.append(el('p', [t(STATES[s.status]), s.detail, t('sms.dialog.waiting', { count: s.waiting })].filter(Boolean).join(' · '), `state-${s.status}`));
  const l = labels(p);
  box.append(el('p', s.id ? t('sms.dialog.keyStored', { label: l.id, value: s.id }) : t('sms.dialog.keyNone', { label: l.id }), 'secondary'));
  box.append(el('p', s.secret ? t('sms.dialog.keyStored', { label: l.secret, value: s.secret }) : t('sms.dialog.keyNone', { label: l.secret }), 'secondary'));
  if (s.storedFor) box.append(el('p', t('sms.dialog.storedOther', { stored: s.storedForName, provider: s.providerName }), 'missing'));
  const id = input('sms-id', l.id, s.id ? t('sms.dialog.keep') : '');
  const secret = input('sms-secret', l.secret, s.secret ? t('sms.dialog.keep') : '');
  box.append(id.group, secret.group);
  const buttons = el('div', '', 'buttons');
  button(buttons, t('sms.dialog.save'), () => save(p, id.field.value, secret.field.value), 'action');
  if (s.status === 'refused' || s.status === 'retrying') button(buttons, t('sms.dialog.resume'), () => act(p, 'resume'));
  if (s.waiting > 0) button(buttons, t('sms.dialog.purge'), confirmed(t('sms.dialog.purgeConfirm', { count: s.waiting, provider: s.providerName }), () => act(p, 'purge')));
  if (s.id) button(buttons, t('sms.dialog.forget'), confirmed(t('sms.dialog.forgetConfirm', { provider: s.providerName }), () => act(p, 'forget')));
  const stored = s.storedFor;
  if (stored) button(buttons, t('sms.dialog.forget'), confirmed(t('sms.dialog.forgetConfirm', { provider: s.storedForName }), () => act(stored, 'forget')));
  box.append(buttons);
  return box;
}

/** What is left of another provider: SMS waiting for it, a pair stored for it. */
function leftovers(s: SmsSettings): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const e of s.elsewhere) {
    const box = el('div', '', 'box');
    box.append(el('p', t('sms.dialog.elsewhere', { count: e.waiting, provider: e.name }), 'missing'));
    const buttons = el('div', '', 'buttons');
    button(buttons, t('sms.dialog.purge'), confirmed(t('sms.dialog.purgeConfirm', { count: e.waiting, provider: e.name }), () => act(e.provider, 'purge')));
    box.append(buttons);
    out.push(box);
  }
  const stored = s.storedFor;
  if (stored && s.provider === 'none') {
    const box = el('div', '', 'box');
    box.append(el('p', t('sms.dialog.storedOff', { stored: s.storedForName }), 'secondary'));
    const buttons = el('div', '', 'buttons');
    button(buttons, t('sms.dialog.forget'), confirmed(t('sms.dialog.forgetConfirm', { provider: s.storedForName }), () => act(stored, 'forget')));
    box.append(buttons);
    out.push(box);
  }
  return out;
}

function render(s: SmsSettings): void {
  t = translator(s.locale);
  document.title = t('sms.dialog.title');
  document.getElementById('intro')!.textContent = t('sms.dialog.intro', { owner: s.owner });
  const main = s.provider === 'none' ? el('p', t('sms.dialog.off')) : providerBox(s, s.provider);
  document.getElementById('sms')!.replaceChildren(main, ...leftovers(s));
}

runServer<SmsSettings>('smsSettings', [], render, (e) => status(t('sms.dialog.failed', { reason: reasonOf(e) }), 'error'));
