/** Emulated SectionHeaderItem: a title and help text between questions; not a question itself. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import { ItemBase, type CommonMethods } from './item-base';

export class SectionHeaderItemEmu extends ItemBase implements Emulates<GoogleAppsScript.Forms.SectionHeaderItem, CommonMethods> {
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'SectionHeaderItem');
  }
}
