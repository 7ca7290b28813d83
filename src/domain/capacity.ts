/**
 * How full the workbook is. Google Sheets holds at most 10 million cells a
 * spreadsheet, counting every cell of every sheet's grid, used or not (Drive
 * help, "Files you can store in Google Drive"); past that no row can be
 * added and intake stops. The self-check and the reports warn well before.
 */

export const MAX_CELLS = 10_000_000;
/** The share of the cap past which the self-check fails and the reports warn. */
export const CELLS_WARN_SHARE = 0.7;

export interface CellUsage {
  cells: number;
  /** cells ÷ MAX_CELLS, 0–1 (more when a grid is already past it). */
  share: number;
  warn: boolean;
}

/** The usage of grids of these sizes (rows × columns each). */
export function cellUsage(grids: readonly { rows: number; columns: number }[]): CellUsage {
  const cells = grids.reduce((n, g) => n + g.rows * g.columns, 0);
  const share = cells / MAX_CELLS;
  return { cells, share, warn: share >= CELLS_WARN_SHARE };
}

/** The share as a whole percent, for messages. */
export function usagePercent(u: CellUsage): number {
  return Math.round(u.share * 100);
}
