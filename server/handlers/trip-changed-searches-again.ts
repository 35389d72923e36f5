import { isTripChange, type Trip } from '../../src/lib/domain/documents';
import type { Handler } from './types';
import { searchAgainWhereTripServes } from './searches-again';

/** A trip created, resumed or changed: the requests with no driver it could serve search again. */
export const tripChangedSearchesAgain: Handler<Trip> = {
  name: 'trip-changed-searches-again',
  appliesTo: (doc): doc is Trip => isTripChange(doc) && !('_deleted' in doc) && !doc.paused,
  handle: (trip, ctx) => searchAgainWhereTripServes(ctx, trip, null),
};
