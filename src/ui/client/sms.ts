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
import { el, reasonOf, status } from './entry-form';
import { button, confirmed, dialogCall, keyField, type CallWords } from './owner-dialog';

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

const words = (): CallWords => ({ working: t('sms.dialog.working'), loaded: t('sms.dialog.loaded'), failed: (reason) => t('sms.dialog.failed', { reason }) });

function save(provider: SmsKeyProvider, id: string, secret: string): void {
  dialogCall<SmsSettings>(words, render, (ok, fail) => runServer<SmsSettings>('saveSmsSettings', [provider, id, secret], ok, fail));
}

function act(provider: SmsKeyProvider, action: SmsAction): void {
  dialogCall<SmsSettings>(words, render, (ok, fail) => runServer<SmsSettings>('smsSettingsAction', [provider, action], ok, fail));
}

/** The provider 配置 names: what it sends with, its state, the stored pair and the fields to change it. */
function providerBox(s: SmsSettings, p: SmsKeyProvider, l: { id: string; secret: string }): HTMLElement {
  const box = el('div', 'box');
  const blank = t('sms.dialog.blank');
  box.append(el('h2', undefined, t('sms.dialog.provider', { provider: s.providerName })));
  box.append(el('p', 'secondary', t('sms.dialog.signName', { value: s.signName || blank })));
  if (p === 'tencent') {
    box.append(el('p', 'secondary', t('sms.dialog.appId', { value: s.appId || blank })));
    box.append(el('p', 'secondary', t('sms.dialog.region', { value: s.region || blank })));
  }
  box.append(el('p', 'secondary', t('sms.dialog.templates', { ack: s.templates.ack || blank, progress: s.templates.progress || blank, survey: s.templates.survey || blank })));
  box.append(el('p', 'secondary', t('sms.dialog.mode', { mode: s.mode })));
  if (s.missing.length) box.append(el('p', 'missing', t('sms.dialog.missing', { what: s.missing.map((g) => t(GAPS[g])).join(listSeparator(s.locale)) })));
  box.append(el('p', 'secondary', t('sms.dialog.today', { count: s.today, cap: s.dailyCap })));
  if (s.last) box.append(el('p', 'secondary', s.last));
  box.append(el('p', `state-${s.status}`, [t(STATES[s.status]), s.detail, t('sms.dialog.waiting', { count: s.waiting })].filter(Boolean).join(' · ')));
  box.append(el('p', 'secondary', s.id ? t('sms.dialog.keyStored', { label: l.id, value: s.id }) : t('sms.dialog.keyNone', { label: l.id })));
  box.append(el('p', 'secondary', s.secret ? t('sms.dialog.keyStored', { label: l.secret, value: s.secret }) : t('sms.dialog.keyNone', { label: l.secret })));
  if (s.storedFor) box.append(el('p', 'missing', t('sms.dialog.storedOther', { stored: s.storedForName, provider: s.providerName })));
  const id = keyField('sms-id', l.id, s.id ? t('sms.dialog.keep') : '');
  const secret = keyField('sms-secret', l.secret, s.secret ? t('sms.dialog.keep') : '');
  box.append(id.group, secret.group);
  const buttons = el('div', 'buttons');
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
    const box = el('div', 'box');
    box.append(el('p', 'missing', t('sms.dialog.elsewhere', { count: e.waiting, provider: e.name })));
    const buttons = el('div', 'buttons');
    button(buttons, t('sms.dialog.purge'), confirmed(t('sms.dialog.purgeConfirm', { count: e.waiting, provider: e.name }), () => act(e.provider, 'purge')));
    box.append(buttons);
    out.push(box);
  }
  const stored = s.storedFor;
  if (stored && s.provider === 'none') {
    const box = el('div', 'box');
    box.append(el('p', 'secondary', t('sms.dialog.storedOff', { stored: s.storedForName })));
    const buttons = el('div', 'buttons');
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
  const main = s.provider === 'none' || !s.keyLabels ? el('p', undefined, t('sms.dialog.off')) : providerBox(s, s.provider, s.keyLabels);
  document.getElementById('sms')!.replaceChildren(main, ...leftovers(s));
}

runServer<SmsSettings>('smsSettings', [], render, (e) => status(t('sms.dialog.failed', { reason: reasonOf(e) }), 'error'));
