// Checks every document of a _bulk_docs body before it reaches CouchDB: its shape (parseDoc) and
// who may write it (mayWrite, against the current winning revision). Refused documents are not
// forwarded; they get a per-document `forbidden` entry, which PouchDB's replicator reports as
// "denied" and skips, so one bad document never blocks the others.
import { isDeletion, mayWrite, parseDoc, type AccessUser } from '../../domain/documents';

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
  return body as unknown as BulkDocsBody;
}

/** Ids whose current version mayWrite needs (every document with a usable _id). */
export function idsToLookUp(body: BulkDocsBody): string[] {
  return [
    ...new Set(body.docs.map((d) => d._id).filter((id): id is string => typeof id === 'string')),
  ];
}

/**
 * Splits the documents into those to forward and those refused. `current` holds the winning
 * revision of each id already in the database (`{ _deleted: true }` for a deleted one).
 */
export function screenBulkDocs(
  body: BulkDocsBody,
  user: AccessUser,
  current: ReadonlyMap<string, Record<string, unknown>>,
): Screened {
  const accepted: Record<string, unknown>[] = [];
  const refused: Refusal[] = [];
  body.docs.forEach((doc, index) => {
    const reason = refusalReason(doc, user, current);
    if (reason === null) accepted.push(doc);
    else
      refused.push({
        index,
        // `name` too: the browser's replicator skips a refused document only when it has one.
        entry: {
          id: typeof doc._id === 'string' ? doc._id : '',
          error: 'forbidden',
          name: 'forbidden',
          reason,
        },
      });
  });
  return { accepted, refused };
}

function refusalReason(
  doc: Record<string, unknown>,
  user: AccessUser,
  current: ReadonlyMap<string, Record<string, unknown>>,
): string | null {
  const id = doc._id;
  if (typeof id !== 'string' || id === '') return 'Un document envoyé par /db doit avoir un _id';
  if (id.startsWith('_'))
    return 'Les documents système (_design, _local…) ne s’écrivent pas par /db';
  if (doc._attachments !== undefined) return 'Les pièces jointes ne passent pas par /db';
  if (!isDeletion(doc)) {
    const parsed = parseDoc(doc);
    if (!parsed.ok)
      return parsed.errors
        .map((e) => (e.path ? `${e.path} : ${e.message}` : e.message))
        .join(' ; ');
  }
  const allowed = mayWrite(user, doc, current.get(id) ?? null);
  return allowed === true ? null : allowed;
}

/**
 * CouchDB's answer for the forwarded documents, with the refusals put back in the order of the
 * body. With new_edits=false CouchDB lists only failures, so the refusals are appended instead.
 */
export function mergeBulkDocsResults(
  total: number,
  refused: readonly Refusal[],
  upstream: readonly BulkDocResult[],
): BulkDocResult[] {
  if (upstream.length !== total - refused.length)
    return [...upstream, ...refused.map((r) => r.entry)];
  const byIndex = new Map(refused.map((r) => [r.index, r.entry]));
  const merged: BulkDocResult[] = [];
  let next = 0;
  for (let i = 0; i < total; i++) {
    const entry = byIndex.get(i) ?? upstream[next++];
    if (entry) merged.push(entry);
  }
  return merged;
}
