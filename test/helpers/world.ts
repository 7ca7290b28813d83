/**
 * A fresh emulated Apps Script world running the built bundle, set up as an
 * admin would (客户管理 › 初始化), for end-to-end tests.
 */
import { newState } from '../../local/runtime/state';
import type { Runtime } from '../../local/runtime/runtime';
import type { RuntimeState } from '../../local/runtime/state';
import { startRuntime } from '../../local/cli/session';
import { findSheet, getCell, lastColumn, lastRow, setCell, toIsoValue } from '../../local/runtime/sheet-data';
import { forgetCachedConfig } from '../../local/drive/config-view';
import { submitVia, type SubmitLine, type Via } from '../../local/drive/submit';
import type { RawRecord } from '../../local/drive/input';
import { CONFIG, TICKETS } from '../../src/sheets/schema';

export const T0 = Date.parse('2026-11-23T10:00:00+08:00'); // a Monday

/**
 * The kind of accounts every test world is made of unless a test says: a
 * Workspace domain by default; `KEHU_ACCOUNTS=consumer` runs the same suites
 * on consumer (gmail.com) accounts, where a trigger cannot see a colleague's email.
 */
export const WORLD_ACCOUNTS: 'workspace' | 'consumer' = process.env.KEHU_ACCOUNTS === 'consumer' ? 'consumer' : 'workspace';

/**
 * Workbooks just set up, by how they were made, as the state file holds them.
 * Setup is deterministic (the seed and the clock are in the state), so a world
 * asked for again starts from the same saved state, as the CLI starts every
 * command from state.json: the same workbook, without running setup again.
 */
const SET_UP = new Map<string, string>();

export function world(at = T0, opts: { setup?: boolean; accounts?: 'workspace' | 'consumer'; owner?: string; language?: 'zh-CN' | 'en' } = {}): Runtime {
  const accounts = opts.accounts ?? WORLD_ACCOUNTS;
  const fresh = () => startRuntime(newState({ clock: at, seed: 'test', accounts, owner: opts.owner, language: opts.language }));
  if (opts.setup === false) return fresh();
  const key = JSON.stringify([at, accounts, opts.owner ?? null, opts.language ?? null]);
  let saved = SET_UP.get(key);
  if (saved === undefined) {
    const rt = fresh();
    const r = rt.run('setup');
    if (!r.ok) throw new Error(`setup failed: ${r.error}`);
    saved = JSON.stringify(rt.state);
    SET_UP.set(key, saved);
  }
  return startRuntime(JSON.parse(saved) as RuntimeState);
}

export function submit(rt: Runtime, records: RawRecord | RawRecord[], via: Via = 'form', at?: number): SubmitLine[] {
  return submitVia(rt, via, Array.isArray(records) ? records : [records], at === undefined ? {} : { at });
}

export function submitOne(rt: Runtime, record: RawRecord, via: Via = 'form', at?: number): SubmitLine {
  return submit(rt, record, via, at)[0]!;
}

