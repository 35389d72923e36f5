import { isStoredRequest, type RideRequest, type Stored } from '../../src/lib/domain/documents';
import { matchIdOf } from '../../src/lib/domain/ids';
import { decideRequestMatch, opensWithoutReading } from '../../src/lib/domain/match';
import { createMatch, getMatch, writeMatch } from '../worker/matches';
import type { Handler } from './types';

/**
 * A request from any channel opens its match (`match:<request>`); a request whose `cancelledAt`
 * was set in the app cancels it, and the driver asked or confirmed is told (match-tells-people);
 * a coordinator's `searchAgainAt` sends a match with no driver back to the search.
 */
export const requestOpensMatch: Handler<Stored<RideRequest>> = {
  name: 'request-opens-match',
  appliesTo: isStoredRequest,
  handle: async (request, ctx) => {
    const match = opensWithoutReading(request) ? null : await getMatch(ctx, matchIdOf(request._id));
    const decision = decideRequestMatch(request, match, ctx.clock.now());
    if (decision.action === 'open') await createMatch(ctx, decision.match, request.readers);
    if (decision.action === 'cancel' && match) {
      const ok = await writeMatch(ctx, match, decision.state, { requestRev: decision.requestRev });
      if (!ok) throw new Error(`${match._id}: changed while cancelling; will retry`);
    }
    if (decision.action === 'search-again' && match) {
      const ok = await writeMatch(ctx, match, decision.state, { requestRev: decision.requestRev });
      if (!ok) throw new Error(`${match._id}: changed while searching again; will retry`);
    }
  },
};
