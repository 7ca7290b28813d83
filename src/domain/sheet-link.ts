/**
 * A link that opens the spreadsheet at one row of a sheet: the spreadsheet's
 * URL with the sheet's gid and a range in its fragment, as Sheets' own
 * "Get link to this range" writes it (…/edit#gid=<sheet id>&range=A<row>).
 */
export interface SheetLink {
  /** Spreadsheet.getUrl(): https://docs.google.com/spreadsheets/d/<id>/edit. */
  url: string;
  /** Sheet.getSheetId(): the gid of 工单. */
  gid: number;
}

/**
 * The link to a row, or '' without a usable base. A row is where the ticket
 * is when the caller read it: staff sorting later moves it, so callers build
 * the link from the read they act on, never from a remembered row.
 */
export function rowLink(link: SheetLink | null, row: number | undefined): string {
  if (!link || !/^https:\/\//.test(link.url) || !Number.isInteger(row) || row! < 2) return '';
  return `${link.url.replace(/#.*$/, '')}#gid=${link.gid}&range=A${row}`;
}
