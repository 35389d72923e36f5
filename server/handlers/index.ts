// The worker's reactions, listed here and nowhere else: a handler is never looked up by a name
// that came from input. The feed, and the timer for what its `wake` view finds, pass each
// document through the whole list (a batch's independent documents at once, lanes started in
// feed order: server/worker/lanes.ts): a trip, a block or an ask changed earlier in a batch is
// in the caches before any later search. The order matters
// where several handlers take the same revision, which only a match's does:
// - the caches come first, so a search reads them with the revision it handles already in;
// - match-tells-people comes before the handlers that move a match on, so what a state implies
//   is written before the match leaves it: the ride a confirmed driver cancelled is off the seat
//   count, and the last driver's phone is free, before the search counts seats and takes phones.
// The others each take documents no other handler takes (trips, people, SMS in, requests, SMS
// out). A handler sees the revision it was given: a match it moves comes back to the list.
import { inboundSmsIsRead } from './inbound-sms-is-read';
import { matchChangedRefreshesAsks } from './match-changed-refreshes-asks';
import { matchChangedRefreshesUnmatched } from './match-changed-refreshes-unmatched';
import { matchSearchingAsksDriver } from './match-searching-asks-driver';
import { matchTellsPeople } from './match-tells-people';
import { messageGoesToGateway } from './message-goes-to-gateway';
import { personChangedRefreshesBlocks } from './person-changed-refreshes-blocks';
import { proposalDeadlinePasses } from './proposal-deadline-passes';
import { requestCorrectsSms } from './request-corrects-sms';
import { requestManualMatch } from './request-manual-match';
import { requestOpensMatch } from './request-opens-match';
import { rideCancelledSearchesAgain } from './ride-cancelled-searches-again';
import { rideChangedRefreshesSeats } from './ride-changed-refreshes-seats';
import { rideRemindsDayBefore } from './ride-reminds-day-before';
import { tripChangedRefreshesCache } from './trip-changed-refreshes-cache';
import { tripChangedSearchesAgain } from './trip-changed-searches-again';
import type { RunnableHandler } from './types';

export const HANDLERS: readonly RunnableHandler[] = [
  tripChangedRefreshesCache,
  personChangedRefreshesBlocks,
  matchChangedRefreshesAsks,
  rideChangedRefreshesSeats,
  // A cache too: the requests with no driver a trip may serve.
  matchChangedRefreshesUnmatched,
  // After the trip cache, so the search it starts sees this trip.
  tripChangedSearchesAgain,
  // After the seat cache: the seat a cancelled ride held is free when the search counts.
  rideCancelledSearchesAgain,
  inboundSmsIsRead,
  requestOpensMatch,
  requestCorrectsSms, // a coordinator's correction of an SMS: its task done, its draft dropped
  requestManualMatch, // after request-opens-match: a request written with its instruction has its match
  matchTellsPeople,
  proposalDeadlinePasses,
  matchSearchingAsksDriver,
  // Takes rides, which only the seat cache above also reads.
  rideRemindsDayBefore,
  messageGoesToGateway,
];

export type { Handler, RunnableHandler } from './types';
