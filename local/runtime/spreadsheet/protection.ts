/**
 * Emulated Protection: a protected range or a whole protected sheet, its
 * description, editors and warning-only flag. Which user edits it refuses is
 * decided in sheet-data (userEdit), where the edits are made.
 */
import type { Env } from '../env';
import type { Emulates } from '../emulates';
import type { ProtectionState, SheetState } from '../state';
import { stringEnum } from '../utilities';
import { fail } from './exceptions';
import { RangeEmu } from './range';
import type { UiRecord } from './ui-record';
import { UserEmu } from './user';

export const ProtectionType = stringEnum<typeof GoogleAppsScript.Spreadsheet.ProtectionType>(['RANGE', 'SHEET']);

export function protectionsOf(env: Env, ui: UiRecord, sheet: SheetState, type: unknown): ProtectionEmu[] {
  const wantSheet = String(type) === 'SHEET';
  return sheet.protections.filter((p) => (p.row === 0) === wantSheet).map((p) => new ProtectionEmu(env, ui, sheet.sheetId, p));
}

function emailOf(env: Env, x: unknown): string {
  if (typeof x === 'string') return x;
  if (x instanceof UserEmu) return x.getEmail();
  if (typeof x === 'object' && x !== null && typeof (x as { getEmail?: unknown }).getEmail === 'function') {
    return String((x as { getEmail: () => unknown }).getEmail());
  }
  return fail(env, 'Invalid argument: expected an email address or a User.');
}

export class ProtectionEmu
  implements
    Emulates<
      GoogleAppsScript.Spreadsheet.Protection,
      | 'setDescription'
      | 'getDescription'
      | 'setWarningOnly'
      | 'addEditor'
      | 'addEditors'
      | 'removeEditors'
      | 'getEditors'
      | 'canDomainEdit'
      | 'setDomainEdit'
      | 'remove'
      | 'getRange'
      | 'getProtectionType'
    >
{
  constructor(
    private readonly env: Env,
    private readonly ui: UiRecord,
    private readonly sheetId: number,
    private readonly protection: ProtectionState,
  ) {}

  private m(method: string): void {
    this.env.meter.call('Spreadsheet', `Protection.${method}`);
  }

  /** The protection as stored now; throws when it (or its sheet) was removed. */
  private p(): ProtectionState {
    const s = this.env.state.spreadsheet.sheets.find((x) => x.sheetId === this.sheetId);
    if (!s || !s.protections.includes(this.protection)) return fail(this.env, 'The protection has been removed.');
    return this.protection;
  }

  setDescription(description: string): ProtectionEmu {
    this.m('setDescription');
    this.p().description = String(description);
    return this;
  }

  getDescription(): string {
    this.m('getDescription');
    return this.p().description;
  }

  setWarningOnly(warningOnly: boolean): ProtectionEmu {
    this.m('setWarningOnly');
    this.p().warningOnly = !!warningOnly;
    return this;
  }

  private add(emails: string[]): void {
    const p = this.p();
    for (const e of emails) if (!p.editors.some((x) => x.toLowerCase() === e.toLowerCase())) p.editors.push(e);
  }

  addEditor(emailOrUser: string | GoogleAppsScript.Base.User): ProtectionEmu {
    this.m('addEditor');
    this.add([emailOf(this.env, emailOrUser)]);
    return this;
  }

  addEditors(emailAddresses: string[]): ProtectionEmu {
    this.m('addEditors');
    if (!Array.isArray(emailAddresses)) return fail(this.env, 'Invalid argument: emailAddresses');
    this.add(emailAddresses.map((e) => emailOf(this.env, e)));
    return this;
  }

  private drop(emails: string[]): void {
    const p = this.p();
    const gone = new Set(emails.map((e) => e.toLowerCase()));
    p.editors = p.editors.filter((e) => !gone.has(e.toLowerCase()));
  }

  /** Removes listed editors; the spreadsheet's owner may still edit (they always may). */
  removeEditors(emailAddresses: string[] | GoogleAppsScript.Base.User[]): ProtectionEmu {
    this.m('removeEditors');
    if (!Array.isArray(emailAddresses)) return fail(this.env, 'Invalid argument: emailAddresses');
    this.drop((emailAddresses as unknown[]).map((e) => emailOf(this.env, e)));
    return this;
  }

  /** Whether everyone in the owner's Workspace domain may edit it: off unless set (and only a domain has one). */
  canDomainEdit(): boolean {
    this.m('canDomainEdit');
    return this.p().domainEdit === true;
  }

  setDomainEdit(editable: boolean): ProtectionEmu {
    this.m('setDomainEdit');
    const p = this.p();
    if (editable && this.env.state.accounts !== 'workspace') return fail(this.env, 'Domain protection is only supported on documents within a domain.');
    p.domainEdit = !!editable;
    return this;
  }

  /** The editors added to it: none for a new protection (the owner, who may always edit, is not listed). */
  getEditors(): UserEmu[] {
    this.m('getEditors');
    return this.p().editors.map((e) => new UserEmu(this.env, e));
  }

  remove(): void {
    this.m('remove');
    const p = this.p();
    const s = this.env.state.spreadsheet.sheets.find((x) => x.sheetId === this.sheetId)!;
    s.protections = s.protections.filter((x) => x !== p);
  }

  getRange(): RangeEmu {
    this.m('getRange');
    const p = this.p();
    const s = this.env.state.spreadsheet.sheets.find((x) => x.sheetId === this.sheetId)!;
    const rect = p.row === 0 ? { row: 1, column: 1, numRows: s.maxRows, numColumns: s.maxColumns } : { row: p.row, column: p.column, numRows: p.numRows, numColumns: p.numColumns };
    return new RangeEmu(this.env, this.ui, this.sheetId, rect);
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    this.m('getProtectionType');
    return this.p().row === 0 ? ProtectionType.SHEET : ProtectionType.RANGE;
  }
}
