/** Builds the naive baseline (bench/naive/*.ts) into one classic script of top-level functions. */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

export function naiveBundle(): string {
  const dir = path.join(__dirname, 'naive');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => transformSync(fs.readFileSync(path.join(dir, f), 'utf8'), { loader: 'ts', target: 'es2020' }).code)
    .join('\n');
}
