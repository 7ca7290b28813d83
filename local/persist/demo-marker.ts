/**
 * DIR/.demo: what tells a folder the demo made from one a person works in.
 * It holds the SHA-256 of the state.json the demo wrote, so the demo replaces
 * its own folder only while nobody has changed it since (a `submit` or
 * `status` there is someone's work, never replaced without --force).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic';
import { stateFilePath } from './state-file';
import { OUTBOX_DIR } from './outbox';
import { WORKBOOK_FILE } from './workbook';

export const DEMO_MARKER = '.demo';

/**
 * What the folder holds: nothing of ours (`empty`), the demo's state as the
 * demo left it (`demo`), the demo's state changed since (`changedDemo`), or
 * a state (or its workbook or outbox) the demo did not make (`other`).
 */
export type DemoFolder = 'empty' | 'demo' | 'changedDemo' | 'other';

export function demoFolder(dir: string): DemoFolder {
  const held = [stateFilePath(dir), path.join(dir, WORKBOOK_FILE), path.join(dir, OUTBOX_DIR)].some((p) => fs.existsSync(p));
  if (!held) return 'empty';
  const marker = readMarker(dir);
  if (!marker) return 'other';
  return marker.stateSha256 === stateDigest(dir) ? 'demo' : 'changedDemo';
}

/** Marks the folder as the demo's, as its state.json stands now. */
export function writeDemoMarker(dir: string): void {
  const marker = { note: 'made by `npm start` (the demo); it replaces this folder only while state.json is as it left it', stateSha256: stateDigest(dir) };
  writeFileAtomic(path.join(dir, DEMO_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

function readMarker(dir: string): { stateSha256: string } | null {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(dir, DEMO_MARKER), 'utf8')) as unknown;
    const digest = (data as { stateSha256?: unknown } | null)?.stateSha256;
    return typeof digest === 'string' ? { stateSha256: digest } : null;
  } catch {
    return null;
  }
}

function stateDigest(dir: string): string {
  try {
    return crypto.createHash('sha256').update(fs.readFileSync(stateFilePath(dir))).digest('hex');
  } catch {
    return '';
  }
}
