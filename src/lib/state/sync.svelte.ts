// What the sync bar shows: network, documents waiting to go up, last successful send, errors.
import type { SyncPhase, SyncSnapshot } from '$lib/db/sync';

export class SyncState {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  phase = $state<SyncPhase>('stopped');
  pending = $state(0);
  lastSyncedAt = $state<string | null>(null);
  error = $state<SyncSnapshot['error']>(null);

  /** Reachable means the browser has a network and the server answered the last attempt. */
  get connected(): boolean {
    return this.online && (this.phase === 'active' || this.phase === 'idle');
  }

  apply(snapshot: SyncSnapshot): void {
    this.phase = snapshot.phase;
    this.pending = snapshot.pending;
    this.lastSyncedAt = snapshot.lastSyncedAt;
    this.error = snapshot.error;
  }
}
