/**
 * Manual entry on the bundle: a sidebar draft submitted twice (a retry, a
 * second click) is filed once, and the second answer says where the first
 * went: its ticket, or the 待审核 row it waits in — never a blank ticket. A
 * second draft of the same call (same customer, same need, minutes apart) is
 * asked about and filed only when confirmed.
 */
import type { ExecutionResult, Runtime } from '../local/runtime/runtime';
import { setConfigValue } from '../local/drive/config-view';
import { startRuntime } from '../local/cli/session';
import { REVIEW } from '../src/sheets/schema';
import { nestAt, person, rows, world } from './helpers/world';

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

describe('the same call entered twice (配置 › 通用 › 重复录入提醒分钟数, 10 by default)', () => {
  const CLERK = 'support1@example.com';
  const entry = (rt: Runtime, answers: Record<string, unknown>, clientId: string, user = STAFF, fileRepeatOf?: string) => {
    const r = rt.run('submitManualEntry', [{ answers, clientId, ...(fileRepeatOf ? { fileRepeatOf } : {}) }], { user });
    if (!r.ok) throw new Error(r.error);
    return r.value as Record<string, unknown>;
  };

  test('a second draft of the same customer and description is asked about, naming the ticket, when and by whom; nothing is filed', () => {
    const rt = world();
    const first = entry(rt, person(), 'draft-a001');
    expect(first['outcome']).toBe('accepted');
    rt.advanceClockTo(rt.state.clock + 5 * 60_000);
    // Another staff member, typing the same call their way: the phone with spaces, the description spaced differently.
    const again = entry(rt, person({ mobile: '138 0013 8000', email: '', need_description: '需要10台台式电脑 用于新员工办公，希望了解报价和交付时间。' }), 'draft-b001', CLERK);
    expect(again).toEqual({ outcome: 'repeat', ticket_no: first['ticket_no'], filed_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/), handler: '张伟' });
    expect(rows(rt, '工单')).toHaveLength(1);
    expect(rows(rt, '待审核')).toHaveLength(0);
    expect(rt.state.mail.sent.filter((m) => m.to === 'xiaoming@example.com')).toHaveLength(1);
  });

  test('仍然提交 files it once, as a new ticket of the same customer; a retry of that draft answers with its ticket', () => {
    const rt = world();
    const first = entry(rt, person(), 'draft-a002');
    const asked = entry(rt, person(), 'draft-b002', CLERK);
    expect(asked['outcome']).toBe('repeat');
    const filed = entry(rt, person(), 'draft-b002', CLERK, String(asked['ticket_no']));
    expect(filed).toMatchObject({ outcome: 'accepted', customer_no: first['customer_no'] });
    expect(filed['ticket_no']).not.toBe(first['ticket_no']);
    expect(entry(rt, person(), 'draft-b002', CLERK)).toEqual({ outcome: 'duplicate', ticket_no: filed['ticket_no'] });
    expect(rows(rt, '工单')).toHaveLength(2);
  });

  test('a confirmation given for one ticket does not cover another filed meanwhile: it asks again, about the newer one', () => {
    const rt = world();
    const first = entry(rt, person(), 'draft-a003');
    const asked = entry(rt, person(), 'draft-b003', CLERK);
    // Meanwhile a third colleague files the same call anyway.
    const third = entry(rt, person(), 'draft-c003', ADMIN, String(first['ticket_no']));
    expect(third['outcome']).toBe('accepted');
    expect(entry(rt, person(), 'draft-b003', CLERK, String(asked['ticket_no']))).toMatchObject({ outcome: 'repeat', ticket_no: third['ticket_no'] });
    expect(rows(rt, '工单')).toHaveLength(2);
  });

  test('not asked: after the window, for another description, for another customer, with the window set to 0', () => {
    const rt = world();
    entry(rt, person(), 'draft-a004');
    expect(entry(rt, person({ need_description: '打印机卡纸，需要上门维修，最好本周内' }), 'draft-b004')['outcome']).toBe('accepted');
    expect(entry(rt, person({ name: '李四', mobile: '13900139000', email: 'lisi@example.com' }), 'draft-c004')['outcome']).toBe('accepted');
    rt.advanceClockTo(rt.state.clock + 11 * 60_000);
    expect(entry(rt, person(), 'draft-d004')['outcome']).toBe('accepted');
    expect(setConfigValue(rt.state, '通用', '重复录入提醒分钟数', '0')).toBe(true);
    expect(entry(rt, person(), 'draft-e004')['outcome']).toBe('accepted');
    expect(rows(rt, '工单')).toHaveLength(5);
  });

  test('the question carries no customer detail, sealed or not', () => {
    const rt = world();
    const sealed = { address: '北京市朝阳区建国路88号', id_number: '11010519491231002X' };
    entry(rt, person(sealed), 'draft-a005');
    const asked = entry(rt, person(sealed), 'draft-b005', CLERK);
    expect(Object.keys(asked).sort()).toEqual(['filed_at', 'handler', 'outcome', 'ticket_no']);
    expect(JSON.stringify(asked)).not.toMatch(/建国路|110105|13800138000|xiaoming|王小明|台式电脑/);
  });

  test('two staff entering one call at once: whatever call of the first the second lands in, one ticket, the other asked', () => {
    const base = world().state;
    const probe = startRuntime(structuredClone(base));
    const before = probe.meter.snapshot().totalCalls;
    entry(probe, person(), 'draft-probe');
    const calls = probe.meter.snapshot().totalCalls - before;
    expect(calls).toBeGreaterThan(10);
    for (let k = 1; k <= calls; k++) {
      const rt = startRuntime(structuredClone(base));
      let nested: ExecutionResult | undefined;
      nestAt(rt, '*', k, () => {
        nested = rt.run('submitManualEntry', [{ answers: person(), clientId: 'draft-second' }], { user: CLERK });
      });
      const first = entry(rt, person(), 'draft-first');
      // The second waited on the lock in vain (system busy) and its staff member pressed 提交 again, or it was answered.
      const second = nested?.ok ? (nested.value as Record<string, unknown>) : entry(rt, person(), 'draft-second', CLERK);
      const outcomes = [first['outcome'], second['outcome']].sort();
      expect({ k, outcomes }).toEqual({ k, outcomes: ['accepted', 'repeat'] });
      expect(rows(rt, '工单')).toHaveLength(1);
    }
  });
});
