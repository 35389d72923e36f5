// Local-only data of this device (never replicated): Dexie over IndexedDB.
import Dexie, { type EntityTable } from 'dexie';
import type { GazetteerData } from '$lib/domain/gazetteer/types';

/** The last session the server granted, so the app opens logged in with no network. */
export interface KnownSession {
  readonly key: 'current';
  readonly name: string;
  readonly roles: readonly string[];
  /** ISO instant the server's cookie expires at (renewed whenever the app is online). */
  readonly expiresAt: string;
}

export interface CachedGazetteer {
  readonly key: 'communes';
  readonly data: GazetteerData;
  readonly storedAt: string;
}

/** A form being filled, saved as it is typed so that nothing is lost if the tab closes. */
export interface Draft {
  /** e.g. "person:new", "request:new:person:abc". */
  readonly key: string;
  readonly user: string;
  readonly values: unknown;
  readonly savedAt: string;
}

/** Per-user sync journal: where the push replication has got to, and when it last caught up. */
export interface SyncJournal {
  readonly user: string;
  /** Local update sequence up to which the push replication has written its checkpoint. */
  readonly lastPushedSeq: number | string;
  /** ISO instant the push replication last caught up with every local change. */
  readonly lastSyncedAt: string | null;
}

/** A document written on this device (by id), so that only those count as waiting to be sent. */
export interface WrittenHere {
  /** "<user>|<doc id>" */
  readonly key: string;
  readonly user: string;
  readonly at: string;
}

export interface Setting {
  readonly key: string;
  readonly value: unknown;
}

export class LocalStore extends Dexie {
  session!: EntityTable<KnownSession, 'key'>;
  gazetteer!: EntityTable<CachedGazetteer, 'key'>;
  drafts!: EntityTable<Draft, 'key'>;
  journal!: EntityTable<SyncJournal, 'user'>;
  settings!: EntityTable<Setting, 'key'>;
  written!: EntityTable<WrittenHere, 'key'>;

  constructor() {
    super('maillage-device');
    this.version(1).stores({
      session: 'key',
      gazetteer: 'key',
      drafts: 'key, user',
      journal: 'user',
      settings: 'key',
    });
    this.version(2).stores({ written: 'key, user' });
  }
}

let store: LocalStore | undefined;

/** The device's local store, opened on first use (browser only). */
export function localStore(): LocalStore {
  store ??= new LocalStore();
  return store;
}
