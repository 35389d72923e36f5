import { isPersonChange, type DeletedDoc, type Person } from '../../src/lib/domain/documents';
import type { Handler } from './types';

/** A driver blocked or unblocked by a coordinator is left out of searches, or back in them. */
export const personChangedRefreshesBlocks: Handler<Person | DeletedDoc> = {
  name: 'person-changed-refreshes-blocks',
  appliesTo: isPersonChange,
  handle: async (doc, ctx) => ctx.trips.applyPerson(doc),
};
