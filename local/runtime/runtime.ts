/**
 * The local Apps Script runtime: loads the bundle (dist/Code.js) into a
 * node:vm context that holds only ECMAScript built-ins and the emulated
 * services, and runs executions in it — menu functions, simple and
 * installable triggers, time-driven triggers as the emulated clock passes.
 */
import vm from 'node:vm';
import { Env, type AuthMode, type Manifest, type Realm } from './env';
import { Faults, Meter, diffSnapshots, noCalls, type MeterSnapshot } from './meter';
import type { FormResponseState, RuntimeState, TriggerState } from './state';
import { RangeEmu, SpreadsheetAppEmu, SpreadsheetEmu, UserEmu } from './spreadsheet';
import { displayValue, findSheet, isBlankValue, userEdit } from './sheet-data';
import { FormAppEmu } from './form';
import { ScriptAppEmu, nextRun } from './script-app';
import { MailAppEmu } from './mail';
import { UrlFetchAppEmu } from './url-fetch';
import { Remote } from './remote';
import { PropertiesServiceEmu } from './properties';
import { LockServiceEmu } from './lock';
import { CacheServiceEmu } from './cache';
import { UtilitiesEmu } from './utilities';
import { SessionEmu } from './session';
import { HtmlServiceEmu } from './html';
import { ContentServiceEmu } from './content';
import { ConsoleEmu, LoggerEmu } from './logger';
import { zonedParts, type ZonedParts } from './date-format';
import { googleText } from './google-errors';
import { Staff } from './staff';
import { EXECUTION_LIMIT_MS, SIMPLE_TRIGGER_LIMIT_MS, dailyLimits, usageOf } from './limits';

export interface ExecutionOptions {
  /** Session.getActiveUser(); defaults to the state's owner. */
  user?: string;
  /**
   * Who the execution runs as (Session.getEffectiveUser(): its triggers, its
   * mail). A person running a menu item or sidebar runs as themselves; an
   * installable trigger runs as whoever installed it. Default: the active
   * user, or the owner when there is none.
   */
  effectiveUser?: string;
  authMode?: AuthMode;
  /** A simple trigger (onEdit, onOpen): Apps Script stops it after 30 seconds instead of 6 minutes. */
  simpleTrigger?: boolean;
  /**
   * Host only: no time limit. For the bench's naive baseline, whose point is
   * how long the naive way would take (it would be stopped at 6 minutes).
   */
  unlimited?: boolean;
}

export interface ExecutionResult {
  handler: string;
  ok: boolean;
  value?: unknown;
  error?: string;
  /** Calls and cells of this execution alone. */
  meter: MeterSnapshot;
  cpuMs: number;
  /** Modelled Apps Script time of the execution's calls and cells (latency.ts); the clock moved by as much. */
  modelledMs: number;
  /** The executions it caused, run after it: the submit triggers of Form responses it submitted. */
  triggered?: ExecutionResult[];
}

export interface PasteResult {
  refused: { row: number; column: number; message: string }[];
  runs: ExecutionResult[];
}

export type EditResult =
  | { ok: true; runs: ExecutionResult[] }
  | { ok: false; reason: 'protected' | 'invalid' | 'tooLong'; message: string; runs: [] };

export interface Services {
  SpreadsheetApp: SpreadsheetAppEmu;
  FormApp: FormAppEmu;
  ScriptApp: ScriptAppEmu;
  MailApp: MailAppEmu;
  UrlFetchApp: UrlFetchAppEmu;
  PropertiesService: PropertiesServiceEmu;
  LockService: LockServiceEmu;
  CacheService: CacheServiceEmu;
  Utilities: UtilitiesEmu;
  Session: SessionEmu;
  HtmlService: HtmlServiceEmu;
  ContentService: ContentServiceEmu;
  Logger: LoggerEmu;
}

