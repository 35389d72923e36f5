// What a match's state means for people: the question to the driver, the ride and the details
// to both sides, "nobody yet", the cancellation notices, the driver's phone to free. Pure: the
// worker reads the facts, calls matchEffects and writes what it returns. Every id is derived
// from the match and the attempt, so writing the same effects twice creates each thing once.
import {
  firstNameOf,
  isTextable,
  registeredBy,
  type MatchDoc,
  type Person,
  type RideRequest,
  type Trip,
} from '../documents';
import { formatPhone } from '../format';
import { rideIdOf, taskId } from '../ids';
import { chooseMeetingPoint, type MeetingPlace } from '../meeting-places';
import type { LonLat } from '../matching/geo';
import * as T from '../sms-templates';
import { instantOf } from './deadline';
import {
  smsAbout,
  taskAbout,
  type NewRide,
  type SmsToSend,
  type TaskToCreate,
} from './effect-items';
import {
  proposalExpired,
  type Cancelled,
  type Confirmed,
  type MatchState,
  type Proposal,
  type Searching,
} from './state';

export interface MatchEffects {
  /** The driver whose phone no longer waits for this match's answer. */
  readonly releaseDriver: string | null;
  /** A ride that no longer takes place (its seat is free again). */
  readonly cancelRide: string | null;
  readonly ride: NewRide | null;
  readonly sms: readonly SmsToSend[];
  readonly tasks: readonly TaskToCreate[];
  /** Tasks that no longer need doing (marked done by the worker if still open). */
  readonly closeTasks: readonly string[];
}

export interface MatchFacts {
  readonly match: Pick<MatchDoc, '_id' | 'state'>;
  readonly request: RideRequest;
  readonly passenger: Person | null;
  /** The person `driverConcerned(state)` names, as read; null when none or gone. */
  readonly driver: Person | null;
  /** The trip `tripConcerned(state)` names (for its meeting places); null when none or gone. */
  readonly trip: Pick<Trip, 'fromInsee' | 'toInsee' | 'meetingPlace' | 'returnMeetingPlace'> | null;
  readonly placeName: (insee: string) => string;
  /** The imported carpooling places and the communes' centres (none: the town hall). */
  readonly meetingPlaces?: readonly MeetingPlace[];
  readonly centreOf?: (insee: string) => LonLat | undefined;
  readonly now: Date;
}

export type { NewRide, SmsToSend, TaskToCreate } from './effect-items';

const NOTHING: MatchEffects = {
  releaseDriver: null,
  cancelRide: null,
  ride: null,
  sms: [],
  tasks: [],
  closeTasks: [],
};

/** False for a search nobody was asked in yet: there is nothing to tell, nor to read. */
export function hasNews(state: MatchState): boolean {
  return state.status !== 'searching' || state.tried.length > 0;
}

/** The driver a state concerns: asked, confirmed, cancelled on, or the last one tried. */
export function driverConcerned(state: MatchState): string | null {
  switch (state.status) {
    case 'asking':
    case 'confirmed':
      return state.proposal.driverId;
    case 'cancelled':
      return state.was.status === 'asking' || state.was.status === 'confirmed'
        ? state.was.proposal.driverId
        : null;
    case 'searching':
      return state.tried.at(-1)?.driverId ?? null;
    case 'unmatched':
      return null;
  }
}

/** The trip of a confirmed ride, whose meeting place the details give. */
export function tripConcerned(state: MatchState): string | null {
  return state.status === 'confirmed' ? state.proposal.tripId : null;
}

export function matchEffects(f: MatchFacts): MatchEffects {
  const s = f.match.state;
  switch (s.status) {
    case 'asking':
      // Seen after its deadline (a worker down meanwhile): the question is no longer sent.
      if (proposalExpired(s, f.now)) return NOTHING;
      return { ...NOTHING, sms: askTheDriver(f, s.proposal) };
    case 'confirmed':
      return confirmRide(f, s);
    case 'unmatched':
      return tellNoDriver(f, s.reason);
    case 'cancelled':
      return tellCancelled(f, s);
    case 'searching':
      return searchGoesOn(f, s);
  }
}

function askTheDriver(f: MatchFacts, p: Proposal): SmsToSend[] {
  if (!isTextable(f.driver)) return [];
  const text = T.askDriverSms({
    passengerFirstName: firstNameOf(f.passenger),
    fromName: f.placeName(f.request.fromInsee),
    toName: f.placeName(f.request.toInsee),
    date: f.request.date,
    earliest: f.request.earliest,
    latest: f.request.latest,
  });
  return [smsAbout(f.match._id, 'ask', 'ask', f.driver, text, p.attempt)];
}

function pickupPlaceOf(f: MatchFacts, p: Proposal): string {
  const pickupInsee = f.request.fromInsee;
  return chooseMeetingPoint({
    trip: f.trip,
    leg: p.leg,
    pickupInsee,
    townName: f.placeName(pickupInsee),
    centre: f.centreOf?.(pickupInsee) ?? null,
    places: f.meetingPlaces ?? [],
  });
}

