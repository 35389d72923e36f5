import { describe, expect, it } from 'vitest';
import {
  centreOf,
  polygonArea,
  polygonCentroid,
  polygonContains,
  roundPolygon,
  type Polygon,
} from './geometry';

const square = (x: number, y: number, size: number): Polygon => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];

describe('commune centres', () => {
  it('puts the centre of a square in its middle, whatever the ring orientation', () => {
    expect(polygonCentroid(square(0, 0, 2))).toEqual({ lon: 1, lat: 1 });
    const clockwise: Polygon = [[...square(0, 0, 2)[0]!].reverse()];
    expect(polygonCentroid(clockwise)).toEqual({ lon: 1, lat: 1 });
  });

  it('subtracts holes from the area', () => {
    const withHole: Polygon = [square(0, 0, 4)[0]!, square(1, 1, 2)[0]!];
    expect(polygonArea(withHole)).toBe(12);
    expect(polygonContains(withHole, { lon: 2, lat: 2 })).toBe(false);
    expect(polygonContains(withHole, { lon: 0.5, lat: 0.5 })).toBe(true);
  });

  it('uses the largest part of a commune made of several', () => {
    expect(centreOf([square(10, 10, 1), square(0, 0, 2)])).toEqual({ lon: 1, lat: 1 });
  });

  it('falls back to a point inside when the centroid of a C-shaped commune falls outside', () => {
    const cShape: Polygon = [
      [
        [0, 0],
        [3, 0],
        [3, 1],
        [1, 1],
        [1, 2],
        [3, 2],
        [3, 3],
        [0, 3],
        [0, 0],
      ],
    ];
    expect(polygonContains(cShape, polygonCentroid(cShape))).toBe(false);
    const centre = centreOf([cShape])!;
    expect(polygonContains(cShape, centre)).toBe(true);
  });

  it('has no centre without a polygon', () => {
    expect(centreOf([])).toBeUndefined();
  });

  it('rounds coordinates to 5 decimals and drops the points that become repeated', () => {
    const ring = roundPolygon([
      [
        [1.123456, 2.000001],
        [1.123459, 2.000002],
        [2, 2],
        [2, 3],
        [1.123456, 2.000001],
      ],
    ])[0]!;
    expect(ring).toEqual([
      [1.12346, 2],
      [2, 2],
      [2, 3],
      [1.12346, 2],
    ]);
  });
});
