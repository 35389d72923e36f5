// The proxy's JSON calls to CouchDB (view pages, _bulk_get, _revs_diff, catch-ups) over node:http
// with a keep-alive agent: a replication makes ~100 of them, and fetch() costs ~0.5 ms more CPU
// each (measured on loopback). Streams and long polls still go through fetch (couch.ts).
import http from 'node:http';
import https from 'node:https';
import { CouchUnreachableError } from '../couch';

// An idle socket is closed before a server's usual 5 s keep-alive ends (Node's http server,
// behind express-pouchdb), so no request is sent down a socket the server is closing.
const keep = { keepAlive: true, timeout: 4000 };
const agents = { 'http:': new http.Agent(keep), 'https:': new https.Agent(keep) };

export interface CouchAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export function couchRequest(
  url: string,
  init: { method: string; headers: Headers; body?: string; signal: AbortSignal },
): Promise<CouchAnswer> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const headers: Record<string, string> = Object.fromEntries(init.headers);
  if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      { method: init.method, headers, agent, signal: init.signal },
      (res) => {
        let text = '';
        // Decoded as it comes: a character split between two chunks is kept whole.
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', (err) => reject(failure(err, target)));
        res.on('close', () => {
          if (!res.complete) reject(failure(new Error('answer cut short'), target));
        });
        res.on('end', () => {
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            if (typeof value === 'string') answerHeaders.set(name, value);
          resolve({
            status: res.statusCode ?? 502,
            headers: answerHeaders,
            text,
          });
        });
      },
    );
    req.on('error', (err) => reject(failure(err, target)));
    req.end(init.body);
  });
}

/** The answer as a Response, for relayResponse. */
export function asResponse(answer: CouchAnswer): Response {
  const empty = answer.status === 204 || answer.status === 304;
  return new Response(empty ? null : answer.text, {
    status: answer.status,
    headers: answer.headers,
  });
}

function failure(err: Error, target: URL): Error {
  if (err.name === 'AbortError') return err;
  const code = (err as { code?: string }).code ?? err.message;
  return new CouchUnreachableError(`CouchDB unreachable at ${target.origin}: ${code}`, {
    cause: err,
  });
}
