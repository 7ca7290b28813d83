/**
 * Emulated ScriptApp: installable triggers (form, spreadsheet and
 * time-driven) stored in state.triggers, and the schedule arithmetic the
 * runtime uses to fire time-driven triggers as the emulated clock passes.
 *
 * Apps Script runs a daily, weekly or monthly trigger at a random moment
 * within its hour, the same from one run to the next; the emulation draws
 * that moment from the world's seed, so runs are random yet reproducible.
 */
import { createHash } from 'node:crypto';
import type { Env } from './env';
import type { Emulates } from './emulates';
import type { ClockSchedule, RuntimeState, TriggerEventType, TriggerState } from './state';
import { fromZoned, zonedParts } from './date-format';
import { FormEmu, liveForm } from './form';
import { isDate, stringEnum } from './utilities';
import { googleError } from './google-errors';

/** Apps Script's limit of installable triggers per user per script (Apps Script quotas page: "Triggers: 20 / user / script"). */
export const MAX_TRIGGERS = 20;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instant `days` calendar days after `ms` at the same wall time (or at `hour`:00) in `timeZone`. */
function shiftDays(ms: number, days: number, timeZone: string, hour?: number): number {
  const p = zonedParts(ms, timeZone);
  const wall = hour === undefined ? p : { ...p, hour, minute: 0, second: 0, millisecond: 0 };
  return fromZoned({ ...wall, day: p.day + days }, timeZone);
}

/** The first `hour`:00 strictly after `after` (script time zone), optionally only on one weekday (1 = Monday). */
function nextHour(after: number, hour: number, timeZone: string, weekDay?: number): number {
  for (let d = 0; d <= 8; d++) {
    const t = shiftDays(after, d, timeZone, hour);
    if (t > after && (weekDay === undefined || zonedParts(t, timeZone).weekday === weekDay)) return t;
  }
  throw new Error('unreachable: a week always holds the weekday');
}

/**
 * When a time-driven trigger next runs, strictly after `after` (epoch ms), in
 * the script time zone: every* n → after + n units; atHour h (daily) → next
 * h:00 plus the trigger's own moment in that hour, then every n days; weekly
 * → next such weekday; monthly → next such month day, skipping months
 * without that day; at → that time.
 */
export function nextRun(schedule: ClockSchedule, after: number, timeZone: string): number {
  const offset = schedule.offsetMs ?? 0;
  const n = Math.max(1, schedule.interval ?? 1);
  const hour = schedule.hour ?? 0;
  switch (schedule.kind) {
    case 'everyMinutes':
      return after + n * MINUTE_MS;
    case 'everyHours':
      return after + n * HOUR_MS;
    case 'everyDays':
      return shiftDays(after, n, timeZone);
    case 'everyWeeks':
      return shiftDays(after, 7 * n, timeZone);
    case 'atHour':
      return shiftDays(nextHour(after - offset, hour, timeZone), n - 1, timeZone) + offset;
    case 'weekly':
      return shiftDays(nextHour(after - offset, hour, timeZone, schedule.weekDay ?? 1), 7 * (n - 1), timeZone) + offset;
    case 'monthly': {
      const day = schedule.monthDay ?? 1;
      const p = zonedParts(after - offset, timeZone);
      for (let k = 0; k <= 48; k++) {
        const year = p.year + Math.floor((p.month - 1 + k) / 12);
        const month = ((p.month - 1 + k) % 12) + 1;
        if (day > daysInMonth(year, month)) continue;
        const t = fromZoned({ year, month, day, hour }, timeZone) + offset;
        if (t > after) return t;
      }
      throw new Error(`No month holds day ${day}`);
    }
    case 'at':
      return schedule.at ?? after;
  }
}

/**
 * The moment inside its hour at which an hour-based trigger runs, drawn from
 * the world's seed: Apps Script "chooses a time between 9 a.m. and 10 a.m.,
 * then keeps that timing consistent from day to day" (guide "Installable
 * triggers", time-driven triggers).
 */
function moment(env: Env, nearMinute?: number): number {
  const draw = parseInt(env.uuid().slice(0, 8), 16);
  if (nearMinute === undefined) return draw % HOUR_MS;
  // "plus or minus 15 minutes" (ClockTriggerBuilder.nearMinute), kept inside the hour asked for.
  const at = nearMinute * MINUTE_MS + (draw % (30 * MINUTE_MS)) - 15 * MINUTE_MS;
  return Math.min(HOUR_MS - 1, Math.max(0, at));
}

