// What a CouchDB 3 cluster (n = 3, several shards) does that a single-shard test server never does,
// injected by an HTTP layer in front of it (docs/cluster.md): a write answered 202 Accepted (fewer
// nodes than the quorum answered), sometimes while a sibling revision of the same parent is stored,
// as another worker's write on another node would be; a losing write answered 202 instead of 409,
// its revision kept beside the winner's; a changes feed that shows recent writes late, in no
// global order, with opaque sequences; views answered as of a little earlier. Randomness comes
// from the test's seed, so a failing run can be replayed.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ClusterFaultOptions {
  readonly seed: number;
  /** Share of successful document writes answered 202 Accepted, nothing else changed. */
  readonly accepted?: number;
  /** Share of successful writes answered 202 while a sibling of the same parent is stored. */
  readonly acceptedWithSibling?: number;
  /** Share of losing writes (409) answered 202, their revision stored beside the winner's. */
  readonly losersAccepted?: number;
  /**
   * Share of those siblings whose writer was answered 202 too, and takes its revision back when
   * ours is taken back (both racers lost: a node was down).
   */
  readonly rivalsBackOff?: number;
  /** A change stays out of _changes responses until its document was last written this long ago. */
  readonly feedDelayMs?: number;
  /** Rows of each _changes response in a random order. */
  readonly shuffleFeed?: boolean;
  /** Views answer from their index as it stood when last brought up to date, for this long. */
  readonly viewLagMs?: number;
  /** Only these views lag (names, e.g. 'rides_by_date'); all of them when absent. */
  readonly laggingViews?: readonly string[];
  /** Told every fault injected, to replay a failing seed by hand. */
  readonly trace?: (line: string) => void;
}

/** A profile that exercises every fault; tests override what they need. */
export const CLUSTER_FAULTS: Omit<ClusterFaultOptions, 'seed'> = {
  accepted: 0.1,
  acceptedWithSibling: 0.1,
  losersAccepted: 0.5,
  feedDelayMs: 40,
  shuffleFeed: true,
  viewLagMs: 60,
};

export interface FaultStats {
  accepted: number;
  acceptedWithSibling: number;
  losersAccepted: number;
  rivalsBackedOff: number;
  changesHeldBack: number;
  feedsShuffled: number;
  staleViews: number;
}

/** A fault forced on the next document write, whatever the shares say. */
export type ForcedFault = 'none' | 'accepted' | 'acceptedWithSibling' | 'rivalBacksOff';

