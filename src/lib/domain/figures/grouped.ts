// The figures per month and per line, and the people each account registered per month.
import type { Person } from '../documents';
import { localDateOf } from '../schedule/calendar';
import { lineKey } from '../territory/network';
import {
  computeFigures,
  type FigureContext,
  type FigureMatch,
  type FigureRequest,
  type FigureRide,
  type Figures,
} from './figures';

export interface FigureData {
  readonly requests: readonly FigureRequest[];
  readonly matches: readonly FigureMatch[];
  readonly rides: readonly FigureRide[];
}

export interface Row<K> {
  readonly key: K;
  readonly figures: Figures;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function lookups(data: FigureData) {
  const matches = new Map(data.matches.map((m) => [m.requestId, m]));
  const served = new Set(data.rides.filter((r) => r.cancelledAt === null).map((r) => r.requestId));
  return { matchOf: (id: string) => matches.get(id), served };
}

/** One row per month "YYYY-MM" asked for, in that order (a month with nothing has zeros). */
export function figuresByMonth(
  data: FigureData,
  months: readonly string[],
  context: FigureContext,
): Row<string>[] {
  const { matchOf, served } = lookups(data);
  const requests = groupBy(data.requests, (r) => r.date.slice(0, 7));
  const rides = groupBy(data.rides, (r) => r.date.slice(0, 7));
  return months.map((month) => ({
    key: month,
    figures: computeFigures(
      requests.get(month) ?? [],
      rides.get(month) ?? [],
      matchOf,
      served,
      context,
    ),
  }));
}

/** One row per line (unordered pair of communes) over the days from..to, most requests first. */
export function figuresByLine(
  data: FigureData,
  period: { readonly from: string; readonly to: string },
  context: FigureContext,
): Row<string>[] {
  const { matchOf, served } = lookups(data);
  const inPeriod = (date: string) => date >= period.from && date <= period.to;
  const requests = groupBy(data.requests, (r) =>
    inPeriod(r.date) ? lineKey(r.fromInsee, r.toInsee) : null,
  );
  const rides = groupBy(data.rides, (r) =>
    inPeriod(r.date) ? lineKey(r.pickupInsee, r.dropoffInsee) : null,
  );
  const keys = new Set([...requests.keys(), ...rides.keys()]);
  return [...keys]
    .map((key) => ({
      key,
      figures: computeFigures(
        requests.get(key) ?? [],
        rides.get(key) ?? [],
        matchOf,
        served,
        context,
      ),
    }))
    .sort((a, b) => b.figures.requests - a.figures.requests || a.key.localeCompare(b.key));
}

/** People registered per account (`createdBy`) in each month asked for. */
export function registeredByAccount(
  persons: readonly Pick<Person, 'createdBy' | 'createdAt'>[],
  months: readonly string[],
): { readonly account: string; readonly counts: readonly number[] }[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const counts = new Map<string, number[]>();
  for (const person of persons) {
    // The month in Paris: 23:30 UTC on 30 November is already December there.
    const i = index.get(localDateOf(new Date(person.createdAt)).slice(0, 7));
    if (i === undefined) continue;
    const row = counts.get(person.createdBy) ?? months.map(() => 0);
    row[i]! += 1;
    counts.set(person.createdBy, row);
  }
  return [...counts]
    .map(([account, row]) => ({ account, counts: row }))
    .sort((a, b) => a.account.localeCompare(b.account));
}

/** The months "YYYY-MM" from `first` to `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}
