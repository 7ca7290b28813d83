/** Plain-text summaries shown to staff after a menu action. */
import { listSeparator, translator, type Translate } from '../i18n/messages';
import type { ImportReport } from '../services/import-intake';
import type { SetupSummary } from '../services/setup';

/** In the setup's own locale: the Config it has just read. */
export function describeSetup(s: SetupSummary): string {
  const t = translator(s.locale);
  const sep = listSeparator(s.locale);
  const lines = [
    s.sheetsCreated.length ? t('setup.sheetsCreated', { list: s.sheetsCreated.join(sep) }) : t('setup.sheetsOk'),
    ...(s.columnsAdded.length ? [t('setup.columnsAdded', { list: s.columnsAdded.join(sep) })] : []),
    s.formCreated ? t('setup.formCreated', { url: s.formUrl }) : t('setup.formOk', { url: s.formUrl }),
    s.triggersCreated.length ? t('setup.triggersCreated', { list: s.triggersCreated.join(sep) }) : t('setup.triggersOk'),
    ...s.configProblems,
  ];
  return lines.join('\n');
}

export function describeImport(r: ImportReport, t: Translate): string {
  return [
    t('import.summary', { processed: r.processed, accepted: r.accepted, review: r.review, duplicate: r.duplicate }),
    ...(r.remaining ? [t(r.continues ? 'import.continuing' : 'import.remaining', { remaining: r.remaining })] : []),
  ].join('\n');
}
