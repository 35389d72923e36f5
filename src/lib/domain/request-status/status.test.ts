import { describe, expect, it } from 'vitest';
import {
  askDriver,
  acceptProposal,
  cancelRequest,
  findNoDriver,
  startSearching,
  type MatchState,
} from '../match/state';
import { STATUS_LABELS, confirmedRideId, requestStatus, statusDetail } from './status';
import { matchIdOf, rideIdOf } from '../ids';

const request = {
  _id: 'request:abc123',
  passengerId: 'person:marie1',
  date: '2026-11-26',
  earliest: '08:00',
  latest: '09:30',
  cancelledAt: null,
};
const before = new Date('2026-11-25T10:00:00Z');
const asked = new Date('2026-11-25T09:00:00Z');
const proposal = {
  driverId: 'person:jean01',
  tripId: 'trip:t1',
  leg: 'outbound' as const,
  pickupTime: '08:40',
  contributionCents: 350,
  detourMinutes: 5,
  askedAt: asked.toISOString(),
  deadline: '2026-11-25T10:00:00.000Z',
};
const match = (state: MatchState, requestId = request._id) => ({ requestId, state });
const asking = askDriver(startSearching(asked), proposal);
const confirmed = acceptProposal(asking, asked, 'ride:abc123-1');
const ride = {
  requestId: request._id,
  matchId: 'match:abc123',
  driverId: 'person:jean01',
  pickupTime: '08:45',
  pickupPlace: 'Devant la mairie',
  contributionCents: 400,
  cancelledAt: null,
};
const names = (id: string) => (id === 'person:jean01' ? 'Jean' : null);

describe('requestStatus', () => {
  it('is waiting while the worker has no match for the request', () => {
    expect(requestStatus(request, null, null, before)).toEqual({ kind: 'waiting' });
  });

  it('follows the match: searching, asking, unmatched', () => {
    expect(requestStatus(request, match(startSearching(asked)), null, before).kind).toBe(
      'searching',
    );
    expect(requestStatus(request, match(asking), null, before)).toEqual({
      kind: 'asking',
      driverId: 'person:jean01',
      pickupTime: '08:40',
    });
    const none = findNoDriver(startSearching(asked), asked, 'personne');
    expect(requestStatus(request, match(none), null, before).kind).toBe('unmatched');
  });

  it('takes the pickup time, meeting place and contribution of the confirmed ride', () => {
    expect(requestStatus(request, match(confirmed), ride, before)).toEqual({
      kind: 'confirmed',
      driverId: 'person:jean01',
      pickupTime: '08:45',
      meetingPlace: 'Devant la mairie',
      contributionCents: 400,
    });
  });

  it('falls back on the proposal when the ride is missing or cancelled', () => {
    const expected = {
      kind: 'confirmed',
      driverId: 'person:jean01',
      pickupTime: '08:40',
      meetingPlace: null,
      contributionCents: 350,
    };
    expect(requestStatus(request, match(confirmed), null, before)).toEqual(expected);
    const cancelledRide = { ...ride, cancelledAt: asked.toISOString() };
    expect(requestStatus(request, match(confirmed), cancelledRide, before)).toEqual(expected);
  });

  it('is cancelled when the request is, whatever the match says', () => {
    const cancelled = { ...request, cancelledAt: '2026-11-25T09:30:00.000Z' };
    expect(requestStatus(cancelled, match(confirmed), ride, before)).toEqual({
      kind: 'cancelled',
      at: '2026-11-25T09:30:00.000Z',
    });
    const byWorker = match(cancelRequest(asking, asked, 'passenger'));
    expect(requestStatus(request, byWorker, null, before)).toEqual({
      kind: 'cancelled',
      at: asked.toISOString(),
    });
  });

  it('is past once the pickup window has closed, in Paris time', () => {
    // 09:30 in Paris on 26 November is 08:30 UTC.
    expect(
      requestStatus(request, match(confirmed), ride, new Date('2026-11-26T08:29:00Z')).kind,
    ).toBe('confirmed');
    expect(
      requestStatus(request, match(confirmed), ride, new Date('2026-11-26T08:31:00Z')).kind,
    ).toBe('past');
    expect(requestStatus(request, null, null, new Date('2026-11-27T00:00:00Z')).kind).toBe('past');
  });

  it('ignores a match of another request', () => {
    expect(requestStatus(request, match(asking, 'request:other9'), null, before)).toEqual({
      kind: 'waiting',
    });
  });
});

describe('labels', () => {
  it('gives every kind its own French label', () => {
    const labels = Object.values(STATUS_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
    expect(STATUS_LABELS.unmatched).toBe('Aucun conducteur pour l’instant');
  });

  it('tells the driver, time, place and contribution of a confirmed ride', () => {
    const status = requestStatus(request, match(confirmed), ride, before);
    expect(statusDetail(status, names)).toBe(
      'avec Jean, prise en charge à 8h45, rendez-vous : Devant la mairie, participation 4 €',
    );
    expect(statusDetail(requestStatus(request, match(asking), null, before), () => null)).toBe(
      'Demande envoyée à un conducteur pour 8h40',
    );
    expect(statusDetail({ kind: 'searching' }, names)).toBe('');
    expect(
      statusDetail({ kind: 'asking', driverId: 'person:jean01', pickupTime: '09:00' }, names),
    ).toBe('Demande envoyée à Jean pour 9h');
  });

  it('finds the ride of a confirmed match by the id the worker gives it', () => {
    expect(confirmedRideId(match(confirmed))).toBe(rideIdOf(matchIdOf(request._id), 1));
    expect(confirmedRideId(match(asking))).toBeNull();
    expect(confirmedRideId(null)).toBeNull();
  });
});
