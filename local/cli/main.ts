/**
 * The CLI entry: `npm run --silent cli -- <command> [options]` (docs/local-runtime.md).
 * Exit codes: 0 success, 1 some input rejected, 2 usage error or an unusable
 * state folder. Errors go to stderr in plain words, zh-CN unless `--lang en`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { usageError, type Command, type OptionValues, type OptionsSpec, type Output } from './command';
import { commands } from './commands';
import { CliError, parseLang, t, type Lang } from './messages';

export const DEFAULT_STATE_DIR = './local-state';

const COMMON_OPTIONS = {
  state: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsSpec;

export async function main(argv: string[], io: Output): Promise<number> {
  let lang: Lang = 'zh-CN';
  try {
    lang = langOf(argv);
    const [name, ...rest] = argv;
    if (name === undefined) throw new CliError('noCommand', {}, 2, { key: 'helpHint' });
    if (name === '--help' || name === '-h' || name === 'help') {
      io.out(generalHelp(lang));
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw new CliError('unknownCommand', { command: name }, 2, { key: 'helpHint' });
    return await runCommand(command, rest, lang, io);
  } catch (err) {
    if (err instanceof CliError) {
      // One line: the problem, then where to look.
      const hint = err.hint ? (lang === 'en' ? '; ' : '；') + t(lang, err.hint.key, err.hint.params) : '';
      io.err(err.describe(lang) + hint);
      return err.exitCode;
    }
    io.err(t(lang, 'internalError', { detail: err instanceof Error ? err.message : String(err) }));
    return 1;
  }
}

async function runCommand(command: Command, args: string[], lang: Lang, io: Output): Promise<number> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { ...command.options, ...COMMON_OPTIONS }, strict: true, allowPositionals: true });
  } catch (err) {
    throw parseError(command.name, err);
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(commandHelp(command, lang));
    return 0;
  }
  const specs = command.positionals ?? [];
  if (positionals.length > specs.length) throw usageError(command.name, 'unexpectedArgument', { arg: positionals[specs.length]! });
  const missing = specs.find((p, i) => p.required && positionals[i] === undefined);
  if (missing) throw usageError(command.name, 'missingArgument', { name: missing.name });
  const cwd = userCwd();
  const stateDir = path.resolve(cwd, typeof values.state === 'string' ? values.state : (command.defaultStateDir ?? DEFAULT_STATE_DIR));
  return command.run({
    lang,
    cwd,
    stateDir,
    values: values as OptionValues<OptionsSpec>,
    positionals,
    out: io.out,
    err: io.err,
    t: (key, params) => t(lang, key, params),
  });
}

/**
 * The directory the user ran the command in: `npm run` moves to the package
 * root and keeps the caller's directory in INIT_CWD.
 */
function userCwd(): string {
  const fromNpm = process.env.npm_lifecycle_event === 'cli' ? process.env.INIT_CWD : undefined;
  return fromNpm || process.cwd();
}

/** `--lang` is read before anything else, so that every message can use it. */
function langOf(argv: string[]): Lang {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--lang') value = argv[i + 1];
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
  });
  if (value === undefined) return 'zh-CN';
  const lang = parseLang(value);
  if (!lang) throw new CliError('badLang', { value }, 2, { key: 'helpHint' });
  return lang;
}

/** parseArgs' errors (strict mode) in plain words. */
function parseError(command: string, err: unknown): CliError {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return usageError(command, 'unknownOption', { option: quoted });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = quoted.replace(/ <value>$/, '');
      const key = /does not take an argument/.test(message) ? 'badOptionValue' : 'missingValue';
      return usageError(command, key, { option });
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return usageError(command, 'unexpectedArgument', { arg: quoted });
    default:
      throw err;
  }
}

function generalHelp(lang: Lang): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    t(lang, 'helpTitle'),
    '',
    t(lang, 'helpUsage'),
    '',
    t(lang, 'helpCommands'),
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary[lang]}`),
    '',
    t(lang, 'helpCommon'),
    '',
    t(lang, 'helpMore'),
  ].join('\n');
}

function commandHelp(command: Command, lang: Lang): string {
  return [command.summary[lang], '', command.usage[lang], '', t(lang, 'helpCommon')].join('\n');
}

if (require.main === module) {
  // A closed pipe (`… | head`) ends the output quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const io: Output = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
