/**
 * Who is acting, as Apps Script tells it: in a trigger, the person who made
 * the edit is known only if they are the owner or, in a Workspace domain, of
 * the owner's domain. Elsewhere the email is blank, and the add-on must say
 * so honestly and never trust it.
 */
import type { Runtime } from '../local/runtime/runtime';
import { CUSTOMERS, HISTORY, TICKETS } from '../src/sheets/schema';
import { person, rows, submitOne, world } from './helpers/world';

function editStatus(rt: Runtime, status: string, user: string): void {
  const r = rt.editCell('工单', 2, rt.staff.column('工单', TICKETS.col.status), status, user);
  if (!r.ok) throw new Error(r.message);
  for (const run of r.runs) if (!run.ok) throw new Error(run.error);
}

const actors = (rt: Runtime) => rows(rt, '历史').filter((h) => h[HISTORY.col.action] === '状态变更').map((h) => h[HISTORY.col.actor]);

describe('identity in triggers', () => {
  test('Workspace: a colleague of the owner\'s domain is named in 历史; an outside editor is recorded as unknown', () => {
    const rt = world(undefined, { accounts: 'workspace' });
    submitOne(rt, person());
    editStatus(rt, '已联系客户', 'sales1@example.com');
    editStatus(rt, '方案已提交', 'partner@other.example');
    expect(actors(rt)).toEqual(['sales1@example.com', '未知员工']);
  });

  test('consumer accounts: only the owner is known to the edit trigger; nobody blank is trusted', () => {
    const rt = world(undefined, { accounts: 'consumer', owner: 'boss@gmail.com' });
    submitOne(rt, person());
    editStatus(rt, '已联系客户', 'sales1@example.com');
    editStatus(rt, '方案已提交', 'boss@gmail.com');
    expect(actors(rt)).toEqual(['未知员工', 'boss@gmail.com']);
    // A person running a sidebar authorises it themselves: there they are known, and only their own tickets show.
    const mine = rt.run('myTickets', [], { user: 'sales1@example.com' });
    expect(mine.value).toMatchObject({ me: 'sales1@example.com' });
    // A blank identity matches no staff member: no reveal right, no tickets of its own.
    const blank = rt.run('revealSensitive', [String(rows(rt, '客户')[0]![CUSTOMERS.col.no])], { user: '' });
    expect(blank.value).toMatchObject({ ok: false });
    expect(JSON.stringify(rows(rt, '历史'))).not.toContain('"操作人":""');
  });
});
