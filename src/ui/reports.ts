/** Plain-text summaries shown to staff after a menu action. */
import { listSeparator, translator, type Translate } from '../i18n/messages';
import type { ImportReport } from '../services/import-intake';
import type { FormReadiness } from '../services/form-publishing';
import type { SetupSummary } from '../services/setup';

/** In the setup's own locale: the Config it has just read. */
export function describeSetup(s: SetupSummary): string {
  const t = translator(s.locale);
  const sep = listSeparator(s.locale);
  const lines = [
    s.sheetsCreated.length ? t('setup.sheetsCreated', { list: s.sheetsCreated.join(sep) }) : t('setup.sheetsOk'),
    ...(s.columnsAdded.length ? [t('setup.columnsAdded', { list: s.columnsAdded.join(sep) })] : []),
    s.formCreated ? t('setup.formCreated', { url: s.formUrl }) : t('setup.formOk', { url: s.formUrl }),
    ...formProblems(s.form, 'setup.form', t),
    ...formProblems(s.surveyForm, 'setup.surveyForm', t),
    s.triggersCreated.length ? t('setup.triggersCreated', { list: s.triggersCreated.join(sep) }) : t('setup.triggersOk'),
    ...s.configProblems,
  ];
  return lines.join('\n');
}

/** What keeps a Form from taking responses, one line each, with what to do. */
function formProblems(r: FormReadiness, which: 'setup.form' | 'setup.surveyForm', t: Translate): string[] {
  const name = t(which === 'setup.form' ? 'setup.formName' : 'setup.surveyFormName');
  return [
    ...(r.published ? [] : [t('setup.formUnpublished', { form: name })]),
    ...(r.published && !r.accepting ? [t('setup.formClosed', { form: name })] : []),
    ...(r.anyone ? [] : [t('setup.formDomainOnly', { form: name })]),
    ...(r.titled ? [] : [t('setup.formUntitled', { form: name })]),
  ];
}

export function describeImport(r: ImportReport, t: Translate): string {
  return [
    t('import.summary', { processed: r.processed, accepted: r.accepted, review: r.review, duplicate: r.duplicate }),
    ...(r.remaining ? [t(r.continues ? 'import.continuing' : 'import.remaining', { remaining: r.remaining })] : []),
  ].join('\n');
}
