/**
 * The sheets read at a glance, on the shipped bundle: 待审核 shows what was
 * submitted as 字段：值 lines with the sheet's labels (the add-on's JSON is
 * hidden), sealed values as the marker, and no internal code is on show.
 */
import { REPORTS, REVIEW, TICKETS } from '../src/sheets/schema';
import { getCellProp } from '../local/runtime/sheet-data';
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

describe('工单 read at a glance', () => {
  test('setup freezes 工单编号 and 客户编号, widens and wraps the descriptions, widens dates, hides the bookkeeping columns', () => {
    const rt = world();
    submitOne(rt, person());
    const sheet = findSheet(rt.state, TICKETS.name)!;
    const col = (label: string) => rt.staff.column(TICKETS.name, label);
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.frozenColumns).toBe(2);
    expect(sheet.columnWidths[String(col(TICKETS.col.needDescription))]).toBe(320);
    expect(sheet.columnWidths[String(col(TICKETS.col.deadline))]).toBe(140);
    expect(getCellProp(sheet, 2, col(TICKETS.col.needDescription), 'wrap')).toBe('WRAP');
    const hidden = TICKETS.columns.filter((c) => c.hidden).map((c) => col(c.label));
    expect(hidden.length).toBeGreaterThan(5);
    expect(sheet.hiddenColumns).toEqual(expect.arrayContaining(hidden));
    expect(sheet.hiddenColumns).not.toContain(col(TICKETS.col.status));
  });

  test('an overdue, open row is red and a 高 priority orange, by two rules; setup run again keeps two, and a rule of someone else\'s', () => {
    const rt = world();
    const sheet = () => findSheet(rt.state, TICKETS.name)!;
    const rules = () => sheet().conditionalFormats ?? [];
    expect(rules()).toHaveLength(2);
    const [overdue, high] = rules();
    const letter = (label: string) => String.fromCharCode(64 + rt.staff.column(TICKETS.name, label));
    expect(overdue!.values[0]).toBe(`=AND(ISNUMBER($${letter(TICKETS.col.deadline)}2),$${letter(TICKETS.col.deadline)}2<NOW(),$${letter(TICKETS.col.status)}2<>"问题已解决",$${letter(TICKETS.col.status)}2<>"已关闭")`);
    expect(overdue!.format.background).toBe('#f4cccc');
    expect(high!.values[0]).toBe(`=$${letter(TICKETS.col.priority)}2="高"`);
    expect(rt.state.spreadsheet.recalculationInterval).toBe('HOUR');
    sheet().conditionalFormats!.push({ ranges: ['A2:A10'], criteria: 'TEXT_EQUAL_TO' as never, values: ['VIP'], format: { bold: true } });
    expect(rt.run('setup', [], { user: rt.state.owner }).ok).toBe(true);
    expect(rules().map((r) => r.values[0])).toEqual([overdue!.values[0], high!.values[0], 'VIP']);
  });
});