/** A sheet as records keyed by header, values as `show --json` gives them. */
export function rows(rt: Runtime, name: string): Record<string, unknown>[] {
  const sheet = findSheet(rt.state, name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const width = lastColumn(sheet);
  const headers = Array.from({ length: width }, (_, i) => String(getCell(sheet, 1, i + 1)));
  const out: Record<string, unknown>[] = [];
  for (let r = 2; r <= lastRow(sheet); r++) {
    const rec: Record<string, unknown> = {};
    headers.forEach((h, i) => (rec[h] = toIsoValue(getCell(sheet, r, i + 1), rt.state.spreadsheet.timeZone)));
    out.push(rec);
  }
  return out;
}

/** Every formula cell in the spreadsheet, as "sheet!row,col". */
export function formulaCells(rt: Runtime): string[] {
  const found: string[] = [];
  for (const sheet of rt.state.spreadsheet.sheets) {
    sheet.rows.forEach((row, r) =>
      row?.v.forEach((v, c) => {
        if (v && typeof v === 'object' && 'f' in v) found.push(`${sheet.name}!${r + 1},${c + 1}`);
      }),
    );
  }
  return found;
}

/** A valid personal submission, to vary per test. */
export function person(overrides: RawRecord = {}): RawRecord {
  return {
    customer_kind: '个人',
    name: '王小明',
    industry: '互联网',
    mobile: '13800138000',
    email: 'xiaoming@example.com',
    need_type: '产品咨询',
    need_description: '需要10台台式电脑，用于新员工办公，希望了解报价和交付时间',
    time_requirement: '1个月内',
    expected_response: '24小时内',
    consent: '同意',
    ...overrides,
  };
}

/**
 * `user` picks `status` in 工单.状态 for the ticket (first typing the progress
 * note, if given), as in the Sheets UI; throws if the edit or a trigger fails.
 */
export function setStatus(rt: Runtime, ticketNo: string, status: string, user: string, note?: string): void {
  const row = rows(rt, '工单').findIndex((t) => t[TICKETS.col.no] === ticketNo) + 2;
  if (note !== undefined) rt.staff.type('工单', row, rt.staff.column('工单', TICKETS.col.progressNote), note, user);
  const r = rt.staff.type('工单', row, rt.staff.column('工单', TICKETS.col.status), status, user);
  if (!r.ok) throw new Error(r.message);
  for (const run of r.runs) if (!run.ok) throw new Error(run.error);
}

/**
 * Runs `act` — another execution, as a colleague's or a second trigger's —
 * before the nth call of `method` of the execution about to run, and gives
 * the outer one its realm back afterwards.
 */
export function nestAt(rt: Runtime, method: string, nth: number, act: () => void): void {
  rt.meter.onCall(method, nth, () => {
    const realm = rt.env.realm;
    act();
    rt.env.setRealm(realm);
  });
}

/**
 * The mailbox of the person a 负责人 cell names (it shows their name from 配置 ›
 * 员工, like the dropdown): what they sign in as, and where their mail goes.
 */
export function ownerEmail(rt: Runtime, shown: unknown): string {
  const label = String(shown);
  if (label.includes('@')) return /[（(<]([^（()）<>]+@[^（()）<>]+)[）)>]$/.exec(label)?.[1] ?? label;
  const staff = rows(rt, CONFIG.name).filter((r) => r[CONFIG.col.group] === '员工' && String(r[CONFIG.col.value]).split('，')[0] === label);
  if (staff.length !== 1) throw new Error(`负责人 ${label} is not one person of 配置 › 员工`);
  return String(staff[0]![CONFIG.col.key]);
}

/** The mailbox of a ticket's owner. */
export function ticketOwner(rt: Runtime, ticketNo: string): string {
  const row = rows(rt, TICKETS.name).find((t) => t[TICKETS.col.no] === ticketNo);
  if (!row) throw new Error(`no ticket ${ticketNo}`);
  return ownerEmail(rt, row[TICKETS.col.owner]);
}

/**
 * The admin enters a day of 配置 › 日历 (as after the State Council's notice),
 * as a new row: from November the add-on asks for next year's holidays, and a
 * workbook that has them passes 自检 whole.
 */
export function addCalendarDay(rt: Runtime, day: string, value: '休息' | '上班' = '休息'): void {
  const sheet = findSheet(rt.state, CONFIG.name)!;
  const col = (label: string) => Array.from({ length: lastColumn(sheet) }, (_, i) => getCell(sheet, 1, i + 1)).indexOf(label) + 1;
  const row = lastRow(sheet) + 1;
  setCell(sheet, row, col(CONFIG.col.group), '日历');
  setCell(sheet, row, col(CONFIG.col.key), day);
  setCell(sheet, row, col(CONFIG.col.value), value);
  forgetCachedConfig(rt.state);
}
