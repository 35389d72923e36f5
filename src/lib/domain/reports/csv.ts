// CSV as RFC 4180 writes it (quotes doubled, fields with a separator, quote or newline quoted).
// The prefect's and people's files use ";" (what French spreadsheets open), open data ",".

export type Cell = string | number | null;

function cell(value: Cell, separator: string): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines end with CRLF, as the RFC says; the header is the first row. */
export function toCsv(rows: readonly (readonly Cell[])[], separator: ';' | ',' = ';'): string {
  return (
    rows.map((row) => row.map((v) => cell(v, separator)).join(separator)).join('\r\n') + '\r\n'
  );
}

/** A decimal with a comma, as French readers expect in a ";" file. */
export function frenchDecimal(value: number, digits = 1): string {
  return value.toFixed(digits).replace('.', ',');
}
