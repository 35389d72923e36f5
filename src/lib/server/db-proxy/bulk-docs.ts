// Checks every document of a _bulk_docs body before it reaches CouchDB: size and fields, creation
// stamps from the session, its shape (parseDoc), who may write it (mayWrite, against the current
// winning revision) and, for a request, whether the writer may read its passenger. Refused documents are not
// forwarded; they get a per-document `forbidden` entry, which PouchDB's replicator reports as
// "denied" and skips, so one bad document never blocks the others.
import {
  heldBackRefusal,
  isDeletion,
  mayRead,
  mayWrite,
  mayWriteTask,
  parseDoc,
  parseWorkerDoc,
  passengerRefusal,
  shapeRefusal,
  stampFromSession,
  type AccessUser,
} from '../../domain/documents';

export interface BulkDocsBody {
  readonly docs: readonly Record<string, unknown>[];
  readonly new_edits?: boolean;
  readonly [key: string]: unknown;
}

export interface BulkDocResult {
  readonly id?: string;
  readonly rev?: string;
  readonly ok?: boolean;
  readonly error?: string;
  readonly reason?: string;
}

export interface Refusal {
  /** Position in the body's docs. */
  readonly index: number;
  readonly entry: { id: string; error: 'forbidden'; name: 'forbidden'; reason: string };
}

export interface Screened {
  readonly accepted: Record<string, unknown>[];
  readonly refused: Refusal[];
}

/** What the docs array must look like before anything else is checked, or a French reason. */
export function readBulkDocsBody(input: unknown): BulkDocsBody | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return 'Corps attendu : { "docs": [...] }';
  const body = input as Record<string, unknown>;
  if (!Array.isArray(body.docs)) return 'Corps attendu : { "docs": [...] }';
  if (!body.docs.every((d) => typeof d === 'object' && d !== null && !Array.isArray(d))) {
    return 'Chaque élément de "docs" doit être un document (objet JSON)';
  }
  if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean')
    return 'new_edits doit être vrai ou faux';
  const extra = Object.keys(body).find((key) => key !== 'docs' && key !== 'new_edits');
  if (extra !== undefined) return `Paramètre « ${extra.slice(0, 40)} » inconnu dans _bulk_docs`;
  return body as unknown as BulkDocsBody;
}

/**
 * Ids whose current version the checks need: every document with a usable _id, and the passenger
 * of every request (mayRead), so that one _all_docs reads them all.
 */
export function idsToLookUp(body: BulkDocsBody): string[] {
  const ids = new Set<string>();
  for (const doc of body.docs) {
    if (typeof doc._id === 'string') ids.add(doc._id);
    if (doc.type === 'request' && typeof doc.passengerId === 'string') ids.add(doc.passengerId);
  }
  return [...ids].filter((id) => id !== '' && !id.startsWith('_'));
}

/**
 * Splits the documents into those to forward (creation stamps set from the session) and those
 * refused. `current` holds the winning revision of each id already in the database
 * (`{ _deleted: true }` for a deleted one), passengers included.
 */
export function screenBulkDocs(
  body: BulkDocsBody,
  user: AccessUser,
  current: ReadonlyMap<string, Record<string, unknown>>,
  now: Date,
): Screened {
  const checked = body.docs.map((doc) =>
    body.new_edits === false && alreadyStored(doc, user, current)
      ? null
      : screenDoc(doc, user, current, now),
  );
  // A request's passenger may come in the same batch (registered and asked for offline).
  const people = new Map(current);
  for (const c of checked) if (c?.ok && c.doc.type === 'person') people.set(c.id, c.doc);
  const accepted: Record<string, unknown>[] = [];
  const refused: Refusal[] = [];
  checked.forEach((c, index) => {
    if (c === null) return;
    const reason = c.ok
      ? passengerRefusal(c.doc, user, people.get(String(c.doc.passengerId)) ?? null)
      : c.reason;
    if (reason === null && c.ok) accepted.push(c.doc);
    else
      refused.push({
        index,
        // `name` too: the browser's replicator skips a refused document only when it has one.
        entry: { id: c.id, error: 'forbidden', name: 'forbidden', reason: reason ?? '' },
      });
  });
  return { accepted, refused };
}

