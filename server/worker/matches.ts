// Reading and writing match documents: every state change is a claim over the _rev it was
// computed from (that revision alone, docs/cluster.md), so two workers never both move a match.
import type { MatchDoc, StoredMatch } from '../../src/lib/domain/documents';
import { wakeAtOf, type MatchState, type NewMatch } from '../../src/lib/domain/match';
import type { WorkerContext } from './context';
import { claim, getDoc, putDoc, stamp, statusOf } from '../../src/lib/server/shared/store';

export type { StoredMatch } from '../../src/lib/domain/documents';

export const getMatch = (ctx: WorkerContext, id: string) => getDoc<MatchDoc>(ctx.db, id);

/** Creates a match with the readers of its request; false when it already exists. */
export async function createMatch(
  ctx: WorkerContext,
  match: NewMatch,
  readers: readonly string[],
): Promise<boolean> {
  const doc = stamp(match, ctx.clock.now(), readers);
  const rev = await putDoc(ctx.db, doc).catch(async (err: unknown) => {
    // The embedded server refuses (403) a create over an existing id stamped at another time,
    // where CouchDB answers 409: the match is there either way (a replayed request).
    if (statusOf(err) === 403 && (await getDoc(ctx.db, doc._id))) return false as const;
    throw err;
  });
  if (rev !== false) ctx.wrote({ ...doc, _rev: rev });
  return rev !== false;
}

/** Writes the next state over `current`; false when someone else changed the match first. */
export async function writeMatch(
  ctx: WorkerContext,
  current: StoredMatch,
  state: MatchState,
  extra: Partial<Pick<MatchDoc, 'requestRev' | 'manual'>> = {},
): Promise<boolean> {
  const next = { ...current, ...extra, state, wakeAt: wakeAtOf(state) };
  const doc = stamp(next, ctx.clock.now());
  const rev = await claim(ctx.db, doc);
  if (rev === false) return false;
  ctx.log(`${current._id}: ${current.state.status} → ${state.status}`);
  ctx.wrote({ ...doc, _rev: rev });
  return true;
}
