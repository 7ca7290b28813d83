/** Plain-text summaries shown to staff after a menu action. */
import { listSeparator, translator, type Translate } from '../i18n/messages';
import type { AppContext } from '../services/context';
import type { ImportReport } from '../services/import-intake';
import type { SelfCheckReport } from '../services/self-check';
import { SELF_CHECK_RESULT } from '../domain/vocabulary';
import { readinessProblems } from '../services/form-publishing';
import type { SetupSummary } from '../services/setup';

/** In the setup's own locale: the Config it has just read. */
export function describeSetup(s: SetupSummary): string {
  const t = translator(s.locale);
  const sep = listSeparator(s.locale);
  const lines = [
    s.sheetsCreated.length ? t('setup.sheetsCreated', { list: s.sheetsCreated.join(sep) }) : t('setup.sheetsOk'),
    ...(s.configRecreated ? [t('setup.configRecreated')] : []),
    ...(s.columnsAdded.length ? [t('setup.columnsAdded', { list: s.columnsAdded.join(sep) })] : []),
    s.formCreated ? t('setup.formCreated', { url: s.formUrl }) : t('setup.formOk', { url: s.formUrl }),
    ...s.formChanges,
    ...readinessProblems(s.form, t('setup.formName'), t),
    ...readinessProblems(s.surveyForm, t('setup.surveyFormName'), t),
    s.triggersCreated.length ? t('setup.triggersCreated', { list: s.triggersCreated.join(sep) }) : t('setup.triggersOk'),
    ...(s.keys === 'replaced' ? [t('setup.keysReplaced')] : s.keys === 'missing' ? [t('setup.keysMissing')] : []),
    ...s.configProblems,
    ...(s.holidays ? [s.holidays.text, s.holidays.fix] : []),
  ];
  return lines.join('\n');
}

export function describeImport(r: ImportReport, t: Translate): string {
  return [
    t('import.summary', { processed: r.processed, accepted: r.accepted, review: r.review, duplicate: r.duplicate }),
    ...(r.sealedRows ? [t('import.sealedRows', { count: r.sealedRows, marker: t('sealed.marker') })] : []),
    ...(r.remaining ? [t(r.continues ? 'import.continuing' : 'import.remaining', { remaining: r.remaining })] : []),
  ].join('\n');
}

/** N passed, M failed (and which), K skipped; the rows themselves are in the 自检 sheet. */
export function describeSelfCheck(r: SelfCheckReport, ctx: AppContext): string {
  const { t } = ctx;
  const failed = r.rows.filter((row) => row.result === SELF_CHECK_RESULT.fail).map((row) => t(row.id));
  return [
    t('selfCheck.summary', { passed: r.passed, failed: r.failed, skipped: r.skipped }),
    ...(failed.length ? [t('selfCheck.failedList', { list: failed.join(listSeparator(ctx.locale)) })] : []),
  ].join('\n');
}
