/** Emulated Menu: items, separators and sub-menus, recorded in the UiRecord once added to the Ui. */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import { own } from './exceptions';
import type { MenuEntry, UiRecord } from './ui-record';

export class MenuEmu implements Emulates<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  /** Host side: the entries so far. */
  readonly entries: MenuEntry[] = [];

  constructor(
    private readonly env: Env,
    private readonly record: UiRecord,
    readonly caption: string,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Menu.${method}`);
  }

  addItem(caption: string, functionName: string): MenuEmu {
    this.m('addItem');
    this.entries.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): MenuEmu {
    this.m('addSeparator');
    this.entries.push({ kind: 'separator' });
    return this;
  }

  addSubMenu(menu: GoogleAppsScript.Base.Menu | MenuEmu): MenuEmu {
    this.m('addSubMenu');
    const sub = own(this.env, menu, MenuEmu, 'menu');
    this.entries.push({ kind: 'submenu', caption: sub.caption, entries: sub.entries.slice() });
    return this;
  }

  /** Adds (or replaces) the menu in the spreadsheet's menu bar (a menu of createMenu: never the add-on's own). */
  addToUi(): void {
    this.m('addToUi');
    const menu = { caption: this.caption, addon: false, entries: this.entries.slice() };
    const i = this.record.menus.findIndex((x) => x.caption === menu.caption && x.addon === menu.addon);
    if (i >= 0) this.record.menus[i] = menu;
    else this.record.menus.push(menu);
  }
}
