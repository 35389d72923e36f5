// The life of one outgoing SMS: pending → sent-to-gateway → sent → delivered | failed. A tagged
// union of readonly states and one function per transition, each taking only the state it can
// leave, so that accepting a message no gateway was handed does not type-check.
//
// "Never backwards", precisely: every state belongs to an attempt (a pending message to the
// hand-over it waits for, the others to the last one begun) and has a rank in it (pending 0,
// sent-to-gateway 1, sent 2, delivered and failed 3). Every transition raises the pair
// (attempt, rank) or leaves the state as it is: within one attempt the rank only rises, the one
// step down in rank (a retryable refusal, back to pending) opens the next attempt, a delivery
// report never lowers a state, and delivered and failed absorb every event.

export interface BackoffSettings {
  /** Hand-overs before a message is given up as failed. */
  readonly maxAttempts: number;
  /** Wait after the first refusal; doubles each time, up to maxBackoffMs. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
}

interface Common {
  /** Hand-overs to a gateway begun so far (a claim counts, whatever the gateway answered). */
  readonly attempts: number;
  /** ISO instant the message entered this state. */
  readonly at: string;
}

export interface Pending extends Common {
  readonly status: 'pending';
  /** Not handed over before this instant (backoff after a refusal). */
  readonly notBefore: string | null;
  /** The last refusal, if any. */
  readonly error: string | null;
}

/** Claimed by a worker for one gateway: handed over, or about to be, and no answer yet. */
export interface SentToGateway extends Common {
  readonly status: 'sent-to-gateway';
  readonly gateway: string;
}

export interface Sent extends Common {
  readonly status: 'sent';
  readonly gateway: string;
  readonly gatewayRef: string;
}

export interface Delivered extends Common {
  readonly status: 'delivered';
  readonly gateway: string;
  readonly gatewayRef: string;
}

export interface Failed extends Common {
  readonly status: 'failed';
  readonly gateway: string | null;
  readonly gatewayRef: string | null;
  readonly error: string | null;
}

export type OutboxState = Pending | SentToGateway | Sent | Delivered | Failed;
export type OutboxStatus = OutboxState['status'];
export type Terminal = Delivered | Failed;

export interface Refusal {
  readonly retryable: boolean;
  readonly error: string;
}

/** What a gateway says about a message after it took it (SMSC receipt, phone's webhook). */
export interface Report {
  readonly state: 'sent' | 'delivered' | 'failed';
  /** The gateway's reference of the message. */
  readonly gatewayRef: string;
  /** ISO instant, as the gateway gave it. */
  readonly at: string;
  readonly error?: string;
}

export function queue(at: Date): Pending {
  return { status: 'pending', attempts: 0, at: at.toISOString(), notBefore: null, error: null };
}

export const isTerminal = (state: OutboxState): state is Terminal =>
  state.status === 'delivered' || state.status === 'failed';

/** Whether a pending message may be handed over at `now` (its backoff is over). */
export const isDue = (state: OutboxState, now: Date): state is Pending =>
  state.status === 'pending' &&
  (state.notBefore === null || Date.parse(state.notBefore) <= now.getTime());

/** A worker takes the message for `gateway`; the attempt is spent from here on. */
export function claim(state: Pending, gateway: string, at: Date): SentToGateway {
  if (state.notBefore !== null && Date.parse(state.notBefore) > at.getTime())
    throw new RangeError(`Backoff until ${state.notBefore} not over at ${at.toISOString()}`);
  return {
    status: 'sent-to-gateway',
    attempts: state.attempts + 1,
    at: at.toISOString(),
    gateway,
  };
}

export function accept(state: SentToGateway, gatewayRef: string, at: Date): Sent {
  return {
    status: 'sent',
    attempts: state.attempts,
    at: at.toISOString(),
    gateway: state.gateway,
    gatewayRef,
  };
}

