/**
 * `npm run trace -- [job] [--rows N]`: one execution of a bench job on the
 * bundle, listed call by call with what each cost under the evidence model
 * and the bundle function that made it, to see where round trips go.
 * Jobs: submit-new (default), submit-returning, status-edit, follow-up, follow-up-idle.
 */
import { newState } from '../local/runtime/state';
import { startRuntime } from '../local/cli/session';
import { submitVia } from '../local/drive/submit';
import { firstStaff } from '../local/drive/config-view';
import { findSheet, getCell, lastRow } from '../local/runtime/sheet-data';
import { TICKETS } from '../src/sheets/schema';
import { generateExisting } from './generate';
import type { TraceEntry } from '../local/runtime/meter';

const T0 = Date.parse('2026-11-23T10:00:00+08:00');
const args = process.argv.slice(2);
const job = args.find((a) => !a.startsWith('--')) ?? 'submit-new';
const rowsAt = args.indexOf('--rows');
const rows = rowsAt >= 0 ? Number(args[rowsAt + 1]) : 100;

const rt = startRuntime(newState({ clock: T0, seed: 'bench' }));
if (!rt.run('setup').ok) throw new Error('setup failed');
generateExisting(rt, rows);
rt.state.limits = { mailRecipients: 10_000_000, triggerRuntimeMs: 1e12 };
const person = (i: number, mobile?: string): Record<string, string> => ({
  customer_kind: '个人', name: `新客户${i}`, industry: '互联网', mobile: mobile ?? '137' + String(i).padStart(8, '0'),
  email: `new${i}@example.com`, need_type: '产品咨询', need_description: `需要采购办公设备，请联系报价（${i}）`,
  time_requirement: '1个月内', expected_response: '24小时内', consent: '同意',
});
// The day's first submission seeds the counters: traced runs are the steady state.
submitVia(rt, 'form', [person(1)]);

/** The innermost bundle frame of the current stack: the function that called the service. */
function caller(): string {
  const frames = (new Error().stack ?? '').split('\n').filter((l) => l.includes('Code.js'));
  return frames.slice(0, 3).map((l) => l.trim().replace(/^at /, '').replace(/ \(.*$/, '')).join(' < ');
}
const entries: (TraceEntry & { at: string })[] = [];
rt.meter.tracer = (e) => entries.push({ ...e, at: caller() });
if (job === 'submit-new') submitVia(rt, 'form', [person(2)]);
else if (job === 'submit-returning') submitVia(rt, 'form', [person(3, '13700000001')]);
else if (job === 'status-edit') {
  const sheet = findSheet(rt.state, '工单')!;
  const col = rt.staff.column('工单', TICKETS.col.status);
  let row = lastRow(sheet);
  while (row > 1 && getCell(sheet, row, col) !== '新建') row--;
  rt.editCell('工单', row, col, '已联系客户', firstStaff(rt.state) ?? rt.state.owner);
} else if (job === 'follow-up') rt.run('followUpHourly');
else if (job === 'follow-up-idle') {
  // Traced once the backlog is done: runs that find nothing new.
  rt.meter.tracer = null;
  for (let i = 0; i < 30; i++) rt.run('followUpHourly');
  rt.meter.tracer = (e) => entries.push({ ...e, at: caller() });
  rt.run('followUpHourly');
}
else throw new Error(`unknown job ${job}`);
rt.meter.tracer = null;

let total = 0;
let trips = 0;
let locked = 0;
for (const e of entries) {
  if (e.ms === 0) continue;
  total += e.ms;
  if (e.ms >= 150) trips++;
  if (e.lockHeld) locked += e.ms;
  console.log(`${e.lockHeld ? 'L' : ' '} ${String(Math.round(e.ms)).padStart(5)} ${e.method.padEnd(30)} ${e.at}`);
}
console.log(`${entries.length} calls, ~${trips} round trips, ${Math.round(total)} ms of calls, ${Math.round(locked)} ms under the lock`);
