import { isStoredMatch, type StoredMatch } from '../../src/lib/domain/documents';
import { unmatchedOf } from '../worker/unmatched';
import type { Handler } from './types';

/** Keeps the requests with no driver (which a new trip may serve) in step with the matches. */
export const matchChangedRefreshesUnmatched: Handler<StoredMatch> = {
  name: 'match-changed-refreshes-unmatched',
  appliesTo: isStoredMatch,
  handle: async (match, ctx) => unmatchedOf(ctx).apply(match),
};
