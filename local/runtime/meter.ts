/**
 * Counts every call into an emulated service and every cell transferred, and
 * injects faults. One Meter lives for the whole Runtime; benchmarks take
 * snapshots around an execution.
 */
import { PER_CELL_MS, callMs } from './latency';

export type ServiceName =
  | 'Spreadsheet'
  | 'Form'
  | 'Mail'
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
  /** Host CPU milliseconds spent inside emulated service methods (the server's work in real Apps Script). */
  private serviceMs = 0;
  /** Advances the current execution's modelled clock (set by Env); may throw when its time is up. */
  private clock: (ms: number, beforeCall: boolean) => void = () => undefined;
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
    this.clock(callMs(service, method), true);
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
    this.clock(n * PER_CELL_MS, false);
  }

  cellsWritten(n: number): void {
    this.written += n;
    this.clock(n * PER_CELL_MS, false);
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
    return { calls, byService, totalCalls: total, cellsRead: this.read, cellsWritten: this.written };
  }

  reset(): void {
    this.calls.clear();
    this.services.clear();
    this.read = 0;
    this.written = 0;
    this.serviceMs = 0;
  }
}

/** The meter of an execution that made no call (one Apps Script refused to start). */
export function noCalls(): MeterSnapshot {
  return { calls: {}, byService: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0 };
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
  };
}
