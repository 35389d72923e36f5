import { monthsBetween } from '$lib/domain/figures';

/** The `count` months ending with the month of `today` ("YYYY-MM-DD"). */
export function lastMonths(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const total = year * 12 + (month - 1) - (count - 1);
  const first = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  return monthsBetween(first, today.slice(0, 7));
}
