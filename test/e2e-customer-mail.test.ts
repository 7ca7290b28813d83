/**
 * What a customer reads, on the shipped bundle: the acknowledgement promises
 * the first-response time counted in working time (a Friday-evening ticket
 * is not promised for Saturday unless the team works Saturdays).
 */
import type { Runtime } from '../local/runtime/runtime';
import { getCell, findSheet } from '../local/runtime/sheet-data';
import { CONFIG, TICKETS } from '../src/sheets/schema';
import { person, rows, submitOne, world } from './helpers/world';

const at = (iso: string) => Date.parse(iso + '+08:00');
const FRIDAY_17 = at('2026-11-27T17:00:00');

function setConfig(rt: Runtime, group: string, key: string, value: string): void {
  const sheet = findSheet(rt.state, CONFIG.name)!;
  const [g, k, v] = [CONFIG.col.group, CONFIG.col.key, CONFIG.col.value].map((c) => rt.staff.column(CONFIG.name, c));
  for (let r = 2; r <= sheet.rows.length; r++) {
    if (getCell(sheet, r, g!) === group && getCell(sheet, r, k!) === key) {
      const edit = rt.editCell(CONFIG.name, r, v!, value, rt.state.owner);
      if (!edit.ok) throw new Error(edit.message);
      for (const run of edit.runs) if (!run.ok) throw new Error(run.error);
      return;
    }
  }
  throw new Error(`no config ${group}/${key}`);
}

function ackTo(rt: Runtime, to: string) {
  const acks = rt.state.mail.sent.filter((m) => m.to === to && m.subject.includes('我们已收到您的需求'));
  expect(acks).toHaveLength(1);
  return acks[0]!;
}

describe('the acknowledgement promises the first response, in working time', () => {
  test('a 高 ticket filed on Friday 17:00 is promised for Monday, not Saturday', () => {
    const rt = world(FRIDAY_17 - 3600_000);
    const line = submitOne(rt, person(), 'form', FRIDAY_17);
    expect(line).toMatchObject({ outcome: 'accepted', priority: '高' });
    const ack = ackTo(rt, 'xiaoming@example.com');
    // 首次响应 高 = 4wh: Friday 17:00–18:00 and Monday 09:00–12:00. 时限 高 = 1wd: Monday, the same time of day.
    expect(ack.body).toContain('我们会在 2026-11-30 12:00 前首次联系您。');
    expect(ack.body).toContain('首次联系不晚于：2026-11-30 12:00');
    expect(ack.body).toContain('预计解决时间：2026-11-30 17:00');
    expect(ack.htmlBody).toContain('2026-11-30 12:00');
    expect(ack.body).not.toContain('2026-11-28');
    expect(ack.body).not.toContain('2026-11-29');
    // 截止时间 is the resolution deadline, the same one the mail gives.
    expect(rows(rt, '工单')[0]![TICKETS.col.deadline]).toMatch(/^2026-11-30T17:00:\d\d\+08:00$/);
  });

  test.each([
    ['周一至周六', '2026-11-28 12:00', '2026-11-28 17:00'],
    ['周一至周日', '2026-11-28 12:00', '2026-11-28 17:00'],
  ])('with 每周工作日 = %s, Saturday is a working day and is promised', (week, first, resolved) => {
    const rt = world(FRIDAY_17 - 3600_000);
    setConfig(rt, '工作日', '每周工作日', week);
    submitOne(rt, person(), 'form', FRIDAY_17);
    const ack = ackTo(rt, 'xiaoming@example.com');
    expect(ack.body).toContain(`我们会在 ${first} 前首次联系您。`);
    expect(ack.body).toContain(`预计解决时间：${resolved}`);
  });

  test('round the clock is an admin\'s explicit choice: 首次响应 高 = 24h promises Saturday 17:00', () => {
    const rt = world(FRIDAY_17 - 3600_000);
    setConfig(rt, '首次响应', '高', '24h');
    submitOne(rt, person(), 'form', FRIDAY_17);
    const ack = ackTo(rt, 'xiaoming@example.com');
    // Never promised after the resolution deadline (时限 高 = 1wd, Monday 17:00), which the mail also gives.
    expect(ack.body).toContain('我们会在 2026-11-28 17:00 前首次联系您。');
    expect(ack.body).toContain('预计解决时间：2026-11-30 17:00');
  });
});
