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
 * could): it starts with `=`, `+`, `-`, `@`, a tab or a carriage return.
 */
export function isFormulaLike(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s);
}
