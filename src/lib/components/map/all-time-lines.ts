// The lines any period can show, for the map to tile once: kept between visits to the page as
// long as the device's trips, requests and rides are the same lists (a sync makes new ones).
import type { RideDoc, RideRequest, Trip } from '$lib/domain/documents';
import { networkFeatures, type Centre, type LineCollection } from '$lib/domain/territory/geojson';
import { ALL_TIME, buildNetwork } from '$lib/domain/territory/network';

let last: {
  readonly trips: readonly Trip[];
  readonly requests: readonly RideRequest[];
  readonly rides: Readonly<Record<string, RideDoc>>;
  readonly lines: LineCollection;
} | null = null;

export function allTimeLines(
  trips: readonly Trip[],
  requests: readonly RideRequest[],
  rides: Readonly<Record<string, RideDoc>>,
  centreOf: (insee: string) => Centre | undefined,
): LineCollection {
  if (last?.trips === trips && last.requests === requests && last.rides === rides)
    return last.lines;
  const network = buildNetwork(trips, requests, Object.values(rides), ALL_TIME);
  const lines = networkFeatures(network, centreOf);
  last = { trips, requests, rides, lines };
  return lines;
}
