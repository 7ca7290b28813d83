/** Emulated PromptResponse: what Ui.prompt() returns, the text typed and the button chosen. */
import type { Env } from '../env';
import type { Emulates } from '../emulates';

type UiButton = GoogleAppsScript.Base.Button;

export class PromptResponseEmu implements Emulates<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'> {
  constructor(
    private readonly env: Env,
    private readonly text: string,
    private readonly button: UiButton,
  ) {}

  getResponseText(): string {
    this.env.meter.call('Spreadsheet', 'PromptResponse.getResponseText');
    return this.text;
  }

  getSelectedButton(): UiButton {
    this.env.meter.call('Spreadsheet', 'PromptResponse.getSelectedButton');
    return this.button;
  }
}
