// Type guards for documents as the changes feed delivers them: what each worker handler reacts
// to. They check the tags the handlers branch on (type, revision, state), not every field: the
// database's validate_doc_update and the worker's own writes keep the rest in shape.
import type { Asking, MatchState, Searching } from '../match/state';
import type { Person, RideRequest, Trip } from './schemas';
import type { MatchDoc, RideDoc } from './worker-docs';

/** What every change carries. */
interface Change {
  readonly _id: string;
  readonly _rev?: string;
  readonly _deleted?: unknown;
  readonly type?: unknown;
}

export type Stored<T> = T & { readonly _rev: string };
export type StoredMatch = Stored<MatchDoc>;
export type StoredMatchIn<S extends MatchState> = StoredMatch & { readonly state: S };
/** What is left of a deleted document in the feed. */
export type DeletedDoc = {
  readonly _id: string;
  readonly _rev?: string;
  readonly _deleted: true;
};

const MATCH_STATUSES: readonly unknown[] = [
  'searching',
  'asking',
  'confirmed',
  'unmatched',
  'cancelled',
] satisfies readonly MatchState['status'][];

const statusOf = (doc: Change): unknown =>
  (doc as { state?: { status?: unknown } | null }).state?.status;

export function isStoredMatch(doc: Change): doc is StoredMatch {
  return (
    doc.type === 'match' && typeof doc._rev === 'string' && MATCH_STATUSES.includes(statusOf(doc))
  );
}

export const isAskingMatch = (doc: Change): doc is StoredMatchIn<Asking> =>
  isStoredMatch(doc) && doc.state.status === 'asking';

export const isSearchingMatch = (doc: Change): doc is StoredMatchIn<Searching> =>
  isStoredMatch(doc) && doc.state.status === 'searching';

export const isStoredRequest = (doc: Change): doc is Stored<RideRequest> =>
  doc.type === 'request' && typeof doc._rev === 'string';

const isDeletionOf = (doc: Change, type: string): doc is DeletedDoc =>
  doc._deleted === true && doc._id.startsWith(`${type}:`);

/** A trip written, or deleted. */
export const isTripChange = (doc: Change): doc is Trip | DeletedDoc =>
  doc.type === 'trip' || isDeletionOf(doc, 'trip');

/** A ride written, or deleted. */
export const isRideChange = (doc: Change): doc is RideDoc | DeletedDoc =>
  doc.type === 'ride' || isDeletionOf(doc, 'ride');

/** A person written, or deleted. */
export const isPersonChange = (doc: Change): doc is Person | DeletedDoc =>
  doc.type === 'person' || isDeletionOf(doc, 'person');
