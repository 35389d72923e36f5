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

/**
 * A document the /db proxy refused (mayWrite): PouchDB passes on its per-document entry
 * (`{ id, error: 'forbidden', reason }`, no status) or a 403 with the same fields.
 */
function isRefusal(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { error, name } = err as { error?: unknown; name?: unknown };
  return statusOf(err) === 403 || error === 'forbidden' || name === 'forbidden';
}

function reasonOf(err: unknown): string {
  const reason = (err as { reason?: unknown; message?: unknown }).reason;
  return typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : '';
}

export function describeSyncError(err: unknown): { kind: SyncErrorKind; message: string } {
  const status = statusOf(err);
  if (status === 401) {
    return { kind: 'unauthorized', message: 'Session expirée : reconnectez-vous pour envoyer.' };
  }
  if (isRefusal(err)) {
    const reason = reasonOf(err);
    return {
      kind: 'denied',
      message: `Le serveur a refusé une modification faite sur cet appareil${reason ? ` : ${reason}` : ''}. Elle ne sera pas envoyée ; prévenez la coordination.`,
    };
  }
  if (status === undefined || status === 0 || status === 502 || status === 503 || status === 504) {
    return { kind: 'network', message: 'Serveur injoignable, nouvel essai bientôt.' };
  }
  return { kind: 'server', message: `Erreur du serveur (${status}), nouvel essai bientôt.` };
}
