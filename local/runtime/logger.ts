/**
 * Emulated Logger and console: messages go to state.logs (env.log) with the
 * emulated time; Logger keeps the current execution's lines for getLog().
 */
import type { Env } from './env';
import type { Emulates } from './emulates';
import { isDate } from './utilities';

/** One value as Apps Script's log shows it. */
function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isDate(v)) return v.toISOString();
  if (Object.prototype.toString.call(v) === '[object Error]') {
    const e = v as Error;
    return e.stack ?? `${e.name}: ${e.message}`;
  }
  if (v !== null && typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

/** printf-style formatting: %s %d %i %f %o %O %j %%, extra values appended with spaces. */
export function formatMessage(args: unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(show).join(' ');
  let i = 0;
  const text = first.replace(/%([sdifoOj%])/g, (match, spec: string) => {
    if (spec === '%') return '%';
    if (i >= rest.length) return match;
    const v = rest[i++];
    if (spec === 'd' || spec === 'i') return String(Math.trunc(Number(v)));
    if (spec === 'f') return String(Number(v));
    return show(v);
  });
  return [text, ...rest.slice(i).map(show)].join(' ');
}

export class LoggerEmu implements Emulates<GoogleAppsScript.Base.Logger, 'log' | 'getLog' | 'clear'> {
  private lines: string[] = [];
  private executionId = -1;

  constructor(private readonly env: Env) {}

  log(format: unknown, ...values: unknown[]): LoggerEmu {
    this.env.meter.call('Logger', 'Logger.log');
    const message = formatMessage([format, ...values]);
    this.current().push(message);
    this.env.log('INFO', message);
    return this;
  }

  /** The lines logged in this execution, one a line. */
  getLog(): string {
    this.env.meter.call('Logger', 'Logger.getLog');
    return this.current()
      .map((l) => `${l}\n`)
      .join('');
  }

  clear(): void {
    this.env.meter.call('Logger', 'Logger.clear');
    this.current().length = 0;
  }

  private current(): string[] {
    if (this.executionId !== this.env.execution.id) {
      this.executionId = this.env.execution.id;
      this.lines = [];
    }
    return this.lines;
  }
}

export class ConsoleEmu implements Emulates<Console, 'log' | 'info' | 'warn' | 'error'> {
  constructor(private readonly env: Env) {}

  log(...args: unknown[]): void {
    this.write('log', 'INFO', args);
  }

  info(...args: unknown[]): void {
    this.write('info', 'INFO', args);
  }

  warn(...args: unknown[]): void {
    this.write('warn', 'WARNING', args);
  }

  error(...args: unknown[]): void {
    this.write('error', 'ERROR', args);
  }

  private write(method: string, level: string, args: unknown[]): void {
    this.env.meter.call('Logger', `console.${method}`);
    this.env.log(level, formatMessage(args));
  }
}
