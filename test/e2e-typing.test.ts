/**
 * What staff type or paste into the add-on's sheets stays what they typed:
 * setup gives every body cell its column's format, so IDs, phones and codes
 * are never made numbers (Sheets keeps 15 digits and drops leading zeros)
 * and date columns still read dates. Repair gives the formats to sheets made
 * by an older version.
 */
import { CONFIG, CUSTOMERS, IMPORT, REVIEW, TICKETS, type SheetSpec } from '../src/sheets/schema';
import { findSheet, getCell, lastRow, userEdit } from '../local/runtime/sheet-data';
import type { Runtime } from '../local/runtime/runtime';
import { person, rows, submit, world } from './helpers/world';

const STAFF = 'sales1@example.com';
const TYPED = ['110101199001011237', '01012345678', '007', '=HYPERLINK("https://example.com","x")', '+86 138 0013 8000', 'TRUE', '50%', '2026-11-23'];

/** What each typed text became in the first free row of `spec`'s sheet, column by column. */
function typeInto(rt: Runtime, spec: SheetSpec, kind: string, texts: readonly string[]): { label: string; typed: string; stored: unknown }[] {
  const sheet = findSheet(rt.state, spec.name)!;
  const headers = Array.from({ length: spec.columns.length }, (_, i) => String(getCell(sheet, 1, i + 1)));
  const out: { label: string; typed: string; stored: unknown }[] = [];
  let row = lastRow(sheet) + 1;
  for (const typed of texts) {
    for (const c of spec.columns.filter((col) => col.kind === kind && !col.hidden)) {
      const column = headers.indexOf(c.label) + 1;
      const edit = userEdit(rt.state, spec.name, row, column, typed, rt.state.owner);
      // A dropdown column takes its list's values only.
      if (!edit.ok && edit.reason === 'invalid') continue;
      if (!edit.ok) throw new Error(`${spec.name}.${c.label}: ${edit.message}`);
      out.push({ label: c.label, typed, stored: getCell(sheet, row, column) });
    }
    row += 1;
  }
  return out;
}

test.each([CUSTOMERS, TICKETS, REVIEW, CONFIG, IMPORT].map((spec) => [spec.name, spec] as const))('every text column of %s keeps what staff type, as typed', (_name, spec) => {
  const rt = world();
  const cells = typeInto(rt, spec, 'text', TYPED);
  expect(cells.length).toBeGreaterThan(0);
  expect(cells.filter((c) => c.stored !== c.typed)).toEqual([]);
});

test('a deadline typed into 工单 is a date, and a count typed into 客户 a number', () => {
  const rt = world();
  const [deadline] = typeInto(rt, TICKETS, 'datetime', ['2026-11-30 18:00']);
  expect(deadline!.stored).toEqual({ d: Date.parse('2026-11-30T18:00:00+08:00') });
  const [age] = typeInto(rt, CUSTOMERS, 'int', ['35']);
  expect(age!.stored).toBe(35);
});

test('in 导入, a column pasted beyond the add-on\'s own is plain text too', () => {
  const rt = world();
  const sheet = findSheet(rt.state, IMPORT.name)!;
  const column = sheet.maxColumns;
  expect(userEdit(rt.state, IMPORT.name, 2, column, '007', STAFF).ok).toBe(true);
  expect(getCell(sheet, 2, column)).toBe('007');
});

test('repair formats a 导入 sheet made before the body was plain text, and its paste then files exactly', () => {
  const rt = world();
  const sheet = findSheet(rt.state, IMPORT.name)!;
  // An older version formatted only the header row.
  sheet.rows = sheet.rows.slice(0, 1);
  expect(userEdit(rt.state, IMPORT.name, 2, 1, '007', STAFF).ok).toBe(true);
  expect(getCell(sheet, 2, 1)).toBe(7);
  sheet.rows = sheet.rows.slice(0, 1);

  expect(rt.run('setup').ok).toBe(true);
  const [line] = submit(rt, person({ name: '旧表', landline: '01012345678', product_version: '007' }), 'import');
  expect(line).toMatchObject({ outcome: 'accepted' });
  const ticket = rows(rt, '工单').find((t) => t['姓名/企业名称'] === '旧表')!;
  expect(ticket[TICKETS.col.productVersion]).toBe('007');
  const customer = rows(rt, '客户').find((c) => c['姓名/企业名称'] === '旧表')!;
  expect(String(customer[CUSTOMERS.col.landline]).replace(/\D/g, '')).toBe('01012345678');
});
