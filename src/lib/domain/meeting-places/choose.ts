// Where driver and passenger meet, told in the SMS, the callback task and the ride. Pure: the
// worker gives the trip, the imported places and the commune's centre.
import { haversineKm, type LonLat } from '../matching/geo';
import { townHallMeetingPlace } from '../sms-templates/match-texts';
import type { MeetingPlace } from './parse';

/**
 * How far from a commune's centre an imported place still counts as the village's own: walking
 * distance for someone without a car (an aire on the bypass is not). The centre is the polygons'
 * centroid, a rough stand-in for the town hall, hence no tighter.
 */
export const NEARBY_KM = 1;

export interface MeetingPointFacts {
  /** The trip's meeting places: `meetingPlace` where it starts, `returnMeetingPlace` where it comes back from. */
  readonly trip: {
    readonly fromInsee: string;
    readonly toInsee: string;
    readonly meetingPlace?: string | undefined;
    readonly returnMeetingPlace?: string | undefined;
  } | null;
  readonly leg: 'outbound' | 'return';
  /** Where the passenger boards, its name and its centre (null when unknown). */
  readonly pickupInsee: string;
  readonly townName: string;
  readonly centre: LonLat | null;
  /** The imported carpooling places (any commune). */
  readonly places: readonly MeetingPlace[];
}

/**
 * The trip's own place for the commune where this leg starts, when the passenger boards there;
 * else the imported place of the passenger's commune nearest its centre, if within NEARBY_KM;
 * else the town hall.
 */
export function chooseMeetingPoint(f: MeetingPointFacts): string {
  const t = f.trip;
  if (t) {
    const [start, chosen] =
      f.leg === 'outbound' ? [t.fromInsee, t.meetingPlace] : [t.toInsee, t.returnMeetingPlace];
    if (start === f.pickupInsee && chosen && chosen.trim() !== '') return chosen.trim();
  }
  const centre = f.centre;
  if (centre) {
    const nearest = f.places
      .filter((p) => p.insee === f.pickupInsee)
      .map((p) => ({ p, km: haversineKm(centre.lon, centre.lat, p.lon, p.lat) }))
      .filter((x) => x.km <= NEARBY_KM)
      .sort((a, b) => a.km - b.km || a.p.name.localeCompare(b.p.name, 'fr'))[0];
    if (nearest) return nearest.p.name;
  }
  return townHallMeetingPlace(f.townName);
}