export interface ClusterFaults {
  /** Base URL of the injector, without credentials. */
  readonly url: string;
  readonly stats: FaultStats;
  /** The next document writes get these faults, in order (a losing write is answered 202). */
  force(...faults: ForcedFault[]): void;
  /** Waits until every write is old enough to show in the feed and in the views. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** A small seeded generator (mulberry32): the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DROPPED_HEADERS = ['content-encoding', 'content-length', 'transfer-encoding', 'connection'];
const HOP_HEADERS = [
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'expect',
];

function requestHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (!HOP_HEADERS.includes(k) && v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Sequences as CouchDB 3 shows them ("12-g1AAA…"): a number, a dash, something opaque. */
export function encodeSeq(seq: unknown): string {
  const n = Number.parseInt(String(seq), 10);
  return `${Number.isNaN(n) ? 0 : n}-${Buffer.from(JSON.stringify(seq)).toString('base64url')}`;
}

function decodeSeq(seq: string): string {
  const m = /^\d+-([A-Za-z0-9_-]+)$/.exec(seq);
  if (!m) return seq;
  try {
    const inner = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as unknown;
    return typeof inner === 'string' ? inner : JSON.stringify(inner);
  } catch {
    return seq;
  }
}

export async function startClusterFaults(
  target: string,
  options: ClusterFaultOptions,
): Promise<ClusterFaults> {
  const random = seededRandom(options.seed);
  const feedDelayMs = options.feedDelayMs ?? 0;
  const viewLagMs = options.viewLagMs ?? 0;
  const stats: FaultStats = {
    accepted: 0,
    acceptedWithSibling: 0,
    losersAccepted: 0,
    rivalsBackedOff: 0,
    changesHeldBack: 0,
    feedsShuffled: 0,
    staleViews: 0,
  };
  const writtenAt = new Map<string, number>();
  /** Siblings whose (imaginary) writer takes them back when the real writer does. */
  const rivals = new Map<string, string>();
  const forced: ForcedFault[] = [];
  const viewFreshAt = new Map<string, number>();
  let lastWrite = -Infinity;
  const base = target.replace(/\/$/, '');

  async function forward(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer | string,
  ): Promise<Reply> {
    const res = await fetch(base + path, {
      method,
      headers,
      body:
        method === 'GET' || method === 'HEAD' || body === undefined
          ? undefined
          : new Uint8Array(Buffer.from(body)),
    });
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!DROPPED_HEADERS.includes(k)) out[k] = v;
    });
    return { status: res.status, headers: out, body: Buffer.from(await res.arrayBuffer()) };
  }

  const json = (status: number, value: unknown): Reply => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(value)),
  });
  const hex32 = () =>
    Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  const noted = (id: string) => {
    lastWrite = performance.now();
    writtenAt.set(id, lastWrite);
  };

  /** Stores `body` as a child of `parentRev` (or as a first revision) beside what is there. */
  async function storeSibling(
    db: string,
    id: string,
    body: Json,
    parentRev: string | null,
    auth: Record<string, string>,
  ): Promise<string> {
    const hash = hex32();
    let revisions = { start: 1, ids: [hash] };
    if (parentRev) {
      const res = await forward(
        'GET',
        `/${db}/${encodeURIComponent(id)}?rev=${parentRev}&revs=true`,
        auth,
      );
      const parent = JSON.parse(res.body.toString()) as { _revisions?: typeof revisions };
      const ancestry = parent._revisions ?? {
        start: Number.parseInt(parentRev, 10),
        ids: [parentRev.split('-')[1]!],
      };
      revisions = { start: ancestry.start + 1, ids: [hash, ...ancestry.ids] };
    }
    const { _rev: _, _revisions: __, ...rest } = body;
    const doc = { ...rest, _id: id, _rev: `${revisions.start}-${hash}`, _revisions: revisions };
    const res = await forward(
      'POST',
      `/${db}/_bulk_docs`,
      { ...auth, 'content-type': 'application/json' },
      JSON.stringify({ docs: [doc], new_edits: false }),
    );
    if (res.status >= 300) throw new Error(`sibling of ${id}: ${res.body.toString()}`);
    noted(id);
    return doc._rev;
  }

  /** The body of revision `rev`, without its revision fields. */
  async function revisionBody(db: string, id: string, rev: string, auth: Record<string, string>) {
    const res = await forward('GET', `/${db}/${encodeURIComponent(id)}?rev=${rev}`, auth);
    const { _rev: _, ...body } = JSON.parse(res.body.toString()) as Json;
    return body;
  }

  async function write(
    req: IncomingMessage,
    db: string,
    id: string,
    raw: Buffer,
    auth: Record<string, string>,
  ): Promise<Reply> {
    const body = JSON.parse(raw.toString() || '{}') as Json;
    const url = new URL(req.url!, 'http://x');
    const parentRev = (body._rev as string | undefined) ?? url.searchParams.get('rev');
    const roll = random();
    const force = forced.shift();
    const res = await forward(req.method!, req.url!, requestHeaders(req), raw);
    if (res.status === 201) {
      noted(id);
      const accepted = options.accepted ?? 0;
      if (force === 'accepted' || (force === undefined && roll < accepted)) {
        stats.accepted++;
        options.trace?.(`202 ${id} ${parentRev ?? 'new'} → ${JSON.parse(res.body.toString()).rev}`);
        return { ...res, status: 202 };
      }
      const withSibling = accepted + (options.acceptedWithSibling ?? 0);
      if (
        force === 'acceptedWithSibling' ||
        force === 'rivalBacksOff' ||
        (!force && roll < withSibling)
      ) {
        // Another worker wrote over the same parent on another node: for an update it changed
        // nothing (its body is the parent's), for a create it made the same document.
        const sibling = parentRev ? await revisionBody(db, id, parentRev, auth) : body;
        const rev = await storeSibling(db, id, sibling, parentRev, auth);
        const backsOff = force
          ? force === 'rivalBacksOff'
          : random() < (options.rivalsBackOff ?? 0);
        if (backsOff) rivals.set(`${db}/${id}`, rev);
        stats.acceptedWithSibling++;
        options.trace?.(
          `202 ${id} ${parentRev ?? 'new'} → ${JSON.parse(res.body.toString()).rev}, rival ${rev}`,
        );
        return { ...res, status: 202 };
      }
    } else if (
      res.status === 409 &&
      (force ? force !== 'none' : roll < (options.losersAccepted ?? 0))
    ) {
      // Our revision reached one node first: kept there, and the quorum not met either way.
      const rev = await storeSibling(db, id, body, parentRev, auth);
      stats.losersAccepted++;
      options.trace?.(`202 for a loser ${id} ${parentRev ?? 'new'} → ${rev}`);
      return json(202, { ok: true, id, rev });
    } else if (res.status < 300) noted(id);
    return res;
  }

  async function changes(
    req: IncomingMessage,
    db: string,
    headers: Record<string, string>,
  ): Promise<Reply> {
    const url = new URL(req.url!, 'http://x');
    const since = url.searchParams.get('since');
    if (since !== null) url.searchParams.set('since', decodeSeq(since));
    const res = await forward('GET', url.pathname + url.search, headers);
    if (res.status !== 200) return res;
    const feed = JSON.parse(res.body.toString()) as {
      results: { id: string; seq: unknown }[];
      last_seq: unknown;
      pending?: number;
    };
    // What was written a moment ago has not reached the node serving the feed yet: the rows
    // from there on are left for a later request, and last_seq stops before them.
    const now = performance.now();
    const cut = feed.results.findIndex(
      (r) => (writtenAt.get(r.id) ?? -Infinity) > now - feedDelayMs,
    );
    let results = feed.results;
    let lastSeq = feed.last_seq;
    if (cut !== -1) {
      stats.changesHeldBack += results.length - cut;
      lastSeq = cut === 0 ? (since === null ? 0 : decodeSeq(since)) : results[cut - 1]!.seq;
      results = results.slice(0, cut);
    }
    if (options.shuffleFeed && results.length > 1) {
      results = [...results];
      for (let i = results.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [results[i], results[j]] = [results[j]!, results[i]!];
      }
      stats.feedsShuffled++;
    }
    return json(200, {
      ...feed,
      results: results.map((r) => ({ ...r, seq: encodeSeq(r.seq) })),
      last_seq: encodeSeq(lastSeq),
    });
  }

  async function view(req: IncomingMessage, raw: Buffer, headers: Record<string, string>) {
    const url = new URL(req.url!, 'http://x');
    const now = performance.now();
    const freshAt = viewFreshAt.get(url.pathname) ?? -Infinity;
    const name = url.pathname.split('/').at(-1) ?? '';
    const lags = !options.laggingViews || options.laggingViews.includes(name);
    if (lags && now - freshAt < viewLagMs && lastWrite > freshAt) {
      // As of the last time this view was brought up to date (stale=ok: CouchDB 3 still accepts it).
      url.searchParams.set('stale', 'ok');
      stats.staleViews++;
    } else viewFreshAt.set(url.pathname, now);
    return forward(req.method!, url.pathname + url.search, headers, raw);
  }

  async function handle(req: IncomingMessage, raw: Buffer): Promise<Reply> {
    const url = new URL(req.url!, 'http://x');
    const parts = url.pathname.split('/').filter(Boolean);
    const headers = requestHeaders(req);
    const auth: Record<string, string> = headers.authorization
      ? { authorization: headers.authorization }
      : {};
    const [db, first, ...more] = parts;
    if (db && !db.startsWith('_')) {
      const docId =
        first === undefined ? undefined : decodeURIComponent([first, ...more].join('/'));
      if (req.method === 'PUT' && docId && !docId.startsWith('_'))
        return write(req, db, docId, raw, auth);
      if (req.method === 'POST' && docId === undefined) {
        const id = (JSON.parse(raw.toString() || '{}') as Json)._id;
        if (typeof id === 'string' && !id.startsWith('_')) return write(req, db, id, raw, auth);
      }
      if (req.method === 'GET' && first === '_changes') {
        const feed = url.searchParams.get('feed');
        if (feed === null || feed === 'normal') return changes(req, db, headers);
      }
      if (first === '_design' && more[1] === '_view') return view(req, raw, headers);
      if (req.method === 'DELETE' && docId && !docId.startsWith('_local/')) {
        noted(docId);
        const rival = rivals.get(`${db}/${docId}`);
        if (rival && rival !== url.searchParams.get('rev')) {
          rivals.delete(`${db}/${docId}`);
          const res = await forward(req.method, req.url!, headers, raw);
          await forward('DELETE', `/${db}/${encodeURIComponent(docId)}?rev=${rival}`, auth);
          stats.rivalsBackedOff++;
          return res;
        }
      }
      if (req.method === 'POST' && first === '_bulk_docs') {
        const docs = (JSON.parse(raw.toString()) as { docs?: { _id?: string }[] }).docs ?? [];
        for (const d of docs) if (d._id) noted(d._id);
      }
    }
    return forward(req.method!, req.url!, headers, raw);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks.map((c) => new Uint8Array(c))))
        .then((reply) => {
          res.writeHead(reply.status, reply.headers);
          res.end(reply.body);
        })
        .catch((err: Error) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'fault_injector', reason: err.message }));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    force: (...faults) => forced.push(...faults),
    settled: async () => {
      // Views lagging on purpose for a whole test (laggingViews) are not waited for.
      const lag = options.laggingViews ? 0 : viewLagMs;
      const wait = lastWrite + Math.max(feedDelayMs, lag) - performance.now();
      if (wait > 0) await sleep(wait + 1);
    },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
