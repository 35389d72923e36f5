// The documents the console writes over existing ones: a request with a manual match for the
// worker, a person blocked or unblocked. Checked as the /db proxy will (mayWrite, the schema).
import {
  mayWrite,
  parseDoc,
  stampDoc,
  type AccessUser,
  type DocError,
  type Person,
  type RideRequest,
} from '$lib/domain/documents';
import type { ManualInstruction } from '$lib/domain/match/manual';

export type Written<T> = { ok: true; doc: T } | { ok: false; errors: readonly DocError[] };

function revise<T extends Person | RideRequest>(
  user: AccessUser,
  now: Date,
  old: T,
  changes: Partial<T>,
): Written<T> {
  const doc = stampDoc({ ...old, ...changes }, { user: user.name, now }) as unknown as T;
  const allowed = mayWrite(
    user,
    doc as unknown as Record<string, unknown>,
    old as unknown as Record<string, unknown>,
  );
  if (allowed !== true) return { ok: false, errors: [{ path: '', message: allowed }] };
  const parsed = parseDoc(doc);
  return parsed.ok ? { ok: true, doc } : parsed;
}

/** The request with the coordinator's choice of driver, which the worker applies once. */
export function withManualMatch(
  user: AccessUser,
  now: Date,
  request: RideRequest,
  choice: Pick<ManualInstruction, 'tripId' | 'leg' | 'agreed'>,
  instructionId: string,
): Written<RideRequest> {
  if (request.cancelledAt !== null)
    return { ok: false, errors: [{ path: '', message: 'Cette demande est annulée' }] };
  const manual = { id: instructionId, ...choice, by: user.name, at: now.toISOString() };
  return revise(user, now, request, { manual });
}

/** Blocks a person (never proposed, their SMS held for a coordinator) or unblocks them. */
export function withBlock(
  user: AccessUser,
  now: Date,
  person: Person,
  blocked: boolean,
  reason: string,
): Written<Person> {
  const why = reason.trim();
  if (blocked && why === '')
    return {
      ok: false,
      errors: [{ path: 'blockedReason', message: 'Indiquez le motif du blocage' }],
    };
  return revise(user, now, person, {
    blocked,
    blockedReason: blocked ? why : null,
    blockedAt: blocked ? now.toISOString() : null,
    blockedBy: blocked ? user.name : null,
  });
}
