/**
 * Characters that make a spreadsheet treat a cell as a formula (CSV injection,
 * OWASP): such text cells get a leading `'` so they stay text.
 */
const FORMULA_PREFIX = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): empty for missing values, numbers as they are,
 * text neutralised against formula injection and quoted when it contains a
 * comma, a quote or a line break.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_PREFIX.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a header row, lines ended by CRLF as RFC 4180 says. */
export function toCsv<T>(
  columns: ReadonlyArray<keyof T & string>,
  rows: readonly T[],
): string {
  const lines = [
    columns.map(csvCell).join(','),
    ...rows.map(row => columns.map(column => csvCell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
