/**
 * Page navigation (FormApp.PageNavigationType): what a multiple-choice
 * choice or a page break leads to. A GO_TO_PAGE target is a page break of the
 * same form, kept by its item id.
 */
import type { Env } from '../../env';
import type { PageNavigation } from '../../state';
import { signatureError, stringEnum } from '../../utilities';

export const pageNavigationEnum = stringEnum<typeof GoogleAppsScript.Forms.PageNavigationType>(['CONTINUE', 'GO_TO_PAGE', 'RESTART', 'SUBMIT']);

const PLAIN = new Set(['CONTINUE', 'RESTART', 'SUBMIT']);

/** A page break (anything with an itemId and a PAGE_BREAK state) or a PageNavigationType other than GO_TO_PAGE, else the signature error. */
export function navigationOf(env: Env, method: string, formId: string, target: unknown, args: unknown[]): PageNavigation {
  if (typeof target === 'string' && PLAIN.has(target)) return target as PageNavigation;
  const page = target as { itemId?: unknown; formId?: unknown; pageBreakForHost?: () => boolean } | null;
  if (page && typeof page.pageBreakForHost === 'function' && typeof page.itemId === 'number') {
    // Apps Script reference, Choice / PageBreakItem: the destination is a PageBreakItem of this form.
    if (page.formId !== formId || !page.pageBreakForHost()) throw env.meter.error('Exception: Invalid data updating form.');
    return page.itemId;
  }
  throw signatureError(env, method, args);
}

/** The PageNavigationType name of a stored navigation. */
export function navigationType(nav: PageNavigation): string {
  return typeof nav === 'number' ? 'GO_TO_PAGE' : nav;
}
