// Reading and writing match documents: every state change is one write with the _rev it was
// computed from, so two workers never both move the same match (the loser gets a 409).
import type { MatchDoc, RideRequest } from '../../src/lib/domain/documents';
import { startSearching, wakeAtOf, type MatchState } from '../../src/lib/domain/match/state';
import type { WorkerContext } from './context';
import { matchIdOf } from '../../src/lib/domain/ids';
import { getDoc, putDoc, stamp } from '../../src/lib/server/shared/store';

export type StoredMatch = MatchDoc & { _rev: string };

export const getMatch = (ctx: WorkerContext, id: string) => getDoc<MatchDoc>(ctx.db, id);

/** Opens `match:<request>` for a new request; false when it already exists. */
export async function openMatch(ctx: WorkerContext, request: RideRequest): Promise<boolean> {
  const now = ctx.clock.now();
  const state = startSearching(now);
  const doc = {
    _id: matchIdOf(request._id),
    type: 'match' as const,
    schema: 1 as const,
    requestId: request._id,
    passengerId: request.passengerId,
    state,
    wakeAt: wakeAtOf(state),
    requestRev: request._rev ?? null,
  };
  return (await putDoc(ctx.db, stamp(doc, now, request.readers))) !== false;
}

/** Writes the next state over `current`; false when someone else changed the match first. */
export async function writeMatch(
  ctx: WorkerContext,
  current: StoredMatch,
  state: MatchState,
  extra: Partial<Pick<MatchDoc, 'requestRev'>> = {},
): Promise<boolean> {
  const next = { ...current, ...extra, state, wakeAt: wakeAtOf(state) };
  const rev = await putDoc(ctx.db, stamp(next, ctx.clock.now()));
  if (rev !== false) ctx.log(`${current._id}: ${current.state.status} → ${state.status}`);
  return rev !== false;
}
