import type { RideRequest, Trip } from '../../src/lib/domain/documents';
import { driversTried, mayLookAgain, searchAgain } from '../../src/lib/domain/match';
import { findCandidates, matchingSettings, type MatchContext } from '../../src/lib/domain/matching';
import { isoWeekday, localDateOf } from '../../src/lib/domain/schedule/calendar';
import { frenchPublicHolidays } from '../../src/lib/domain/schedule/holidays';
import type { WorkerContext } from '../worker/context';
import { getMatch, writeMatch } from '../worker/matches';
import { unmatchedOf } from '../worker/unmatched';

/**
 * The requests with no driver that `trip` could serve (on `date` only, when given), window still
 * ahead, search again: the full search then decides whom to ask. "Could serve" is the matching
 * module on this one trip with the facts known in memory: seats and fairness are the search's.
 */
export async function searchAgainWhereTripServes(
  ctx: WorkerContext,
  trip: Trip,
  date: string | null,
): Promise<void> {
  const now = ctx.clock.now();
  const today = localDateOf(now);
  const unmatched = unmatchedOf(ctx);
  await unmatched.load(ctx.db, today);
  const lead = matchingSettings(ctx.settings.matching).minLeadMinutes;
  for (const entry of unmatched.from(today)) {
    if (date !== null && entry.date !== date) continue;
    if (!trip.weekdays.includes(isoWeekday(entry.date))) continue;
    const request = await ctx.known.read<RideRequest>(ctx.db, entry.requestId, 'request');
    if (!request) continue;
    const match = await getMatch(ctx, entry.matchId);
    if (!match || !mayLookAgain(match.state, request, now, lead)) continue;
    if (!couldServe(ctx, trip, request, driversTried(match.state), now)) continue;
    // Lost to another write: that one is the match's news, and its own handlers run.
    if (match.state.status === 'unmatched')
      await writeMatch(ctx, match, searchAgain(match.state, now));
  }
}

function couldServe(
  ctx: WorkerContext,
  trip: Trip,
  request: RideRequest,
  tried: ReadonlySet<string>,
  now: Date,
): boolean {
  const context: MatchContext = {
    communes: ctx.places.lookup,
    now,
    settings: ctx.settings.matching,
    contribution: ctx.settings.contribution,
    seatsTaken: new Map(),
    blockedPeople: ctx.trips.blockedDrivers(),
    recentAsks: new Map(),
    holidays: new Set(frenchPublicHolidays(Number(request.date.slice(0, 4))).map((h) => h.date)),
    skipDrivers: tried,
  };
  const result = findCandidates(request, [trip], context);
  return result.status === 'ok' && result.candidates.length > 0;
}
