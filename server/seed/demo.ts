// Demo data for `npm start`: a coordinator, two relays, ~30 drivers with regular trips and ~20
// passengers over real Lot communes, and a few requests in the coming days. Everything is
// invented; phones are in the ARCEP fiction ranges (06 39 98 / 05 36 49), so no SMS can ever
// reach a real person. Deterministic given `now` and `random`.
import { readersFor, type AccessUser } from '../../src/lib/domain/documents/access';
import { newDocId } from '../../src/lib/domain/documents/parse';
import type { AnyDoc, Person, RideRequest, Trip } from '../../src/lib/domain/documents/schemas';
import type { Commune } from '../../src/lib/domain/gazetteer/types';
import { addDays, localDateOf, nextWeekday } from '../../src/lib/domain/schedule/calendar';
import { addWorkingDays } from '../../src/lib/domain/schedule/holidays';
import { DRIVERS, PASSENGERS, REQUESTS, type Relay } from './demo-people';

export interface DemoUser {
  readonly name: string;
  readonly password: string;
  readonly roles: readonly string[];
}

export interface DemoData {
  readonly users: readonly DemoUser[];
  readonly docs: AnyDoc[];
}

export interface DemoOptions {
  readonly now: Date;
  readonly communes: readonly Commune[];
  /** A seeded generator in [0, 1): ids and creation times come from it. */
  readonly random: () => number;
}

/** Fixed and simple on purpose: the README lists them. Never use the demo on a real territory. */
export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'coordination', password: 'demo-coordination', roles: ['coordinator'] },
  { name: 'sophie', password: 'demo-sophie', roles: ['relay'] },
  { name: 'paul', password: 'demo-paul', roles: ['relay'] },
];

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const DAY_MS = 86_400_000;

export function buildDemoData({ now, communes, random }: DemoOptions): DemoData {
  const known = new Set(communes.map((c) => c.insee));
  const requireCommune = (insee: string) => {
    if (!known.has(insee)) throw new Error(`demo data: commune ${insee} is not in the gazetteer`);
    return insee;
  };
  const idPart = () =>
    Array.from({ length: 12 }, () => ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)]).join(
      '',
    );
  const userOf = (relay: Relay): AccessUser => DEMO_USERS.find((u) => u.name === relay)!;
  // Registered over the last four weeks, at a plausible hour.
  const pastInstant = () =>
    new Date(
      now.getTime() -
        (1 + Math.floor(random() * 27)) * DAY_MS -
        Math.floor(random() * 8 * 3_600_000),
    );
  const stamp = (type: AnyDoc['type'], by: Relay, at: Date) => ({
    _id: newDocId(type, idPart),
    type,
    schema: 1 as const,
    createdAt: at.toISOString(),
    createdBy: by,
    updatedAt: at.toISOString(),
    updatedBy: by,
    readers: readersFor(type, userOf(by)),
  });
  const today = localDateOf(now);
  const docs: AnyDoc[] = [];
  const personIds = new Map<string, string>();

  DRIVERS.forEach((driver, index) => {
    const at = pastInstant();
    const person: Person = {
      ...stamp('person', driver.by, at),
      ...driverFields(driver, index, at, requireCommune),
    };
    docs.push(person);
    personIds.set(driver.firstName, person._id);
    for (const line of driver.trips) {
      const trip: Trip = {
        ...stamp('trip', driver.by, at),
        type: 'trip',
        driverId: person._id,
        fromInsee: requireCommune(line.from),
        toInsee: requireCommune(line.to),
        weekdays: [...line.days],
        departure: line.at,
        returnDeparture: line.back,
        seats: line.seats,
        detourMinutes: line.detour,
        ...(line.meetingPlace ? { meetingPlace: line.meetingPlace } : {}),
        validFrom: localDateOf(at),
        validUntil: line.months ? addDays(today, line.months * 30) : null,
        paused: line.paused ?? false,
      };
      docs.push(trip);
    }
  });

  PASSENGERS.forEach((passenger, index) => {
    const at = pastInstant();
    const phone =
      passenger.phone === 'mobile'
        ? { phone: `+336399802${String(index).padStart(2, '0')}`, phoneKind: 'mobile' as const }
        : passenger.phone === 'landline'
          ? { phone: `+335364902${String(index).padStart(2, '0')}`, phoneKind: 'landline' as const }
          : { phone: null, phoneKind: 'none' as const };
    const person: Person = {
      ...stamp('person', passenger.by, at),
      type: 'person',
      firstName: passenger.firstName,
      lastName: passenger.lastName,
      ...phone,
      homeInsee: requireCommune(passenger.home),
      ...(passenger.needs ? { needs: passenger.needs } : {}),
      roles: ['passenger'],
      consent: { by: passenger.by, method: passenger.consent, at: at.toISOString() },
      blocked: false,
    };
    docs.push(person);
    personIds.set(passenger.firstName, person._id);
  });

  const requestIds = new Map<number, string>();
  REQUESTS.forEach((wanted, index) => {
    const passengerId = personIds.get(wanted.who);
    if (!passengerId) throw new Error(`demo data: no passenger named ${wanted.who}`);
    const date = wanted.weekday
      ? nextWeekday(today, wanted.weekday)
      : addWorkingDays(today, wanted.inDays ?? 1);
    // Recorded a few hours ago, never in the future.
    const at = new Date(now.getTime() - (1 + Math.floor(random() * 20)) * 3_600_000);
    const outbound = wanted.returnOf === undefined ? null : requestIds.get(wanted.returnOf);
    if (outbound === undefined)
      throw new Error(`demo data: request ${index} returns from an unknown request`);
    const request: RideRequest = {
      ...stamp('request', wanted.by, at),
      type: 'request',
      passengerId,
      fromInsee: requireCommune(wanted.from),
      toInsee: requireCommune(wanted.to),
      date,
      earliest: wanted.earliest,
      latest: wanted.latest,
      seats: 1,
      channel: wanted.channel,
      ...(wanted.note ? { note: wanted.note } : {}),
      returnOf: outbound,
      cancelledAt: wanted.cancelled ? new Date(now.getTime() - 1_800_000).toISOString() : null,
    };
    docs.push(request);
    requestIds.set(index, request._id);
  });

  return { users: DEMO_USERS, docs };
}

function driverFields(
  driver: (typeof DRIVERS)[number],
  index: number,
  at: Date,
  requireCommune: (insee: string) => string,
) {
  return {
    type: 'person' as const,
    firstName: driver.firstName,
    lastName: driver.lastName,
    phone: `+336399801${String(index).padStart(2, '0')}`,
    phoneKind: 'mobile' as const,
    homeInsee: requireCommune(driver.home),
    roles: ['driver' as const],
    consent: { by: driver.by, method: driver.consent, at: at.toISOString() },
    blocked: false,
  };
}
