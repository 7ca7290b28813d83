/**
 * What every emulated form item does: its id, title, type and help text, read
 * from state.forms on every call, metered under its own class's name. The
 * typed items and the generic Item extend it; CommonMethods names these
 * methods for their Emulates lists.
 */
import type { Env } from '../../env';
import type { FormItemState } from '../../state';
import { liveForm } from '../live-form';
import { itemTypeEnum } from './item-type';

export abstract class ItemBase {
  constructor(
    protected readonly env: Env,
    readonly formId: string,
    readonly itemId: number,
    private readonly className: string,
  ) {}

  getId(): number {
    this.meter('getId');
    this.state();
    return this.itemId;
  }

  getTitle(): string {
    this.meter('getTitle');
    return this.state().title;
  }

  getType(): GoogleAppsScript.Forms.ItemType {
    this.meter('getType');
    return itemTypeEnum[this.state().type];
  }

  setTitle(title: string): this {
    this.meter('setTitle');
    this.state().title = String(title);
    return this;
  }

  getHelpText(): string {
    this.meter('getHelpText');
    return this.state().helpText;
  }

  setHelpText(text: string): this {
    this.meter('setHelpText');
    this.state().helpText = String(text);
    return this;
  }

  protected meter(method: string): void {
    this.env.meter.call('Form', `${this.className}.${method}`);
  }

  protected state(): FormItemState {
    const item = liveForm(this.env, this.formId).items.find((i) => i.id === this.itemId);
    if (!item) throw this.env.meter.error(`Exception: Item with ID ${this.itemId} does not exist.`);
    return item;
  }
}

export type CommonMethods = 'getId' | 'getTitle' | 'getType' | 'setTitle' | 'getHelpText' | 'setHelpText';
