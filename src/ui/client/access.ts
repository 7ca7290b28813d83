/**
 * 敏感信息查看权限 dialog (browser, owner only): the two lists as one address
 * a line; saving sends them back as typed, and the server checks them (and
 * that the person saving is the owner) before anything changes.
 */
import { translator, type Translate } from '../../i18n/messages';
import { runServer } from './bridge';
import type { AccessSettings } from '../../contracts/access';
import { reasonOf, status } from './entry-form';

// Until the server answers with the Config's locale; only a failed first call is shown in zh-CN.
let t: Translate = translator('zh-CN');

const text = (id: string) => document.getElementById(id)!;
const area = (id: string) => document.getElementById(id) as HTMLTextAreaElement;

function render(s: AccessSettings): void {
  t = translator(s.locale);
  document.title = t('access.title');
  text('intro').textContent = t('access.intro', { owner: s.owner });
  text('reveal-label').textContent = t('access.revealLabel');
  text('admins-label').textContent = t('access.adminsLabel');
  text('staff-hint').textContent = t('access.staffHint');
  text('staff').textContent = s.staff.map((p) => `${p.name} <${p.email}>`).join('; ');
  text('save').textContent = t('access.save');
  area('reveal').value = s.reveal.join('\n');
  area('admins').value = s.admins.join('\n');
  (text('lists') as HTMLFormElement).hidden = false;
}

text('lists').addEventListener('submit', (e) => {
  e.preventDefault();
  const save = text('save') as HTMLButtonElement;
  save.disabled = true;
  status(t('access.saving'), 'busy');
  runServer<AccessSettings>(
    'saveAccessSettings',
    [area('reveal').value, area('admins').value],
    (s) => {
      save.disabled = false;
      render(s);
      status(t('access.saved', { reveal: s.reveal.length, admins: s.admins.length }), 'ok');
    },
    (error) => {
      // What was typed stays, to be corrected.
      save.disabled = false;
      status(t('access.failed', { reason: reasonOf(error) }), 'error');
    },
  );
});

runServer<AccessSettings>('accessSettings', [], render, (e) => status(t('access.failed', { reason: reasonOf(e) }), 'error'));
