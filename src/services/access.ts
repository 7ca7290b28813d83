/**
 * The owner's rights: who may reveal sensitive fields and who, besides the
 * owner, may edit 配置. Both lists live in script properties and only the
 * owner changes them (客户管理 › 敏感信息查看权限). The owner is the account
 * that set the add-on up — it owns the triggers, so it is the account the
 * add-on writes as — checked as the effective user, which for a menu item or
 * dialog is the person at the keyboard (Apps Script reference,
 * Session.getEffectiveUser: "In most other cases, this returns the same
 * account as getActiveUser()"); a blank is never the owner.
 *
 * 配置 is protected whole: only the owner and the admins may edit it, and no
 * staff action writes it (the product writes it at setup, from this dialog
 * and in the owner's edit trigger). 历史 is appended to by staff members'
 * own executions (a sidebar runs as its user), so it cannot refuse them:
 * it carries a warning-only protection, and the reveals — what an audit must
 * be able to trust — are also counted in script properties (store.ts).
 */
import { listed, parseAccess, readAccessInput, serialiseAccess, type AccessLists } from '../domain/access';
import { STAFF_NOTE, staffValue } from '../domain/config-lists';
import { HISTORY_ACTION } from '../domain/vocabulary';
import { listSeparator } from '../i18n/messages';
import { UserError } from '../i18n/user-error';
import { CONFIG, HISTORY } from '../sheets/schema';
import type { AccessSettings } from '../contracts/access';
import type { AppContext } from './context';
import { forgetConfig } from './workbook-cache';
import { withScriptLock } from './lock';
import { saveAccess, setupOwner, storedAccess } from './store';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The owner's email, or a plain refusal for anyone else (and before setup, when there is no owner yet). */
export function requireOwner(): string {
  const owner = setupOwner();
  if (!owner) throw new UserError('menu.needsSetup');
  const me = Session.getEffectiveUser().getEmail();
  if (!me) throw new UserError('access.unknownUser');
  if (me.toLowerCase() !== owner.toLowerCase()) throw new UserError('access.ownerOnly', { owner, me });
  return owner;
}

/**
 * The stored lists. Before setup has stored them (an older version's
 * deployment, upgraded), what its 配置 granted: nobody loses the right
 * meanwhile, and setup then stores exactly that, once.
 */
export function currentAccess(ctx: AppContext): AccessLists {
  return parseAccess(storedAccess()) ?? { reveal: ctx.config.staff.filter((s) => s.canReveal).map((s) => s.email), admins: [] };
}

function view(ctx: AppContext, owner: string, lists: AccessLists): AccessSettings {
  return { locale: ctx.locale, owner, ...lists, staff: ctx.config.staff.map((s) => ({ email: s.email, name: s.name })) };
}

/** The dialog's data, for the owner only. */
export function accessSettings(ctx: AppContext): AccessSettings {
  return view(ctx, requireOwner(), currentAccess(ctx));
}

/** The owner saves both lists: stored, shown in 配置, the 配置 protection's editors updated, the change in 历史. */
export function saveAccessSettings(ctx: AppContext, reveal: unknown, admins: unknown): AccessSettings {
  const owner = requireOwner();
  const input = readAccessInput(reveal, admins);
  if (!input.ok) throw new UserError('config.badEmail', { value: input.bad });
  const lists = input.value;
  withScriptLock(() => {
    saveAccess(serialiseAccess(lists));
    applyAccess(ctx, lists);
  });
  const sep = listSeparator(ctx.locale);
  const names = (l: string[]) => (l.length ? l.join(sep) : ctx.t('access.none'));
  ctx.table(HISTORY).append([{
    [HISTORY.col.at]: ctx.now, [HISTORY.col.ticketNo]: '', [HISTORY.col.actor]: owner, [HISTORY.col.action]: HISTORY_ACTION.accessChanged,
    [HISTORY.col.oldValue]: '', [HISTORY.col.newValue]: '', [HISTORY.col.note]: ctx.t('access.historyNote', { reveal: names(lists.reveal), admins: names(lists.admins) }),
  }]);
  return view(ctx, owner, lists);
}

/**
 * Setup (run by the owner): the first time, the grants 配置 held in an older
 * version become the stored list, once; from then on 配置 only shows it.
 * Then 配置 and 历史 get their protections and 配置 shows the lists.
 */
export function settleAccess(ctx: AppContext): void {
  const stored = parseAccess(storedAccess());
  const lists = stored ?? currentAccess(ctx);
  if (!stored) saveAccess(serialiseAccess(lists));
  applyAccess(ctx, lists);
}

/** After an edit of 配置 (the owner's edit trigger): a typed flag is put back to what the owner's list says. */
export function followAccessInConfig(ctx: AppContext): void {
  const lists = parseAccess(storedAccess());
  const sheet = ctx.ss.getSheetByName(CONFIG.name);
  if (lists && sheet) showRevealList(sheet, lists);
}

function applyAccess(ctx: AppContext, lists: AccessLists): void {
  const config = ctx.ss.getSheetByName(CONFIG.name);
  if (config) {
    protectFor(config, ctx.t('access.configProtection'), lists.admins);
    showRevealList(config, lists);
  }
  const history = ctx.ss.getSheetByName(HISTORY.name);
  if (history) history.protect().setDescription(ctx.t('access.historyProtection')).setWarningOnly(true);
}

/**
 * Protects the whole sheet for the account running this (the owner) and
 * `editors`, everyone else removed, as the Apps Script reference's Protection
 * sample does: add yourself first, remove the other editors, and switch
 * domain-wide editing off. (The spreadsheet's owner may always edit.)
 */
function protectFor(sheet: Sheet, description: string, editors: readonly string[]): void {
  const p = sheet.protect().setDescription(description);
  p.setWarningOnly(false);
  const me = Session.getEffectiveUser();
  p.addEditor(me);
  const keep = new Set([me.getEmail(), ...editors].map((e) => e.toLowerCase()));
  const others = p.getEditors().map((u) => u.getEmail()).filter((e) => !keep.has(e.toLowerCase()));
  if (others.length) p.removeEditors(others);
  if (editors.length) p.addEditors([...editors]);
  if (p.canDomainEdit()) p.setDomainEdit(false);
}

/** 配置 › 员工: each value shows the owner's list and each 说明 says so; only cells that differ are written. */
function showRevealList(sheet: Sheet, lists: AccessLists): void {
  const last = sheet.getLastRow();
  if (last < 2) return;
  const values = sheet.getRange(2, 1, last - 1, 4).getValues();
  let changed = false;
  values.forEach((row, i) => {
    if (String(row[0]).trim() !== '员工' || String(row[1]).trim() === '') return;
    const value = staffValue(String(row[2]), listed(lists.reveal, String(row[1])));
    if (value !== String(row[2])) sheet.getRange(i + 2, 3).setValue(value);
    if (String(row[3]) !== STAFF_NOTE) sheet.getRange(i + 2, 4).setValue(STAFF_NOTE);
    changed ||= value !== String(row[2]) || String(row[3]) !== STAFF_NOTE;
  });
  // 配置 as cached holds what was just put back.
  if (changed) forgetConfig();
}
