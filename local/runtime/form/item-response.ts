/**
 * Emulated ItemResponse: one answer, of a stored response or made by an
 * item's createResponse().
 *
 * getItem() hands out an Item, whose as…Item() hands out the typed items whose
 * createResponse() makes ItemResponses, so these modules import one another.
 * They use each other only inside methods and none is a base class of
 * another, so the order the modules load in does not matter.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import { copyAnswer, type Answer } from './answers';
import { ItemEmu } from './items/item';

export class ItemResponseEmu implements Emulates<GoogleAppsScript.Forms.ItemResponse, 'getItem' | 'getResponse'> {
  constructor(
    private readonly env: Env,
    private readonly formId: string,
    readonly itemId: number,
    private readonly value: string | string[],
  ) {}

  getItem(): ItemEmu {
    this.env.meter.call('Form', 'ItemResponse.getItem');
    return new ItemEmu(this.env, this.formId, this.itemId);
  }

  /** A string, or a string[] for a checkbox item. */
  getResponse(): string | string[] {
    this.env.meter.call('Form', 'ItemResponse.getResponse');
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }

  /** Host (not metered). */
  answerForHost(): Answer {
    return copyAnswer({ itemId: this.itemId, response: this.value });
  }
}
