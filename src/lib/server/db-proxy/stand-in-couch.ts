// For unit tests: a stand-in for CouchDB on loopback, answering each request with what `answer`
// gives for its URL (a JSON body, 200 unless a status is given; null holds the request open, as
// a long poll with nothing new, until `wake` finds an answer for it), and the Upstream to reach
// it.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Upstream } from './reader-index';

export interface StandInCouch {
  upstream(db: string): Upstream;
  /** Asks `answer` again about the requests held open. */
  wake(): void;
  close(): Promise<void>;
}

export async function startStandInCouch(
  answer: (url: URL) => { status?: number; body: unknown } | null,
): Promise<StandInCouch> {
  const held = new Set<{ url: URL; res: ServerResponse }>();
  const tryAnswer = (url: URL, res: ServerResponse) => {
    const given = answer(url);
    if (!given) return false;
    const { status = 200, body } = given;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    return true;
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://stand-in');
    if (tryAnswer(url, res)) return;
    const request = { url, res };
    held.add(request);
    res.on('close', () => held.delete(request));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    upstream: (db) => ({
      base: `${base}${db}/`,
      headers: new Headers(),
      signal: new AbortController().signal,
    }),
    wake: () => {
      for (const request of [...held])
        if (tryAnswer(request.url, request.res)) held.delete(request);
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
