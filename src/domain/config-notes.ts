/**
 * The notes 配置's value cells carry: each row's problem, so a typo is
 * explained where it was typed, and nothing on rows that are fine.
 */
import type { ConfigError } from './config';

/** Starts every note the add-on writes about a problem: a note without a mark is someone's own and is left alone. */
export const CONFIG_NOTE_MARK = '⚠ ';
/** Starts the note that tells what an edit changed outside 配置 (the Form); the next edit takes it away. */
export const CONFIG_INFO_MARK = 'ℹ ';

/**
 * The notes of the value column (`current[i]` is the note of sheet row
 * `firstRow + i`) after a read of 配置 found `problems`: one note per problem
 * row (several problems of a row on separate lines), the add-on's old notes
 * taken away. A note someone wrote stays as it is, even on a row with a
 * problem (the problem still shows in setup's summary and in 自检). `info`
 * is what the edit of one row changed, noted there unless the row has a problem.
 */
export function configNotes(current: readonly string[], problems: readonly ConfigError[], firstRow: number, info?: { row: number; note: string }): string[] {
  const byRow = new Map<number, string[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.note]);
  return current.map((note, i) => {
    const ours = note === '' || note.startsWith(CONFIG_NOTE_MARK) || note.startsWith(CONFIG_INFO_MARK);
    if (!ours) return note;
    const found = byRow.get(firstRow + i);
    if (found) return CONFIG_NOTE_MARK + found.join('\n');
    return info && info.row === firstRow + i ? CONFIG_INFO_MARK + info.note : '';
  });
}
