// What a match's state means for people: the question to the driver, the ride and the details
// to both sides, the "nobody yet" answer, the cancellation notices. Each is a document with a
// deterministic id, so this runs as often as the match is seen and writes each thing once.
import { firstNameOf, isTextable, registeredBy } from '../../src/lib/domain/documents';
import type { Person, RideDoc, RideRequest, Trip } from '../../src/lib/domain/documents';
import { instantOf } from '../../src/lib/domain/match/deadline';
import type { MatchState, Proposal } from '../../src/lib/domain/match/state';
import { formatPhone } from '../../src/lib/domain/format';
import * as T from '../../src/lib/domain/sms-templates';
import type { WorkerContext } from './context';
import { outMessageId, rideIdOf, taskId } from '../../src/lib/domain/ids';
import type { StoredMatch } from './matches';
import { createTask, queueSms } from './outbox';
import { getPerson } from './people';
import { releaseDriver } from './search';
import { createOnce, getDoc, stamp, updateDoc } from '../../src/lib/server/shared/store';

interface Facts {
  readonly request: RideRequest;
  readonly passenger: Person | null;
}

export async function tellPeople(ctx: WorkerContext, match: StoredMatch): Promise<void> {
  // A fresh search has nothing to tell yet.
  if (match.state.status === 'searching' && match.state.tried.length === 0) return;
  const request = await getDoc<RideRequest>(ctx.db, match.requestId);
  if (!request) return;
  const facts: Facts = { request, passenger: await getPerson(ctx, match.passengerId) };
  const s = match.state;
  switch (s.status) {
    case 'asking':
      return askTheDriver(ctx, match, facts, s.proposal);
    case 'confirmed':
      await releaseDriver(ctx, s.proposal.driverId, match._id);
      return confirmRide(ctx, match, facts, s.proposal, s.rideId);
    case 'unmatched':
      return tellNoDriver(ctx, match, facts);
    case 'cancelled':
      return tellCancelled(ctx, match, facts, s);
    case 'searching': {
      const last = s.tried.at(-1);
      if (last) await releaseDriver(ctx, last.driverId, match._id);
      if (last?.outcome === 'driver-cancelled') await tellDriverCancelled(ctx, match, facts, s);
      return;
    }
  }
}

async function askTheDriver(ctx: WorkerContext, match: StoredMatch, f: Facts, p: Proposal) {
  const driver = await getPerson(ctx, p.driverId);
  if (!isTextable(driver)) return;
  await queueSms(ctx, {
    id: outMessageId('ask', match._id, p.attempt),
    to: driver.phone,
    purpose: 'ask',
    personId: driver._id,
    relatedId: match._id,
    text: T.askDriverSms({
      passengerFirstName: firstNameOf(f.passenger),
      fromName: ctx.places.name(f.request.fromInsee),
      toName: ctx.places.name(f.request.toInsee),
      date: f.request.date,
      earliest: f.request.earliest,
      latest: f.request.latest,
    }),
  });
}

function pickupPlaceOf(
  ctx: WorkerContext,
  request: RideRequest,
  trip: Trip | undefined,
  p: Proposal,
) {
  const tripStart = trip ? (p.leg === 'outbound' ? trip.fromInsee : trip.toInsee) : null;
  if (trip?.meetingPlace && tripStart === request.fromInsee) return trip.meetingPlace;
  return `devant la mairie de ${ctx.places.name(request.fromInsee)}`;
}

async function confirmRide(
  ctx: WorkerContext,
  match: StoredMatch,
  f: Facts,
  p: Proposal,
  rideId: string,
) {
  const now = ctx.clock.now();
  const trip = (await getDoc<Trip>(ctx.db, p.tripId)) ?? undefined;
  const driver = await getPerson(ctx, p.driverId);
  const pickupPlace = pickupPlaceOf(ctx, f.request, trip, p);
  const ride: Omit<RideDoc, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers'> = {
    _id: rideId,
    type: 'ride',
    schema: 1,
    requestId: f.request._id,
    matchId: match._id,
    tripId: p.tripId,
    leg: p.leg,
    driverId: p.driverId,
    passengerId: f.request.passengerId,
    date: f.request.date,
    pickupTime: p.pickupTime,
    pickupInsee: f.request.fromInsee,
    dropoffInsee: f.request.toInsee,
    pickupPlace,
    seats: f.request.seats,
    contributionCents: p.contributionCents,
    cancelledAt: null,
  };
  await createOnce(ctx.db, stamp(ride, now, match.readers));
  const details = {
    date: f.request.date,
    pickupTime: p.pickupTime,
    pickupPlace,
    toName: ctx.places.name(f.request.toInsee),
    contributionCents: p.contributionCents,
  };
  if (isTextable(driver)) {
    await queueSms(ctx, {
      id: outMessageId('conf-drv', match._id, p.attempt),
      to: driver.phone,
      purpose: 'confirm-driver',
      personId: driver._id,
      relatedId: match._id,
      text: T.confirmDriverSms({
        ...details,
        passengerFirstName: firstNameOf(f.passenger),
        passengerPhone: f.passenger?.phone ? formatPhone(f.passenger.phone) : null,
      }),
    });
  }
  if (isTextable(f.passenger) && driver) {
    await queueSms(ctx, {
      id: outMessageId('conf-pax', match._id, p.attempt),
      to: f.passenger.phone,
      purpose: 'confirm-passenger',
      personId: f.passenger._id,
      relatedId: match._id,
      text: T.confirmPassengerSms({
        ...details,
        driverFirstName: firstNameOf(driver),
        driverPhone: driver.phone ? formatPhone(driver.phone) : '',
      }),
    });
  } else {
    // No mobile: a person calls them (the relay who registered them, else a coordinator).
    await createTask(ctx, {
      id: taskId('callback', match._id, p.attempt),
      kind: 'callback',
      assignee: f.passenger ? registeredBy(f.passenger) : null,
      personId: f.request.passengerId,
      requestId: f.request._id,
      messageId: null,
      text:
        T.callbackTaskText({
          ...details,
          passengerFirstName: firstNameOf(f.passenger),
          driverFirstName: firstNameOf(driver),
        }) + (f.passenger?.phone ? ` (tél. ${formatPhone(f.passenger.phone)})` : ''),
    });
  }
}

