// What a request's change means for its match: a new request opens `match:<request>`; a request
// whose `cancelledAt` was set in the app cancels the match still under way (who must be told is
// then match-tells-people's business). Pure: the worker reads the match and writes the result.
import type { MatchDoc, RideRequest } from '../documents';
import { matchIdOf } from '../ids';
import { relaunchRequested } from './search-again';
import {
  cancelRequest,
  isCancellable,
  searchAgain,
  startSearching,
  wakeAtOf,
  type Cancelled,
  type Searching,
} from './state';

/** A match as the worker creates it; the stamps and readers are added when it is written. */
export type NewMatch = Omit<
  MatchDoc,
  '_rev' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers'
>;

export type RequestMatchDecision =
  | { readonly action: 'open'; readonly match: NewMatch }
  | { readonly action: 'cancel'; readonly state: Cancelled; readonly requestRev: string | null }
  | {
      readonly action: 'search-again';
      readonly state: Searching;
      readonly requestRev: string | null;
    }
  | { readonly action: 'none' };

/**
 * Whether the match need not be read first: for a request at its first revision, neither
 * cancelled nor relaunched, the decision is "open" with no match and "none" with one, so the
 * worker creates it and a match already there (a change seen again) refuses the creation.
 */
export const opensWithoutReading = (
  request: Pick<RideRequest, '_rev' | 'cancelledAt' | 'searchAgainAt'>,
): boolean =>
  request._rev?.startsWith('1-') === true &&
  request.cancelledAt === null &&
  (request.searchAgainAt ?? null) === null;

export function decideRequestMatch(
  request: Pick<
    RideRequest,
    '_id' | '_rev' | 'passengerId' | 'cancelledAt' | 'date' | 'searchAgainAt'
  >,
  match: Pick<MatchDoc, 'state'> | null,
  now: Date,
): RequestMatchDecision {
  const requestRev = request._rev ?? null;
  if (match === null) {
    // A request cancelled before the worker saw it never opens a match.
    if (request.cancelledAt !== null) return { action: 'none' };
    const state = startSearching(now);
    return {
      action: 'open',
      match: {
        _id: matchIdOf(request._id),
        type: 'match',
        schema: 1,
        requestId: request._id,
        passengerId: request.passengerId,
        date: request.date,
        state,
        wakeAt: wakeAtOf(state),
        requestRev,
      },
    };
  }
  if (relaunchRequested(match.state, request) && match.state.status === 'unmatched')
    return { action: 'search-again', state: searchAgain(match.state, now), requestRev };
  if (request.cancelledAt === null || !isCancellable(match.state)) return { action: 'none' };
  return {
    action: 'cancel',
    state: cancelRequest(match.state, new Date(request.cancelledAt), 'coordinator'),
    requestRev,
  };
}
