import type { Handler } from './types';

/** Keeps the in-memory trips (and so the search index) in step with the database. */
export const tripChangedRefreshesCache: Handler = {
  name: 'trip-changed-refreshes-cache',
  appliesTo: (doc) => doc.type === 'trip' || (doc._deleted === true && doc._id.startsWith('trip:')),
  handle: async (doc, ctx) => ctx.trips.apply(doc),
};
