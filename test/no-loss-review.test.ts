/**
 * The review queue, exactly once, on the bundle: a 待审核 row resubmitted
 * twice (a second click, a retry after a failure, two executions at once)
 * files one ticket and is marked once; a resubmitted row cannot be voided nor
 * a voided one resubmitted, even when both happen at once; a click acts on
 * the item the reviewer saw after staff sorted or deleted rows, or refuses.
 */
import type { Runtime, ExecutionResult } from '../local/runtime/runtime';
import type { ReviewItem } from '../src/contracts/sidebars';
import { HISTORY, REVIEW, TICKETS } from '../src/sheets/schema';
import { HISTORY_ACTION, REVIEW_STATE } from '../src/domain/vocabulary';
import { startRuntime } from '../local/cli/session';
import { nestAt, person, rows, submitOne, world } from './helpers/world';

const STAFF = 'sales1@example.com';
const SERVICES = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|TextFinder|Lock|LockService|Properties|PropertiesService)\./;

/** One person's submission with a mobile one digit short: it lands in 待审核. */
function flagged(rt: Runtime, name = '王小明', mobile = '1380013800', email = 'xiaoming@example.com'): void {
  expect(submitOne(rt, person({ name, mobile, email })).outcome).toBe('review');
}

function queue(rt: Runtime): ReviewItem[] {
  const r = rt.run('reviewQueueSetup', [], { user: STAFF });
  if (!r.ok) throw new Error(r.error);
  return (r.value as { items: ReviewItem[] }).items;
}

/** The reviewer's correction: the missing digit added. */
const corrected = (item: ReviewItem) => ({ ...item.answers, mobile: `${String(item.answers['mobile'])}0` });

function resubmit(rt: Runtime, item: ReviewItem, answers: Record<string, unknown> = corrected(item)): ExecutionResult {
  return rt.run('resubmitReview', [item.row, answers, item.key], { user: STAFF });
}

function voidItem(rt: Runtime, item: ReviewItem): ExecutionResult {
  return rt.run('voidReview', [item.row, '客户已电话撤回', item.key], { user: STAFF });
}

const tickets = (rt: Runtime) => rows(rt, '工单');
const states = (rt: Runtime) => rows(rt, '待审核').map((r) => r[REVIEW.col.state]);
const logged = (rt: Runtime, action: string) => rows(rt, '历史').filter((h) => h[HISTORY.col.action] === action);
const outcome = (r: ExecutionResult) => (r.ok ? (r.value as { outcome: string; ticket_no?: string; review_row?: number }) : null);


/** A world with one flagged row, set up once and copied for each run (setting up a world costs more than the runs). */
const oneFlagged = (() => {
  const rt = world();
  flagged(rt);
  return rt.state;
})();
const fresh = (): Runtime => startRuntime(structuredClone(oneFlagged));
/** That row as the sidebar shows it. */
const seen = queue(fresh())[0]!;

/**
 * The calls of one corrected resubmission: every Spreadsheet, Lock and
 * Properties call (to fail at), and the first and last call of each method
 * (to run another execution before: the lock's holds begin and end there).
 */
function probe(): { calls: [string, number][]; edges: [string, number][] } {
  const r = resubmit(fresh(), seen);
  expect(outcome(r)?.outcome).toBe('accepted');
  const calls: [string, number][] = [];
  const edges: [string, number][] = [];
  for (const [method, n] of Object.entries(r.meter.calls)) {
    if (SERVICES.test(method)) for (let nth = 1; nth <= n; nth++) calls.push([method, nth]);
    edges.push([method, 1]);
    if (n > 1) edges.push([method, n]);
  }
  return { calls, edges };
}

const { calls, edges } = probe();
/** Where a hold of the script lock begins or ends, and what runs between holds: where a void can race a resubmission. */
const LOCK_EDGES = /^(Lock|LockService|SpreadsheetApp|MailApp)\./;
const lockEdges = (of: [string, number][]) => of.filter(([method]) => LOCK_EDGES.test(method));

