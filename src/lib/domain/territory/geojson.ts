// The network as GeoJSON for the map: per line, a feature for what is offered (width by seats a
// week) and one for unmet demand (drawn red beside it), between commune centres.
// "Beside" is in the geometry, not in the style: MapLibre's line-offset and dash patterns made a
// year of lines cost 0.6-1.5 s a frame in software WebGL (docs/map.md).
import type { Network } from './network';
import { lineWidth } from './network';

export interface Centre {
  readonly lon: number;
  readonly lat: number;
}

export interface LineFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: number[][] };
  readonly properties: {
    /** The line's key and kind: what the map keys its drawn widths on (`lineFeatureId`). */
    readonly id: string;
    readonly key: string;
    readonly kind: 'offer' | 'unmet';
    readonly seatsPerWeek: number;
    readonly unmet: number;
    readonly width: number;
  };
}

export interface LineCollection {
  readonly type: 'FeatureCollection';
  readonly features: LineFeature[];
}

/** How far the unmet line runs beside the offered one: about 3 px at the whole Lot's zoom. */
export const UNMET_BESIDE_KM = 1;
const KM_PER_DEGREE = 111.32;

/**
 * The segment a→b moved `km` to its right (a and b in the line's own order, so always the same
 * side), on a plane local to the segment: longitudes shrink with the latitude's cosine.
 */
export function besideSegment(a: Centre, b: Centre, km: number): number[][] {
  const cos = Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  const dx = (b.lon - a.lon) * cos;
  const dy = b.lat - a.lat;
  const length = Math.hypot(dx, dy);
  if (length === 0)
    return [
      [a.lon, a.lat],
      [b.lon, b.lat],
    ];
  const shift = km / KM_PER_DEGREE / length;
  const lon = (dy * shift) / cos;
  const lat = -dx * shift;
  return [
    [a.lon + lon, a.lat + lat],
    [b.lon + lon, b.lat + lat],
  ];
}

export const lineFeatureId = (key: string, kind: 'offer' | 'unmet'): string => `${key}:${kind}`;

/** Lines whose communes have no known centre are left out (the table still lists them). */
export function networkFeatures(
  network: Network,
  centreOf: (insee: string) => Centre | undefined,
): LineCollection {
  const features: LineFeature[] = [];
  // At least 5: one or two unmet requests stay a thin line, even when no line has more.
  const maxUnmet = network.lines.reduce((m, l) => Math.max(m, l.unmetRequestIds.length), 5);
  for (const line of network.lines) {
    const a = centreOf(line.a);
    const b = centreOf(line.b);
    if (!a || !b) continue;
    const geometry = {
      type: 'LineString' as const,
      coordinates: [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ],
    };
    const common = {
      key: line.key,
      seatsPerWeek: line.seatsPerWeek,
      unmet: line.unmetRequestIds.length,
    };
    if (line.seatsPerWeek > 0) {
      features.push({
        type: 'Feature',
        geometry,
        properties: {
          ...common,
          id: lineFeatureId(line.key, 'offer'),
          kind: 'offer',
          width: lineWidth(line.seatsPerWeek, network.maxSeatsPerWeek),
        },
      });
    }
    if (line.unmetRequestIds.length > 0) {
      features.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: besideSegment(a, b, UNMET_BESIDE_KM) },
        properties: {
          ...common,
          id: lineFeatureId(line.key, 'unmet'),
          kind: 'unmet',
          width: lineWidth(line.unmetRequestIds.length, maxUnmet),
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