export class TriggerEmu
  implements Emulates<GoogleAppsScript.Script.Trigger, 'getUniqueId' | 'getHandlerFunction' | 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId'>
{
  constructor(
    private readonly env: Env,
    private readonly app: ScriptAppEmu,
    /** A copy: a trigger's properties never change, and stay readable after deleteTrigger. */
    private readonly trigger: TriggerState,
  ) {}

  getUniqueId(): string {
    this.env.meter.call('Script', 'Trigger.getUniqueId');
    return this.trigger.uid;
  }

  getHandlerFunction(): string {
    this.env.meter.call('Script', 'Trigger.getHandlerFunction');
    return this.trigger.handler;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.env.meter.call('Script', 'Trigger.getEventType');
    return this.app.EventType[this.trigger.eventType];
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.env.meter.call('Script', 'Trigger.getTriggerSource');
    return this.app.TriggerSource[this.trigger.source];
  }

  /** Host (not metered): the trigger's uid. */
  uidForHost(): string {
    return this.trigger.uid;
  }

  /** The form or spreadsheet id; '' for time-driven triggers. */
  getTriggerSourceId(): string {
    this.env.meter.call('Script', 'Trigger.getTriggerSourceId');
    return this.trigger.sourceId;
  }
}

/**
 * Stores a new trigger for the user the execution runs as, refusing the one
 * beyond that user's limit: each user of a script has their own 20.
 */
function createTrigger(env: Env, app: ScriptAppEmu, t: Omit<TriggerState, 'uid' | 'owner'>): TriggerEmu {
  const owner = env.execution.effectiveUser;
  if (env.state.triggers.filter((x) => x.owner === owner).length >= MAX_TRIGGERS) throw googleError(env, 'tooManyTriggers');
  const stored: TriggerState = { uid: env.uuid(), owner, ...t };
  env.state.triggers.push(stored);
  return new TriggerEmu(env, app, { ...stored });
}

export class FormTriggerBuilderEmu implements Emulates<GoogleAppsScript.Script.FormTriggerBuilder, 'onFormSubmit' | 'create'> {
  private eventType: TriggerEventType | null = null;

  constructor(
    private readonly env: Env,
    private readonly app: ScriptAppEmu,
    private readonly handler: string,
    private readonly formId: string,
  ) {}

