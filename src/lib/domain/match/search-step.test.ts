import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Candidate, MatchResult } from '../matching';
import { DEFAULT_DEADLINE_SETTINGS } from './deadline';
import {
  candidateDrivers,
  concludeSearch,
  planSearch,
  searchIsDue,
  type DriverFacts,
  type LockOutcome,
} from './search-step';
import {
  askDriver,
  declineProposal,
  expireProposal,
  startSearching,
  waitForDrivers,
} from './state';

// Tuesday 24/11 10:43 in Paris; the rides are on Thursday 26/11 around 8:30.
const now = new Date('2026-11-24T09:43:00Z');
const settings = DEFAULT_DEADLINE_SETTINGS;
const request = { date: '2026-11-26' };
const searching = startSearching(now);

const candidate = (driverId: string, pickupTime = '08:30'): Candidate => ({
  tripId: `trip:${driverId.slice(7)}`,
  driverId,
  leg: 'outbound',
  date: request.date,
  pickupTime,
  dropoffTime: '08:45',
  detourMinutes: 2,
  passengerRoadKm: 11.7,
  contributionCents: 120,
  seatsLeft: 3,
  score: 0.9,
  scoreParts: { time: 1, detour: 0.9, fairness: 1 },
});
const found = (...candidates: Candidate[]): Extract<MatchResult, { status: 'ok' }> => ({
  status: 'ok',
  candidates,
  passengerRoadKm: 11.7,
  contributionCents: 120,
  publicHoliday: false,
  scanned: candidates.length,
  examined: candidates.length,
  full: 0,
});
const free: DriverFacts = { textable: true, blocked: false, optedOut: false, busy: false };
const facts = (entries: Record<string, Partial<DriverFacts>>) =>
  new Map(Object.entries(entries).map(([id, f]) => [id, { ...free, ...f }]));

const [anne, bruno, claire] = ['person:anne', 'person:bruno', 'person:claire'];
const plannedAsk = (driverId: string) => ({
  driverId,
  tripId: `trip:${driverId.slice(7)}`,
  leg: 'outbound' as const,
  pickupTime: '08:30',
  contributionCents: 120,
  detourMinutes: 2,
  askedAt: now.toISOString(),
  deadline: '2026-11-24T10:43:00.000Z',
});

