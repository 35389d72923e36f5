// A searching match asks its best candidate driver, waits when only busy drivers are left, or
// ends without a driver. A driver's phone carries at most one open question at a time: the
// driver's conversation document points to the match it asked about (a lock taken with _rev).
import { isTextable } from '../../src/lib/domain/documents';
import type { RideRequest } from '../../src/lib/domain/documents';
import { answerDeadline, instantOf } from '../../src/lib/domain/match/deadline';
import {
  askDriver,
  driversTried,
  findNoDriver,
  waitForDrivers,
  type Searching,
} from '../../src/lib/domain/match/state';
import { findCandidates } from '../../src/lib/domain/matching/find-candidates';
import { seatKey } from '../../src/lib/domain/matching/context';
import type { WorkerContext } from './context';
import { conversationId } from '../../src/lib/server/shared/hashed-ids';
import { getMatch, writeMatch, type StoredMatch } from './matches';
import { getConversation, getPerson, updateConversation } from './people';
import { getDoc } from '../../src/lib/server/shared/store';

/** Seats already taken on each trip, leg and date (confirmed rides not cancelled). */
async function seatsTakenOn(ctx: WorkerContext, date: string): Promise<Map<string, number>> {
  const res = await ctx.db.view('worker', 'rides_by_date', { key: date });
  const taken = new Map<string, number>();
  for (const row of res.rows) {
    const [tripId, leg, seats] = row.value as [string, 'outbound' | 'return', number];
    const key = seatKey(tripId, date, leg);
    taken.set(key, (taken.get(key) ?? 0) + seats);
  }
  return taken;
}

type Lock = 'locked' | 'busy' | 'opted-out';

/** Takes the driver's phone for this match unless it already waits for another answer. */
async function lockDriver(ctx: WorkerContext, phone: string, matchId: string): Promise<Lock> {
  const conversation = await getConversation(ctx, phone);
  if (conversation?.optedOut) return 'opted-out';
  const holder = conversation?.proposal ?? null;
  if (holder !== null && holder !== matchId) {
    const other = await getMatch(ctx, holder);
    if (other?.state.status === 'asking') return 'busy';
  }
  let result: Lock = 'locked';
  await updateConversation(ctx, phone, (c) => {
    if (c.optedOut) {
      result = 'opted-out';
      return null;
    }
    // Someone took it meanwhile: busy (re-checked at the next retry).
    if (c.proposal !== null && c.proposal !== matchId && c.proposal !== holder) {
      result = 'busy';
      return null;
    }
    result = 'locked';
    return c.proposal === matchId ? null : { ...c, proposal: matchId };
  });
  return result;
}

/** Frees the driver's phone if it still points to this match. */
export async function releaseDriver(ctx: WorkerContext, driverId: string, matchId: string) {
  const driver = await getPerson(ctx, driverId);
  if (!driver?.phone) return;
  const conversation = await getDoc<{ proposal: string | null }>(
    ctx.db,
    conversationId(driver.phone),
  );
  if (conversation?.proposal !== matchId) return;
  await updateConversation(ctx, driver.phone, (c) =>
    c.proposal === matchId ? { ...c, proposal: null } : null,
  );
}

export async function searchDriver(ctx: WorkerContext, match: StoredMatch): Promise<void> {
  const state = match.state;
  if (state.status !== 'searching') return;
  const now = ctx.clock.now();
  if (state.retryAt !== null && Date.parse(state.retryAt) > now.getTime()) return;
  const request = await getDoc<RideRequest>(ctx.db, match.requestId);
  if (!request || request.cancelledAt) return; // the request handler cancels it
  const next = await nextStep(ctx, match, state, request, now);
  await writeMatch(ctx, match, next);
}

async function nextStep(
  ctx: WorkerContext,
  match: StoredMatch,
  state: Searching,
  request: RideRequest,
  now: Date,
) {
  const tried = driversTried(state);
  const taken = await seatsTakenOn(ctx, request.date);
  const result = findCandidates(request, ctx.trips.searchIndex(ctx.settings.matching), {
    communes: ctx.places.lookup,
    now,
    settings: ctx.settings.matching,
    contribution: ctx.settings.contribution,
    seatsTaken: taken,
    skipDrivers: new Set([...tried, request.passengerId]),
  });
  if (result.status === 'refused') return findNoDriver(state, now, result.message);
  let busy = false;
  for (const c of result.candidates) {
    if (tried.has(c.driverId) || c.driverId === request.passengerId) continue;
    const driver = await getPerson(ctx, c.driverId);
    // A driver the worker cannot text cannot answer OUI: a coordinator may still call them.
    if (!isTextable(driver) || driver.blocked) continue;
    const deadline = answerDeadline(
      now,
      instantOf(request.date, c.pickupTime),
      ctx.settings.deadline,
    );
    if (deadline === null) continue;
    const lock = await lockDriver(ctx, driver.phone, match._id);
    if (lock === 'busy') busy = true;
    if (lock !== 'locked') continue;
    return askDriver(state, {
      driverId: c.driverId,
      tripId: c.tripId,
      leg: c.leg,
      pickupTime: c.pickupTime,
      contributionCents: c.contributionCents,
      detourMinutes: c.detourMinutes,
      askedAt: now.toISOString(),
      deadline: deadline.toISOString(),
    });
  }
  if (busy) {
    return waitForDrivers(
      state,
      new Date(now.getTime() + ctx.settings.deadline.busyRetryMinutes * 60_000),
    );
  }
  const reason =
    result.candidates.length === 0
      ? 'Aucun trajet régulier ne passe par là à cette heure.'
      : 'Tous les conducteurs possibles ont été sollicités.';
  return findNoDriver(state, now, reason);
}
