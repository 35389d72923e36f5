// Open data: requests and rides per line and month, as CSV and GeoJSON. A count under 5 is
// suppressed (left empty / null), so that no published line can point to a person.
import type { RideRequest } from '../documents';
import { lineKey } from '../territory/network';
import { toCsv } from './csv';
import type { ReportRide } from './rides';

export const SUPPRESSED_BELOW = 5;

export interface OpenDataRow {
  readonly month: string;
  readonly a: string;
  readonly b: string;
  /** null: fewer than 5, not published. */
  readonly requests: number | null;
  readonly rides: number | null;
}

const published = (count: number) => (count < SUPPRESSED_BELOW ? null : count);

export function openDataRows(
  requests: readonly Pick<RideRequest, 'fromInsee' | 'toInsee' | 'date' | 'cancelledAt'>[],
  rides: readonly ReportRide[],
  from: string,
  to: string,
): OpenDataRow[] {
  const counts = new Map<string, { requests: number; rides: number }>();
  const bump = (month: string, x: string, y: string, field: 'requests' | 'rides') => {
    const key = `${month}|${lineKey(x, y)}`;
    const row = counts.get(key) ?? { requests: 0, rides: 0 };
    row[field] += 1;
    counts.set(key, row);
  };
  for (const r of requests)
    if (r.cancelledAt === null && r.date >= from && r.date <= to)
      bump(r.date.slice(0, 7), r.fromInsee, r.toInsee, 'requests');
  for (const r of rides)
    if (r.cancelledAt === null && r.date >= from && r.date <= to)
      bump(r.date.slice(0, 7), r.pickupInsee, r.dropoffInsee, 'rides');
  return [...counts]
    .map(([key, c]) => {
      const [month = '', line = ''] = key.split('|');
      const [a = '', b = ''] = line.split('-');
      return { month, a, b, requests: published(c.requests), rides: published(c.rides) };
    })
    .filter((row) => row.requests !== null || row.rides !== null)
    .sort((x, y) => x.month.localeCompare(y.month) || `${x.a}${x.b}`.localeCompare(`${y.a}${y.b}`));
}

export function openDataCsv(rows: readonly OpenDataRow[]): string {
  return toCsv(
    [
      ['mois', 'insee_a', 'insee_b', 'demandes', 'trajets'],
      ...rows.map((r) => [r.month, r.a, r.b, r.requests, r.rides]),
    ],
    ',',
  );
}

export function openDataGeoJson(
  rows: readonly OpenDataRow[],
  centreOf: (insee: string) => { readonly lon: number; readonly lat: number } | undefined,
) {
  return {
    type: 'FeatureCollection' as const,
    features: rows.flatMap((row) => {
      const a = centreOf(row.a);
      const b = centreOf(row.b);
      if (!a || !b) return [];
      return [
        {
          type: 'Feature' as const,
          geometry: {
            type: 'LineString' as const,
            coordinates: [
              [a.lon, a.lat],
              [b.lon, b.lat],
            ],
          },
          properties: {
            mois: row.month,
            insee_a: row.a,
            insee_b: row.b,
            demandes: row.requests,
            trajets: row.rides,
          },
        },
      ];
    }),
  };
}
