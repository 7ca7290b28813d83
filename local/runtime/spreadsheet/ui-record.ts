/**
 * The host-side record of what the Ui showed: menus, sidebar, dialog, alerts,
 * prompts and toasts, and the answers scripted for alert() and prompt().
 * SpreadsheetApp holds one; Ui, Menu and Spreadsheet.toast write to it.
 */
export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; caption: string; entries: MenuEntry[] };

export type ButtonName = 'CLOSE' | 'OK' | 'CANCEL' | 'YES' | 'NO';

/** What the Ui showed, for tests and the CLI; never part of the RuntimeState. */
export interface UiRecord {
  menus: { caption: string; addon: boolean; entries: MenuEntry[] }[];
  sidebar: { html: string; title: string } | null;
  dialog: { html: string; title: string; modal: boolean } | null;
  alerts: { title: string; prompt: string; buttons: string; answer: ButtonName }[];
  prompts: { title: string; prompt: string; buttons: string; answer: ButtonName; text: string }[];
  toasts: { message: string; title: string; at: number }[];
  /** Scripted answers consumed by alert()/prompt() in order; without one, the first button (OK or YES) and ''. */
  answers: { button: ButtonName; text?: string }[];
}

export function newUiRecord(): UiRecord {
  return { menus: [], sidebar: null, dialog: null, alerts: [], prompts: [], toasts: [], answers: [] };
}
