/**
 * Emulated Ui: alerts, prompts, menus, the sidebar and dialogs, all recorded
 * in the UiRecord; alert() and prompt() take the answers scripted there.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import { stringEnum } from '../utilities';
import { MenuEmu } from './menu';
import { PromptResponseEmu } from './prompt-response';
import type { ButtonName, UiRecord } from './ui-record';

type UiButton = GoogleAppsScript.Base.Button;
type UiButtonSet = GoogleAppsScript.Base.ButtonSet;

const Button = stringEnum<typeof GoogleAppsScript.Base.Button>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
const ButtonSet = stringEnum<typeof GoogleAppsScript.Base.ButtonSet>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

function htmlOf(output: GoogleAppsScript.HTML.HtmlOutput): { html: string; title: string } {
  return { html: output.getContent(), title: output.getTitle() };
}

export class UiEmu
  implements
    Emulates<
      GoogleAppsScript.Base.Ui,
      'alert' | 'prompt' | 'createMenu' | 'showSidebar' | 'showModalDialog'
    >
{
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(
    private readonly env: Env,
    private readonly record: UiRecord,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Ui.${method}`);
  }

  /** (prompt) | (prompt, buttons) | (title, prompt, buttons) */
  private dialogArgs(a: string, b?: string | UiButtonSet, c?: UiButtonSet): { title: string; prompt: string; buttons: string } {
    if (c !== undefined) return { title: String(a), prompt: String(b), buttons: String(c) };
    if (b !== undefined) return { title: '', prompt: String(a), buttons: String(b) };
    return { title: '', prompt: String(a), buttons: 'OK' };
  }

  private answer(buttons: string): { button: ButtonName; text: string } {
    const scripted = this.record.answers.shift();
    if (scripted) return { button: scripted.button, text: scripted.text ?? '' };
    return { button: buttons.startsWith('YES') ? 'YES' : 'OK', text: '' };
  }

  alert(a: string, b?: string | UiButtonSet, c?: UiButtonSet): UiButton {
    this.m('alert');
    const args = this.dialogArgs(a, b, c);
    const { button } = this.answer(args.buttons);
    this.record.alerts.push({ ...args, answer: button });
    return Button[button];
  }

  prompt(a: string, b?: string | UiButtonSet, c?: UiButtonSet): PromptResponseEmu {
    this.m('prompt');
    const args = this.dialogArgs(a, b, c);
    const { button, text } = this.answer(args.buttons);
    this.record.prompts.push({ ...args, answer: button, text });
    return new PromptResponseEmu(this.env, text, Button[button]);
  }

  createMenu(caption: string): MenuEmu {
    this.m('createMenu');
    return new MenuEmu(this.env, this.record, String(caption));
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.m('showSidebar');
    this.record.sidebar = htmlOf(userInterface);
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.m('showModalDialog');
    this.record.dialog = { html: htmlOf(userInterface).html, title: String(title), modal: true };
  }
}
