/**
 * Counts every call into an emulated service and every cell transferred, and
 * injects faults. One Meter lives for the whole Runtime; benchmarks take
 * snapshots around an execution.
 */
import { COMMIT_PER_CELL_MS, READ_PER_CELL_MS, ROUND_TRIP_MS, WRITE_CALL_MS, kindOf, serviceMs } from './latency';

export type ServiceName =
  | 'Spreadsheet'
  | 'Form'
  | 'Mail'
  | 'UrlFetch'
  | 'Properties'
  | 'Lock'
  | 'Cache'
  | 'Script'
  | 'Utilities'
  | 'Session'
  | 'Html'
  | 'Content'
  | 'Logger';

export interface MeterSnapshot {
  /** Calls by "Class.method", e.g. "Range.getValues". */
  calls: Record<string, number>;
  /** Calls by service. */
  byService: Record<string, number>;
  totalCalls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Calls that left the script process: reads, commits of cached writes, other services' calls. */
  roundTrips: number;
  /** Modelled Apps Script milliseconds of those calls and cells (latency.ts), the script's CPU not included. */
  modelledMs: number;
  /** Modelled milliseconds during which a lock was held (from acquiring to releasing, or the execution's end). */
  lockHeldMs: number;
}

/** One call as the tracer sees it. */
export interface TraceEntry {
  method: string;
  /** Modelled milliseconds the call cost (a read that commits cached writes carries the commit). */
  ms: number;
  lockHeld: boolean;
}

interface CallFault {
  method: string;
  /** Fails on the nth call of the method counted from when the fault was set (1-based). */
  nth: number;
  /** How many consecutive calls fail from the nth on. */
  times: number;
  message: string;
  seen: number;
}

/** Fault injection plan, consulted on every call. */
export class Faults {
  private callFaults: CallFault[] = [];
  /** When true, Lock.waitLock throws and Lock.tryLock returns false. */
  lockTimeout = false;
  /** Triggers (by event type) that fire twice. */
  readonly duplicate = new Set<string>();
  /** Decides whether a trigger firing is dropped; receives the event type and a running count. */
  dropWhen: ((eventType: string, n: number) => boolean) | null = null;

  /** Make the nth call (1-based, counted from now) of `method` ("Range.setValues") throw, `times` times in a row. */
  failCall(method: string, nth = 1, opts: { times?: number; message?: string } = {}): void {
    this.callFaults.push({
      method,
      nth,
      times: opts.times ?? 1,
      message: opts.message ?? `Exception: Service error: ${method} failed (injected fault)`,
      seen: 0,
    });
  }

  /** Returns the error message to throw for this call, or null. */
  check(method: string): string | null {
    for (const f of this.callFaults) {
      if (f.method !== method) continue;
      f.seen += 1;
      if (f.seen >= f.nth && f.seen < f.nth + f.times) return f.message;
    }
    return null;
  }

  clear(): void {
    this.callFaults = [];
    this.lockTimeout = false;
    this.duplicate.clear();
    this.dropWhen = null;
  }
}

export class Meter {
  private calls = new Map<string, number>();
  private services = new Map<string, number>();
  private read = 0;
  private written = 0;
  private trips = 0;
  private model = 0;
  private lockHeld = 0;
  /** When each lock held now was taken, on the model's clock. */
  private readonly lockSince = new Map<string, number>();
  /** Written cells (and write calls) waiting in Apps Script's cache for the next read, flush or the execution's end. */
  private pendingCells = 0;
  private pendingWrites = 0;
  /** Host CPU milliseconds spent inside emulated service methods (the server's work in real Apps Script). */
  private serviceMs = 0;
  /** Advances the current execution's modelled clock (set by Env); may throw when its time is up. */
  private clock: (ms: number, beforeCall: boolean) => void = () => undefined;
  /** Told of every call with its modelled cost: `npm run trace` lists an execution's round trips. */
  tracer: ((entry: TraceEntry) => void) | null = null;
  /** Hooks run once at the nth call of a method ('*' = any method), counted from when set: interleaving tests. */
  private hooks: { method: string; nth: number; seen: number; fn: () => void }[] = [];

  constructor(
    readonly faults: Faults,
    /** Builds an error in the bundle's realm, so `instanceof Error` holds there. */
    private makeError: (message: string) => Error = (m) => new Error(m),
  ) {}

  setErrorFactory(make: (message: string) => Error): void {
    this.makeError = make;
  }

  setClock(clock: (ms: number, beforeCall: boolean) => void): void {
    this.clock = clock;
  }

  /**
   * Records one call and advances the execution's clock by its modelled time
   * (latency.ts); throws when the execution's time was already up, or an
   * injected fault is due.
   */
  call(service: ServiceName, method: string): void {
    const ms = this.callCost(service, method);
    this.tracer?.({ method, ms, lockHeld: this.lockSince.size > 0 });
    this.charge(ms, true);
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    this.services.set(service, (this.services.get(service) ?? 0) + 1);
    const fault = this.faults.check(method);
    if (fault !== null) throw this.makeError(fault);
    for (const hook of this.hooks) {
      if ((hook.method !== method && hook.method !== '*') || ++hook.seen !== hook.nth) continue;
      this.hooks = this.hooks.filter((h) => h !== hook);
      hook.fn();
    }
  }

