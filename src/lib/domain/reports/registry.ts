// Rides as journeys for the carpooling proof registry (API v3.3; amounts in euro cents), and what
// the registry would reject, flagged before anything is sent. docs/figures.md says how each field
// is filled from what Maillage knows.
import { z } from 'zod';
import type { Person, RideRequest } from '../documents';
import { instantOf } from '../match/deadline';
import { localDateOf } from '../schedule/calendar';
import type { ReportRide, RoadKm } from './rides';

const instant = z.iso.datetime();
const point = z.object({
  datetime: instant,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
const identity = z.object({
  operator_user_id: z.string().min(1),
  /** The phone without its last two digits, as the registry asks. */
  phone_trunc: z
    .string()
    .regex(/^\+\d{6,13}$/)
    .optional(),
});
const cents = z.number().int().min(0);

export const registryJourneySchema = z.object({
  operator_journey_id: z.string().min(1),
  operator_trip_id: z.string().min(1),
  operator_class: z.enum(['A', 'B', 'C']),
  start: point,
  end: point,
  distance: z.number().int().min(0),
  driver: z.object({ identity, revenue: cents }),
  passenger: z.object({ identity, contribution: cents, seats: z.number().int().min(1).max(8) }),
  incentives: z.array(
    z.object({
      index: z.number().int().min(0),
      siret: z.string().regex(/^\d{14}$/),
      amount: cents,
    }),
  ),
});

export type RegistryJourney = z.infer<typeof registryJourneySchema>;

export const REJECTIONS = {
  short: 'Trajet de moins de 2 km',
  'too-many': 'Plus de 4 trajets pour une personne ce jour-là',
  late: 'Envoyé plus de 24 h après le départ',
  'too-close': 'Deux trajets d’une même personne à moins de 30 minutes',
} as const;
export type Rejection = keyof typeof REJECTIONS;

export interface RegistryContext {
  readonly roadKm: RoadKm;
  readonly centreOf: (insee: string) => { readonly lon: number; readonly lat: number } | undefined;
  readonly personOf: (id: string) => Pick<Person, '_id' | 'phone' | 'phoneKind'> | undefined;
  readonly requestOf: (id: string) => Pick<RideRequest, 'channel'> | undefined;
  /** When the export is sent. */
  readonly now: Date;
  /** Average road speed, to date the arrival (DESIGN.md: 60 km/h). */
  readonly speedKmh: number;
}

function identityOf(id: string, context: RegistryContext): RegistryJourney['driver']['identity'] {
  const phone = context.personOf(id)?.phone ?? null;
  return phone
    ? { operator_user_id: id, phone_trunc: phone.slice(0, -2) }
    : { operator_user_id: id };
}

/** The journey of one ride; null when a commune has no known centre. */
export function journeyOf(ride: ReportRide, context: RegistryContext): RegistryJourney | null {
  const from = context.centreOf(ride.pickupInsee);
  const to = context.centreOf(ride.dropoffInsee);
  if (!from || !to) return null;
  const km = context.roadKm(ride.pickupInsee, ride.dropoffInsee);
  const start = instantOf(ride.date, ride.pickupTime);
  const end = new Date(start.getTime() + (km / context.speedKmh) * 3_600_000);
  const passenger = context.personOf(ride.passengerId);
  // Proof by phone call only (no SMS from the passenger's mobile): the weakest class.
  const phoneOnly =
    context.requestOf(ride.requestId)?.channel === 'phone' || passenger?.phoneKind !== 'mobile';
  return {
    operator_journey_id: ride._id,
    operator_trip_id: `${ride.tripId}:${ride.date}`,
    operator_class: phoneOnly ? 'A' : 'B',
    start: { datetime: start.toISOString(), lat: from.lat, lon: from.lon },
    end: { datetime: end.toISOString(), lat: to.lat, lon: to.lon },
    distance: Math.round(km * 1000),
    driver: { identity: identityOf(ride.driverId, context), revenue: ride.contributionCents },
    passenger: {
      identity: identityOf(ride.passengerId, context),
      contribution: ride.contributionCents,
      seats: ride.seats,
    },
    incentives: [],
  };
}

export interface CheckedJourney {
  readonly journey: RegistryJourney;
  readonly rejections: readonly Rejection[];
}

const HALF_HOUR = 30 * 60_000;

/**
 * Each journey with what the registry would reject it for. A driver's journeys of one car trip
 * (several passengers) count as one trip of theirs; a passenger's count one by one.
 */
export function checkJourneys(journeys: readonly RegistryJourney[], now: Date): CheckedJourney[] {
  // Per person and Paris day: their trips (car trips for a driver), with start instants.
  const trips = new Map<string, Map<string, number>>();
  const add = (person: string, day: string, trip: string, at: number) => {
    const key = `${person}|${day}`;
    const map = trips.get(key) ?? new Map<string, number>();
    map.set(trip, at);
    trips.set(key, map);
  };
  const dayOf = (j: RegistryJourney) => localDateOf(new Date(j.start.datetime));
  for (const j of journeys) {
    const at = Date.parse(j.start.datetime);
    add(j.driver.identity.operator_user_id, dayOf(j), j.operator_trip_id, at);
    add(j.passenger.identity.operator_user_id, dayOf(j), j.operator_journey_id, at);
  }
  const breaks = (person: string, day: string, own: string, at: number) => {
    const map = trips.get(`${person}|${day}`)!;
    const close = [...map].some(([id, other]) => id !== own && Math.abs(other - at) < HALF_HOUR);
    return { tooMany: map.size > 4, close };
  };
  return journeys.map((journey) => {
    const at = Date.parse(journey.start.datetime);
    const day = dayOf(journey);
    const driver = breaks(
      journey.driver.identity.operator_user_id,
      day,
      journey.operator_trip_id,
      at,
    );
    const passenger = breaks(
      journey.passenger.identity.operator_user_id,
      day,
      journey.operator_journey_id,
      at,
    );
    const rejections: Rejection[] = [];
    if (journey.distance < 2000) rejections.push('short');
    if (driver.tooMany || passenger.tooMany) rejections.push('too-many');
    if (now.getTime() - at > 24 * 3_600_000) rejections.push('late');
    if (driver.close || passenger.close) rejections.push('too-close');
    return { journey, rejections };
  });
}