export class Runtime {
  readonly faults = new Faults();
  readonly meter = new Meter(this.faults);
  readonly env: Env;
  readonly services: Services;
  /** The endpoints UrlFetchApp reaches (remote.ts): responders and the outbox. */
  readonly remote: Remote;
  private context: vm.Context | null = null;
  private script: vm.Script | null = null;
  /** CPU time of the bundle's top-level code in the last fresh context (the cold start). */
  lastLoadCpuMs = 0;
  private dropCounter = 0;
  /** Executions under way (a trigger fired during one runs inside it on the host's stack). */
  private depth = 0;
  /** Edit triggers of edits people made during an execution: they run after it, as their own executions. */
  private deferredEdits: (() => ExecutionResult[])[] = [];
  /** What people do in the sheets (sort, insert, rename, type, paste), at any moment, even between two calls of an execution. */
  readonly staff = new Staff(this);

  constructor(state: RuntimeState) {
    this.env = new Env(state, this.meter);
    const env = this.env;
    this.remote = new Remote(env);
    this.services = {
      SpreadsheetApp: new SpreadsheetAppEmu(env),
      FormApp: new FormAppEmu(env),
      ScriptApp: new ScriptAppEmu(env),
      MailApp: new MailAppEmu(env),
      UrlFetchApp: new UrlFetchAppEmu(env, this.remote),
      PropertiesService: new PropertiesServiceEmu(env),
      LockService: new LockServiceEmu(env),
      CacheService: new CacheServiceEmu(env),
      Utilities: new UtilitiesEmu(env),
      Session: new SessionEmu(env),
      HtmlService: new HtmlServiceEmu(env),
      ContentService: new ContentServiceEmu(env),
      Logger: new LoggerEmu(env),
    };
  }

  get state(): RuntimeState {
    return this.env.state;
  }

  /**
   * Loads the bundle's source. Like Apps Script, every execution then starts
   * from a fresh global scope (module state never survives an execution);
   * the compiled script is reused, so only the top-level code runs again.
   */
  load(code: string, filename = 'Code.js'): void {
    this.script = new vm.Script(code, { filename });
    this.freshContext();
  }

