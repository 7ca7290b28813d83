/**
 * Manual entry on the bundle: a sidebar draft submitted twice (a retry, a
 * second click) is filed once, and the second answer says where the first
 * went: its ticket, or the 待审核 row it waits in — never a blank ticket.
 */
import type { Runtime } from '../local/runtime/runtime';
import { REVIEW } from '../src/sheets/schema';
import { person, rows, world } from './helpers/world';

const STAFF = 'sales1@example.com';
const ADMIN = 'admin@example.com';

function submitDraft(rt: Runtime, answers: Record<string, unknown>, clientId: string): Record<string, unknown> {
  const r = rt.run('submitManualEntry', [{ answers, clientId }], { user: STAFF });
  if (!r.ok) throw new Error(r.error);
  return r.value as Record<string, unknown>;
}

/** An admin renames an option of 所属行业 in 配置 while a sidebar still offers the old one. */
function renameIndustryOption(rt: Runtime): void {
  const config = rt.state.spreadsheet.sheets.find((s) => s.name === '配置')!;
  const row = config.rows.findIndex((r) => r && r.v[0] === '选项' && r.v[1] === '所属行业') + 1;
  const typed = rt.staff.type('配置', row, 3, '制造业、零售、互联网/软件、教育、金融、医疗、政府/公共事业、其他', ADMIN);
  if (!typed.ok) throw new Error(typed.message);
}

describe('a sidebar opened before a 配置 change, its draft submitted twice', () => {
  test('the first goes to 待审核; the second says it is already waiting there, in which row', () => {
    const rt = world();
    const setup = rt.run('manualEntrySetup', [], { user: STAFF }).value as { options: Record<string, string[]> };
    expect(setup.options['industry']).toContain('互联网');
    renameIndustryOption(rt);
    const draft = person({ industry: '互联网' });
    const first = submitDraft(rt, draft, 'draft-0001');
    expect(first).toMatchObject({ outcome: 'review', review_row: 2 });
    const second = submitDraft(rt, draft, 'draft-0001');
    expect(second).toEqual({ outcome: 'duplicate', review_row: 2, review_state: '待处理' });
    expect(rows(rt, '待审核')).toHaveLength(1);
    expect(rows(rt, '工单')).toHaveLength(0);
  });

  test('once a reviewer has voided that row, a retry says so instead of claiming it waits', () => {
    const rt = world();
    renameIndustryOption(rt);
    const draft = person({ industry: '互联网' });
    submitDraft(rt, draft, 'draft-0002');
    const voided = rt.run('voidReview', [2, '重复录入'], { user: ADMIN });
    expect(voided.error).toBeUndefined();
    expect(rows(rt, '待审核')[0]![REVIEW.col.state]).toBe('已作废');
    expect(submitDraft(rt, draft, 'draft-0002')).toEqual({ outcome: 'duplicate', review_row: 2, review_state: '已作废' });
  });

  test('a retry of a draft that was filed answers with its ticket number', () => {
    const rt = world();
    const first = submitDraft(rt, person(), 'draft-0003');
    expect(first['outcome']).toBe('accepted');
    expect(submitDraft(rt, person(), 'draft-0003')).toEqual({ outcome: 'duplicate', ticket_no: first['ticket_no'] });
    expect(rows(rt, '工单')).toHaveLength(1);
  });
});