describe('one step of a search', () => {
  it('asks the best candidate who can answer, with an hour to do so', () => {
    const result = found(candidate(anne), candidate(bruno));
    const plan = planSearch(result, facts({ [anne]: {}, [bruno]: {} }), request, now, settings);
    expect(plan.asks.map((a) => a.driverId)).toEqual([anne, bruno]);
    const next = concludeSearch(searching, plan, ['locked'], now, settings);
    expect(next).toMatchObject({
      status: 'asking',
      proposal: {
        driverId: anne,
        tripId: 'trip:anne',
        pickupTime: '08:30',
        contributionCents: 120,
        attempt: 1,
        askedAt: now.toISOString(),
        deadline: '2026-11-24T10:43:00.000Z',
      },
    });
  });

  it('leaves out drivers who cannot be texted, are blocked or sent STOP', () => {
    const result = found(
      candidate(anne),
      candidate(bruno),
      candidate(claire),
      candidate('person:d'),
    );
    const plan = planSearch(
      result,
      facts({
        [anne]: { textable: false },
        [bruno]: { blocked: true },
        [claire]: { optedOut: true },
      }),
      request,
      now,
      settings,
    );
    // person:d was never read: unknown facts never make a driver askable.
    expect(plan.asks).toEqual([]);
    // Nobody was asked: a coordinator may still call the ones without SMS.
    expect(concludeSearch(searching, plan, [], now, settings)).toMatchObject({
      status: 'unmatched',
      reason: 'Les conducteurs possibles ne peuvent pas être joints par SMS : à appeler.',
    });
  });

  it('does not ask a driver who would have less than ten minutes to answer before the pickup margin', () => {
    const soon = new Date('2026-11-26T06:25:00Z'); // 7:25 in Paris: 8:30 minus an hour is 7:30
    const result = found(candidate(anne), candidate(bruno, '09:00'));
    const plan = planSearch(result, facts({ [anne]: {}, [bruno]: {} }), request, soon, settings);
    expect(plan.asks.map((a) => [a.driverId, a.proposal.deadline])).toEqual([
      [bruno, '2026-11-26T07:00:00.000Z'],
    ]);
  });

  it('goes to the next driver when the best one’s phone was taken meanwhile', () => {
    const result = found(candidate(anne), candidate(bruno));
    const plan = planSearch(result, facts({ [anne]: {}, [bruno]: {} }), request, now, settings);
    const next = concludeSearch(searching, plan, ['busy', 'locked'], now, settings);
    expect(next).toMatchObject({ status: 'asking', proposal: { driverId: bruno } });
  });

  it('waits ten minutes when the only drivers left are busy with another question', () => {
    const result = found(candidate(anne), candidate(bruno));
    const plan = planSearch(
      result,
      facts({ [anne]: { busy: true }, [bruno]: {} }),
      request,
      now,
      settings,
    );
    expect(plan).toMatchObject({ busy: true, asks: [{ driverId: bruno }] });
    expect(concludeSearch(searching, plan, ['opted-out'], now, settings)).toEqual(
      waitForDrivers(searching, new Date('2026-11-24T09:53:00Z')),
    );
    const racing = planSearch(
      found(candidate(anne)),
      facts({ [anne]: {} }),
      request,
      now,
      settings,
    );
    expect(concludeSearch(searching, racing, ['busy'], now, settings)).toMatchObject({
      status: 'searching',
      retryAt: '2026-11-24T09:53:00.000Z',
    });
  });

  it('ends with the reason: no trip at all, or every candidate already tried', () => {
    const none = planSearch(found(), new Map(), request, now, settings);
    expect(concludeSearch(searching, none, [], now, settings)).toMatchObject({
      status: 'unmatched',
      reason: 'Aucun trajet régulier ne passe par là à cette heure.',
    });
    // findCandidates skips the drivers tried: none left after a NON is not "no trip".
    const declined = declineProposal(askDriver(searching, plannedAsk(anne)), now);
    expect(concludeSearch(declined, none, [], now, settings)).toMatchObject({
      status: 'unmatched',
      reason: 'Tous les conducteurs possibles ont été sollicités.',
    });
    const refused: MatchResult = {
      status: 'refused',
      reason: 'passenger-blocked',
      message: 'Personne bloquée par la coordination.',
      passengerRoadKm: 11.7,
    };
    const plan = planSearch(refused, new Map(), request, now, settings);
    expect(candidateDrivers(refused)).toEqual([]);
    expect(concludeSearch(searching, plan, [], now, settings)).toMatchObject({
      status: 'unmatched',
      reason: 'Personne bloquée par la coordination.',
    });
  });

  it('says the trips are full when the only ones passing there have no seat left', () => {
    const plan = planSearch({ ...found(), full: 1 }, new Map(), request, now, settings);
    expect(concludeSearch(searching, plan, [], now, settings)).toMatchObject({
      status: 'unmatched',
      reason: 'Les trajets qui passent par là sont complets ce jour-là.',
    });
  });

  it('says it was too late to ask when the only candidates left have no time to answer', () => {
    const soon = new Date('2026-11-26T06:25:00Z'); // 7:25 in Paris, pickup at 8:30
    const plan = planSearch(found(candidate(anne)), facts({ [anne]: {} }), request, soon, settings);
    expect(concludeSearch(searching, plan, [], soon, settings)).toMatchObject({
      status: 'unmatched',
      reason: "Trop tard pour demander à un conducteur avant l'heure du départ.",
    });
  });

  it('ends a question early enough for the next driver to be asked before the pickup margin', () => {
    const seven = new Date('2026-11-26T06:00:00Z'); // 7:00 in Paris, both pickups at 8:30
    const both = found(candidate(anne), candidate(bruno));
    const plan = planSearch(both, facts({ [anne]: {}, [bruno]: {} }), request, seven, settings);
    const asking = concludeSearch(searching, plan, ['locked'], seven, settings);
    if (asking.status !== 'asking') throw new Error(asking.status);
    // 7:20, not 7:30: Bruno still gets his ten minutes before 7:30.
    expect(asking.proposal.deadline).toBe('2026-11-26T06:20:00.000Z');
    const silent = expireProposal(asking, new Date(asking.proposal.deadline));
    const at = new Date(asking.proposal.deadline);
    const again = planSearch(
      found(candidate(bruno)),
      facts({ [bruno]: {} }),
      request,
      at,
      settings,
    );
    expect(concludeSearch(silent, again, ['locked'], at, settings)).toMatchObject({
      status: 'asking',
      proposal: { driverId: bruno, deadline: '2026-11-26T06:30:00.000Z' },
    });
  });

  it('leaves the next driver time to answer after a silence whenever there was room for both', () => {
    const day = Date.parse('2026-11-26T05:00:00Z'); // 6:00 in Paris
    const minute = 60_000;
    const minimum = settings.minimumAnswerMinutes * minute;
    const margin = settings.marginBeforePickupMinutes * minute;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 240 }),
        fc.integer({ min: 60, max: 360 }),
        fc.integer({ min: 60, max: 360 }),
        (nowMin, aMin, bMin) => {
          const now = new Date(day + nowMin * minute);
          const time = (m: number) => new Date(day + m * minute).toISOString().slice(11, 16);
          // Pickup times are Paris times, an hour ahead of UTC in November.
          const [a, b] = [candidate(anne, time(aMin + 60)), candidate(bruno, time(bMin + 60))];
          const plan = planSearch(
            found(a, b),
            facts({ [anne]: {}, [bruno]: {} }),
            request,
            now,
            settings,
          );
          if (plan.asks.length < 2) return;
          const brunoLatestAsk = day + bMin * minute - margin - minimum;
          if (brunoLatestAsk - now.getTime() < minimum) return; // no room for both
          const first = plan.asks[0]!.proposal;
          const at = new Date(first.deadline);
          expect(at.getTime() - now.getTime()).toBeGreaterThanOrEqual(minimum);
          const again = planSearch(found(b), facts({ [bruno]: {} }), request, at, settings);
          expect(again.asks.map((x) => x.driverId)).toEqual([bruno]);
        },
      ),
    );
  });

  it('asks only a driver whose phone it locked, never a busy, blocked or unreachable one', () => {
    const people = [anne, bruno, claire, 'person:d'];
    const factsArb = fc.record({
      textable: fc.boolean(),
      blocked: fc.boolean(),
      optedOut: fc.boolean(),
      busy: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(factsArb, { minLength: 4, maxLength: 4 }),
        fc.array(fc.constantFrom<LockOutcome>('locked', 'busy', 'opted-out'), { maxLength: 4 }),
        (all, outcomes) => {
          const known = new Map(people.map((id, i) => [id, all[i]!]));
          const plan = planSearch(
            found(...people.map((id) => candidate(id))),
            known,
            request,
            now,
            settings,
          );
          // The worker stops at the first phone it locks.
          const stop = outcomes.indexOf('locked');
          const locks = outcomes.slice(0, Math.min(plan.asks.length, stop < 0 ? 4 : stop + 1));
          const next = concludeSearch(searching, plan, locks, now, settings);
          if (next.status !== 'asking') return;
          const f = known.get(next.proposal.driverId)!;
          expect(f).toMatchObject({ textable: true, blocked: false, optedOut: false, busy: false });
          expect(locks[plan.asks.findIndex((a) => a.driverId === next.proposal.driverId)]).toBe(
            'locked',
          );
        },
      ),
    );
  });

  it('runs at once, or once its wait for busy drivers is over', () => {
    expect(searchIsDue(searching, now)).toBe(true);
    const waiting = waitForDrivers(searching, new Date('2026-11-24T09:53:00Z'));
    expect(searchIsDue(waiting, new Date('2026-11-24T09:52:59Z'))).toBe(false);
    expect(searchIsDue(waiting, new Date('2026-11-24T09:53:00Z'))).toBe(true);
  });
});
