/**
 * Emulated Item: the generic item that Form.getItems() lists; as…Item() gives
 * the typed item, or Apps Script's error for an item of another type.
 */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import type { FormItemType } from '../../state';
import { liveForm } from '../live-form';
import { CheckboxItemEmu } from './checkbox-item';
import { ItemBase, type CommonMethods } from './item-base';
import { ListItemEmu } from './list-item';
import { MultipleChoiceItemEmu } from './multiple-choice-item';
import { PageBreakItemEmu } from './page-break-item';
import { ParagraphTextItemEmu } from './paragraph-text-item';
import { RatingItemEmu } from './rating-item';
import { ScaleItemEmu } from './scale-item';
import { SectionHeaderItemEmu } from './section-header-item';
import { TextItemEmu } from './text-item';

/** The generic Item that Form.getItems() returns; as…Item() gives the typed one. */
export class ItemEmu
  extends ItemBase
  implements
    Emulates<
      GoogleAppsScript.Forms.Item,
      | CommonMethods
      | 'getIndex'
      | 'asTextItem'
      | 'asCheckboxItem'
      | 'asMultipleChoiceItem'
      | 'asListItem'
      | 'asParagraphTextItem'
      | 'asScaleItem'
      | 'asPageBreakItem'
      | 'asSectionHeaderItem'
    >
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

  asMultipleChoiceItem(): MultipleChoiceItemEmu {
    return new MultipleChoiceItemEmu(this.env, this.formId, this.as('asMultipleChoiceItem', 'MULTIPLE_CHOICE'));
  }

  asListItem(): ListItemEmu {
    return new ListItemEmu(this.env, this.formId, this.as('asListItem', 'LIST'));
  }

  asParagraphTextItem(): ParagraphTextItemEmu {
    return new ParagraphTextItemEmu(this.env, this.formId, this.as('asParagraphTextItem', 'PARAGRAPH_TEXT'));
  }

  asScaleItem(): ScaleItemEmu {
    return new ScaleItemEmu(this.env, this.formId, this.as('asScaleItem', 'SCALE'));
  }

  asPageBreakItem(): PageBreakItemEmu {
    return new PageBreakItemEmu(this.env, this.formId, this.as('asPageBreakItem', 'PAGE_BREAK'));
  }

  asSectionHeaderItem(): SectionHeaderItemEmu {
    return new SectionHeaderItemEmu(this.env, this.formId, this.as('asSectionHeaderItem', 'SECTION_HEADER'));
  }

  /** Apps Script reference, RatingItem: `form.getItems(FormApp.ItemType.RATING)[0].asRatingItem()`. */
  asRatingItem(): RatingItemEmu {
    return new RatingItemEmu(this.env, this.formId, this.as('asRatingItem', 'RATING'));
  }

  /** Its position among all the form's items (Item.getIndex). */
  getIndex(): number {
    this.meter('getIndex');
    this.state();
    return liveForm(this.env, this.formId).items.findIndex((i) => i.id === this.itemId);
  }

  private as(method: string, type: FormItemType): number {
    this.meter(method);
    const actual = this.state().type;
    if (actual !== type) throw this.env.meter.error(`Exception: Invalid conversion for item type: ${actual}`);
    return this.itemId;
  }
}
