/**
 * A 配置 typo is explained where it was typed, on the shipped bundle: the
 * edit trigger notes the row's 值 cell with what is accepted, takes the note
 * away when the row is right again, and leaves staff's own notes alone.
 */
import { CONFIG } from '../src/sheets/schema';
import type { Runtime } from '../local/runtime/runtime';
import { forgetCachedConfig } from '../local/drive/config-view';
import { findSheet, getCellProp, setCell, setCellProp } from '../local/runtime/sheet-data';
import { rows, submitOne, person, world } from './helpers/world';

const VALUE_COLUMN = 3;

function configRow(rt: Runtime, group: string, key: string): number {
  return rows(rt, CONFIG.name).findIndex((r) => r[CONFIG.col.group] === group && r[CONFIG.col.key] === key) + 2;
}

function typeConfig(rt: Runtime, row: number, value: string): void {
  const r = rt.staff.type(CONFIG.name, row, VALUE_COLUMN, value, rt.state.owner);
  if (!r.ok) throw new Error(r.message);
  for (const run of r.runs) if (!run.ok) throw new Error(run.error);
}

function noteAt(rt: Runtime, row: number): string {
  return getCellProp(findSheet(rt.state, CONFIG.name)!, row, VALUE_COLUMN, 'note') ?? '';
}

describe('a 配置 row edited by hand', () => {
  test('2天 under 时限 is noted at once with what is accepted, once, without the row number; fixed, the note goes', () => {
    const rt = world();
    const row = configRow(rt, '时限', '高');
    expect(noteAt(rt, row)).toBe('');
    typeConfig(rt, row, '2天');
    const note = noteAt(rt, row);
    expect(note).toContain('“2天”无法识别');
    expect(note).toContain('24h');
    expect(note).toContain('3wd');
    expect(note).toContain('已使用默认值');
    expect(note).not.toContain('配置第');
    typeConfig(rt, row, '2wd');
    expect(noteAt(rt, row)).toBe('');
  });

  test('a note someone wrote stays; a bad row elsewhere is noted too; submissions go on with the default', () => {
    const rt = world();
    const sheet = findSheet(rt.state, CONFIG.name)!;
    const other = configRow(rt, '时限', '中');
    // A note added by hand changes no value, so no edit trigger runs (onEdit runs "when a user changes the value of any cell").
    setCellProp(sheet, other, VALUE_COLUMN, 'note', '张经理：月底前改成 1wd');
    const hours = configRow(rt, '工作时间', '上午');
    typeConfig(rt, hours, '9点-12点');
    expect(noteAt(rt, hours)).toContain('09:00-12:00');
    expect(noteAt(rt, hours)).toContain('此行已忽略');
    expect(getCellProp(sheet, other, VALUE_COLUMN, 'note')).toBe('张经理：月底前改成 1wd');
    expect(submitOne(rt, person()).outcome).toBe('accepted');
    typeConfig(rt, hours, '09:00-12:00');
    expect(noteAt(rt, hours)).toBe('');
    expect(getCellProp(sheet, other, VALUE_COLUMN, 'note')).toBe('张经理：月底前改成 1wd');
  });

  test('setup notes a bad row that no trigger saw (a value written by another program)', () => {
    const rt = world();
    const row = configRow(rt, '时限', '低');
    setCell(findSheet(rt.state, CONFIG.name)!, row, VALUE_COLUMN, '三天');
    forgetCachedConfig(rt.state);
    const r = rt.run('setup', [], { user: rt.state.owner });
    expect(r.ok).toBe(true);
    expect(noteAt(rt, row)).toContain('“三天”无法识别');
  });
});
