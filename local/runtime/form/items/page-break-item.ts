/** Emulated PageBreakItem: starts a new page of the form; not a question itself. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { ItemBase, type CommonMethods } from './item-base';

export class PageBreakItemEmu extends ItemBase implements Emulates<GoogleAppsScript.Forms.PageBreakItem, CommonMethods> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'PageBreakItem');
  }
}
