/**
 * A CLI session over a state folder: load the state, run the built bundle on
 * it, save the folder (outbox, state.json, workbook.xlsx) when done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Runtime } from '../runtime/runtime';
import type { RuntimeState } from '../runtime/state';
import { hasState, loadState, saveState, type SaveOptions } from '../persist/state-file';
import { writeWorkbook, WORKBOOK_FILE } from '../persist/workbook';
import { writeOutbox } from '../persist/outbox';
import { CliError } from './messages';

/** The repository root (dist/ lives there, whatever the working directory). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(REPO_ROOT, 'dist');

/** A runtime over `state` with the built bundle, its manifest and its HTML files loaded, as clasp pushes them. */
export function startRuntime(state: RuntimeState): Runtime {
  const bundle = path.join(DIST_DIR, 'Code.js');
  if (!fs.existsSync(bundle)) throw new CliError('buildMissing', { file: bundle });
  const runtime = new Runtime(state);
  const manifest = readManifest();
  if (manifest !== null) runtime.setManifest(manifest);
  runtime.services.HtmlService.htmlFiles = readHtmlFiles();
  // The absolute path names the script as V8 reports it, so coverage can find it.
  runtime.load(fs.readFileSync(bundle, 'utf8'), bundle);
  return runtime;
}

export function openRuntime(dir: string): { runtime: Runtime; state: RuntimeState } {
  const state = loadState(dir);
  return { runtime: startRuntime(state), state };
}

/** Saves the folder: new emails first (they record their file names in the state), then state.json, then the workbook. */
export async function saveSession(dir: string, runtime: Runtime, opts: SaveOptions = {}): Promise<void> {
  const state = runtime.state;
  if (opts.refuseExisting && hasState(dir)) throw new CliError('stateExists', { dir });
  await writeOutbox(dir, state);
  saveState(dir, state);
  await writeWorkbook(path.join(dir, WORKBOOK_FILE), state);
}

/** dist/*.html by file name without the extension, as createHtmlOutputFromFile names them. */
function readHtmlFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(DIST_DIR)) {
    if (name.endsWith('.html')) files[name.slice(0, -'.html'.length)] = fs.readFileSync(path.join(DIST_DIR, name), 'utf8');
  }
  return files;
}

/** The manifest the build put beside the bundle (dist/appsscript.json), else the repository's; null when neither is there. */
function readManifest(): Record<string, unknown> | null {
  for (const file of [path.join(DIST_DIR, 'appsscript.json'), path.join(REPO_ROOT, 'appsscript.json')]) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  }
  return null;
}

/** The script time zone from the manifest (appsscript.json), as Apps Script uses it. */
export function scriptTimeZone(): string {
  const timeZone = readManifest()?.timeZone;
  return typeof timeZone === 'string' ? timeZone : 'Asia/Shanghai';
}
