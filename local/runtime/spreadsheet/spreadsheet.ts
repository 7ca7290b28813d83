/**
 * Emulated Spreadsheet: the bound spreadsheet's sheets (found, inserted,
 * deleted, the active one), its time zone and recalculation interval, toasts,
 * and the protections and text search that span every sheet; and the
 * RecalculationInterval enum.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { SheetState } from '../state';
import { newSheetState } from '../state';
import { givenArgs, signatureError, stringEnum } from '../utilities';
import { fail, own } from './exceptions';
import { protectionsOf, type ProtectionEmu } from './protection';
import { SheetEmu } from './sheet';
import { checkNewSheetName, sheetNameTaken } from './sheet-names';
import { TextFinderEmu } from './text-finder';
import type { UiRecord } from './ui-record';
import { checkCellsAdded } from '../limits';

export const RecalculationInterval = stringEnum<typeof GoogleAppsScript.Spreadsheet.RecalculationInterval>(['ON_CHANGE', 'MINUTE', 'HOUR']);

export class SpreadsheetEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.Spreadsheet,
      | 'getId'
      | 'getUrl'
      | 'getSheetByName'
      | 'getSheets'
      | 'getActiveSheet'
      | 'insertSheet'
      | 'deleteSheet'
      | 'getSpreadsheetTimeZone'
      | 'setSpreadsheetTimeZone'
      | 'setRecalculationInterval'
      | 'getRecalculationInterval'
      | 'toast'
      | 'getProtections'
      | 'createTextFinder'
    >
{
  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Spreadsheet.${method}`);
  }

  private sheetObject(s: SheetState): SheetEmu {
    return new SheetEmu(this.env, this.ui, s.sheetId);
  }

  getId(): string {
    this.m('getId');
    return this.env.state.spreadsheet.id;
  }

  /**
   * "Gets the URL for the given spreadsheet"
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#geturl):
   * the editor's address, https://docs.google.com/spreadsheets/d/<id>/edit.
   */
  getUrl(): string {
    this.m('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.env.state.spreadsheet.id}/edit`;
  }

  getSheetByName(name: string): SheetEmu | null {
    this.m('getSheetByName');
    if (typeof name !== 'string') throw signatureError(this.env, 'SpreadsheetApp.Spreadsheet.getSheetByName', [name]);
    const s = this.env.state.spreadsheet.sheets.find((x) => x.name === name);
    return s ? this.sheetObject(s) : null;
  }

  getSheets(): SheetEmu[] {
    this.m('getSheets');
    return this.env.state.spreadsheet.sheets.map((s) => this.sheetObject(s));
  }

  getActiveSheet(): SheetEmu {
    this.m('getActiveSheet');
    return this.sheetObject(activeSheetState(this.env));
  }

  /** insertSheet([name], [index], [options]); the new sheet (1000 × 26) becomes the active sheet. */
  insertSheet(
    a?: string | number | { template?: GoogleAppsScript.Spreadsheet.Sheet },
    b?: number | { template?: GoogleAppsScript.Spreadsheet.Sheet },
    c?: { template?: GoogleAppsScript.Spreadsheet.Sheet },
  ): SheetEmu {
    this.m('insertSheet');
    const ss = this.env.state.spreadsheet;
    const args = [a, b, c].filter((x) => x !== undefined);
    const name = typeof args[0] === 'string' ? args.shift() as string : null;
    const index = typeof args[0] === 'number' ? (args.shift() as number) : null;
    if (args.some((o) => typeof o === 'object' && o !== null && (o as { template?: unknown }).template !== undefined)) {
      fail(this.env, 'insertSheet with a template is not emulated.');
    }
    let sheetName = name;
    if (sheetName === null) {
      let n = ss.sheets.length + 1;
      while (sheetNameTaken(this.env, `Sheet${n}`, null)) n++;
      sheetName = `Sheet${n}`;
    }
    checkNewSheetName(this.env, sheetName, null);
    const state = newSheetState(ss.nextSheetId++, sheetName);
    checkCellsAdded(this.env, state.maxRows * state.maxColumns);
    const activeIndex = ss.sheets.findIndex((s) => s.sheetId === ss.activeSheetId);
    const at = index !== null ? Math.max(0, Math.min(index, ss.sheets.length)) : activeIndex >= 0 ? activeIndex + 1 : ss.sheets.length;
    ss.sheets.splice(at, 0, state);
    ss.activeSheetId = state.sheetId;
    return this.sheetObject(state);
  }

  deleteSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet | SheetEmu): void {
    this.m('deleteSheet');
    const target = own(this.env, sheet, SheetEmu, 'sheet').sheetState();
    const ss = this.env.state.spreadsheet;
    if (!ss.sheets.some((s) => s !== target && !s.hidden)) {
      fail(this.env, 'A spreadsheet must contain at least one visible sheet. You can’t remove all the visible sheets in a document.');
    }
    ss.sheets = ss.sheets.filter((s) => s !== target);
    if (ss.activeSheetId === target.sheetId) ss.activeSheetId = ss.sheets[0]!.sheetId;
  }

  /** The spreadsheet's own zone (File › Settings), which may differ from the script's. */
  getSpreadsheetTimeZone(): string {
    this.m('getSpreadsheetTimeZone');
    return this.env.state.spreadsheet.timeZone;
  }

  setSpreadsheetTimeZone(timezone: string): void {
    this.m('setSpreadsheetTimeZone');
    this.env.state.spreadsheet.timeZone = String(timezone);
  }

  /**
   * File › Settings › Calculation: recalculate volatile functions (NOW,
   * TODAY) on change only, or also every minute or hour (Apps Script
   * reference, RecalculationInterval). Stored; the runtime evaluates no
   * formulas.
   */
  setRecalculationInterval(recalculationInterval: GoogleAppsScript.Spreadsheet.RecalculationInterval): SpreadsheetEmu {
    this.m('setRecalculationInterval');
    const value = recalculationInterval as unknown;
    if (value !== 'ON_CHANGE' && value !== 'MINUTE' && value !== 'HOUR') {
      throw signatureError(this.env, 'SpreadsheetApp.Spreadsheet.setRecalculationInterval', givenArgs(value));
    }
    this.env.state.spreadsheet.recalculationInterval = value;
    return this;
  }

  /** ON_CHANGE unless set: a new spreadsheet recalculates on change. */
  getRecalculationInterval(): GoogleAppsScript.Spreadsheet.RecalculationInterval {
    this.m('getRecalculationInterval');
    return RecalculationInterval[this.env.state.spreadsheet.recalculationInterval ?? 'ON_CHANGE'];
  }

  toast(msg: string, title?: string, _timeoutSeconds?: number | null): void {
    this.m('toast');
    this.ui.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title), at: this.env.now() });
  }

  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): ProtectionEmu[] {
    this.m('getProtections');
    return this.env.state.spreadsheet.sheets.flatMap((s) => protectionsOf(this.env, this.ui, s, type));
  }

  createTextFinder(findText: string): TextFinderEmu {
    this.m('createTextFinder');
    return new TextFinderEmu(this.env, this.ui, { kind: 'spreadsheet' }, String(findText));
  }
}

function activeSheetState(env: Env): SheetState {
  const ss = env.state.spreadsheet;
  const sheet = ss.sheets.find((s) => s.sheetId === ss.activeSheetId) ?? ss.sheets[0];
  if (!sheet) return fail(env, 'The spreadsheet has no sheets.');
  return sheet;
}
