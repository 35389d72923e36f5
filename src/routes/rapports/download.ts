// Files made on the device and handed to the browser as a download (no server round trip, so it
// works offline too).

export function download(name: string, content: string, type: string): void {
  // A BOM lets spreadsheets read the CSV's accents as UTF-8.
  const body = type.startsWith('text/csv') ? `\ufeff${content}` : content;
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const CSV = 'text/csv;charset=utf-8';
export const JSON_TYPE = 'application/json';
export const GEOJSON = 'application/geo+json';
