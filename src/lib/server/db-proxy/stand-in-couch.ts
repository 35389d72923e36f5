// For unit tests: a stand-in for CouchDB on loopback, answering each request with what `answer`
// gives for its URL (a JSON body, 200 unless a status is given), and the Upstream to reach it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Upstream } from './reader-index';

export interface StandInCouch {
  upstream(db: string): Upstream;
  close(): Promise<void>;
}

export async function startStandInCouch(
  answer: (url: URL) => { status?: number; body: unknown },
): Promise<StandInCouch> {
  const server: Server = createServer((req, res) => {
    const { status = 200, body } = answer(new URL(req.url!, 'http://stand-in'));
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    upstream: (db) => ({
      base: `${base}${db}/`,
      headers: new Headers(),
      signal: new AbortController().signal,
    }),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
