/**
 * The notes 配置's value cells carry: each row's problem, so a typo is
 * explained where it was typed, and nothing on rows that are fine.
 */
import type { ConfigError } from './config';

/** Starts every note the add-on writes: a note without it is someone's own and is left alone. */
export const CONFIG_NOTE_MARK = '⚠ ';

/**
 * The notes of the value column (`current[i]` is the note of sheet row
 * `firstRow + i`) after a read of 配置 found `problems`: one note per problem
 * row (several problems of a row on separate lines), the add-on's old notes
 * taken away. A note someone wrote stays as it is, even on a row with a
 * problem (the problem still shows in setup's summary and in 自检).
 */
export function configNotes(current: readonly string[], problems: readonly ConfigError[], firstRow: number): string[] {
  const byRow = new Map<number, string[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.note]);
  return current.map((note, i) => {
    const ours = note === '' || note.startsWith(CONFIG_NOTE_MARK);
    if (!ours) return note;
    const found = byRow.get(firstRow + i);
    return found ? CONFIG_NOTE_MARK + found.join('\n') : '';
  });
}
