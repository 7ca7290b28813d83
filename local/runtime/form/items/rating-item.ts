/**
 * Emulated RatingItem: a rating question (stars, hearts or thumbs), its
 * scale level and icon (Apps Script reference,
 * https://developers.google.com/apps-script/reference/forms/rating-item).
 */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';
import type { FormItemState } from '../../state';
import { stringEnum } from '../../utilities';
import { ItemResponseEmu } from '../item-response';
import type { CommonMethods } from './item-base';
import { QuestionItem } from './question-item';

export const ratingIconEnum = stringEnum<typeof GoogleAppsScript.Forms.RatingIconType>(['STAR', 'HEART', 'THUMB_UP']);

/** The levels the Forms editor offers for a rating (3 to 10); that the script is held to them is not confirmed offline. */
const LEVELS = { min: 3, max: 10 };

export class RatingItemEmu
  extends QuestionItem
  implements
    Emulates<
      GoogleAppsScript.Forms.RatingItem,
      CommonMethods | 'setRequired' | 'isRequired' | 'setRatingScaleLevel' | 'getRatingScaleLevel' | 'setRatingIcon' | 'getRatingIcon' | 'createResponse'
    >
{
  constructor(env: Env, formId: string, itemId: number) {
    super(env, formId, itemId, 'RatingItem');
  }

  setRatingScaleLevel(level: number): this {
    this.meter('setRatingScaleLevel');
    const n = Number(level);
    if (!Number.isInteger(n) || n < LEVELS.min || n > LEVELS.max) throw this.env.meter.error('Exception: Invalid argument: ratingScaleLevel');
    this.rating().level = n;
    return this;
  }

  getRatingScaleLevel(): number {
    this.meter('getRatingScaleLevel');
    return this.rating().level;
  }

  setRatingIcon(icon: unknown): this {
    this.meter('setRatingIcon');
    if (typeof icon !== 'string' || !(icon in ratingIconEnum)) throw this.env.meter.error('Exception: Invalid argument: ratingIcon');
    this.rating().icon = icon;
    return this;
  }

  getRatingIcon(): GoogleAppsScript.Forms.RatingIconType {
    this.meter('getRatingIcon');
    return this.rating().icon as unknown as GoogleAppsScript.Forms.RatingIconType;
  }

  /** A whole number from 1 to the scale level; it reads back as a string ("4"), like a scale's. */
  createResponse(response: number): ItemResponseEmu {
    this.meter('createResponse');
    const n = Number(response);
    if (!Number.isInteger(n) || n < 1 || n > this.rating().level) throw this.env.meter.error('Exception: Invalid response submitted to item.');
    return new ItemResponseEmu(this.env, this.formId, this.itemId, String(n));
  }

  private rating(): NonNullable<FormItemState['rating']> {
    return (this.state().rating ??= { level: 5, icon: 'STAR' });
  }
}
