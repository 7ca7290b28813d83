/**
 * Setup's formatting of the sheets staff read: widths, frozen naming
 * columns, wrapped long text, and 工单's highlights for overdue and 高
 * tickets (recalculated hourly, so NOW() moves on without an edit).
 */
import { frozenColumns, isOwnHighlight, ticketHighlights, WIDTH } from '../domain/sheet-look';
import { TICKETS, type SheetSpec } from '../sheets/schema';

const NAMING = [TICKETS.col.no, TICKETS.col.customerNo];

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Widths, frozen columns and wrapping of one sheet, by its header row
 * (`known`: as the caller just read or wrote it, which saves two reads).
 */
export function applyLook(sheet: Sheet, spec: SheetSpec, known?: readonly string[]): void {
  const width = known ? known.length : sheet.getLastColumn();
  if (width === 0) return;
  const headers = known ?? sheet.getRange(1, 1, 1, width).getValues()[0]!.map((h) => String(h).trim());
  const byLabel = new Map(spec.columns.map((c) => [c.label, c]));
  const wide = new Set(spec.wide ?? []);
  const widthOf = (label: string): number | null => {
    if (wide.has(label)) return WIDTH.wide;
    if ((NAMING as string[]).includes(label)) return WIDTH.code;
    const kind = byLabel.get(label)?.kind;
    return kind === 'datetime' ? WIDTH.dateTime : kind === 'date' ? WIDTH.date : null;
  };
  // One call per run of neighbouring columns of the same width; columns staff added keep theirs.
  for (let c = 0; c < headers.length; ) {
    const w = widthOf(headers[c]!);
    let end = c + 1;
    while (end < headers.length && widthOf(headers[end]!) === w) end++;
    if (w !== null) sheet.setColumnWidths(c + 1, end - c, w);
    c = end;
  }
  const rows = sheet.getMaxRows() - 1;
  // Long text wraps in its column (rows Table adds later inherit the format of the rows above).
  if (rows > 0) {
    headers.forEach((h, i) => {
      if (wide.has(h)) sheet.getRange(2, i + 1, rows, 1).setWrap(true);
    });
  }
  const frozen = frozenColumns(headers, NAMING);
  if (sheet.getFrozenColumns() !== frozen) sheet.setFrozenColumns(frozen);
}

/** 工单's highlights, replacing the ones setup made before (a column moved since) and keeping anyone else's. */
export function applyTicketHighlights(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, sheet: Sheet): void {
  const width = sheet.getLastColumn();
  const rows = sheet.getMaxRows() - 1;
  if (width === 0 || rows < 1) return;
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0]!.map((h) => String(h).trim());
  const theirs = sheet.getConditionalFormatRules().filter((rule) => {
    const condition = rule.getBooleanCondition();
    const values = condition ? condition.getCriteriaValues() : [];
    return !(condition && condition.getCriteriaType() === SpreadsheetApp.BooleanCriteria.CUSTOM_FORMULA && isOwnHighlight(String(values[0] ?? '')));
  });
  const ours = ticketHighlights(headers, { deadline: TICKETS.col.deadline, status: TICKETS.col.status, priority: TICKETS.col.priority }).map((h) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(h.formula)
      .setBackground(h.background)
      .setRanges([sheet.getRange(2, h.from, rows, h.to - h.from + 1)])
      .build(),
  );
  sheet.setConditionalFormatRules([...ours, ...theirs]);
  // NOW() in a rule moves only when the spreadsheet recalculates: hourly, like the reminders.
  if (ss.getRecalculationInterval() !== SpreadsheetApp.RecalculationInterval.HOUR) ss.setRecalculationInterval(SpreadsheetApp.RecalculationInterval.HOUR);
}
