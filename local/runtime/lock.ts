/**
 * Emulated LockService. One holder per lock (an execution id); the holding
 * execution may re-acquire. With no real concurrency, a lock held by another
 * (interleaved) execution can never be obtained: tryLock gives up after the
 * timeout has passed on the emulated clock, waitLock throws. Locks live in
 * memory only and end with their execution (releaseAll).
 */
import type { Env, Execution } from './env';
import type { Emulates } from './emulates';
import { googleError } from './google-errors';


export class LockEmu implements Emulates<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'hasLock' | 'releaseLock'> {
  constructor(
    private readonly env: Env,
    private readonly service: LockServiceEmu,
    /** 'script', 'document' or 'user:<email>'. */
    private readonly key: string,
  ) {}

  /** A negative timeout never obtains the lock, even a free one (live-verified: tryLock(-1) is false). */
  tryLock(timeoutInMillis: number): boolean {
    this.env.meter.call('Lock', 'Lock.tryLock');
    if (Number(timeoutInMillis) < 0) return false;
    return this.acquire(timeoutInMillis);
  }

  /** A negative timeout throws (live-verified: waitLock(-1) throws). */
  waitLock(timeoutInMillis: number): void {
    this.env.meter.call('Lock', 'Lock.waitLock');
    if (Number(timeoutInMillis) < 0 || !this.acquire(timeoutInMillis)) throw googleError(this.env, 'lockTimeout');
  }

  hasLock(): boolean {
    this.env.meter.call('Lock', 'Lock.hasLock');
    return this.service.holderOf(this.key) === this.env.execution.id;
  }

  releaseLock(): void {
    this.env.meter.call('Lock', 'Lock.releaseLock');
    this.service.release(this.key, this.env.execution);
  }

  private acquire(timeoutInMillis: number): boolean {
    const execution = this.env.execution;
    const holder = this.service.holderOf(this.key);
    if (!this.env.meter.faults.lockTimeout && (holder === undefined || holder === execution.id)) {
      this.service.hold(this.key, execution);
      return true;
    }
    // Waited the whole timeout in vain: it counts against the execution's time.
    this.env.advance(Math.max(0, Math.floor(Number(timeoutInMillis) || 0)));
    return false;
  }
}

export class LockServiceEmu implements Emulates<GoogleAppsScript.Lock.LockService, 'getScriptLock' | 'getDocumentLock' | 'getUserLock'> {
  /** Lock key → id of the execution holding it. */
  private readonly holders = new Map<string, number>();

  constructor(private readonly env: Env) {}

  getScriptLock(): LockEmu {
    this.env.meter.call('Lock', 'LockService.getScriptLock');
    return new LockEmu(this.env, this, 'script');
  }

  getDocumentLock(): LockEmu {
    this.env.meter.call('Lock', 'LockService.getDocumentLock');
    return new LockEmu(this.env, this, 'document');
  }

  getUserLock(): LockEmu {
    this.env.meter.call('Lock', 'LockService.getUserLock');
    const ex = this.env.execution;
    return new LockEmu(this.env, this, `user:${ex.activeUser || ex.effectiveUser}`);
  }

  /** Host: releases every lock the execution still holds (called when it ends). */
  releaseAll(execution: Execution): void {
    for (const key of execution.locks) {
      if (this.holders.get(key) !== execution.id) continue;
      this.holders.delete(key);
      this.env.meter.lockReleased(key);
    }
    execution.locks.clear();
  }

  holderOf(key: string): number | undefined {
    return this.holders.get(key);
  }

  hold(key: string, execution: Execution): void {
    this.holders.set(key, execution.id);
    execution.locks.add(key);
    this.env.meter.lockAcquired(key);
  }

  release(key: string, execution: Execution): void {
    if (this.holders.get(key) === execution.id) {
      this.holders.delete(key);
      this.env.meter.lockReleased(key);
    }
    execution.locks.delete(key);
  }
}
