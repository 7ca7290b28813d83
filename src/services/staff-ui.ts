/** Server side of the staff sidebars and the 设置说明 dialog: what they show (ui/ opens them). */
import { AppContext } from './context';
import { pendingReviewItems } from './review';
import { intakeFormId } from './store';
import type { ReviewItem } from '../contracts/sidebars';

export interface ManualEntryForm {
  /** Option lists by field key, as 配置 has them (the client validates against the same lists). */
  options: Record<string, string[]>;
  consentText: string;
}

export function manualEntryForm(): ManualEntryForm {
  const ctx = AppContext.load();
  return { options: ctx.config.options, consentText: ctx.config.consentText };
}

export interface ReviewQueue extends ManualEntryForm {
  items: ReviewItem[];
}

export function reviewQueue(): ReviewQueue {
  return { ...manualEntryForm(), items: pendingReviewItems() };
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