function confirmRide(f: MatchFacts, s: Confirmed): MatchEffects {
  const { request: r, passenger, driver } = f;
  const p = s.proposal;
  const pickupPlace = pickupPlaceOf(f, p);
  const ride: NewRide = {
    _id: s.rideId,
    type: 'ride',
    schema: 1,
    requestId: r._id,
    matchId: f.match._id,
    tripId: p.tripId,
    leg: p.leg,
    driverId: p.driverId,
    passengerId: r.passengerId,
    date: r.date,
    pickupTime: p.pickupTime,
    pickupInsee: r.fromInsee,
    dropoffInsee: r.toInsee,
    pickupPlace,
    seats: r.seats,
    contributionCents: p.contributionCents,
    cancelledAt: null,
  };
  const details = {
    date: r.date,
    pickupTime: p.pickupTime,
    pickupPlace,
    toName: f.placeName(r.toInsee),
    contributionCents: p.contributionCents,
  };
  const out: SmsToSend[] = [];
  const tasks: TaskToCreate[] = [];
  if (isTextable(driver)) {
    const text = T.confirmDriverSms({
      ...details,
      passengerFirstName: firstNameOf(passenger),
      passengerPhone: passenger?.phone ? formatPhone(passenger.phone) : null,
    });
    out.push(smsAbout(f.match._id, 'conf-drv', 'confirm-driver', driver, text, p.attempt));
  }
  if (isTextable(passenger) && driver) {
    const text = T.confirmPassengerSms({
      ...details,
      driverFirstName: firstNameOf(driver),
      driverPhone: driver.phone ? formatPhone(driver.phone) : '',
    });
    out.push(smsAbout(f.match._id, 'conf-pax', 'confirm-passenger', passenger, text, p.attempt));
  } else {
    // No mobile: a person calls them (the relay who registered them, else a coordinator).
    const text = T.rideCallbackTaskText({
      ...details,
      passengerFirstName: firstNameOf(passenger),
      driverFirstName: firstNameOf(driver),
      passengerPhone: passenger?.phone ?? null,
    });
    const assignee = passenger ? registeredBy(passenger) : null;
    tasks.push(
      taskAbout(f.match._id, f.request, 'callback', 'callback', assignee, text, p.attempt),
    );
  }
  // The passenger hears once, with the ride: a "no driver" task left from a search is over.
  const closeTasks = [taskId('none', f.match._id)];
  return { releaseDriver: p.driverId, cancelRide: null, ride, sms: out, tasks, closeTasks };
}

function tellNoDriver(f: MatchFacts, reason: string): MatchEffects {
  const { request: r, passenger } = f;
  const trip = {
    fromName: f.placeName(r.fromInsee),
    toName: f.placeName(r.toInsee),
    date: r.date,
    earliest: r.earliest,
    latest: r.latest,
  };
  // A window already over (recorded late, a worker down for days) is not worth an SMS, and a
  // blocked person gets none; the task still tells the coordinators.
  const over = instantOf(r.date, r.latest).getTime() <= f.now.getTime();
  const blocked = passenger?.blocked === true;
  const out =
    isTextable(passenger) && !over && !blocked
      ? [smsAbout(f.match._id, 'none', 'no-driver', passenger, T.noDriverSms(trip))]
      : [];
  const assignee = passenger && !blocked && !isTextable(passenger) ? registeredBy(passenger) : null;
  const text = T.noDriverTaskWithReason({
    ...trip,
    passengerFirstName: firstNameOf(passenger),
    reason,
  });
  return {
    ...NOTHING,
    sms: out,
    tasks: [taskAbout(f.match._id, f.request, 'none', 'no-driver', assignee, text)],
  };
}

function tellCancelled(f: MatchFacts, s: Cancelled): MatchEffects {
  const was = s.was;
  if (was.status !== 'asking' && was.status !== 'confirmed') return NOTHING;
  const attempt = was.proposal.attempt;
  const byFirstName = firstNameOf(f.passenger);
  const text = T.cancelledSms({ byFirstName, date: f.request.date });
  const effects = {
    ...NOTHING,
    releaseDriver: was.proposal.driverId,
    cancelRide: was.status === 'confirmed' ? was.rideId : null,
    // Nobody calls the passenger any more to announce a ride that will not happen.
    closeTasks: was.status === 'confirmed' ? [taskId('callback', f.match._id, attempt)] : [],
  };
  if (isTextable(f.driver))
    return {
      ...effects,
      sms: [smsAbout(f.match._id, 'cancel', 'cancelled', f.driver, text, attempt)],
    };
  if (was.status !== 'confirmed' || !f.driver) return effects;
  // A driver without a mobile who had agreed (by phone) is called by whoever registered them.
  const call = T.cancelledCallbackText({
    driverFirstName: firstNameOf(f.driver),
    byFirstName,
    date: f.request.date,
  });
  const task = taskAbout(
    f.match._id,
    f.request,
    'cancel',
    'callback',
    registeredBy(f.driver),
    call,
    attempt,
  );
  return { ...effects, tasks: [{ ...task, personId: f.driver._id }] };
}

/** Back to searching: the last driver's phone is free; if they cancelled a ride, it is off. */
function searchGoesOn(f: MatchFacts, s: Searching): MatchEffects {
  const last = s.tried.at(-1);
  if (!last) return NOTHING;
  if (last.outcome !== 'driver-cancelled') return { ...NOTHING, releaseDriver: last.driverId };
  const attempt = s.tried.length;
  const { passenger } = f;
  const effects = {
    ...NOTHING,
    releaseDriver: last.driverId,
    cancelRide: rideIdOf(f.match._id, attempt),
    closeTasks: [taskId('callback', f.match._id, attempt)],
  };
  const driverFirstName = firstNameOf(f.driver);
  if (isTextable(passenger)) {
    const text = T.driverCancelledSms({ byFirstName: driverFirstName, date: f.request.date });
    return {
      ...effects,
      sms: [smsAbout(f.match._id, 'dcancel', 'driver-cancelled', passenger, text, attempt)],
    };
  }
  const text = T.driverCancelledCallbackText({
    passengerFirstName: firstNameOf(passenger),
    driverFirstName,
    date: f.request.date,
  });
  const assignee = passenger ? registeredBy(passenger) : null;
  return {
    ...effects,
    tasks: [taskAbout(f.match._id, f.request, 'dcancel', 'callback', assignee, text, attempt)],
  };
}
