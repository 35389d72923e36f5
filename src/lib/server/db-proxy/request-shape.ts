// What a valid query and body look like for each request the /db proxy lets through, checked
// before anything is forwarded: express-pouchdb ends the whole process on some of the shapes it
// is not ready for (a `_selector` filter without a selector, a `_revs_diff` of the wrong shape…).
// Pure: the proxy reads the body, asks here, and forwards what comes back, re-serialised.
import { z } from 'zod';
import type { DbRoute } from './allow-list';

export type ShapeCheck =
  | { readonly ok: true; readonly query: URLSearchParams; readonly body?: unknown }
  | { readonly ok: false; readonly reason: string };

/** Most ids one request may name (PouchDB asks for batches of 100). */
export const MAX_IDS = 2000;
const REV = /^[1-9]\d{0,9}-[0-9a-f]{1,128}$/;
// The last form is the proxy's own, for a relay's first pull (changes-reads.ts).
const SEQ = /^(now|\d{1,15}|\d{1,15}-[A-Za-z0-9_-]{1,4000}|r~[A-Za-z0-9_-]{4,4000})$/;
const INT = /^\d{1,9}$/;

type ParamCheck = (value: string) => boolean;
const bool: ParamCheck = (v) => v === 'true' || v === 'false';
const int: ParamCheck = (v) => INT.test(v);
const jsonOf =
  (schema: z.ZodType): ParamCheck =>
  (v) => {
    try {
      return schema.safeParse(JSON.parse(v)).success;
    } catch {
      return false;
    }
  };

/**
 * A document id a browser may name: not empty, bounded, and not a local document (the worker's
 * checkpoint). Design documents still appear in _changes, so PouchDB fetches them: hiding them
 * belongs with per-user reads, which filter _changes too.
 */
const docId = z
  .string()
  .min(1)
  .max(300)
  .refine((id) => !id.startsWith('_local/') && id !== '_local', {
    error: 'Les documents locaux ne passent pas par /db',
  });
const rev = z.string().regex(REV, 'Révision invalide');
const keyValue = z.union([z.string().max(300), z.number(), z.null(), z.array(z.unknown()).max(8)]);
const idList = z.array(docId).max(MAX_IDS);
const revList = z.array(rev).min(1).max(1000);

const CHANGES_PARAMS: Record<string, ParamCheck> = {
  style: (v) => v === 'all_docs' || v === 'main_only',
  since: (v) => SEQ.test(v),
  limit: int,
  feed: (v) => v === 'normal' || v === 'longpoll',
  heartbeat: (v) => int(v) || v === 'true',
  timeout: int,
  filter: (v) => v === '_doc_ids',
  doc_ids: jsonOf(idList),
  include_docs: bool,
  conflicts: bool,
  descending: bool,
  seq_interval: int,
  return_docs: bool,
};

const ALL_DOCS_PARAMS: Record<string, ParamCheck> = {
  include_docs: bool,
  conflicts: bool,
  descending: bool,
  update_seq: bool,
  inclusive_end: bool,
  limit: int,
  skip: int,
  key: jsonOf(keyValue),
  keys: jsonOf(idList),
  startkey: jsonOf(keyValue),
  endkey: jsonOf(keyValue),
  start_key: jsonOf(keyValue),
  end_key: jsonOf(keyValue),
};

const openRevs = (v: string) => v === 'all' || jsonOf(revList)(v);

const PARAMS: Record<DbRoute['kind'], Record<string, ParamCheck>> = {
  'db-info': {},
  changes: CHANGES_PARAMS,
  'revs-diff': {},
  'bulk-docs': {},
  'bulk-get': { revs: bool, latest: bool },
  'all-docs': ALL_DOCS_PARAMS,
  unreadable: {},
  'local-doc': { rev: (v) => /^0-\d{1,12}$/.test(v) || REV.test(v) },
  doc: {
    revs: bool,
    revs_info: bool,
    latest: bool,
    conflicts: bool,
    rev: (v) => REV.test(v),
    open_revs: openRevs,
  },
};

const refuse = (reason: string): ShapeCheck => ({ ok: false, reason });

