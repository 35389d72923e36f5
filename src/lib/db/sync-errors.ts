// How replication errors are told to the person holding the device.

export type SyncErrorKind = 'network' | 'unauthorized' | 'denied' | 'server';

const MAX_DELAY_MS = 30_000;

/** Retry delay for the replications: 1 s, 2 s, 4 s … never more than 30 s. */
export function backOffDelay(previousMs: number): number {
  if (!previousMs || previousMs < 1000) return 1000;
  return Math.min(previousMs * 2, MAX_DELAY_MS);
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

export function isUnauthorized(err: unknown): boolean {
  return statusOf(err) === 401;
}

export function describeSyncError(err: unknown): { kind: SyncErrorKind; message: string } {
  const status = statusOf(err);
  if (status === 401) {
    return { kind: 'unauthorized', message: 'Session expirée : reconnectez-vous pour envoyer.' };
  }
  if (status === 403) {
    return { kind: 'denied', message: 'Le serveur a refusé un document.' };
  }
  if (status === undefined || status === 0 || status === 502 || status === 503 || status === 504) {
    return { kind: 'network', message: 'Serveur injoignable, nouvel essai bientôt.' };
  }
  return { kind: 'server', message: `Erreur du serveur (${status}), nouvel essai bientôt.` };
}
