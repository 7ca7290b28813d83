/**
 * The README's pictures of 工单 and 待审核 (scripts/screenshot-sheets.ts) show
 * what setup set on the shipped bundle: the overdue row red, a 高 cell orange,
 * hidden bookkeeping columns left out, the frozen columns and header marked,
 * dates as their format displays them. A picture that drifted from the sheet
 * would mislead whoever reads the README.
 */
import { LOOK_COLOURS } from '../src/domain/sheet-look';
import { REVIEW, TICKETS } from '../src/sheets/schema';
import { evaluateRuleFormula, sheetHtml } from '../scripts/screenshot-sheets';
import { ownerEmail, person, rows, setStatus, submitOne, world, T0 } from './helpers/world';

const HOUR = 3_600_000;

/** Each body row of the picture: its row number and its cells' text and background. */
function pictureRows(html: string): { row: number; cells: { text: string; background: string | null; classes: string }[] }[] {
  const body = html.slice(html.indexOf('<tbody>'));
  return [...body.matchAll(/<tr[^>]*><th class="rownum">(\d+)<\/th>(.*?)<\/tr>/gs)].map((m) => ({
    row: Number(m[1]),
    cells: [...m[2]!.matchAll(/<td class="([^"]*)"(?: style="background:([^"]+)")?><div>(.*?)<\/div><\/td>/gs)].map((c) => ({
      classes: c[1]!, background: c[2] ?? null, text: c[3]!,
    })),
  }));
}

describe('the pictures of the sheets', () => {
  test('工单: a late open ticket red across its row, a resolved 高 ticket orange only in 优先级, hidden columns left out', () => {
    const rt = world();
    const late = submitOne(rt, person({ name: '迟到', mobile: '13800138001', email: 'late@example.com', need_type: '售后支持' }));
    const done = submitOne(rt, person({ name: '已解决', mobile: '13800138002', email: 'done@example.com', need_type: '售后支持' }), 'form', T0 + HOUR);
    const tickets = rows(rt, TICKETS.name);
    expect(tickets.map((t) => t[TICKETS.col.priority])).toEqual(['高', '高']);
    setStatus(rt, String(done.ticket_no), '问题已解决', ownerEmail(rt, tickets[1]![TICKETS.col.owner]));
    rt.advanceClockTo(T0 + 4 * 24 * HOUR);

    const html = sheetHtml(rt.state, TICKETS.name);
    const [header, lateRow, doneRow] = pictureRows(html);
    const labels = header!.cells.map((c) => c.text);
    const at = (label: string) => labels.indexOf(label);
    expect(labels.slice(0, 2)).toEqual([TICKETS.col.no, TICKETS.col.customerNo]);
    expect(header!.cells[1]!.classes).toContain('frozen-col');
    expect(header!.cells[0]!.classes).toContain('header');
    for (const hidden of TICKETS.columns.filter((c) => c.hidden)) expect(labels).not.toContain(hidden.label);
    expect(labels).toContain(TICKETS.col.status);

    expect(lateRow!.cells[at(TICKETS.col.no)]!.text).toBe(late.ticket_no);
    expect(new Set(lateRow!.cells.map((c) => c.background))).toEqual(new Set([LOOK_COLOURS.overdue]));
    expect(doneRow!.cells[at(TICKETS.col.priority)]!.background).toBe(LOOK_COLOURS.high);
    expect(doneRow!.cells.filter((c) => c.background !== null)).toHaveLength(1);
    // 截止时间 as its format shows it, right-aligned as Sheets aligns dates.
    const deadline = lateRow!.cells[at(TICKETS.col.deadline)]!;
    expect(deadline.text).toMatch(/^2026-11-2\d \d\d:\d\d$/);
    expect(deadline.classes).toContain('a-right');
  });

  test('scrolled: the frozen columns stay, the columns before the scroll position go', () => {
    const rt = world();
    submitOne(rt, person());
    const labels = pictureRows(sheetHtml(rt.state, TICKETS.name, TICKETS.col.issueType))[0]!.cells.map((c) => c.text);
    expect(labels.slice(0, 3)).toEqual([TICKETS.col.no, TICKETS.col.customerNo, TICKETS.col.issueType]);
    expect(labels).not.toContain(TICKETS.col.needDescription);
  });

  test('待审核: 填写内容 wraps, 原始数据 is not shown', () => {
    const rt = world();
    expect(submitOne(rt, person({ mobile: '1380013' })).outcome).toBe('review');
    const [header, row] = pictureRows(sheetHtml(rt.state, REVIEW.name));
    const labels = header!.cells.map((c) => c.text);
    expect(labels).not.toContain(REVIEW.col.rawData);
    const answers = row!.cells[labels.indexOf(REVIEW.col.answers)]!;
    expect(answers.classes).toContain('wrap');
    expect(answers.text).toContain('手机号：1380013');
  });

  test('a formula the picture cannot evaluate stops it instead of drawing a guess', () => {
    const cell = () => null;
    expect(() => evaluateRuleFormula('=REGEXMATCH($A2,"x")', { row: 2, column: 1 }, { row: 2, column: 1 }, cell, T0, 'Asia/Shanghai')).toThrow(/not understood/);
    expect(evaluateRuleFormula('=$A2="高"', { row: 3, column: 5 }, { row: 2, column: 1 }, (r, c) => (r === 3 && c === 1 ? '高' : null), T0, 'Asia/Shanghai')).toBe(true);
  });
});
