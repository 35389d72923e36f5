// Replication checkpoints (`GET`/`PUT /db/_local/<id>`), each user's kept under an id of her own
// (`<id>~<hash of the name>`): the browser sees its own path's id, and nobody reads or moves
// another user's checkpoint, nor passes anything to another user through one.
//
// PouchDB reads a checkpoint before each write of it (once a batch); what this process wrote
// last is answered from memory. Safe with several app servers: a copy another server outdated
// has an old last_seq (the device replicates a little again) and an old _rev (CouchDB answers
// 409, the copy is dropped, and PouchDB reads again, from CouchDB).
import { createHash } from 'node:crypto';
import { asResponse, couchRequest } from './couch-request';
import type { Upstream } from './reader-index';
import { jsonResponse, relayResponse, withJson } from './responses';

/** Checkpoints kept (least recently written dropped): a few per device. */
const MAX_KEPT = 2000;
/** Longest checkpoint body kept in memory, in characters of JSON. */
const MAX_KEPT_CHARS = 16_384;
const kept = new Map<string, Record<string, unknown>>();

export async function checkpoint(
  up: Upstream,
  method: string,
  userName: string,
  id: string,
  query: URLSearchParams,
  body: unknown,
): Promise<Response> {
  const own = `_local/${id}~${createHash('sha256').update(userName).digest('hex').slice(0, 16)}`;
  const path = `_local/${id}`;
  // Per database too: one process may serve several (tests do).
  const key = `${up.base}${own}`;
  const search = query.toString();
  const copy = kept.get(key);
  if (method === 'GET' && search === '' && copy) return jsonResponse(200, { ...copy, _id: path });
  kept.delete(key);
  const written: Record<string, unknown> | undefined =
    body === undefined ? undefined : { ...(body as Record<string, unknown>), _id: own };
  const sent = written === undefined ? undefined : JSON.stringify(written);
  const res = await couchRequest(
    `${up.base}_local/${encodeURIComponent(own.slice('_local/'.length))}${search ? `?${search}` : ''}`,
    {
      method,
      headers: written === undefined ? up.headers : withJson(up.headers),
      signal: up.signal,
      ...(sent === undefined ? {} : { body: sent }),
    },
  );
  if (res.status !== 200 && res.status !== 201) return relayResponse(asResponse(res));
  const answer = JSON.parse(res.text) as Record<string, unknown>;
  // A deletion is not kept: CouchDB answers 404 for it, and so must the next GET.
  if (
    method === 'PUT' &&
    answer.ok === true &&
    typeof answer.rev === 'string' &&
    !written?._deleted &&
    // PouchDB's are a kilobyte or two; a bigger body is written but not kept in memory.
    (sent?.length ?? 0) <= MAX_KEPT_CHARS
  )
    remember(key, { ...written, _rev: answer.rev });
  if (answer._id === own) answer._id = path;
  if (answer.id === own) answer.id = path;
  return jsonResponse(res.status, answer);
}

function remember(key: string, doc: Record<string, unknown>) {
  kept.set(key, doc);
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
}
