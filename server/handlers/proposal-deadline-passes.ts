import { isAskingMatch, type StoredMatchIn } from '../../src/lib/domain/documents';
import { expireProposal, proposalExpired, type Asking } from '../../src/lib/domain/match';
import { writeMatch } from '../worker/matches';
import type { Handler } from './types';

/**
 * A driver asked who did not answer by the deadline counts as NON: the search goes on. The timer
 * brings the match here when its deadline (`wakeAt`) passes; the feed, when it is seen late.
 */
export const proposalDeadlinePasses: Handler<StoredMatchIn<Asking>> = {
  name: 'proposal-deadline-passes',
  appliesTo: isAskingMatch,
  handle: async (match, ctx) => {
    const now = ctx.clock.now();
    // A 409 means an answer (or another worker) moved the match first: nothing left to do.
    if (proposalExpired(match.state, now))
      await writeMatch(ctx, match, expireProposal(match.state, now));
  },
};