  /** What a call costs (latency.ts): a read or a flush first commits the cached writes, in the same round trip. */
  private callCost(service: ServiceName, method: string): number {
    switch (kindOf(service, method)) {
      case 'local':
        return 0;
      case 'write':
        this.pendingWrites += 1;
        return WRITE_CALL_MS;
      case 'flush':
        return this.pendingWrites > 0 ? this.commit() : 0;
      case 'read':
        if (this.pendingWrites > 0) return this.commit();
        this.trips += 1;
        return ROUND_TRIP_MS;
      case 'service':
        this.trips += 1;
        return serviceMs(service, method);
    }
  }

  /** Sends the cached writes: one round trip and their cells. */
  private commit(): number {
    const ms = ROUND_TRIP_MS + this.pendingCells * COMMIT_PER_CELL_MS;
    this.trips += 1;
    this.pendingCells = 0;
    this.pendingWrites = 0;
    return ms;
  }

  /**
   * The execution ended: Apps Script commits what it still caches. (An
   * execution run inside another's call, as interleaving tests do, commits
   * the outer one's cached writes too: one cache, as one process would have.)
   */
  endExecution(): void {
    if (this.pendingWrites > 0) this.charge(this.commit(), false);
  }

  /** A lock (by its key) was taken; held time counts from now. Taking it again while held changes nothing. */
  lockAcquired(key: string): void {
    if (!this.lockSince.has(key)) this.lockSince.set(key, this.model);
  }

  lockReleased(key: string): void {
    const since = this.lockSince.get(key);
    if (since === undefined) return;
    this.lockHeld += this.model - since;
    this.lockSince.delete(key);
  }

  /**
   * Time an execution spends waiting on something outside Apps Script (a
   * remote host answering a fetch): it counts like a call's cost, towards the
   * model and the execution's clock and limit.
   */
  wait(ms: number): void {
    if (ms > 0) this.charge(ms, false);
  }

  private charge(ms: number, beforeCall: boolean): void {
    this.model += ms;
    this.clock(ms, beforeCall);
  }

  /** Runs `fn` once, just before the nth call (1-based, counted from now) of `method` — any method for '*' — proceeds. */
  onCall(method: string, nth: number, fn: () => void): void {
    this.hooks.push({ method, nth, seen: 0, fn });
  }

  /** Adds host time spent inside a service method (see bench/service-time.ts). */
  addServiceTime(ms: number): void {
    this.serviceMs += ms;
  }

  /** Host milliseconds spent inside service methods so far. */
  get serviceTimeMs(): number {
    return this.serviceMs;
  }

  cellsRead(n: number): void {
    this.read += n;
    this.charge(n * READ_PER_CELL_MS, false);
  }

  /** Cells of a write call: cached, their cost comes with the commit. */
  cellsWritten(n: number): void {
    this.written += n;
    this.pendingCells += n;
  }

  /** An error as Apps Script would throw it (in the bundle's realm). */
  error(message: string): Error {
    return this.makeError(message);
  }

  snapshot(): MeterSnapshot {
    const calls = Object.fromEntries(this.calls);
    const byService = Object.fromEntries(this.services);
    let total = 0;
    for (const n of this.calls.values()) total += n;
    // A lock still held counts up to now.
    let held = this.lockHeld;
    for (const since of this.lockSince.values()) held += this.model - since;
    return { calls, byService, totalCalls: total, cellsRead: this.read, cellsWritten: this.written, roundTrips: this.trips, modelledMs: this.model, lockHeldMs: held };
  }

  reset(): void {
    this.calls.clear();
    this.services.clear();
    this.read = 0;
    this.written = 0;
    this.serviceMs = 0;
    this.trips = 0;
    this.model = 0;
    this.lockHeld = 0;
    this.lockSince.clear();
    this.pendingCells = 0;
    this.pendingWrites = 0;
  }
}

/** The meter of an execution that made no call (one Apps Script refused to start). */
export function noCalls(): MeterSnapshot {
  return { calls: {}, byService: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0, roundTrips: 0, modelledMs: 0, lockHeldMs: 0 };
}

/** The difference of two snapshots: what happened in between. */
export function diffSnapshots(before: MeterSnapshot, after: MeterSnapshot): MeterSnapshot {
  const calls: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.calls)) {
    const d = v - (before.calls[k] ?? 0);
    if (d) calls[k] = d;
  }
  const byService: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.byService)) {
    const d = v - (before.byService[k] ?? 0);
    if (d) byService[k] = d;
  }
  return {
    calls,
    byService,
    totalCalls: after.totalCalls - before.totalCalls,
    cellsRead: after.cellsRead - before.cellsRead,
    cellsWritten: after.cellsWritten - before.cellsWritten,
    roundTrips: after.roundTrips - before.roundTrips,
    modelledMs: after.modelledMs - before.modelledMs,
    lockHeldMs: after.lockHeldMs - before.lockHeldMs,
  };
}
