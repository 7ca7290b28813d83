/**
 * Time-driven triggers in the Runtime: they fire as the emulated clock passes
 * them, with the event object Apps Script documents (wall time in the script
 * zone, whatever the host's TZ).
 */
import { Runtime } from '../local/runtime/runtime';
import { newState } from '../local/runtime/state';

const SCRIPT = `
function install() {
  ScriptApp.newTrigger('tick').timeBased().everyDays(1).atHour(0).create();
}
function tick(e) {
  PropertiesService.getScriptProperties().setProperty('last', JSON.stringify(e));
}
`;

test('a daily trigger passing New Year in Asia/Shanghai gets that wall time and ISO week', () => {
  const rt = new Runtime(newState({ clock: Date.parse('2026-12-31T12:00:00+08:00'), seed: 'clock' }));
  rt.load(SCRIPT);
  expect(rt.run('install').ok).toBe(true);
  const runs = rt.advanceClockTo(Date.parse('2027-01-01T01:00:00+08:00'));
  expect(runs.map((r) => r.result.ok)).toEqual([true]);
  const event = JSON.parse(rt.state.properties.script['last']!) as Record<string, unknown>;
  expect(event).toMatchObject({
    year: 2027,
    month: 1,
    'day-of-month': 1,
    'day-of-week': 5, // Friday
    hour: 0,
    'week-of-year': 53, // 2027-01-01 belongs to ISO week 2026-W53
    timezone: 'Asia/Shanghai',
  });
});
