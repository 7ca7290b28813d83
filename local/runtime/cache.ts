/**
 * Emulated CacheService: script, document and per-user caches in
 * state.cache (keys prefixed by scope), expiring by the emulated clock.
 */
import type { Env } from './env';
import type { Emulates } from './emulates';

const DEFAULT_TTL_S = 600;
const MAX_TTL_S = 21_600;
const MAX_KEY_CHARS = 250;
const MAX_VALUE_BYTES = 100 * 1024;

export class CacheEmu
  implements Emulates<GoogleAppsScript.Cache.Cache, 'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'>
{
  constructor(
    private readonly env: Env,
    /** 'script:', 'document:' or 'user:<email>:'. */
    private readonly prefix: string,
  ) {}

  get(key: string): string | null {
    this.env.meter.call('Cache', 'Cache.get');
    return this.read(String(key));
  }

  getAll(keys: string[]): { [key: string]: string } {
    this.env.meter.call('Cache', 'Cache.getAll');
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this.read(String(key));
      if (v !== null) out[String(key)] = v;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.env.meter.call('Cache', 'Cache.put');
    const entry = this.checked(String(key), String(value));
    this.store(entry.key, entry.value, expirationInSeconds);
  }

  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    this.env.meter.call('Cache', 'Cache.putAll');
    // Check everything first: a refused batch stores nothing.
    const entries = Object.entries(values).map(([k, v]) => this.checked(k, String(v)));
    for (const e of entries) this.store(e.key, e.value, expirationInSeconds);
  }

  remove(key: string): void {
    this.env.meter.call('Cache', 'Cache.remove');
    delete this.env.state.cache[this.prefix + String(key)];
  }

  removeAll(keys: string[]): void {
    this.env.meter.call('Cache', 'Cache.removeAll');
    for (const key of keys) delete this.env.state.cache[this.prefix + String(key)];
  }

  private read(key: string): string | null {
    const full = this.prefix + key;
    const entry = this.env.state.cache[full];
    if (!entry) return null;
    if (entry.expires <= this.env.now()) {
      delete this.env.state.cache[full];
      return null;
    }
    return entry.value;
  }

  private checked(key: string, value: string): { key: string; value: string } {
    if (key.length > MAX_KEY_CHARS) throw this.env.meter.error('Exception: Argument too large: key');
    if (Buffer.byteLength(value) > MAX_VALUE_BYTES) throw this.env.meter.error('Exception: Argument too large: value');
    return { key, value };
  }

  private store(key: string, value: string, ttlSeconds: number | undefined): void {
    // Expirations beyond the 6-hour maximum are cut to it.
    const ttl = Math.min(MAX_TTL_S, Math.max(1, Math.floor(ttlSeconds ?? DEFAULT_TTL_S)));
    this.env.state.cache[this.prefix + key] = { value, expires: this.env.now() + ttl * 1000 };
  }
}

export class CacheServiceEmu implements Emulates<GoogleAppsScript.Cache.CacheService, 'getScriptCache' | 'getDocumentCache' | 'getUserCache'> {
  constructor(private readonly env: Env) {}

  getScriptCache(): CacheEmu {
    this.env.meter.call('Cache', 'CacheService.getScriptCache');
    return new CacheEmu(this.env, 'script:');
  }

  getDocumentCache(): CacheEmu {
    this.env.meter.call('Cache', 'CacheService.getDocumentCache');
    return new CacheEmu(this.env, 'document:');
  }

  getUserCache(): CacheEmu {
    this.env.meter.call('Cache', 'CacheService.getUserCache');
    const ex = this.env.execution;
    return new CacheEmu(this.env, `user:${ex.activeUser || ex.effectiveUser}:`);
  }
}
