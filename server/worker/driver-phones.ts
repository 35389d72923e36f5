// A driver's phone carries at most one open question: the driver's conversation document points
// to the match that asked (`proposal`), a lock taken with _rev before the match moves to asking.
// This file reads what a search must know of its candidates, takes the lock and frees it.
import {
  isHeldBack,
  isTextable,
  type ConversationDoc,
  type MatchDoc,
  type Person,
} from '../../src/lib/domain/documents';
import type { Confirmed, DriverFacts, LockOutcome } from '../../src/lib/domain/match';
import { conversationId } from '../../src/lib/server/shared/hashed-ids';
import type { Db, StoredDoc } from '../../src/lib/server/shared/store';
import type { WorkerContext } from './context';
import { getConversation, getPerson, updateConversation } from './people';

/** Documents by id, in one request; missing and deleted ones are left out. */
export async function readDocs<T>(db: Db, ids: readonly string[]): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  if (ids.length === 0) return found;
  const res = await db.fetch({ keys: [...new Set(ids)] });
  for (const row of res.rows) if ('doc' in row && row.doc) found.set(row.key, row.doc as T);
  return found;
}

/** People by id: as last seen, the others read in one request (and then known). */
async function readPeople(ctx: WorkerContext, ids: readonly string[]) {
  const found = new Map<string, Person>();
  for (const id of ids) {
    const known = ctx.known.get<Person>(id, 'person');
    if (known) found.set(id, known);
  }
  const read = await readDocs<Person>(
    ctx.db,
    ids.filter((id) => !found.has(id)),
  );
  for (const [id, person] of read) {
    ctx.known.seen(person as Person & StoredDoc);
    found.set(id, person);
  }
  return found;
}

type StoredConversation = ConversationDoc & { readonly _rev: string };
export interface CandidatePhone {
  readonly phone: string;
  readonly holder: string | null;
  /** Null when the phone had no conversation yet (or it was not read). */
  readonly conversation: StoredConversation | null;
}

export interface Candidates {
  readonly facts: ReadonlyMap<string, DriverFacts>;
  /** Each textable driver's phone, its conversation as read and the match it pointed to then. */
  readonly phones: ReadonlyMap<string, CandidatePhone>;
  /** The rides the candidates' conversations noted, and the confirmed matches holding a phone. */
  readonly rides: readonly NotedRide[];
  readonly confirmedHolders: readonly (MatchDoc & { readonly state: Confirmed })[];
}

/** What a search must know of each candidate driver, in three requests whatever their number. */
export async function readCandidates(
  ctx: WorkerContext,
  driverIds: readonly string[],
  matchId: string,
): Promise<Candidates> {
  const people = await readPeople(ctx, driverIds);
  const textable = [...people.values()].filter(isTextable);
  const conversations = await readDocs<StoredConversation>(
    ctx.db,
    textable.map((p) => conversationId(p.phone)),
  );
  const holderOf = (p: Person & { phone: string }) =>
    conversations.get(conversationId(p.phone))?.proposal ?? null;
  const others = textable.map(holderOf).filter((h): h is string => h !== null && h !== matchId);
  const holders = await readDocs<MatchDoc>(ctx.db, others);
  const facts = new Map<string, DriverFacts>();
  const phones = new Map<string, CandidatePhone>();
  for (const id of driverIds) {
    const person = people.get(id) ?? null;
    const conversation = isTextable(person)
      ? conversations.get(conversationId(person.phone))
      : null;
    const holder = conversation?.proposal ?? null;
    facts.set(id, {
      textable: isTextable(person),
      blocked: isHeldBack(person),
      optedOut: conversation?.optedOut === true,
      // A stale lock (its match no longer asking) counts as free.
      busy: holder !== null && holder !== matchId && holders.get(holder)?.state.status === 'asking',
    });
    if (isTextable(person))
      phones.set(id, { phone: person.phone, holder, conversation: conversation ?? null });
  }
  const rides = [...conversations.values()].flatMap((c) => c.rides ?? []);
  const confirmedHolders = [...holders.values()].filter(
    (m): m is MatchDoc & { readonly state: Confirmed } => m.state.status === 'confirmed',
  );
  return { facts, phones, rides, confirmedHolders };
}

/**
 * Takes the driver's phone for this match. `holder` is the stale lock seen when reading, which
 * may be overwritten; any other match that took the phone since makes it busy. The first write
 * is over the conversation as read with the candidates (a 409 reads it again).
 */
export async function lockDriverPhone(
  ctx: WorkerContext,
  { phone, holder, conversation }: CandidatePhone,
  matchId: string,
): Promise<LockOutcome> {
  let result: LockOutcome = 'locked';
  // A conversation not found is read again: creating it blind could meet one just created.
  const read = conversation ? { current: conversation } : undefined;
  await updateConversation(
    ctx,
    phone,
    (c) => {
      if (c.optedOut) {
        result = 'opted-out';
        return null;
      }
      if (c.proposal !== null && c.proposal !== matchId && c.proposal !== holder) {
        result = 'busy';
        return null;
      }
      result = 'locked';
      return c.proposal === matchId ? null : { ...c, proposal: matchId };
    },
    read,
  );
  return result;
}

/** Rides a driver's conversation remembers (the last few: older ones are in the view by then). */
const KEEP_RIDES = 20;
type NotedRide = NonNullable<ConversationDoc['rides']>[number];

/**
 * Frees the driver's phone if it still points to this match, and notes the ride it was confirmed
 * for (even if another search took the phone meanwhile), so later searches count its seat.
 */
export async function releaseDriverPhone(
  ctx: WorkerContext,
  driverId: string,
  matchId: string,
  ride: NotedRide | null = null,
) {
  const driver = await getPerson(ctx, driverId);
  if (!driver?.phone) return;
  const toDo = (c: ConversationDoc) => ({
    free: c.proposal === matchId,
    note: ride !== null && !(c.rides ?? []).some((r) => r.id === ride.id),
  });
  const read = await getConversation(ctx, driver.phone);
  if (!read || (!toDo(read).free && !toDo(read).note)) return;
  await updateConversation(ctx, driver.phone, (c) => {
    const { free, note } = toDo(c);
    if (!free && !note) return null;
    return {
      ...c,
      ...(free ? { proposal: null } : {}),
      ...(note && ride ? { rides: [...(c.rides ?? []), ride].slice(-KEEP_RIDES) } : {}),
    };
  });
}
