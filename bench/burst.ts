/**
 * A burst after a marketing push — 60 Form submissions a minute for 10
 * minutes — under simulated concurrency. The local runtime runs executions one
 * after another, so the overlap is simulated here: each kind of execution is
 * measured on the bundle in the runtime (its modelled time before the lock,
 * holding it, after it), and a timeline replays 600 arrivals against one
 * script lock, as Apps Script would run them side by side:
 *
 * - a submission probes the lock on arrival; busy, it steps aside (deferred,
 *   measured) and asks for the batch run a minute later (one pending at most);
 * - free, it reads the response and opens its sheets, then waits up to 5 s for
 *   the lock (another may have taken it meanwhile), holds it, mails after it;
 *   still busy after 5 s, it steps aside too;
 * - the batch run waits up to 20 s for the lock, files everything waiting in
 *   batches of 50 under one hold each (measured at two sizes, linear between),
 *   and asks for another run when more arrived meanwhile or it got no lock.
 *
 * Trigger runtime is the sum of every execution's modelled time, waits
 * included (Apps Script counts wall time against the daily trigger quota).
 */
import type { Runtime } from '../local/runtime/runtime';
import { submitVia } from '../local/drive/submit';
import type { RawRecord } from '../local/drive/input';

export interface BurstOutcome {
  arrivals: number;
  perMinute: number;
  filedDirectly: number;
  deferred: number;
  batchRuns: number;
  /** Responses still waiting when the last batch run ended: the hourly sweep's. */
  leftForSweep: number;
  triggerRuntimeMs: number;
  /** The longest time from a response's arrival to its filing. */
  maxDelayMs: number;
  /** The measured profiles the timeline used. */
  profile: {
    directPreMs: number;
    directLockMs: number;
    directPostMs: number;
    deferredMs: number;
    /** A batch run, per batch: reading the responses (before the lock), filing them (holding it), mailing (after). */
    batch: { readFixedMs: number; readPerResponseMs: number; lockFixedMs: number; lockPerResponseMs: number; mailFixedMs: number; mailPerResponseMs: number };
  };
}

const ARRIVALS = 600;
const GAP_MS = 1000;
const FORM_WAIT_MS = 5000;
const BATCH_WAIT_MS = 20_000;
const BATCH_AFTER_MS = 60_000;
const BATCH_SIZE = 50;
/** A batch run stops taking new batches after this (the sweep's budget). */
const BATCH_BUDGET_MS = 4 * 60_000;

/**
 * One execution's modelled time split at the lock: before taking it, holding
 * it, after it. The hold is the longest stretch under the lock (a probe that
 * takes it and gives it back at once is not the hold).
 */
function profileOf(rt: Runtime, fn: () => void): { pre: number; hold: number; post: number } {
  const entries: { ms: number; lockHeld: boolean }[] = [];
  rt.meter.tracer = (e) => entries.push({ ms: e.ms, lockHeld: e.lockHeld });
  const before = rt.meter.snapshot().modelledMs;
  try {
    fn();
  } finally {
    rt.meter.tracer = null;
  }
  let best = { from: entries.length, to: entries.length, ms: -1 };
  for (let i = 0; i < entries.length; ) {
    if (!entries[i]!.lockHeld) {
      i++;
      continue;
    }
    let j = i;
    let ms = 0;
    while (j < entries.length && entries[j]!.lockHeld) ms += entries[j++]!.ms;
    if (ms > best.ms) best = { from: i, to: j, ms };
    i = j;
  }
  const sum = (a: number, b: number) => entries.slice(a, b).reduce((t, e) => t + e.ms, 0);
  const pre = sum(0, best.from);
  const hold = Math.max(0, best.ms);
  // Cells and the commit at the end are not calls: they go with what follows the hold.
  const post = rt.meter.snapshot().modelledMs - before - pre - hold;
  return { pre, hold, post: Math.max(0, post) };
}

