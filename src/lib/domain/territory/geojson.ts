// The network as GeoJSON for the map: per line, a feature for what is offered (width by seats a
// week) and one for unmet demand (drawn red beside it), between commune centres.
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
          kind: 'offer',
          width: lineWidth(line.seatsPerWeek, network.maxSeatsPerWeek),
        },
      });
    }
    if (line.unmetRequestIds.length > 0) {
      features.push({
        type: 'Feature',
        geometry,
        properties: {
          ...common,
          kind: 'unmet',
          width: lineWidth(line.unmetRequestIds.length, maxUnmet),
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