  /**
   * The project's manifest (appsscript.json), deployed with the bundle: with
   * `oauthScopes`, a service whose scope is not listed refuses to run. Only
   * the scopes are read; anything else in it is ignored here.
   */
  setManifest(manifest: unknown): void {
    const scopes = manifest !== null && typeof manifest === 'object' ? (manifest as Record<string, unknown>).oauthScopes : undefined;
    const m: Manifest = {};
    if (scopes !== undefined) {
      if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) throw new Error('appsscript.json: oauthScopes must be a list of scope URLs');
      m.oauthScopes = [...(scopes as string[])];
    }
    this.env.manifest = m;
  }

  /** A new global scope with the services, the clock-following Date, and the bundle evaluated in it. */
  private freshContext(): vm.Context {
    if (!this.script) throw new Error('No bundle loaded: call load() first.');
    const env = this.env;
    const sandbox: Record<string, unknown> = { ...this.services, console: new ConsoleEmu(env) };
    const context = vm.createContext(sandbox, { name: 'Apps Script (emulated)', codeGeneration: { strings: true, wasm: false } });
    // Date inside the bundle follows the emulated clock.
    const installClock = vm.runInContext(
      `(function (now) {
        var RealDate = Date;
        globalThis.Date = new Proxy(RealDate, {
          construct: function (target, args, newTarget) {
            return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
          },
          apply: function () { return new RealDate(now()).toString(); },
          get: function (target, prop, receiver) {
            if (prop === 'now') return function () { return now(); };
            return Reflect.get(target, prop, receiver);
          }
        });
        return { newDate: function (ms) { return new RealDate(ms); }, newError: function (m) { return new Error(m); } };
      })`,
      context,
    ) as (now: () => number) => Realm;
    env.setRealm(installClock(() => env.now()));
    const cpu0 = process.cpuUsage();
    this.script.runInContext(context);
    this.lastLoadCpuMs = cpuMs(cpu0);
    this.context = context;
    return context;
  }

  /** True if the bundle declares a top-level function of that name. */
  hasFunction(name: string): boolean {
    return typeof this.ctx()[name] === 'function';
  }

  /** One execution of a top-level function, as Apps Script runs it; errors are reported, not thrown. */
  run(handler: string, args: unknown[] = [], opts: ExecutionOptions = {}): ExecutionResult {
    const env = this.env;
    const fn = this.freshContext()[handler];
    const before = this.meter.snapshot();
    const cpu0 = process.cpuUsage();
    const previous = env.execution;
    const active = opts.user ?? env.state.owner;
    const limit = opts.unlimited ? Number.MAX_SAFE_INTEGER : opts.simpleTrigger ? SIMPLE_TRIGGER_LIMIT_MS : EXECUTION_LIMIT_MS;
    const execution = env.newExecution(handler, active, opts.authMode ?? 'FULL', opts.effectiveUser ?? (active || env.state.owner), limit);
    env.execution = execution;
    let outcome: { ok: true; value: unknown } | { ok: false; error: string };
    this.depth += 1;
    try {
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${handler}`);
      outcome = { ok: true, value: (fn as (...a: unknown[]) => unknown)(...args) };
    } catch (err) {
      outcome = { ok: false, error: err && typeof (err as Error).message === 'string' ? (err as Error).message : String(err) };
    } finally {
      // Cached writes are committed when the script returns; locks end with the execution.
      this.meter.endExecution();
      this.services.LockService.releaseAll(execution);
      env.execution = previous;
      this.depth -= 1;
    }
    // Apps Script stops an execution at its limit: whatever the script caught or returned, it failed.
    if (execution.elapsedMs > execution.limitMs) outcome = { ok: false, error: `Exception: ${googleText(env, 'executionTime')}` };
    if (!outcome.ok) env.log('ERROR', `${handler}: ${outcome.error}`);
    const result: ExecutionResult = { handler, ...outcome, meter: diffSnapshots(before, this.meter.snapshot()), cpuMs: cpuMs(cpu0), modelledMs: execution.elapsedMs };
    // What the execution set off (responses it submitted, edits people made meanwhile) runs after it.
    if (this.depth === 0) {
      const later = [...env.scriptSubmits.splice(0).map((s) => () => this.fireFormSubmit(s.formId, s.response.id, s.response)), ...this.deferredEdits.splice(0)];
      if (later.length) result.triggered = later.flatMap((fire) => fire());
    }
    return result;
  }

  /** Like run(), but throws when the execution failed. */
  call(handler: string, args: unknown[] = [], opts: ExecutionOptions = {}): unknown {
    const r = this.run(handler, args, opts);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }

  /**
   * The email a trigger (simple or installable) sees for the person who caused
   * its event: blank unless it is the owner or, in a Workspace domain, someone
   * of the owner's domain (Apps Script reference, Session.getActiveUser).
   */
  visibleUser(user: string): string {
    if (user === '' || user.toLowerCase() === this.state.owner.toLowerCase()) return user;
    const domain = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    return this.state.accounts === 'workspace' && domain(user) === domain(this.state.owner) ? user : '';
  }

  /**
   * Fires one installable trigger with its event, honouring the fault plan
   * (a dropped trigger does not run; a duplicated one runs twice). It runs as
   * its installer and spends the installer's daily trigger runtime; once that
   * is used up, Apps Script does not run it.
   */
  fireTrigger(trigger: TriggerState, event: Record<string, unknown>, opts: ExecutionOptions = {}): ExecutionResult[] {
    this.dropCounter += 1;
    if (this.faults.dropWhen && this.faults.dropWhen(trigger.eventType, this.dropCounter)) return [];
    const times = this.faults.duplicate.has(trigger.eventType) ? 2 : 1;
    const results: ExecutionResult[] = [];
    for (let i = 0; i < times; i++) {
      const usage = usageOf(this.state, trigger.owner, this.state.clock);
      if (usage.triggerRuntimeMs >= dailyLimits(this.state).triggerRuntimeMs) {
        const error = `Exception: ${googleText(this.env, 'triggerRuntime')}`;
        this.env.log('ERROR', `${trigger.handler}: ${error}`);
        results.push({ handler: trigger.handler, ok: false, error, meter: noCalls(), cpuMs: 0, modelledMs: 0 });
        continue;
      }
      const e = { ...event, triggerUid: trigger.uid, authMode: this.services.ScriptApp.AuthMode.FULL };
      // An installable trigger runs as the user who installed it (Apps Script, "Installable triggers").
      const result = this.run(trigger.handler, [e], { user: opts.user ?? '', authMode: 'FULL', ...opts, effectiveUser: trigger.owner });
      usage.triggerRuntimeMs += result.modelledMs;
      results.push(result);
    }
    return results;
  }

  /**
   * A Form response arrived: fires every form-submit trigger installed on
   * that form, with the event Apps Script gives (`response`, `source`). With
   * `snapshot` (a script's submission), the event's response stays readable
   * if the script has deleted it meanwhile.
   */
  fireFormSubmit(formId: string, responseId: string, snapshot?: FormResponseState): ExecutionResult[] {
    const forms = this.services.FormApp;
    const results: ExecutionResult[] = [];
    for (const trigger of this.state.triggers.filter((t) => t.eventType === 'ON_FORM_SUBMIT' && t.sourceId === formId)) {
      const event = { response: forms.hostResponseObject(formId, responseId, snapshot), source: forms.hostFormObject(formId) };
      results.push(...this.fireTrigger(trigger, event));
    }
    return results;
  }

  /**
   * A person types `input` into a cell, as in the Sheets UI: refused when the
   * cell is protected or its dropdown rejects the value (no trigger runs);
   * otherwise stored, then the simple `onEdit` (limited authorisation, no
   * triggerUid) and every installable edit trigger run, as Apps Script does.
   */
  editCell(sheetName: string, row: number, column: number, input: string, user: string): EditResult {
    const edit = userEdit(this.state, sheetName, row, column, input, user);
    if (!edit.ok) return { ok: false, reason: edit.reason, message: edit.message, runs: [] };
    const sheet = findSheet(this.state, sheetName)!;
    const env = this.env;
    const ui = this.services.SpreadsheetApp.ui;
    const timeZone = this.state.spreadsheet.timeZone;
    const event = () => ({
      range: new RangeEmu(env, ui, sheet.sheetId, { row, column, numRows: 1, numColumns: 1 }),
      source: new SpreadsheetEmu(env, ui),
      value: displayValue(edit.newValue, null, timeZone),
      oldValue: isBlankValue(edit.oldValue) ? undefined : displayValue(edit.oldValue, null, timeZone),
      user: new UserEmu(env, this.visibleUser(user)),
    });
    return { ok: true, runs: this.fireEdit(event, user) };
  }

  /**
   * The simple `onEdit` and every installable edit trigger for one edit. An
   * edit made while an execution runs (a person acting between two of its
   * calls) has its triggers run after that execution, in its `triggered`.
   */
  private fireEdit(event: () => Record<string, unknown>, user: string): ExecutionResult[] {
    return this.afterExecution(() => {
      const runs: ExecutionResult[] = [];
      const seen = this.visibleUser(user);
      if (this.hasFunction('onEdit')) runs.push(this.run('onEdit', [{ ...event(), authMode: 'LIMITED' }], { user: seen, authMode: 'LIMITED', simpleTrigger: true }));
      for (const trigger of this.state.triggers.filter((t) => t.eventType === 'ON_EDIT' && t.source === 'SPREADSHEETS')) {
        runs.push(...this.fireTrigger(trigger, event(), { user: seen }));
      }
      return runs;
    });
  }

  /**
   * A person changed the workbook's structure (Staff: a row or column inserted,
   * deleted or moved, a sheet renamed): every installable change trigger runs
   * with the event Apps Script gives — `changeType` one of EDIT, INSERT_ROW,
   * INSERT_COLUMN, REMOVE_ROW, REMOVE_COLUMN, INSERT_GRID, REMOVE_GRID, FORMAT
   * or OTHER ("Event objects", Google Sheets › Change). There is no simple
   * change trigger. Typed and pasted edits do not emit their EDIT change here.
   */
  fireChange(changeType: string, user = this.state.owner): ExecutionResult[] {
    return this.afterExecution(() => {
      const seen = this.visibleUser(user);
      const event = () => ({ changeType, source: new SpreadsheetEmu(this.env, this.services.SpreadsheetApp.ui), user: new UserEmu(this.env, seen) });
      return this.state.triggers.filter((t) => t.eventType === 'ON_CHANGE' && t.source === 'SPREADSHEETS').flatMap((t) => this.fireTrigger(t, event(), { user: seen }));
    });
  }

  /** A person's action while an execution runs (between two of its calls) has its triggers run after that execution, in its `triggered`. */
  private afterExecution(fire: () => ExecutionResult[]): ExecutionResult[] {
    if (this.depth === 0) return fire();
    this.deferredEdits.push(fire);
    return [];
  }

  /**
   * A person pastes (or fills down) a block of values at (row, column): each
   * cell goes through the same protection and dropdown checks as typing
   * (a refused cell keeps its value and is listed), then one edit event
   * covers the whole block, without `value`/`oldValue` (Apps Script gives them
   * for single-cell edits only).
   */
  pasteRange(sheetName: string, row: number, column: number, inputs: readonly (readonly string[])[], user: string): PasteResult {
    const refused: { row: number; column: number; message: string }[] = [];
    inputs.forEach((line, i) =>
      line.forEach((input, j) => {
        const edit = userEdit(this.state, sheetName, row + i, column + j, input, user);
        if (!edit.ok) refused.push({ row: row + i, column: column + j, message: edit.message });
      }),
    );
    const sheet = findSheet(this.state, sheetName)!;
    const env = this.env;
    const ui = this.services.SpreadsheetApp.ui;
    const rect = { row, column, numRows: inputs.length, numColumns: Math.max(1, ...inputs.map((l) => l.length)) };
    const event = () => ({ range: new RangeEmu(env, ui, sheet.sheetId, rect), source: new SpreadsheetEmu(env, ui), user: new UserEmu(env, this.visibleUser(user)) });
    return { refused, runs: this.fireEdit(event, user) };
  }

  /**
   * Moves the emulated clock to `to` (epoch ms), firing every time-driven
   * trigger that falls due on the way, in order.
   */
  advanceClockTo(to: number): { at: number; result: ExecutionResult }[] {
    const state = this.env.state;
    if (to < state.clock) throw new Error('The clock cannot go backwards.');
    const runs: { at: number; result: ExecutionResult }[] = [];
    for (;;) {
      const due = state.triggers
        .filter((t) => t.eventType === 'CLOCK' && t.nextRun !== undefined && t.nextRun <= to)
        .sort((a, b) => a.nextRun! - b.nextRun!)[0];
      if (!due) break;
      state.clock = Math.max(state.clock, due.nextRun!);
      const at = state.clock;
      const event = clockEvent(this.env.realm.newDate(at), state.timeZone, due.uid);
      // Advance the schedule before running, so a trigger that deletes itself is not rescheduled.
      due.nextRun = due.clock?.kind === 'at' ? undefined : nextRun(due.clock!, at, state.timeZone);
      if (due.nextRun === undefined) state.triggers = state.triggers.filter((t) => t !== due);
      for (const result of this.fireTrigger(due, event)) runs.push({ at, result });
    }
    state.clock = to;
    return runs;
  }

  /** Host: spends the rest of a user's mail quota (default the owner's) for the current 24-hour window. */
  useUpMailQuota(user = this.state.owner): void {
    usageOf(this.state, user, this.state.clock).mailRecipients = dailyLimits(this.state).mailRecipients;
  }

  private ctx(): vm.Context {
    if (!this.context) throw new Error('No bundle loaded: call load() first.');
    return this.context;
  }
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

/** The event object of a time-driven trigger: the wall time in the script zone. */
function clockEvent(date: Date, timeZone: string, triggerUid: string): Record<string, unknown> {
  const p = zonedParts(date.getTime(), timeZone);
  return {
    'day-of-month': p.day,
    'day-of-week': p.weekday,
    hour: p.hour,
    minute: p.minute,
    month: p.month,
    second: p.second,
    timezone: timeZone,
    'week-of-year': isoWeek(p),
    year: p.year,
    triggerUid,
    authMode: 'FULL',
  };
}

/** ISO-8601 week number of a calendar date (weeks start on Monday; week 1 holds the first Thursday). */
function isoWeek(p: ZonedParts): number {
  const thursday = Date.UTC(p.year, p.month - 1, p.day + 4 - p.weekday);
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / 86_400_000 / 7) + 1;
}