/** How long a message waits after its `attempts`-th refusal. */
export const backoffMs = (attempts: number, settings: BackoffSettings): number =>
  Math.min(settings.backoffMs * 2 ** Math.max(0, attempts - 1), settings.maxBackoffMs);

/** Refused: back to pending with a backoff when it may be retried, else failed for good. */
export function refuse(
  state: SentToGateway,
  refusal: Refusal,
  at: Date,
  settings: BackoffSettings,
): Pending | Failed {
  if (!refusal.retryable || state.attempts >= settings.maxAttempts)
    return {
      status: 'failed',
      attempts: state.attempts,
      at: at.toISOString(),
      gateway: state.gateway,
      gatewayRef: null,
      error: refusal.error,
    };
  return {
    status: 'pending',
    attempts: state.attempts,
    at: at.toISOString(),
    notBefore: new Date(at.getTime() + backoffMs(state.attempts, settings)).toISOString(),
    error: refusal.error,
  };
}

/**
 * A delivery report moves a claimed or sent message on (a gateway may report before its answer
 * to the hand-over is recorded); a pending message is left as it is (no gateway has it), and so
 * is a delivered or failed one (settled).
 */
export function applyReport(state: OutboxState, report: Report): OutboxState {
  if (state.status !== 'sent-to-gateway' && state.status !== 'sent') return state;
  const common = { attempts: state.attempts, at: report.at, gateway: state.gateway };
  const gatewayRef = state.status === 'sent' ? state.gatewayRef : report.gatewayRef;
  switch (report.state) {
    case 'sent':
      return state.status === 'sent' ? state : { status: 'sent', ...common, gatewayRef };
    case 'delivered':
      return { status: 'delivered', ...common, gatewayRef };
    case 'failed':
      return { status: 'failed', ...common, gatewayRef, error: report.error ?? null };
  }
}

/** Claimed longer ago than `stuckAfterMs` with no answer recorded: the worker likely died. */
export const isStuck = (state: OutboxState, now: Date, stuckAfterMs: number): boolean =>
  state.status === 'sent-to-gateway' && now.getTime() - Date.parse(state.at) >= stuckAfterMs;

export type OutboxEvent =
  | { readonly type: 'claim'; readonly gateway: string; readonly at: Date }
  | { readonly type: 'accepted'; readonly gatewayRef: string; readonly at: Date }
  | { readonly type: 'refused'; readonly refusal: Refusal; readonly at: Date }
  | { readonly type: 'report'; readonly report: Report };

/**
 * Any event on any state: the transition when the state can take it, else the state unchanged
 * (a late answer, a claim before the backoff ends). For a state read back after a conflict.
 */
export function applyEvent(
  state: OutboxState,
  event: OutboxEvent,
  settings: BackoffSettings,
): OutboxState {
  switch (event.type) {
    case 'claim':
      return isDue(state, event.at) ? claim(state, event.gateway, event.at) : state;
    case 'accepted':
      return state.status === 'sent-to-gateway' ? accept(state, event.gatewayRef, event.at) : state;
    case 'refused':
      return state.status === 'sent-to-gateway'
        ? refuse(state, event.refusal, event.at, settings)
        : state;
    case 'report':
      return applyReport(state, event.report);
  }
}

const RANK: Record<OutboxStatus, number> = {
  pending: 0,
  'sent-to-gateway': 1,
  sent: 2,
  delivered: 3,
  failed: 3,
};

export const rankOf = (state: OutboxState): number => RANK[state.status];

/** The hand-over a state belongs to: the one a pending message waits for, else the last begun. */
export const attemptOf = (state: OutboxState): number =>
  state.status === 'pending' ? state.attempts + 1 : state.attempts;

/** Negative when `a` comes before `b` in a message's life, 0 at the same point. */
export const compareProgress = (a: OutboxState, b: OutboxState): number =>
  attemptOf(a) - attemptOf(b) || rankOf(a) - rankOf(b);