/** Checks the query of an allow-listed request: known parameters only, each with a valid value. */
export function checkDbQuery(route: DbRoute, method: string, query: URLSearchParams): ShapeCheck {
  const allowed = PARAMS[route.kind];
  const seen = new Set<string>();
  for (const [name, value] of query) {
    const check = Object.hasOwn(allowed, name) ? allowed[name] : undefined;
    if (!check) return refuse(`Paramètre « ${name.slice(0, 40)} » inconnu ici`);
    if (seen.has(name)) return refuse(`Paramètre « ${name} » donné deux fois`);
    seen.add(name);
    if (!check(value)) return refuse(`Valeur invalide pour « ${name} »`);
  }
  if (route.kind === 'changes') {
    const filter = query.get('filter');
    if (query.has('doc_ids') && filter !== '_doc_ids')
      return refuse('doc_ids va avec filter=_doc_ids');
    if (method === 'GET' && filter === '_doc_ids' && !query.has('doc_ids'))
      return refuse('filter=_doc_ids demande la liste doc_ids');
  }
  return { ok: true, query };
}

/** Routes whose body the proxy reads and checks (bulk-docs has its own, document by document). */
export function hasCheckedBody(route: DbRoute, method: string): boolean {
  if (method !== 'POST' && method !== 'PUT') return false;
  return ['changes', 'revs-diff', 'bulk-get', 'all-docs', 'local-doc', 'unreadable'].includes(
    route.kind,
  );
}

const revsDiffBody = z
  .record(z.string().min(1).max(300), revList)
  .refine((body) => Object.keys(body).length <= MAX_IDS, {
    error: 'Trop de documents dans une requête',
  });
const bulkGetBody = z.strictObject({
  docs: z
    .array(z.strictObject({ id: docId, rev: rev.optional() }))
    .min(1)
    .max(MAX_IDS),
});
const allDocsBody = z.strictObject({ keys: idList });
const docIdsBody = z.strictObject({ doc_ids: idList.min(1) });
const checkpointBody = z.looseObject({ _id: z.string().optional(), _rev: z.string().optional() });

const zodReason = (error: z.ZodError) => {
  const issue = error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  return `Corps de requête invalide${where} : ${issue?.message ?? 'forme inattendue'}`;
};

function parsed(schema: z.ZodType, body: unknown, query: URLSearchParams): ShapeCheck {
  const result = schema.safeParse(body);
  return result.success ? { ok: true, query, body: result.data } : refuse(zodReason(result.error));
}

/**
 * Checks the JSON body of an allow-listed request (see hasCheckedBody); `body` is undefined when
 * the request had none. The answer's body is what to forward.
 */
export function checkDbBody(route: DbRoute, query: URLSearchParams, body: unknown): ShapeCheck {
  switch (route.kind) {
    case 'revs-diff': {
      const result = revsDiffBody.safeParse(body);
      if (!result.success) return refuse(zodReason(result.error));
      // System documents never come from a device: they are left out, as if the server had them.
      const kept = Object.fromEntries(
        Object.entries(result.data).filter(([id]) => !id.startsWith('_')),
      );
      return { ok: true, query, body: kept };
    }
    case 'bulk-get':
      return parsed(bulkGetBody, body, query);
    case 'unreadable':
      return parsed(z.strictObject({ ids: idList }), body, query);
    case 'all-docs':
      if (query.has('keys'))
        return refuse('keys se donne dans le corps ou dans l’adresse, pas les deux');
      return parsed(allDocsBody, body, query);
    case 'changes': {
      const filter = query.get('filter');
      if (filter === '_doc_ids') {
        if (query.has('doc_ids')) return refuse('doc_ids se donne dans le corps ou dans l’adresse');
        return parsed(docIdsBody, body, query);
      }
      if (body === undefined || isEmptyObject(body)) return { ok: true, query, body: {} };
      return refuse('Sans filtre, _changes n’attend pas de corps');
    }
    case 'local-doc': {
      const result = checkpointBody.safeParse(body);
      if (!result.success) return refuse('Point de reprise attendu (objet JSON)');
      const pathId = `_local/${route.id}`;
      if (result.data._id !== undefined && result.data._id !== pathId)
        return refuse('Le _id du point de reprise doit être celui de son adresse');
      return { ok: true, query, body: { ...result.data, _id: pathId } };
    }
    default:
      return refuse('Cette requête n’attend pas de corps');
  }
}

const isEmptyObject = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