/** Exactly one ticket from the row, the row 已重新提交, one 历史 entry for it. */
function filedOnce(rt: Runtime): void {
  expect(tickets(rt)).toHaveLength(1);
  expect(states(rt)).toEqual([REVIEW_STATE.resubmitted]);
  expect(logged(rt, HISTORY_ACTION.resubmitted)).toHaveLength(1);
  expect(logged(rt, HISTORY_ACTION.resubmitted)[0]![HISTORY.col.ticketNo]).toBe(tickets(rt)[0]![TICKETS.col.no]);
}

describe('one row resubmitted twice files one ticket', () => {
  test('a second click: the reply names the ticket already filed, nothing new is written', () => {
    const rt = fresh();
    const item = seen;
    const first = resubmit(rt, item);
    expect(outcome(first)).toMatchObject({ outcome: 'accepted' });
    const second = resubmit(rt, item);
    expect(second.error).toBeUndefined();
    expect(outcome(second)).toEqual({ outcome: 'duplicate', ticket_no: outcome(first)!.ticket_no });
    filedOnce(rt);
  });

  test.each(calls)('%s #%i fails, then the reviewer tries again: one ticket, one 已重新提交', (method, nth) => {
    const rt = fresh();
    const item = seen;
    rt.faults.failCall(method, nth);
    const first = resubmit(rt, item);
    rt.faults.clear();
    const again = resubmit(rt, item);
    expect(again.error).toBeUndefined();
    filedOnce(rt);
    const no = tickets(rt)[0]![TICKETS.col.no];
    expect(outcome(again)?.ticket_no).toBe(no);
    // The ticket is announced as new once at most: never two fresh successes.
    expect([first, again].filter((r) => outcome(r)?.outcome === 'accepted').length).toBeLessThanOrEqual(1);
  });

  test.each(edges)('a second resubmission runs at %s #%i of the first: one ticket', (method, nth) => {
    const rt = fresh();
    const item = seen;
    let nested: ExecutionResult | null = null;
    nestAt(rt, method, nth, () => {
      nested = resubmit(rt, item);
    });
    const outer = resubmit(rt, item);
    expect(nested).not.toBeNull();
    filedOnce(rt);
    const no = tickets(rt)[0]![TICKETS.col.no];
    const replies = [outer, nested!].map(outcome);
    expect(replies.filter((o) => o?.outcome === 'accepted')).toHaveLength(1);
    for (const o of replies) if (o) expect(o.ticket_no).toBe(no);
  });
});

describe('a resubmitted row cannot be voided, nor a voided one resubmitted', () => {
  test('one after the other: refused in plain words, nothing changed', () => {
    const rt = world();
    flagged(rt);
    flagged(rt, '李四', '1390013900', 'li@example.com');
    const [a, b] = queue(rt);
    const filed = outcome(resubmit(rt, a!))!.ticket_no;
    const v = voidItem(rt, a!);
    expect(v.ok).toBe(false);
    expect(v.error).toBe(`待审核第2行已重新提交为工单 ${filed}，不能作废或再次提交`);
    expect(voidItem(rt, b!).ok).toBe(true);
    const r = resubmit(rt, b!);
    expect(r.ok).toBe(false);
    expect(r.error).toBe('待审核第3行已作废，不能重新提交');
    expect(tickets(rt)).toHaveLength(1);
    expect(states(rt)).toEqual([REVIEW_STATE.resubmitted, REVIEW_STATE.voided]);
    expect(logged(rt, HISTORY_ACTION.voided)).toHaveLength(1);
  });

  test.each(lockEdges(edges))('a void runs at %s #%i of a resubmission: one of them wins', (method, nth) => {
    const rt = fresh();
    const item = seen;
    let voided: ExecutionResult | null = null;
    nestAt(rt, method, nth, () => {
      voided = voidItem(rt, item);
    });
    const outer = resubmit(rt, item);
    expect(voided).not.toBeNull();
    if (voided!.ok) {
      expect(outer.ok).toBe(false);
      expect(tickets(rt)).toHaveLength(0);
      expect(states(rt)).toEqual([REVIEW_STATE.voided]);
    } else {
      filedOnce(rt);
      expect(logged(rt, HISTORY_ACTION.voided)).toHaveLength(0);
    }
  });

  test('a resubmission runs where a void takes or lets go of the lock: one of them wins', () => {
    const probed = Object.entries(voidItem(fresh(), seen).meter.calls).flatMap(([method, n]): [string, number][] => (n > 1 ? [[method, 1], [method, n]] : [[method, 1]]));
    for (const [method, nth] of lockEdges(probed)) {
      const rt = fresh();
      const item = seen;
      let nested: ExecutionResult | null = null;
      nestAt(rt, method, nth, () => {
        nested = resubmit(rt, item);
      });
      const v = voidItem(rt, item);
      expect(nested).not.toBeNull();
      const won = [v.ok, outcome(nested!)?.outcome === 'accepted'];
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(states(rt)).toEqual([v.ok ? REVIEW_STATE.voided : REVIEW_STATE.resubmitted]);
      expect(tickets(rt)).toHaveLength(v.ok ? 0 : 1);
    }
  });
});

