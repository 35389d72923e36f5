// Replicated documents of the PWA: one PouchDB (IndexedDB) per user, synced with the app's /db.
import PouchDB from 'pouchdb-browser';
import { LOCAL_DB_OPTIONS } from './local-options';

/** What a stored document looks like to this layer; the domain schemas say the rest. */
export interface StoredDoc {
  _id: string;
  _rev?: string;
  type: string;
  updatedBy?: string;
  [field: string]: unknown;
}

export type LocalDb = PouchDB.Database<StoredDoc>;

/** One local database per user, so two people sharing a tablet never see each other's records. */
export function localDbName(user: string): string {
  return `maillage-${user}`;
}

export function openLocalDb(user: string): LocalDb {
  const db = new PouchDB<StoredDoc>(localDbName(user), LOCAL_DB_OPTIONS);
  // Two live replications, two live change feeds and the pending count each listen to it.
  (db as unknown as { setMaxListeners(n: number): void }).setMaxListeners(50);
  return db;
}

/** The app's /db proxy on the same origin: the session cookie goes with every request. */
export function openRemoteDb(origin: string): LocalDb {
  return new PouchDB<StoredDoc>(`${origin}/db`, { skip_setup: true });
}
