/** Emulated Choice: one option of a multiple-choice, list or checkbox question. */
import type { Env } from '../../env';
import type { Emulates } from '../../emulates';

export class ChoiceEmu implements Emulates<GoogleAppsScript.Forms.Choice, 'getValue'> {
  constructor(
    private readonly env: Env,
    private readonly value: string,
  ) {}

  getValue(): string {
    this.env.meter.call('Form', 'Choice.getValue');
    return this.value;
  }

  /** Host (not metered). */
  valueForHost(): string {
    return this.value;
  }
}
