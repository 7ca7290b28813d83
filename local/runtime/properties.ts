/**
 * Emulated PropertiesService: script, document and per-user stores in
 * state.properties, with Apps Script's size limits.
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import { googleError } from './google-errors';

/** Apps Script's quotas: 9 KB a value, 500 KB a store. */
const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

type Scope = 'script' | 'document' | 'user';

function storeBytes(store: Record<string, string>): number {
  let n = 0;
  for (const [k, v] of Object.entries(store)) n += Buffer.byteLength(k) + Buffer.byteLength(v);
  return n;
}

export class PropertiesEmu
  implements
    Emulates<
      GoogleAppsScript.Properties.Properties,
      'getProperty' | 'setProperty' | 'getProperties' | 'setProperties' | 'deleteProperty' | 'deleteAllProperties' | 'getKeys'
    >
{
  constructor(
    private readonly env: Env,
    private readonly scope: Scope,
    /** The owner of a user store. */
    private readonly user: string,
  ) {}

  getProperty(key: string): string | null {
    this.env.meter.call('Properties', 'Properties.getProperty');
    const store = this.store();
    const k = String(key);
    return Object.prototype.hasOwnProperty.call(store, k) ? store[k]! : null;
  }

  setProperty(key: string, value: string): PropertiesEmu {
    this.env.meter.call('Properties', 'Properties.setProperty');
    this.write({ [String(key)]: String(value) }, false);
    return this;
  }

  getProperties(): { [key: string]: string } {
    this.env.meter.call('Properties', 'Properties.getProperties');
    return { ...this.store() };
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers?: boolean): PropertiesEmu {
    this.env.meter.call('Properties', 'Properties.setProperties');
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(properties)) values[k] = String(v);
    this.write(values, deleteAllOthers === true);
    return this;
  }

  deleteProperty(key: string): PropertiesEmu {
    this.env.meter.call('Properties', 'Properties.deleteProperty');
    delete this.store()[String(key)];
    return this;
  }

  deleteAllProperties(): PropertiesEmu {
    this.env.meter.call('Properties', 'Properties.deleteAllProperties');
    this.replaceStore({});
    return this;
  }

  getKeys(): string[] {
    this.env.meter.call('Properties', 'Properties.getKeys');
    return Object.keys(this.store());
  }

  /** Checks the limits first, so a refused write changes nothing. */
  private write(values: Record<string, string>, replace: boolean): void {
    for (const v of Object.values(values)) {
      if (Buffer.byteLength(v) > MAX_VALUE_BYTES) throw this.env.meter.error('Exception: Argument too large: value');
    }
    const next = replace ? { ...values } : { ...this.store(), ...values };
    if (storeBytes(next) > MAX_STORE_BYTES) {
      throw googleError(this.env, 'propertyQuota');
    }
    this.replaceStore(next);
  }

  private store(): Record<string, string> {
    const p = this.env.state.properties;
    if (this.scope !== 'user') return p[this.scope];
    return (p.user[this.user] ??= {});
  }

  private replaceStore(next: Record<string, string>): void {
    const p = this.env.state.properties;
    if (this.scope === 'user') p.user[this.user] = next;
    else p[this.scope] = next;
  }
}

export class PropertiesServiceEmu
  implements Emulates<GoogleAppsScript.Properties.PropertiesService, 'getScriptProperties' | 'getDocumentProperties' | 'getUserProperties'>
{
  constructor(private readonly env: Env) {}

  getScriptProperties(): PropertiesEmu {
    this.env.meter.call('Properties', 'PropertiesService.getScriptProperties');
    return new PropertiesEmu(this.env, 'script', '');
  }

  getDocumentProperties(): PropertiesEmu {
    this.env.meter.call('Properties', 'PropertiesService.getDocumentProperties');
    return new PropertiesEmu(this.env, 'document', '');
  }

  /** The store of the user running the script (the effective user when the active one is hidden). */
  getUserProperties(): PropertiesEmu {
    this.env.meter.call('Properties', 'PropertiesService.getUserProperties');
    const ex = this.env.execution;
    return new PropertiesEmu(this.env, 'user', ex.activeUser || ex.effectiveUser);
  }
}
