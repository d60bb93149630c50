/** One CSV cell value: text, a number, or empty (null). */
export type CsvValue = string | number | null;

/** Characters a spreadsheet may read as the start of a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 cell: quoted when it holds a quote, comma or line break (quotes doubled). Text that a
 * spreadsheet would run as a formula gets a leading `'`, so a name like `=HYPERLINK(…)` stays text.
 * Numbers are written as they are (they are never formulas).
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV document: header row, then rows, CRLF line ends, with a UTF-8 byte-order mark so
 * spreadsheet programs read accented names correctly.
 */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
