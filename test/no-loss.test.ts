/**
 * The no-loss suite, on the shipped bundle: for each way of filing work and
 * each service call it makes, that call fails (or a person acts just before
 * it), the work is retried as it would be in production, and the integrity
 * checker proves nothing lost, nothing doubled, no half-written row and every
 * customer's 工单数 and 客户类型标签 true to the tickets on file.
 */
import type { Runtime } from '../local/runtime/runtime';
import { integrity } from './helpers/integrity';
import { person, submit, submitOne, world } from './helpers/world';

const someone = (i: number) => person({ name: `客户${i}`, mobile: `1390000${String(i).padStart(4, '0')}`, email: `c${i}@example.com` });

/** Spreadsheet, Lock and Properties calls an action makes, each as [method, nth]. */
function callPoints(rt: Runtime, act: () => void): [string, number][] {
  const before = rt.meter.snapshot().calls;
  act();
  const after = rt.meter.snapshot().calls;
  const points: [string, number][] = [];
  for (const [method, n] of Object.entries(after)) {
    if (!/^(SpreadsheetApp|Spreadsheet|Sheet|Range|TextFinder|Lock|LockService|Properties|PropertiesService)\./.test(method)) continue;
    for (let nth = 1; nth <= n - (before[method] ?? 0); nth++) points.push([method, nth]);
  }
  return points;
}

describe('an import retried after a failure at any call', () => {
  // A known customer comes back, a new one twice in the same batch, and one more new one.
  const batch = () => [someone(2), { ...someone(2), need_description: '上次的电脑还需要加装内存条，请报价' }, someone(1), someone(3)];
  const prepare = () => {
    const rt = world();
    submitOne(rt, someone(1), 'manual');
    return rt;
  };
  const probe = prepare();
  const points = callPoints(probe, () => submit(probe, batch(), 'import'));

  test('the import makes a known set of calls to fail at', () => {
    expect(points.length).toBeGreaterThan(20);
  });

  test.each(points)('%s #%i fails, the import is run again: every row filed once, counts true', (method, nth) => {
    const rt = prepare();
    rt.faults.failCall(method, nth);
    submit(rt, batch(), 'import');
    rt.faults.clear();
    const again = rt.run('importFromSheet', [], { user: rt.state.owner });
    expect(again.error).toBeUndefined();
    const check = integrity(rt);
    expect(check.problems).toEqual([]);
    expect([check.customers, check.tickets]).toEqual([3, 5]);
  });
});
