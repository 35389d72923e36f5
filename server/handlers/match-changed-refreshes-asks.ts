import { isStoredMatch, type StoredMatch } from '../../src/lib/domain/documents';
import type { Handler } from './types';

/** Keeps the questions each driver got (fairness) in step with the matches. */
export const matchChangedRefreshesAsks: Handler<StoredMatch> = {
  name: 'match-changed-refreshes-asks',
  appliesTo: isStoredMatch,
  handle: async (match, ctx) => ctx.asks.apply(match),
};
