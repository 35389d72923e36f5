// The life of one request, as the worker drives it: a tagged union of readonly states and one
// function per transition, each taking only the state it can leave — so an impossible
// transition (accepting a request nobody was asked about) does not type-check.

/** One driver asked about one request. */
export interface Proposal {
  readonly driverId: string;
  readonly tripId: string;
  readonly leg: 'outbound' | 'return';
  /** "HH:MM" Europe/Paris, when the driver reaches the pickup commune. */
  readonly pickupTime: string;
  readonly contributionCents: number;
  readonly detourMinutes: number;
  /** 1 for the first driver asked, 2 for the second… (deterministic ids of what it sends). */
  readonly attempt: number;
  readonly askedAt: string;
  /** ISO instant after which silence counts as NON. */
  readonly deadline: string;
}

export type TriedOutcome = 'declined' | 'timeout' | 'driver-cancelled' | 'withdrawn';

export interface Tried {
  readonly driverId: string;
  readonly outcome: TriedOutcome;
  readonly at: string;
}

interface Common {
  /** Drivers already asked for this request, in order. */
  readonly tried: readonly Tried[];
}

export interface Searching extends Common {
  readonly status: 'searching';
  readonly since: string;
  /** Set when the only candidates left were busy: search again at this instant. */
  readonly retryAt: string | null;
}

export interface Asking extends Common {
  readonly status: 'asking';
  readonly proposal: Proposal;
}

export interface Confirmed extends Common {
  readonly status: 'confirmed';
  readonly proposal: Proposal;
  readonly rideId: string;
  readonly confirmedAt: string;
}

export interface Unmatched extends Common {
  readonly status: 'unmatched';
  readonly at: string;
  /** French, for the coordinator: why no driver could be asked. */
  readonly reason: string;
}

export type CancelledBy = 'passenger' | 'coordinator';

export interface Cancelled extends Common {
  readonly status: 'cancelled';
  readonly at: string;
  readonly by: CancelledBy;
  /** What was under way when the request was cancelled (who must be told). */
  readonly was: Searching | Asking | Confirmed | Unmatched;
}

export type MatchState = Searching | Asking | Confirmed | Unmatched | Cancelled;
/** States a cancellation can leave. */
export type Cancellable = Searching | Asking | Confirmed | Unmatched;

export function startSearching(at: Date): Searching {
  return { status: 'searching', since: at.toISOString(), retryAt: null, tried: [] };
}

export function askDriver(state: Searching, proposal: Omit<Proposal, 'attempt'>): Asking {
  return {
    status: 'asking',
    tried: state.tried,
    proposal: { ...proposal, attempt: state.tried.length + 1 },
  };
}

/** Only busy drivers are left: look again later. */
export function waitForDrivers(state: Searching, retryAt: Date): Searching {
  return { ...state, retryAt: retryAt.toISOString() };
}

export function findNoDriver(state: Searching, at: Date, reason: string): Unmatched {
  return { status: 'unmatched', tried: state.tried, at: at.toISOString(), reason };
}

/**
 * A request with no driver looks again (a trip that could serve it appeared, or a coordinator
 * asked): the drivers already tried stay skipped.
 */
export function searchAgain(state: Unmatched, at: Date): Searching {
  return { status: 'searching', since: at.toISOString(), retryAt: null, tried: state.tried };
}

export function acceptProposal(state: Asking, at: Date, rideId: string): Confirmed {
  return {
    status: 'confirmed',
    tried: state.tried,
    proposal: state.proposal,
    rideId,
    confirmedAt: at.toISOString(),
  };
}

function moveOn(state: Asking | Confirmed, outcome: TriedOutcome, at: Date): Searching {
  return {
    status: 'searching',
    since: at.toISOString(),
    retryAt: null,
    tried: [...state.tried, { driverId: state.proposal.driverId, outcome, at: at.toISOString() }],
  };
}

export const declineProposal = (state: Asking, at: Date): Searching =>
  moveOn(state, 'declined', at);

/** The question's deadline has passed: silence now counts as NON. */
export const proposalExpired = (state: Asking, at: Date): boolean =>
  at.getTime() >= Date.parse(state.proposal.deadline);

/** Silence past the deadline counts as NON. Throws when called before the deadline. */
export function expireProposal(state: Asking, at: Date): Searching {
  if (!proposalExpired(state, at))
    throw new RangeError(
      `Proposal deadline ${state.proposal.deadline} not reached at ${at.toISOString()}`,
    );
  return moveOn(state, 'timeout', at);
}

/** The driver cancels a confirmed ride: the search goes on without them. */
export const driverCancels = (state: Confirmed, at: Date): Searching =>
  moveOn(state, 'driver-cancelled', at);

export function cancelRequest(state: Cancellable, at: Date, by: CancelledBy): Cancelled {
  const tried =
    state.status === 'asking'
      ? [
          ...state.tried,
          {
            driverId: state.proposal.driverId,
            outcome: 'withdrawn' as const,
            at: at.toISOString(),
          },
        ]
      : state.tried;
  return { status: 'cancelled', tried, at: at.toISOString(), by, was: state };
}

export const isCancellable = (state: MatchState): state is Cancellable =>
  state.status !== 'cancelled';

/** When the worker must look at this match again without any change: a deadline or a retry. */
export function wakeAtOf(state: MatchState): string | null {
  if (state.status === 'asking') return state.proposal.deadline;
  if (state.status === 'searching') return state.retryAt;
  return null;
}

/** Drivers never asked again for this request. */
export function driversTried(state: MatchState): ReadonlySet<string> {
  return new Set(state.tried.map((t) => t.driverId));
}

/** Every question this match put to a driver, with when (a driver tried: when they answered). */
export function asksIn(state: MatchState): { driverId: string; at: string }[] {
  const asks = state.tried.map((t) => ({ driverId: t.driverId, at: t.at }));
  const open =
    state.status === 'asking' || state.status === 'confirmed'
      ? state.proposal
      : state.status === 'cancelled' && state.was.status === 'confirmed'
        ? state.was.proposal
        : null;
  if (open) asks.push({ driverId: open.driverId, at: open.askedAt });
  return asks;
}

/** States a coordinator may give a driver to by hand (issue 8): not once confirmed or cancelled. */
export type Assignable = Searching | Unmatched | Asking;

export const isAssignable = (state: MatchState): state is Assignable =>
  state.status === 'searching' || state.status === 'unmatched' || state.status === 'asking';

/** The driver being asked is set aside for another one: they count as tried ("withdrawn"). */
function triedBefore(state: Assignable, at: Date): readonly Tried[] {
  if (state.status !== 'asking') return state.tried;
  return [
    ...state.tried,
    { driverId: state.proposal.driverId, outcome: 'withdrawn', at: at.toISOString() },
  ];
}

/** A coordinator chose the driver to ask, replacing the one being asked if any. */
export function assignDriver(
  state: Assignable,
  proposal: Omit<Proposal, 'attempt'>,
  at: Date,
): Asking {
  const tried = triedBefore(state, at);
  return { status: 'asking', tried, proposal: { ...proposal, attempt: tried.length + 1 } };
}

/** A coordinator recorded that the driver agreed by phone: confirmed as after an OUI. */
export function confirmByPhone(
  state: Assignable,
  proposal: Omit<Proposal, 'attempt'>,
  at: Date,
  rideIdFor: (attempt: number) => string,
): Confirmed {
  const asked = assignDriver(state, proposal, at);
  return acceptProposal(asked, at, rideIdFor(asked.proposal.attempt));
}