async function tellNoDriver(ctx: WorkerContext, match: StoredMatch, f: Facts) {
  const trip = {
    fromName: ctx.places.name(f.request.fromInsee),
    toName: ctx.places.name(f.request.toInsee),
    date: f.request.date,
    earliest: f.request.earliest,
    latest: f.request.latest,
  };
  // A request whose window is already over (recorded late, or a worker down for days) is not
  // worth an SMS; the task still tells the coordinators.
  const over = instantOf(f.request.date, f.request.latest).getTime() <= ctx.clock.now().getTime();
  if (isTextable(f.passenger) && !over) {
    await queueSms(ctx, {
      id: outMessageId('none', match._id),
      to: f.passenger.phone,
      purpose: 'no-driver',
      personId: f.passenger._id,
      relatedId: match._id,
      text: T.noDriverSms(trip),
    });
  }
  const reason = match.state.status === 'unmatched' ? ` ${match.state.reason}` : '';
  await createTask(ctx, {
    id: taskId('none', match._id),
    kind: 'no-driver',
    assignee: f.passenger && !isTextable(f.passenger) ? registeredBy(f.passenger) : null,
    personId: f.request.passengerId,
    requestId: f.request._id,
    messageId: null,
    text: T.noDriverTaskText({ ...trip, passengerFirstName: firstNameOf(f.passenger) }) + reason,
  });
}

async function cancelRide(ctx: WorkerContext, rideId: string) {
  const at = ctx.clock.now();
  await updateDoc<RideDoc>(ctx.db, rideId, (ride) =>
    ride && ride.cancelledAt === null
      ? (stamp({ ...ride, cancelledAt: at.toISOString() }, at) as RideDoc)
      : null,
  );
}

async function tellCancelled(
  ctx: WorkerContext,
  match: StoredMatch,
  f: Facts,
  s: Extract<MatchState, { status: 'cancelled' }>,
) {
  const was = s.was;
  if (was.status !== 'asking' && was.status !== 'confirmed') return;
  if (was.status === 'confirmed') await cancelRide(ctx, was.rideId);
  await releaseDriver(ctx, was.proposal.driverId, match._id);
  const driver = await getPerson(ctx, was.proposal.driverId);
  if (!isTextable(driver)) return;
  await queueSms(ctx, {
    id: outMessageId('cancel', match._id, was.proposal.attempt),
    to: driver.phone,
    purpose: 'cancelled',
    personId: driver._id,
    relatedId: match._id,
    text: T.cancelledSms({ byFirstName: firstNameOf(f.passenger), date: f.request.date }),
  });
}

async function tellDriverCancelled(
  ctx: WorkerContext,
  match: StoredMatch,
  f: Facts,
  s: Extract<MatchState, { status: 'searching' }>,
) {
  const attempt = s.tried.length;
  await cancelRide(ctx, rideIdOf(match._id, attempt));
  const driver = await getPerson(ctx, s.tried[attempt - 1]!.driverId);
  const text = T.driverCancelledSms({ byFirstName: firstNameOf(driver), date: f.request.date });
  if (isTextable(f.passenger)) {
    await queueSms(ctx, {
      id: outMessageId('dcancel', match._id, attempt),
      to: f.passenger.phone,
      purpose: 'driver-cancelled',
      personId: f.passenger._id,
      relatedId: match._id,
      text,
    });
  } else {
    await createTask(ctx, {
      id: taskId('dcancel', match._id, attempt),
      kind: 'callback',
      assignee: f.passenger ? registeredBy(f.passenger) : null,
      personId: f.request.passengerId,
      requestId: f.request._id,
      messageId: null,
      text: `Appeler ${firstNameOf(f.passenger)} : ${text.replace(/^Maillage : /, '')}`,
    });
  }
}
