// Planar geometry on lon/lat polygons, enough for a commune's centre. Communes are a few km wide,
// so treating degrees as a plane moves a centroid by metres, which is fine for a label or a match.

export type Position = readonly [number, number];
export type Ring = readonly Position[];
export type Polygon = readonly Ring[];

export interface Point {
  readonly lon: number;
  readonly lat: number;
}

/** Signed shoelace area (positive counter-clockwise), in square degrees. */
function ringSignedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j]!;
    const [x2, y2] = ring[i]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

export function polygonArea(polygon: Polygon): number {
  let area = 0;
  polygon.forEach((ring, i) => {
    const a = Math.abs(ringSignedArea(ring));
    area += i === 0 ? a : -a;
  });
  return area;
}

/** Area-weighted centroid of a polygon, holes subtracted. */
export function polygonCentroid(polygon: Polygon): Point {
  let cx = 0;
  let cy = 0;
  let total = 0;
  polygon.forEach((ring, r) => {
    const orientation = Math.sign(ringSignedArea(ring)) || 1;
    const sign = (r === 0 ? 1 : -1) * orientation;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j]!;
      const [x2, y2] = ring[i]!;
      const cross = (x1 * y2 - x2 * y1) * sign;
      cx += (x1 + x2) * cross;
      cy += (y1 + y2) * cross;
      total += cross;
    }
  });
  if (total === 0) {
    const [x, y] = polygon[0]?.[0] ?? [0, 0];
    return { lon: x, lat: y };
  }
  return { lon: cx / (3 * total), lat: cy / (3 * total) };
}

function ringContains(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function polygonContains(polygon: Polygon, point: Point): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !ringContains(outer, point.lon, point.lat)) return false;
  return !holes.some((hole) => ringContains(hole, point.lon, point.lat));
}

/** A point surely inside: the middle of the widest stretch of a horizontal line across the polygon. */
export function interiorPoint(polygon: Polygon, preferredLat: number): Point {
  const box = boundingBox([polygon]);
  for (const lat of [
    preferredLat,
    (box.minLat + box.maxLat) / 2,
    box.minLat + (box.maxLat - box.minLat) / 3,
  ]) {
    const xs: number[] = [];
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > lat !== yj > lat) xs.push(((xj - xi) * (lat - yi)) / (yj - yi) + xi);
      }
    }
    xs.sort((a, b) => a - b);
    let best: Point | undefined;
    let width = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const w = xs[k + 1]! - xs[k]!;
      if (w > width) {
        width = w;
        best = { lon: (xs[k]! + xs[k + 1]!) / 2, lat };
      }
    }
    if (best) return best;
  }
  const [x, y] = polygon[0]?.[0] ?? [0, 0];
  return { lon: x, lat: y };
}

/** Centre of a commune: centroid of its largest part, or a point inside it if the centroid falls out. */
export function centreOf(polygons: readonly Polygon[]): Point | undefined {
  let largest: Polygon | undefined;
  let largestArea = -1;
  for (const polygon of polygons) {
    const area = polygonArea(polygon);
    if (area > largestArea) {
      largest = polygon;
      largestArea = area;
    }
  }
  if (!largest) return undefined;
  const centroid = polygonCentroid(largest);
  return polygonContains(largest, centroid) ? centroid : interiorPoint(largest, centroid.lat);
}

export interface BoundingBox {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

export function boundingBox(polygons: readonly Polygon[]): BoundingBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x < minLon) minLon = x;
      if (x > maxLon) maxLon = x;
      if (y < minLat) minLat = y;
      if (y > maxLat) maxLat = y;
    }
  }
  return { minLon, minLat, maxLon, maxLat };
}

export function round5(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

/** Rounds every coordinate to 5 decimals (~1 m) and drops the repeated points that leaves. */
export function roundPolygon(polygon: Polygon): Position[][] {
  return polygon.map((ring) => {
    const out: Position[] = [];
    for (const [x, y] of ring) {
      const p: Position = [round5(x), round5(y)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    return out;
  });
}
