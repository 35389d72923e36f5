// A person handed to another relay (a coordinator's push whose person names other `user:`
// readers): her requests, trips, matches, rides and tasks follow, or the first relay would keep
// reading them and the new one would not see them (docs/access.md, "Readers").
import { fetchCouch } from '../couch';
import type { AccessUser } from '../../domain/documents/access';
import { couchJson, type Upstream } from './reader-index';
import { withJson } from './responses';

type Doc = Record<string, unknown>;

export interface HandOver {
  readonly personId: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

const FOLLOWERS = new Set(['request', 'trip', 'match', 'ride', 'task']);
const PERSONAL_DATA_VIEW = '_design/maillage/_view/personal_data';
const ATTEMPTS = 3;

const userReaders = (doc: Doc | null | undefined) =>
  (Array.isArray(doc?.readers) ? (doc.readers as unknown[]) : []).filter(
    (r): r is string => typeof r === 'string' && r.startsWith('user:'),
  );

/** The hand-over a coordinator's write of a person makes, or null when the relays stay. */
export function handOverOf(user: AccessUser, doc: Doc, stored: Doc | null): HandOver | null {
  const coordinator = user.roles.some((r) => ['coordinator', 'admin', '_admin'].includes(r));
  if (!coordinator || doc.type !== 'person' || !stored || stored._deleted === true) return null;
  const before = userReaders(stored);
  const after = userReaders(doc);
  const removed = before.filter((r) => !after.includes(r));
  const added = after.filter((r) => !before.includes(r));
  if (removed.length === 0 && added.length === 0) return null;
  return { personId: String(doc._id), removed, added };
}

/** The document with the hand-over applied, or null when it does not change. */
export function handedOver(doc: Doc, move: HandOver, by: string, at: string): Doc | null {
  const readers = Array.isArray(doc.readers) ? (doc.readers as string[]) : [];
  let next = readers.filter((r) => !move.removed.includes(r));
  for (const r of move.added) if (!next.includes(r)) next.push(r);
  const changed: Doc = { ...doc };
  if (doc.type === 'task' && move.removed.includes(`user:${String(doc.assignee)}`)) {
    // Her task goes to the one new relay; with none or several, it stays hers to hand on.
    if (move.added.length === 1) changed.assignee = move.added[0]!.slice('user:'.length);
    else next = [...next, `user:${String(doc.assignee)}`];
  }
  if (JSON.stringify(next) === JSON.stringify(readers) && changed.assignee === doc.assignee)
    return null;
  return { ...changed, readers: next, updatedAt: at, updatedBy: by };
}

const concerns = (doc: Doc, personId: string) =>
  FOLLOWERS.has(String(doc.type)) &&
  (doc.passengerId === personId || doc.personId === personId || doc.driverId === personId);

/** Writes the hand-over onto the person's documents, again on a conflict with the worker. */
export async function carryHandOver(
  up: Upstream,
  move: HandOver,
  by: string,
  at: string,
): Promise<number> {
  let written = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const query = new URLSearchParams({
      key: JSON.stringify(move.personId),
      include_docs: 'true',
    });
    const { rows } = await couchJson<{ rows: { doc?: Doc | null }[] }>(
      up,
      `${PERSONAL_DATA_VIEW}?${query}`,
    );
    const docs = rows
      .map((row) => row.doc)
      .filter((doc): doc is Doc => !!doc && concerns(doc, move.personId))
      .map((doc) => handedOver(doc, move, by, at))
      .filter((doc): doc is Doc => doc !== null);
    if (docs.length === 0) return written;
    const res = await fetchCouch(`${up.base}_bulk_docs`, {
      method: 'POST',
      headers: withJson(up.headers),
      body: JSON.stringify({ docs }),
      signal: up.signal,
    });
    if (res.status !== 201 && res.status !== 202)
      throw new Error(`CouchDB answered ${res.status} to the hand-over`);
    const results = (await res.json()) as { ok?: boolean; error?: string }[];
    written += results.filter((r) => r.ok).length;
    if (results.every((r) => r.ok || r.error !== 'conflict')) return written;
  }
  throw new Error(`hand-over of ${move.personId}: still in conflict after ${ATTEMPTS} attempts`);
}