/**
 * A document sent (new_edits=false) at the revision the database holds as winning, which she may
 * read: CouchDB would store nothing, so it is neither forwarded nor refused. A device does this
 * when it pushes back what it has just pulled, its _revs_diff having come a moment before the
 * app saw the document in the feed (read-routes.ts).
 */
function alreadyStored(
  doc: Record<string, unknown>,
  user: AccessUser,
  current: ReadonlyMap<string, Record<string, unknown>>,
): boolean {
  const stored = typeof doc._id === 'string' ? current.get(doc._id) : undefined;
  return (
    stored !== undefined &&
    stored._deleted !== true &&
    typeof doc._rev === 'string' &&
    stored._rev === doc._rev &&
    mayRead(user, stored)
  );
}

type DocCheck =
  | { ok: true; id: string; doc: Record<string, unknown> }
  | { ok: false; id: string; reason: string };

function screenDoc(
  doc: Record<string, unknown>,
  user: AccessUser,
  current: ReadonlyMap<string, Record<string, unknown>>,
  now: Date,
): DocCheck {
  const id = typeof doc._id === 'string' ? doc._id : '';
  const refuse = (reason: string): DocCheck => ({ ok: false, id, reason });
  if (id === '') return refuse('Un document envoyé par /db doit avoir un _id');
  if (id.startsWith('_'))
    return refuse('Les documents système (_design, _local…) ne s’écrivent pas par /db');
  if (doc._attachments !== undefined) return refuse('Les pièces jointes ne passent pas par /db');
  const shape = shapeRefusal(doc);
  if (shape !== null) return refuse(shape);
  const stored = current.get(id) ?? null;
  const stamped = stampFromSession(doc, user, now, stored);
  // A task is the worker's, but people mark it done (write-rules.ts mayWriteTask).
  const task = stamped.type === 'task';
  if (!isDeletion(stamped) && task) {
    const parsed = parseWorkerDoc(stamped);
    if (!parsed.ok) return refuse(parsed.error);
  } else if (!isDeletion(stamped)) {
    const parsed = parseDoc(stamped);
    if (!parsed.ok)
      return refuse(
        parsed.errors.map((e) => (e.path ? `${e.path} : ${e.message}` : e.message)).join(' ; '),
      );
  }
  const allowed = task ? mayWriteTask(user, stamped, stored) : mayWrite(user, stamped, stored);
  if (allowed !== true) return refuse(allowed);
  const held = heldBackRefusal(user, stamped, stored);
  return held === null ? { ok: true, id, doc: stamped } : refuse(held);
}

/**
 * CouchDB's answer for the forwarded documents, with the refusals put back in the order of the
 * body. The answer is matched to the forwarded documents by id: CouchDB answers in order, but the
 * embedded server may not (express-pouchdb's validation wrapper lists documents as their checks
 * end). With new_edits=false CouchDB lists only failures, so the refusals are appended instead.
 */
export function mergeBulkDocsResults(
  refused: readonly Refusal[],
  accepted: readonly Record<string, unknown>[],
  upstream: readonly BulkDocResult[],
): BulkDocResult[] {
  if (upstream.length !== accepted.length) return [...upstream, ...refused.map((r) => r.entry)];
  const byId = new Map<string, BulkDocResult[]>();
  for (const r of upstream) byId.set(r.id ?? '', [...(byId.get(r.id ?? '') ?? []), r]);
  const answers = accepted.map((doc) => byId.get(String(doc._id))?.shift());
  const inOrder = answers.every((a) => a !== undefined) ? answers : upstream;
  const byIndex = new Map(refused.map((r) => [r.index, r.entry]));
  const merged: BulkDocResult[] = [];
  let next = 0;
  for (let i = 0; i < refused.length + accepted.length; i++) {
    const entry = byIndex.get(i) ?? inOrder[next++];
    if (entry) merged.push(entry);
  }
  return merged;
}
