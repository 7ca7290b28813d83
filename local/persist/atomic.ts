/**
 * Atomic file writes: the data goes to a temporary file beside the target,
 * which then replaces it in one rename, so a crash or a full disk never
 * leaves a half-written file. Failures become a plain-words CliError.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CliError, fileReason } from '../cli/messages';

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw unwritable(file, err);
  }
}

/** Creates a folder (and its parents) or says in plain words why it cannot. */
export function ensureDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw unwritable(dir, err);
  }
}

export function unwritable(target: string, err: unknown): CliError {
  return new CliError('unwritable', { path: target, detail: fileReason(errorCode(err)) });
}

/** The errno code of a file-system error (e.g. EACCES), else its message. */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const message = (err as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return String(err);
}
