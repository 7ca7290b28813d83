/**
 * The sheets read at a glance, on the shipped bundle: 待审核 shows what was
 * submitted as 字段：值 lines with the sheet's labels (the add-on's JSON is
 * hidden), sealed values as the marker, and no internal code is on show.
 */
import { REPORTS, REVIEW } from '../src/sheets/schema';
import { findSheet } from '../local/runtime/sheet-data';
import type { Runtime } from '../local/runtime/runtime';
import { person, rows, submitOne, world } from './helpers/world';

function reviewRowOf(rt: Runtime): Record<string, unknown> {
  const all = rows(rt, REVIEW.name);
  return all[all.length - 1]!;
}

describe('待审核 in plain words', () => {
  test('a flawed submission shows 字段：值 lines with zh labels, its further lines indented, the ID number as the marker', () => {
    const rt = world();
    const out = submitOne(rt, person({ mobile: '1380013', id_number: '11010519491231002X', need_description: '第一行说明需要的产品\n第二行：预算有限' }), 'manual');
    expect(out.outcome).toBe('review');
    const shown = String(reviewRowOf(rt)[REVIEW.col.answers]);
    expect(shown).toContain('姓名/企业名称：王小明');
    expect(shown).toContain('手机号：1380013');
    expect(shown).toContain('具体需求描述：第一行说明需要的产品\n\u3000\u3000第二行：预算有限');
    expect(shown).toContain('证件号码：已加密保存');
    expect(shown).not.toMatch(/[a-z]+_[a-z]+|"name"|\{/);
    expect(shown).not.toContain('11010519491231002X');
  });

  test('the add-on\'s copy (原始数据) and the report ids are hidden columns; the visible columns hold no English key', () => {
    const rt = world();
    submitOne(rt, person({ mobile: '1380013' }));
    const review = findSheet(rt.state, REVIEW.name)!;
    const header = review.rows[0]!.v.map(String);
    expect(REVIEW.columns.find((c) => c.label === REVIEW.col.rawData)!.hidden).toBe(true);
    expect(REPORTS.columns.find((c) => c.label === REPORTS.col.id)!.hidden).toBe(true);
    const visible = REVIEW.columns.filter((c) => !c.hidden).map((c) => c.label);
    const row = reviewRowOf(rt);
    for (const label of visible) expect(String(row[label] ?? '')).not.toMatch(/need_description|customer_kind|"mobile"/);
    expect(header).toContain(REVIEW.col.answers);
  });

  test('setup gives the rows an older version wrote (原始数据 only) their 填写内容, the sealed value as the marker', () => {
    const rt = world();
    submitOne(rt, person({ mobile: '1380013', id_number: '11010519491231002X' }), 'manual');
    const review = findSheet(rt.state, REVIEW.name)!;
    const col = rt.staff.column(REVIEW.name, REVIEW.col.answers);
    const json = String(reviewRowOf(rt)[REVIEW.col.rawData]);
    // An older version's sheet: no 填写内容 column at all.
    for (const r of review.rows) if (r) r.v.splice(col - 1, 1);
    expect(rows(rt, REVIEW.name)[0]![REVIEW.col.answers]).toBeUndefined();
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    const row = reviewRowOf(rt);
    expect(row[REVIEW.col.rawData]).toBe(json);
    expect(String(row[REVIEW.col.answers])).toContain('手机号：1380013');
    expect(String(row[REVIEW.col.answers])).toContain('证件号码：已加密保存');
    expect(String(row[REVIEW.col.answers])).not.toContain('enc:');
  });
});
