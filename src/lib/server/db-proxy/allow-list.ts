// What the /db proxy lets through: exactly the requests PouchDB's replication protocol makes
// (docs/sessions-and-proxy.md), nothing that administers, designs or escapes the database.
// Paths are decoded segment by segment and re-encoded for CouchDB, so %2F, %2E%2E or a doubled
// slash can never reach another database or a design document.

export type DbRoute =
  | { readonly kind: 'db-info' }
  | { readonly kind: 'changes'; readonly longpoll: boolean }
  | { readonly kind: 'revs-diff' }
  | { readonly kind: 'bulk-docs' }
  | { readonly kind: 'bulk-get' }
  | { readonly kind: 'all-docs' }
  | { readonly kind: 'local-doc'; readonly id: string }
  /** The proxy's own: which of the ids a device holds its user may no longer read. */
  | { readonly kind: 'unreadable' }
  | { readonly kind: 'doc'; readonly id: string };

export type Classified =
  | {
      readonly ok: true;
      readonly route: DbRoute;
      /** Path below the database, encoded, no leading slash. */ readonly path: string;
      readonly query: URLSearchParams;
    }
  | { readonly ok: false; readonly reason: string };

export const DB_PREFIX = '/db';
/** Largest batch a long-polled _changes may ask for: the proxy holds its answer in memory. */
export const LONGPOLL_MAX_LIMIT = 1000;

const DB_ENDPOINTS: Record<string, { methods: readonly string[]; route: DbRoute }> = {
  _changes: { methods: ['GET', 'POST'], route: { kind: 'changes', longpoll: false } },
  _revs_diff: { methods: ['POST'], route: { kind: 'revs-diff' } },
  _bulk_docs: { methods: ['POST'], route: { kind: 'bulk-docs' } },
  _bulk_get: { methods: ['POST'], route: { kind: 'bulk-get' } },
  _all_docs: { methods: ['GET', 'POST'], route: { kind: 'all-docs' } },
  _unreadable: { methods: ['POST'], route: { kind: 'unreadable' } },
};

/**
 * PouchDB names its replication checkpoints `_local/` + base64(md5) with '/' → '.' and '+' → '_'.
 * Other local documents (the worker's feed checkpoint, the demo seed marker) stay out of reach.
 */
export const CHECKPOINT_ID = /^[A-Za-z0-9._]{22}==$/;

/**
 * Built-in _changes filters PouchDB uses; design-document filters and views are not allowed, nor
 * `_selector`: the embedded server answers a valid one 404 and then dies (the PWA never sends it).
 */
const CHANGES_FILTERS = new Set(['_doc_ids']);

const forbid = (reason: string): Classified => ({ ok: false, reason });

/** Classifies a request made to the app's /db, given its method and raw (still encoded) URL. */
export function classifyDbRequest(method: string, url: URL): Classified {
  const raw = url.pathname;
  if (raw !== DB_PREFIX && !raw.startsWith(DB_PREFIX + '/')) return forbid('Hors de /db');
  const rest = raw.slice(DB_PREFIX.length + 1);
  const query = new URLSearchParams(url.search);

  if (rest === '') {
    if (method === 'GET' || method === 'HEAD')
      return { ok: true, route: { kind: 'db-info' }, path: '', query };
    return forbid(`${method} sur la base elle-même est réservé à l'administration`);
  }

  const segments: string[] = [];
  for (const encoded of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return forbid('Chemin mal encodé');
    }
    if (segment === '' || segment === '.' || segment === '..') return forbid('Chemin invalide');
    if (segment.includes('/') || segment.includes('\\'))
      return forbid('Barre oblique encodée interdite dans un chemin');
    if ([...segment].some((c) => c < ' ' || c === '\u007f'))
      return forbid('Caractère de contrôle interdit dans un chemin');
    segments.push(segment);
  }
  const [first, second, ...more] = segments as [string, ...string[]];

  if (first === '_local') {
    if (second === undefined || more.length > 0)
      return forbid('Document local attendu : /db/_local/<id>');
    if (method !== 'GET' && method !== 'PUT')
      return forbid(`${method} interdit sur un document local`);
    if (!CHECKPOINT_ID.test(second)) {
      return forbid('Seuls les points de reprise de la réplication passent par /db/_local');
    }
    return {
      ok: true,
      route: { kind: 'local-doc', id: second },
      path: `_local/${encodeURIComponent(second)}`,
      query: pick(query, ['rev']),
    };
  }

  if (first.startsWith('_')) {
    const endpoint = Object.hasOwn(DB_ENDPOINTS, first) ? DB_ENDPOINTS[first] : undefined;
    if (!endpoint || second !== undefined) {
      if (first === '_design') return forbid('Les documents de conception ne passent pas par /db');
      return forbid(`${first} n'est pas utile à la réplication`);
    }
    if (!endpoint.methods.includes(method)) return forbid(`${method} interdit sur ${first}`);
    if (endpoint.route.kind === 'changes') return classifyChanges(query);
    return { ok: true, route: endpoint.route, path: first, query };
  }

  if (second !== undefined) return forbid('Les pièces jointes ne passent pas par /db');
  if (method !== 'GET' && method !== 'HEAD') {
    return forbid(`${method} sur un document : les écritures passent par _bulk_docs`);
  }
  if (query.has('attachments') || query.has('att_encoding_info')) {
    return forbid('Les pièces jointes ne passent pas par /db');
  }
  return { ok: true, route: { kind: 'doc', id: first }, path: encodeURIComponent(first), query };
}

function classifyChanges(query: URLSearchParams): Classified {
  const feed = query.get('feed') ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll') {
    return forbid(`feed=${feed} : seuls les flux normal et longpoll sont servis`);
  }
  const filter = query.get('filter');
  if (filter !== null && !CHANGES_FILTERS.has(filter)) return forbid(`Filtre ${filter} interdit`);
  if (query.has('view')) return forbid('Les vues ne passent pas par /db');
  if (feed === 'normal')
    return { ok: true, route: { kind: 'changes', longpoll: false }, path: '_changes', query };

  // The proxy holds long polls itself (see longpoll.ts): bound the batch it may have to buffer.
  const limited = new URLSearchParams(query);
  const limit = Number(query.get('limit'));
  limited.set(
    'limit',
    String(
      Number.isInteger(limit) && limit > 0
        ? Math.min(limit, LONGPOLL_MAX_LIMIT)
        : LONGPOLL_MAX_LIMIT,
    ),
  );
  return { ok: true, route: { kind: 'changes', longpoll: true }, path: '_changes', query: limited };
}

function pick(query: URLSearchParams, names: readonly string[]): URLSearchParams {
  const kept = new URLSearchParams();
  for (const [key, value] of query) if (names.includes(key)) kept.append(key, value);
  return kept;
}
