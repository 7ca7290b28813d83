/**
 * Emulated Item: the generic item that Form.getItems() lists; as…Item() gives
 * the typed item, or Apps Script's error for an item of another type.
 */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import type { FormItemType } from '../../state';
import { CheckboxItemEmu } from './checkbox-item';
import { ItemBase, type CommonMethods } from './item-base';
import { TextItemEmu } from './text-item';

/** The generic Item that Form.getItems() returns; as…Item() gives the typed one. */
export class ItemEmu
  extends ItemBase
  implements Emulates<GoogleAppsScript.Forms.Item, CommonMethods | 'asTextItem' | 'asCheckboxItem'>
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'Item');
  }

  asTextItem(): TextItemEmu {
    return new TextItemEmu(this.env, this.formId, this.as('asTextItem', 'TEXT'));
  }

  asCheckboxItem(): CheckboxItemEmu {
    return new CheckboxItemEmu(this.env, this.formId, this.as('asCheckboxItem', 'CHECKBOX'));
  }

  private as(method: string, type: FormItemType): number {
    this.meter(method);
    const actual = this.state().type;
    if (actual !== type) throw this.env.meter.error(`Exception: Invalid conversion for item type: ${actual}`);
    return this.itemId;
  }
}
