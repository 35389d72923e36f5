// Labels the territory pages share (filters, tables, plots).

export const WEEKDAY_NAMES = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'] as const;

const MONTHS = [
  'janv.',
  'févr.',
  'mars',
  'avr.',
  'mai',
  'juin',
  'juil.',
  'août',
  'sept.',
  'oct.',
  'nov.',
  'déc.',
];

/** "2026-11" → "nov. 2026" */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
}

/** A share 0..1 as "62 %", or "—" when there is nothing to divide. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`;
}

const formats = new Map<number, Intl.NumberFormat>();

/** A number the French way, with `digits` decimals at most. */
export function decimal(value: number | null, digits = 1): string {
  if (value === null) return '—';
  // One formatter per precision: toLocaleString builds one per call, a millisecond each.
  let format = formats.get(digits);
  if (!format)
    formats.set(
      digits,
      (format = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits })),
    );
  return format.format(value);
}