describe('staff sort or delete 待审核 rows while the sidebar is open', () => {
  test('sorted: the click acts on the item the reviewer saw; deleted: it is refused plainly', () => {
    const rt = world();
    flagged(rt);
    rt.advanceClockTo(rt.state.clock + 60_000);
    flagged(rt, '李四', '1390013900', 'li@example.com');
    const [a, b] = queue(rt);
    expect([a!.row, b!.row]).toEqual([2, 3]);
    rt.staff.sortSheet('待审核', REVIEW.col.receivedAt, false); // newest first: 李四 is now row 2
    const r = resubmit(rt, a!);
    expect(outcome(r)).toMatchObject({ outcome: 'accepted' });
    expect(tickets(rt).map((t) => t['姓名/企业名称'])).toEqual(['王小明']);
    const byName = (name: string) => rows(rt, '待审核').find((row) => String(row[REVIEW.col.rawData]).includes(name))!;
    expect(byName('王小明')[REVIEW.col.state]).toBe(REVIEW_STATE.resubmitted);
    expect(byName('李四')[REVIEW.col.state]).toBe(REVIEW_STATE.pending);

    rt.staff.deleteRow('待审核', 2); // 李四's row
    const v = voidItem(rt, b!);
    expect(v.ok).toBe(false);
    expect(v.error).toBe('待审核表中找不到这条记录（打开侧边栏时在第3行）：它可能已被删除，请重新打开待审核队列');
    expect(states(rt)).toEqual([REVIEW_STATE.resubmitted]);
    expect(logged(rt, HISTORY_ACTION.voided)).toHaveLength(0);
  });
});

describe('a resubmission that is still invalid', () => {
  test('the same content resubmitted twice gives one new 待审核 row, not two', () => {
    const rt = fresh();
    const item = seen;
    const still = { ...item.answers }; // the mobile is still one digit short
    const first = resubmit(rt, item, still);
    expect(outcome(first)).toMatchObject({ outcome: 'review', review_row: 3 });
    const second = resubmit(rt, item, still);
    expect(second.error).toBeUndefined();
    expect(outcome(second)).toEqual({ outcome: 'duplicate', review_row: 3 });
    // The new row resubmitted unchanged is the same content again: no third row.
    const [next] = queue(rt);
    expect(next!.row).toBe(3);
    const third = resubmit(rt, next!, still);
    expect(third.error).toBeUndefined();
    expect(rows(rt, '待审核')).toHaveLength(2);
    expect(states(rt)).toEqual([REVIEW_STATE.resubmitted, REVIEW_STATE.pending]);
    expect(logged(rt, HISTORY_ACTION.resubmitted)).toHaveLength(1);
    expect(tickets(rt)).toHaveLength(0);
  });
});