/** Measures the executions on the bundle, then replays the burst. `person(i)` makes the i-th new customer. */
export function simulateBurst(rt: Runtime, person: (i: number) => RawRecord): BurstOutcome {
  let seq = 0;
  const direct = profileOf(rt, () => submitVia(rt, 'form', [person(++seq)]));
  // A deferred submission: the lock is busy at its probe. (The first of a burst also asks for the batch
  // run, a trigger and a property more: counted in every one, as if each asked.)
  rt.faults.lockTimeout = true;
  const deferred = profileOf(rt, () => submitVia(rt, 'form', [person(++seq)]));
  const waiting: RawRecord[] = Array.from({ length: 9 }, () => person(++seq));
  submitVia(rt, 'form', waiting);
  rt.faults.lockTimeout = false;
  // The batch run over 10 waiting responses, then over 50.
  const batch10 = profileOf(rt, () => rt.run('intakeContinue'));
  rt.faults.lockTimeout = true;
  submitVia(rt, 'form', Array.from({ length: 50 }, () => person(++seq)));
  rt.faults.lockTimeout = false;
  const batch50 = profileOf(rt, () => rt.run('intakeContinue'));
  const per = (k: 'pre' | 'hold' | 'post') => (batch50[k] - batch10[k]) / 40;
  const fixed = (k: 'pre' | 'hold' | 'post') => Math.max(0, batch10[k] - 10 * per(k));
  const profile = {
    directPreMs: direct.pre,
    directLockMs: direct.hold,
    directPostMs: direct.post,
    deferredMs: deferred.pre + deferred.hold + deferred.post,
    batch: {
      readFixedMs: fixed('pre'), readPerResponseMs: per('pre'),
      lockFixedMs: fixed('hold'), lockPerResponseMs: per('hold'),
      mailFixedMs: fixed('post'), mailPerResponseMs: per('post'),
    },
  };
  return { ...replay(profile), profile };
}

type Profile = BurstOutcome['profile'];

/** The timeline: arrivals every GAP_MS against one lock (free again at `lockFree`). */
function replay(p: Profile): Omit<BurstOutcome, 'profile'> {
  let lockFree = 0;
  let runtime = 0;
  let filedDirectly = 0;
  let deferredCount = 0;
  let batchRuns = 0;
  let maxDelay = 0;
  /** Arrival times of responses waiting in the Form. */
  const waiting: number[] = [];
  let batchAt: number | null = null;
  const take = (want: number, wait: number): number | null => (lockFree - want <= wait ? Math.max(want, lockFree) : null);

  const runBatch = (at: number): void => {
    batchRuns += 1;
    batchAt = null;
    const b = p.batch;
    let clock = at;
    // The run reads what waits, a batch at a time within its budget: the responses outside the lock,
    // their filing under it (waiting up to 20 s), the mail after. (Replayed whole when it starts.)
    while (waiting.length && clock - at < BATCH_BUDGET_MS) {
      const n = Math.min(BATCH_SIZE, waiting.length);
      clock += b.readFixedMs + b.readPerResponseMs * n;
      const got = take(clock, BATCH_WAIT_MS);
      if (got === null) {
        clock += BATCH_WAIT_MS;
        break;
      }
      lockFree = got + b.lockFixedMs + b.lockPerResponseMs * n;
      clock = lockFree + b.mailFixedMs + b.mailPerResponseMs * n;
      for (const a of waiting.splice(0, n)) maxDelay = Math.max(maxDelay, lockFree - a);
    }
    runtime += clock - at;
    if (waiting.length) batchAt = clock + BATCH_AFTER_MS;
  };

  for (let i = 0; i < ARRIVALS; i++) {
    const t = i * GAP_MS;
    while (batchAt !== null && batchAt <= t) runBatch(batchAt);
    const stepAside = () => {
      deferredCount += 1;
      waiting.push(t);
      batchAt ??= t + BATCH_AFTER_MS;
    };
    if (lockFree > t) {
      runtime += p.deferredMs;
      stepAside();
      continue;
    }
    const wantAt = t + p.directPreMs;
    const got = take(wantAt, FORM_WAIT_MS);
    if (got === null) {
      runtime += p.directPreMs + FORM_WAIT_MS + p.deferredMs;
      stepAside();
      continue;
    }
    lockFree = got + p.directLockMs;
    runtime += got - t + p.directLockMs + p.directPostMs;
    filedDirectly += 1;
    maxDelay = Math.max(maxDelay, lockFree - t);
  }
  // After the burst: the pending batch runs until nothing waits (or it stops asking).
  for (let guard = 0; batchAt !== null && guard < 100; guard++) runBatch(batchAt);
  return {
    arrivals: ARRIVALS,
    perMinute: 60_000 / GAP_MS,
    filedDirectly,
    deferred: deferredCount,
    batchRuns,
    leftForSweep: waiting.length,
    triggerRuntimeMs: Math.round(runtime),
    maxDelayMs: Math.round(maxDelay),
  };
}
