import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCHING_SETTINGS } from '../matching/settings';
import { NOW, WORLD, request, trip } from '../matching/test-world';
import {
  decideManualMatch,
  manualProposal,
  setAsideDriver,
  withPhoneLock,
  type ManualFacts,
  type ManualInstruction,
} from './manual';
import {
  askDriver,
  assignDriver,
  cancelRequest,
  confirmByPhone,
  findNoDriver,
  startSearching,
  type MatchState,
} from './state';

const instruction = (over: Partial<ManualInstruction> = {}): ManualInstruction => ({
  id: 'manual-1',
  tripId: 'trip:a',
  leg: 'outbound',
  agreed: false,
  by: 'coordination',
  at: NOW.toISOString(),
  ...over,
});

const facts = (over: Partial<ManualFacts> = {}): ManualFacts => ({
  request: request(),
  trip: trip(),
  driver: { blocked: false, phoneKind: 'mobile' },
  instruction: instruction(),
  communes: WORLD,
  matching: DEFAULT_MATCHING_SETTINGS,
  now: NOW,
  ...over,
});

const proposalOf = (f: ManualFacts) => {
  const result = manualProposal(f);
  if (!result.ok) throw new Error(result.reason);
  return result.proposal;
};

const match = (
  state: MatchState,
  manual: { id: string; refused: string | null } | null = null,
) => ({
  _id: 'match:abc',
  state,
  manual,
});

describe('manual proposal', () => {
  it('estimates the pickup, the detour and the contribution of the chosen trip', () => {
    // South → North at 8:00, pickup 12 km up the road: 12 × 1.35 km at 60 km/h = 16 minutes.
    const p = proposalOf(facts());
    expect(p).toMatchObject({
      driverId: 'person:driver-a',
      tripId: 'trip:a',
      leg: 'outbound',
      pickupTime: '08:16',
      detourMinutes: 0,
      // 12 km × 1.35 × 0.10 €/km = 1.62 € → 1.60 €
      contributionCents: 160,
    });
    expect(Date.parse(p.deadline)).toBeGreaterThan(NOW.getTime());
  });

  it('starts the return leg at the trip destination at its return time', () => {
    const f = facts({
      trip: trip({ returnDeparture: '17:30' }),
      request: request({ fromInsee: '46003', toInsee: '46002' }),
      instruction: instruction({ leg: 'return' }),
    });
    // North → Near North: 6 km × 1.35 = 8.1 minutes.
    expect(proposalOf(f).pickupTime).toBe('17:38');
  });

  it('counts the detour to a village far off the road, which the coordinator may still choose', () => {
    // South → Far east (25 km east, 15 north) → Near North → North, against 30 km straight.
    const f = facts({ request: request({ fromInsee: '46006', toInsee: '46003' }) });
    const straight = Math.hypot(25, 15) + Math.hypot(25, 9) + 6 - 30;
    expect(proposalOf(f).detourMinutes).toBe(Math.round(straight * 1.35));
  });

  it('refuses a blocked driver, a trip with no return, and an SMS to a driver with no mobile', () => {
    expect(manualProposal(facts({ driver: { blocked: true, phoneKind: 'mobile' } }))).toEqual({
      ok: false,
      reason: 'Ce conducteur est bloqué par la coordination.',
    });
    expect(manualProposal(facts({ instruction: instruction({ leg: 'return' }) })).ok).toBe(false);
    const landline = facts({ driver: { blocked: false, phoneKind: 'landline' } });
    expect(manualProposal(landline).ok).toBe(false);
    // Agreed by phone, a driver with a landline is fine.
    expect(manualProposal({ ...landline, instruction: instruction({ agreed: true }) }).ok).toBe(
      true,
    );
  });

  it('refuses to ask by SMS when there is no time left for an answer', () => {
    const late = facts({ now: new Date('2026-11-26T06:50:00Z') }); // 7:50 in Paris, pickup 8:16
    expect(manualProposal(late)).toMatchObject({ ok: false });
    expect(manualProposal({ ...late, instruction: instruction({ agreed: true }) }).ok).toBe(true);
  });
});

