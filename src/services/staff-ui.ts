/** Server side of the staff sidebars and the 设置说明 dialog: what they show (ui/ opens them). */
import { requiredFieldKeys } from '../domain/config-form-fields';
import { ownerDirectory } from '../domain/owners';
import type { AppContext } from './context';
import { actingStaff } from './platform';
import { pendingReviewItems } from './review';
import { intakeFormId } from './store';
import type { FormSetup, ReviewItem } from '../contracts/sidebars';

export type ManualEntryForm = FormSetup;

export function manualEntryForm(ctx: AppContext): ManualEntryForm {
  const dir = ownerDirectory(ctx.config);
  const me = dir.label(actingStaff());
  const people = dir.labels.filter((l) => dir.email(l) !== '');
  return {
    locale: ctx.locale,
    options: ctx.config.options,
    required: requiredFieldKeys(ctx.config),
    consentText: ctx.config.consentText,
    privacyUrl: ctx.config.privacyUrl,
    staff: people.includes(me) ? people : [me, ...people],
    me,
    utcOffset: ctx.utcOffset,
    now: ctx.now.getTime(),
  };
}

export interface ReviewQueue extends ManualEntryForm {
  items: ReviewItem[];
}

export function reviewQueue(ctx: AppContext): ReviewQueue {
  return { ...manualEntryForm(ctx), items: pendingReviewItems(ctx) };
}

/** This workbook's Form link for the 设置说明 dialog; '' before setup or when the Form was deleted. */
export function intakeFormUrl(): string {
  const id = intakeFormId();
  if (!id) return '';
  try {
    return FormApp.openById(id).getPublishedUrl();
  } catch {
    // The Form was deleted: the dialog says to run setup again.
    return '';
  }
}
