/** Plain-text summaries shown to staff after a menu action. */
import { t } from '../i18n/messages';
import type { ImportReport } from '../services/import-intake';
import type { SetupSummary } from '../services/setup';

export function describeSetup(s: SetupSummary): string {
  const lines = [
    s.sheetsCreated.length ? t('setup.sheetsCreated', { list: s.sheetsCreated.join('、') }) : t('setup.sheetsOk'),
    ...(s.columnsAdded.length ? [t('setup.columnsAdded', { list: s.columnsAdded.join('、') })] : []),
    s.formCreated ? t('setup.formCreated', { url: s.formUrl }) : t('setup.formOk', { url: s.formUrl }),
    s.triggersCreated.length ? t('setup.triggersCreated', { list: s.triggersCreated.join('、') }) : t('setup.triggersOk'),
    ...s.configProblems,
  ];
  return lines.join('\n');
}

export function describeImport(r: ImportReport): string {
  return [
    t('import.summary', { processed: r.processed, accepted: r.accepted, review: r.review, duplicate: r.duplicate }),
    ...(r.remaining ? [t(r.continues ? 'import.continuing' : 'import.remaining', { remaining: r.remaining })] : []),
  ].join('\n');
}
