/**
 * DIR/state.json, the source of truth of a state folder: pretty JSON of the
 * RuntimeState exactly, so loading and saving a state changes nothing, byte
 * for byte. Every refusal is a CliError in plain words and leaves the files
 * as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CliError, fileReason } from '../cli/messages';
import { STATE_FORMAT, STATE_VERSION, type RuntimeState } from '../runtime/state';
import { ensureDir, errorCode, writeFileAtomic } from './atomic';

export const STATE_FILE = 'state.json';

export function stateFilePath(dir: string): string {
  return path.join(dir, STATE_FILE);
}

/** True when DIR already holds a state.json (whatever its content). */
export function hasState(dir: string): boolean {
  return fs.existsSync(stateFilePath(dir));
}

export function serializeState(state: RuntimeState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

export function loadState(dir: string): RuntimeState {
  const file = stateFilePath(dir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = errorCode(err);
    if (code === 'ENOTDIR' && fs.existsSync(dir)) throw new CliError('stateNotFolder', { dir });
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliError('noState', { dir });
    throw new CliError('unreadable', { file, detail: fileReason(code) });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const detail = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ');
    throw new CliError('corruptState', { file, detail });
  }
  return checkState(data, file);
}

export interface SaveOptions {
  /** Refuse when DIR already holds a state (init without --force). */
  refuseExisting?: boolean;
}

/** Writes DIR/state.json atomically, creating DIR when needed. */
export function saveState(dir: string, state: RuntimeState, opts: SaveOptions = {}): void {
  if (opts.refuseExisting && hasState(dir)) throw new CliError('stateExists', { dir });
  ensureDir(dir);
  writeFileAtomic(stateFilePath(dir), serializeState(state));
}

/** Our format and a version we can read, with the parts every command relies on. */
function checkState(data: unknown, file: string): RuntimeState {
  if (!isRecord(data) || data.format !== STATE_FORMAT) throw new CliError('notOurFormat', { file });
  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CliError('damagedState', { file, detail: 'version' });
  }
  if (version > STATE_VERSION) throw new CliError('newerState', { file, found: version, supported: STATE_VERSION });
  const missing = missingPart(data);
  if (missing) throw new CliError('damagedState', { file, detail: missing });
  // UrlFetchApp's side is absent in states from before it was modelled (and until the first request); when there, it must be whole.
  if (data.http !== undefined) {
    const http = data.http;
    if (!isRecord(http)) throw new CliError('damagedState', { file, detail: 'http' });
    for (const part of ['outbox', 'responders'] as const) {
      if (!Array.isArray(http[part])) throw new CliError('damagedState', { file, detail: `http.${part}` });
    }
  }
  // A state from before account kinds were modelled was a Workspace domain.
  if (data.accounts === undefined) data.accounts = 'workspace';
  // Triggers saved before triggers had owners were all the owner's.
  for (const trigger of data.triggers as Record<string, unknown>[]) {
    if (isRecord(trigger) && trigger.owner === undefined) trigger.owner = data.owner;
  }
  // States from before Google's errors were worded in the owner's language were English.
  if (data.language === undefined) data.language = 'en';
  // Mail quotas were one global day count; they are per user and per 24-hour window now.
  if (data.usage === undefined) {
    const mail = data.mail as Record<string, unknown>;
    data.limits = typeof mail.dailyLimit === 'number' && mail.dailyLimit !== 100 ? { mailRecipients: mail.dailyLimit } : {};
    data.usage = {};
    data.mail = { sent: mail.sent };
  }
  // Forms saved before the publishing rule was modelled were published and open to anyone then.
  for (const form of data.forms as Record<string, unknown>[]) {
    if (isRecord(form) && form.published === undefined) Object.assign(form, { published: true, requireLogin: false, fileName: form.title });
  }
  return data as unknown as RuntimeState;
}

/** The first required part that is absent or of the wrong kind, by its JSON path. */
function missingPart(data: Record<string, unknown>): string | undefined {
  const checks: [string, (v: unknown) => boolean][] = [
    ['clock', isFiniteNumber],
    ['createdAt', isFiniteNumber],
    ['timeZone', isString],
    ['owner', isString],
    ['rng', isRecord],
    ['spreadsheet', isRecord],
    ['spreadsheet.timeZone', isString],
    ['spreadsheet.sheets', isArrayOf(isSheet)],
    ['forms', Array.isArray],
    ['triggers', Array.isArray],
    ['properties', isRecord],
    ['cache', isRecord],
    ['mail', isRecord],
    ['mail.sent', Array.isArray],
    ['logs', Array.isArray],
  ];
  for (const [at, ok] of checks) {
    if (!ok(at.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), data))) return at;
  }
  return undefined;
}

function isSheet(v: unknown): boolean {
  return isRecord(v) && isString(v.name) && Array.isArray(v.rows) && Array.isArray(v.rules);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isString(v: unknown): boolean {
  return typeof v === 'string';
}

function isFiniteNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}

function isArrayOf(item: (v: unknown) => boolean): (v: unknown) => boolean {
  return (v) => Array.isArray(v) && v.every(item);
}
