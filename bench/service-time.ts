/**
 * Measures host CPU time spent inside the emulated services' methods. In real
 * Apps Script that work (scanning cells for a TextFinder, storing values) is
 * done by Google's servers, not billed to the script's CPU, so the bench
 * reports it apart from the script's own CPU.
 */
import type { Meter } from '../local/runtime/meter';
import * as spreadsheet from '../local/runtime/spreadsheet';
import * as form from '../local/runtime/form';
import * as mail from '../local/runtime/mail';
import * as properties from '../local/runtime/properties';
import * as lock from '../local/runtime/lock';
import * as cache from '../local/runtime/cache';
import * as utilities from '../local/runtime/utilities';
import * as session from '../local/runtime/session';
import * as scriptApp from '../local/runtime/script-app';
import * as content from '../local/runtime/content';
import * as logger from '../local/runtime/logger';

const MODULES: Record<string, unknown>[] = [spreadsheet, form, mail, properties, lock, cache, utilities, session, scriptApp, content, logger];
let installed: Meter | null = null;
let depth = 0;

/** Wraps every method of every emulated service class once; the time goes to `meter`. */
export function measureServiceTime(meter: Meter): void {
  if (installed) {
    installed = meter;
    return;
  }
  installed = meter;
  for (const mod of MODULES) {
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function' || !name.endsWith('Emu')) continue;
      const proto = (value as { prototype: object }).prototype;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const desc = Object.getOwnPropertyDescriptor(proto, key);
        if (key === 'constructor' || !desc || typeof desc.value !== 'function') continue;
        const original = desc.value as (...a: unknown[]) => unknown;
        Object.defineProperty(proto, key, {
          ...desc,
          value: function timed(this: unknown, ...args: unknown[]): unknown {
            if (depth > 0) return original.apply(this, args);
            depth += 1;
            const t0 = process.cpuUsage();
            try {
              return original.apply(this, args);
            } finally {
              depth -= 1;
              const d = process.cpuUsage(t0);
              installed?.addServiceTime((d.user + d.system) / 1000);
            }
          },
        });
      }
    }
  }
}
