/**
 * What every emulated service shares: the state, the call meter, the bundle's
 * realm (so Dates and Errors handed to the bundle are its own), and the
 * current execution (who runs it, with which authorisation, which locks).
 */
import { createHash } from 'node:crypto';
import type { FormResponseState, RuntimeState } from './state';
import type { Meter } from './meter';
import { googleError } from './google-errors';
import { EXECUTION_LIMIT_MS } from './limits';

export interface Realm {
  /** A Date of the bundle's realm. */
  newDate(ms: number): Date;
  /** An Error of the bundle's realm. */
  newError(message: string): Error;
}

export type AuthMode = 'FULL' | 'LIMITED' | 'NONE';

export interface Execution {
  id: number;
  /** Session.getActiveUser() — '' when Apps Script would not reveal it. */
  activeUser: string;
  /** Session.getEffectiveUser() — the script owner or the trigger's installer. */
  effectiveUser: string;
  authMode: AuthMode;
  /** The function that runs, for logs. */
  handler: string;
  /** Lock kinds held by this execution ('script', 'document', 'user'). */
  locks: Set<string>;
  /** Modelled milliseconds spent so far (every call and cell advances it, and the clock with it). */
  elapsedMs: number;
  /**
   * Apps Script stops the execution past this (6 min; 30 s for a simple
   * trigger; Infinity for the host): once elapsedMs exceeds it, every call
   * throws and the execution fails whatever the script does.
   */
  limitMs: number;
}

/**
 * What the runtime reads of the project's manifest (appsscript.json). With
 * `oauthScopes` the project sets its scopes explicitly, and a service whose
 * scope is not listed refuses to run (Apps Script "Authorization scopes",
 * setting explicit scopes).
 */
export interface Manifest {
  oauthScopes?: string[];
}

export const hostRealm: Realm = {
  newDate: (ms) => new Date(ms),
  newError: (m) => new Error(m),
};

export class Env {
  realm: Realm = hostRealm;
  execution: Execution;
  /**
   * Form responses a script submitted (FormResponse.submit()), with the
   * response as submitted: their form-submit triggers fire once the
   * submitting execution has ended (Runtime.run).
   */
  readonly scriptSubmits: { formId: string; response: FormResponseState }[] = [];
  /**
   * The manifest loaded with the bundle (Runtime.setManifest); null when none
   * was, as for a project without explicit scopes, where Apps Script detects
   * the scopes the code needs.
   */
  manifest: Manifest | null = null;
  private executionCounter = 0;

  constructor(
    public state: RuntimeState,
    readonly meter: Meter,
  ) {
    this.execution = this.newExecution('(host)', state.owner, 'FULL', state.owner, Infinity);
    meter.setClock((ms, beforeCall) => this.advance(ms, beforeCall));
  }

  /**
   * Moves the current execution's modelled time (and the emulated clock) on
   * by `ms`. A call made after the execution's limit has passed throws
   * Google's "Exceeded maximum execution time", as Apps Script stops the
   * script there; the host (tests, the CLI) has no limit and no clock cost.
   */
  advance(ms: number, beforeCall = false): void {
    const ex = this.execution;
    if (ex.limitMs === Infinity) return;
    if (beforeCall && ex.elapsedMs > ex.limitMs) throw googleError(this, 'executionTime');
    const whole = Math.floor(ex.elapsedMs + ms) - Math.floor(ex.elapsedMs);
    ex.elapsedMs += ms;
    this.state.clock += whole;
  }

  setRealm(realm: Realm): void {
    this.realm = realm;
    this.meter.setErrorFactory(realm.newError);
  }

  now(): number {
    return this.state.clock;
  }

  /** A deterministic UUID v4 from the state's seed and counter. */
  uuid(): string {
    this.state.rng.counter += 1;
    const h = createHash('sha256').update(`${this.state.rng.seed}:${this.state.rng.counter}`).digest('hex');
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  log(level: string, message: string): void {
    this.state.logs.push({ at: this.state.clock, level, message });
  }

  newExecution(handler: string, activeUser: string, authMode: AuthMode, effectiveUser = this.state.owner, limitMs = EXECUTION_LIMIT_MS): Execution {
    this.executionCounter += 1;
    return { id: this.executionCounter, activeUser, effectiveUser, authMode, handler, locks: new Set(), elapsedMs: 0, limitMs };
  }
}
