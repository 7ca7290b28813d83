/**
 * Emulated ScriptApp: trigger builders, the 20-trigger limit, and when
 * time-driven triggers next run (script time zone Asia/Shanghai).
 */
import fc from 'fast-check';
import { Env } from '../local/runtime/env';
import { Faults, Meter } from '../local/runtime/meter';
import { newState, type ClockSchedule } from '../local/runtime/state';
import { ScriptAppEmu, nextRun } from '../local/runtime/script-app';
import { FormAppEmu } from '../local/runtime/form';
import { formatDate, zonedParts } from '../local/runtime/date-format';

const TZ = 'Asia/Shanghai';
const cst = (s: string): number => Date.parse(`${s}+08:00`);
const show = (ms: number): string => formatDate(ms, TZ, 'yyyy-MM-dd EEE HH:mm');

function setup(clock = cst('2026-11-23T10:00:00')) {
  const meter = new Meter(new Faults());
  const env = new Env(newState({ clock, seed: 'script-app', language: 'en' }), meter);
  return { env, state: env.state, app: new ScriptAppEmu(env), forms: new FormAppEmu(env), meter };
}

describe('nextRun', () => {
  it('adds the interval for every-n schedules', () => {
    const t = cst('2026-11-23T10:17:00');
    expect(nextRun({ kind: 'everyHours', interval: 1 }, t, TZ)).toBe(t + 3_600_000);
    expect(nextRun({ kind: 'everyMinutes', interval: 15 }, t, TZ)).toBe(t + 900_000);
    expect(show(nextRun({ kind: 'everyDays', interval: 2 }, t, TZ))).toBe('2026-11-25 Wed 10:17');
  });

  it('runs a daily 09:00 trigger at the next 09:00 strictly after, across a month end', () => {
    const daily: ClockSchedule = { kind: 'atHour', hour: 9, interval: 1 };
    expect(show(nextRun(daily, cst('2026-11-30T08:59:00'), TZ))).toBe('2026-11-30 Mon 09:00');
    expect(show(nextRun(daily, cst('2026-11-30T09:00:00'), TZ))).toBe('2026-12-01 Tue 09:00');
    expect(show(nextRun(daily, cst('2026-12-31T10:00:00'), TZ))).toBe('2027-01-01 Fri 09:00');
  });

  it('runs a weekly Monday 09:00 trigger on the next Monday, across a year end', () => {
    const weekly: ClockSchedule = { kind: 'weekly', weekDay: 1, hour: 9 };
    expect(show(nextRun(weekly, cst('2026-12-29T12:00:00'), TZ))).toBe('2027-01-04 Mon 09:00');
    expect(show(nextRun(weekly, cst('2026-11-23T08:00:00'), TZ))).toBe('2026-11-23 Mon 09:00');
    expect(show(nextRun(weekly, cst('2026-11-23T09:00:00'), TZ))).toBe('2026-11-30 Mon 09:00');
  });

  it('runs a monthly 1st 09:00 trigger on the next 1st, across a year end, skipping months without the day', () => {
    const monthly: ClockSchedule = { kind: 'monthly', monthDay: 1, hour: 9 };
    expect(show(nextRun(monthly, cst('2026-11-30T23:00:00'), TZ))).toBe('2026-12-01 Tue 09:00');
    expect(show(nextRun(monthly, cst('2026-12-01T09:00:00'), TZ))).toBe('2027-01-01 Fri 09:00');
    expect(show(nextRun({ kind: 'monthly', monthDay: 31, hour: 9 }, cst('2027-01-31T10:00:00'), TZ))).toBe('2027-03-31 Wed 09:00');
  });

  it('computes hours in the script time zone whatever the host zone', () => {
    // 09:00 in Shanghai is 01:00 UTC.
    expect(new Date(nextRun({ kind: 'atHour', hour: 9 }, cst('2026-11-23T10:00:00'), TZ)).toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });

  it('always lands on the hour and weekday asked for, within a week', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: cst('2026-01-01T00:00:00'), max: cst('2030-12-31T00:00:00') }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 7 }),
        (after, hour, weekDay) => {
          const t = nextRun({ kind: 'weekly', hour, weekDay }, after, TZ);
          expect(t).toBeGreaterThan(after);
          expect(t - after).toBeLessThanOrEqual(7 * 86_400_000);
          expect(formatDate(t, TZ, 'u HH:mm')).toBe(`${weekDay} ${String(hour).padStart(2, '0')}:00`);
        },
      ),
    );
  });
});

