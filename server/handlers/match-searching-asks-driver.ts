import {
  isSearchingMatch,
  type RideRequest,
  type StoredMatchIn,
} from '../../src/lib/domain/documents';
import {
  candidateDrivers,
  concludeSearch,
  instantOf,
  planSearch,
  searchIsDue,
  waitForDrivers,
  type LockOutcome,
  type Searching,
} from '../../src/lib/domain/match';
import { findCandidates } from '../../src/lib/domain/matching';
import { holdUntil } from '../../src/lib/domain/outbox/quiet-hours';
import { lockDriverPhone, readCandidates } from '../worker/driver-phones';
import { writeMatch } from '../worker/matches';
import { getPerson } from '../worker/people';
import { matchContextFor, withMissedSeats } from '../worker/search-facts';
import type { Handler } from './types';

/**
 * A match looking for a driver asks the best free candidate, waits while only busy ones are
 * left, or finds none. Runs from the feed, and from the timer when a wait (`retryAt`) is over.
 */
export const matchSearchingAsksDriver: Handler<StoredMatchIn<Searching>> = {
  name: 'match-searching-asks-driver',
  appliesTo: isSearchingMatch,
  handle: async (match, ctx) => {
    const now = ctx.clock.now();
    if (!searchIsDue(match.state, now)) return;
    const request = await ctx.known.read<RideRequest>(ctx.db, match.requestId, 'request');
    if (!request || request.cancelledAt) return; // request-opens-match cancels it
    // At night a driver is asked only about a ride soon: a question held until morning would
    // pass its deadline unread. The search waits for the morning instead.
    const morning = holdUntil(
      now,
      instantOf(request.date, request.earliest),
      ctx.settings.quietHours,
    );
    if (morning) {
      await writeMatch(ctx, match, waitForDrivers(match.state, morning));
      return;
    }
    const passenger = await getPerson(ctx, request.passengerId);
    const { context, seats } = await matchContextFor(ctx, request, passenger, match.state, now);
    const index = ctx.trips.searchIndex(ctx.settings.matching);
    let result = findCandidates(request, index, context);
    const candidates = await readCandidates(ctx, candidateDrivers(result), match._id);
    // Seats the view did not show yet, if any: fewer candidates, whose facts are already read.
    const checked = await withMissedSeats(ctx, seats, candidates);
    if (checked !== seats)
      result = findCandidates(request, index, { ...context, seatsTaken: checked.taken });
    const plan = planSearch(result, candidates.facts, request, now, ctx.settings.deadline);
    // The phones are taken one at a time, best first, until one is free.
    const locks: LockOutcome[] = [];
    for (const ask of plan.asks) {
      const phone = candidates.phones.get(ask.driverId);
      if (!phone) throw new Error(`${ask.driverId}: asked without a phone read`); // a bug
      const lock = await lockDriverPhone(ctx, phone, match._id);
      locks.push(lock);
      if (lock === 'locked') break;
    }
    const next = concludeSearch(match.state, plan, locks, now, ctx.settings.deadline);
    await writeMatch(ctx, match, next);
  },
};
