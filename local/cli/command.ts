/**
 * The shape of a CLI command (one file each under commands/) and what it is
 * given when it runs. Options are node:util parseArgs specs; `--state`,
 * `--lang` and `--help` are added to every command.
 */
import type { ParseArgsConfig } from 'node:util';
import { parseDuration, parseTime, renderTable } from './format';
import { CliError, type Lang, type Localized, type MessageKey, type MessageParams } from './messages';

export type OptionsSpec = NonNullable<ParseArgsConfig['options']>;
type OptionSpec = OptionsSpec[string];

type OptionValue<C extends OptionSpec> = C extends { type: 'boolean' }
  ? C extends { multiple: true }
    ? boolean[]
    : boolean
  : C extends { multiple: true }
    ? string[]
    : string;

/** Parsed option values, typed from the command's spec. */
export type OptionValues<O extends OptionsSpec> = { [K in keyof O]?: OptionValue<O[K]> };

export interface PositionalSpec {
  /** As shown in messages, e.g. SHEET. */
  name: string;
  required: boolean;
}

/** Where a command writes: whole lines, without their newline. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export interface CommandContext<V> extends Output {
  lang: Lang;
  /** The user's working directory: resolve file arguments against it. */
  cwd: string;
  /** `--state`, resolved against `cwd`. */
  stateDir: string;
  values: V;
  positionals: string[];
  t(key: MessageKey, params?: MessageParams): string;
}

export interface Command<O extends OptionsSpec = OptionsSpec> {
  name: string;
  /** One line for the command list of `--help`. */
  summary: Localized;
  /** The syntax and option lines shown by `<command> --help`. */
  usage: Localized;
  options: O;
  positionals?: PositionalSpec[];
  /** `--state` when not given, if not ./local-state (the demo keeps its own). */
  defaultStateDir?: string;
  /** Returns the exit code: 0 success, 1 some input rejected. Throws CliError for usage errors. */
  run(ctx: CommandContext<OptionValues<O>>): Promise<number> | number;
}

/** Declares a command with its option values typed from its spec. */
export function defineCommand<const O extends OptionsSpec>(command: Command<O>): Command<O> {
  return command;
}

/** A usage error (exit 2) followed by a hint to the command's --help. */
export function usageError(command: string, key: MessageKey, params: MessageParams = {}): CliError {
  return new CliError(key, params, 2, { key: 'commandHelpHint', params: { command } });
}

/** A TIME option (ISO 8601; without an offset, in `timeZone`) or a usage error. */
export function readTime(command: string, value: string, timeZone: string): number {
  const ms = parseTime(value, timeZone);
  if (ms === undefined) throw usageError(command, 'badTime', { value });
  return ms;
}

/** A DURATION option (`3d`, `2h`, `90m`, `1d12h`) or a usage error. */
export function readDuration(command: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw usageError(command, 'badDuration', { value });
  return ms;
}

/** A positive whole number or a usage error. */
export function readCount(command: string, value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw usageError(command, 'badCount', { value });
  return n;
}

/** The options of a listing of what the add-on sent (`mail`, `http`). */
export const RECENT_OPTIONS = {
  last: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies OptionsSpec;

/**
 * A listing of what the add-on sent, oldest first: the last `--last N` of
 * `all` (all without it), as JSON objects with `--json`, else a table of
 * `header` and `row`s, or `empty` when there is none. Returns the exit code.
 */
export function listRecent<T>(
  ctx: CommandContext<OptionValues<typeof RECENT_OPTIONS>>,
  command: string,
  all: readonly T[],
  show: { json(item: T): unknown; empty: string; header: string[]; row(item: T): string[] },
): number {
  const last = ctx.values.last !== undefined ? readCount(command, ctx.values.last) : undefined;
  const items = last === undefined ? all : all.slice(-last);
  if (ctx.values.json) {
    ctx.out(JSON.stringify(items.map((x) => show.json(x)), null, 2));
    return 0;
  }
  if (items.length === 0) {
    ctx.out(show.empty);
    return 0;
  }
  ctx.out(renderTable([show.header, ...items.map((x) => show.row(x))], 60));
  return 0;
}
