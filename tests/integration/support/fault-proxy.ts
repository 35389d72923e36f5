// An HTTP proxy between a client under test (the worker) and the test's CouchDB that fails on
// demand: the whole database away for a while (connections refused, or reset once a request is
// read), or one request that matches a predicate reset, answered by the proxy itself, or
// forwarded with its answer lost on the way back. Give the client `proxy.url` instead of the
// database's URL (same credentials). Meant to grow into a CouchDB-cluster fault injector.
//   const proxy = await startFaultProxy(couch.url);
//   const outage = proxy.downWhen(writesDoc('match:', '"confirmed"'));
//   …; await outage; …; await proxy.up();
import http from 'node:http';
import net from 'node:net';

export interface ProxiedRequest {
  readonly method: string;
  /** As the client sent it: ids percent-encoded (`/db/match%3Aabc`). */
  readonly path: string;
  readonly body: string;
}

export type Fault =
  /** The connection is cut once the request is read; nothing reaches the database. */
  | 'reset'
  /** Forwarded (the database acts on it), then the connection is cut before the answer. */
  | 'lose-response'
  /** Answered by the proxy; nothing reaches the database. */
  | { readonly status: number; readonly body?: unknown };

export interface FaultRule {
  readonly when: (req: ProxiedRequest) => boolean;
  readonly fault: Fault;
  /** How many matching requests get the fault (default 1). */
  readonly times?: number;
}

/**
 * A write of a document whose id starts with `idPrefix` and whose JSON contains `contains`
 * (nano's insert() posts the document to the database, its id in the body).
 */
export const writesDoc =
  (idPrefix: string, contains = '') =>
  (req: ProxiedRequest): boolean =>
    (req.method === 'POST' || req.method === 'PUT') &&
    req.body.includes(`"_id":"${idPrefix}`) &&
    req.body.includes(contains);

/** refuse: nothing listens (ECONNREFUSED); reset: connections are cut once a request is read. */
export type Outage = 'refuse' | 'reset';

export interface FaultProxy {
  /** The target URL, credentials included, pointing at the proxy. */
  readonly url: string;
  /** Requests forwarded to the database so far (faults and outages not counted). */
  readonly forwarded: number;
  /** The database goes away for every client, from now until up(). */
  down(kind?: Outage): Promise<void>;
  /** The outage begins with the first request matching `when` (refused too); resolves with it. */
  downWhen(when: (req: ProxiedRequest) => boolean, kind?: Outage): Promise<ProxiedRequest>;
  up(): Promise<void>;
  inject(rule: FaultRule): void;
  stop(): Promise<void>;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let outage: Outage | null = null;
  let forwarded = 0;
  const rules: { rule: FaultRule; left: number }[] = [];
  type Trigger = {
    when: (req: ProxiedRequest) => boolean;
    kind: Outage;
    began: (req: ProxiedRequest) => void;
  };
  const triggers: Trigger[] = [];
  // Requests being answered per connection: an outage cuts idle connections at once and busy
  // ones when their answer is out, never an answer halfway through its body.
  const busy = new Map<net.Socket, number>();

  const cutIdle = () => {
    for (const [socket, n] of busy) if (n === 0) socket.destroy();
  };

  const server = http.createServer((req, res) => {
    const socket = req.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.on('close', () => {
      busy.set(socket, (busy.get(socket) ?? 1) - 1);
      if (outage) cutIdle();
    });
    const chunks: Uint8Array[] = [];
    req.on('data', (c: Uint8Array) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const seen = { method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString() };
      const trigger = outage ? undefined : triggers.find((t) => t.when(seen));
      if (trigger) {
        triggers.splice(triggers.indexOf(trigger), 1);
        void goDown(trigger.kind).then(() => trigger.began(seen));
      }
      if (outage) return socket.destroy();
      const found = rules.find((r) => r.left > 0 && r.rule.when(seen));
      if (found) found.left--;
      const fault = found?.rule.fault;
      if (fault === 'reset') return socket.destroy();
      if (typeof fault === 'object') {
        res.writeHead(fault.status, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(fault.body ?? { error: 'injected', reason: 'fault proxy' }));
      }
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          if (fault === 'lose-response') {
            answer.resume();
            return socket.destroy();
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forwarded++;
      upstream.on('error', () => socket.destroy());
      upstream.end(body);
    });
  });

  let listener: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const l = net.createServer((socket) => {
        busy.set(socket, 0);
        socket.on('close', () => busy.delete(socket));
        if (outage === 'reset') socket.once('data', () => socket.destroy());
        server.emit('connection', socket);
      });
      l.once('error', reject);
      l.listen(port, '127.0.0.1', () => {
        port = (l.address() as net.AddressInfo).port;
        listener = l;
        resolve();
      });
    });
  const closeListener = () =>
    new Promise<void>((resolve) => {
      const l = listener;
      listener = null;
      if (!l) return resolve();
      l.close(() => resolve());
      // close() waits for every connection to end: do not wait for clients that keep theirs.
      setImmediate(resolve);
    });

  async function goDown(kind: Outage) {
    outage = kind;
    cutIdle();
    if (kind === 'refuse') await closeListener();
  }

  await listen();
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString().replace(/\/$/, ''),
    get forwarded() {
      return forwarded;
    },
    down: (kind = 'refuse') => goDown(kind),
    downWhen: (when, kind = 'refuse') =>
      new Promise<ProxiedRequest>((began) => triggers.push({ when, kind, began })),
    up: async () => {
      outage = null;
      if (!listener) await listen();
    },
    inject: (rule) => rules.push({ rule, left: rule.times ?? 1 }),
    stop: async () => {
      triggers.length = 0;
      outage = 'refuse';
      cutIdle();
      await closeListener();
      for (const socket of busy.keys()) socket.destroy();
    },
  };
}
