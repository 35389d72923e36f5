// Road km between two communes as the matching estimates them: the straight line between centres
// times the road factor (docs/matching.md). Unknown communes count 0 km rather than failing a page.
import { haversineKm, type LonLat } from '../matching/geo';
import { DEFAULT_MATCHING_SETTINGS } from '../matching/settings';

export function roadKmBetween(
  centreOf: (insee: string) => LonLat | undefined,
  roadFactor = DEFAULT_MATCHING_SETTINGS.roadFactor,
): (fromInsee: string, toInsee: string) => number {
  return (fromInsee, toInsee) => {
    const a = centreOf(fromInsee);
    const b = centreOf(toInsee);
    return a && b ? haversineKm(a.lon, a.lat, b.lon, b.lat) * roadFactor : 0;
  };
}
