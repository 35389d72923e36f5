import type { RideRequest } from '../../src/lib/domain/documents';
import { cancelRequest, isCancellable } from '../../src/lib/domain/match/state';
import { matchIdOf } from '../../src/lib/domain/ids';
import { getMatch, openMatch, writeMatch } from '../worker/matches';
import type { Handler } from './types';

/**
 * A request from any channel opens its match (`match:<request>`); a request whose `cancelledAt`
 * was set in the app cancels it, and the driver asked or confirmed is told.
 */
export const requestOpensMatch: Handler = {
  name: 'request-opens-match',
  appliesTo: (doc) => doc.type === 'request',
  handle: async (doc, ctx) => {
    const request = doc as unknown as RideRequest;
    const match = await getMatch(ctx, matchIdOf(request._id));
    if (!match) {
      if (request.cancelledAt === null) await openMatch(ctx, request);
      return;
    }
    if (request.cancelledAt !== null && isCancellable(match.state)) {
      const ok = await writeMatch(
        ctx,
        match,
        cancelRequest(match.state, new Date(request.cancelledAt), 'coordinator'),
        {
          requestRev: request._rev ?? null,
        },
      );
      if (!ok) throw new Error(`${match._id}: changed while cancelling; will retry`);
    }
  },
};
