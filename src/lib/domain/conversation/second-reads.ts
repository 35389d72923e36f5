// The decisions that need a second read: the match an OUI/NON answers, the matches an ANNULER
// may cancel, the trips PAUSE and REPRISE touch.
import type { MatchDoc } from '../documents/worker-docs';
import { rideIdOf } from '../ids';
import {
  acceptProposal,
  cancelRequest,
  declineProposal,
  driverCancels,
  type Asking,
  type Confirmed,
  type Searching,
} from '../match/state';
import {
  cancelAckSms,
  HELP_SMS,
  NO_PROPOSAL_SMS,
  NOTHING_TO_CANCEL_SMS,
  nowKey,
  PAUSE_SMS,
  RESUME_SMS,
} from '../sms-templates';
import type { CancellationCandidate, CancellationChoice, ProposalAnswer, Reply } from './types';

const reply = (text: string): Reply => ({ text, purpose: 'reply' });

/**
 * OUI or NON from `personId` to the match its phone was asked about. Too late when the match no
 * longer waits for this driver (the deadline passed, or someone cancelled first).
 */
export function answerProposal<M extends MatchDoc>(
  match: M | null,
  personId: string | null,
  answer: 'accept' | 'decline',
  now: Date,
): ProposalAnswer<M> {
  const s = match?.state;
  if (!match || s?.status !== 'asking' || s.proposal.driverId !== personId)
    return { kind: 'late', outcome: `${answer}-late`, reply: reply(NO_PROPOSAL_SMS) };
  const next =
    answer === 'accept'
      ? acceptProposal(s, now, rideIdOf(match._id, s.proposal.attempt))
      : declineProposal(s, now);
  return { kind: 'move', outcome: answer, match, next };
}

type Active = Searching | Asking | Confirmed;
const isActive = (state: MatchDoc['state']): state is Active =>
  state.status === 'searching' || state.status === 'asking' || state.status === 'confirmed';

/**
 * ANNULER cancels the soonest ride or request under way of whoever sends it (a window not over
 * yet): a passenger cancels the request; a driver asked declines; a confirmed driver withdraws
 * and the search goes on without them.
 */
export function chooseCancellation<M extends MatchDoc>(
  personId: string,
  candidates: readonly CancellationCandidate<M>[],
  now: Date,
): CancellationChoice<M> {
  const key = nowKey(now);
  const target = candidates
    .filter((c) => isActive(c.match.state) && `${c.request.date} ${c.request.latest}` >= key)
    .sort((a, b) =>
      `${a.request.date} ${a.request.earliest}`.localeCompare(
        `${b.request.date} ${b.request.earliest}`,
      ),
    )[0];
  const s = target?.match.state;
  if (!target || !s || !isActive(s))
    return { kind: 'nothing', outcome: 'cancel-nothing', reply: reply(NOTHING_TO_CANCEL_SMS) };
  const asDriver = s.status !== 'searching' && s.proposal.driverId === personId;
  const next =
    asDriver && s.status === 'asking'
      ? declineProposal(s, now)
      : asDriver && s.status === 'confirmed'
        ? driverCancels(s, now)
        : cancelRequest(s, now, 'passenger');
  return {
    kind: 'cancel',
    outcome: asDriver ? 'cancel-driver' : 'cancel-passenger',
    match: target.match,
    next,
    reply: reply(cancelAckSms(target.request.date)),
  };
}

/** What PAUSE or REPRISE answers once the sender's trips are known: PAUSE without a trip gets AIDE. */
export function tripsPausedReply(
  paused: boolean,
  tripCount: number,
): { readonly outcome: 'pause' | 'resume' | 'pause-no-trip'; readonly reply: Reply } {
  if (paused && tripCount === 0) return { outcome: 'pause-no-trip', reply: reply(HELP_SMS) };
  return paused
    ? { outcome: 'pause', reply: reply(PAUSE_SMS) }
    : { outcome: 'resume', reply: reply(RESUME_SMS) };
}
