import { searchDriver } from '../worker/search';
import type { StoredMatch } from '../worker/matches';
import type { Handler } from './types';

/** A match looking for a driver asks the best free candidate, waits, or finds none. */
export const matchSearchingAsksDriver: Handler = {
  name: 'match-searching-asks-driver',
  appliesTo: (doc) =>
    doc.type === 'match' && (doc.state as { status?: string })?.status === 'searching',
  handle: (doc, ctx) => searchDriver(ctx, doc as unknown as StoredMatch),
};
