// _bulk_docs through the proxy: the body read and screened document by document (bulk-docs.ts),
// the current revisions and passengers read first (but for the ids her _revs_diff has just found
// absent), what passes forwarded in one request, and each document alone when CouchDB refuses
// the whole batch.
import type { AppConfig } from '../config';
import { takeAbsent } from './absent-ids';
import type { SessionUser } from '../session-token';
import {
  idsToLookUp,
  mergeBulkDocsResults,
  readBulkDocsBody,
  screenBulkDocs,
  type BulkDocResult,
} from './bulk-docs';
import { asResponse, couchRequest } from './couch-request';
import { carryHandOver, handOverOf, type HandOver } from './hand-over';
import {
  dbError,
  jsonResponse,
  PROXY_MESSAGES,
  readJson,
  relayResponse,
  withJson,
} from './responses';

export async function proxyBulkDocs(
  request: Request,
  config: AppConfig,
  user: SessionUser,
  base: string,
  headers: Headers,
  now: Date,
): Promise<Response> {
  const parsed = await readJson(request, config);
  if (parsed instanceof Response) return parsed;
  const body = readBulkDocsBody(parsed);
  if (typeof body === 'string') return dbError(400, 'bad_request', body);

  // Documents her _revs_diff has just found absent (made offline) are not read again.
  const ids = idsToLookUp(body);
  const absent = await takeAbsent(base, user.name, ids, now.getTime());
  const current = await currentDocs(
    base,
    ids.filter((id) => !absent.has(id)),
    headers,
    request.signal,
  );
  if (current instanceof Response) return current;
  const { accepted, refused } = screenBulkDocs(body, user, current, now);
  for (const r of refused)
    console.warn(
      `[db-proxy] refused ${r.entry.id || '(no id)'} from ${user.name}: ${r.entry.reason}`,
    );

  let upstreamResults: BulkDocResult[] = [];
  if (accepted.length > 0) {
    const post = async (docs: readonly Record<string, unknown>[]) =>
      asResponse(
        await couchRequest(`${base}_bulk_docs`, {
          method: 'POST',
          headers: withJson(headers),
          body: JSON.stringify({ docs, ...(body.new_edits === false ? { new_edits: false } : {}) }),
          signal: request.signal,
        }),
      );
    const upstream = await post(accepted);
    if (upstream.status === 201 || upstream.status === 202) {
      const answer: unknown = await upstream.json();
      if (!Array.isArray(answer)) return dbError(502, 'bad_gateway', PROXY_MESSAGES.upstreamError);
      upstreamResults = answer as BulkDocResult[];
    } else if (upstream.status >= 400 && upstream.status !== 401 && accepted.length > 1) {
      // CouchDB refused the whole batch for one document: each goes alone, so only it fails.
      await upstream.body?.cancel();
      for (const doc of accepted) upstreamResults.push(...(await postAlone(post, doc)));
    } else if (upstream.status >= 400 && upstream.status < 500 && upstream.status !== 401) {
      upstreamResults = [await failedEntry(upstream, accepted[0]!)];
    } else return relayResponse(upstream);
  }
  const moves = accepted.flatMap((doc) => {
    const move = handOverOf(user, doc, current.get(String(doc._id)) ?? null);
    return move && written(upstreamResults, move.personId, body.new_edits === false) ? [move] : [];
  });
  await carryAll(moves, { base, headers, signal: request.signal }, user.name, now);
  return jsonResponse(201, mergeBulkDocsResults(refused, accepted, upstreamResults));
}

/** Whether CouchDB stored `id` (with new_edits=false it lists failures only). */
const written = (results: readonly BulkDocResult[], id: string, replicated: boolean) =>
  replicated
    ? !results.some((r) => r.id === id && r.error)
    : results.some((r) => r.id === id && r.ok);

async function carryAll(
  moves: readonly HandOver[],
  up: { base: string; headers: Headers; signal: AbortSignal },
  by: string,
  now: Date,
) {
  for (const move of moves) {
    try {
      const n = await carryHandOver(up, move, by, now.toISOString());
      console.error(`[db-proxy] ${by} handed ${move.personId} over (${n} documents followed)`);
    } catch (err) {
      // The person is written: saying the push failed would be untrue. Logged for a coordinator.
      console.error(`[db-proxy] hand-over of ${move.personId} left undone:`, err);
    }
  }
}

async function postAlone(
  post: (docs: readonly Record<string, unknown>[]) => Promise<Response>,
  doc: Record<string, unknown>,
): Promise<BulkDocResult[]> {
  const res = await post([doc]);
  if (res.status === 201 || res.status === 202) {
    const answer: unknown = await res.json().catch(() => null);
    if (Array.isArray(answer)) return answer as BulkDocResult[];
  }
  return [await failedEntry(res, doc)];
}

/** A per-document error entry for a document CouchDB refused with the whole request. */
async function failedEntry(res: Response, doc: Record<string, unknown>): Promise<BulkDocResult> {
  const answer = (await res.json().catch(() => null)) as { error?: unknown } | null;
  console.warn(`[db-proxy] CouchDB refused ${String(doc._id)} (${res.status})`);
  return {
    id: String(doc._id),
    error: res.status >= 500 ? 'unknown_error' : String(answer?.error ?? 'bad_request'),
    reason: 'Le serveur de données a refusé ce document',
  };
}

/** The winning revision of each id, read with POST _all_docs, for mayWrite. */
async function currentDocs(
  base: string,
  ids: readonly string[],
  headers: Headers,
  signal: AbortSignal,
): Promise<Map<string, Record<string, unknown>> | Response> {
  const current = new Map<string, Record<string, unknown>>();
  if (ids.length === 0) return current;
  const upstream = await couchRequest(`${base}_all_docs?include_docs=true`, {
    method: 'POST',
    headers: withJson(headers),
    body: JSON.stringify({ keys: ids }),
    signal,
  });
  if (upstream.status !== 200) return relayResponse(asResponse(upstream));
  const { rows } = JSON.parse(upstream.text) as {
    rows: {
      id?: string;
      error?: string;
      value?: { deleted?: boolean };
      doc?: Record<string, unknown> | null;
    }[];
  };
  for (const row of rows) {
    if (!row.id || row.error) continue;
    if (row.value?.deleted) current.set(row.id, { _id: row.id, _deleted: true });
    else if (row.doc) current.set(row.id, row.doc);
  }
  return current;
}

/** CouchDB's answer, streamed back; errors of the proxy's own making are turned into 502. */
