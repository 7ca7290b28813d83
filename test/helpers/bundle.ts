/** Reads the built bundle and the manifest for the static bundle tests. */
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BUNDLE_PATH = path.join(ROOT, 'dist', 'Code.js');

export function bundleSource(): string {
  return fs.readFileSync(BUNDLE_PATH, 'utf8');
}

export function parseBundle(source = bundleSource()): acorn.Program {
  // sourceType 'script': an import or export anywhere is a syntax error.
  return acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
}

export function entryPointNames(): string[] {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'entry-points.json'), 'utf8')) as string[];
}

export function manifest(): { timeZone: string; runtimeVersion: string; oauthScopes: string[] } {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8'));
}
