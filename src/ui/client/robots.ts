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
import { el, reasonOf, status } from './entry-form';
import { button, confirmed, dialogCall, keyField, type CallWords } from './owner-dialog';

// Until the server answers with the Config's locale; only a failed first call is shown in zh-CN.
let t: Translate = translator('zh-CN');

const words = (): CallWords => ({ working: t('robots.dialog.working'), loaded: t('robots.dialog.loaded'), failed: (reason) => t('robots.dialog.failed', { reason }) });

function save(name: string, url: string, secret: string): void {
  dialogCall<RobotSettings>(words, render, (ok, fail) => runServer<RobotSettings>('saveRobotSettings', [name, url, secret], ok, fail));
}

function act(name: string, action: RobotAction): void {
  dialogCall<RobotSettings>(words, render, (ok, fail) => runServer<RobotSettings>('robotSettingsAction', [name, action], ok, fail));
}

function card(r: RobotView, i: number): HTMLElement {
  const box = el('div', 'box');
  box.append(el('h2', undefined, r.platform ? `${r.name}（${r.platform}）` : r.name));
  box.append(el('p', 'secondary', r.inConfig ? t('robots.dialog.sends', { events: r.events }) : t('robots.dialog.notInConfig')));
  const state = t(r.status === 'ok' ? 'robots.dialog.stateOk' : r.status === 'unset' ? 'robots.dialog.stateUnset' : r.status === 'refused' ? 'robots.dialog.stateRefused' : 'robots.dialog.stateRetrying');
  box.append(el('p', `state-${r.status}`, [state, r.detail, t('robots.dialog.waiting', { count: r.waiting })].filter(Boolean).join(' · ')));
  box.append(el('p', 'secondary', r.url ? t('robots.dialog.urlStored', { url: r.url }) : t('robots.dialog.urlNone')));
  if (r.signs) box.append(el('p', 'secondary', r.secret ? t('robots.dialog.secretStored', { secret: r.secret }) : t('robots.dialog.secretNone')));
  const buttons = el('div', 'buttons');
  if (r.inConfig) {
    const url = keyField(`url-${i}`, t('robots.dialog.urlLabel'), r.url ? t('robots.dialog.keep') : 'https://…', false);
    box.append(url.group);
    const secret = r.signs ? keyField(`secret-${i}`, t('robots.dialog.secretLabel'), r.secret ? t('robots.dialog.keep') : '', true) : null;
    if (secret) box.append(secret.group);
    button(buttons, t('robots.dialog.save'), () => save(r.name, url.field.value, secret ? secret.field.value : ''), 'action');
  }
  const action = (label: string, what: RobotAction, confirmText?: string) => {
    const go = () => act(r.name, what);
    button(buttons, label, confirmText ? confirmed(confirmText, go) : go);
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
  list.replaceChildren(...(s.robots.length ? s.robots.map(card) : [el('p', undefined, t('robots.dialog.none'))]));
}

runServer<RobotSettings>('robotSettings', [], render, (e) => status(t('robots.dialog.failed', { reason: reasonOf(e) }), 'error'));
