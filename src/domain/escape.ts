/**
 * Escaping for the two places where user text meets an interpreter: HTML
 * (sidebars, dialogs, mail bodies) and spreadsheet cells (formulas).
 */
const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `& < > " '`, so the result is safe both as element text and inside a
 * quoted attribute value (no separate attribute escaper is needed).
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * Whether Sheets could evaluate the text as a formula (or a CSV consumer
 * could): it starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * (OWASP, CSV Injection), or their full-width forms, which a spreadsheet
 * given Chinese input may fold to the ASCII ones.
 */
export function isFormulaLike(s: string): boolean {
  return /^[=+\-@\t\r＝＋－＠]/.test(s);
}

/**
 * One CSV field (RFC 4180) that no spreadsheet opening the file evaluates:
 * formula-like text gets a leading apostrophe, as OWASP's CSV-injection
 * advice says, and the field is quoted when it holds a quote, comma or line
 * break.
 */
export function csvField(s: string): string {
  const safe = isFormulaLike(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text: CRLF between records (RFC 4180), a byte-order mark first so Excel reads it as UTF-8. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
