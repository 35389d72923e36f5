import { describe, expect, it } from 'vitest';
import type { Person, RideRequest } from '../documents';
import { sampleJeanTrip, sampleMarie, sampleRequest } from '../documents/test-docs';
import { driverConcerned, matchEffects, tripConcerned, type MatchFacts } from './effects';
import {
  acceptProposal,
  askDriver,
  cancelRequest,
  declineProposal,
  driverCancels,
  findNoDriver,
  startSearching,
  type MatchState,
} from './state';

// Scenario 2: Jean is asked on Tuesday 24/11 at 10:43 about Marie's Thursday ride.
const now = new Date('2026-11-24T09:43:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const request = { ...sampleRequest, _rev: '1-r' } as RideRequest;
const landlineMarie = sampleMarie as unknown as Person;
const mobileMarie = { ...landlineMarie, phone: '+33639980201', phoneKind: 'mobile' } as Person;
const jean = {
  ...landlineMarie,
  _id: 'person:j3an0000',
  firstName: 'Jean',
  phone: '+33639980101',
  phoneKind: 'mobile',
  roles: ['driver'],
} as Person;
const places: Record<string, string> = { '46057': 'Cardaillac', '46102': 'Figeac' };

const proposal = {
  driverId: jean._id,
  tripId: sampleJeanTrip._id,
  leg: 'outbound' as const,
  pickupTime: '08:25',
  contributionCents: 120,
  detourMinutes: 1.8,
  askedAt: now.toISOString(),
  deadline: later(60).toISOString(),
};
const asking = askDriver(startSearching(now), proposal);
const confirmed = acceptProposal(asking, later(7), 'ride:r0000001-1');

function effectsOf(state: MatchState, over: Partial<MatchFacts> = {}) {
  return matchEffects({
    match: { _id: 'match:r0000001', state },
    request,
    passenger: landlineMarie,
    driver: jean,
    trip: sampleJeanTrip,
    placeName: (insee) => places[insee] ?? insee,
    now,
    ...over,
  });
}

describe('what a match state means for people', () => {
  it('asks the driver once, in the scenario 2 question, and nothing else', () => {
    const e = effectsOf(asking);
    expect(e.sms).toEqual([
      {
        id: 'message:ask-r0000001-1',
        to: '+33639980101',
        purpose: 'ask',
        personId: jean._id,
        relatedId: 'match:r0000001',
        text: "Maillage : Marie (Cardaillac) cherche un trajet Cardaillac - Figeac jeudi 26/11 entre 8h et 9h30. Pouvez-vous l'emmener ? Répondez OUI ou NON.",
      },
    ]);
    expect(e).toMatchObject({ ride: null, cancelRide: null, releaseDriver: null, tasks: [] });
  });

  it('sends no question once its deadline has passed', () => {
    expect(effectsOf(asking, { now: later(60) }).sms).toEqual([]);
  });

  it('confirms the ride to the driver and gives the relay a callback task for a landline passenger', () => {
    const e = effectsOf(confirmed);
    expect(e.releaseDriver).toBe(jean._id);
    expect(e.ride).toMatchObject({
      _id: 'ride:r0000001-1',
      tripId: sampleJeanTrip._id,
      driverId: jean._id,
      passengerId: landlineMarie._id,
      pickupPlace: 'devant la mairie de Cardaillac',
      contributionCents: 120,
      cancelledAt: null,
    });
    expect(e.sms.map((s) => [s.id, s.to])).toEqual([['message:conf-drv-r0000001-1', jean.phone]]);
    expect(e.sms[0]!.text).toContain('Marie (05 36 49 00 01) vous attend jeudi 26/11 vers 8h25');
    expect(e.tasks).toEqual([
      {
        id: 'task:callback-r0000001-1',
        kind: 'callback',
        assignee: 'sophie',
        personId: landlineMarie._id,
        requestId: request._id,
        messageId: null,
        text: 'Appeler Marie au 05 36 49 00 01 : Jean passe la prendre jeudi 26/11 vers 8h25 devant la mairie de Cardaillac, participation 1,20 €',
      },
    ]);
  });

  it('texts a passenger who has a mobile the details instead of a callback task', () => {
    const e = effectsOf(confirmed, { passenger: mobileMarie });
    expect(e.sms.map((s) => s.id)).toEqual([
      'message:conf-drv-r0000001-1',
      'message:conf-pax-r0000001-1',
    ]);
    expect(e.sms[1]).toMatchObject({ to: mobileMarie.phone, purpose: 'confirm-passenger' });
    expect(e.sms[1]!.text).toMatch(/^Maillage : Jean \(06 39 98 01 01\) vous prend jeudi 26\/11/);
    expect(e.tasks).toEqual([]);
  });

  it('meets at the trip’s own meeting place when the passenger boards where the trip starts', () => {
    const fromLacapelle = { ...request, fromInsee: sampleJeanTrip.fromInsee };
    const trip = { ...sampleJeanTrip, meetingPlace: 'parking de la poste' };
    expect(effectsOf(confirmed, { request: fromLacapelle, trip }).ride?.pickupPlace).toBe(
      'parking de la poste',
    );
    expect(effectsOf(confirmed, { trip }).ride?.pickupPlace).toBe('devant la mairie de Cardaillac');
  });

  it('meets at the imported place near the passenger’s town hall, and the task says it', () => {
    const place = {
      id: '46057-P',
      name: 'Parking de la Halle',
      insee: '46057',
      kind: 'Parking',
      lon: 1.9998,
      lat: 44.6781,
      address: null,
      spaces: 12,
      updated: '2026-01-01',
    };
    const e = effectsOf(confirmed, {
      meetingPlaces: [place],
      centreOf: (insee) => (insee === '46057' ? { lon: 2.0, lat: 44.678 } : undefined),
    });
    expect(e.ride?.pickupPlace).toBe('Parking de la Halle');
    expect(e.tasks[0]!.text).toMatch(/vers 8h25 Parking de la Halle, participation/);
  });

  it('tells a mobile passenger nobody goes that way yet, and the coordinators why', () => {
    const unmatched = findNoDriver(startSearching(now), now, 'Aucun trajet.');
    const e = effectsOf(unmatched, { passenger: mobileMarie, driver: null });
    expect(e.sms).toMatchObject([{ id: 'message:none-r0000001', purpose: 'no-driver' }]);
    expect(e.sms[0]!.text).toMatch(/^Maillage : personne ne fait encore Cardaillac - Figeac/);
    expect(e.tasks).toMatchObject([
      { id: 'task:none-r0000001', kind: 'no-driver', assignee: null },
    ]);
    expect(e.tasks[0]!.text).toMatch(/^Aucun conducteur pour Marie .* Aucun trajet\.$/);
  });

  it('texts nobody about a window already over, and gives a landline passenger’s relay the task', () => {
    const unmatched = findNoDriver(startSearching(now), now, 'Aucun trajet.');
    const over = new Date('2026-11-26T08:30:00Z'); // 9:30 in Paris, the window's end
    expect(effectsOf(unmatched, { passenger: mobileMarie, now: over }).sms).toEqual([]);
    const e = effectsOf(unmatched);
    expect(e.sms).toEqual([]);
    expect(e.tasks).toMatchObject([{ kind: 'no-driver', assignee: 'sophie' }]);
  });

  it('texts a blocked passenger nothing and leaves the coordinators the task', () => {
    const blocked = { ...mobileMarie, blocked: true };
    const unmatched = findNoDriver(startSearching(now), now, 'Personne bloquée.');
    const e = effectsOf(unmatched, { passenger: blocked });
    expect(e.sms).toEqual([]);
    expect(e.tasks).toMatchObject([{ kind: 'no-driver', assignee: null }]);
  });

  it('tells the driver asked that the request is cancelled, and frees their phone', () => {
    const e = effectsOf(cancelRequest(asking, later(3), 'passenger'));
    expect(e).toMatchObject({ releaseDriver: jean._id, cancelRide: null, ride: null });
    expect(e.sms).toMatchObject([
      {
        id: 'message:cancel-r0000001-1',
        to: jean.phone,
        text: 'Maillage : Marie annule le trajet de jeudi 26/11. Merci !',
      },
    ]);
  });

  it('cancels the ride of a confirmed request and tells its driver', () => {
    const e = effectsOf(cancelRequest(confirmed, later(30), 'coordinator'));
    expect(e).toMatchObject({ releaseDriver: jean._id, cancelRide: 'ride:r0000001-1' });
    expect(e.sms.map((s) => s.id)).toEqual(['message:cancel-r0000001-1']);
  });

  it('tells nobody when a request is cancelled before anyone was asked', () => {
    expect(effectsOf(cancelRequest(startSearching(now), later(1), 'passenger'))).toEqual({
      releaseDriver: null,
      cancelRide: null,
      ride: null,
      sms: [],
      tasks: [],
      closeTasks: [],
    });
  });

  it('cancels the ride of a driver who pulls out and tells the passenger the search goes on', () => {
    const searching = driverCancels(confirmed, later(90));
    const e = effectsOf(searching, { passenger: mobileMarie });
    expect(e).toMatchObject({ releaseDriver: jean._id, cancelRide: 'ride:r0000001-1' });
    expect(e.sms).toMatchObject([
      {
        id: 'message:dcancel-r0000001-1',
        to: mobileMarie.phone,
        text: 'Maillage : Jean ne peut plus faire le trajet de jeudi 26/11. Nous cherchons un autre conducteur.',
      },
    ]);
    const landline = effectsOf(searching);
    expect(landline.sms).toEqual([]);
    expect(landline.tasks).toMatchObject([
      {
        id: 'task:dcancel-r0000001-1',
        kind: 'callback',
        assignee: 'sophie',
        text: 'Appeler Marie : Jean ne peut plus faire le trajet de jeudi 26/11. Nous cherchons un autre conducteur.',
      },
    ]);
  });

  it('only frees the phone of a driver who said NON', () => {
    expect(effectsOf(declineProposal(asking, later(5)))).toEqual({
      releaseDriver: jean._id,
      cancelRide: null,
      ride: null,
      sms: [],
      tasks: [],
      closeTasks: [],
    });
  });

  it('closes the "no driver" task when a driver confirms after a search again', () => {
    expect(effectsOf(confirmed).closeTasks).toEqual(['task:none-r0000001']);
  });

  it('closes the callback task of a ride its driver pulls out of', () => {
    expect(effectsOf(driverCancels(confirmed, later(90))).closeTasks).toEqual([
      'task:callback-r0000001-1',
    ]);
  });

  it('closes the callback task of a cancelled ride, and has a driver without a mobile called', () => {
    const cancelled = cancelRequest(confirmed, later(90), 'coordinator');
    expect(effectsOf(cancelled).closeTasks).toEqual(['task:callback-r0000001-1']);
    const landlineJean = { ...jean, phone: '+33565401234', phoneKind: 'landline' } as Person;
    const e = effectsOf(cancelled, { driver: landlineJean });
    expect(e.sms).toEqual([]);
    expect(e.tasks).toMatchObject([
      {
        id: 'task:cancel-r0000001-1',
        kind: 'callback',
        personId: jean._id,
        text: 'Appeler Jean : Marie annule le trajet de jeudi 26/11.',
      },
    ]);
    // Asked only, never agreed: there is nothing to call them about.
    expect(
      effectsOf(cancelRequest(asking, later(5), 'coordinator'), { driver: landlineJean }).tasks,
    ).toEqual([]);
  });

  it('names the driver and trip each state is about, so the worker reads only those', () => {
    expect(driverConcerned(startSearching(now))).toBeNull();
    expect(driverConcerned(asking)).toBe(jean._id);
    expect(driverConcerned(declineProposal(asking, later(5)))).toBe(jean._id);
    expect(driverConcerned(cancelRequest(confirmed, later(5), 'passenger'))).toBe(jean._id);
    expect(driverConcerned(findNoDriver(startSearching(now), now, 'x'))).toBeNull();
    expect(tripConcerned(confirmed)).toBe(sampleJeanTrip._id);
    expect(tripConcerned(asking)).toBeNull();
  });
});
