// Reads and writes of the device's local store (Dexie): session, gazetteer cache, drafts, journal.
import type { Clock } from '$lib/clock';
import type { GazetteerData } from '$lib/domain/gazetteer/types';
import { localStore, type KnownSession } from './local';
import type { JournalPort } from './sync';

export async function readKnownSession(): Promise<KnownSession | null> {
  return (await localStore().session.get('current')) ?? null;
}

export async function writeKnownSession(session: Omit<KnownSession, 'key'>): Promise<void> {
  await localStore().session.put({ key: 'current', ...session });
}

export async function forgetKnownSession(): Promise<void> {
  await localStore().session.delete('current');
}

export async function readCachedGazetteer(): Promise<GazetteerData | null> {
  return (await localStore().gazetteer.get('communes'))?.data ?? null;
}

export async function cacheGazetteer(data: GazetteerData, now: Date): Promise<void> {
  await localStore().gazetteer.put({ key: 'communes', data, storedAt: now.toISOString() });
}

export async function readDraft<T>(user: string, key: string): Promise<T | null> {
  const draft = await localStore().drafts.get(`${user}|${key}`);
  return draft ? (draft.values as T) : null;
}

export async function writeDraft(
  user: string,
  key: string,
  values: unknown,
  now: Date,
): Promise<void> {
  // $state proxies cannot be cloned into IndexedDB: store a plain copy.
  const plain: unknown = JSON.parse(JSON.stringify(values));
  await localStore().drafts.put({
    key: `${user}|${key}`,
    user,
    values: plain,
    savedAt: now.toISOString(),
  });
}

export async function deleteDraft(user: string, key: string): Promise<void> {
  await localStore().drafts.delete(`${user}|${key}`);
}

/** The sync journal of one user, as the sync engine needs it. */
export function journalFor(user: string, clock: Clock): JournalPort {
  const store = () => localStore();
  return {
    async read() {
      const entry = await store().journal.get(user);
      return {
        lastPushedSeq: entry?.lastPushedSeq ?? 0,
        lastSyncedAt: entry?.lastSyncedAt ?? null,
      };
    },
    async write(patch) {
      await store().transaction('rw', store().journal, async () => {
        const entry = await store().journal.get(user);
        await store().journal.put({
          user,
          lastPushedSeq: patch.lastPushedSeq ?? entry?.lastPushedSeq ?? 0,
          lastSyncedAt:
            patch.lastSyncedAt !== undefined ? patch.lastSyncedAt : (entry?.lastSyncedAt ?? null),
        });
      });
    },
    async markWritten(ids) {
      const at = clock.now().toISOString();
      await store().written.bulkPut(ids.map((id) => ({ key: `${user}|${id}`, user, at })));
    },
    async writtenHere(ids) {
      const found = await store().written.bulkGet(ids.map((id) => `${user}|${id}`));
      return new Set(ids.filter((_, i) => found[i] !== undefined));
    },
  };
}
