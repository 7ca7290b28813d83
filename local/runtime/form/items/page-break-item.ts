/**
 * Emulated PageBreakItem: starts a new page of the form; not a question
 * itself. Its navigation is what happens "after completing the page before
 * this page break (that is, upon reaching this page break by normal linear
 * progression through the form)" (Apps Script reference,
 * https://developers.google.com/apps-script/reference/forms/page-break-item).
 */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { ItemBase, type CommonMethods } from './item-base';
import { navigationOf, navigationType } from './navigation';

export class PageBreakItemEmu
  extends ItemBase
  implements Emulates<GoogleAppsScript.Forms.PageBreakItem, CommonMethods | 'setGoToPage' | 'getGoToPage' | 'getPageNavigationType'>
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'PageBreakItem');
  }

  setGoToPage(target: PageBreakItemEmu | GoogleAppsScript.Forms.PageBreakItem | GoogleAppsScript.Forms.PageNavigationType): this {
    this.meter('setGoToPage');
    this.state().goTo = navigationOf(this.env, 'PageBreakItem.setGoToPage', this.formId, target, [target]);
    return this;
  }

  getGoToPage(): PageBreakItemEmu | null {
    this.meter('getGoToPage');
    const goTo = this.state().goTo;
    return typeof goTo === 'number' ? new PageBreakItemEmu(this.env, this.formId, goTo) : null;
  }

  getPageNavigationType(): GoogleAppsScript.Forms.PageNavigationType {
    this.meter('getPageNavigationType');
    return navigationType(this.state().goTo ?? 'CONTINUE') as unknown as GoogleAppsScript.Forms.PageNavigationType;
  }

  /** Host (not metered): whether the item is still a page break (a navigation target must be one). */
  pageBreakForHost(): boolean {
    const item = this.env.state.forms.find((f) => f.id === this.formId)?.items.find((i) => i.id === this.itemId);
    return item?.type === 'PAGE_BREAK';
  }
}
