import { isTripChange, type DeletedDoc, type Trip } from '../../src/lib/domain/documents';
import type { Handler } from './types';

/** Keeps the in-memory trips (and so the search index) in step with the database. */
export const tripChangedRefreshesCache: Handler<Trip | DeletedDoc> = {
  name: 'trip-changed-refreshes-cache',
  appliesTo: isTripChange,
  handle: async (doc, ctx) => ctx.trips.apply(doc),
};