describe('manual match decision', () => {
  const p = proposalOf(facts());

  it('asks the chosen driver of a request with no driver', () => {
    const unmatched = findNoDriver(startSearching(NOW), NOW, 'Aucun trajet');
    const d = decideManualMatch(match(unmatched), instruction(), { ok: true, proposal: p }, NOW);
    expect(d).toMatchObject({
      action: 'apply',
      state: { status: 'asking', proposal: { driverId: 'person:driver-a', attempt: 1 } },
      outcome: { id: 'manual-1', refused: null },
    });
  });

  it('replaces the driver being asked, who counts as withdrawn', () => {
    const asking = askDriver(startSearching(NOW), { ...p, driverId: 'person:other' });
    const d = decideManualMatch(match(asking), instruction(), { ok: true, proposal: p }, NOW);
    if (d.action !== 'apply') throw new Error(d.action);
    expect(d.state.status).toBe('asking');
    expect(d.state.tried).toEqual([
      { driverId: 'person:other', outcome: 'withdrawn', at: NOW.toISOString() },
    ]);
    expect(d.state.proposal).toMatchObject({ driverId: 'person:driver-a', attempt: 2 });
  });

  it('names the driver set aside, once he was asked and another one is now', () => {
    const asking = askDriver(startSearching(NOW), { ...p, driverId: 'person:other' });
    const byPhone = instruction({ agreed: true });
    for (const [how, given] of [
      ['asked instead', instruction()],
      ['agreed by phone', byPhone],
    ] as const) {
      const d = decideManualMatch(match(asking), given, { ok: true, proposal: p }, NOW);
      if (d.action !== 'apply') throw new Error(d.action);
      expect(setAsideDriver(asking, d.state), how).toEqual({
        driverId: 'person:other',
        attempt: 1,
      });
    }
    // The same driver confirmed by phone, or nobody asked before: nobody to tell.
    const same = decideManualMatch(
      match(askDriver(startSearching(NOW), p)),
      byPhone,
      { ok: true, proposal: p },
      NOW,
    );
    if (same.action !== 'apply') throw new Error(same.action);
    expect(setAsideDriver(askDriver(startSearching(NOW), p), same.state)).toBeNull();
    const unmatched = findNoDriver(startSearching(NOW), NOW, 'Aucun trajet');
    expect(setAsideDriver(unmatched, assignDriver(unmatched, p, NOW))).toBeNull();
  });

  it('confirms a driver who agreed by phone, with the ride of that attempt', () => {
    const d = decideManualMatch(
      match(startSearching(NOW)),
      instruction({ agreed: true }),
      { ok: true, proposal: p },
      NOW,
    );
    expect(d).toMatchObject({
      action: 'apply',
      state: { status: 'confirmed', rideId: 'ride:abc-1' },
    });
  });

  it('confirms the driver being asked when they agree by phone, keeping their question', () => {
    const asking = askDriver(startSearching(NOW), p);
    const d = decideManualMatch(
      match(asking),
      instruction({ agreed: true }),
      { ok: true, proposal: p },
      NOW,
    );
    expect(d).toMatchObject({
      action: 'apply',
      state: { status: 'confirmed', rideId: 'ride:abc-1', tried: [] },
    });
    const again = decideManualMatch(match(asking), instruction(), { ok: true, proposal: p }, NOW);
    expect(again).toMatchObject({ action: 'refuse' });
  });

  it('applies an instruction once, and refuses one on a confirmed or cancelled request', () => {
    const seen = match(startSearching(NOW), { id: 'manual-1', refused: null });
    expect(decideManualMatch(seen, instruction(), { ok: true, proposal: p }, NOW)).toEqual({
      action: 'none',
    });
    expect(decideManualMatch(seen, null, { ok: true, proposal: p }, NOW)).toEqual({
      action: 'none',
    });
    const confirmed = confirmByPhone(startSearching(NOW), p, NOW, (n) => `ride:abc-${n}`);
    expect(
      decideManualMatch(match(confirmed), instruction(), { ok: true, proposal: p }, NOW),
    ).toEqual({
      action: 'refuse',
      outcome: { id: 'manual-1', refused: 'La demande a déjà un conducteur confirmé.' },
    });
    const cancelled = cancelRequest(startSearching(NOW), NOW, 'passenger');
    expect(
      decideManualMatch(match(cancelled), instruction(), { ok: true, proposal: p }, NOW),
    ).toMatchObject({ action: 'refuse' });
  });

  it('records why a proposal could not be made', () => {
    const d = decideManualMatch(
      match(startSearching(NOW)),
      instruction(),
      { ok: false, reason: 'Ce trajet n’a pas de retour.' },
      NOW,
    );
    expect(d).toEqual({
      action: 'refuse',
      outcome: { id: 'manual-1', refused: 'Ce trajet n’a pas de retour.' },
    });
  });

  it('never asks the same attempt twice: each assignment numbers its question after those tried', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 8 }),
        (drivers) => {
          let state: MatchState = startSearching(NOW);
          const attempts: number[] = [];
          for (const driver of drivers) {
            if (state.status !== 'asking' && state.status !== 'searching') break;
            state = assignDriver(state, { ...p, driverId: `person:${driver}` }, NOW);
            attempts.push(state.proposal.attempt);
            expect(state.tried.length).toBe(state.proposal.attempt - 1);
          }
          expect(new Set(attempts).size).toBe(attempts.length);
        },
      ),
    );
  });
});

describe('the driver’s phone for a manual question', () => {
  const ok = { ok: true } as unknown as Parameters<typeof withPhoneLock>[0];
  it('keeps the proposal when the phone was taken and refuses it, in French, otherwise', () => {
    expect(withPhoneLock(ok, 'locked')).toBe(ok);
    expect(withPhoneLock(ok, 'busy')).toEqual({
      ok: false,
      reason: 'Ce conducteur attend déjà la réponse à une autre demande.',
    });
    expect(withPhoneLock(ok, 'opted-out')).toEqual({
      ok: false,
      reason: 'Ce conducteur ne reçoit plus de SMS (STOP).',
    });
  });
});
