// When a request with no driver looks again (issue 8 point 3): a trip created, resumed or changed
// that could serve it, or a coordinator's relaunch (`searchAgainAt` on the request). Pure: the
// worker reads the unmatched matches and their requests, and writes `searchAgain` when told to.
import type { RideRequest } from '../documents';
import { instantOf } from './deadline';
import type { MatchState } from './state';

/** Whether a pickup `leadMinutes` from now could still fall inside the request's window. */
export function windowStillAhead(
  request: Pick<RideRequest, 'date' | 'latest'>,
  now: Date,
  leadMinutes: number,
): boolean {
  return instantOf(request.date, request.latest).getTime() >= now.getTime() + leadMinutes * 60_000;
}

/** A request that may look again: not cancelled, no driver, and its window not over. */
export function mayLookAgain(
  state: MatchState,
  request: Pick<RideRequest, 'date' | 'latest' | 'cancelledAt'>,
  now: Date,
  leadMinutes: number,
): boolean {
  return (
    state.status === 'unmatched' &&
    request.cancelledAt === null &&
    windowStillAhead(request, now, leadMinutes)
  );
}

/** A coordinator asked for a new search after the last one ended without a driver. */
export function relaunchRequested(
  state: MatchState,
  request: Pick<RideRequest, 'searchAgainAt' | 'cancelledAt'>,
): boolean {
  return (
    state.status === 'unmatched' &&
    request.cancelledAt === null &&
    typeof request.searchAgainAt === 'string' &&
    Date.parse(request.searchAgainAt) > Date.parse(state.at)
  );
}