describe('ScriptApp triggers', () => {
  it('creates a form-submit trigger on a form and lists it', () => {
    const { app, forms, state } = setup();
    const form = forms.create('客户信息收集');
    const trigger = app.newTrigger('onFormSubmitHandler').forForm(form).onFormSubmit().create();
    expect(trigger.getHandlerFunction()).toBe('onFormSubmitHandler');
    expect(trigger.getEventType()).toBe(app.EventType.ON_FORM_SUBMIT);
    expect(trigger.getTriggerSource()).toBe(app.TriggerSource.FORMS);
    expect(trigger.getTriggerSourceId()).toBe(form.getId());
    expect(state.triggers[0]).toMatchObject({ uid: trigger.getUniqueId(), eventType: 'ON_FORM_SUBMIT', source: 'FORMS', sourceId: form.getId() });
    expect(app.getProjectTriggers().map((t) => t.getUniqueId())).toEqual([trigger.getUniqueId()]);
    expect(() => app.newTrigger('x').forForm('form-missing').onFormSubmit().create()).toThrow(/No item with the given ID/);
  });

  it('creates spreadsheet triggers by id or by spreadsheet', () => {
    const { app, state } = setup();
    app.newTrigger('onEditHandler').forSpreadsheet(state.spreadsheet.id).onEdit().create();
    app.newTrigger('onOpenHandler').forSpreadsheet({ getId: () => 'ss-2' }).onOpen().create();
    expect(state.triggers.map((t) => [t.handler, t.eventType, t.source, t.sourceId])).toEqual([
      ['onEditHandler', 'ON_EDIT', 'SPREADSHEETS', state.spreadsheet.id],
      ['onOpenHandler', 'ON_OPEN', 'SPREADSHEETS', 'ss-2'],
    ]);
  });

  it('schedules time-driven triggers from the emulated clock', () => {
    const { app, state } = setup(cst('2026-11-23T10:00:00'));
    app.newTrigger('daily').timeBased().atHour(9).everyDays(1).create();
    app.newTrigger('weekly').timeBased().onWeekDay(app.WeekDay.MONDAY).atHour(9).create();
    app.newTrigger('monthly').timeBased().onMonthDay(1).atHour(9).nearMinute(30).create();
    app.newTrigger('sweep').timeBased().everyHours(1).create();
    app.newTrigger('once').timeBased().after(90_000).create();
    // Hour-based triggers run at their own moment inside the hour, not on it (drawn from the seed).
    expect(state.triggers.map((t) => [t.handler, t.clock?.kind, show(t.nextRun!).slice(0, -2)])).toEqual([
      ['daily', 'atHour', '2026-11-24 Tue 09:'],
      ['weekly', 'weekly', '2026-11-30 Mon 09:'],
      ['monthly', 'monthly', '2026-12-01 Tue 09:'],
      ['sweep', 'everyHours', '2026-11-23 Mon 11:'],
      ['once', 'at', '2026-11-23 Mon 10:'],
    ]);
    expect(state.triggers[4]!.nextRun).toBe(cst('2026-11-23T10:00:00') + 90_000);
    const minutes = state.triggers.slice(0, 3).map((t) => zonedParts(t.nextRun!, TZ).minute);
    expect(new Set(minutes).size).toBeGreaterThan(1);
    expect(minutes[2]).toBeGreaterThanOrEqual(15); // nearMinute(30): within 15 minutes either side
    expect(minutes[2]).toBeLessThanOrEqual(45);
    // The same seed draws the same moments: a world replays exactly.
    const again = setup(cst('2026-11-23T10:00:00'));
    again.app.newTrigger('daily').timeBased().atHour(9).everyDays(1).create();
    expect(again.state.triggers[0]!.nextRun).toBe(state.triggers[0]!.nextRun);
    expect(() => app.newTrigger('bad').timeBased().everyMinutes(7)).toThrow(/everyMinutes/);
    expect(() => app.newTrigger('none').timeBased().create()).toThrow(/no schedule/);
  });

  it('an hour-based trigger keeps its moment from day to day: 24 hours between runs', () => {
    const schedule: ClockSchedule = { kind: 'atHour', hour: 9, interval: 1, offsetMs: 37 * 60_000 + 12_000 };
    const first = nextRun(schedule, cst('2026-11-23T10:00:00'), TZ);
    expect(show(first)).toBe('2026-11-24 Tue 09:37');
    expect(nextRun(schedule, first, TZ) - first).toBe(24 * 3_600_000);
    expect(show(nextRun(schedule, cst('2026-11-24T09:30:00'), TZ))).toBe('2026-11-24 Tue 09:37');
    const weekly: ClockSchedule = { kind: 'weekly', weekDay: 1, hour: 9, offsetMs: 50 * 60_000 };
    expect(show(nextRun(weekly, cst('2026-11-30T09:45:00'), TZ))).toBe('2026-11-30 Mon 09:50');
    const monthly: ClockSchedule = { kind: 'monthly', monthDay: 1, hour: 9, offsetMs: 5 * 60_000 };
    expect(show(nextRun(monthly, cst('2026-12-01T09:04:00'), TZ))).toBe('2026-12-01 Tue 09:05');
    expect(show(nextRun(monthly, cst('2026-12-01T09:05:00'), TZ))).toBe('2027-01-01 Fri 09:05');
  });

  it('refuses the 21st trigger and accepts one again after a deletion', () => {
    const { app, state } = setup();
    for (let i = 0; i < 20; i++) app.newTrigger(`h${i}`).timeBased().everyHours(1).create();
    expect(() => app.newTrigger('h20').timeBased().everyHours(1).create()).toThrow(
      'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(state.triggers).toHaveLength(20);
    app.deleteTrigger(app.getProjectTriggers()[0]!);
    expect(state.triggers).toHaveLength(19);
    app.newTrigger('h20').timeBased().everyHours(1).create();
    expect(state.triggers.map((t) => t.handler)).toContain('h20');
  });

  it('triggers belong to the user who installed them: each user sees, deletes and counts only their own', () => {
    const { app, env, state } = setup();
    const as = (user: string) => (env.execution = env.newExecution('(test)', user, 'FULL', user));
    as('owner@example.com');
    for (let i = 0; i < 20; i++) app.newTrigger(`h${i}`).timeBased().everyHours(1).create();
    as('colleague@example.com');
    expect(app.getProjectTriggers()).toEqual([]);
    // A second user has a full set of their own: the limit is per user per script.
    for (let i = 0; i < 20; i++) app.newTrigger(`c${i}`).timeBased().everyHours(1).create();
    expect(() => app.newTrigger('c20').timeBased().everyHours(1).create()).toThrow(/too many triggers/);
    expect(state.triggers.filter((t) => t.owner === 'colleague@example.com')).toHaveLength(20);
    expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(Array.from({ length: 20 }, (_, i) => `c${i}`));
    // A trigger object of another user's cannot delete theirs.
    as('owner@example.com');
    const mine = app.getProjectTriggers()[0]!;
    as('colleague@example.com');
    app.deleteTrigger(mine);
    expect(state.triggers).toHaveLength(40);
  });

  it('gives stable script ids and web-app URLs', () => {
    const { app } = setup();
    expect(app.getScriptId()).toBe(setup().app.getScriptId());
    expect(app.getService().getUrl()).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/AKfycb[\w-]+\/exec$/);
  });
});