  onFormSubmit(): FormTriggerBuilderEmu {
    this.env.meter.call('Script', 'FormTriggerBuilder.onFormSubmit');
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  create(): TriggerEmu {
    this.env.meter.call('Script', 'FormTriggerBuilder.create');
    if (!this.eventType) throw this.env.meter.error('Exception: Missing event type: call onFormSubmit() before create().');
    liveForm(this.env, this.formId);
    return createTrigger(this.env, this.app, { handler: this.handler, eventType: this.eventType, source: 'FORMS', sourceId: this.formId });
  }
}

export class SpreadsheetTriggerBuilderEmu
  implements Emulates<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, 'onEdit' | 'onOpen' | 'onChange' | 'onFormSubmit' | 'create'>
{
  private eventType: TriggerEventType | null = null;

  constructor(
    private readonly env: Env,
    private readonly app: ScriptAppEmu,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {}

  onEdit(): SpreadsheetTriggerBuilderEmu {
    return this.on('onEdit', 'ON_EDIT');
  }

  onOpen(): SpreadsheetTriggerBuilderEmu {
    return this.on('onOpen', 'ON_OPEN');
  }

  onChange(): SpreadsheetTriggerBuilderEmu {
    return this.on('onChange', 'ON_CHANGE');
  }

  onFormSubmit(): SpreadsheetTriggerBuilderEmu {
    return this.on('onFormSubmit', 'ON_FORM_SUBMIT');
  }

  create(): TriggerEmu {
    this.env.meter.call('Script', 'SpreadsheetTriggerBuilder.create');
    if (!this.eventType) throw this.env.meter.error('Exception: Missing event type: call onEdit(), onOpen(), onChange() or onFormSubmit() before create().');
    return createTrigger(this.env, this.app, {
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.spreadsheetId,
    });
  }

  private on(method: string, eventType: TriggerEventType): SpreadsheetTriggerBuilderEmu {
    this.env.meter.call('Script', `SpreadsheetTriggerBuilder.${method}`);
    this.eventType = eventType;
    return this;
  }
}

export class ClockTriggerBuilderEmu
  implements
    Emulates<
      GoogleAppsScript.Script.ClockTriggerBuilder,
      | 'everyMinutes'
      | 'everyHours'
      | 'everyDays'
      | 'everyWeeks'
      | 'atHour'
      | 'nearMinute'
      | 'onWeekDay'
      | 'onMonthDay'
      | 'at'
      | 'after'
      | 'inTimezone'
      | 'create'
    >
{
  private every: { unit: 'everyMinutes' | 'everyHours' | 'everyDays' | 'everyWeeks'; n: number } | null = null;
  private hour: number | undefined;
  private minute: number | undefined;
  private weekDay: number | undefined;
  private monthDay: number | undefined;
  private atTime: number | undefined;

  constructor(
    private readonly env: Env,
    private readonly app: ScriptAppEmu,
    private readonly handler: string,
  ) {}

  everyMinutes(n: number): ClockTriggerBuilderEmu {
    return this.setEvery('everyMinutes', n, [1, 5, 10, 15, 30]);
  }

  everyHours(n: number): ClockTriggerBuilderEmu {
    return this.setEvery('everyHours', n, [1, 2, 4, 6, 8, 12]);
  }

  everyDays(n: number): ClockTriggerBuilderEmu {
    return this.setEvery('everyDays', n, null);
  }

  everyWeeks(n: number): ClockTriggerBuilderEmu {
    return this.setEvery('everyWeeks', n, null);
  }

  atHour(hour: number): ClockTriggerBuilderEmu {
    this.meter('atHour');
    this.hour = this.integer('hour', hour, 0, 23);
    return this;
  }

  /** The minute in the hour it runs near: within 15 minutes either side (Apps Script reference, nearMinute). */
  nearMinute(minute: number): ClockTriggerBuilderEmu {
    this.meter('nearMinute');
    this.integer('minute', minute, 0, 59);
    this.minute = Number(minute);
    return this;
  }

  onWeekDay(day: GoogleAppsScript.Base.Weekday): ClockTriggerBuilderEmu {
    this.meter('onWeekDay');
    const index = WEEKDAYS.indexOf(String(day));
    if (index < 0) throw this.env.meter.error('Exception: Invalid argument: day');
    this.weekDay = index + 1;
    return this;
  }

  onMonthDay(day: number): ClockTriggerBuilderEmu {
    this.meter('onMonthDay');
    this.monthDay = this.integer('day', day, 1, 31);
    return this;
  }

  at(date: GoogleAppsScript.Base.Date): ClockTriggerBuilderEmu {
    this.meter('at');
    if (!isDate(date)) throw this.env.meter.error('Exception: Invalid argument: date');
    this.atTime = date.getTime();
    return this;
  }

  after(durationMilliseconds: number): ClockTriggerBuilderEmu {
    this.meter('after');
    this.atTime = this.env.now() + Math.max(0, Math.floor(Number(durationMilliseconds)));
    return this;
  }

  /**
   * Accepted for compatibility; schedules always follow the script time zone
   * (ClockSchedule has no zone of its own).
   */
  inTimezone(timezone: string): ClockTriggerBuilderEmu {
    this.meter('inTimezone');
    if (typeof timezone !== 'string' || !timezone) throw this.env.meter.error('Exception: Invalid argument: timezone');
    return this;
  }

  create(): TriggerEmu {
    this.meter('create');
    const schedule = this.schedule();
    const state = this.env.state;
    return createTrigger(this.env, this.app, {
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: '',
      clock: schedule,
      nextRun: schedule.kind === 'at' ? schedule.at! : nextRun(schedule, this.env.now(), state.timeZone),
    });
  }

  private schedule(): ClockSchedule {
    if (this.atTime !== undefined) return { kind: 'at', at: this.atTime };
    const hour = this.hour ?? 0;
    if (this.monthDay !== undefined) return { kind: 'monthly', monthDay: this.monthDay, hour, offsetMs: moment(this.env, this.minute) };
    if (this.weekDay !== undefined) {
      return { kind: 'weekly', weekDay: this.weekDay, hour, interval: this.every?.unit === 'everyWeeks' ? this.every.n : 1, offsetMs: moment(this.env, this.minute) };
    }
    if (this.hour !== undefined) return { kind: 'atHour', hour, interval: this.every?.unit === 'everyDays' ? this.every.n : 1, offsetMs: moment(this.env, this.minute) };
    if (this.every) return { kind: this.every.unit, interval: this.every.n };
    throw this.env.meter.error('Exception: The time-based trigger has no schedule: call everyMinutes(), everyHours(), everyDays(), everyWeeks(), at() or after() before create().');
  }

  private setEvery(unit: 'everyMinutes' | 'everyHours' | 'everyDays' | 'everyWeeks', n: number, allowed: number[] | null): ClockTriggerBuilderEmu {
    this.meter(unit);
    const value = Number(n);
    if (allowed ? !allowed.includes(value) : !Number.isInteger(value) || value < 1) {
      throw this.env.meter.error(allowed ? `Exception: The value passed to ${unit}() must be one of ${allowed.join(', ')}.` : `Exception: Invalid argument: ${unit}`);
    }
    this.every = { unit, n: value };
    return this;
  }

  private integer(name: string, v: number, min: number, max: number): number {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw this.env.meter.error(`Exception: Invalid argument: ${name}`);
    return n;
  }

  private meter(method: string): void {
    this.env.meter.call('Script', `ClockTriggerBuilder.${method}`);
  }
}

/** Anything with getId(): the emulated Spreadsheet from SpreadsheetApp. */
interface HasId {
  getId(): string;
}

export class TriggerBuilderEmu implements Emulates<GoogleAppsScript.Script.TriggerBuilder, 'forForm' | 'forSpreadsheet' | 'timeBased'> {
  constructor(
    private readonly env: Env,
    private readonly app: ScriptAppEmu,
    private readonly handler: string,
  ) {}

  forForm(form: FormEmu | string): FormTriggerBuilderEmu {
    this.env.meter.call('Script', 'TriggerBuilder.forForm');
    const formId = form instanceof FormEmu ? form.formId : String(form);
    return new FormTriggerBuilderEmu(this.env, this.app, this.handler, formId);
  }

  forSpreadsheet(sheet: HasId | string): SpreadsheetTriggerBuilderEmu {
    this.env.meter.call('Script', 'TriggerBuilder.forSpreadsheet');
    const id = typeof sheet === 'string' ? sheet : sheet.getId();
    return new SpreadsheetTriggerBuilderEmu(this.env, this.app, this.handler, id);
  }

  timeBased(): ClockTriggerBuilderEmu {
    this.env.meter.call('Script', 'TriggerBuilder.timeBased');
    return new ClockTriggerBuilderEmu(this.env, this.app, this.handler);
  }
}

export class ServiceEmu implements Emulates<GoogleAppsScript.Script.Service, 'getUrl'> {
  constructor(
    private readonly env: Env,
    private readonly deploymentId: string,
  ) {}

  /** Null before a web app deployment (Apps Script reference, Service.getUrl: "otherwise returns null"). */
  getUrl(): string {
    this.env.meter.call('Script', 'Service.getUrl');
    // The typings say String; the reference says null, and a script must expect it.
    if (this.env.state.webApp?.deployed === false) return null as unknown as string;
    return `https://script.google.com/macros/s/${this.deploymentId}/exec`;
  }
}

export class ScriptAppEmu
  implements Emulates<GoogleAppsScript.Script.ScriptApp, 'newTrigger' | 'getProjectTriggers' | 'deleteTrigger' | 'getScriptId' | 'getService'>
{
  readonly AuthMode = stringEnum<typeof GoogleAppsScript.Script.AuthMode>(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
  readonly EventType = stringEnum<typeof GoogleAppsScript.Script.EventType>(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']);
  readonly TriggerSource = stringEnum<typeof GoogleAppsScript.Script.TriggerSource>(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
  readonly WeekDay = stringEnum<typeof GoogleAppsScript.Base.Weekday>(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY']);

  constructor(private readonly env: Env) {}

  newTrigger(functionName: string): TriggerBuilderEmu {
    this.env.meter.call('Script', 'ScriptApp.newTrigger');
    return new TriggerBuilderEmu(this.env, this, String(functionName));
  }

  /** Only the current user's triggers: another editor's are invisible to the script (Apps Script reference, getProjectTriggers). */
  getProjectTriggers(): TriggerEmu[] {
    this.env.meter.call('Script', 'ScriptApp.getProjectTriggers');
    const me = this.env.execution.effectiveUser;
    return this.env.state.triggers.filter((t) => t.owner === me).map((t) => new TriggerEmu(this.env, this, { ...t }));
  }

  /** Deleting a trigger that is already gone, or another user's, does nothing. */
  deleteTrigger(trigger: TriggerEmu | GoogleAppsScript.Script.Trigger): void {
    this.env.meter.call('Script', 'ScriptApp.deleteTrigger');
    if (!(trigger instanceof TriggerEmu)) throw this.env.meter.error('Exception: Invalid argument: trigger');
    const uid = trigger.uidForHost();
    const me = this.env.execution.effectiveUser;
    this.env.state.triggers = this.env.state.triggers.filter((t) => t.uid !== uid || t.owner !== me);
  }

  getScriptId(): string {
    this.env.meter.call('Script', 'ScriptApp.getScriptId');
    return scriptIdOf(this.env.state);
  }

  getService(): ServiceEmu {
    this.env.meter.call('Script', 'ScriptApp.getService');
    return new ServiceEmu(this.env, `AKfycb${this.digest('deployment', 66)}`);
  }

  /** A stable id derived from the state's seed. */
  private digest(label: string, length: number): string {
    return seedDigest(this.env.state, label, length);
  }
}

function seedDigest(state: RuntimeState, label: string, length: number): string {
  return createHash('sha512').update(`${state.rng.seed}:${label}`).digest('base64url').slice(0, length);
}

/** The project's script id (ScriptApp.getScriptId), stable for the world's seed; UrlFetchApp's User-Agent carries it too. */
export function scriptIdOf(state: RuntimeState): string {
  return `1${seedDigest(state, 'script-id', 56)}`;
}
