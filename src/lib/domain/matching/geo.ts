// Distances between commune centres. Roads are estimated, not routed: the straight line times a
// road factor (docs/matching.md says why 1.35), driven at a territory's average speed.

export interface LonLat {
  readonly lon: number;
  readonly lat: number;
}

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km between two points given as degrees. */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Minutes to drive `road` km at `speedKmh`. */
export function drivingMinutes(road: number, speedKmh: number): number {
  return (road / speedKmh) * 60;
}

/** Km per degree of latitude (and of longitude at the equator). */
export const KM_PER_DEGREE = (EARTH_RADIUS_KM * Math.PI) / 180;
